import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Lists that several editors reorder at once keep each entry's place as an order key (fractional
 * indexing) rather than as a position in a Y.Array: moving an entry rewrites one value, so a
 * concurrent edit of its text survives, and two concurrent moves of one entry leave one entry.
 */

/** An entry of such a list: its key, and how to give it a new one. */
export interface OrderedEntry {
  readonly order: string;
  setOrder(order: string): void;
}

/**
 * An order key for a new place at `index` among `siblings` (in order, leaving out the entry being
 * placed). Two editors inserting at one spot at once get the same key; should a later insert fall
 * between such twins (or a key be unreadable), the siblings are numbered afresh.
 */
export function orderKeyAt(siblings: readonly OrderedEntry[], index: number): string {
  const before = siblings[index - 1]?.order ?? null;
  const after = siblings[index]?.order ?? null;
  if (before === null || after === null || before < after) {
    try {
      return generateKeyBetween(before, after);
    } catch {
      // an unreadable key: renumber below
    }
  }
  const keys = generateNKeysBetween(null, null, siblings.length + 1);
  siblings.forEach((entry, i) => entry.setOrder(keys[i < index ? i : i + 1]!));
  return keys[index]!;
}

/** Keys for `count` entries appended after `last` (null: an empty list). */
export const orderKeysAfter = (last: string | null, count: number): string[] => generateNKeysBetween(last, null, count);

/** By order key, ties (concurrent inserts) by id: the same order on every replica. */
export const compareOrder = (a: { order: string; id: string }, b: { order: string; id: string }): number =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
