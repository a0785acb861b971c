import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join as joinPath } from 'node:path';
import * as Y from 'yjs';
import {
  acceptSuggestion,
  dots,
  removeItem,
  setOption,
  setPaperDots,
  type DotsIntent,
  type DotsMine,
  type DotsPhoneView,
  type DotsSettings,
} from '@dilna/shared/boards/dots';
import type { Board, IntentAck } from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  createMeeting,
  expectStatus,
  expectStoredDotsWithinBudget,
  join,
  makeLive,
  newOpId,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
  type Phone,
  type ServerTarget,
  type MeetingFixture,
} from './helpers.ts';

const resources = useResources();

type DotsSettingsInput = Partial<Omit<DotsSettings, 'sections'>> & { sections?: { title?: string; items?: string[] }[] };

const LISTS = [
  { title: 'Problémové oblasti', items: ['Bydlení', 'Doprava', 'Dluhy'] },
  { title: 'Možnosti zlepšení', items: ['Sdílené byty', 'Terénní práce'] },
];

async function liveDotsMeeting(server: ServerTarget, settings: DotsSettingsInput = {}) {
  const fixture = await createMeeting(server);
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'dots', title: 'Priority', settings: { sections: LISTS, ...settings } },
    }),
    201,
  );
  await makeLive(server, fixture, board.id);
  const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
  const view = dots.view(screen.doc);
  const item = (text: string) => {
    const section = view.sections.find((s) => s.items.some((i) => i.text === text))!;
    return { sectionId: section.id, itemId: section.items.find((i) => i.text === text)!.id };
  };
  return { ...fixture, board, screen, item, sectionIds: view.sections.map((s) => s.id) };
}

const totals = (doc: Y.Doc) =>
  Object.fromEntries(
    dots
      .view(doc)
      .sections.flatMap((s) => s.items)
      .map((i) => [i.text, i.total]),
  );

const send = (phone: Phone, boardId: string, intent: DotsIntent, opId = newOpId()) => phone.intent({ opId, boardId, intent });
const lastMine = (phone: Phone) => phone.mines.at(-1)?.mine as DotsMine | undefined;
const phoneView = (phone: Phone) => phone.states.at(-1)?.live?.view as DotsPhoneView | undefined;

async function participant(server: ServerTarget, fixture: MeetingFixture, sockets = 1): Promise<Phone[]> {
  const { cookie } = await join(server, fixture.joinCode);
  const phones: Phone[] = [];
  for (let i = 0; i < sockets; i++) {
    phones.push(await connectPhone(resources, server, fixture.meetingId, cookie, { transports: i % 2 ? ['polling'] : ['websocket'] }));
  }
  return phones;
}

