import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ITEM_MAX_LENGTH,
  MAX_INTENTS_PER_PARTICIPANT,
  MAX_SUGGESTIONS_PER_PARTICIPANT,
  acceptSuggestion,
  addItem,
  addSection,
  dismissSuggestion,
  dots,
  itemText,
  mergeSuggestion,
  moveItem,
  rankLabel,
  ranked,
  removeItem,
  removeSection,
  sectionTitle,
  setOption,
  setPaperDots,
  setPriority,
  type DotsIntent,
  type DotsRules,
  type DotsSettings,
  type DotsView,
} from './dots.ts';
import { boardKind, boardKindNames } from './index.ts';
import type { AcceptedIntent } from './kind.ts';
import { updatesDuring } from './test-support.ts';

type SettingsInput = Partial<Omit<DotsSettings, 'sections'>> & { sections?: { title?: string; items?: string[] }[] };
const settings = (over: SettingsInput = {}): DotsSettings => dots.settingsSchema.parse(over);
/** The dots aggregate needs nothing of the board's rules: every accepted tap counts. */
const aggregateDots = (list: AcceptedIntent<DotsIntent>[]) => dots.aggregate(list, dots.rules(new Y.Doc(), settings()));

const newBoard = (over: SettingsInput = {}) => {
  const doc = new Y.Doc();
  dots.init(doc, settings(over));
  return doc;
};

/** A board with the users' three lists; returns the doc and the ids by text. */
function threeLists(over: SettingsInput = {}) {
  const doc = newBoard({
    sections: [
      { title: 'Problémové oblasti', items: ['Bydlení', 'Doprava', 'Dluhy'] },
      { title: 'Možnosti zlepšení', items: ['Sdílené byty', 'Terénní práce'] },
      { title: 'Co funguje', items: ['Spolupráce NNO'] },
    ],
    ...over,
  });
  const view = dots.view(doc);
  const id = (text: string) => view.sections.flatMap((s) => s.items).find((i) => i.text === text)!.id;
  const section = (title: string) => view.sections.find((s) => s.title === title)!.id;
  return { doc, id, section, sectionOf: (text: string) => view.sections.find((s) => s.items.some((i) => i.text === text))!.id };
}

const rulesOf = (doc: Y.Doc, over: SettingsInput = {}): DotsRules => dots.rules(doc, settings(over));

let seq = 0;
const accepted = (by: string, intent: DotsIntent): AcceptedIntent<DotsIntent> => ({
  id: `i${String(seq++).padStart(4, '0')}`,
  at: new Date(Date.UTC(2026, 10, 24, 17, 0, seq)).toISOString(),
  by,
  intent,
});

