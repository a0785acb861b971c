import {
  blocksToPlainText,
  boardKind,
  composeMinutes,
  minutesToPlainText,
  minutesView,
  parseRoom,
  rooms,
  type AnyBoardKind,
} from '@dilna/shared';
import { indexableText } from '@dilna/shared/search/query';
import type * as Y from 'yjs';
import type { DocRegistry } from '../collab/docs.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { BoardRow } from '../repositories/boards.ts';
import type { Repositories } from '../repositories/index.ts';
import type { MeetingRow } from '../repositories/meetings.ts';
import type { IndexedItem, SearchEntry } from '../repositories/search.ts';

/** How long after a change its row is written: while people type, at most this often. */
export const REINDEX_DELAY_MS = 3000;

const keyOf = (item: IndexedItem) => `${item.type}:${item.id}`;

/** The row a doc's text goes into: a board's (its tables' too) or its meeting's minutes. */
function itemOfRoom(name: string): IndexedItem | null {
  const room = parseRoom(name);
  if (room?.type === 'board' || room?.type === 'table') return { type: 'board', id: room.id };
  if (room?.type === 'minutes') return { type: 'minutes', id: room.id };
  return null;
}

/**
 * Keeps the full-text index current: each board's row (its title and the text of its section of the
 * minutes, world café tables included) and each meeting's minutes row (facts, attendance, agenda
 * notes, tasks, next meetings; the boards' results are in their own rows). A row is rewritten a few
 * seconds after its docs change and when the meeting's agenda changes; deleting a board or a
 * meeting removes its rows and then merges the index, so that no deleted word stays in its segments.
 */
