import type * as Y from 'yjs';
import { z } from 'zod';
import { countsVisible, dotOptionsShape, isTop, rankTotals, type DotBudget } from '../dot-budget.ts';
import type { CauseMark } from './layout.ts';
import type { FishboneNode } from './tree.ts';

/**
 * Dot voting on a fishbone's causes, to find its root causes. The facilitator turns it on, opens
 * and closes it; the rule is the dots board's (dot-budget.ts), with one budget for the whole
 * diagram and the categories as the sections a dot names. The causes with the most dots (the top
 * N, ties included) are the root causes, unless the facilitator marks them by hand.
 *
 * In the doc: `voting` (Y.Map of the options below), `rootCauses` (Y.Map cause id → the
 * facilitator's choice) and the dot totals the server writes (see dot-budget.ts).
 */
const votingShape = {
  /** Off (no voting), open (phones place dots) or closed (the dots stay, no more taps). */
  state: z.enum(['off', 'open', 'closed']).default('off'),
  ...dotOptionsShape,
  /** How many causes with the most dots are root causes (ties included); 0 = chosen by hand only. */
  rootCauseCount: z.number().int().min(0).max(20).default(3),
};
export type FishboneVoting = z.infer<z.ZodObject<typeof votingShape>>;
export type FishboneVotingKey = keyof FishboneVoting;

/** How voting went for one cause. */
export interface CauseResult {
  total: number;
  /** 1 + the number of causes of the diagram with more dots: tied causes share a rank. */
  rank: number;
  /** How many causes share this rank (1 = no tie). */
  tie: number;
  rootCause: boolean;
  /** The facilitator's own choice, if any. */
  choice: boolean | null;
}

const votingOf = (doc: Y.Doc) => doc.getMap<unknown>('voting');
const rootCausesOf = (doc: Y.Doc) => doc.getMap<boolean>('rootCauses');

/** The voting options; a value some other client wrote wrong falls back to its default alone. */
export function readVoting(doc: Y.Doc): FishboneVoting {
  const stored = votingOf(doc);
  const keys = Object.keys(votingShape) as FishboneVotingKey[];
  return Object.fromEntries(
    keys.map((key) => {
      const parsed = votingShape[key].safeParse(stored.get(key));
      return [key, parsed.success ? parsed.data : votingShape[key].parse(undefined)];
    }),
  ) as FishboneVoting;
}

/** The facilitator changes one voting option (turns voting on, opens, closes, reveals…). */
export function setVoting<K extends FishboneVotingKey>(doc: Y.Doc, key: K, value: FishboneVoting[K]): void {
  votingOf(doc).set(key, votingShape[key].parse(value));
}

/** The facilitator marks a cause as a root cause (true), as not one (false), or leaves it to the dots (null). */
export function setRootCause(doc: Y.Doc, causeId: string, choice: boolean | null): void {
  if (choice === null) rootCausesOf(doc).delete(causeId);
  else rootCausesOf(doc).set(causeId, choice);
}

/** A continued diagram votes anew: no root causes chosen, voting off until the facilitator turns it on; its options stay. */
export function clearVoting(doc: Y.Doc): void {
  doc.transact(() => {
    rootCausesOf(doc).clear();
    votingOf(doc).set('state', 'off');
  });
}

/** Every cause of the tree (all levels, not the categories) with the category it is under, in outline order. */
export function causesOf(categories: FishboneNode[]): { cause: FishboneNode; categoryId: string; level: number }[] {
  const walk = (nodes: FishboneNode[], categoryId: string, level: number): ReturnType<typeof causesOf> =>
    nodes.flatMap((cause) => [{ cause, categoryId, level }, ...walk(cause.children, categoryId, level + 1)]);
  return categories.flatMap((category) => walk(category.children, category.id, 1));
}

/** What the dot rule needs: every cause takes dots while voting is on, one budget for the diagram. */
export function votingBudget(categories: FishboneNode[], voting: FishboneVoting): DotBudget {
  const causes = voting.state === 'off' ? [] : causesOf(categories);
  return {
    budget: voting.budget,
    budgetPer: 'board',
    stacking: voting.stacking,
    items: Object.fromEntries(causes.map(({ cause, categoryId }) => [cause.id, categoryId])),
    sectionIds: categories.map((c) => c.id),
  };
}

/** Each cause's dots, rank among all causes of the diagram, and whether it is a root cause. */
export function causeResults(doc: Y.Doc, categories: FishboneNode[], votes: Record<string, number>, voting: FishboneVoting): Record<string, CauseResult> {
  const causes = causesOf(categories);
  const choices = rootCausesOf(doc);
  const totals = causes.map(({ cause }) => votes[cause.id] ?? 0);
  const ranks = rankTotals(totals);
  return Object.fromEntries(
    causes.map(({ cause }, index) => {
      const total = totals[index]!;
      const { rank, tie } = ranks[index]!;
      const stored = choices.get(cause.id);
      const choice = typeof stored === 'boolean' ? stored : null;
      return [cause.id, { total, rank, tie, choice, rootCause: voting.state !== 'off' && isTop({ rank, total }, voting.rootCauseCount, choice) }];
    }),
  );
}

/** Whether screens and phones show the dots and the root causes now. */
export const resultsShown = (voting: FishboneVoting) => voting.state !== 'off' && countsVisible(voting);

/** What the drawing shows of the vote, by cause: nothing until the results are shown. */
export function causeMarks(voting: FishboneVoting, results: Record<string, CauseResult>): Record<string, CauseMark> {
  if (!resultsShown(voting)) return {};
  return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, { votes: r.total, rootCause: r.rootCause }]));
}
