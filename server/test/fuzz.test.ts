/**
 * Property-based bad input over the real transports: random and mutated-valid intents for every
 * board kind from real phone sockets, and random JSON bodies for every REST operation. Seeded and
 * bounded so that it runs in seconds; a failure prints the seed and the offending input.
 */
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { goToRound } from '@dilna/shared/boards/cafe/index';
import { addCards, CARDS_SECTION, setOption as setPlanOption } from '@dilna/shared/boards/plan/index';
import { addQuestion, setQuestionStatus } from '@dilna/shared/boards/polls/index';
import {
  boardKind,
  boardKindNames,
  intentErrorCodes,
  rooms,
  type Board,
  type BoardKindName,
  type IntentAck,
  type ParticipantContext,
  type Plan,
  type TableDocs,
} from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  connectYjs,
  createMeeting,
  eventually,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  newOpId,
  roundTrip,
  startServer,
  useResources,
  withTimeout,
  type MeetingFixture,
  type Phone,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

const SEED = 20261124;
const INTENTS_PER_KIND = 160;
const PHONES = 3;

type Intent = Record<string, unknown>;

/** A live board of one kind, its screen's docs, and intents that are valid in shape with real ids. */
interface Arena {
  board: Board;
  /** The settings the board was created with (the server keeps them; the API does not echo them). */
  settings: unknown;
  screen: Y.Doc;
  tables?: TableDocs;
  valid: fc.Arbitrary<Intent>;
  /** Ids that exist on the board, to mix into mutated intents. */
  ids: string[];
}

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Bydlení', 'Doprava pro seniory', '  ', '<script>alert(1)</script>'));

async function addBoard(server: ServerTarget, fixture: MeetingFixture, kind: BoardKindName, settings: unknown): Promise<Board> {
  return expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      // A board on a plan is added by someone who edits the plan.
      session: kind === 'plan' ? await loginAsAdmin(server) : undefined,
      body: { kind, title: `Fuzz ${kind}`, settings },
    }),
    201,
  );
}

