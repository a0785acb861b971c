import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ServerProcess, expectAccessible, phoneContext, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const snapshot = screenshotsAs('dots');

/** A group and a meeting made through the API by the administrator; returns the facilitator's console link. */
async function meeting(): Promise<{ consoleUrl: string }> {
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Sociální začleňování' });
  const created = await server.asAdmin<{ id: string; keys: { facilitator: string } }>('POST', `/groups/${group.id}/meetings`, {
    title: 'Setkání pracovní skupiny',
    startsAt: '2026-12-01T13:00',
    place: 'Krajský úřad',
  });
  return { consoleUrl: `${server.url}/m/${created.id}#key=${created.keys.facilitator}` };
}

const projectorItems = (projector: Page) => projector.getByRole('region', { name: 'Problémové oblasti' }).getByRole('listitem');

test('three phones spend their dots, the projector ranks them after the reveal, flip-chart dots add in, the minutes show the table', async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 } })).newPage();
  await facilitator.goto((await meeting()).consoleUrl);
  await expect(facilitator.getByRole('heading', { name: 'Setkání pracovní skupiny' })).toBeVisible();

  // A dot vote with one list of four problem areas.
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Hlasování tečkami' });
  await facilitator.getByLabel('Název aktivity').fill('Priority pro rok 2027');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Priority pro rok 2027' })).toBeVisible();
  await facilitator.getByLabel('Název seznamu').fill('Problémové oblasti');
  for (const item of ['Bydlení', 'Doprava', 'Dluhy', 'Nezaměstnanost']) {
    await facilitator.getByPlaceholder('Nová položka').fill(item);
    await facilitator.getByPlaceholder('Nová položka').press('Enter');
    await expect(facilitator.getByRole('textbox', { name: 'Text položky' }).last()).toHaveValue(item);
  }
  await expect(facilitator.getByLabel('Teček na účastníka')).toHaveValue('3');
  await expectAccessible(facilitator);

  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const screenUrl = (await facilitator.getByRole('link', { name: 'Otevřít projektor' }).getAttribute('href'))!;
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);

  const phones: Page[] = [];
  for (let i = 0; i < 3; i++) {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone).toHaveURL(/\/p\//);
    phones.push(phone);
  }
  const [anna, boris, cyril] = phones as [Page, Page, Page];

  await facilitator.getByRole('button', { name: 'Spustit: Priority pro rok 2027' }).click();
  for (const phone of phones) await expect(phone.getByRole('heading', { name: 'Priority pro rok 2027' })).toBeVisible();
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývají vám 3 tečky\./);
  await expect(projectorItems(projector)).toHaveText(['Bydlení', 'Doprava', 'Dluhy', 'Nezaměstnanost']);
  await expectAccessible(anna);
  await snapshot(anna, 'phone-before');

  // Anna spends all three dots; a fourth item cannot take one.
  const item = (phone: Page, text: string) => phone.getByRole('button', { name: text });
  for (const text of ['Bydlení', 'Doprava', 'Dluhy']) {
    await item(anna, text).click();
    await expect(item(anna, text)).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(anna.getByTestId('dots-left')).toHaveText(/Rozdali jste všechny tečky/);
  await expect(item(anna, 'Nezaměstnanost')).toBeDisabled();
  await snapshot(anna, 'phone-spent');

  // Boris places two; Cyril places one, takes it back and places it elsewhere.
  await item(boris, 'Bydlení').click();
  await expect(item(boris, 'Bydlení')).toHaveAttribute('aria-pressed', 'true');
  await item(boris, 'Doprava').click();
  await expect(boris.getByTestId('dots-left')).toHaveText(/Zbývá vám 1 tečka\./);
  await item(cyril, 'Doprava').click();
  await expect(item(cyril, 'Doprava')).toHaveAttribute('aria-pressed', 'true');
  await item(cyril, 'Doprava').click();
  await expect(item(cyril, 'Doprava')).toHaveAttribute('aria-pressed', 'false');
  await item(cyril, 'Bydlení').click();
  await expect(cyril.getByTestId('dots-left')).toHaveText(/Zbývají vám 2 tečky\./);

  // Before the reveal the projector shows who took part, not the counts; the console shows them.
  await expect(projector.getByText('Hlasovali 3 účastníci. Výsledky se ukážou po odhalení.')).toBeVisible();
  await expect(projectorItems(projector)).toHaveText(['Bydlení', 'Doprava', 'Dluhy', 'Nezaměstnanost']);
  await expect(facilitator.getByTestId('phone-dots')).toHaveText(['3', '2', '1', '0']);
  await expectAccessible(projector);
  await snapshot(projector, 'projector-hidden');

  // Dots counted on the paper flip-chart at the back of the room.
  await facilitator.getByLabel('Tečky z papírového flipchartu: Dluhy').fill('2');
  await facilitator.getByLabel('Tečky z papírového flipchartu: Dluhy').press('Tab');

  await facilitator.getByRole('button', { name: 'Odhalit výsledky' }).click();
  await expect(projectorItems(projector)).toHaveText([
    '1.–2. Bydlení 3 tečky',
    '1.–2. Dluhy (z toho 2 z flipchartu) 3 tečky',
    '3. Doprava 2 tečky',
    '4. Nezaměstnanost 0 teček',
  ]);
  await expect(anna.getByRole('button', { name: 'Dluhy 3 tečky' })).toBeVisible();
  await expectAccessible(projector);
  await snapshot(projector, 'projector-revealed');
  await snapshot(boris, 'phone-revealed');

  // The minutes section: the table in the original order, phone and flip-chart dots apart, and the priority order.
  const minutes = facilitator.getByRole('region', { name: 'Výsledky a zápis' });
  await minutes.getByText('Jak to bude v zápisu').click();
  const [table, order] = [minutes.getByRole('table').first(), minutes.getByRole('table').nth(1)];
  await expect(table.getByRole('columnheader')).toHaveText(['Položka', 'Hlasy z telefonů', 'Hlasy z flipchartu', 'Celkem']);
  await expect(table.getByRole('row')).toHaveText(['PoložkaHlasy z telefonůHlasy z flipchartuCelkem', 'Bydlení303', 'Doprava202', 'Dluhy123', 'Nezaměstnanost000']);
  await expect(order.getByRole('row')).toHaveText(['PořadíPoložkaCelkem', '1.–2.Bydlení3', '1.–2.Dluhy3', '3.Doprava2']);
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'console');

  // The counts as CSV.
  const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'Stáhnout výsledky (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe('Priority-pro-rok-2027.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Problémové oblasti,Dluhy,1,2,3,1.–2.,');

  // Resetting the list gives the phones their dots back and leaves the flip-chart's.
  facilitator.once('dialog', (dialog) => void dialog.accept());
  await facilitator.getByRole('button', { name: 'Vynulovat tečky z telefonů' }).click();
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývají vám 3 tečky\./);
  await expect(item(anna, 'Bydlení')).toHaveAttribute('aria-pressed', 'false');
  await expect(projectorItems(projector).first()).toHaveText('1. Dluhy (z toho 2 z flipchartu) 2 tečky');
});

