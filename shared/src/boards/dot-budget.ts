import type * as Y from 'yjs';
import { z } from 'zod';
import { accept, refuse, type AcceptedIntent, type IntentCheck } from './kind.ts';

/**
 * The rule of dot voting, for every board kind that lets participants place dots on items (the
 * dots board's lists, a fishbone's causes): each participant has a budget of dots, for the whole
 * board or for each section of it, placed one tap at a time and taken back the same way, with or
 * without several dots on one item. Only dots on items that still exist count, so removing an
 * item gives its dots back. Items are ranked by their totals, ties shared.
 */

/** Taps a participant may make on one board (dots placed and taken back): a ceiling against a stuck finger. */
export const MAX_INTENTS_PER_PARTICIPANT = 500;

export const partId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be an identifier');

/** A dot placed on an item, or taken back from it; the section is the item's list (or category). */
export const dotIntentSchemas = [
  z.object({ type: z.literal('dot.add'), sectionId: partId, itemId: partId }),
  z.object({ type: z.literal('dot.remove'), sectionId: partId, itemId: partId }),
] as const;
export type DotIntent = z.infer<(typeof dotIntentSchemas)[number]>;

/** Any intent of a board kind; those that are not dots are passed over here. */
interface AnyIntent {
  type: string;
}
const isDot = (intent: AnyIntent): intent is DotIntent => intent.type === 'dot.add' || intent.type === 'dot.remove';

export const budgetPerSchema = z.enum(['board', 'section']);

/** The options of a dot vote that the facilitator may change while it runs (kinds keep them in the doc). */
export const dotOptionsShape = {
  /** Dots per participant, for the whole board or for each section (`budgetPer`). */
  budget: z.number().int().min(1).max(20).default(3),
  /** Several dots of one participant on one item. */
  stacking: z.boolean().default(false),
  /** Counts shown on screens and phones as they come in, or only once revealed. */
  results: z.enum(['live', 'onReveal']).default('onReveal'),
  revealed: z.boolean().default(false),
};

/** Whether screens and phones show the counts now. */
export const countsVisible = (options: { results: 'live' | 'onReveal'; revealed: boolean }) => options.results === 'live' || options.revealed;

/** What the budget rule needs of a board: the options, and which items exist in which section. */
export interface DotBudget {
  budget: number;
  budgetPer: z.infer<typeof budgetPerSchema>;
  stacking: boolean;
  /** itemId → sectionId of every item that takes dots now. */
  items: Record<string, string>;
  sectionIds: string[];
}

/** One participant's own part of a dot vote. */
export interface DotBalance {
  /** This participant's dots per item. */
  dots: Record<string, number>;
  /** Dots left to place in each section (with a board-wide budget, the same everywhere). */
  bySection: Record<string, number>;
  /** Dots left in all. */
  remaining: number;
}

/** A participant's dots per item, from what they did (dots placed minus taken back). */
function dotsPerItem(intents: readonly AnyIntent[]): Map<string, number> {
  const dots = new Map<string, number>();
  for (const intent of intents) {
    if (!isDot(intent)) continue;
    const count = dots.get(intent.itemId) ?? 0;
    dots.set(intent.itemId, intent.type === 'dot.add' ? count + 1 : Math.max(0, count - 1));
  }
  return dots;
}