describe('dot voting from phones', () => {
  it('dots reach the screen as counts; phones see them only once revealed; each phone gets its dots left', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { budget: 2 });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const [alice] = await participant(server, fixture);
    const [bob] = await participant(server, fixture);

    const initial = await alice!.waitForState((s) => s.live !== null);
    expect(initial.live).toMatchObject({ kind: 'dots', status: 'open', view: { showCounts: false, budget: 2 } });
    await waitUntil(() => lastMine(alice!)?.remaining === 2, { message: 'the initial budget' });

    expect(await send(alice!, fixture.board.id, { type: 'dot.add', ...fixture.item('Bydlení') })).toEqual({ ok: true });
    expect(await send(alice!, fixture.board.id, { type: 'dot.add', ...fixture.item('Sdílené byty') })).toEqual({ ok: true });
    expect(await send(bob!, fixture.board.id, { type: 'dot.add', ...fixture.item('Bydlení') })).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Bydlení'] === 2, { message: 'the dots on the screen' });
    expect(totals(fixture.screen.doc)).toEqual({ Bydlení: 2, Doprava: 0, Dluhy: 0, 'Sdílené byty': 1, 'Terénní práce': 0 });
    expect(dots.view(fixture.screen.doc).voters).toBe(2);
    await waitUntil(() => lastMine(alice!)?.remaining === 0);
    expect(lastMine(alice!)!.dots).toEqual({ [fixture.item('Bydlení').itemId]: 1, [fixture.item('Sdílené byty').itemId]: 1 });
    expect(lastMine(bob!)!.remaining).toBe(1);

    // Hidden from phones until the facilitator reveals them (through the doc).
    await alice!.waitForState((s) => s.live !== null && JSON.stringify(s.live.view).includes('Sdílené byty'));
    expect(phoneView(alice!)!.sections[0]!.items.map((i) => i.total)).toEqual([null, null, null]);
    setOption(editor.doc, 'revealed', true);
    const revealed = await bob!.waitForState((s) => (s.live?.view as DotsPhoneView).showCounts);
    expect((revealed.live!.view as DotsPhoneView).sections[0]!.items.map((i) => [i.text, i.total, i.rank])).toEqual([
      ['Bydlení', 2, 1],
      ['Doprava', 0, 2],
      ['Dluhy', 0, 2],
    ]);

    // Flip-chart dots typed in by the facilitator add into what everybody sees.
    setPaperDots(editor.doc, fixture.item('Doprava').itemId, 3);
    await bob!.waitForState((s) => (s.live?.view as DotsPhoneView).sections[0]!.items[1]!.total === 3);
    expect(totals(fixture.screen.doc)['Doprava']).toBe(3);

    // Nobody's identity reaches the screen or the phones.
    expect(JSON.stringify(fixture.screen.doc.toJSON())).not.toMatch(/op-|participant/);
  });

  it('refuses a dot over budget, a second dot on one item, a foreign item, and taking back a dot that is not there', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { budget: 2, budgetPer: 'section' });
    const [phone] = await participant(server, fixture);
    const add = (text: string) => send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item(text) });
    const refusal = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

    expect(await add('Bydlení')).toEqual({ ok: true });
    expect(await add('Bydlení')).toEqual(refusal('duplicate'));
    expect(await add('Doprava')).toEqual({ ok: true });
    expect(await add('Dluhy')).toEqual(refusal('limit_reached'));
    // The other list has a budget of its own.
    expect(await add('Sdílené byty')).toEqual({ ok: true });
    const bydleni = fixture.item('Bydlení');
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', sectionId: fixture.sectionIds[1]!, itemId: bydleni.itemId })).toEqual(
      refusal('unknown_item'),
    );
    expect(await send(phone!, fixture.board.id, { type: 'dot.remove', ...fixture.item('Dluhy') })).toEqual(refusal('invalid'));
    expect(await send(phone!, fixture.board.id, { type: 'item.suggest', sectionId: bydleni.sectionId, text: 'Víc bytů' })).toEqual(
      refusal('closed'),
    );
    expect(await send(phone!, fixture.board.id, { type: 'dot.remove', ...bydleni })).toEqual({ ok: true });
    expect(await add('Dluhy')).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Dluhy'] === 1);
    expect(totals(fixture.screen.doc)).toEqual({ Bydlení: 0, Doprava: 1, Dluhy: 1, 'Sdílené byty': 1, 'Terénní práce': 0 });
  });

  it('many taps of one participant at once over several sockets never exceed the budget; totals equal a replay of the acks', async () => {
    const server = await startServer(resources);
    const budget = 5;
    const fixture = await liveDotsMeeting(server, { budget, stacking: true });
    const items = ['Bydlení', 'Doprava', 'Dluhy', 'Sdílené byty', 'Terénní práce'].map((text) => ({ text, ...fixture.item(text) }));
    const people = await Promise.all(Array.from({ length: 4 }, () => participant(server, fixture, 3)));

    // Each participant fires 30 taps at once over its three sockets: mostly dots placed, some taken back.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const fired = people.map((sockets) =>
      Array.from({ length: 30 }, (_, i) => {
        const item = items[Math.floor(random() * items.length)]!;
        const intent: DotsIntent = { type: random() < 0.75 ? 'dot.add' : 'dot.remove', sectionId: item.sectionId, itemId: item.itemId };
        return { intent, text: item.text, ack: send(sockets[i % sockets.length]!, fixture.board.id, intent) };
      }),
    );
    const results = await Promise.all(fired.map((taps) => Promise.all(taps.map(async (t) => ({ ...t, ack: await t.ack })))));

    const replay: Record<string, number> = Object.fromEntries(items.map((i) => [i.text, 0]));
    for (const taps of results) {
      let placed = 0;
      for (const { intent, text, ack } of taps) {
        if (!ack.ok) {
          expect(['limit_reached', 'invalid']).toContain(ack.error.code);
          continue;
        }
        const delta = intent.type === 'dot.add' ? 1 : -1;
        replay[text]! += delta;
        placed += delta;
      }
      // Each participant ends within the budget, having used it all (75 % of taps place a dot).
      expect(placed).toBeLessThanOrEqual(budget);
      expect(placed).toBeGreaterThan(0);
    }
    await waitUntil(() => JSON.stringify(totals(fixture.screen.doc)) === JSON.stringify(replay), {
      message: `the screen to show ${JSON.stringify(replay)}`,
    });
    const all = Object.values(replay).reduce((a, b) => a + b, 0);
    expect(all).toBeLessThanOrEqual(budget * people.length);

    // What the server stored agrees: no participant above the budget.
    expectStoredDotsWithinBudget(server.dataDir, fixture.board.id, budget);
    // Each phone of a participant was told the same dots left, matching its acks.
    for (const sockets of people) {
      await waitUntil(() => sockets.every((s) => JSON.stringify(lastMine(s)) === JSON.stringify(lastMine(sockets[0]!))));
    }
  });

  it('a retry of the same tap, also after a reconnect, places one dot', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { stacking: true, budget: 3 });
    const { cookie } = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, cookie);
    const opId = newOpId();
    const tap: DotsIntent = { type: 'dot.add', ...fixture.item('Dluhy') };
    const acks = await Promise.all([1, 2, 3].map(() => send(phone, fixture.board.id, tap, opId)));
    expect(acks).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    phone.close();
    const again = await connectPhone(resources, server, fixture.meetingId, cookie);
    expect(await send(again, fixture.board.id, tap, opId)).toEqual({ ok: true });
    expect(await send(again, fixture.board.id, { type: 'dot.add', ...fixture.item('Bydlení') })).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Bydlení'] === 1);
    expect(totals(fixture.screen.doc)['Dluhy']).toBe(1);
    await waitUntil(() => lastMine(again)?.remaining === 1);
  });
});

