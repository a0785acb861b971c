import * as Y from 'yjs';
import { compareOrder, orderKeyAt, type OrderedEntry } from '../boards/order.ts';
import { randomId } from '../ids.ts';
import { defaultNumbering, numberPlan, type NumberingSettings } from './numbering.ts';
import { sameOrigin, type Origin } from './origin.ts';

/**
 * A plan's content as one Y.Doc (`rooms.plan`), co-edited live by its editors: strategic goals,
 * measures under goals, and development-activity cards. Entries live in maps by id with an order key
 * (see boards/order.ts), so a move rewrites one value and concurrent edits of the moved entry survive.
 * Texts are Y.Text (merged letter by letter); list fields of a card are maps of entry ids (a set: two
 * editors ticking different entries both keep theirs). The plan's title and period are relational
 * (table `plans`), like a meeting's.
 */

export const cardTextFields = ['name', 'description', 'duration', 'responsible', 'funding'] as const;
export type CardTextField = (typeof cardTextFields)[number];

/** A card's fields that are sets of ids: other strategic goals, measures it serves, catalogue entries. */
export const cardSetFields = ['otherGoals', 'measures', 'targetGroups', 'serviceKinds'] as const;
export type CardSetField = (typeof cardSetFields)[number];

export const goalTextFields = ['title', 'description'] as const;
export type GoalTextField = (typeof goalTextFields)[number];

export interface MeasureView {
  id: string;
  goalId: string;
  /** "1.2"; measures always belong to a goal. */
  number: string;
  title: string;
  description: string;
  origins: Origin[];
}

export interface GoalView {
  id: string;
  /** "SC2" */
  code: string;
  /** 1-based place: "Cíl 2". */
  number: number;
  title: string;
  description: string;
  measures: MeasureView[];
}

export interface CardView extends Record<CardTextField, string>, Record<CardSetField, string[]> {
  id: string;
  /** "A02-03", null while the card has no goal (the inbox). */
  number: string | null;
  /** The card's main goal: its area in the number. */
  goalId: string | null;
  origins: Origin[];
}

export interface PlanView {
  numbering: NumberingSettings;
  goals: GoalView[];
  /** Numbered cards in number order, then the inbox in its order. */
  cards: CardView[];
}

type Entry = Y.Map<unknown>;
const goals = (doc: Y.Doc) => doc.getMap<Entry>('goals');
const measures = (doc: Y.Doc) => doc.getMap<Entry>('measures');
const cards = (doc: Y.Doc) => doc.getMap<Entry>('cards');
const settings = (doc: Y.Doc) => doc.getMap<string>('settings');

const orderOf = (entry: Entry) => String(entry.get('order') ?? '');
const idOf = (entry: Entry) => String(entry.get('id'));
const goalOf = (entry: Entry) => (entry.get('goalId') as string | null | undefined) ?? null;
const asOrdered = (entry: Entry): OrderedEntry => ({ order: orderOf(entry), setOrder: (order) => entry.set('order', order) });
const sorted = (map: Y.Map<Entry>, keep: (entry: Entry) => boolean = () => true): Entry[] =>
  [...map.values()].filter(keep).sort((a, b) => compareOrder({ order: orderOf(a), id: idOf(a) }, { order: orderOf(b), id: idOf(b) }));

export function numberingOf(doc: Y.Doc): NumberingSettings {
  const map = settings(doc);
  return { goalPrefix: map.get('goalPrefix') ?? defaultNumbering.goalPrefix, cardPrefix: map.get('cardPrefix') ?? defaultNumbering.cardPrefix };
}

export function setNumbering(doc: Y.Doc, change: Partial<NumberingSettings>): void {
  doc.transact(() => {
    for (const [key, value] of Object.entries(change)) if (value !== undefined) settings(doc).set(key, value);
  });
}

function appendTo(map: Y.Map<Entry>, siblings: Entry[], fields: [string, unknown][]): string {
  const id = randomId();
  const order = orderKeyAt(siblings.map(asOrdered), siblings.length);
  map.set(id, new Y.Map<unknown>([['id', id], ['order', order], ...fields]));
  return id;
}

