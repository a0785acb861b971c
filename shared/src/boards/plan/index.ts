import * as Y from 'yjs';
import { z } from 'zod';
import { translator } from '../../i18n/index.ts';
import type { MinutesBlock } from '../../minutes/section.ts';
import type { PlanView } from '../../plans/doc.ts';
import { idSchema, lineText } from '../../schemas/common.ts';
import {
  checkDot,
  checkTapCeiling,
  dotBalance,
  dotIntentSchemas,
  dotOptionsShape,
  dotTotals,
  partId,
  projectDotTotals,
  rankLabel,
  rankTotals,
  readDotTotals,
  type DotBudget,
  type DotTotals,
} from '../dot-budget.ts';
import { accept, refuse, type BoardKind, type IntentCheck } from '../kind.ts';
import { compareOrder, orderKeyAt, type OrderedEntry } from '../order.ts';
import { CARDS_SECTION, COMMENTS_PER_CARD, PLAN_COMMENT_MAX_LENGTH, cardLabel, type DiscussedCard, type PlanMine, type PlanPhoneView } from './basics.ts';

export { CARDS_SECTION, COMMENTS_PER_CARD, PLAN_COMMENT_MAX_LENGTH, cardLabel } from './basics.ts';
export type { DiscussedCard, PlanMine, PlanPhoneView } from './basics.ts';

/**
 * A meeting works on a plan's development-activity cards: the facilitator picks the cards to
 * discuss, the projector shows the plan's goal tree or one card, and participants give the cards
 * priority with dots and comment on them from their phones.
 *
 * The plan itself lives in its own doc (`rooms.plan`), which phones never open. This board's doc
 * keeps a mirror of what phones and the minutes need of each discussed card (its number and name);
 * the facilitator's console rewrites it whenever the plan changes, so the server never reads the plan.
 */
export const MAX_DISCUSSED_CARDS = 60;
const NAME_MAX_LENGTH = 300;

const optionsShape = {
  budget: dotOptionsShape.budget.default(5),
  /** Dots one participant may place on one card. */
  maxPerCard: z.number().int().min(1).max(10).default(3),
  voting: z.boolean().default(false),
  commenting: z.boolean().default(false),
};
const optionsSchema = z.object(optionsShape);
export type PlanBoardOptions = z.infer<typeof optionsSchema>;
export type PlanBoardOptionKey = keyof PlanBoardOptions;

const settingsSchema = z.object({ planId: idSchema });
export type PlanBoardSettings = z.infer<typeof settingsSchema>;

const intentSchema = z.discriminatedUnion('type', [
  ...dotIntentSchemas,
  z.object({ type: z.literal('plan.comment'), cardId: partId, text: lineText(PLAN_COMMENT_MAX_LENGTH) }),
]);
export type PlanBoardIntent = z.infer<typeof intentSchema>;

export interface PlanComment {
  id: string;
  cardId: string;
  text: string;
  at: string;
}

export interface PlanBoardAggregate extends DotTotals {
  comments: PlanComment[];
}

export interface PlanBoardRules extends DotBudget {
  maxPerCard: number;
  voting: boolean;
  commenting: boolean;
}

export interface PlanBoardCard extends DiscussedCard {
  total: number;
  rank: number;
  tie: number;
  /** Participants' comments the facilitator has not hidden, oldest first. */
  comments: Omit<PlanComment, 'cardId'>[];
}

export interface PlanBoardView extends PlanBoardOptions {
  planId: string;
  /** The card on the projector, or null for the plan's goal tree. */
  projected: string | null;
  cards: PlanBoardCard[];
  /** Comments the facilitator hid, for the console alone (to show them again). */
  hiddenComments: PlanComment[];
  voters: number;
}

/** A continued board's dots per card, shown beside the new ones. */
export interface PlanBoardReference {
  voters: number;
  cards: Record<string, { total: number; rank: number; tie: number }>;
}