/** Prepares each kind's board as its console would, after the phones joined (the café seats them). */
const arenas: Record<BoardKindName, (server: ServerTarget, fixture: MeetingFixture) => Promise<Arena>> = {
  async notes(server, fixture) {
    const settings = { prompt: 'Co chybí?', notesPerParticipant: 3 };
    const board = await addBoard(server, fixture, 'notes', settings);
    await makeLive(server, fixture, board.id);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    return { board, settings, screen, ids: [], valid: fc.record({ type: fc.constant('note.post'), text }) };
  },
  async polls(server, fixture) {
    const settings = {};
    const board = await addBoard(server, fixture, 'polls', settings);
    const facilitator = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    const ask = (question: Parameters<typeof addQuestion>[1]) => {
      const id = addQuestion(facilitator.doc, question);
      setQuestionStatus(facilitator.doc, id, 'open');
      return id;
    };
    const choice = ask({ type: 'choice', text: 'Kde bydlíte?', options: ['Liberec', 'Jablonec', 'Tanvald'], settings: { multiple: true, maxChoices: 2, allowOther: true } });
    const single = ask({ type: 'choice', text: 'Ano, nebo ne?', options: ['Ano', 'Ne'], settings: { allowChange: false } });
    const scale = ask({ type: 'scale', text: 'Spokojenost' });
    const words = ask({ type: 'words', text: 'Asociace', settings: { wordsPerParticipant: 2 } });
    const open = ask({ type: 'open', text: 'Vize', settings: { answersPerParticipant: 2 } });
    const ranking = ask({ type: 'ranking', text: 'Pořadí', options: ['A', 'B', 'C'] });
    await roundTrip(facilitator);
    await makeLive(server, fixture, board.id);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    const optionIds = (questionId: string) =>
      ((screen.getMap('questions').get(questionId) as Y.Map<unknown>).get('options') as { toJSON(): { id: string }[] }).toJSON().map((o) => o.id);
    const choiceOptions = [...optionIds(choice), ...optionIds(single), ...optionIds(ranking)];
    const questionIds = [choice, single, scale, words, open, ranking];
    return {
      board,
      settings,
      screen,
      ids: [...questionIds, ...choiceOptions],
      valid: fc.oneof(
        fc.record({ type: fc.constant('poll.choice'), questionId: fc.constantFrom(choice, single), optionIds: fc.subarray(choiceOptions, { maxLength: 3 }) }),
        fc.record({ type: fc.constant('poll.choice'), questionId: fc.constant(choice), optionIds: fc.constant([]), other: text }),
        fc.record({ type: fc.constant('poll.scale'), questionId: fc.constantFrom(scale, scale, single), value: fc.integer({ min: -1, max: 11 }) }),
        fc.record({ type: fc.constant('poll.words'), questionId: fc.constantFrom(words, words, open), words: fc.array(text, { minLength: 1, maxLength: 3 }) }),
        fc.record({ type: fc.constant('poll.open'), questionId: fc.constantFrom(open, open, words), text }),
        fc.record({ type: fc.constant('poll.ranking'), questionId: fc.constantFrom(ranking, ranking, choice), optionIds: fc.shuffledSubarray(optionIds(ranking), { minLength: 2 }) }),
      ),
    };
  },
  async dots(server, fixture) {
    const settings = {
      sections: [
        { title: 'Problémy', items: ['Bydlení', 'Doprava', 'Dluhy'] },
        { title: 'Řešení', items: ['Sdílené byty'] },
      ],
    };
    const board = await addBoard(server, fixture, 'dots', settings);
    await makeLive(server, fixture, board.id);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    const view = boardKind('dots')!.view(screen) as { sections: { id: string; items: { id: string }[] }[] };
    const pairs = view.sections.flatMap((s) => s.items.map((i) => ({ sectionId: s.id, itemId: i.id })));
    const sectionIds = view.sections.map((s) => s.id);
    const itemIds = pairs.map((p) => p.itemId);
    return {
      board,
      settings,
      screen,
      ids: [...sectionIds, ...itemIds],
      valid: fc.oneof(
        fc.tuple(fc.constantFrom('dot.add', 'dot.remove'), fc.constantFrom(...pairs)).map(([type, pair]) => ({ type, ...pair })),
        fc.record({ type: fc.constantFrom('dot.add', 'dot.remove'), sectionId: fc.constantFrom(...sectionIds), itemId: fc.constantFrom(...itemIds) }),
        fc.record({ type: fc.constant('item.suggest'), sectionId: fc.constantFrom(...sectionIds), text }),
      ),
    };
  },
  async fishbone(server, fixture) {
    const settings = { head: 'Motivace', categories: ['Finance', 'Kultura'], suggestionsPerParticipant: 2 };
    const board = await addBoard(server, fixture, 'fishbone', settings);
    await makeLive(server, fixture, board.id);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    const categoryIds = (boardKind('fishbone')!.view(screen) as { categories: { id: string }[] }).categories.map((c) => c.id);
    return {
      board,
      settings,
      screen,
      ids: categoryIds,
      valid: fc.record({ type: fc.constant('fishbone.suggest'), categoryId: fc.constantFrom(...categoryIds), text }),
    };
  },
  async cafe(server, fixture) {
    const settings = { tables: 2, questions: ['Jak financovat síť?', 'Co chybí?'] };
    const board = await addBoard(server, fixture, 'cafe', settings);
    await makeLive(server, fixture, board.id);
    const facilitator = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    goToRound(facilitator.doc, 1);
    await roundTrip(facilitator);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    const view = boardKind('cafe')!.view(screen) as { tables: { id: string }[]; questions: { id: string }[] };
    const tableIds = view.tables.map((t) => t.id);
    const questionIds = view.questions.map((q) => q.id);
    const tableDocs = new Map<string, Y.Doc>();
    for (const id of tableIds) tableDocs.set(id, (await connectYjs(resources, server, rooms.table(board.id, id), fixture.keys.screen)).doc);
    return {
      board,
      settings,
      screen,
      tables: (id) => tableDocs.get(id)!,
      ids: [...tableIds, ...questionIds],
      valid: fc.record({ type: fc.constant('cafe.note'), tableId: fc.constantFrom(...tableIds), questionId: fc.constantFrom(...questionIds), text }),
    };
  },
  async plan(server, fixture) {
    const { id: planId } = expectStatus(
      await server.api<Plan>('POST', '/plans', { session: await loginAsAdmin(server), body: { title: 'Komunitní plán', groupId: fixture.group.id } }),
      201,
    );
    const settings = { planId };
    const board = await addBoard(server, fixture, 'plan', settings);
    const facilitator = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    const cardIds = ['fuzzCardA0101', 'fuzzCardA0102', 'fuzzCardA0201'];
    addCards(facilitator.doc, cardIds.map((id, i) => ({ id, number: `A01-0${i + 1}`, name: `Karta ${i + 1}` })));
    setPlanOption(facilitator.doc, 'voting', true);
    setPlanOption(facilitator.doc, 'commenting', true);
    setPlanOption(facilitator.doc, 'budget', 4);
    await roundTrip(facilitator);
    await makeLive(server, fixture, board.id);
    const screen = (await connectBoard(resources, server, board.id, fixture.keys.screen)).doc;
    return {
      board,
      settings,
      screen,
      ids: [CARDS_SECTION, ...cardIds],
      valid: fc.oneof(
        fc.record({ type: fc.constantFrom('dot.add', 'dot.add', 'dot.remove'), sectionId: fc.constant(CARDS_SECTION), itemId: fc.constantFrom(...cardIds) }),
        fc.record({ type: fc.constant('plan.comment'), cardId: fc.constantFrom(...cardIds), text }),
      ),
    };
  },
};

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** A valid intent with one field replaced (by junk or another real id), removed, or one added. */
function mutated(valid: fc.Arbitrary<Intent>, ids: string[]): fc.Arbitrary<Intent> {
  const replacement = ids.length > 0 ? fc.oneof(anyValue, fc.constantFrom(...ids), fc.constant(undefined)) : fc.oneof(anyValue, fc.constant(undefined));
  return fc.tuple(valid, fc.nat(), replacement, fc.boolean()).map(([intent, index, value, addField]) => {
    const copy: Intent = { ...intent };
    const keys = Object.keys(copy);
    const key = addField ? `extra${index % 3}` : keys[index % keys.length]!;
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

interface Step {
  phone: number;
  envelope: unknown;
  /** Send this step's envelope again right after its ack, as a phone retrying would. */
  retry: boolean;
}

function steps(arena: Arena, allKinds: fc.Arbitrary<Intent>): fc.Arbitrary<Step> {
  const intent = fc.oneof(
    { arbitrary: arena.valid, weight: 5 },
    { arbitrary: mutated(arena.valid, arena.ids), weight: 4 },
    { arbitrary: allKinds, weight: 1 },
    { arbitrary: fc.anything(), weight: 1 },
  );
  const envelope = fc.oneof(
    { arbitrary: intent.map((i) => ({ opId: newOpId(), boardId: arena.board.id, intent: i })), weight: 12 },
    { arbitrary: fc.record({ opId: anyValue, boardId: fc.oneof(anyValue, fc.constant(arena.board.id)), intent }), weight: 1 },
    { arbitrary: fc.anything(), weight: 1 },
  );
  return fc.record({ phone: fc.nat(PHONES - 1), envelope, retry: fc.boolean() });
}

const isAck = (ack: unknown): ack is IntentAck => {
  if (typeof ack !== 'object' || ack === null) return false;
  const { ok, error } = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return Object.keys(ack).length === 1;
  return (
    ok === false &&
    Object.keys(ack).length === 2 &&
    intentErrorCodes.includes(error?.code as never) &&
    typeof error?.message === 'string' &&
    Object.keys(error).length === 2
  );
};

/** The board's recorded intents that still count, in the order they were recorded. */
function recorded(dataDir: string, boardId: string): { participantId: string; payload: Intent }[] {
  const db = new Database(joinPath(dataDir, 'dilna.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT participant_id AS participantId, payload FROM intents WHERE board_id = ? AND voided_at IS NULL ORDER BY rowid')
      .all(boardId) as { participantId: string; payload: string }[];
    return rows.map((r) => ({ participantId: r.participantId, payload: JSON.parse(r.payload) as Intent }));
  } finally {
    db.close();
  }
}

describe('fuzzing the phone socket', () => {
  it.each(boardKindNames)('%s: random and mutated intents get a well-formed ack, only rule-abiding ones are recorded, the board stays consistent', async (kindName) => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const participants = await Promise.all(Array.from({ length: PHONES }, () => join(server, fixture.joinCode)));
    const phones: Phone[] = [];
    for (const p of participants) phones.push(await connectPhone(resources, server, fixture.meetingId, p.cookie));
    const arena = await arenas[kindName](server, fixture);
    const kind = boardKind(kindName)!;
    const allKinds = fc.constantFrom<Intent>(
      { type: 'note.post', text: 'x' },
      { type: 'dot.add', sectionId: 'a', itemId: 'b' },
      { type: 'poll.scale', questionId: 'AAAAAAAAAAAAAAAAAAAAAA', value: 3 },
      { type: 'fishbone.suggest', categoryId: 'x', text: 'y' },
      { type: 'cafe.note', tableId: 'x', questionId: 'AAAAAAAAAAAAAAAAAAAAAA', text: 'y' },
      { type: 'plan.comment', cardId: 'x', text: 'y' },
    );

    const accepted = new Set<string>();
    const sample = fc.sample(steps(arena, allKinds), { seed: SEED, numRuns: INTENTS_PER_KIND });
    const send = async (phone: Phone, envelope: unknown): Promise<unknown> =>
      withTimeout(phone.socket.timeout(5000).emitWithAck('intent', envelope as never), 6000, 'an ack');
    // Bursts of eight at once: concurrent taps of one participant must serialize like single ones.
    for (let i = 0; i < sample.length; i += 8) {
      await Promise.all(
        sample.slice(i, i + 8).map(async ({ phone, envelope, retry }) => {
          const ack = await send(phones[phone]!, envelope);
          expect(isAck(ack), `ack ${JSON.stringify(ack)} for ${JSON.stringify(envelope)}`).toBe(true);
          const opId = (envelope as { opId?: unknown })?.opId;
          if ((ack as IntentAck).ok && typeof opId === 'string') accepted.add(opId);
          if (retry && (ack as IntentAck).ok) expect(await send(phones[phone]!, envelope), 'a retry of an accepted intent').toEqual({ ok: true });
        }),
      );
    }
    expect(accepted.size, 'some intents were accepted').toBeGreaterThan(0);

    // Every recorded intent is one that was acknowledged, and replaying them through the kind's rule accepts each.
    const rows = recorded(server.dataDir, arena.board.id);
    expect(rows).toHaveLength(accepted.size);
    const rules = kind.rules(arena.screen, kind.settingsSchema.parse(arena.settings));
    const previous = new Map<string, Intent[]>();
    for (const { participantId, payload } of rows) {
      const phone = phones[participants.findIndex((p) => p.participantId === participantId)]!;
      const seat = (phone.mines.findLast((m) => m.boardId === arena.board.id)?.mine as { seat?: ParticipantContext['seat'] } | undefined)?.seat;
      const own = previous.get(participantId) ?? [];
      expect(kind.checkIntent(payload, own, rules, { seat: seat ?? null }), JSON.stringify(payload)).toEqual({ ok: true });
      previous.set(participantId, [...own, payload]);
    }

    // The server is up, every phone still connected, and each sees the board as the screen does.
    expectStatus(await server.api('GET', '/health'), 200);
    await eventually(() => {
      const expected = kind.phoneView(kind.view(arena.screen, arena.tables));
      for (const phone of phones) {
        expect(phone.socket.connected).toBe(true);
        expect(phone.states.at(-1)?.live?.view).toEqual(expected);
      }
    });
  });
});
