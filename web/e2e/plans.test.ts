import { expect, test, type Browser, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ServerProcess, expectAccessible, logIn, loginAsAdmin, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const PASSWORD = 'plan-heslo-2026';

const snapshot = screenshotsAs('plans');

/** A working group with two facilitators, a member, and someone outside it. */
async function seniorsGroup(): Promise<{ id: string }> {
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Senioři' });
  const account = (login: string, name: string) => server.asAdmin<{ id: string }>('POST', '/accounts', { login, name, password: PASSWORD, role: 'user' });
  for (const [login, name, role] of [
    ['jana', 'Jana Nováková', 'facilitator'],
    ['petr', 'Petr Dvořák', 'facilitator'],
    ['marta', 'Marta Členová', 'member'],
  ] as const) {
    const { id } = await account(login, name);
    await server.asAdmin('PUT', `/groups/${group.id}/members/${id}`, { role });
  }
  await account('cizi', 'Cizí Člověk');
  return group;
}

async function personAt(browser: Browser, login: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url, viewport })).newPage();
  await logIn(page, login, PASSWORD);
  return page;
}

/** Adds a card under a goal (or to the inbox) with the list's button and names it; returns the card's id from the address. */
async function addCard(page: Page, button: string, name: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByLabel('Název aktivity')).toBeFocused();
  await page.keyboard.type(name);
  return /#card-(.+)$/.exec(page.url())![1]!;
}