const texts = <F extends string>(fields: readonly F[], initial: Partial<Record<F, string>>): [string, Y.Text][] =>
  fields.map((field) => [field, new Y.Text(initial[field] ?? '')]);

/** Moves an entry one place up (-1) or down (+1) among `siblings` (in order). */
function move(entry: Entry | undefined, siblings: Entry[], delta: -1 | 1): void {
  if (!entry) return;
  const from = siblings.indexOf(entry);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= siblings.length) return;
  entry.set('order', orderKeyAt(siblings.filter((other) => other !== entry).map(asOrdered), to));
}

const measuresOf = (doc: Y.Doc, goalId: string) => sorted(measures(doc), (m) => goalOf(m) === goalId);
const cardsOf = (doc: Y.Doc, goalId: string | null) => {
  const known = new Set(goals(doc).keys());
  const area = (card: Entry) => (goalOf(card) !== null && known.has(goalOf(card)!) ? goalOf(card) : null);
  return sorted(cards(doc), (card) => area(card) === goalId);
};

export function addGoal(doc: Y.Doc, initial: Partial<Record<GoalTextField, string>> = {}): string {
  return doc.transact(() => appendTo(goals(doc), sorted(goals(doc)), texts(goalTextFields, initial)));
}

export function moveGoal(doc: Y.Doc, goalId: string, delta: -1 | 1): void {
  doc.transact(() => move(goals(doc).get(goalId), sorted(goals(doc)), delta));
}

/** Removes a goal with its measures; its cards go to the inbox (their texts stay). */
export function removeGoal(doc: Y.Doc, goalId: string): void {
  doc.transact(() => {
    for (const measure of measuresOf(doc, goalId)) measures(doc).delete(idOf(measure));
    for (const card of cardsOf(doc, goalId)) card.set('goalId', null);
    for (const card of cards(doc).values()) (card.get('otherGoals') as Y.Map<true>).delete(goalId);
    goals(doc).delete(goalId);
  });
}

export function addMeasure(doc: Y.Doc, goalId: string, initial: Partial<Record<GoalTextField, string>> = {}, origin?: Origin): string {
  return doc.transact(() =>
    appendTo(measures(doc), measuresOf(doc, goalId), [
      ['goalId', goalId],
      ...texts(goalTextFields, initial),
      ['origins', Y.Array.from(origin ? [origin] : [])],
    ]),
  );
}

export function moveMeasure(doc: Y.Doc, measureId: string, delta: -1 | 1): void {
  const measure = measures(doc).get(measureId);
  if (measure) doc.transact(() => move(measure, measuresOf(doc, goalOf(measure)!), delta));
}

export function removeMeasure(doc: Y.Doc, measureId: string): void {
  doc.transact(() => {
    for (const card of cards(doc).values()) (card.get('measures') as Y.Map<true>).delete(measureId);
    measures(doc).delete(measureId);
  });
}

/** Adds a card at the end of its goal (or of the inbox when `goalId` is null) and returns its id. */
export function addCard(doc: Y.Doc, goalId: string | null, initial: Partial<Record<CardTextField, string>> = {}, origin?: Origin): string {
  return doc.transact(() =>
    appendTo(cards(doc), cardsOf(doc, goalId), [
      ['goalId', goalId],
      ...texts(cardTextFields, initial),
      ...cardSetFields.map((field): [string, Y.Map<true>] => [field, new Y.Map<true>()]),
      ['origins', Y.Array.from(origin ? [origin] : [])],
    ]),
  );
}

/** Moves a card one place within its goal: the cards of that goal renumber. */
export function moveCard(doc: Y.Doc, cardId: string, delta: -1 | 1): void {
  const card = cards(doc).get(cardId);
  if (card) doc.transact(() => move(card, cardsOf(doc, goals(doc).has(goalOf(card) ?? '') ? goalOf(card) : null), delta));
}

/** Gives a card another main goal (or none): it goes to the end of that goal's cards. */
export function setCardGoal(doc: Y.Doc, cardId: string, goalId: string | null): void {
  const card = cards(doc).get(cardId);
  if (!card || goalOf(card) === goalId) return;
  doc.transact(() => {
    const siblings = cardsOf(doc, goalId);
    card.set('order', orderKeyAt(siblings.map(asOrdered), siblings.length));
    card.set('goalId', goalId);
  });
}

