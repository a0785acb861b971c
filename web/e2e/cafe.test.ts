import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { rooms, type IntentAck } from '@dilna/shared';
import { addQuestion, addTableNote, cafe, goToRound, setTableCount, type CafeView } from '@dilna/shared/boards/cafe/index';
import { ServerProcess, createMeetingWithBoard, expectAccessible, phoneContext } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const TABLES = ['Stůl 1 – oranžový', 'Stůl 2 – světle modrý'] as const;

/** The table a phone's "go to your table" screen names, once it shows one. */
async function toldTable(phone: Page): Promise<(typeof TABLES)[number]> {
  await expect(phone.getByRole('heading', { name: /Jděte ke stolu|Váš stůl/ })).toBeVisible();
  const label = (await phone.locator('.go-to .table-badge').textContent())!.replace(/\s+/g, ' ').trim();
  const table = TABLES.find((t) => label.endsWith(t));
  expect(table, `a table on the phone: ${label}`).toBeDefined();
  return table!;
}

async function postNote(phone: Page, text: string) {
  await phone.getByLabel('Váš příspěvek pro stůl').fill(text);
  await phone.getByRole('button', { name: 'Přidat ke stolu' }).click();
  await expect(phone.getByText('Odesláno. Děkujeme!')).toBeVisible();
}

/** The café's board (its tables and questions) as a standard y-websocket client with the facilitator's key reads it. */
async function readBoard(port: number, boardId: string, key: string): Promise<{ view: CafeView; destroy: () => void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://localhost:${port}/yjs`, rooms.board(boardId), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { key },
    disableBc: true,
  });
  await expect.poll(() => cafe.view(doc).tables.length).toBe(2);
  return { view: cafe.view(doc), destroy: () => provider.destroy() };
}

