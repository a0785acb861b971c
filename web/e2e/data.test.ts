import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ServerProcess, expectAccessible, loginAsAdmin } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

/** Where the screenshots of these views go, to be looked at. */
const SHOTS = process.env.DILNA_SHOTS;

async function newMeeting(page: Page, groupUrl: string, title: string, startsAt: string) {
  await page.goto(groupUrl);
  await page.getByLabel('Název setkání').fill(title);
  await page.getByLabel('Datum a čas').fill(startsAt);
  await page.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(page).toHaveURL(/\/m\//);
}

test("a group's facilitator downloads its archive, deletes a meeting after naming it, and sets how long participants' records stay", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, acceptDownloads: true })).newPage();
  await loginAsAdmin(page);
  await page.getByLabel('Název skupiny').fill('Senioři Liberec');
  await page.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(page.getByRole('heading', { name: 'Senioři Liberec' })).toBeVisible();
  const groupUrl = page.url();
  await newMeeting(page, groupUrl, 'Zářijové setkání', '2025-09-17T13:00');
  await newMeeting(page, groupUrl, 'Omylem založené', '2025-10-01T09:00');
  await page.goto(groupUrl);

  // The archive as one zip.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stáhnout celý archiv (ZIP)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^dilna-seniori-liberec-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const archive = JSON.parse(strFromU8(files['archiv.json']!)) as { meetings: { title: string }[] };
  expect(archive.meetings.map((m) => m.title)).toEqual(['Zářijové setkání', 'Omylem založené']);
  expect(files['2025-09-17 Zářijové setkání/2025-09-17 Zářijové setkání zápis.docx']).toBeDefined();
  await expectAccessible(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/group.png` });

  // Deleting: a dialog that names the meeting; Escape leaves it, focus back on its button.
  const deleteButton = page.getByRole('button', { name: 'Smazat setkání Omylem založené' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Smazat setkání „Omylem založené“?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Pro potvrzení napište název setkání: Omylem založené')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  const confirm = dialog.getByRole('button', { name: 'Smazat natrvalo' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Pro potvrzení napište název setkání/).fill('Omylem');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Pro potvrzení napište název setkání/).fill('Omylem založené');
  await expectAccessible(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/delete-dialog.png` });
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Setkání Omylem založené je smazáno.');
  await expect(page.getByRole('link', { name: 'Omylem založené', exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Zářijové setkání', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Omylem založené', exact: true })).toHaveCount(0);

  // The retention of participants' records, on the group's settings.
  await page.getByRole('link', { name: 'Členové skupiny' }).click();
  await expect(page.getByText('Záznamy účastníků se uchovávají.')).toBeVisible();
  const days = page.getByLabel('Smazat záznamy účastníků po (dnech od setkání)');
  await days.fill('365');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await expect(page.getByRole('status')).toHaveText('Uloženo.');
  await expect(page.getByText('Záznamy účastníků se mažou 365 dní po setkání.')).toBeVisible();
  await expectAccessible(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });
  await page.reload();
  await expect(days).toHaveValue('365');
  await days.fill('');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await expect(page.getByText('Záznamy účastníků se uchovávají.')).toBeVisible();
});
