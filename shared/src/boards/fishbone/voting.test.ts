import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AcceptedIntent } from '../kind.ts';
import { updatesDuring } from '../test-support.ts';
import { AT_END, addNode, causeMarks, causesOf, fishbone, moveNode, readTree, removeNode, setRootCause, setVoting, undoScope, type FishboneIntent, type FishboneView } from './index.ts';

/** The users' example: what keeps an employee in social services motivated. */
function motivationBoard() {
  const doc = new Y.Doc();
  fishbone.init(doc, fishbone.settingsSchema.parse({ head: 'Motivovaný zaměstnanec', categories: ['Finance', 'Kultura'] }));
  const [finance, culture] = readTree(doc).categories.map((c) => c.id) as [string, string];
  const under = (parent: string, text: string) => addNode(doc, parent, AT_END, text)!;
  const salaries = under(finance, 'Nízké mzdy');
  const tariffs = under(salaries, 'Tabulkové tarify');
  const bonuses = under(tariffs, 'Chybí osobní ohodnocení');
  const benefits = under(finance, 'Málo benefitů');
  const feedback = under(culture, 'Chybí zpětná vazba');
  const burnout = under(culture, 'Vyhoření');
  const ids = { finance, culture, salaries, tariffs, bonuses, benefits, feedback, burnout };
  /** The category a cause is under now. */
  const categoryOf = (id: string) => causesOf(readTree(doc).categories).find((c) => c.cause.id === id)!.categoryId;
  return { doc, ids, categoryOf };
}

const rules = (doc: Y.Doc) => fishbone.rules(doc, fishbone.settingsSchema.parse({}));

/** A board with voting turned on and open, and the taps of participants as the server accepts them. */
function votingBoard(options: { budget?: number; stacking?: boolean; rootCauseCount?: number } = {}) {
  const board = motivationBoard();
  setVoting(board.doc, 'state', 'open');
  if (options.budget) setVoting(board.doc, 'budget', options.budget);
  if (options.stacking) setVoting(board.doc, 'stacking', true);
  if (options.rootCauseCount !== undefined) setVoting(board.doc, 'rootCauseCount', options.rootCauseCount);
  const add = (causeId: string): FishboneIntent => ({ type: 'dot.add', sectionId: board.categoryOf(causeId), itemId: causeId });
  const remove = (causeId: string): FishboneIntent => ({ type: 'dot.remove', sectionId: board.categoryOf(causeId), itemId: causeId });
  /** Each participant's taps, checked one by one as the server does; returns the refusals' codes. */
  const taps: AcceptedIntent<FishboneIntent>[] = [];
  const tap = (by: string, intent: FishboneIntent) => {
    const previous = taps.filter((t) => t.by === by).map((t) => t.intent);
    const check = fishbone.checkIntent(intent, previous, rules(board.doc));
    if (check.ok) taps.push({ id: `t${String(taps.length).padStart(3, '0')}`, at: new Date(Date.UTC(2026, 10, 24, 17, 0, taps.length)).toISOString(), by, intent });
    return check.ok ? 'ok' : check.code;
  };
  const project = () => fishbone.project(board.doc, fishbone.aggregate(taps, rules(board.doc)));
  const mine = (by: string) => fishbone.mine(taps.filter((t) => t.by === by).map((t) => t.intent), rules(board.doc));
  return { ...board, add, remove, tap, taps, project, mine, view: () => fishbone.view(board.doc) };
}

/** Each cause's dots by its text. */
const totalsOf = (view: FishboneView) => Object.fromEntries(causesOf(view.categories).map(({ cause }) => [cause.text, view.results[cause.id]!.total]));