test('a facilitator plans with goals, measures and cards; two editors fill a card at once; a move renumbers; members read; the cards download as DOCX', async ({
  browser,
}) => {
  const group = await seniorsGroup();

  const jana = await personAt(browser, 'jana');
  await jana.goto(`/g/${group.id}`);
  await jana.getByRole('link', { name: 'Plány skupiny' }).click();
  await expect(jana.getByRole('heading', { name: 'Plány', level: 1 })).toBeVisible();
  await expect(jana.getByText('Zatím tu není žádný plán.')).toBeVisible();
  await expectAccessible(jana);
  await jana.getByLabel('Název plánu').fill('Plán skupiny Senioři');
  await jana.getByLabel('Období').fill('2023–2027');
  await expect(jana.getByLabel('Pro koho')).toHaveValue(group.id);
  await jana.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(jana.getByRole('heading', { name: 'Plán skupiny Senioři 2023–2027' })).toBeVisible();
  const planPath = new URL(jana.url()).pathname;
  await jana.getByText('Název, období a smazání plánu').click();
  await jana.getByLabel('Období').fill('2024–2028');
  await jana.getByRole('button', { name: 'Uložit' }).click();
  await expect(jana.getByRole('heading', { name: 'Plán skupiny Senioři 2024–2028' })).toBeVisible();

  await jana.getByRole('button', { name: 'Přidat cíl' }).click();
  await expect(jana.getByLabel('Název cíle SC1')).toBeFocused();
  await jana.keyboard.type('Dostupné služby pro seniory');
  await jana.getByRole('button', { name: 'Přidat cíl' }).click();
  await jana.getByLabel('Název cíle SC2').fill('Podpora pečujících');
  await jana.getByRole('button', { name: 'Přidat opatření k cíli SC1' }).click();
  await expect(jana.getByLabel('Opatření 1.1', { exact: true })).toBeFocused();
  await jana.keyboard.type('Rozvoj terénních služeb');

  const assistance = await addCard(jana, 'Přidat kartu k cíli SC1', 'Osobní asistence v obcích');
  await expect(jana.getByTestId('card-number')).toHaveText('A01-01');
  const respite = await addCard(jana, 'Přidat kartu k cíli SC1', 'Odlehčovací služby');
  await expect(jana.getByTestId('card-number')).toHaveText('A01-02');
  await snapshot(jana, 'editor');
  await expectAccessible(jana);

  // Another facilitator opens the same card by its link; both fill it at once.
  const petr = await personAt(browser, 'petr');
  await petr.goto(`${planPath}#card-${respite}`);
  await expect(petr.getByLabel('Název aktivity')).toHaveValue('Odlehčovací služby');
  await Promise.all([
    jana.getByLabel('Doba realizace').pressSequentially('2024–2027'),
    petr.getByLabel('Odpovědnost za realizaci').pressSequentially('Město a poskytovatelé'),
    jana.getByLabel('Senioři', { exact: true }).check(),
    petr.getByLabel('Osoby se zdravotním postižením', { exact: true }).check(),
  ]);
  await jana.getByLabel('Popis aktivity').click();
  await petr.getByLabel('Popis aktivity').click();
  await Promise.all([jana.getByLabel('Popis aktivity').pressSequentially('Pobyty pro seniory. '), petr.getByLabel('Popis aktivity').pressSequentially('Víkendy pro pečující.')]);
  for (const page of [jana, petr]) {
    await expect(page.getByLabel('Doba realizace')).toHaveValue('2024–2027');
    await expect(page.getByLabel('Odpovědnost za realizaci')).toHaveValue('Město a poskytovatelé');
    await expect(page.getByLabel('Senioři', { exact: true })).toBeChecked();
    await expect(page.getByLabel('Osoby se zdravotním postižením', { exact: true })).toBeChecked();
    await expect(page.getByLabel('Popis aktivity')).toHaveValue(/Pobyty pro seniory\./);
    await expect(page.getByLabel('Popis aktivity')).toHaveValue(/Víkendy pro pečující\./);
  }
  await petr.getByLabel('Odlehčovací služby (§ 44)').check();
  await expect(jana.getByLabel('Odlehčovací služby (§ 44)')).toBeChecked();

  // Moving the second card up renumbers it at once, for both, and says so.
  await jana.getByRole('button', { name: 'Posunout kartu A01-02 Odlehčovací služby výš' }).click();
  await expect(jana.getByRole('button', { name: 'Posunout kartu A01-01 Odlehčovací služby níž' })).toBeFocused();
  await expect(jana.getByRole('status').filter({ hasText: 'Karta má nyní číslo A01-01' })).toBeAttached();
  await expect(jana.getByTestId('card-number')).toHaveText('A01-01');
  await expect(petr.getByTestId('card-number')).toHaveText('A01-01');
  await expect(petr.getByRole('link', { name: 'Otevřít kartu A01-02 Osobní asistence v obcích' })).toBeVisible();
  await petr.getByRole('link', { name: 'Otevřít kartu A01-02 Osobní asistence v obcích' }).click();
  await expect(petr.getByLabel('Název aktivity')).toHaveValue('Osobní asistence v obcích');
  expect(petr.url()).toContain(`#card-${assistance}`);
  await petr.getByRole('link', { name: 'Zavřít kartu' }).click();
  await expect(petr.getByRole('link', { name: 'Otevřít kartu A01-02 Osobní asistence v obcích' })).toBeFocused();
  await expect(petr.getByLabel('Název aktivity')).toHaveCount(0);

  // A member reads the plan; nothing can be changed there.
  const marta = await personAt(browser, 'marta');
  await marta.goto('/plans');
  await expect(marta.getByRole('listitem').filter({ hasText: 'Plán skupiny Senioři' })).toContainText('číst');
  await marta.getByRole('link', { name: 'Plán skupiny Senioři' }).click();
  await expect(marta.getByText('Plán si můžete přečíst; upravovat ho mohou facilitátoři skupiny.')).toBeVisible();
  await expect(marta.getByLabel('Název cíle SC1')).toHaveValue('Dostupné služby pro seniory');
  await expect(marta.getByLabel('Název cíle SC1')).toHaveAttribute('readonly', '');
  await expect(marta.getByRole('button', { name: 'Přidat cíl' })).toHaveCount(0);
  await marta.getByRole('link', { name: 'Otevřít kartu A01-01 Odlehčovací služby' }).click();
  await expect(marta.getByLabel('Popis aktivity')).toHaveAttribute('readonly', '');
  await expect(marta.getByRole('group', { name: 'Cílové skupiny uživatelů' }).getByRole('listitem')).toHaveText(['Senioři', 'Osoby se zdravotním postižením']);
  await expect(marta.getByRole('checkbox', { name: 'Senioři', exact: true })).toHaveCount(0);
  await expect(marta.getByRole('button', { name: /Posunout/ })).toHaveCount(0);
  await expectAccessible(marta);

  // Someone outside the group sees no such plan.
  const outsider = await personAt(browser, 'cizi');
  await outsider.goto('/plans');
  await expect(outsider.getByText('Zatím tu není žádný plán.')).toBeVisible();
  await outsider.goto(planPath);
  await expect(outsider.getByText('Tento plán neexistuje, nebo k němu nemáte přístup.')).toBeVisible();

  // The cards as the regional plan prints them: one card a page, fields in a table.
  await jana.getByLabel('Osobní asistence (§ 39)').check();
  const [download] = await Promise.all([jana.waitForEvent('download'), jana.getByRole('link', { name: 'Stáhnout karty (DOCX)' }).click()]);
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await download.path())!)))['word/document.xml']!);
  for (const text of ['KARTA ROZVOJOVÉ AKTIVITY', 'A01-01', 'Odlehčovací služby', 'Odlehčovací služby (§ 44)', 'Osobní asistence (§ 39)', 'Víkendy pro pečující.']) {
    expect(xml).toContain(text);
  }
});