/** Dots a participant has on the items that still exist, per section. */
function usedBySection(dots: Map<string, number>, budget: DotBudget): Map<string, number> {
  const used = new Map<string, number>();
  for (const [itemId, count] of dots) {
    const sectionId = budget.items[itemId];
    if (sectionId !== undefined && count > 0) used.set(sectionId, (used.get(sectionId) ?? 0) + count);
  }
  return used;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function leftIn(sectionId: string, used: Map<string, number>, budget: DotBudget): number {
  const spent = budget.budgetPer === 'section' ? (used.get(sectionId) ?? 0) : sum(used.values());
  return Math.max(0, budget.budget - spent);
}

/** Refuses any further intent of a participant who has tapped too often on one board. */
export function checkTapCeiling(previous: readonly unknown[]): IntentCheck {
  return previous.length < MAX_INTENTS_PER_PARTICIPANT
    ? accept
    : refuse('limit_reached', `at most ${MAX_INTENTS_PER_PARTICIPANT} actions per participant on one board`);
}

/** Accepts or refuses one dot, given all that participant already did on the board (other intents are passed over). */
export function checkDot(intent: DotIntent, previous: readonly AnyIntent[], budget: DotBudget): IntentCheck {
  if (budget.items[intent.itemId] !== intent.sectionId) return refuse('unknown_item', 'no such item in this section');
  const mine = dotsPerItem(previous);
  const onItem = mine.get(intent.itemId) ?? 0;
  if (intent.type === 'dot.remove') return onItem > 0 ? accept : refuse('invalid', 'you have no dot on this item');
  if (!budget.stacking && onItem > 0) return refuse('duplicate', 'one dot per item');
  return leftIn(intent.sectionId, usedBySection(mine, budget), budget) > 0
    ? accept
    : refuse('limit_reached', `at most ${budget.budget} dots per participant${budget.budgetPer === 'section' ? ' in each section' : ''}`);
}

/** A participant's dots on the items that exist now, and the dots they have left. */
export function dotBalance(previous: readonly AnyIntent[], budget: DotBudget): DotBalance {
  const mine = dotsPerItem(previous);
  const used = usedBySection(mine, budget);
  const dots: Record<string, number> = {};
  for (const [itemId, count] of mine) if (count > 0 && budget.items[itemId] !== undefined) dots[itemId] = count;
  const bySection = Object.fromEntries(budget.sectionIds.map((id) => [id, leftIn(id, used, budget)]));
  const remaining = budget.budgetPer === 'section' ? sum(Object.values(bySection)) : Math.max(0, budget.budget - sum(used.values()));
  return { dots, bySection, remaining };
}

export interface DotTotals {
  /** Dots per item (net of dots taken back). */
  votes: Record<string, number>;
  /** How many participants have at least one dot placed. */
  voters: number;
}

/** Every participant's dots added up per item, never saying whose they are. */
export function dotTotals(accepted: readonly AcceptedIntent<AnyIntent>[]): DotTotals {
  const byParticipant = new Map<string, AnyIntent[]>();
  for (const { intent, by } of accepted) if (isDot(intent)) byParticipant.set(by, [...(byParticipant.get(by) ?? []), intent]);
  const votes: Record<string, number> = {};
  let voters = 0;
  for (const intents of byParticipant.values()) {
    let placed = 0;
    for (const [itemId, count] of dotsPerItem(intents)) {
      if (count > 0) votes[itemId] = (votes[itemId] ?? 0) + count;
      placed += count;
    }
    if (placed > 0) voters++;
  }
  return { votes, voters };
}

// The totals live in a board's doc as `votes` (item → dots) and `tally` (`voters`), written by the server.
const votesOf = (doc: Y.Doc) => doc.getMap<number>('votes');
const tallyOf = (doc: Y.Doc) => doc.getMap<number>('tally');

/** Writes the totals into a board's doc, changing only what differs (so a projection of the same totals writes nothing). */
export function projectDotTotals(doc: Y.Doc, totals: DotTotals): void {
  const votes = votesOf(doc);
  const tally = tallyOf(doc);
  doc.transact(() => {
    for (const itemId of [...votes.keys()]) if (!(itemId in totals.votes)) votes.delete(itemId);
    for (const [itemId, count] of Object.entries(totals.votes)) if (votes.get(itemId) !== count) votes.set(itemId, count);
    if (tally.get('voters') !== totals.voters) tally.set('voters', totals.voters);
  });
}

/** The totals as the board's doc has them (also for items removed since). */
export function readDotTotals(doc: Y.Doc): DotTotals {
  return { votes: Object.fromEntries(votesOf(doc).entries()), voters: tallyOf(doc).get('voters') ?? 0 };
}

/** Competition ranking: 1 + how many have more; returns each rank and how many share it. */
export function rankTotals(totals: readonly number[]): { rank: number; tie: number }[] {
  const ranks = totals.map((total) => 1 + totals.filter((other) => other > total).length);
  return ranks.map((rank) => ({ rank, tie: ranks.filter((r) => r === rank).length }));
}

/** "1.", or "2.–3." for two items tied for second place. */
export const rankLabel = (rank: number, tie: number) => (tie > 1 ? `${rank}.–${rank + tie - 1}.` : `${rank}.`);

/**
 * Whether an item is among the top `count` by its total, ties at the boundary included; an item
 * without dots never is, and 0 means none (the facilitator chooses by hand). The facilitator's
 * own choice, if any, overrides the votes.
 */
export const isTop = (item: { rank: number; total: number }, count: number, choice: boolean | null = null): boolean =>
  choice ?? (count > 0 && item.total > 0 && item.rank <= count);
