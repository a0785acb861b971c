import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardKind, boardKindNames } from '../index.ts';
import type { AcceptedIntent } from '../kind.ts';
import {
  AT_END,
  SUGGESTION_MAX_LENGTH,
  acceptSuggestion,
  addNode,
  fishbone,
  readTree,
  removeNode,
  setFocus,
  setSuggestionRejected,
  setSuggestionsPerParticipant,
  shownCategories,
  type FishboneIntent,
  type FishboneRules,
  type FishboneSettings,
} from './index.ts';
import { outline } from './testing.ts';

const settings = (over: Partial<FishboneSettings> = {}): FishboneSettings => fishbone.settingsSchema.parse(over);
/** The fishbone aggregate needs nothing of the board's rules: every accepted suggestion is queued. */
const aggregateSuggestions = (list: AcceptedIntent<FishboneIntent>[]) => fishbone.aggregate(list, fishbone.rules(new Y.Doc(), settings()));

const newBoard = (over: Partial<FishboneSettings> = {}) => {
  const doc = new Y.Doc();
  fishbone.init(doc, settings(over));
  return doc;
};

const categoryId = (doc: Y.Doc, text: string) => readTree(doc).categories.find((c) => c.text === text)!.id;

const suggest = (categoryId: string, text: string): FishboneIntent => ({ type: 'fishbone.suggest', categoryId, text });
/** The rules of a board with these categories and no voting. */
const suggestionRules = (categoryIds: string[], suggestionsPerParticipant: number): FishboneRules => ({
  categoryIds,
  suggestionsPerParticipant,
  voting: 'off',
  dots: { budget: 3, budgetPer: 'board', stacking: false, items: {}, sectionIds: categoryIds },
});

const accepted = (id: string, intent: FishboneIntent, minute: number): AcceptedIntent<FishboneIntent> => ({
  id,
  intent,
  at: new Date(Date.UTC(2026, 10, 24, 17, minute)).toISOString(),
  by: `participant-${id}`,
});

describe('fishbone: registry, settings and intents', () => {
  it('is a registered board kind', () => {
    expect(boardKindNames).toContain('fishbone');
    expect(boardKind('fishbone')).toBe(fishbone);
  });

  it('starts from the 6M with an empty head; settings are bounded', () => {
    expect(settings()).toEqual({
      head: '',
      categories: ['Lidé', 'Metody', 'Stroje a vybavení', 'Materiál', 'Měření', 'Prostředí'],
      suggestionsPerParticipant: 5,
    });
    expect(fishbone.settingsSchema.safeParse({ categories: Array(9).fill('x') }).success).toBe(false);
    expect(fishbone.settingsSchema.safeParse({ categories: [' '] }).success).toBe(false);
    expect(fishbone.settingsSchema.safeParse({ suggestionsPerParticipant: 0 }).success).toBe(false);
    expect(fishbone.settingsSchema.safeParse({ head: 'x'.repeat(301) }).success).toBe(false);
  });

  it('a suggestion names a category and is one line of 1 to 200 characters', () => {
    const parse = (value: unknown) => fishbone.intentSchema.safeParse(value);
    expect(parse({ type: 'fishbone.suggest', categoryId: 'c1', text: '  Málo\n supervize ' }).data).toEqual(suggest('c1', 'Málo supervize'));
    expect(parse(suggest('c1', 'ž'.repeat(SUGGESTION_MAX_LENGTH))).success).toBe(true);
    expect(parse(suggest('c1', 'ž'.repeat(SUGGESTION_MAX_LENGTH + 1))).success).toBe(false);
    expect(parse(suggest('c1', '  ')).success).toBe(false);
    expect(parse(suggest('', 'x')).success).toBe(false);
    expect(parse({ type: 'fishbone.suggest', text: 'x' }).success).toBe(false);
    expect(parse({ type: 'note.post', categoryId: 'c1', text: 'x' }).success).toBe(false);
  });

  it('rules come from the doc: its categories and the limit the facilitator set', () => {
    const doc = newBoard({ categories: ['Finance', 'Kultura'], suggestionsPerParticipant: 3 });
    expect(fishbone.rules(doc, settings())).toEqual(suggestionRules([categoryId(doc, 'Finance'), categoryId(doc, 'Kultura')], 3));
    setSuggestionsPerParticipant(doc, 7);
    setSuggestionsPerParticipant(doc, 0); // out of bounds: ignored
    expect(fishbone.rules(doc, settings()).suggestionsPerParticipant).toBe(7);
  });

  it('checkIntent refuses an unknown category, the same suggestion twice, and more than the limit', () => {
    const rules = suggestionRules(['c1', 'c2'], 2);
    expect(fishbone.checkIntent(suggest('c1', 'Nízké mzdy'), [], rules)).toEqual({ ok: true });
    expect(fishbone.checkIntent(suggest('gone', 'Nízké mzdy'), [], rules)).toMatchObject({ ok: false, code: 'unknown_item' });
    expect(fishbone.checkIntent(suggest('c1', 'nízké MZDY'), [suggest('c1', 'Nízké mzdy')], rules)).toMatchObject({
      ok: false,
      code: 'duplicate',
    });
    expect(fishbone.checkIntent(suggest('c2', 'Nízké mzdy'), [suggest('c1', 'Nízké mzdy')], rules)).toEqual({ ok: true });
    expect(fishbone.checkIntent(suggest('c2', 'Třetí'), [suggest('c1', 'a'), suggest('c1', 'b')], rules)).toEqual({
      ok: false,
      code: 'limit_reached',
      message: expect.stringContaining('2'),
    });
  });

  it('mine tells how many suggestions a participant sent and has left', () => {
    const rules = suggestionRules(['c1'], 2);
    expect(fishbone.mine([], rules)).toMatchObject({ sent: 0, remaining: 2 });
    expect(fishbone.mine([suggest('c1', 'a'), suggest('c1', 'b'), suggest('c1', 'c')], rules)).toMatchObject({ sent: 3, remaining: 0 });
  });
});

