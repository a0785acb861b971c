import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../i18n/index.ts';
import type { AcceptedIntent, ParticipantContext } from '../kind.ts';
import {
  addTableNote,
  cafe,
  contrastRatio,
  editTableNote,
  goToRound,
  mergeNote,
  renameTable,
  setKeyConclusion,
  startTimer,
  remainingMs,
  synthesisText,
  tableColours,
  tableLabel,
  type CafeIntent,
} from './index.ts';

/** A café doc with its tables' docs, and a stand-in for the server: intents are checked, recorded and projected. */
function cafeBoard(questions = ['Jak financovat síť?', 'Podle čeho přijímat nové služby?']) {
  const doc = new Y.Doc();
  cafe.init(doc, cafe.settingsSchema.parse({ questions, tables: 3 }));
  const tableDocs = new Map<string, Y.Doc>();
  const tableDoc = (id: string) => tableDocs.get(id) ?? tableDocs.set(id, new Y.Doc()).get(id)!;
  const recorded: AcceptedIntent<CafeIntent>[] = [];
  const view = () => cafe.view(doc, tableDoc);
  const board = {
    doc,
    tableDoc,
    view,
    tableIds: () => view().tables.map((t) => t.id),
    questionIds: () => view().questions.map((q) => q.id),
    post(by: string, seat: ParticipantContext['seat'], intent: Omit<CafeIntent, 'type'>) {
      const parsed = cafe.intentSchema.parse({ type: 'cafe.note', ...intent });
      const previous = recorded.filter((r) => r.by === by).map((r) => r.intent);
      const check = cafe.checkIntent(parsed, previous, cafe.rules(doc, cafe.settingsSchema.parse({})), { seat });
      if (check.ok) {
        recorded.push({ id: `n${recorded.length + 1}`, by, at: `2026-11-24T10:00:${String(recorded.length).padStart(2, '0')}.000Z`, intent: parsed });
        cafe.project(doc, cafe.aggregate(recorded, cafe.rules(doc, cafe.settingsSchema.parse({}))), tableDoc);
      }
      return check;
    },
    reset(questionId: string) {
      recorded.splice(0, recorded.length, ...recorded.filter((r) => r.intent.questionId !== questionId));
      cafe.project(doc, cafe.aggregate(recorded, cafe.rules(doc, cafe.settingsSchema.parse({}))), tableDoc);
    },
  };
  return board;
}

/**
 * The first question's harvest: a phone's note at table 1 marked as the key conclusion, its duplicate
 * from table 2 merged into it, another note at table 2, and a hidden one at table 3.
 */
function harvestedCafe() {
  const board = cafeBoard();
  const [t1, t2, t3] = board.tableIds() as [string, string, string];
  const [q1, q2] = board.questionIds() as [string, string];
  goToRound(board.doc, 1);
  board.post('a', { table: t1, host: false }, { tableId: t1, questionId: q1, text: 'Víceleté financování' });
  const dup = addTableNote(board.tableDoc(t2), q1, 'Financování na více let', '2026-11-24T10:05:00.000Z');
  addTableNote(board.tableDoc(t2), q1, 'Transparentnost', '2026-11-24T10:06:00.000Z');
  const hidden = addTableNote(board.tableDoc(t3), q1, 'Nečitelné', '2026-11-24T10:07:00.000Z');
  editTableNote(board.tableDoc(t3), hidden, { hidden: true });
  const key = board.view().notes[0]!.ref;
  setKeyConclusion(board.doc, q1, key, true);
  mergeNote(board.doc, q1, `${t2}/${dup}`, key);
  return { board, t1, t3, q1, q2, key };
}

describe('world café tables and colours', () => {
  it('lays out tables with distinct colours, numbers and names', () => {
    const board = cafeBoard();
    const t = translator('cs');
    expect(board.view().tables.map((table) => tableLabel(table, t))).toEqual(['Stůl 1 – oranžový', 'Stůl 2 – světle modrý', 'Stůl 3 – zelený']);
    renameTable(board.doc, board.tableIds()[1]!, '  Financování ');
    expect(tableLabel(board.view().tables[1]!, translator('en'))).toBe('Table 2 – Financování (sky blue)');
  });

  it('gives every table colour text with a contrast of at least 4.5:1, and a shape of its own', () => {
    expect(tableColours.length).toBeGreaterThanOrEqual(7);
    for (const colour of tableColours) expect(contrastRatio(colour.background, colour.ink)).toBeGreaterThanOrEqual(4.5);
    expect(new Set(tableColours.map((c) => c.shape)).size).toBe(tableColours.length);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21);
  });
});