export function removeCard(doc: Y.Doc, cardId: string): void {
  cards(doc).delete(cardId);
}

/** The Y.Text of a card's field, for binding to an input. */
export const cardText = (doc: Y.Doc, cardId: string, field: CardTextField) => cards(doc).get(cardId)?.get(field) as Y.Text | undefined;
export const goalText = (doc: Y.Doc, goalId: string, field: GoalTextField) => goals(doc).get(goalId)?.get(field) as Y.Text | undefined;
export const measureText = (doc: Y.Doc, measureId: string, field: GoalTextField) =>
  measures(doc).get(measureId)?.get(field) as Y.Text | undefined;

/** Ticks (or unticks) one id in a card's set field. */
export function setCardMember(doc: Y.Doc, cardId: string, field: CardSetField, id: string, member: boolean): void {
  const set = cards(doc).get(cardId)?.get(field) as Y.Map<true> | undefined;
  if (!set || set.has(id) === member) return;
  if (member) set.set(id, true);
  else set.delete(id);
}

/** Records where a card or measure came from; the same board item is recorded once. */
export function addOrigin(doc: Y.Doc, target: { type: 'card' | 'measure'; id: string }, origin: Origin): void {
  const entry = (target.type === 'card' ? cards(doc) : measures(doc)).get(target.id);
  const origins = entry?.get('origins') as Y.Array<Origin> | undefined;
  if (origins && !origins.toArray().some((known) => sameOrigin(known, origin))) origins.push([origin]);
}

const textOf = (entry: Entry, field: string) => String(entry.get(field) ?? '');
const setOf = (entry: Entry, field: string) => [...((entry.get(field) as Y.Map<true> | undefined)?.keys() ?? [])].sort();
const originsOf = (entry: Entry) => (entry.get('origins') as Y.Array<Origin> | undefined)?.toArray() ?? [];

export function planView(doc: Y.Doc): PlanView {
  const numbering = numberingOf(doc);
  const goalList = sorted(goals(doc));
  const goalIds = new Set(goalList.map(idOf));
  const area = (entry: Entry) => (goalIds.has(goalOf(entry) ?? '') ? goalOf(entry) : null);
  const goalRank = new Map(goalList.map((goal, i) => [idOf(goal), i]));
  const byArea = (entries: Entry[]) =>
    [...entries].sort((a, b) => (goalRank.get(area(a) ?? '') ?? Infinity) - (goalRank.get(area(b) ?? '') ?? Infinity));
  const measureList = byArea(sorted(measures(doc), (m) => goalIds.has(goalOf(m) ?? '')));
  const cardList = byArea(sorted(cards(doc)));
  const numbers = numberPlan(
    numbering,
    goalList.map((goal) => ({ id: idOf(goal) })),
    measureList.map((m) => ({ id: idOf(m), goalId: area(m) })),
    cardList.map((card) => ({ id: idOf(card), goalId: area(card) })),
  );
  return {
    numbering,
    goals: goalList.map((goal, i) => ({
      id: idOf(goal),
      code: numbers.goals.get(idOf(goal))!,
      number: i + 1,
      title: textOf(goal, 'title'),
      description: textOf(goal, 'description'),
      measures: measureList
        .filter((m) => goalOf(m) === idOf(goal))
        .map((m) => ({
          id: idOf(m),
          goalId: idOf(goal),
          number: numbers.measures.get(idOf(m))!,
          title: textOf(m, 'title'),
          description: textOf(m, 'description'),
          origins: originsOf(m),
        })),
    })),
    cards: cardList.map((card) => ({
      id: idOf(card),
      number: numbers.cards.get(idOf(card)) ?? null,
      goalId: area(card),
      ...(Object.fromEntries(cardTextFields.map((field) => [field, textOf(card, field)])) as Record<CardTextField, string>),
      ...(Object.fromEntries(cardSetFields.map((field) => [field, setOf(card, field)])) as Record<CardSetField, string[]>),
      origins: originsOf(card),
    })),
  };
}