describe('fishbone voting: turned on, opened and closed by the facilitator', () => {
  it('is off at first: no dots taken, phones see no ballot, the rules carry no causes', () => {
    const { doc, ids } = motivationBoard();
    const view = fishbone.view(doc);
    expect(view.voting).toEqual({ state: 'off', budget: 3, stacking: false, results: 'onReveal', revealed: false, rootCauseCount: 3 });
    expect(fishbone.phoneView(view).voting).toBeNull();
    expect(rules(doc).dots.items).toEqual({});
    expect(fishbone.checkIntent({ type: 'dot.add', sectionId: ids.finance, itemId: ids.salaries }, [], rules(doc))).toMatchObject({
      ok: false,
      code: 'closed',
    });
  });

  it('open: every cause at every level takes dots under its category; a category takes none', () => {
    const board = votingBoard();
    const { ids } = board;
    expect(rules(board.doc).dots).toEqual({
      budget: 3,
      budgetPer: 'board',
      stacking: false,
      items: {
        [ids.salaries]: ids.finance,
        [ids.tariffs]: ids.finance,
        [ids.bonuses]: ids.finance,
        [ids.benefits]: ids.finance,
        [ids.feedback]: ids.culture,
        [ids.burnout]: ids.culture,
      },
      sectionIds: [ids.finance, ids.culture],
    });
    expect(board.tap('anna', board.add(ids.bonuses))).toBe('ok');
    expect(board.tap('anna', { type: 'dot.add', sectionId: ids.culture, itemId: ids.salaries })).toBe('unknown_item');
    expect(board.tap('anna', { type: 'dot.add', sectionId: ids.finance, itemId: ids.finance })).toBe('unknown_item');
  });

  it('the budget holds across categories; without stacking one dot a cause; taking one back frees it', () => {
    const board = votingBoard({ budget: 2 });
    const { ids } = board;
    expect(board.tap('anna', board.add(ids.salaries))).toBe('ok');
    expect(board.tap('anna', board.add(ids.salaries))).toBe('duplicate');
    expect(board.tap('anna', board.add(ids.burnout))).toBe('ok');
    expect(board.tap('anna', board.add(ids.feedback))).toBe('limit_reached');
    expect(board.mine('anna').votes).toEqual({ dots: { [ids.salaries]: 1, [ids.burnout]: 1 }, bySection: { [ids.finance]: 0, [ids.culture]: 0 }, remaining: 0 });
    expect(board.tap('anna', board.remove(ids.burnout))).toBe('ok');
    expect(board.tap('anna', board.add(ids.feedback))).toBe('ok');
    expect(board.tap('anna', board.remove(ids.burnout))).toBe('invalid');
  });

  it('with stacking, several dots on one cause', () => {
    const board = votingBoard({ budget: 3, stacking: true });
    for (let i = 0; i < 3; i++) expect(board.tap('anna', board.add(board.ids.burnout))).toBe('ok');
    expect(board.tap('anna', board.add(board.ids.burnout))).toBe('limit_reached');
    expect(board.mine('anna').votes.dots).toEqual({ [board.ids.burnout]: 3 });
  });

  it('closed: no dot placed or taken back, the dots placed stay and phones still see theirs', () => {
    const board = votingBoard();
    const { ids } = board;
    expect(board.tap('anna', board.add(ids.salaries))).toBe('ok');
    setVoting(board.doc, 'state', 'closed');
    expect(board.tap('anna', board.add(ids.burnout))).toBe('closed');
    expect(board.tap('anna', board.remove(ids.salaries))).toBe('closed');
    expect(board.mine('anna').votes).toMatchObject({ dots: { [ids.salaries]: 1 }, remaining: 2 });
    board.project();
    expect(fishbone.phoneView(board.view()).voting).toMatchObject({ open: false, budget: 3 });
    setVoting(board.doc, 'state', 'open');
    expect(board.tap('anna', board.add(ids.burnout))).toBe('ok');
  });

  it('suggestions go on beside voting: dots do not use up suggestions, nor suggestions dots', () => {
    const board = votingBoard({ budget: 1 });
    const { ids } = board;
    const suggest = (text: string): FishboneIntent => ({ type: 'fishbone.suggest', categoryId: ids.culture, text });
    expect(board.tap('anna', board.add(ids.burnout))).toBe('ok');
    for (const text of ['a', 'b', 'c', 'd', 'e']) expect(board.tap('anna', suggest(text))).toBe('ok');
    expect(board.tap('anna', suggest('f'))).toBe('limit_reached');
    expect(board.tap('anna', board.remove(ids.burnout))).toBe('ok');
    expect(board.tap('anna', board.add(ids.feedback))).toBe('ok');
    expect(board.mine('anna')).toEqual({
      sent: 5,
      remaining: 0,
      votes: { dots: { [ids.feedback]: 1 }, bySection: { [ids.finance]: 0, [ids.culture]: 0 }, remaining: 0 },
    });
    board.project();
    expect(board.view().suggestions.map((s) => s.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(board.view().results[ids.feedback]!.total).toBe(1);
    // The facilitator resets the dots and the suggestions apart.
    expect(fishbone.scopeOf(board.add(ids.burnout))).toBe('votes');
    expect(fishbone.scopeOf(suggest('x'))).toBe('suggestions');
  });

  it('options are read from the doc leniently; bad values are refused when written', () => {
    const { doc } = motivationBoard();
    expect(() => setVoting(doc, 'budget', 0)).toThrow();
    expect(() => setVoting(doc, 'rootCauseCount', 2.5)).toThrow();
    doc.getMap('voting').set('budget', 'lots');
    doc.getMap('voting').set('state', 'open');
    expect(fishbone.view(doc).voting).toMatchObject({ state: 'open', budget: 3 });
  });
});

describe('fishbone voting: counts and root causes', () => {
  /** Anna, Boris and Cyril vote: Nízké mzdy 3, Vyhoření 2, Chybí osobní ohodnocení 2, Málo benefitů 1. */
  function voted(rootCauseCount = 2) {
    const board = votingBoard({ rootCauseCount });
    const { ids } = board;
    for (const [by, causes] of [
      ['anna', [ids.salaries, ids.burnout, ids.bonuses]],
      ['boris', [ids.salaries, ids.burnout, ids.benefits]],
      ['cyril', [ids.salaries, ids.bonuses]],
    ] as const) {
      for (const cause of causes) expect(board.tap(by, board.add(cause))).toBe('ok');
    }
    board.project();
    return board;
  }

  it('each cause gets its total and rank; the top N are root causes, ties at the boundary included', () => {
    const board = voted(2);
    const { ids } = board;
    const results = board.view().results;
    expect(results[ids.salaries]).toEqual({ total: 3, rank: 1, tie: 1, rootCause: true, choice: null });
    expect(results[ids.burnout]).toEqual({ total: 2, rank: 2, tie: 2, rootCause: true, choice: null });
    expect(results[ids.bonuses]).toEqual({ total: 2, rank: 2, tie: 2, rootCause: true, choice: null });
    expect(results[ids.benefits]).toMatchObject({ total: 1, rank: 4, rootCause: false });
    expect(results[ids.feedback]).toMatchObject({ total: 0, rank: 5, tie: 2, rootCause: false });
    expect(board.view().voters).toBe(3);

    setVoting(board.doc, 'rootCauseCount', 1);
    expect(Object.entries(board.view().results).filter(([, r]) => r.rootCause).map(([id]) => id)).toEqual([ids.salaries]);
    // A cause without dots is never a root cause by the votes, however many are asked for.
    setVoting(board.doc, 'rootCauseCount', 20);
    expect(board.view().results[ids.feedback]!.rootCause).toBe(false);
  });

  it('the facilitator chooses root causes by hand, over the votes or instead of them', () => {
    const board = voted(1);
    const { ids } = board;
    setRootCause(board.doc, ids.feedback, true);
    setRootCause(board.doc, ids.salaries, false);
    const rootCauses = () => Object.entries(board.view().results).filter(([, r]) => r.rootCause).map(([id]) => id);
    expect(rootCauses()).toEqual([ids.feedback]);
    setVoting(board.doc, 'rootCauseCount', 0);
    expect(rootCauses()).toEqual([ids.feedback]);
    setRootCause(board.doc, ids.salaries, null);
    setVoting(board.doc, 'rootCauseCount', 1);
    expect(rootCauses()).toEqual([ids.salaries, ids.feedback]);
    // Turned off, the diagram has no root causes; turned on again, they are back.
    setVoting(board.doc, 'state', 'off');
    expect(rootCauses()).toEqual([]);
  });

  it('a cause removed after the votes: its dots no longer count, its voters have them back', () => {
    const board = voted(2);
    const { ids } = board;
    expect(board.mine('cyril').votes.remaining).toBe(1);
    // Removing Nízké mzdy removes the two causes under it too, with their dots.
    removeNode(board.doc, ids.salaries);
    expect(board.mine('cyril').votes).toMatchObject({ dots: {}, remaining: 3 });
    expect(board.mine('anna').votes).toMatchObject({ dots: { [ids.burnout]: 1 }, remaining: 2 });
    expect(board.tap('cyril', board.add(ids.feedback))).toBe('ok');
    expect(board.tap('cyril', { type: 'dot.add', sectionId: ids.finance, itemId: ids.salaries })).toBe('unknown_item');
    board.project();
    const view = board.view();
    expect(Object.keys(view.results).sort()).toEqual([ids.benefits, ids.feedback, ids.burnout].sort());
    expect(view.results[ids.burnout]).toMatchObject({ total: 2, rank: 1, rootCause: true });
    expect(fishbone.toMinutes(view, 'cs').blocks.at(-1)).toMatchObject({
      type: 'table',
      rows: [
        ['1.', 'Vyhoření', 'Kultura', '2'],
        ['2.–3.', 'Málo benefitů', 'Finance', '1'],
        ['2.–3.', 'Chybí zpětná vazba', 'Kultura', '1'],
      ],
    });
  });

  it('a removed cause brought back by undo has its dots again; its voters place no more than their budget', () => {
    const board = voted(2);
    const { ids } = board;
    const undo = new Y.UndoManager(undoScope(board.doc));
    removeNode(board.doc, ids.burnout);
    expect(board.tap('boris', board.add(ids.feedback))).toBe('ok');
    undo.undo();
    expect(board.view().results[ids.burnout]).toMatchObject({ total: 2 });
    // Boris now has four dots placed with a budget of three, as after a lowered budget: none left.
    expect(board.mine('boris').votes).toMatchObject({ remaining: 0, dots: { [ids.burnout]: 1, [ids.feedback]: 1 } });
    expect(board.tap('boris', board.add(ids.tariffs))).toBe('limit_reached');
  });

  it('a cause moved to another category keeps its dots', () => {
    const board = voted(2);
    const { ids } = board;
    expect(moveNode(board.doc, ids.bonuses, ids.culture, AT_END)).toBe(true);
    expect(board.view().results[ids.bonuses]!.total).toBe(2);
    expect(board.mine('anna').votes.dots[ids.bonuses]).toBe(1);
    expect(board.tap('anna', board.remove(ids.bonuses))).toBe('ok');
  });

  it('phones see the counts and root causes only once revealed, or live', () => {
    const board = voted(2);
    const { ids } = board;
    const phone = () => fishbone.phoneView(board.view()).voting!;
    expect(phone()).toEqual({ open: true, budget: 3, stacking: false, results: null });
    setVoting(board.doc, 'revealed', true);
    expect(phone().results![ids.salaries]).toEqual({ total: 3, rootCause: true });
    expect(phone().results![ids.feedback]).toEqual({ total: 0, rootCause: false });
    setVoting(board.doc, 'revealed', false);
    setVoting(board.doc, 'results', 'live');
    expect(phone().results![ids.benefits]).toEqual({ total: 1, rootCause: false });
    expect(JSON.stringify(fishbone.phoneView(board.view()))).not.toMatch(/anna|boris|cyril/);
  });

  it('the drawing gets the dots and root causes only once they are shown', () => {
    const board = voted(1);
    const { ids } = board;
    const marks = () => causeMarks(board.view().voting, board.view().results);
    expect(marks()).toEqual({});
    setVoting(board.doc, 'revealed', true);
    expect(marks()[ids.salaries]).toEqual({ votes: 3, rootCause: true });
    expect(marks()[ids.burnout]).toEqual({ votes: 2, rootCause: false });
    setVoting(board.doc, 'state', 'off');
    expect(marks()).toEqual({});
  });

  it('the projection writes the counts without authors, and writes nothing when nothing changed', () => {
    const board = voted(2);
    expect(JSON.stringify(board.doc.toJSON())).not.toMatch(/anna|boris|cyril/);
    expect(updatesDuring(board.doc, () => board.project())).toBe(0);
    expect(totalsOf(board.view())).toEqual({
      'Nízké mzdy': 3,
      'Tabulkové tarify': 0,
      'Chybí osobní ohodnocení': 2,
      'Málo benefitů': 1,
      'Chybí zpětná vazba': 0,
      Vyhoření: 2,
    });
  });

  it('the minutes mark the root causes in the nested lists and list them by rank', () => {
    const board = voted(2);
    const section = fishbone.toMinutes(board.view(), 'cs');
    expect(section).toEqual({
      heading: 'Motivovaný zaměstnanec',
      blocks: [
        { type: 'heading', text: 'Finance' },
        {
          type: 'list',
          items: [
            {
              text: 'Nízké mzdy',
              mark: 'priority',
              children: [{ text: 'Tabulkové tarify', children: [{ text: 'Chybí osobní ohodnocení', mark: 'priority' }] }],
            },
            { text: 'Málo benefitů' },
          ],
        },
        { type: 'heading', text: 'Kultura' },
        { type: 'list', items: [{ text: 'Chybí zpětná vazba' }, { text: 'Vyhoření', mark: 'priority' }] },
        { type: 'heading', text: 'Hlavní příčiny' },
        {
          type: 'table',
          header: ['Pořadí', 'Příčina', 'Kategorie', 'Tečky'],
          rows: [
            ['1.', 'Nízké mzdy', 'Finance', '3'],
            ['2.–3.', 'Chybí osobní ohodnocení', 'Finance', '2'],
            ['2.–3.', 'Vyhoření', 'Kultura', '2'],
          ],
          numeric: [3],
        },
      ],
    });
    // Without root causes (none by the votes, none by hand) nothing is marked and there is no list of them.
    setVoting(board.doc, 'rootCauseCount', 0);
    const plain = fishbone.toMinutes(board.view(), 'en');
    expect(JSON.stringify(plain)).not.toContain('priority');
    expect(plain.blocks.at(-1)).toEqual({ type: 'list', items: [{ text: 'Chybí zpětná vazba' }, { text: 'Vyhoření' }] });
  });

  it('the CSV gets the dots, the rank and the root causes once voting is on', () => {
    const board = voted(2);
    expect(fishbone.toTable(board.view(), 'cs')).toEqual([
      ['Kategorie', 'Úroveň', 'Příčina', 'Tečky', 'Pořadí', 'Hlavní příčina'],
      ['Finance', '1', 'Nízké mzdy', '3', '1.', 'ano'],
      ['Finance', '2', 'Tabulkové tarify', '0', '5.–6.', ''],
      ['Finance', '3', 'Chybí osobní ohodnocení', '2', '2.–3.', 'ano'],
      ['Finance', '1', 'Málo benefitů', '1', '4.', ''],
      ['Kultura', '1', 'Chybí zpětná vazba', '0', '5.–6.', ''],
      ['Kultura', '1', 'Vyhoření', '2', '2.–3.', 'ano'],
    ]);
    addNode(board.doc, null, AT_END, 'Prostředí');
    expect(fishbone.toTable(board.view(), 'en').at(-1)).toEqual(['Prostředí', '', '', '', '', '']);
    setVoting(board.doc, 'state', 'off');
    expect(fishbone.toTable(board.view(), 'en')[0]).toEqual(['Category', 'Level', 'Cause']);
  });
});

describe('fishbone: causes to promote into a plan', () => {
  it('offers every cause by its id, read with its bone and parent causes, without dots while voting is off', () => {
    const { doc, ids } = motivationBoard();
    expect(fishbone.promotable!(fishbone.view(doc))).toEqual([
      { itemId: ids.salaries, text: 'Nízké mzdy', context: 'Finance', votes: null },
      { itemId: ids.tariffs, text: 'Tabulkové tarify', context: 'Finance › Nízké mzdy', votes: null },
      { itemId: ids.bonuses, text: 'Chybí osobní ohodnocení', context: 'Finance › Nízké mzdy › Tabulkové tarify', votes: null },
      { itemId: ids.benefits, text: 'Málo benefitů', context: 'Finance', votes: null },
      { itemId: ids.feedback, text: 'Chybí zpětná vazba', context: 'Kultura', votes: null },
      { itemId: ids.burnout, text: 'Vyhoření', context: 'Kultura', votes: null },
    ]);
  });

  it('carries each cause’s dots once voting is on', () => {
    const board = votingBoard();
    board.tap('p1', board.add(board.ids.burnout));
    board.tap('p2', board.add(board.ids.burnout));
    board.tap('p2', board.add(board.ids.tariffs));
    board.project();
    const votes = Object.fromEntries(fishbone.promotable!(board.view()).map((item) => [item.text, item.votes]));
    expect(votes).toMatchObject({ Vyhoření: 2, 'Tabulkové tarify': 1, 'Nízké mzdy': 0 });
  });
});