test('a world café: four phones at two tables for two rounds, notes from phones and a table host, and the minutes per question and table', async ({ browser }) => {
  const console = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  const { code, screenUrl } = await createMeetingWithBoard(console, { title: 'World café', kind: 'World café' });

  // Preparation: two questions (one a round) and two tables.
  for (const question of ['Jak má město financovat síť služeb?', 'Podle čeho přijímat nové služby?']) {
    await console.getByLabel('Znění nové otázky').fill(question);
    await console.getByRole('button', { name: 'Přidat otázku' }).click();
  }
  await console.getByLabel('Počet stolů').fill('2');
  await console.getByLabel('Počet stolů').press('Tab');
  await expect(console.getByText(TABLES[1])).toBeVisible();
  await expect(console.getByText('Stůl 3 – zelený')).toHaveCount(0);
  await expectAccessible(console);

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);
  const phones = await Promise.all([0, 1, 2, 3].map(async () => (await phoneContext(browser, server.url)).newPage()));
  for (const phone of phones) {
    await phone.goto(`/join?code=${code}`);
    await expect(phone).toHaveURL(/\/p\//);
  }
  await console.getByRole('button', { name: 'Spustit: World café' }).click();
  await expect(phones[0]!.getByText('Kavárna ještě nezačala.')).toBeVisible();
  await expectAccessible(phones[0]!);

  // Two colleagues of one organisation say so; the seating keeps them apart.
  for (const [i, name] of [[0, 'Alena'], [1, 'Bohdan']] as const) {
    await phones[i]!.getByLabel('Jméno').fill(name);
    await phones[i]!.getByLabel('Organizace').fill('Charita Liberec');
    await phones[i]!.getByRole('button', { name: 'Uložit' }).click();
    await expect(phones[i]!.getByText('Uloženo.')).toBeVisible();
  }

  await console.getByRole('button', { name: 'Rozsadit do kola 1' }).click();
  const firstRound = await Promise.all(phones.map(toldTable));
  expect(firstRound.filter((t) => t === TABLES[0])).toHaveLength(2);
  expect(firstRound[0]).not.toBe(firstRound[1]);
  await expectAccessible(phones[0]!);
  for (const phone of phones) await phone.getByRole('button', { name: 'Jsem u stolu' }).click();
  await expect(phones[0]!.getByRole('heading', { name: 'Jak má město financovat síť služeb?' })).toBeVisible();

  // The facilitator sees people by the names they gave, never by an id, and starts the timer.
  await console.getByText(/^Zasedací pořádek/).click();
  await expect(console.getByText('Alena, Charita Liberec', { exact: true })).toBeVisible();
  await expect(console.getByText('Účastník 3', { exact: true })).toBeVisible();
  await console.getByRole('button', { name: 'Spustit časomíru' }).click();
  await expect(projector.getByText(/^Zbývá 1?\d:\d\d$/)).toBeVisible();
  await expect(phones[2]!.getByText(/^Zbývá 1?\d:\d\d$/)).toBeVisible();

  const tableCard = (label: string) => projector.getByRole('listitem').filter({ has: projector.getByRole('heading', { name: label }) });
  await postNote(phones[0]!, 'Víceleté financování');
  await expect(tableCard(firstRound[0]!)).toContainText('Víceleté financování');
  const otherOfFirst = TABLES.find((t) => t !== firstRound[0])!;
  await expect(tableCard(otherOfFirst)).not.toContainText('Víceleté financování');
  const tablemate = phones[firstRound.findIndex((t, i) => i > 0 && t === firstRound[0])]!;
  await expect(tablemate.getByText('Víceleté financování')).toBeVisible();
  await expectAccessible(projector);

  // A table host's tablet writes to its own table, from the link the facilitator hands out.
  await console.getByRole('button', { name: 'Ukázat odkazy' }).click();
  const hostLink = new URL(await console.getByLabel(otherOfFirst).inputValue());
  const tablet = await (await browser.newContext({ baseURL: server.url, viewport: { width: 800, height: 1100 } })).newPage();
  await tablet.goto(`${hostLink.pathname}${hostLink.hash}`);
  await expect(tablet.getByText(otherOfFirst)).toBeVisible();
  await tablet.getByLabel('Nová poznámka stolu').fill('Krizový fond');
  await tablet.getByRole('button', { name: 'Přidat poznámku' }).click();
  await expect(tableCard(otherOfFirst)).toContainText('Krizový fond');
  await expect(tableCard(firstRound[0]!)).not.toContainText('Krizový fond');
  await expectAccessible(tablet);

  // A phone cannot post to a table it does not sit at, even past its own screen.
  const facilitatorKey = new URLSearchParams(new URL(await console.getByLabel('Řízení (facilitátor) – neposílejte účastníkům').inputValue()).hash.slice(1)).get('key')!;
  const meetingId = new URL(phones[0]!.url()).pathname.split('/')[2]!;
  const meeting = (await (await fetch(`${server.url}/api/meetings/${meetingId}`, { headers: { 'x-dilna-key': facilitatorKey } })).json()) as { boards: { id: string }[] };
  const boardId = meeting.boards[0]!.id;
  const café = await readBoard(server.port, boardId, facilitatorKey);
  café.destroy();
  const tableId = (label: string) => café.view.tables.find((t) => label.startsWith(`Stůl ${t.number} `))!.id;
  const cookie = (await phones[0]!.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, auth: { meetingId }, reconnection: false });
  const forged: IntentAck = await socket.timeout(5000).emitWithAck('intent', {
    opId: 'forged-note-0001',
    boardId,
    intent: { type: 'cafe.note', tableId: tableId(otherOfFirst), questionId: café.view.questions[0]!.id, text: 'Cizí stůl' },
  });
  socket.close();
  expect(forged).toMatchObject({ ok: false, error: { code: 'wrong_table' } });
  await expect(projector.getByText('Cizí stůl')).toHaveCount(0);

  // Round 2: the first phone hosts its table and stays; the others move to a new mix.
  await console.getByRole('checkbox', { name: /^Hostitel ?: Alena, Charita Liberec$/ }).check();
  await console.getByRole('button', { name: 'Rozsadit do kola 2' }).click();
  await expect(phones[0]!.getByRole('heading', { name: 'Váš stůl' })).toBeVisible();
  await expect(phones[0]!.getByText('Jste hostitel tohoto stolu: zůstáváte.')).toBeVisible();
  const secondRound = await Promise.all(phones.map(toldTable));
  expect(secondRound[0]).toBe(firstRound[0]);
  expect(secondRound.filter((t) => t === TABLES[0])).toHaveLength(2);
  expect(secondRound.filter((t, i) => t !== firstRound[i])).toHaveLength(2);
  for (const phone of phones) await phone.getByRole('button', { name: 'Jsem u stolu' }).click();
  await expect(projector.getByRole('heading', { name: 'Podle čeho přijímat nové služby?' })).toBeVisible();
  await expect(tableCard(firstRound[0]!)).not.toContainText('Víceleté financování');
  const mover = phones.findIndex((_, i) => secondRound[i] !== firstRound[i]);
  await postNote(phones[mover]!, 'Potřebnost podle analýzy');
  await expect(tableCard(secondRound[mover]!)).toContainText('Potřebnost podle analýzy');

  // The minutes, as the console previews them: per question, each table's conclusions as a block labelled with the table.
  const notesByQuestion = [
    TABLES.map((label) => [label, label === firstRound[0] ? 'Víceleté financování' : 'Krizový fond']),
    [[secondRound[mover]!, 'Potřebnost podle analýzy']],
  ];
  const minutes = console.getByRole('region', { name: 'Výsledky a zápis' });
  await minutes.getByText('Jak to bude v zápisu').click();
  await expect(minutes.getByRole('heading', { level: 5 })).toHaveText(['1) Jak má město financovat síť služeb?', '2) Podle čeho přijímat nové služby?']);
  await expect(minutes.locator('.list-label')).toHaveText(notesByQuestion.flat().map(([label]) => label!));
  await expect(minutes.locator('.list-label + ul')).toHaveText(notesByQuestion.flat().map(([, note]) => note!));
  await expectAccessible(console);
});