test('a stakeholder map: groups and needs, several dots on one need, priorities marked with ⚫', async ({ browser }) => {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 } })).newPage();
  await facilitator.goto((await meeting()).consoleUrl);
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Hlasování tečkami' });
  await facilitator.getByLabel('Název aktivity').fill('Mapa zájmových skupin');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await facilitator.getByLabel('Typ').selectOption({ label: 'Zájmové skupiny a jejich potřeby' });
  await facilitator.getByLabel('Víc teček na jednu položku').check();
  await facilitator.getByLabel('Výsledky', { exact: true }).selectOption({ label: 'ukazovat průběžně' });
  await facilitator.getByLabel('Zájmová skupina').fill('Senioři');
  for (const need of ['Doprava k lékaři', 'Pomoc v domácnosti', 'Společenský kontakt']) {
    await facilitator.getByPlaceholder('Nová potřeba').fill(need);
    await facilitator.getByPlaceholder('Nová potřeba').press('Enter');
    await expect(facilitator.getByRole('textbox', { name: 'Text položky' }).last()).toHaveValue(need);
  }
  await facilitator.getByRole('button', { name: 'Přidat zájmovou skupinu' }).click();
  await facilitator.getByLabel('Zájmová skupina').nth(1).fill('Pečující');
  await facilitator.getByPlaceholder('Nová potřeba').nth(1).fill('Odlehčovací služba');
  await facilitator.getByPlaceholder('Nová potřeba').nth(1).press('Enter');
  await expect(facilitator.getByRole('textbox', { name: 'Text položky' })).toHaveCount(4);

  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const phone = await (await phoneContext(browser, server.url)).newPage();
  await phone.goto(`/join?code=${code}`);
  await facilitator.getByRole('button', { name: 'Spustit: Mapa zájmových skupin' }).click();

  // Two dots on one need, one taken back, one on another group's need.
  const add = (need: string) => phone.getByRole('button', { name: `Přidat tečku: ${need}` });
  await add('Doprava k lékaři').click();
  await expect(phone.getByTestId('dots-left')).toHaveText(/Zbývají vám 2 tečky\./);
  await add('Doprava k lékaři').click();
  await expect(phone.getByTestId('dots-left')).toHaveText(/Zbývá vám 1 tečka\./);
  await add('Odlehčovací služba').click();
  await expect(phone.getByTestId('dots-left')).toHaveText(/Rozdali jste všechny tečky/);
  await expect(add('Pomoc v domácnosti')).toBeDisabled();
  await phone.getByRole('button', { name: 'Vzít tečku zpět: Doprava k lékaři' }).click();
  await expect(phone.getByTestId('dots-left')).toHaveText(/Zbývá vám 1 tečka\./);
  await add('Pomoc v domácnosti').click();
  const need = (text: string) => phone.getByRole('listitem').filter({ hasText: text });
  await expect(need('Doprava k lékaři')).toContainText('prioritní');
  await expect(need('Společenský kontakt')).not.toContainText('prioritní');
  await expectAccessible(phone);
  await snapshot(phone, 'phone-stakeholders');

  // The facilitator chooses one more priority by hand; the minutes put ⚫ after each.
  await facilitator.getByLabel('Priorita: Společenský kontakt').selectOption({ label: 'ano ⚫' });
  const minutes = facilitator.getByRole('region', { name: 'Výsledky a zápis' });
  await minutes.getByText('Jak to bude v zápisu').click();
  await expect(minutes.getByRole('heading', { name: 'Senioři' })).toBeVisible();
  await expect(minutes.getByRole('listitem')).toHaveText([
    'Doprava k lékaři ⚫ (prioritní)',
    'Pomoc v domácnosti ⚫ (prioritní)',
    'Společenský kontakt ⚫ (prioritní)',
    'Odlehčovací služba ⚫ (prioritní)',
  ]);
  await facilitator.getByLabel('Kolik nejčastějších').fill('0');
  await facilitator.getByLabel('Kolik nejčastějších').press('Tab');
  await expect(minutes.getByRole('listitem')).toHaveText(['Doprava k lékaři', 'Pomoc v domácnosti', 'Společenský kontakt ⚫ (prioritní)', 'Odlehčovací služba']);
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'console-stakeholders');
});

