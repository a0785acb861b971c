import { boardKind, parseRoom, rooms, type AnyBoardKind, type TableDocs } from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import type { BoardRow } from '../repositories/boards.ts';
import type { Repositories } from '../repositories/index.ts';

export interface KnownBoard {
  board: BoardRow;
  kind: AnyBoardKind;
  /** What the kind's rules say right now, derived from the board's doc. */
  rules: unknown;
}

/** The docs of a board's tables (world café), each its own room. */
export const tableDocsOf =
  (docs: DocRegistry, boardId: string): TableDocs =>
  (tableId) =>
    docs.get(rooms.table(boardId, tableId));

/** A board's plain view (the kind's `view`), from its doc and its tables' docs. */
export const boardViewOf = (docs: DocRegistry, kind: AnyBoardKind, boardId: string): ReturnType<AnyBoardKind['view']> =>
  kind.view(docs.get(rooms.board(boardId)), tableDocsOf(docs, boardId));

/**
 * Each board's rules as derived from its doc, cached; any change to the doc drops them, so that
 * editors' changes (open, close, rounds) govern the next intent at once.
 */
export class BoardRules {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
  ) {
    const forget = (name: string) => {
      const room = parseRoom(name);
      if (room?.type === 'board') this.cache.delete(room.id);
    };
    docs.on('update', forget);
    docs.on('delete', forget);
  }

  /** The board with its kind and current rules, if both exist. */
  of(boardId: string): KnownBoard | undefined {
    const board = this.repos.boards.get(boardId);
    const kind = board && boardKind(board.kind);
    if (!board || !kind) return undefined;
    if (!this.cache.has(boardId)) {
      this.cache.set(boardId, kind.rules(this.docs.get(rooms.board(boardId)), kind.settingsSchema.parse(board.settings)));
    }
    return { board, kind, rules: this.cache.get(boardId) };
  }
}