type Entry = Y.Map<unknown>;
const cardsMap = (doc: Y.Doc) => doc.getMap<Entry>('cards');
const optionsMap = (doc: Y.Doc) => doc.getMap<unknown>('options');
const commentsMap = (doc: Y.Doc) => doc.getMap<PlanComment>('comments');
const hiddenMap = (doc: Y.Doc) => doc.getMap<true>('hidden');

const stringOf = (entry: Entry, key: string) => {
  const value = entry.get(key);
  return typeof value === 'string' ? value : '';
};
const asOrdered = (entry: Entry): OrderedEntry => ({ order: stringOf(entry, 'order'), setOrder: (order) => entry.set('order', order) });
const orderedCards = (doc: Y.Doc): Entry[] =>
  [...cardsMap(doc).values()].sort((a, b) => compareOrder({ order: stringOf(a, 'order'), id: stringOf(a, 'id') }, { order: stringOf(b, 'order'), id: stringOf(b, 'id') }));

const discussed = (entry: Entry): DiscussedCard => ({ id: stringOf(entry, 'id'), number: stringOf(entry, 'number'), name: stringOf(entry, 'name') });

function readOptions(doc: Y.Doc): PlanBoardOptions {
  const stored = optionsMap(doc);
  const options = optionsSchema.parse({});
  for (const key of Object.keys(optionsShape) as PlanBoardOptionKey[]) {
    const one = optionsShape[key].safeParse(stored.get(key));
    if (one.success && stored.has(key)) (options as Record<string, unknown>)[key] = one.data;
  }
  return options;
}

const clean = (card: DiscussedCard): DiscussedCard => ({ id: card.id, number: card.number.trim().slice(0, 20), name: card.name.replace(/\s+/g, ' ').trim().slice(0, NAME_MAX_LENGTH) });

// ---------------------------------------------------------------------------------------------
// What the facilitator's console does. Each is one transaction.

export function setOption<K extends PlanBoardOptionKey>(doc: Y.Doc, key: K, value: PlanBoardOptions[K]): void {
  optionsMap(doc).set(key, optionsShape[key].parse(value));
}

/** Puts plan cards under discussion, after those already there (a card already there stays where it is). */
export function addCards(doc: Y.Doc, cards: DiscussedCard[]): void {
  doc.transact(() => {
    for (const card of cards) {
      if (cardsMap(doc).has(card.id) || cardsMap(doc).size >= MAX_DISCUSSED_CARDS || !partId.safeParse(card.id).success) continue;
      const siblings = orderedCards(doc);
      const { id, number, name } = clean(card);
      cardsMap(doc).set(id, new Y.Map<unknown>([['id', id], ['order', orderKeyAt(siblings.map(asOrdered), siblings.length)], ['number', number], ['name', name]]));
    }
  });
}

/** Takes a card off the discussion; its dots go back to the participants. */
export function removeCard(doc: Y.Doc, cardId: string): void {
  doc.transact(() => {
    cardsMap(doc).delete(cardId);
    if (optionsMap(doc).get('projected') === cardId) optionsMap(doc).delete('projected');
  });
}

/** Moves a card up (-1) or down (+1) in the order of discussion. */
export function moveCard(doc: Y.Doc, cardId: string, delta: -1 | 1): void {
  const entry = cardsMap(doc).get(cardId);
  if (!entry) return;
  const siblings = orderedCards(doc);
  const to = siblings.indexOf(entry) + delta;
  if (to < 0 || to >= siblings.length) return;
  doc.transact(() => entry.set('order', orderKeyAt(siblings.filter((other) => other !== entry).map(asOrdered), to)));
}

/** What the board mirrors of each card of a plan. */
export const discussedFromPlan = (view: Pick<PlanView, 'cards'>): DiscussedCard[] => view.cards.map((c) => ({ id: c.id, number: c.number ?? '', name: c.name }));

/**
 * Brings the mirrored numbers and names up to date with the plan (the console calls it on every change
 * of the plan's doc); writes only what differs, so an unchanged plan writes nothing. Cards deleted
 * from the plan keep their last number and name: their dots and comments still belong to the meeting.
 */