describe('dots: registry, settings and intents', () => {
  it('is a registered board kind', () => {
    expect(boardKindNames).toContain('dots');
    expect(boardKind('dots')).toBe(dots);
  });

  it('settings have defaults and bounds', () => {
    expect(settings()).toEqual({
      variant: 'priorities',
      budget: 3,
      budgetPer: 'board',
      stacking: false,
      results: 'onReveal',
      revealed: false,
      suggesting: false,
      priorityCount: 2,
      prompt: '',
      sections: [],
    });
    for (const bad of [{ budget: 0 }, { budget: 21 }, { budget: 2.5 }, { budgetPer: 'item' }, { variant: 'poll' }, { priorityCount: -1 }]) {
      expect(dots.settingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(dots.settingsSchema.safeParse({ sections: [{ items: [' '] }] }).success).toBe(false);
    expect(dots.settingsSchema.safeParse({ sections: Array.from({ length: 31 }, () => ({})) }).success).toBe(false);
  });

  it('intents: a dot placed or taken back names section and item; a suggestion is one line', () => {
    const parse = (value: unknown) => dots.intentSchema.safeParse(value);
    expect(parse({ type: 'dot.add', sectionId: 's1', itemId: 'i1' }).success).toBe(true);
    expect(parse({ type: 'dot.remove', sectionId: 's1', itemId: 'i1' }).success).toBe(true);
    expect(parse({ type: 'item.suggest', sectionId: 's1', text: '  Víc \n bytů ' }).data).toEqual({
      type: 'item.suggest',
      sectionId: 's1',
      text: 'Víc bytů',
    });
    expect(parse({ type: 'item.suggest', sectionId: 's1', text: 'x'.repeat(ITEM_MAX_LENGTH + 1) }).success).toBe(false);
    expect(parse({ type: 'dot.add', sectionId: 's1' }).success).toBe(false);
    expect(parse({ type: 'dot.add', sectionId: 's1', itemId: '../x' }).success).toBe(false);
    expect(parse({ type: 'dot.add', sectionId: 's1', itemId: { $ne: 1 } }).success).toBe(false);
    expect(parse({ type: 'note.post', text: 'x' }).success).toBe(false);
  });
});

describe('dots: budget rules', () => {
  const add = (sectionId: string, itemId: string): DotsIntent => ({ type: 'dot.add', sectionId, itemId });
  const remove = (sectionId: string, itemId: string): DotsIntent => ({ type: 'dot.remove', sectionId, itemId });

  it('per board, one dot per item: three dots anywhere, no second dot on an item', () => {
    const { doc, id, sectionOf } = threeLists();
    const rules = rulesOf(doc);
    const on = (text: string) => add(sectionOf(text), id(text));
    expect(dots.checkIntent(on('Bydlení'), [], rules)).toEqual({ ok: true });
    expect(dots.checkIntent(on('Bydlení'), [on('Bydlení')], rules)).toMatchObject({ ok: false, code: 'duplicate' });
    const three = [on('Bydlení'), on('Sdílené byty'), on('Spolupráce NNO')];
    expect(dots.checkIntent(on('Doprava'), three.slice(0, 2), rules)).toEqual({ ok: true });
    expect(dots.checkIntent(on('Doprava'), three, rules)).toMatchObject({ ok: false, code: 'limit_reached' });
    // Taking one back frees a dot.
    expect(dots.checkIntent(remove(sectionOf('Bydlení'), id('Bydlení')), three, rules)).toEqual({ ok: true });
    expect(dots.checkIntent(on('Doprava'), [...three, remove(sectionOf('Bydlení'), id('Bydlení'))], rules)).toEqual({ ok: true });
    expect(dots.mine(three, rules)).toMatchObject({ remaining: 0, dots: { [id('Bydlení')]: 1, [id('Sdílené byty')]: 1 } });
  });

  it('per board with stacking: all dots on one item', () => {
    const { doc, id, sectionOf } = threeLists({ stacking: true, budget: 3 });
    const rules = rulesOf(doc);
    const on = add(sectionOf('Dluhy'), id('Dluhy'));
    expect(dots.checkIntent(on, [on, on], rules)).toEqual({ ok: true });
    expect(dots.checkIntent(on, [on, on, on], rules)).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(dots.mine([on, on, on], rules)).toMatchObject({ dots: { [id('Dluhy')]: 3 }, remaining: 0 });
  });

  it('per section: the budget applies to each list separately', () => {
    const { doc, id, sectionOf, section } = threeLists({ budgetPer: 'section', budget: 2 });
    const rules = rulesOf(doc);
    const on = (text: string) => add(sectionOf(text), id(text));
    const previous = [on('Bydlení'), on('Doprava')];
    expect(dots.checkIntent(on('Dluhy'), previous, rules)).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(dots.checkIntent(on('Sdílené byty'), previous, rules)).toEqual({ ok: true });
    expect(dots.mine(previous, rules)).toEqual({
      dots: { [id('Bydlení')]: 1, [id('Doprava')]: 1 },
      bySection: { [section('Problémové oblasti')]: 0, [section('Možnosti zlepšení')]: 2, [section('Co funguje')]: 2 },
      remaining: 4,
      suggestionsLeft: MAX_SUGGESTIONS_PER_PARTICIPANT,
    });
  });

  it('per board: each section shows the same dots left', () => {
    const { doc, id, sectionOf, section } = threeLists({ budget: 3 });
    const mine = dots.mine([add(sectionOf('Bydlení'), id('Bydlení'))], rulesOf(doc));
    expect(mine.remaining).toBe(2);
    expect(Object.values(mine.bySection)).toEqual([2, 2, 2]);
    expect(mine.bySection[section('Co funguje')]).toBe(2);
  });

  it('refuses an item that does not exist, or named with another section', () => {
    const { doc, id, section, sectionOf } = threeLists();
    const rules = rulesOf(doc);
    expect(dots.checkIntent(add(sectionOf('Bydlení'), 'nope'), [], rules)).toMatchObject({ ok: false, code: 'unknown_item' });
    expect(dots.checkIntent(add(section('Co funguje'), id('Bydlení')), [], rules)).toMatchObject({ ok: false, code: 'unknown_item' });
    // Taking back a dot that is not there.
    expect(dots.checkIntent(remove(sectionOf('Bydlení'), id('Bydlení')), [], rules)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('dots on a removed item no longer count: the participant gets them back', () => {
    const { doc, id, sectionOf } = threeLists({ budget: 1 });
    const previous = [add(sectionOf('Bydlení'), id('Bydlení'))];
    expect(dots.checkIntent(add(sectionOf('Doprava'), id('Doprava')), previous, rulesOf(doc)).ok).toBe(false);
    removeItem(doc, id('Bydlení'));
    const rules = rulesOf(doc);
    expect(dots.checkIntent(add(sectionOf('Doprava'), id('Doprava')), previous, rules)).toEqual({ ok: true });
    expect(dots.mine(previous, rules)).toMatchObject({ dots: {}, remaining: 1 });
  });

  it('the budget and stacking are read from the doc, where the facilitator changes them live', () => {
    const { doc, id, sectionOf } = threeLists({ budget: 1 });
    const on = add(sectionOf('Bydlení'), id('Bydlení'));
    expect(dots.checkIntent(on, [on], rulesOf(doc)).ok).toBe(false);
    setOption(doc, 'budget', 5);
    setOption(doc, 'stacking', true);
    expect(dots.checkIntent(on, [on], rulesOf(doc))).toEqual({ ok: true });
    expect(() => setOption(doc, 'budget', 0)).toThrow();
    // A bad value written by some other client is ignored, the rest of the options stay.
    doc.getMap('options').set('budget', 'lots');
    expect(rulesOf(doc, { budget: 2 })).toMatchObject({ budget: 2, stacking: true });
    expect(dots.view(doc)).toMatchObject({ budget: 3, stacking: true });
  });

  it('caps the number of taps per participant', () => {
    const { doc, id, sectionOf } = threeLists();
    const on = add(sectionOf('Bydlení'), id('Bydlení'));
    const off = remove(sectionOf('Bydlení'), id('Bydlení'));
    const many = Array.from({ length: MAX_INTENTS_PER_PARTICIPANT }, (_, i) => (i % 2 === 0 ? on : off));
    expect(dots.checkIntent(on, many, rulesOf(doc))).toMatchObject({ ok: false, code: 'limit_reached' });
  });

  it('suggestions: only when allowed, into an existing section, a few per participant, no repeats', () => {
    const { doc, section } = threeLists();
    const suggest = (text: string, sectionId = section('Co funguje')): DotsIntent => ({ type: 'item.suggest', sectionId, text });
    expect(dots.checkIntent(suggest('Linka důvěry'), [], rulesOf(doc))).toMatchObject({ ok: false, code: 'closed' });
    setOption(doc, 'suggesting', true);
    const rules = rulesOf(doc);
    expect(dots.checkIntent(suggest('Linka důvěry'), [], rules)).toEqual({ ok: true });
    expect(dots.checkIntent(suggest('Linka důvěry', 'gone'), [], rules)).toMatchObject({ ok: false, code: 'unknown_item' });
    expect(dots.checkIntent(suggest('LINKA DŮVĚRY'), [suggest('Linka důvěry')], rules)).toMatchObject({ ok: false, code: 'duplicate' });
    const five = Array.from({ length: MAX_SUGGESTIONS_PER_PARTICIPANT }, (_, i) => suggest(`Nápad ${i}`));
    expect(dots.checkIntent(suggest('Další'), five, rules)).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(dots.mine(five, rules).suggestionsLeft).toBe(0);
  });

  it('scopes: dots by section (reset one list), suggestions apart', () => {
    expect(dots.scopeOf({ type: 'dot.add', sectionId: 's1', itemId: 'i' })).toBe('s1');
    expect(dots.scopeOf({ type: 'dot.remove', sectionId: 's2', itemId: 'i' })).toBe('s2');
    expect(dots.scopeOf({ type: 'item.suggest', sectionId: 's1', text: 'x' })).toBe('suggestions');
  });
});

describe('dots: counting, projection and ties', () => {
  it('aggregate nets out dots taken back and counts voters, never who', () => {
    const { id, sectionOf } = threeLists();
    const a = (text: string): DotsIntent => ({ type: 'dot.add', sectionId: sectionOf(text), itemId: id(text) });
    const r = (text: string): DotsIntent => ({ type: 'dot.remove', sectionId: sectionOf(text), itemId: id(text) });
    const aggregate = aggregateDots([
      accepted('alice', a('Bydlení')),
      accepted('alice', a('Doprava')),
      accepted('bob', a('Bydlení')),
      accepted('bob', r('Bydlení')),
      accepted('carol', a('Bydlení')),
    ]);
    expect(aggregate.votes).toEqual({ [id('Bydlení')]: 2, [id('Doprava')]: 1 });
    expect(aggregate.voters).toBe(2);
    expect(JSON.stringify(aggregate)).not.toMatch(/alice|bob|carol/);
  });

  it('project writes the counts, removes what a reset voided, and is idempotent', () => {
    const { doc, id, sectionOf } = threeLists();
    const a = (by: string, text: string) => accepted(by, { type: 'dot.add', sectionId: sectionOf(text), itemId: id(text) });
    const all = [a('p1', 'Bydlení'), a('p2', 'Bydlení'), a('p1', 'Sdílené byty')];
    dots.project(doc, aggregateDots(all));
    const items = () => Object.fromEntries(dots.view(doc).sections.flatMap((s) => s.items).map((i) => [i.text, i.phone]));
    expect(items()).toMatchObject({ Bydlení: 2, 'Sdílené byty': 1, Doprava: 0 });
    expect(dots.view(doc).voters).toBe(2);

    const before = Y.encodeStateAsUpdate(doc);
    expect(updatesDuring(doc, () => dots.project(doc, aggregateDots(all)))).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);

    // The first list was reset: its intents are no longer accepted.
    dots.project(doc, aggregateDots([all[2]!]));
    expect(items()).toMatchObject({ Bydlení: 0, 'Sdílené byty': 1 });
    expect(dots.view(doc).voters).toBe(1);
  });

  it('flip-chart dots are kept apart and added into the total and the ranking', () => {
    const { doc, id, sectionOf } = threeLists();
    const a = (by: string, text: string) => accepted(by, { type: 'dot.add', sectionId: sectionOf(text), itemId: id(text) });
    dots.project(doc, aggregateDots([a('p1', 'Bydlení'), a('p2', 'Bydlení'), a('p1', 'Doprava')]));
    setPaperDots(doc, id('Dluhy'), 2);
    setPaperDots(doc, id('Doprava'), 1);
    setPaperDots(doc, id('Sdílené byty'), -4);
    const view = dots.view(doc);
    expect(view.hasPaper).toBe(true);
    const first = view.sections[0]!;
    expect(first.items.map((i) => [i.text, i.phone, i.paper, i.total, rankLabel(i.rank, i.tie)])).toEqual([
      ['Bydlení', 2, 0, 2, '1.–3.'],
      ['Doprava', 1, 1, 2, '1.–3.'],
      ['Dluhy', 0, 2, 2, '1.–3.'],
    ]);
    expect(view.sections[1]!.items[0]!.paper).toBe(0);
    setPaperDots(doc, id('Dluhy'), 3);
    expect(ranked(dots.view(doc).sections[0]!).map((i) => [i.text, rankLabel(i.rank, i.tie)])).toEqual([
      ['Dluhy', '1.'],
      ['Bydlení', '2.–3.'],
      ['Doprava', '2.–3.'],
    ]);
  });

  it('an editor adding items while the server projects counts: both survive the merge', () => {
    const { doc: server, id, sectionOf } = threeLists();
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    const added = addItem(editor, sectionOf('Bydlení'), 'Nová položka')!;
    setPaperDots(editor, id('Doprava'), 4);
    dots.project(server, aggregateDots([accepted('p1', { type: 'dot.add', sectionId: sectionOf('Bydlení'), itemId: id('Bydlení') })]));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(server)));
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server, Y.encodeStateVector(editor)));
    for (const doc of [server, editor]) {
      const items = dots.view(doc).sections[0]!.items;
      expect(items.map((i) => [i.text, i.total])).toEqual([
        ['Bydlení', 1],
        ['Doprava', 4],
        ['Dluhy', 0],
        ['Nová položka', 0],
      ]);
      expect(items[3]!.id).toBe(added);
    }
  });
});

