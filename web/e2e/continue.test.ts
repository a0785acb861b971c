import { expect, test, type Page } from '@playwright/test';
import { ServerProcess, expectAccessible, logIn, phoneContext, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const snapshot = screenshotsAs('continue');

const PASSWORD = 'jana-password-123';

/** A group with a facilitator's account, last spring's meeting with a dot vote and this autumn's meeting, made by the administrator. */
async function group(): Promise<{ groupId: string; springId: string; autumnId: string }> {
  const created = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Senioři' });
  const jana = await server.asAdmin<{ id: string }>('POST', '/accounts', { login: 'jana', name: 'Jana Nováková', password: PASSWORD, role: 'user' });
  await server.asAdmin('PUT', `/groups/${created.id}/members/${jana.id}`, { role: 'facilitator' });
  const spring = await server.asAdmin<{ id: string; keys: { facilitator: string } }>('POST', `/groups/${created.id}/meetings`, {
    title: 'Jarní setkání',
    startsAt: '2026-03-03T17:00',
    place: 'Radnice',
  });
  const res = await fetch(`${server.url}/api/meetings/${spring.id}/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dilna-key': spring.keys.facilitator },
    body: JSON.stringify({ kind: 'dots', title: 'Priority', settings: { sections: [{ title: 'Potřeby', items: ['Doprava', 'Bydlení', 'Kavárna'] }] } }),
  });
  expect(res.status).toBe(201);
  const autumn = await server.asAdmin<{ id: string }>('POST', `/groups/${created.id}/meetings`, {
    title: 'Podzimní setkání',
    startsAt: '2026-10-06T17:00',
    place: 'Radnice',
  });
  return { groupId: created.id, springId: spring.id, autumnId: autumn.id };
}

const projectorItem = (projector: Page, text: string) => projector.getByRole('region', { name: 'Potřeby' }).getByRole('listitem').filter({ hasText: text });

test("a facilitator continues last meeting's dot vote keeping its results for reference; phones vote anew; the comparison shows the changes", async ({
  browser,
}) => {
  const { springId, autumnId } = await group();
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 } })).newPage();
  await logIn(facilitator, 'jana', PASSWORD);

  // Last spring the dots were counted on the flip-chart.
  await facilitator.goto(`/m/${springId}`);
  for (const [item, count] of [['Doprava', '7'], ['Bydlení', '3'], ['Kavárna', '1']] as const) {
    await facilitator.getByLabel(`Tečky z papírového flipchartu: ${item}`).fill(count);
    await facilitator.getByLabel(`Tečky z papírového flipchartu: ${item}`).press('Tab');
  }
  await expect(facilitator.locator('td.total')).toHaveText(['7', '3', '1']);

  // This autumn: continue it, keeping the old results visible.
  await facilitator.goto(`/m/${autumnId}`);
  const picker = facilitator.getByRole('form', { name: 'Navázat na tabuli z minulého setkání' });
  await picker.getByLabel('Tabule').selectOption({ label: 'Priority (Hlasování tečkami)' });
  await expect(picker.getByLabel('Ponechat viditelné pro srovnání')).toBeChecked();
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'console-picker');
  await picker.getByRole('button', { name: 'Navázat' }).click();

  await expect(facilitator.getByRole('heading', { name: 'Priority', level: 2 })).toBeVisible();
  await expect(facilitator.getByText('Navazuje na „Priority“ ze dne 3. 3. 2026; minulé výsledky jsou uvedeny pro srovnání.')).toBeVisible();
  for (const [index, item] of ['Doprava', 'Bydlení', 'Kavárna'].entries()) await expect(facilitator.getByRole('textbox', { name: 'Text položky' }).nth(index)).toHaveValue(item);
  await expect(facilitator.locator('td.total')).toHaveText(['0', '0', '0']);
  await expect(facilitator.locator('td.previous')).toHaveText(['minule 7 hlasů · 1. místo', 'minule 3 hlasy · 2. místo', 'minule 1 hlas · 3. místo']);
  // A need the group did not have last time.
  await facilitator.getByPlaceholder('Nová položka').fill('Asistence');
  await facilitator.getByPlaceholder('Nová položka').press('Enter');
  await expect(facilitator.locator('td.previous').last()).toHaveText('minule nebyla');
  await snapshot(facilitator, 'console-continued');
  await expectAccessible(facilitator);

  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const screenUrl = (await facilitator.getByRole('link', { name: 'Otevřít projektor' }).getAttribute('href'))!;
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);
  await facilitator.getByRole('button', { name: 'Spustit: Priority' }).click();
  await expect(projector.getByText('Navazuje na „Priority“ ze dne 3. 3. 2026')).toBeVisible();

  // Three phones vote from zero.
  const votes = [['Bydlení', 'Asistence'], ['Bydlení', 'Asistence'], ['Bydlení']];
  for (const items of votes) {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone.getByRole('heading', { name: 'Priority' })).toBeVisible();
    await expect(phone.getByTestId('dots-left')).toHaveText(/Zbývají vám 3 tečky\./);
    for (const item of items) {
      await phone.getByRole('button', { name: item }).click();
      await expect(phone.getByRole('button', { name: item })).toHaveAttribute('aria-pressed', 'true');
    }
  }

  await facilitator.getByRole('button', { name: 'Odhalit výsledky' }).click();
  await expect(projectorItem(projector, 'Bydlení')).toContainText('1.');
  await expect(projectorItem(projector, 'Bydlení')).toContainText('minule 3 hlasy · 2. místo');
  await expect(projectorItem(projector, 'Bydlení')).toContainText('3 tečky');
  await expect(projectorItem(projector, 'Asistence')).toContainText('minule nebyla');
  await expect(projectorItem(projector, 'Asistence')).toContainText('2 tečky');
  await expect(projectorItem(projector, 'Doprava')).toContainText('minule 7 hlasů · 1. místo');
  await expect(projectorItem(projector, 'Doprava')).toContainText('0 teček');
  await expectAccessible(projector);
  await snapshot(projector, 'projector');

  // Compared with last spring: Bydlení went up, Doprava down, Asistence is new.
  await facilitator.getByRole('link', { name: 'Porovnat s předchozím' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Porovnání výsledků', level: 1 })).toBeVisible();
  await expect(facilitator.getByLabel('Dřívější (A)')).toHaveValue(/.+/);
  const table = facilitator.getByRole('table', { name: 'Potřeby' });
  await expect(table.getByRole('row')).toHaveText([
    'PoložkaHlasy APořadí AHlasy BPořadí BZměna pořadíStav',
    'Bydlení32.31.↑ 1o 1 místo výšzůstala',
    'Asistence––22.–nová',
    'Doprava71.03.–4.↓ 2o 2 místa nížzůstala',
    'Kavárna13.03.–4.=beze změnyzůstala',
  ]);
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'compare');
});