export function syncDiscussedCards(doc: Y.Doc, planCards: readonly DiscussedCard[]): void {
  const byId = new Map(planCards.map((card) => [card.id, clean(card)]));
  doc.transact(() => {
    for (const entry of cardsMap(doc).values()) {
      const card = byId.get(stringOf(entry, 'id'));
      if (!card) continue;
      if (stringOf(entry, 'number') !== card.number) entry.set('number', card.number);
      if (stringOf(entry, 'name') !== card.name) entry.set('name', card.name);
    }
  });
}

/** Shows one discussed card on the projector, or the plan's goal tree (null). */
export function setProjected(doc: Y.Doc, cardId: string | null): void {
  if (cardId === null) optionsMap(doc).delete('projected');
  else if (cardsMap(doc).has(cardId)) optionsMap(doc).set('projected', cardId);
}

/** Editors hide a comment from the screens, the phones and the minutes, or show it again. */
export function setCommentHidden(doc: Y.Doc, commentId: string, hidden: boolean): void {
  if (hidden) hiddenMap(doc).set(commentId, true);
  else hiddenMap(doc).delete(commentId);
}

const byTime = (a: PlanComment, b: PlanComment) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** The cards by dots, most first; ties keep the order of discussion. */
export const rankedCards = (view: Pick<PlanBoardView, 'cards'>): PlanBoardCard[] => view.cards.toSorted((a, b) => a.rank - b.rank);

// ---------------------------------------------------------------------------------------------

export const plan: BoardKind<
  PlanBoardSettings,
  PlanBoardIntent,
  PlanBoardAggregate,
  PlanBoardView,
  PlanPhoneView,
  PlanMine,
  PlanBoardRules,
  PlanBoardReference
