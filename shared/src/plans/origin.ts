import type { BoardKindName } from '../boards/index.ts';

/**
 * A result of a meeting's board that can become part of a plan: a dot-voting item, a world-café
 * conclusion, a fishbone cause, an open answer. Kinds list theirs with `promotable(view)`.
 */
export interface PromotableItem {
  /** Stable within the board (the item's id in the board's doc). */
  itemId: string;
  text: string;
  /** Where on the board it sits, as people read it: the section, question, table or branch; '' if none. */
  context: string;
  /** Votes or dots it got, when the board counts them. */
  votes: number | null;
}

/** Where a measure or a card came from: kept on it for good, shown with it, exported with it. */
export interface Origin extends PromotableItem {
  groupId: string | null;
  groupName: string;
  meetingId: string;
  meetingTitle: string;
  /** ISO date-time of the meeting. */
  meetingDate: string;
  boardId: string;
  boardTitle: string;
  kind: BoardKindName;
  /** ISO date-time of the promotion. */
  promotedAt: string;
}

/** One origin per board item: promoting the same item to the same card twice adds nothing. */
export const sameOrigin = (a: Pick<Origin, 'boardId' | 'itemId'>, b: Pick<Origin, 'boardId' | 'itemId'>): boolean =>
  a.boardId === b.boardId && a.itemId === b.itemId;
