import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH, addCard, addGoal, addMeasure, rooms, setCardMember } from '@dilna/shared';
import { ServerProcess, expectAccessible, logIn, phoneContext, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const snapshot = screenshotsAs('plan-board');

/** A group with its facilitator Jana, the group's plan and a meeting, made by the administrator through the API. */
async function groupWithPlanAndMeeting() {
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Senioři a pečující' });
  const jana = await server.asAdmin<{ id: string }>('POST', '/accounts', { login: 'jana', name: 'Jana Nováková', password: 'jana-password-123', role: 'user' });
  await server.asAdmin('PUT', `/groups/${group.id}/members/${jana.id}`, { role: 'facilitator' });
  const plan = await server.asAdmin<{ id: string }>('POST', '/plans', { title: 'Komunitní plán 2023–2027', period: '2023–2027', groupId: group.id });
  const meeting = await server.asAdmin<{ id: string; keys: { facilitator: string } }>('POST', `/groups/${group.id}/meetings`, {
    title: 'Setkání pracovní skupiny',
    startsAt: '2026-12-01T13:00',
    place: 'Magistrát, zasedací místnost',
  });
  return { planId: plan.id, meetingId: meeting.id, facilitatorKey: meeting.keys.facilitator };
}

/**
 * The plan's editors write two goals, a measure and three cards into the plan's doc (as the plan's
 * page does), here through the meeting's facilitator link, which writes the plan of its plan board.
 */
async function writePlan(planId: string, key: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://localhost:${server.port}${YJS_PATH}`, rooms.plan(planId), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { key },
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    const care = addGoal(doc, { title: 'Podpora péče v domácím prostředí' });
    addMeasure(doc, care, { title: 'Rozvoj terénních služeb' });
    const assistance = addCard(doc, care, {
      name: 'Osobní asistence na Frýdlantsku',
      duration: '2024–2027',
      responsible: 'Město Frýdlant',
      funding: 'Dotace kraje, rozpočet města',
      description: 'Rozšíření kapacity osobní asistence o dva úvazky.',
    });
    setCardMember(doc, assistance, 'targetGroups', 'tg-s', true);
    setCardMember(doc, assistance, 'serviceKinds', 'sk-39', true);
    addCard(doc, care, { name: 'Odlehčovací služba v Hejnicích' });
    const housing = addGoal(doc, { title: 'Dostupné bydlení' });
    addCard(doc, housing, { name: 'Tréninkové byty' });
    await expect.poll(() => doc.getMap('cards').size).toBe(3);
    // Written once the server has it: a second client sees the cards.
    const check = new Y.Doc();
    const reader = new WebsocketProvider(`ws://localhost:${server.port}${YJS_PATH}`, rooms.plan(planId), check, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { key },
      disableBc: true,
    });
    await expect.poll(() => check.getMap('cards').size).toBe(3);
    reader.destroy();
  } finally {
    provider.destroy();
  }
}