describe('the facilitator changes the board while phones vote', () => {
  it('removing an item gives its dots back, and a new budget reaches every phone without a tap', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { budget: 1 });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const [phone, sameParticipant] = await participant(server, fixture, 2);
    const [other] = await participant(server, fixture);

    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Dluhy') })).toEqual({ ok: true });
    await waitUntil(() => lastMine(sameParticipant!)?.remaining === 0);

    removeItem(editor.doc, fixture.item('Dluhy').itemId);
    await waitUntil(() => lastMine(sameParticipant!)?.remaining === 1, { message: 'the dot back on the phone' });
    expect(lastMine(phone!)!.dots).toEqual({});
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Bydlení') })).toEqual({ ok: true });

    setOption(editor.doc, 'budget', 4);
    await waitUntil(() => lastMine(other!)?.remaining === 4, { message: 'the new budget on a phone that never tapped' });
    await waitUntil(() => lastMine(phone!)?.remaining === 3);

    // Edits that leave the rules as they were (a text, a flip-chart count) send nobody anything.
    const before = other!.mines.length;
    editor.doc.getText('prompt').insert(0, 'Vyberte, co je nejdůležitější. ');
    setPaperDots(editor.doc, fixture.item('Doprava').itemId, 2);
    await roundTrip(editor);
    await other!.waitForState((s) => JSON.stringify(s.live?.view).includes('Vyberte'));
    await new Promise((r) => setTimeout(r, 400));
    expect(other!.mines.length).toBe(before);
  });

  it('participants suggest items; an accepted suggestion becomes an item phones can vote on', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { suggesting: true });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const [phone] = await participant(server, fixture);
    const sectionId = fixture.sectionIds[1]!;
    expect(await send(phone!, fixture.board.id, { type: 'item.suggest', sectionId, text: 'Housing First' })).toEqual({ ok: true });
    const suggestion = await waitUntil(() => dots.view(editor.doc).suggestions[0]);
    expect(suggestion).toMatchObject({ text: 'Housing First', sectionId, state: 'pending' });
    expect(Object.keys(suggestion).sort()).toEqual(['at', 'id', 'sectionId', 'state', 'text']);

    const itemId = acceptSuggestion(editor.doc, suggestion.id)!;
    const seen = await phone!.waitForState((s) => JSON.stringify(s.live?.view).includes('Housing First'));
    expect((seen.live!.view as DotsPhoneView).sections[1]!.items.map((i) => i.text)).toEqual(['Sdílené byty', 'Terénní práce', 'Housing First']);
    await waitUntil(() => lastMine(phone!)?.bySection[sectionId] === 3);
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', sectionId, itemId })).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Housing First'] === 1);
  });
});