describe('fishbone: suggestions from phones', () => {
  it('the projection queues accepted intents without their authors', () => {
    const doc = newBoard();
    const people = categoryId(doc, 'Lidé');
    const aggregate = aggregateSuggestions([accepted('s2', suggest(people, 'Vyhoření'), 2), accepted('s1', suggest(people, 'Nízké mzdy'), 1)]);
    expect(JSON.stringify(aggregate)).not.toContain('participant');
    fishbone.project(doc, aggregate);
    expect(fishbone.view(doc).suggestions).toEqual([
      { id: 's1', categoryId: people, text: 'Nízké mzdy', at: '2026-11-24T17:01:00.000Z', status: 'pending' },
      { id: 's2', categoryId: people, text: 'Vyhoření', at: '2026-11-24T17:02:00.000Z', status: 'pending' },
    ]);
  });

  it('the projection is idempotent and never undoes the facilitator’s accepting or rejecting', () => {
    const doc = newBoard();
    const people = categoryId(doc, 'Lidé');
    const all = [accepted('s1', suggest(people, 'Nízké mzdy'), 1), accepted('s2', suggest(people, 'Vyhoření'), 2)];
    fishbone.project(doc, aggregateSuggestions(all));
    const before = Y.encodeStateAsUpdate(doc);
    fishbone.project(doc, aggregateSuggestions(all));
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);

    expect(acceptSuggestion(doc, 's1')).toBeTruthy();
    setSuggestionRejected(doc, 's2', true);
    fishbone.project(doc, aggregateSuggestions([...all, accepted('s3', suggest(people, 'Málo uznání'), 3)]));
    // A reset voids the intents: pending ones leave the queue, handled ones stay as they are.
    fishbone.project(doc, aggregateSuggestions([]));
    expect(fishbone.view(doc).suggestions.map((s) => [s.id, s.status])).toEqual([
      ['s1', 'accepted'],
      ['s2', 'rejected'],
    ]);
    expect(outline(doc)).toContain('Lidé\n  Nízké mzdy\n');
  });

  it('accepting puts the cause at the end of its category, or under a chosen cause, with the facilitator’s edit', () => {
    const doc = newBoard({ categories: ['Finance', 'Kultura'] });
    const finance = categoryId(doc, 'Finance');
    const salaries = addNode(doc, finance, AT_END, 'Mzdy')!;
    fishbone.project(
      doc,
      aggregateSuggestions([
        accepted('s1', suggest(finance, 'Chybí benefity'), 1),
        accepted('s2', suggest(finance, 'nizke tarify'), 2),
        accepted('s3', suggest(finance, 'Opakovaný návrh'), 3),
      ]),
    );
    expect(acceptSuggestion(doc, 's1')).toBeTruthy();
    expect(acceptSuggestion(doc, 's2', salaries, '  Nízké  tarify ')).toBeTruthy();
    expect(acceptSuggestion(doc, 's2')).toBeNull(); // already accepted
    setSuggestionRejected(doc, 's3', true);
    expect(acceptSuggestion(doc, 's3')).toBeNull(); // rejected: put it back first
    setSuggestionRejected(doc, 's3', false);
    expect(fishbone.view(doc).suggestions.find((s) => s.id === 's3')!.status).toBe('pending');
    expect(outline(doc)).toBe('Finance\n  Mzdy\n    Nízké tarify\n  Chybí benefity\nKultura');
  });

  it('a suggestion whose category is gone waits until the facilitator picks a place; too deep is refused', () => {
    const doc = newBoard({ categories: ['Finance', 'Kultura'] });
    const finance = categoryId(doc, 'Finance');
    const l1 = addNode(doc, finance, AT_END, 'l1')!;
    const l2 = addNode(doc, l1, AT_END, 'l2')!;
    const l3 = addNode(doc, l2, AT_END, 'l3')!;
    fishbone.project(doc, aggregateSuggestions([accepted('s1', suggest(finance, 'Návrh'), 1)]));
    expect(acceptSuggestion(doc, 's1', l3)).toBeNull();
    removeNode(doc, finance);
    expect(acceptSuggestion(doc, 's1')).toBeNull();
    expect(fishbone.view(doc).suggestions[0]!.status).toBe('pending');
    expect(acceptSuggestion(doc, 's1', categoryId(doc, 'Kultura'))).toBeTruthy();
    expect(outline(doc)).toBe('Kultura\n  Návrh');
  });

  it('phones see the head, the categories and the causes, but not the queue', () => {
    const doc = newBoard({ head: 'Motivovaný zaměstnanec', categories: ['Finance'], suggestionsPerParticipant: 4 });
    addNode(doc, categoryId(doc, 'Finance'), AT_END, 'Mzdy');
    fishbone.project(doc, aggregateSuggestions([accepted('s1', suggest(categoryId(doc, 'Finance'), 'Tajné'), 1)]));
    const phone = fishbone.phoneView(fishbone.view(doc));
    expect(phone).toEqual({
      head: 'Motivovaný zaměstnanec',
      suggestionsPerParticipant: 4,
      categories: [{ id: categoryId(doc, 'Finance'), text: 'Finance', children: [{ id: expect.any(String), text: 'Mzdy', children: [] }] }],
      voting: null,
    });
    expect(JSON.stringify(phone)).not.toContain('Tajné');
  });
});

