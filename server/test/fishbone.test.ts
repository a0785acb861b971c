import { describe, expect, it } from 'vitest';
import { type Board } from '@dilna/shared';
import {
  AT_END,
  acceptSuggestion,
  addNode,
  causesOf,
  fishbone,
  moveNode,
  readTree,
  removeNode,
  setVoting,
  type FishboneIntent,
  type FishboneMine,
  type FishbonePhoneView,
} from '@dilna/shared/boards/fishbone/index';
import { outline, treeProblems } from '@dilna/shared/boards/fishbone/testing';
import * as Y from 'yjs';
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
  type MeetingFixture,
  type Phone,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

async function liveFishbone(server: ServerTarget, fixture: MeetingFixture): Promise<Board> {
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: {
        kind: 'fishbone',
        title: 'Motivace',
        settings: { head: 'Motivovaný zaměstnanec', categories: ['Finance', 'Kultura'], suggestionsPerParticipant: 2 },
      },
    }),
    201,
  );
  await makeLive(server, fixture, board.id);
  return board;
}

const idOf = (doc: Y.Doc, text: string) => {
  const id = [...readTree(doc).entries.keys()].find((key) => (doc.getMap('nodes').get(key) as Y.Map<Y.Text>).get('text')!.toString() === text);
  if (!id) throw new Error(`no node ${text}`);
  return id;
};

describe('fishbone over the real transports', () => {
  it('a phone suggests a cause, the editors see it queued without its author, accept it, and phones see the tree', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await liveFishbone(server, fixture);
    const editor = await connectBoard(resources, server, board.id, fixture.keys.editor);
    const [finance, culture] = [idOf(editor.doc, 'Finance'), idOf(editor.doc, 'Kultura')];

    const participant = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, participant.cookie);
    const suggest = (categoryId: string, text: string) =>
      phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'fishbone.suggest', categoryId, text } });

    expect(await suggest('not-a-category', 'Nízké mzdy')).toMatchObject({ ok: false, error: { code: 'unknown_item' } });
    expect(await suggest(finance, 'x'.repeat(201))).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await suggest(finance, 'Nízké mzdy')).toEqual({ ok: true });
    await waitUntil(() => phone.mines.findLast((m) => m.boardId === board.id && (m.mine as { remaining: number }).remaining === 1));

    const queued = await waitUntil(() => fishbone.view(editor.doc).suggestions[0]);
    expect(queued).toMatchObject({ categoryId: finance, text: 'Nízké mzdy', status: 'pending' });
    expect(JSON.stringify(editor.doc.toJSON())).not.toContain(participant.participantId);

    // The secretary accepts it under a cause of her own; every phone then sees it in the tree.
    const salaries = addNode(editor.doc, finance, AT_END, 'Mzdy')!;
    expect(acceptSuggestion(editor.doc, queued.id, salaries)).toBeTruthy();
    const state = await phone.waitForState((s) => JSON.stringify(s.live?.view ?? '').includes('Nízké mzdy'));
    const view = state.live!.view as FishbonePhoneView;
    expect(view.categories.map((c) => [c.text, c.children.map((l1) => [l1.text, l1.children.map((l2) => l2.text)])])).toEqual([
      ['Finance', [['Mzdy', ['Nízké mzdy']]]],
      ['Kultura', []],
    ]);
    expect(JSON.stringify(view)).not.toContain('pending');

    // Rules follow the doc: a category the editors removed takes no more suggestions.
    removeNode(editor.doc, culture);
    await roundTrip(editor);
    expect(await suggest(culture, 'Uzavřené týmy')).toMatchObject({ ok: false, error: { code: 'unknown_item' } });
    // A later projection leaves the accepted suggestion accepted.
    expect(await suggest(finance, 'Chybí benefity')).toEqual({ ok: true });
    await waitUntil(() => fishbone.view(editor.doc).suggestions.length === 2);
    expect(fishbone.view(editor.doc).suggestions.map((s) => s.status)).toEqual(['accepted', 'pending']);
    expect(await suggest(finance, 'Třetí')).toMatchObject({ ok: false, error: { code: 'limit_reached' } });

    const csv = await server.api('GET', `/meetings/${fixture.meetingId}/boards/${board.id}/results.csv?lang=cs`, {
      key: fixture.keys.editor,
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Finance,2,Nízké mzdy');
  });

  it('two editors through the server, one offline for a while, end with the same valid tree', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await liveFishbone(server, fixture);
    const left = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    const right = await connectBoard(resources, server, board.id, fixture.keys.editor);
    const a = addNode(left.doc, idOf(left.doc, 'Finance'), AT_END, 'A')!;
    const b = addNode(left.doc, idOf(left.doc, 'Kultura'), AT_END, 'B')!;
    await waitUntil(() => readTree(right.doc).entries.has(b));

    right.provider.disconnect();
    // Offline: the secretary puts A under B and adds a cause under A; meanwhile the facilitator
    // puts B under A and types into A. Together that is a cycle, which the tree must cut.
    expect(moveNode(right.doc, a, b, 0)).toBe(true);
    addNode(right.doc, a, 0, 'written offline');
    expect(moveNode(left.doc, b, a, 0)).toBe(true);
    (left.doc.getMap('nodes').get(a) as Y.Map<Y.Text>).get('text')!.insert(1, ' (online)');
    await roundTrip(left);
    expect(outline(right.doc)).not.toBe(outline(left.doc));

    right.provider.connect();
    await waitUntil(() => right.provider.synced && outline(right.doc) === outline(left.doc), { message: 'the editors to converge' });
    const fresh = await connectBoard(resources, server, board.id, fixture.keys.screen);
    for (const doc of [left.doc, right.doc, fresh.doc]) {
      expect(treeProblems(doc)).toEqual([]);
      expect(outline(doc)).toBe(outline(left.doc));
    }
    expect(outline(left.doc)).toContain('A (online)');
    expect(outline(left.doc)).toContain('written offline');
    expect(outline(left.doc)).toContain('B');
  });
});

