import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, ServerProcess, expectAccessible } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

test('a facilitator prepares the agenda with the keyboard alone', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Přihlašovací jméno').focus();
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await page.keyboard.type(E2E_ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Pracovní skupiny' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Pracovní skupiny' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Přeskočit na obsah' })).toBeFocused();

  await page.getByLabel('Název skupiny').focus();
  await page.keyboard.type('Senioři');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Senioři' })).toBeVisible();

  await page.getByLabel('Název setkání').focus();
  await page.keyboard.type('Jarní setkání');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Jarní setkání' })).toBeVisible();

  for (const title of ['Asociace', 'Vize 2027', 'Priority']) {
    await page.getByLabel('Název aktivity').focus();
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: `Spustit: ${title}` })).toBeVisible();
  }
  const agenda = page.getByRole('region', { name: 'Program (aktivity)' }).getByRole('list');
  await expect(agenda.getByRole('listitem')).toHaveText([/1\. Asociace/, /2\. Vize 2027/, /3\. Priority/]);

  await page.getByRole('button', { name: 'Posunout níž: Asociace' }).press('Enter');
  await expect(agenda.getByRole('listitem')).toHaveText([/1\. Vize 2027/, /2\. Asociace/, /3\. Priority/]);

  await page.getByRole('button', { name: 'Přejmenovat: Priority' }).press('Enter');
  const rename = page.getByRole('textbox', { name: 'Název aktivity' }).first();
  await expect(rename).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Prioritizace problémů');
  await page.keyboard.press('Enter');
  await expect(agenda.getByRole('listitem')).toHaveText([/Vize 2027/, /Asociace/, /3\. Prioritizace problémů/]);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Odebrat: Asociace' }).press('Enter');
  await expect(agenda.getByRole('listitem')).toHaveText([/1\. Vize 2027/, /2\. Prioritizace problémů/]);

  await page.getByRole('button', { name: 'Upravit údaje' }).press('Enter');
  await page.getByLabel('Místo').fill('Komunitní centrum');
  await page.getByLabel('Místo').press('Enter');
  await expect(page.getByText(/, Komunitní centrum$/)).toBeVisible();

  // Everything above was stored: a fresh load shows the same agenda.
  await page.reload();
  await expect(agenda.getByRole('listitem')).toHaveText([/1\. Vize 2027/, /2\. Prioritizace problémů/]);
  await expectAccessible(page);
});