test('a facilitator works on two cards of the group’s plan: the projector shows the goal tree and a card, two phones give dots and comment, the minutes list the table', async ({
  browser,
}) => {
  const { planId, meetingId, facilitatorKey } = await groupWithPlanAndMeeting();
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  await logIn(facilitator, 'jana', 'jana-password-123');
  await facilitator.goto(`/m/${meetingId}#key=${facilitatorKey}`);
  await expect(facilitator.getByRole('heading', { name: 'Setkání pracovní skupiny' })).toBeVisible();

  // A plan board on the group's plan.
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Plán – karty' });
  await expect(facilitator.getByLabel('Plán', { exact: true })).toHaveValue(planId);
  await expect(facilitator.getByLabel('Plán', { exact: true }).locator('option')).toHaveText(['Komunitní plán 2023–2027 · 2023–2027 · Senioři a pečující']);
  await facilitator.getByLabel('Název aktivity').fill('Karty rozvojových aktivit');
  await expectAccessible(facilitator);
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Karty rozvojových aktivit', level: 2 })).toBeVisible();
  await expect(facilitator.getByRole('link', { name: 'Otevřít plán k úpravám' })).toHaveAttribute('href', `/plans/${planId}`);

  // The plan's editors fill it in; the console's list of cards follows live. Two cards go under discussion.
  await writePlan(planId, facilitatorKey);
  const picker = facilitator.getByRole('region', { name: 'Karty k projednání' });
  await expect(picker.getByRole('checkbox')).toHaveCount(3);
  await picker.getByRole('checkbox', { name: 'A01-01 Osobní asistence na Frýdlantsku' }).check();
  await picker.getByRole('checkbox', { name: 'A02-01 Tréninkové byty' }).check();
  const discussed = facilitator.getByRole('region', { name: 'Projednávané karty' });
  await expect(discussed.getByRole('row')).toHaveCount(3);
  await facilitator.getByLabel('Hlasování o prioritách otevřené').check();
  await facilitator.getByLabel('Připomínky z telefonů otevřené').check();
  await expectAccessible(facilitator);

  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const screenUrl = (await facilitator.getByRole('link', { name: 'Otevřít projektor' }).getAttribute('href'))!;
  await facilitator.getByRole('button', { name: 'Spustit: Karty rozvojových aktivit' }).click();

  // The projector shows the goal tree: goals, their measure, the two cards under their goals.
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);
  await expect(projector.getByRole('heading', { name: 'Strom cílů' })).toBeVisible();
  await expect(projector.getByRole('heading', { name: 'SC1 Podpora péče v domácím prostředí' })).toBeVisible();
  await expect(projector.getByText('1.1 Rozvoj terénních služeb')).toBeVisible();
  await expect(projector.getByText('A02-01 Tréninkové byty')).toBeVisible();
  await expect(projector.getByText('Odlehčovací služba v Hejnicích')).toHaveCount(0);
  await expectAccessible(projector);

  const phones: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone).toHaveURL(/\/p\//);
    phones.push(phone);
  }
  const [anna, boris] = phones as [Page, Page];
  await expect(anna.getByRole('heading', { name: 'Karty rozvojových aktivit' })).toBeVisible();
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývá vám 5 teček\./);
  await expectAccessible(anna);
  await snapshot(anna, 'phone-before');

  const add = (phone: Page, card: string) => phone.getByRole('button', { name: `Přidat tečku: ${card}` });
  await add(anna, 'A01-01 Osobní asistence na Frýdlantsku').click();
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývají vám 4 tečky\./);
  await add(anna, 'A01-01 Osobní asistence na Frýdlantsku').click();
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývají vám 3 tečky\./);
  await add(boris, 'A02-01 Tréninkové byty').click();
  await expect(boris.getByTestId('dots-left')).toHaveText(/Zbývají vám 4 tečky\./);

  await anna.getByLabel('Připomínka ke kartě A01-01 Osobní asistence na Frýdlantsku').fill('Rozšířit i na víkendy');
  await anna.getByRole('button', { name: 'Odeslat připomínku' }).first().click();
  await expect(anna.getByText('Připomínka odeslána. Děkujeme!')).toBeVisible();
  await expect(anna.getByText('Můžete poslat ještě 2 připomínky.')).toBeVisible();
  await boris.getByLabel('Připomínka ke kartě A01-01 Osobní asistence na Frýdlantsku').fill('Chybí asistenti s řidičákem');
  await boris.getByRole('button', { name: 'Odeslat připomínku' }).first().click();
  await expect(boris.getByText('Připomínka odeslána. Děkujeme!')).toBeVisible();
  await expectAccessible(anna);
  await snapshot(anna, 'phone-after');

  // Points on the projector's tree and in the console.
  await expect(projector.getByText('2 body')).toBeVisible();
  await expect(discussed.getByTestId('card-points')).toHaveText(['2', '1']);
  await expect(discussed.getByText('Rozšířit i na víkendy')).toBeVisible();
  await snapshot(projector, 'projector-tree');

  // One card in large type, with the comments as they come, and a hidden one gone from the screen.
  await facilitator.getByRole('button', { name: 'Promítnout kartu A01-01 Osobní asistence na Frýdlantsku' }).click();
  await expect(projector.getByRole('heading', { name: 'A01-01 Osobní asistence na Frýdlantsku' })).toBeVisible();
  await expect(projector.getByText('Osobní asistence (§ 39)')).toBeVisible();
  await expect(projector.getByText('Senioři')).toBeVisible();
  await expect(projector.getByText('Město Frýdlant')).toBeVisible();
  await expect(projector.getByText('Rozšíření kapacity osobní asistence o dva úvazky.')).toBeVisible();
  await expect(projector.getByText('Rozšířit i na víkendy')).toBeVisible();
  await expectAccessible(projector);
  const comments = discussed.getByRole('region', { name: 'Připomínky ke kartě A01-01 Osobní asistence na Frýdlantsku' });
  await comments.getByRole('listitem').filter({ hasText: 'Chybí asistenti s řidičákem' }).getByRole('button', { name: 'Skrýt' }).click();
  await expect(projector.getByText('Chybí asistenti s řidičákem')).toHaveCount(0);
  await expect(projector.getByText('Rozšířit i na víkendy')).toBeVisible();
  await snapshot(projector, 'projector-card');
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'console');

  // The minutes: the table by points with ranks, then the card's comments.
  const minutes = facilitator.getByRole('region', { name: 'Výsledky a zápis' });
  await minutes.getByText('Jak to bude v zápisu').click();
  await expect(minutes.getByRole('table').getByRole('row')).toHaveText([
    /Pořadí\s*Číslo\s*Aktivita\s*Body/,
    /1\.\s*A01-01\s*Osobní asistence na Frýdlantsku\s*2/,
    /2\.\s*A02-01\s*Tréninkové byty\s*1/,
  ]);
  await expect(minutes.getByRole('heading', { name: 'Připomínky ke kartě A01-01 Osobní asistence na Frýdlantsku' })).toBeVisible();
  await expect(minutes.getByRole('listitem')).toHaveText(['Rozšířit i na víkendy']);
  await expectAccessible(facilitator);
});

test('a console opened with its key alone asks to log in before a plan can be chosen', async ({ browser }) => {
  const { meetingId, facilitatorKey } = await groupWithPlanAndMeeting();
  const page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`/m/${meetingId}#key=${facilitatorKey}`);
  await page.getByLabel('Druh aktivity').selectOption({ label: 'Plán – karty' });
  await expect(page.getByText('Přihlaste se, abyste mohli vybrat plán.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Přidat aktivitu' })).toBeDisabled();
  await expectAccessible(page);
});