describe('voting on causes over the real transports', () => {
  /** A live fishbone with five causes over two categories and three levels, voting open. */
  async function votingBoard(server: ServerTarget, options: { budget: number; stacking: boolean }) {
    const fixture = await createMeeting(server);
    const board = await liveFishbone(server, fixture);
    const editor = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    const [finance, culture] = [idOf(editor.doc, 'Finance'), idOf(editor.doc, 'Kultura')];
    const salaries = addNode(editor.doc, finance, AT_END, 'Nízké mzdy')!;
    const tariffs = addNode(editor.doc, salaries, AT_END, 'Tabulkové tarify')!;
    addNode(editor.doc, tariffs, AT_END, 'Chybí osobní ohodnocení');
    addNode(editor.doc, culture, AT_END, 'Vyhoření');
    addNode(editor.doc, culture, AT_END, 'Chybí zpětná vazba');
    setVoting(editor.doc, 'budget', options.budget);
    setVoting(editor.doc, 'stacking', options.stacking);
    setVoting(editor.doc, 'state', 'open');
    await roundTrip(editor);
    const causes = causesOf(readTree(editor.doc).categories).map(({ cause, categoryId }) => ({ text: cause.text, itemId: cause.id, sectionId: categoryId }));
    return { fixture, board, editor, causes, screen: await connectBoard(resources, server, board.id, fixture.keys.screen) };
  }

  const totals = (doc: Y.Doc) => {
    const view = fishbone.view(doc);
    return Object.fromEntries(causesOf(view.categories).map(({ cause }) => [cause.text, view.results[cause.id]!.total]));
  };
  const lastMine = (phone: Phone) => phone.mines.at(-1)?.mine as FishboneMine | undefined;

  it('many taps of one participant at once over several sockets never exceed the budget; suggestions land beside them', async () => {
    const server = await startServer(resources);
    const budget = 3;
    const { fixture, board, causes, screen } = await votingBoard(server, { budget, stacking: false });
    const people = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const { cookie } = await join(server, fixture.joinCode);
        return Promise.all([0, 1, 2].map((i) => connectPhone(resources, server, fixture.meetingId, cookie, { transports: i % 2 ? ['polling'] : ['websocket'] })));
      }),
    );

    // Each participant fires 24 taps at once over three sockets (three in four place a dot), and four
    // suggestions with a limit of two.
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const fired = people.map((sockets) => [
      ...Array.from({ length: 24 }, (_, i) => {
        const cause = causes[Math.floor(random() * causes.length)]!;
        const intent: FishboneIntent = { type: random() < 0.75 ? 'dot.add' : 'dot.remove', sectionId: cause.sectionId, itemId: cause.itemId };
        return { intent, text: cause.text, ack: sockets[i % 3]!.intent({ opId: newOpId(), boardId: board.id, intent }) };
      }),
      ...['Přesčasy', 'Nejistá budoucnost', 'Malá prestiž', 'Chybí kariérní řád'].map((text, i) => {
        const intent: FishboneIntent = { type: 'fishbone.suggest', categoryId: causes[0]!.sectionId, text };
        return { intent, text, ack: sockets[i % 3]!.intent({ opId: newOpId(), boardId: board.id, intent }) };
      }),
    ]);
    const results = await Promise.all(fired.map((taps) => Promise.all(taps.map(async (t) => ({ ...t, ack: await t.ack })))));

    const replay: Record<string, number> = Object.fromEntries(causes.map((c) => [c.text, 0]));
    for (const taps of results) {
      const mine = new Map<string, number>();
      let suggested = 0;
      for (const { intent, text, ack } of taps) {
        if (intent.type === 'fishbone.suggest') {
          if (ack.ok) suggested++;
          else expect(ack.error.code).toBe('limit_reached');
          continue;
        }
        if (!ack.ok) {
          expect(['limit_reached', 'invalid', 'duplicate']).toContain(ack.error.code);
          continue;
        }
        const delta = intent.type === 'dot.add' ? 1 : -1;
        mine.set(text, (mine.get(text) ?? 0) + delta);
        replay[text]! += delta;
      }
      // Within the budget, one dot a cause, and the budget used (three in four taps place a dot).
      expect([...mine.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
      expect([...mine.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const count of mine.values()) expect([0, 1]).toContain(count);
      expect(suggested).toBe(2);
    }
    await waitUntil(() => JSON.stringify(totals(screen.doc)) === JSON.stringify(replay), { message: `the screen to show ${JSON.stringify(replay)}` });
    await waitUntil(() => fishbone.view(screen.doc).suggestions.length === 2 * people.length);
    expect(fishbone.view(screen.doc).voters).toBe(people.length);

    // What the server stored agrees at every step: no participant ever above the budget.
    for (const { intent, scope } of expectStoredDotsWithinBudget(server.dataDir, board.id, budget)) {
      expect(scope).toBe(intent.type === 'fishbone.suggest' ? 'suggestions' : 'votes');
    }
    // Every phone of a participant was told the same dots left.
    for (const sockets of people) {
      await waitUntil(() => sockets.every((s) => JSON.stringify(lastMine(s)) === JSON.stringify(lastMine(sockets[0]!))));
    }
  });

  it('the facilitator closes voting, removes a cause (its dots go back to the phones), resets the dots apart from the suggestions; the CSV has the dots', async () => {
    const server = await startServer(resources);
    const { fixture, board, editor, causes, screen } = await votingBoard(server, { budget: 2, stacking: true });
    const { cookie } = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, cookie);
    const cause = (text: string) => causes.find((c) => c.text === text)!;
    const tap = (type: 'dot.add' | 'dot.remove', text: string) =>
      phone.intent({ opId: newOpId(), boardId: board.id, intent: { type, sectionId: cause(text).sectionId, itemId: cause(text).itemId } });

    const ballot = await phone.waitForState((s) => (s.live?.view as FishbonePhoneView | undefined)?.voting !== null);
    expect((ballot.live!.view as FishbonePhoneView).voting).toEqual({ open: true, budget: 2, stacking: true, results: null });
    expect(await tap('dot.add', 'Chybí osobní ohodnocení')).toEqual({ ok: true });
    expect(await tap('dot.add', 'Chybí osobní ohodnocení')).toEqual({ ok: true });
    expect(await tap('dot.add', 'Vyhoření')).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    expect(await phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'fishbone.suggest', categoryId: cause('Vyhoření').sectionId, text: 'Přesčasy' } })).toEqual({ ok: true });
    await waitUntil(() => totals(screen.doc)['Chybí osobní ohodnocení'] === 2);

    setVoting(editor.doc, 'state', 'closed');
    await roundTrip(editor);
    expect(await tap('dot.remove', 'Chybí osobní ohodnocení')).toMatchObject({ ok: false, error: { code: 'closed' } });
    await phone.waitForState((s) => (s.live?.view as FishbonePhoneView | undefined)?.voting?.open === false);

    // Removing Nízké mzdy takes the cause two levels below it along, and the phone has its dots back untapped.
    setVoting(editor.doc, 'state', 'open');
    removeNode(editor.doc, cause('Nízké mzdy').itemId);
    await waitUntil(() => lastMine(phone)?.votes.remaining === 2, { message: 'the dots back on the phone' });
    expect(lastMine(phone)!.votes.dots).toEqual({});
    expect(await tap('dot.add', 'Vyhoření')).toEqual({ ok: true });
    await waitUntil(() => totals(screen.doc)['Vyhoření'] === 1);
    expect(totals(screen.doc)).toEqual({ Vyhoření: 1, 'Chybí zpětná vazba': 0 });

    const csv = await server.api('GET', `/meetings/${fixture.meetingId}/boards/${board.id}/results.csv?lang=cs`, { key: fixture.keys.editor });
    expect(csv.text.trim().split(/\r?\n/)).toEqual([
      'Kategorie,Úroveň,Příčina,Tečky,Pořadí,Hlavní příčina',
      'Finance,,,,,',
      'Kultura,1,Vyhoření,1,1.,ano',
      'Kultura,1,Chybí zpětná vazba,0,2.,',
    ]);

    // The dots are reset, the suggestion stays queued.
    const reset = await server.api<{ voided: number }>('POST', `/meetings/${fixture.meetingId}/boards/${board.id}/reset`, {
      key: fixture.keys.facilitator,
      body: { scope: 'votes' },
    });
    expect(expectStatus(reset, 200)).toEqual({ voided: 3 });
    expect(totals(screen.doc)).toEqual({ Vyhoření: 0, 'Chybí zpětná vazba': 0 });
    expect(fishbone.view(screen.doc).suggestions.map((s) => [s.text, s.status])).toEqual([['Přesčasy', 'pending']]);
    await waitUntil(() => lastMine(phone)?.votes.remaining === 2 && lastMine(phone)?.remaining === 1);
  });
});