test('participants suggest items; the facilitator accepts one, merges one into an item, and phones vote on the new item', async ({ browser }) => {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 } })).newPage();
  await facilitator.goto((await meeting()).consoleUrl);
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Hlasování tečkami' });
  await facilitator.getByLabel('Název aktivity').fill('Co funguje');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await facilitator.getByPlaceholder('Nová položka').fill('Terénní sociální práce');
  await facilitator.getByPlaceholder('Nová položka').press('Enter');
  await facilitator.getByLabel('Účastníci mohou navrhovat položky').check();
  await expect(facilitator.getByText('Zatím žádné návrhy.')).toBeVisible();

  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const phone = await (await phoneContext(browser, server.url)).newPage();
  await phone.goto(`/join?code=${code}`);
  await facilitator.getByRole('button', { name: 'Spustit: Co funguje' }).click();

  for (const text of ['Linka důvěry', 'Terénní práce']) {
    await phone.getByLabel('Váš návrh').fill(text);
    await phone.getByRole('button', { name: 'Navrhnout položku' }).click();
    await expect(phone.getByText('Návrh odeslán. Facilitátor ho zařadí.')).toBeVisible();
    await expect(phone.getByLabel('Váš návrh')).toHaveValue('');
  }
  await expectAccessible(phone);
  await snapshot(phone, 'phone-suggest');

  const suggestion = (text: string) => facilitator.getByRole('listitem').filter({ hasText: text });
  await expect(suggestion('Linka důvěry')).toBeVisible();
  await suggestion('Terénní práce').getByLabel('Sloučit s položkou').selectOption({ label: 'Terénní sociální práce' });
  await snapshot(facilitator, 'console-suggestions');
  await expectAccessible(facilitator);
  await suggestion('Terénní práce').getByRole('button', { name: 'Sloučit' }).click();
  await suggestion('Linka důvěry').getByRole('button', { name: 'Přijmout' }).click();
  await expect(facilitator.getByText('Zatím žádné návrhy.')).toBeVisible();
  await expect(facilitator.getByRole('textbox', { name: 'Text položky' })).toHaveCount(2);

  await phone.getByRole('button', { name: 'Linka důvěry' }).click();
  await expect(phone.getByRole('button', { name: 'Linka důvěry' })).toHaveAttribute('aria-pressed', 'true');
  await expect(facilitator.getByTestId('phone-dots')).toHaveText(['0', '1']);
});