test('seven tables with long notes all stay on the 1920×1080 projector, newest notes on top', async ({ browser }) => {
  const api = async <T>(method: string, path: string, body?: unknown, key?: string): Promise<T> => {
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...(key ? { 'x-dilna-key': key } : {}) };
    const response = await fetch(`${server.url}/api${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    expect(response.ok, `${method} ${path}`).toBe(true);
    return (await response.json()) as T;
  };
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Všechny pracovní skupiny' });
  const meeting = await server.asAdmin<{ id: string; keys: { facilitator: string; screen: string } }>('POST', `/groups/${group.id}/meetings`, {
    title: 'Společné setkání',
    startsAt: '2026-12-01T13:00',
    place: 'Liberec',
  });
  const board = await api<{ id: string }>('POST', `/meetings/${meeting.id}/boards`, { kind: 'cafe', title: 'World café' }, meeting.keys.facilitator);
  const open = async (room: string, key: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://localhost:${server.port}/yjs`, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { key },
      disableBc: true,
    });
    await new Promise((resolve) => provider.once('sync', resolve));
    return { doc, provider };
  };
  const facilitator = await open(rooms.board(board.id), meeting.keys.facilitator);
  addQuestion(facilitator.doc, 'Popište ideální způsob, jakým město financuje síť služeb');
  setTableCount(facilitator.doc, 7);
  goToRound(facilitator.doc, 1);
  await api('PATCH', `/meetings/${meeting.id}`, { liveBoardId: board.id }, meeting.keys.facilitator);
  const questionId = cafe.view(facilitator.doc).questions[0]!.id;
  const links = await api<{ table: string; key: string }[]>('GET', `/meetings/${meeting.id}/boards/${board.id}/tables`, undefined, meeting.keys.facilitator);
  expect(links).toHaveLength(7);
  const long = 'Víceleté financování služeb z rozpočtu města i kraje, jasná pravidla a včasné výplaty dotací, aby služby nemusely čekat na peníze. ';
  const tables = await Promise.all(links.map((link) => open(rooms.table(board.id, link.table), link.key)));
  tables.forEach(({ doc }, i) => {
    for (let n = 1; n <= 4; n++) addTableNote(doc, questionId, `${n}. ${long.repeat(2)}`, `2026-12-01T13:0${n}:00.000Z`);
    addTableNote(doc, questionId, `Nejnovější u stolu ${i + 1}`, '2026-12-01T13:09:00.000Z');
  });

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`${server.url}/screen/${meeting.id}#key=${meeting.keys.screen}`);
  const cards = projector.locator('.tables > li');
  await expect(cards).toHaveCount(7);
  for (let i = 1; i <= 7; i++) await expect(projector.getByText(`Nejnovější u stolu ${i}`)).toBeInViewport();
  for (const box of await cards.evaluateAll((items) => items.map((item) => ({ bottom: item.getBoundingClientRect().bottom, right: item.getBoundingClientRect().right })))) {
    expect(box.bottom).toBeLessThanOrEqual(1080);
    expect(box.right).toBeLessThanOrEqual(1920);
  }
  expect(await projector.locator('html').evaluate((html) => html.scrollHeight)).toBeLessThanOrEqual(1080);
  await expect(cards.first()).toContainText('5 poznámek, nejnovější nahoře');
  await expectAccessible(projector);
  for (const { provider } of [facilitator, ...tables]) provider.destroy();
});