describe('notes from phones', () => {
  it('accepts a note only to the participant’s own table, on the current round’s question', () => {
    const board = cafeBoard();
    const [t1, t2] = board.tableIds();
    const [q1, q2] = board.questionIds();
    const seat = { table: t1!, host: false };
    expect(board.post('p1', seat, { tableId: t1!, questionId: q1!, text: 'Víceleté financování' })).toMatchObject({ ok: false, code: 'closed' });
    goToRound(board.doc, 1);
    expect(board.post('p1', null, { tableId: t1!, questionId: q1!, text: 'Víceleté financování' })).toMatchObject({ ok: false, code: 'wrong_table' });
    expect(board.post('p1', seat, { tableId: t2!, questionId: q1!, text: 'Víceleté financování' })).toMatchObject({ ok: false, code: 'wrong_table' });
    expect(board.post('p1', seat, { tableId: t1!, questionId: q2!, text: 'Kvalita' })).toMatchObject({ ok: false, code: 'closed' });
    expect(board.post('p1', seat, { tableId: t1!, questionId: q1!, text: 'Víceleté financování' })).toEqual({ ok: true });
    expect(board.view().notes.map((n) => [n.tableId, n.text, n.from])).toEqual([[t1, 'Víceleté financování', 'phone']]);

    for (let i = 1; i < 10; i++) expect(board.post('p1', seat, { tableId: t1!, questionId: q1!, text: `Nápad ${i}` }).ok).toBe(true);
    expect(board.post('p1', seat, { tableId: t1!, questionId: q1!, text: 'Jedenáctý' })).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(cafe.mine([], cafe.rules(board.doc, cafe.settingsSchema.parse({})), { seat })).toEqual({ seat, round: 1, remaining: 10 });
  });

  it('projects phones’ notes into their table’s own doc, next to the host’s, and takes voided ones out', () => {
    const board = cafeBoard();
    const [t1, t2] = board.tableIds();
    const [q1] = board.questionIds();
    goToRound(board.doc, 1);
    const hostNote = addTableNote(board.tableDoc(t1!), q1!, 'Jasná pravidla', '2026-11-24T09:59:00.000Z');
    board.post('p1', { table: t1!, host: false }, { tableId: t1!, questionId: q1!, text: 'Transparentnost' });
    board.post('p2', { table: t2!, host: false }, { tableId: t2!, questionId: q1!, text: 'Krizový fond' });
    expect([...board.tableDoc(t1!).getMap('notes').values()].map((n) => (n as { text: string }).text)).toEqual(['Jasná pravidla', 'Transparentnost']);
    expect([...board.tableDoc(t2!).getMap('notes').values()].map((n) => (n as { text: string }).text)).toEqual(['Krizový fond']);

    editTableNote(board.tableDoc(t1!), hostNote, { hidden: true });
    const phone = cafe.phoneView(board.view());
    expect(phone).toMatchObject({ round: 1, rounds: 2, question: { id: q1, text: 'Jak financovat síť?' } });
    expect(phone.tables.map((t) => t.notes.map((n) => n.text))).toEqual([['Transparentnost'], ['Krizový fond'], []]);

    board.reset(q1!);
    expect(board.view().notes.map((n) => n.text)).toEqual(['Jasná pravidla']);
  });
});