describe('shutdown', () => {
  it('closing the server right after a tap runs the last projection and leaves no timer on the closed database', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server);
    const [phone] = await participant(server, fixture);
    await waitUntil(() => lastMine(phone!)?.remaining === 3);
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Dluhy') })).toEqual({ ok: true });
    await server.close();
    // A rule check scheduled by that last projection would fire now, after the database closed.
    await new Promise((r) => setTimeout(r, 500));
    const db = new Database(joinPath(server.dataDir, 'dilna.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM intents').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

describe('reset and CSV of a dot vote', () => {
  it('the facilitator resets one list: its phone dots are gone, participants get them back, a late retry does not return them', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { budget: 3 });
    const [phone] = await participant(server, fixture);
    const first = fixture.item('Bydlení');
    const opId = newOpId();
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...first }, opId)).toEqual({ ok: true });
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Doprava') })).toEqual({ ok: true });
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Terénní práce') })).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Terénní práce'] === 1);

    const path = `/meetings/${fixture.meetingId}/boards/${fixture.board.id}/reset`;
    expect((await server.api('POST', path, { key: fixture.keys.editor, body: { scope: first.sectionId } })).status).toBe(403);
    expect((await server.api('POST', path, { body: { scope: first.sectionId } })).status).toBe(401);
    expect((await server.api('POST', `/meetings/${fixture.meetingId}/boards/AAAAAAAAAAAAAAAAAAAAAA/reset`, { key: fixture.keys.facilitator, body: { scope: 'x' } })).status).toBe(404);
    const reset = await server.api<{ voided: number }>('POST', path, { key: fixture.keys.facilitator, body: { scope: first.sectionId } });
    expect(expectStatus(reset, 200)).toEqual({ voided: 2 });

    expect(totals(fixture.screen.doc)).toMatchObject({ Bydlení: 0, Doprava: 0, 'Terénní práce': 1 });
    await waitUntil(() => lastMine(phone!)?.remaining === 2, { message: 'the dots back on the phone' });
    // The phone retries a tap from before the reset: acknowledged, and not counted again.
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...first }, opId)).toEqual({ ok: true });
    expect(await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Dluhy') })).toEqual({ ok: true });
    await waitUntil(() => totals(fixture.screen.doc)['Dluhy'] === 1);
    expect(totals(fixture.screen.doc)['Bydlení']).toBe(0);
  });

  it('downloads the counts as CSV for the facilitator and the secretary, never for the screen', async () => {
    const server = await startServer(resources);
    const fixture = await liveDotsMeeting(server, { variant: 'stakeholders', priorityCount: 1 });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const [phone] = await participant(server, fixture);
    const acks: IntentAck[] = [
      await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Bydlení') }),
      await send(phone!, fixture.board.id, { type: 'dot.add', ...fixture.item('Terénní práce') }),
    ];
    expect(acks).toEqual([{ ok: true }, { ok: true }]);
    setPaperDots(editor.doc, fixture.item('Doprava').itemId, 2);
    await waitUntil(() => totals(editor.doc)['Terénní práce'] === 1 && totals(editor.doc)['Doprava'] === 2);
    await roundTrip(editor);

    const path = `/meetings/${fixture.meetingId}/boards/${fixture.board.id}/results.csv`;
    const csv = await server.api('GET', path, { key: fixture.keys.editor });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="Priority.csv"');
    // A byte-order mark first, for Excel (fetch's text() drops it, so the bytes are read).
    const bytes = new Uint8Array(await (await fetch(`${server.origin}/api${path}`, { headers: { 'x-dilna-key': fixture.keys.editor } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.trim().split(/\r?\n/)).toEqual([
      'Seznam,Položka,Hlasy z telefonů,Hlasy z flipchartu,Celkem,Pořadí,Priorita',
      'Problémové oblasti,Bydlení,1,0,1,2.,',
      'Problémové oblasti,Doprava,0,2,2,1.,ano',
      'Problémové oblasti,Dluhy,0,0,0,3.,',
      'Možnosti zlepšení,Sdílené byty,0,0,0,2.,',
      'Možnosti zlepšení,Terénní práce,1,0,1,1.,ano',
    ]);
    const english = await server.api('GET', `${path}?lang=en`, { key: fixture.keys.facilitator });
    expect(english.text.split(/\r?\n/)[0]).toBe('List,Item,Votes from phones,Votes from the flip-chart,Total,Rank,Priority');
    expect((await server.api('GET', path, { key: fixture.keys.screen })).status).toBe(403);
    expect((await server.api('GET', `${path}?lang=de`, { key: fixture.keys.facilitator })).status).toBe(400);
  });
});