export class SearchIndexer {
  private readonly pending = new Map<string, { item: IndexedItem; timer: NodeJS.Timeout }>();
  /** Rows to check after a start: those that may be stale go first and are finished even at shutdown. */
  private readonly backlog = { stale: [] as IndexedItem[], missing: [] as IndexedItem[] };
  private backlogTimer: NodeJS.Immediate | null = null;

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    notifier: Notifier,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = REINDEX_DELAY_MS,
  ) {
    docs.on('update', (name) => {
      const item = itemOfRoom(name);
      if (item) this.schedule(item);
    });
    docs.on('delete', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'board' || room?.type === 'minutes') this.remove({ type: room.type, id: room.id });
    });
    // Boards added, renamed or removed; the meeting renamed or moved.
    notifier.on('meeting', (meetingId) => {
      this.schedule({ type: 'minutes', id: meetingId });
      for (const board of this.repos.boards.listByMeeting(meetingId)) this.schedule({ type: 'board', id: board.id });
    });
    notifier.on('meetingDeleted', ({ id }) => {
      this.repos.search.removeMeeting(id);
    });
  }

  /**
   * Brings the index up to date with what is stored, without holding up the start: rows of deleted
   * boards and meetings go at once; then, one row per turn of the event loop, the rows that may be
   * stale (their docs have updates in the Yjs log, see `staleItems`) and the missing ones.
   */
  start(): void {
    this.repos.search.removeOrphans();
    const stale = this.staleItems();
    const known = new Set(stale.map(keyOf));
    this.backlog.stale = stale;
    this.backlog.missing = this.repos.search.missing().filter((item) => !known.has(keyOf(item)));
    this.workOnBacklog();
  }

  /** Writes every row that is due now (at shutdown). */
  flush(): void {
    if (this.backlogTimer) clearImmediate(this.backlogTimer);
    this.backlogTimer = null;
    for (const { item, timer } of this.pending.values()) {
      clearTimeout(timer);
      this.reindex(item);
    }
    this.pending.clear();
    // Missing rows are found again at the next start; stale ones would not be (the log is compacted at shutdown).
    for (const item of this.backlog.stale.splice(0)) this.reindex(item);
    this.backlog.missing = [];
  }

  /**
   * Rows whose docs changed since they were last written can only be those of docs with updates
   * still in the Yjs log: a doc is folded into its snapshot when it is unloaded (idle, or at
   * shutdown), after the index was written. After a clean shutdown the log is empty; after a crash
   * it names the docs that were in use. (A doc folded by the registry's every-500-updates compaction
   * in the seconds before a crash slips through until it changes again.)
   */
  private staleItems(): IndexedItem[] {
    const items = new Map<string, IndexedItem>();
    for (const name of this.repos.yjs.namesInLog()) {
      const item = itemOfRoom(name);
      if (item) items.set(keyOf(item), item);
    }
    return [...items.values()];
  }

  private workOnBacklog(): void {
    const item = this.backlog.stale.shift() ?? this.backlog.missing.shift();
    this.backlogTimer = item
      ? setImmediate(() => {
          if (!this.pending.has(keyOf(item))) this.reindex(item);
          this.workOnBacklog();
        })
      : null;
  }

  private schedule(item: IndexedItem): void {
    const key = keyOf(item);
    if (this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.reindex(item);
    }, this.delayMs);
    timer.unref();
    this.pending.set(key, { item, timer });
  }

  private remove(item: IndexedItem): void {
    const pending = this.pending.get(keyOf(item));
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(keyOf(item));
    this.repos.search.remove(item);
  }

  private reindex(item: IndexedItem): void {
    try {
      const entry = item.type === 'board' ? this.boardEntry(item.id) : this.minutesEntry(item.id);
      // Locked by someone else's write: try again in a while.
      if (entry && !this.repos.search.put(entry)) this.schedule(item);
    } catch (error) {
      // The row stays as it was until its docs change again.
      this.onError(error);
    }
  }

  /** The board's row as it should be now; null when the board is gone (its row goes too). */
  private boardEntry(boardId: string): SearchEntry | null {
    const board = this.repos.boards.get(boardId);
    const meeting = board && this.repos.meetings.get(board.meetingId);
    const kind = board && boardKind(board.kind);
    if (!board || !meeting || !kind) {
      this.remove({ type: 'board', id: boardId });
      return null;
    }
    return {
      groupId: meeting.groupId,
      meetingId: meeting.id,
      boardId,
      title: indexableText(board.title),
      body: indexableText(this.boardText(board, kind, meeting)),
    };
  }

  /** The board's section of the minutes as plain text, read from its docs (and its tables') as stored or held. */
  private boardText(board: BoardRow, kind: AnyBoardKind, meeting: MeetingRow): string {
    const opened = new Map<string, { doc: Y.Doc; done: () => void }>();
    const open = (name: string) => {
      const peeked = opened.get(name) ?? this.docs.peek(name);
      opened.set(name, peeked);
      return peeked.doc;
    };
    try {
      const section = kind.toMinutes(
        kind.view(open(rooms.board(board.id)), (tableId) => open(rooms.table(board.id, tableId))),
        meeting.language,
      );
      const heading = section.heading && section.heading !== board.title ? [section.heading] : [];
      return [...heading, ...blocksToPlainText(section.blocks)].join('\n');
    } finally {
      for (const { done } of opened.values()) done();
    }
  }

  /** The meeting's minutes row as it should be now; null when the meeting is gone or has no minutes. */
  private minutesEntry(meetingId: string): SearchEntry | null {
    const meeting = this.repos.meetings.get(meetingId);
    const name = rooms.minutes(meetingId);
    if (!meeting) {
      this.remove({ type: 'minutes', id: meetingId });
      return null;
    }
    // A meeting's minutes are indexed once somebody started them.
    if (!this.docs.has(name) && !this.repos.yjs.exists(name)) return null;
    const { doc, done } = this.docs.peek(name);
    try {
      const minutes = minutesView(doc);
      const composed = composeMinutes(
        // Tasks carried over from earlier meetings are found in the minutes that set them.
        { ...minutes, carried: [] },
        {
          groupName: '',
          title: meeting.title,
          startsAt: meeting.startsAt,
          place: meeting.place,
          participants: 0,
          boards: this.repos.boards.listByMeeting(meetingId).map((b) => ({ id: b.id, title: b.title })),
        },
        {},
        meeting.language,
      );
      return {
        groupId: meeting.groupId,
        meetingId,
        boardId: null,
        title: indexableText(minutes.meta.title.trim() || meeting.title),
        body: indexableText(minutesToPlainText(composed)),
      };
    } finally {
      done();
    }
  }
}