describe('rounds, timer, synthesis and minutes', () => {
  it('counts a round down from its start on the server’s clock', () => {
    const board = cafeBoard();
    goToRound(board.doc, 1);
    expect(remainingMs(board.view(), 0)).toBe(20 * 60_000);
    startTimer(board.doc, 1_000_000);
    expect(remainingMs(board.view(), 1_000_000 + 60_000)).toBe(19 * 60_000);
    expect(remainingMs(board.view(), 1_000_000 + 21 * 60_000)).toBeLessThan(0);
    goToRound(board.doc, 2);
    expect(board.view()).toMatchObject({ round: 2, startedAt: null });
    goToRound(board.doc, 7);
    expect(board.view().round).toBe(2);
  });

  it('writes, per question, the synthesis, the key conclusions and each table’s conclusions as a labelled, coloured block', () => {
    const { board, q1, q2 } = harvestedCafe();
    synthesisText(board.doc, q1!)!.insert(0, 'Stoly se shodly na víceletém financování.\n\nA na pravidlech.');

    const section = cafe.toMinutes(board.view(), 'cs');
    expect(section.heading).toBe('World café');
    expect(section.blocks).toEqual([
      { type: 'paragraph', text: 'Závěry jednotlivých stolů ke každé otázce (účastníci byli náhodně rozsazeni ke 3 stolům).' },
      { type: 'heading', text: '1) Jak financovat síť?' },
      { type: 'paragraph', text: 'Stoly se shodly na víceletém financování.' },
      { type: 'paragraph', text: 'A na pravidlech.' },
      { type: 'list', label: 'Klíčové závěry', items: ['Víceleté financování (Stůl 1 – oranžový; Stůl 2 – světle modrý)'] },
      { type: 'list', label: 'Stůl 1 – oranžový', colour: '#e69f00', items: [{ text: 'Víceleté financování', mark: 'priority' }] },
      { type: 'list', label: 'Stůl 2 – světle modrý', colour: '#56b4e9', items: ['Financování na více let', 'Transparentnost'] },
      { type: 'heading', text: '2) Podle čeho přijímat nové služby?' },
      { type: 'paragraph', text: 'K této otázce nejsou žádné závěry.' },
    ]);
    expect(q2).toBeDefined();

    const table = cafe.toTable(board.view(), 'en');
    expect(table[0]).toEqual(['Question', 'Table', 'Text', 'Key conclusion', 'Hidden']);
    expect(table).toContainEqual(['Jak financovat síť?', 'Table 3 – green', 'Nečitelné', '', 'yes']);
    expect(table).toContainEqual(['Jak financovat síť?', 'Synthesis', 'Stoly se shodly na víceletém financování.\n\nA na pravidlech.', '', '']);
    expect(JSON.stringify(table)).not.toContain('"a"');
  });

  it('has a section for a café without questions', () => {
    const doc = new Y.Doc();
    cafe.init(doc, cafe.settingsSchema.parse({}));
    expect(cafe.toMinutes(cafe.view(doc), 'en').blocks).toEqual([{ type: 'paragraph', text: 'The café has no question yet.' }]);
  });
});

describe('world café: conclusions to promote into a plan', () => {
  it('offers the key conclusions of each question, by a ref that never changes, with the question and the tables they came from', () => {
    const { board, t1, t3, q2, key } = harvestedCafe();
    const hidden = addTableNote(board.tableDoc(t3), q2, 'Skrytý závěr', '2026-11-24T10:07:00.000Z');
    const shared = addTableNote(board.tableDoc(t3), q2, 'Společný příjem žádostí', '2026-11-24T10:08:00.000Z');
    setKeyConclusion(board.doc, q2, `${t3}/${hidden}`, true);
    editTableNote(board.tableDoc(t3), hidden, { hidden: true });
    setKeyConclusion(board.doc, q2, `${t3}/${shared}`, true);

    const items = cafe.promotable!(board.view());
    expect(items).toEqual([
      { itemId: key, text: 'Víceleté financování', context: 'Jak financovat síť? (Stůl 1 – oranžový; Stůl 2 – světle modrý)', votes: null },
      { itemId: `${t3}/${shared}`, text: 'Společný příjem žádostí', context: 'Podle čeho přijímat nové služby? (Stůl 3 – zelený)', votes: null },
    ]);
    renameTable(board.doc, t1, 'Financování');
    editTableNote(board.tableDoc(t3), shared, { text: 'Společný příjem žádostí o dotace' });
    expect(cafe.promotable!(board.view()).map((item) => item.itemId)).toEqual([key, `${t3}/${shared}`]);
  });
});