describe('dots: what editors do', () => {
  it('sections and items are added, renamed, moved and removed', () => {
    const doc = newBoard();
    const view = () => dots.view(doc);
    expect(view().sections).toHaveLength(1);
    const first = view().sections[0]!.id;
    sectionTitle(doc, first)!.insert(0, 'Rodiny s dětmi');
    const second = addSection(doc, 'Senioři')!;
    const a = addItem(doc, first, '  Dostupná   školka ')!;
    const b = addItem(doc, first, 'Odlehčovací služba')!;
    expect(addItem(doc, first, '   ')).toBeNull();
    expect(addItem(doc, 'gone', 'x')).toBeNull();
    itemText(doc, b)!.insert(0, 'Víkendová ');
    expect(view().sections.map((s) => [s.title, s.items.map((i) => i.text)])).toEqual([
      ['Rodiny s dětmi', ['Dostupná školka', 'Víkendová Odlehčovací služba']],
      ['Senioři', []],
    ]);
    setPaperDots(doc, b, 3);
    setPriority(doc, b, true);
    moveItem(doc, b, -1);
    moveItem(doc, b, -1);
    const moved = view().sections[0]!.items;
    expect(moved.map((i) => [i.id, i.paper, i.priorityChoice])).toEqual([
      [b, 3, true],
      [a, 0, null],
    ]);
    removeItem(doc, a);
    removeSection(doc, second);
    expect(view().sections.map((s) => s.items.length)).toEqual([1]);
  });


  it('two editors at once: one moves an item while the other edits its text, both move it, both add at the end', () => {
    const { doc: first, id, sectionOf } = threeLists();
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const sync = () => {
      Y.applyUpdate(first, Y.encodeStateAsUpdate(second, Y.encodeStateVector(first)));
      Y.applyUpdate(second, Y.encodeStateAsUpdate(first, Y.encodeStateVector(second)));
    };
    const texts = (doc: Y.Doc) => dots.view(doc).sections[0]!.items.map((i) => i.text);

    moveItem(first, id('Dluhy'), -1);
    itemText(second, id('Dluhy'))!.insert(0, 'Exekuce a ');
    sync();
    for (const doc of [first, second]) expect(texts(doc)).toEqual(['Bydlení', 'Exekuce a Dluhy', 'Doprava']);

    moveItem(first, id('Bydlení'), 1);
    moveItem(second, id('Bydlení'), 1);
    sync();
    expect(texts(first)).toEqual(texts(second));
    expect(texts(first).toSorted()).toEqual(['Bydlení', 'Doprava', 'Exekuce a Dluhy']);

    // Both append at once: the twins get one key, and a later move between them still works.
    addItem(first, sectionOf('Bydlení'), 'Senioři');
    addItem(second, sectionOf('Bydlení'), 'Rodiny');
    sync();
    expect(texts(first)).toEqual(texts(second));
    const last = dots.view(first).sections[0]!.items.at(-1)!;
    moveItem(first, last.id, -1);
    sync();
    expect(texts(first)).toEqual(texts(second));
    expect(texts(first).at(-2)).toBe(last.text);
  });
  it('suggestions arrive pending; editors accept (as is or edited), merge or dismiss them', () => {
    const { doc, id, section } = threeLists({ suggesting: true });
    const works = section('Co funguje');
    const suggest = (by: string, text: string) => accepted(by, { type: 'item.suggest', sectionId: works, text });
    const all = [suggest('p1', 'Linka důvěry'), suggest('p2', 'Klub seniorů'), suggest('p3', 'Spolupráce neziskovek'), suggest('p4', 'Spam')];
    dots.project(doc, aggregateDots(all));
    const [s1, s2, s3, s4] = dots.view(doc).suggestions;
    expect(dots.view(doc).suggestions.map((s) => s.state)).toEqual(['pending', 'pending', 'pending', 'pending']);

    const accepted1 = acceptSuggestion(doc, s1!.id)!;
    acceptSuggestion(doc, s2!.id, 'Klub seniorů v Rochlici');
    mergeSuggestion(doc, s3!.id, id('Spolupráce NNO'));
    dismissSuggestion(doc, s4!.id);
    const view = dots.view(doc);
    expect(view.sections.find((s) => s.id === works)!.items.map((i) => i.text)).toEqual([
      'Spolupráce NNO',
      'Linka důvěry',
      'Klub seniorů v Rochlici',
    ]);
    expect(view.suggestions.map((s) => [s.state, s.itemId ?? null])).toEqual([
      ['accepted', accepted1],
      ['accepted', expect.any(String)],
      ['merged', id('Spolupráce NNO')],
      ['dismissed', null],
    ]);
    // Projecting again changes nothing an editor decided; a reset of suggestions drops only pending ones.
    dots.project(doc, aggregateDots(all));
    expect(dots.view(doc).suggestions.map((s) => s.state)).toEqual(['accepted', 'accepted', 'merged', 'dismissed']);
    dots.project(doc, aggregateDots([suggest('p5', 'Nový')]));
    expect(dots.view(doc).suggestions.map((s) => [s.text, s.state])).toEqual([
      ['Linka důvěry', 'accepted'],
      ['Klub seniorů', 'accepted'],
      ['Spolupráce neziskovek', 'merged'],
      ['Spam', 'dismissed'],
      ['Nový', 'pending'],
    ]);
  });
});

