import { rankTotals } from './dot-budget.ts';
import type { DotsView } from './dots.ts';
import type { PollView, QuestionView } from './polls/index.ts';

/**
 * Two results of a group side by side (a dot vote, or a poll, of an earlier and a later meeting):
 * each item's votes and rank in both, how its rank moved, and whether it is new or dropped out.
 * Items are paired by their identity when B continues A (a continued board keeps its parts' ids,
 * so a reworded item stays itself), otherwise by their wording, folded for case, diacritics and spaces.
 */

export type Comparable = { kind: 'dots'; view: DotsView } | { kind: 'polls'; view: PollView };

export interface CompareSide {
  /** Votes (or answers); the average for a scale, the average position for a ranking. */
  value: number;
  /** 1 = first; tied items share a rank. Null where ranks mean nothing (a scale's average). */
  rank: number | null;
  /** How many items share the rank. */
  tie: number;
}

export interface CompareRow {
  label: string;
  a: CompareSide | null;
  b: CompareSide | null;
  /** Places moved up (positive) or down (negative) from A to B; null unless ranked in both. */
  change: number | null;
  status: 'new' | 'dropped' | 'kept';
}

/** A section of a dot vote, or a question of a poll. */
export interface CompareGroup {
  title: string;
  /** What the values are: votes, a scale's averages, a ranking's average positions. */
  measure: 'votes' | 'mean' | 'position';
  rows: CompareRow[];
}

/** "Dům s pečovatelskou  SLUŽBOU" and "dum s pecovatelskou sluzbou" are the same item. */
export const normaliseLabel = (label: string): string =>
  label.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('cs').replace(/\s+/g, ' ').trim();

interface Entry {
  id: string;
  label: string;
}

/** Pairs the entries of A and B: B's in their order (with their partner in A, if any), then A's left over. */
function pair<T extends Entry>(as: T[], bs: T[], linked: boolean): [T | null, T | null][] {
  const keyOf = (entry: T) => (linked ? entry.id : normaliseLabel(entry.label));
  const left = new Map<string, T>();
  for (const a of as) if (!left.has(keyOf(a))) left.set(keyOf(a), a);
  const pairs: [T | null, T | null][] = bs.map((b) => {
    const a = left.get(keyOf(b)) ?? null;
    if (a) left.delete(keyOf(b));
    return [a, b];
  });
  return [...pairs, ...[...left.values()].map((a): [T, null] => [a, null])];
}

interface Ranked extends Entry, CompareSide {}

/** Ranks entries by value, the most first (or the least first, for average positions). */
function ranked(entries: (Entry & { value: number | null })[], lowestFirst = false): Ranked[] {
  const scored = entries.filter((e): e is Entry & { value: number } => e.value !== null);
  const ranks = rankTotals(scored.map((e) => (lowestFirst ? -e.value : e.value)));
  return scored.map((e, i) => ({ ...e, ...ranks[i]! }));
}

function rows(as: Ranked[], bs: Ranked[], linked: boolean): CompareRow[] {
  const side = (entry: Ranked | null): CompareSide | null => entry && { value: entry.value, rank: entry.rank, tie: entry.tie };
  const order = (row: CompareRow) => [row.b ? 0 : 1, (row.b ?? row.a)!.rank ?? 0] as const;
  return pair(as, bs, linked)
    .map(([a, b]): CompareRow => ({
      label: (b ?? a)!.label,
      a: side(a),
      b: side(b),
      change: a && b && a.rank !== null && b.rank !== null ? a.rank - b.rank : null,
      status: !a ? 'new' : !b ? 'dropped' : 'kept',
    }))
    .sort((x, y) => order(x)[0] - order(y)[0] || order(x)[1] - order(y)[1]);
}

function compareDots(a: DotsView, b: DotsView, linked: boolean): CompareGroup[] {
  const sections = (view: DotsView) => view.sections.map((s) => ({ id: s.id, label: s.title, items: s.items }));
  // One list on each side is the same list, whatever its title.
  const single = a.sections.length === 1 && b.sections.length === 1;
  const items = (section: { items: DotsView['sections'][number]['items'] } | null): Ranked[] =>
    section?.items.map(({ id, text, total, rank, tie }) => ({ id, label: text, value: total, rank, tie })) ?? [];
  const pairs = single ? [[sections(a)[0]!, sections(b)[0]!] as const] : pair(sections(a), sections(b), linked);
  return pairs.map(([sa, sb]) => ({
    title: (sb ?? sa)!.label,
    measure: 'votes',
    rows: rows(items(sa), items(sb), linked),
  }));
}

function questionRows(q: QuestionView | null): Ranked[] {
  if (!q) return [];
  switch (q.type) {
    case 'choice':
      return ranked(q.choices.map(({ id, label, count }) => ({ id, label, value: count })));
    case 'words':
      return ranked(q.words.filter((w) => !w.hidden).map(({ key, label, count }) => ({ id: key, label, value: count })));
    case 'ranking':
      return ranked(q.ranking.map(({ id, label, averagePosition }) => ({ id, label, value: averagePosition })), true);
    case 'scale':
      return q.scale.mean === null ? [] : [{ id: 'mean', label: '', value: q.scale.mean, rank: null, tie: 1 }];
    case 'open':
      return [];
  }
}

function comparePolls(a: PollView, b: PollView, linked: boolean): CompareGroup[] {
  const questions = (view: PollView) => view.questions.filter((q) => q.type !== 'open').map((q) => ({ ...q, label: q.text }));
  return pair(questions(a), questions(b), linked).map(([qa, qb]) => {
    const q = (qb ?? qa)!;
    // A question whose type changed compares nothing with its namesake.
    const partner = qa && qb && qa.type !== qb.type ? null : qa;
    return {
      title: q.text,
      measure: q.type === 'scale' ? 'mean' : q.type === 'ranking' ? 'position' : 'votes',
      // Words have no identity of their own across boards: their wording is what they are.
      rows: rows(questionRows(partner), questionRows(qb), linked && q.type !== 'words'),
    };
  });
}

/** A's and B's results side by side; `linked` when B continues A. Both must be of one kind. */
export function compareResults(a: Comparable, b: Comparable, linked: boolean): CompareGroup[] {
  if (a.kind === 'dots' && b.kind === 'dots') return compareDots(a.view, b.view, linked);
  if (a.kind === 'polls' && b.kind === 'polls') return comparePolls(a.view, b.view, linked);
  throw new Error('compare two results of one kind');
}
