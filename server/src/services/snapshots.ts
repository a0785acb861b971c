import * as Y from 'yjs';
import { parseRoom, rooms, type SnapshotReason } from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SnapshotDoc } from '../repositories/snapshots.ts';

/**
 * Interval snapshots one board keeps at most: three hours of a board changing without a pause at
 * the default interval. A board left open for weeks keeps its early course; past the cap the newest
 * interval snapshot is replaced, so the timeline still reaches the latest change.
 */
const MAX_INTERVAL_SNAPSHOTS = 60;
/**
 * Accepted answers reach a board's doc a moment after their ack (projection is debounced): the
 * closing snapshot waits for the last of them.
 */
const CLOSING_SETTLE_MS = 250;

export interface SnapshotOptions {
  /** A board that is open and changed is kept this often. */
  intervalMs: number;
}

/**
 * Keeps every doc of a board (its own and its tables') when it is opened, when it is closed and
 * every few minutes while it is open and changing, for the archive's replay. A board whose docs
 * did not change since its last snapshot gets no new one, but for the first closing after it.
 */
export class SnapshotsService {
  /** Boards whose docs changed since their last snapshot; only this process sees their updates (see DocRegistry). */
  private readonly changed = new Set<string>();
  private readonly closing = new Map<string, NodeJS.Timeout>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    notifier: Notifier,
    options: SnapshotOptions,
  ) {
    docs.on('update', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'board' || room?.type === 'table') this.changed.add(room.id);
    });
    notifier.on('boardStatus', (boardId, status) => {
      if (status === 'open') this.take(boardId, 'opened');
      else if (status === 'closed') this.takeWhenSettled(boardId);
    });
    this.timer = setInterval(() => this.takeChangedOpenBoards(), options.intervalMs);
    this.timer.unref();
  }

  /** Every doc of the board as it is now, the board's own first, then its tables by name. */
  current(boardId: string): SnapshotDoc[] {
    const tables = this.repos.yjs.namesWithPrefix(rooms.table(boardId, '')).sort();
    return [rooms.board(boardId), ...tables].map((docName) => ({ docName, state: Y.encodeStateAsUpdate(this.docs.get(docName)) }));
  }

  /** Takes the snapshots that are due now and takes no more (on shutdown, before the docs unload). */
  flush(): void {
    clearInterval(this.timer);
    for (const [boardId, timer] of this.closing) {
      clearTimeout(timer);
      this.take(boardId, 'closed');
    }
    this.closing.clear();
  }

  private takeWhenSettled(boardId: string): void {
    clearTimeout(this.closing.get(boardId));
    const timer = setTimeout(() => {
      this.closing.delete(boardId);
      this.take(boardId, 'closed');
    }, CLOSING_SETTLE_MS);
    timer.unref();
    this.closing.set(boardId, timer);
  }

  private takeChangedOpenBoards(): void {
    for (const boardId of this.changed) {
      this.changed.delete(boardId);
      if (this.repos.boards.get(boardId)?.status === 'open') this.take(boardId, 'interval');
    }
  }

  /**
   * A snapshot that cannot be stored (the database locked or full) is skipped, never thrown into
   * the request or timer that asked for it: the board itself is safe in its log, and the next
   * interval tries again.
   */
  private take(boardId: string, reason: SnapshotReason): void {
    try {
      this.store(boardId, reason);
    } catch {
      this.changed.add(boardId);
    }
  }

  private store(boardId: string, reason: SnapshotReason): void {
    if (!this.repos.boards.get(boardId)) return;
    this.changed.delete(boardId);
    const docs = this.current(boardId);
    const latest = this.repos.snapshots.latest(boardId);
    // Closing marks the end of the board's course on the timeline, even when nothing changed since the last snapshot.
    const marksClosing = reason === 'closed' && latest?.reason !== 'closed';
    if (latest && !marksClosing && sameDocs(this.repos.snapshots.docs(latest.id), docs)) return;
    if (reason === 'interval' && this.repos.snapshots.countByReason(boardId, 'interval') >= MAX_INTERVAL_SNAPSHOTS) {
      this.repos.snapshots.delete(this.repos.snapshots.latest(boardId, 'interval')!.id);
    }
    this.repos.snapshots.insert(boardId, reason, docs);
  }
}

function sameDocs(a: SnapshotDoc[], b: SnapshotDoc[]): boolean {
  return a.length === b.length && a.every((doc, i) => doc.docName === b[i]!.docName && Buffer.from(doc.state).equals(b[i]!.state));
}