describe('dots: phones, stakeholders and the minutes', () => {
  function voted(over: SettingsInput = {}) {
    const board = threeLists(over);
    const a = (by: string, text: string) => accepted(by, { type: 'dot.add', sectionId: board.sectionOf(text), itemId: board.id(text) });
    dots.project(
      board.doc,
      aggregateDots([a('p1', 'Bydlení'), a('p2', 'Bydlení'), a('p3', 'Bydlení'), a('p1', 'Dluhy'), a('p2', 'Terénní práce')]),
    );
    return board;
  }

  it('phones see no counts until revealed, unless the results are live', () => {
    const { doc } = voted();
    const counts = () => dots.phoneView(dots.view(doc)).sections[0]!.items.map((i) => i.total);
    expect(dots.phoneView(dots.view(doc))).toMatchObject({ showCounts: false, budget: 3, stacking: false, variant: 'priorities' });
    expect(counts()).toEqual([null, null, null]);
    expect(JSON.stringify(dots.phoneView(dots.view(doc)))).not.toContain('"phone"');
    setOption(doc, 'revealed', true);
    expect(counts()).toEqual([3, 0, 1]);
    setOption(doc, 'revealed', false);
    setOption(doc, 'results', 'live');
    expect(counts()).toEqual([3, 0, 1]);
  });

  it('priorities: per list a table in the original order and the priority order with ties', () => {
    const { doc, id } = voted();
    setPaperDots(doc, id('Dluhy'), 0);
    const minutes = dots.toMinutes(dots.view(doc), 'cs');
    expect(minutes.heading).toBe('Hlasování tečkami');
    expect(minutes.blocks.slice(0, 3)).toEqual([
      { type: 'heading', text: 'Problémové oblasti' },
      {
        type: 'table',
        header: ['Položka', 'Počet hlasů pro prioritizaci'],
        rows: [
          ['Bydlení', '3'],
          ['Doprava', '0'],
          ['Dluhy', '1'],
        ],
        numeric: [1],
      },
      {
        type: 'table',
        header: ['Pořadí', 'Položka', 'Celkem'],
        rows: [
          ['1.', 'Bydlení', '3'],
          ['2.', 'Dluhy', '1'],
        ],
        numeric: [2],
      },
    ]);
    // A list without any dots has no priority order; the last list is there too.
    expect(minutes.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)).toEqual([
      'Problémové oblasti',
      'Možnosti zlepšení',
      'Co funguje',
    ]);
    expect(minutes.blocks.at(-1)).toEqual({ type: 'table', header: ['Položka', 'Počet hlasů pro prioritizaci'], rows: [['Spolupráce NNO', '0']], numeric: [1] });
  });

  it('priorities: flip-chart dots get columns of their own', () => {
    const { doc, id } = voted();
    doc.getText('prompt').insert(0, 'Co je nejdůležitější?');
    setPaperDots(doc, id('Doprava'), 3);
    const minutes = dots.toMinutes(dots.view(doc), 'en');
    expect(minutes.heading).toBe('Co je nejdůležitější?');
    expect(minutes.blocks[1]).toEqual({
      type: 'table',
      header: ['Item', 'Votes from phones', 'Votes from the flip-chart', 'Total'],
      rows: [
        ['Bydlení', '3', '0', '3'],
        ['Doprava', '0', '3', '3'],
        ['Dluhy', '1', '0', '1'],
      ],
      numeric: [1, 2, 3],
    });
    expect((minutes.blocks[2] as { rows: string[][] }).rows).toEqual([
      ['1.–2.', 'Bydlení', '3'],
      ['1.–2.', 'Doprava', '3'],
      ['3.', 'Dluhy', '1'],
    ]);
  });

  it('stakeholders: per group a list with ⚫ after the priority needs (top N by votes, or chosen)', () => {
    const { doc, id } = voted({ variant: 'stakeholders', priorityCount: 1 });
    let view: DotsView = dots.view(doc);
    expect(view.sections[0]!.items.map((i) => [i.text, i.priority])).toEqual([
      ['Bydlení', true],
      ['Doprava', false],
      ['Dluhy', false],
    ]);
    setPriority(doc, id('Doprava'), true);
    setPriority(doc, id('Bydlení'), false);
    view = dots.view(doc);
    const minutes = dots.toMinutes(view, 'cs');
    expect(minutes.blocks.slice(0, 2)).toEqual([
      { type: 'heading', text: 'Problémové oblasti' },
      { type: 'list', items: ['Bydlení', { text: 'Doprava', mark: 'priority' }, 'Dluhy'] },
    ]);
    // Ties at the boundary are all priorities; with no dots nothing is.
    setPriority(doc, id('Doprava'), null);
    setPriority(doc, id('Bydlení'), null);
    setPaperDots(doc, id('Doprava'), 3);
    const ties = dots.view(doc);
    expect(ties.sections[0]!.items.map((i) => i.priority)).toEqual([true, true, false]);
    expect(ties.sections[2]!.items.map((i) => i.priority)).toEqual([false]);
    setOption(doc, 'priorityCount', 0);
    expect(dots.view(doc).sections[0]!.items.map((i) => i.priority)).toEqual([false, false, false]);
  });

  it('untitled sections and an empty board read well', () => {
    const doc = newBoard({ variant: 'stakeholders' });
    expect(dots.toMinutes(dots.view(doc), 'cs')).toEqual({
      heading: 'Hlasování tečkami',
      blocks: [{ type: 'paragraph', text: 'Zatím žádné položky.' }],
    });
    addSection(doc);
    for (const section of dots.view(doc).sections) addItem(doc, section.id, 'Bezbariérovost');
    const headings = dots.toMinutes(dots.view(doc), 'cs').blocks.filter((b) => b.type === 'heading');
    expect(headings).toEqual([
      { type: 'heading', text: 'Skupina 1' },
      { type: 'heading', text: 'Skupina 2' },
    ]);
  });

  it('the CSV table has every item with phone, flip-chart and total counts, rank and priority', () => {
    const { doc, id } = voted({ variant: 'stakeholders' });
    setPaperDots(doc, id('Spolupráce NNO'), 2);
    const table = dots.toTable(dots.view(doc), 'cs');
    expect(table[0]).toEqual(['Seznam', 'Položka', 'Hlasy z telefonů', 'Hlasy z flipchartu', 'Celkem', 'Pořadí', 'Priorita']);
    expect(table.slice(1)).toEqual([
      ['Problémové oblasti', 'Bydlení', '3', '0', '3', '1.', 'ano'],
      ['Problémové oblasti', 'Doprava', '0', '0', '0', '3.', ''],
      ['Problémové oblasti', 'Dluhy', '1', '0', '1', '2.', 'ano'],
      ['Možnosti zlepšení', 'Sdílené byty', '0', '0', '0', '2.', ''],
      ['Možnosti zlepšení', 'Terénní práce', '1', '0', '1', '1.', 'ano'],
      ['Co funguje', 'Spolupráce NNO', '0', '2', '2', '1.', 'ano'],
    ]);
  });
});

