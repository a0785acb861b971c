import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { dots } from '@dilna/shared/boards/dots';
import { SOCKET_PATH, type BoardDocs, type BoardHistory, type IntentAck } from '@dilna/shared';
import { ServerProcess, expectAccessible, logIn, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const snapshot = screenshotsAs('archive');

/** The API with a meeting's key, as the facilitator's console calls it. */
async function withKey<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const headers = { 'x-dilna-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${server.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A participant who joins by the code and puts dots on items from a phone (its socket, without the page). */
async function voter(code: string) {
  const joined = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const { meetingId } = (await joined.json()) as { meetingId: string };
  const cookie = /dilna_p_[^;]+/.exec(joined.headers.get('set-cookie') ?? '')![0];
  const socket = io(server.url, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { cookie }, auth: { meetingId }, forceNew: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  return {
    dot: async (boardId: string, sectionId: string, itemId: string) => {
      const ack = (await socket.timeout(5000).emitWithAck('intent', { opId: randomUUID(), boardId, intent: { type: 'dot.add', sectionId, itemId } })) as IntentAck;
      expect(ack).toEqual({ ok: true });
    },
    close: () => socket.close(),
  };
}

/** A past meeting of a group with a dot vote: opened, three participants' dots, closed; and a member of the group. */
async function pastDotVote() {
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'Sociální služby' });
  const member = await server.asAdmin<{ id: string }>('POST', '/accounts', { login: 'marta', name: 'Marta Členová', password: 'marta-heslo-2026' });
  await server.asAdmin('PUT', `/groups/${group.id}/members/${member.id}`, { role: 'member' });
  await server.asAdmin('POST', '/accounts', { login: 'cizi', name: 'Cizí Člověk', password: 'cizi-heslo-2026' });
  await server.asAdmin('POST', `/groups/${group.id}/meetings`, { title: 'Jarní setkání', startsAt: '2099-03-10T14:00', place: 'Radnice' });
  const meeting = await server.asAdmin<{ id: string; joinCode: string; keys: { facilitator: string } }>('POST', `/groups/${group.id}/meetings`, {
    title: 'Podzimní setkání',
    startsAt: '2025-10-15T13:00',
    place: 'Komunitní centrum',
  });
  const key = meeting.keys.facilitator;
  const board = await withKey<{ id: string }>('POST', `/meetings/${meeting.id}/boards`, key, {
    kind: 'dots',
    title: 'Priority na rok 2026',
    settings: { results: 'live', sections: [{ title: 'Oblasti', items: ['Bydlení', 'Doprava', 'Dluhy'] }] },
  });
  await withKey('PATCH', `/meetings/${meeting.id}`, key, { liveBoardId: board.id });

  const docs = await server.asAdmin<BoardDocs>('GET', `/boards/${board.id}/docs`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(docs.docs[`board:${board.id}`]!, 'base64'));
  const [section] = dots.view(doc).sections;
  const item = (text: string) => section!.items.find((i) => i.text === text)!.id;
  const ballots = [['Bydlení', 'Dluhy'], ['Bydlení', 'Doprava', 'Dluhy'], ['Bydlení', 'Dluhy', 'Doprava']];
  for (const ballot of ballots) {
    const phone = await voter(meeting.joinCode);
    for (const text of ballot) await phone.dot(board.id, section!.id, item(text));
    phone.close();
  }
  await withKey('PATCH', `/meetings/${meeting.id}/boards/${board.id}`, key, { status: 'closed' });
  await expect
    .poll(async () => (await server.asAdmin<BoardHistory>('GET', `/boards/${board.id}/snapshots`)).snapshots.map((s) => s.reason))
    .toEqual(['opened', 'closed']);
  return { group, board };
}

test('a member opens the group archive and replays a past dot vote with the timeline slider', async ({ browser }) => {
  const { group, board } = await pastDotVote();
  const page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 } })).newPage();
  await logIn(page, 'marta', 'marta-heslo-2026');
  await page.getByRole('link', { name: 'Sociální služby' }).click();

  // The archive: coming and past meetings apart, each with its boards; a member creates no meeting.
  await expect(page.getByRole('heading', { name: 'Sociální služby', level: 1 })).toBeVisible();
  const upcoming = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jarní setkání' }) });
  const past = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Podzimní setkání' }) });
  await expect(upcoming).toContainText('Žádné aktivity.');
  await expect(past).toContainText('15. října 2025 v 13:00, Komunitní centrum');
  await expect(past).toContainText('2 záznamy průběhu');
  await expect(page.getByRole('heading', { name: 'Nové setkání' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Otevřít zápis' })).toHaveCount(0);
  await expectAccessible(page);
  await snapshot(page, 'group');

  // The past board, now: the last dots counted, the slider at its end.
  await past.getByRole('link', { name: 'Hlasování tečkami Priority na rok 2026' }).click();
  await expect(page.getByRole('heading', { name: 'Priority na rok 2026', level: 1 })).toBeVisible();
  await expect(page.getByText('Podzimní setkání, 15. října 2025 v 13:00')).toBeVisible();
  const board$ = page.getByTestId('past-board');
  const slider = page.getByRole('slider', { name: 'Průběh aktivity' });
  await expect(slider).toHaveAttribute('aria-valuetext', 'Současný stav');
  await expect(board$).toContainText('Hlasovali 3 účastníci');
  await expect(board$.getByRole('listitem').filter({ hasText: 'Bydlení' })).toContainText('3 tečky');
  await expectAccessible(page);
  await snapshot(page, 'board-now');

  // Back by the keyboard: closed (the same dots), then opened (none yet).
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', /, uzavřeno$/);
  await expect(page.getByText('Stav 2 z 3')).toBeVisible();
  await expect(board$).toContainText('Hlasovali 3 účastníci');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', /, otevřeno$/);
  await expect(board$).toContainText('Hlasovalo 0 účastníků');
  await expect(board$.getByRole('listitem').filter({ hasText: 'Bydlení' })).toContainText('0 teček');
  await expect(page.getByRole('button', { name: 'Dřívější stav' })).toBeDisabled();
  await expectAccessible(page);
  await snapshot(page, 'board-opened');

  // The step buttons go forward again.
  await page.getByRole('button', { name: 'Pozdější stav' }).click();
  await page.getByRole('button', { name: 'Pozdější stav' }).click();
  await expect(slider).toHaveAttribute('aria-valuetext', 'Současný stav');
  await expect(board$).toContainText('Hlasovali 3 účastníci');

  // Someone outside the group sees neither the archive nor the board at their addresses.
  const outsider = await (await browser.newContext({ baseURL: server.url })).newPage();
  await logIn(outsider, 'cizi', 'cizi-heslo-2026');
  await outsider.goto(`/g/${group.id}`);
  await expect(outsider.getByText('Tuto skupinu nevidíte')).toBeVisible();
  await outsider.goto(`/g/${group.id}/b/${board.id}`);
  await expect(outsider.getByText('Tato aktivita neexistuje, nebo k ní nemáte přístup.')).toBeVisible();
  await expect(outsider.getByRole('heading', { name: 'Priority na rok 2026' })).toHaveCount(0);
});