> = {
  name: 'plan',
  settingsSchema,
  intentSchema,

  init(doc, settings) {
    doc.getMap('plan').set('planId', settings.planId);
  },

  rules(doc) {
    const options = readOptions(doc);
    const items = Object.fromEntries([...cardsMap(doc).keys()].map((id) => [id, CARDS_SECTION]));
    return {
      budget: options.budget,
      budgetPer: 'board',
      stacking: options.maxPerCard > 1,
      maxPerCard: options.maxPerCard,
      items,
      sectionIds: [CARDS_SECTION],
      voting: options.voting,
      commenting: options.commenting,
    };
  },

  checkIntent(intent, previous, rules): IntentCheck {
    const ceiling = checkTapCeiling(previous);
    if (!ceiling.ok) return ceiling;
    if (intent.type === 'plan.comment') {
      if (!rules.commenting) return refuse('closed', 'commenting is closed');
      if (rules.items[intent.cardId] === undefined) return refuse('unknown_item', 'this card is not under discussion');
      const onCard = previous.filter((p) => p.type === 'plan.comment' && p.cardId === intent.cardId).length;
      return onCard < COMMENTS_PER_CARD ? accept : refuse('limit_reached', `at most ${COMMENTS_PER_CARD} comments per participant on one card`);
    }
    if (!rules.voting) return refuse('closed', 'voting is closed');
    const check = checkDot(intent, previous, rules);
    if (!check.ok || intent.type === 'dot.remove') return check;
    return (dotBalance(previous, rules).dots[intent.itemId] ?? 0) < rules.maxPerCard
      ? accept
      : refuse('limit_reached', `at most ${rules.maxPerCard} dots per participant on one card`);
  },

  scopeOf: (intent) => (intent.type === 'plan.comment' ? 'comments' : CARDS_SECTION),

  aggregate(accepted) {
    const comments: PlanComment[] = [];
    for (const { id, intent, at } of accepted) if (intent.type === 'plan.comment') comments.push({ id, cardId: intent.cardId, text: intent.text, at });
    return { ...dotTotals(accepted), comments };
  },

  project(doc, aggregate) {
    const comments = commentsMap(doc);
    const kept = new Set(aggregate.comments.map((c) => c.id));
    doc.transact(() => {
      projectDotTotals(doc, aggregate);
      for (const comment of aggregate.comments) if (!comments.has(comment.id)) comments.set(comment.id, comment);
      for (const id of [...comments.keys()]) if (!kept.has(id)) comments.delete(id);
    });
  },

  view(doc) {
    const options = readOptions(doc);
    const { votes, voters } = readDotTotals(doc);
    const hidden = hiddenMap(doc);
    const comments = [...commentsMap(doc).values()].sort(byTime);
    const base = orderedCards(doc).map(discussed);
    const ranks = rankTotals(base.map((card) => votes[card.id] ?? 0));
    const cards = base.map((card, index) => ({
      ...card,
      total: votes[card.id] ?? 0,
      ...ranks[index]!,
      comments: comments.filter((c) => c.cardId === card.id && !hidden.has(c.id)).map(({ id, text, at }) => ({ id, text, at })),
    }));
    const projected = optionsMap(doc).get('projected');
    return {
      ...options,
      planId: String(doc.getMap('plan').get('planId') ?? ''),
      projected: typeof projected === 'string' && cards.some((c) => c.id === projected) ? projected : null,
      cards,
      hiddenComments: comments.filter((c) => hidden.has(c.id)),
      voters,
    };
  },

  phoneView(view) {
    return {
      budget: view.budget,
      maxPerCard: view.maxPerCard,
      voting: view.voting,
      commenting: view.commenting,
      cards: view.cards.map(({ id, number, name }) => ({ id, number, name })),
    };
  },

  mine(previous, rules) {
    const commentsLeft: Record<string, number> = {};
    for (const cardId of Object.keys(rules.items)) {
      const sent = previous.filter((p) => p.type === 'plan.comment' && p.cardId === cardId).length;
      commentsLeft[cardId] = Math.max(0, COMMENTS_PER_CARD - sent);
    }
    return { ...dotBalance(previous, rules), commentsLeft };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const heading = t('board.plan.minutesHeading');
    if (view.cards.length === 0) return { heading, blocks: [{ type: 'paragraph', text: t('board.plan.noCards') }] };
    const blocks: MinutesBlock[] = [
      {
        type: 'table',
        header: [t('table.rank'), t('board.plan.col.number'), t('board.plan.col.activity'), t('board.plan.col.points')],
        rows: rankedCards(view).map((card) => [rankLabel(card.rank, card.tie), card.number, card.name || t('board.plan.untitled'), String(card.total)]),
        numeric: [3],
      },
    ];
    for (const card of view.cards) {
      if (card.comments.length === 0) continue;
      blocks.push({ type: 'heading', text: t('board.plan.commentsOn', { card: cardLabel(card, t) }) });
      blocks.push({ type: 'list', items: card.comments.map((c) => c.text) });
    }
    return { heading, blocks };
  },

  toTable(view, locale) {
    const t = translator(locale);
    return [
      [t('board.plan.col.number'), t('board.plan.col.activity'), t('board.plan.col.points'), t('table.rank'), t('board.plan.col.comments')],
      ...view.cards.map((card) => [card.number, card.name, String(card.total), rankLabel(card.rank, card.tie), card.comments.map((c) => c.text).join('\n')]),
    ];
  },

  /** The cards under discussion go on; the dots and comments were the old meeting's, and voting starts closed. */
  continuation: {
    clear(doc) {
      doc.transact(() => {
        hiddenMap(doc).clear();
        optionsMap(doc).set('voting', false);
        optionsMap(doc).set('commenting', false);
      });
    },
    reference(view) {
      const cards: PlanBoardReference['cards'] = {};
      for (const { id, total, rank, tie } of view.cards) cards[id] = { total, rank, tie };
      return { voters: view.voters, cards };
    },
  },

  linkedPlan: (settings) => settings.planId,
};