describe('dots: items to promote into a plan', () => {
  it('offers every item by its id, with its list as the context and its dots (phone and flip-chart)', () => {
    const { doc, id, sectionOf } = threeLists({ prompt: 'Priority pro plán' });
    const a = (by: string, text: string) => accepted(by, { type: 'dot.add', sectionId: sectionOf(text), itemId: id(text) });
    dots.project(doc, aggregateDots([a('p1', 'Bydlení'), a('p2', 'Bydlení'), a('p1', 'Terénní práce')]));
    setPaperDots(doc, id('Bydlení'), 5);
    const items = dots.promotable!(dots.view(doc));
    expect(items).toHaveLength(6);
    expect(items[0]).toEqual({ itemId: id('Bydlení'), text: 'Bydlení', context: 'Problémové oblasti', votes: 7 });
    expect(items).toContainEqual({ itemId: id('Terénní práce'), text: 'Terénní práce', context: 'Možnosti zlepšení', votes: 1 });
    expect(items).toContainEqual({ itemId: id('Spolupráce NNO'), text: 'Spolupráce NNO', context: 'Co funguje', votes: 0 });
  });

  it('an untitled list reads as the board’s prompt', () => {
    const doc = newBoard({ prompt: 'Co je nejdůležitější?', sections: [{ title: '', items: ['Odlehčovací služby'] }] });
    expect(dots.promotable!(dots.view(doc))).toMatchObject([{ text: 'Odlehčovací služby', context: 'Co je nejdůležitější?', votes: 0 }]);
  });
});