test('the administrator adds a target group to the catalogue and it is offered on the cards', async ({ browser }) => {
  const admin = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  await loginAsAdmin(admin);
  await admin.goto('/plans');
  await admin.getByLabel('Název plánu').fill('Komunitní plán 2023–2027');
  await expect(admin.getByLabel('Pro koho')).toHaveValue('');
  await admin.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(admin.getByRole('heading', { name: 'Komunitní plán 2023–2027' })).toBeVisible();
  const planPath = new URL(admin.url()).pathname;

  await admin.goto('/admin');
  await admin.getByRole('link', { name: /Číselníky plánů/ }).click();
  await expect(admin.getByRole('heading', { name: 'Číselníky plánů' })).toBeVisible();
  await expectAccessible(admin);
  const targetGroups = admin.getByRole('region', { name: 'Cílové skupiny uživatelů' });
  await targetGroups.getByLabel('Kód', { exact: true }).fill('OBZ');
  await targetGroups.getByLabel('Název česky', { exact: true }).fill('Osoby blízké zesnulým');
  await targetGroups.getByLabel('Název anglicky', { exact: true }).fill('The bereaved');
  await targetGroups.getByRole('button', { name: 'Přidat' }).click();
  await expect(targetGroups.getByLabel('Název česky: Osoby blízké zesnulým')).toHaveValue('Osoby blízké zesnulým');
  await targetGroups.getByRole('button', { name: 'Vyřadit Pečující osoby' }).click();
  await expect(targetGroups.getByRole('button', { name: 'Vrátit Pečující osoby' })).toBeVisible();
  await snapshot(admin, 'catalogues');

  await admin.goto(planPath);
  await addCard(admin, 'Přidat nezařazenou kartu', 'Podpora pozůstalých');
  await expect(admin.getByTestId('card-number')).toHaveText('bez čísla (nezařazená)');
  await admin.getByLabel('Osoby blízké zesnulým', { exact: true }).check();
  await expect(admin.getByLabel('Pečující osoby', { exact: true })).toHaveCount(0);
  await expect(admin.getByRole('link', { name: /Otevřít kartu Podpora pozůstalých/ })).toBeVisible();
  await expect(admin.getByRole('listitem').filter({ hasText: 'Podpora pozůstalých' })).toContainText('OBZ');
  await expectAccessible(admin);
});