describe('fishbone: the projector’s focus', () => {
  it('the facilitator shows one category alone and the whole diagram again; a removed or unknown category is no focus', () => {
    const doc = newBoard({ categories: ['Finance', 'Kultura', 'Prostředí'] });
    const shown = () => shownCategories(fishbone.view(doc)).map((c) => c.text);
    expect(shown()).toEqual(['Finance', 'Kultura', 'Prostředí']);
    setFocus(doc, categoryId(doc, 'Kultura'));
    expect(fishbone.view(doc).focus).toBe(categoryId(doc, 'Kultura'));
    expect(shown()).toEqual(['Kultura']);
    setFocus(doc, 'no-such-category');
    expect(shown()).toEqual(['Kultura']);
    removeNode(doc, categoryId(doc, 'Kultura'));
    expect(fishbone.view(doc).focus).toBeNull();
    expect(shown()).toEqual(['Finance', 'Prostředí']);
    setFocus(doc, categoryId(doc, 'Finance'));
    setFocus(doc, null);
    expect(shown()).toEqual(['Finance', 'Prostředí']);
  });
});

describe('fishbone: minutes and table', () => {
  /** The example from the users' minutes: a head and categories with causes three levels deep. */
  function motivationBoard() {
    const doc = newBoard({ head: 'Motivovaný zaměstnanec v sociálních službách', categories: ['Benefity', 'Kariérní růst', 'Finance'] });
    const under = (parent: string, text: string) => addNode(doc, parent, AT_END, text)!;
    const benefits = categoryId(doc, 'Benefity');
    const meals = under(benefits, 'Stravenky');
    under(meals, 'Vyšší hodnota');
    under(benefits, 'Sick days');
    const growth = categoryId(doc, 'Kariérní růst');
    const training = under(growth, 'Vzdělávání');
    const paid = under(training, 'Placené kurzy');
    under(paid, 'I mimo akreditované');
    return doc;
  }

  it('heads the section with the head, then gives each category its nested list', () => {
    const section = fishbone.toMinutes(fishbone.view(motivationBoard()), 'cs');
    expect(section).toEqual({
      heading: 'Motivovaný zaměstnanec v sociálních službách',
      blocks: [
        { type: 'heading', text: 'Benefity' },
        {
          type: 'list',
          items: [{ text: 'Stravenky', children: [{ text: 'Vyšší hodnota' }] }, { text: 'Sick days' }],
        },
        { type: 'heading', text: 'Kariérní růst' },
        {
          type: 'list',
          items: [{ text: 'Vzdělávání', children: [{ text: 'Placené kurzy', children: [{ text: 'I mimo akreditované' }] }] }],
        },
        { type: 'heading', text: 'Finance' },
        { type: 'paragraph', text: 'Zatím bez příčin.' },
      ],
    });
  });

  it('without a head or categories says so in the reader’s language', () => {
    const doc = newBoard({ categories: [] });
    expect(fishbone.toMinutes(fishbone.view(doc), 'en')).toEqual({
      heading: 'Fishbone (Ishikawa)',
      blocks: [{ type: 'paragraph', text: 'The diagram is empty so far.' }],
    });
    addNode(doc, null, AT_END, '');
    expect(fishbone.toMinutes(fishbone.view(doc), 'cs').blocks[0]).toEqual({ type: 'heading', text: '(kategorie bez názvu)' });
  });

  it('the table has one row per cause with its category and level', () => {
    expect(fishbone.toTable(fishbone.view(motivationBoard()), 'cs')).toEqual([
      ['Kategorie', 'Úroveň', 'Příčina'],
      ['Benefity', '1', 'Stravenky'],
      ['Benefity', '2', 'Vyšší hodnota'],
      ['Benefity', '1', 'Sick days'],
      ['Kariérní růst', '1', 'Vzdělávání'],
      ['Kariérní růst', '2', 'Placené kurzy'],
      ['Kariérní růst', '3', 'I mimo akreditované'],
      ['Finance', '', ''],
    ]);
  });
});
