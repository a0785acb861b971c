import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { SnapshotReason } from '@dilna/shared';
import type { Db } from '../db/client.ts';
import { boardSnapshotDocs, boardSnapshots, boards, meetings } from '../db/schema.ts';

export type SnapshotRow = typeof boardSnapshots.$inferSelect;
export interface SnapshotDoc {
  docName: string;
  state: Uint8Array;
}

/** Boards' states at key moments, for replay; they go with their board (foreign keys cascade). */
export class SnapshotsRepository {
  constructor(private readonly db: Db) {}

  insert(boardId: string, reason: SnapshotReason, docs: SnapshotDoc[]): SnapshotRow {
    return this.db.transaction((tx) => {
      const row = tx.insert(boardSnapshots).values({ boardId, reason }).returning().get();
      for (const { docName, state } of docs) {
        tx.insert(boardSnapshotDocs)
          .values({ snapshotId: row.id, docName, state: Buffer.from(state) })
          .run();
      }
      return row;
    });
  }

  /** A board's snapshots, oldest first. */
  listByBoard(boardId: string): SnapshotRow[] {
    return this.db.select().from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId)).orderBy(asc(boardSnapshots.takenAt), asc(boardSnapshots.id)).all();
  }

  get(id: number): SnapshotRow | undefined {
    return this.db.select().from(boardSnapshots).where(eq(boardSnapshots.id, id)).get();
  }

  latest(boardId: string, reason?: SnapshotReason): SnapshotRow | undefined {
    return this.db
      .select()
      .from(boardSnapshots)
      .where(reason ? and(eq(boardSnapshots.boardId, boardId), eq(boardSnapshots.reason, reason)) : eq(boardSnapshots.boardId, boardId))
      .orderBy(desc(boardSnapshots.takenAt), desc(boardSnapshots.id))
      .limit(1)
      .get();
  }

  docs(snapshotId: number): SnapshotDoc[] {
    return this.db
      .select({ docName: boardSnapshotDocs.docName, state: boardSnapshotDocs.state })
      .from(boardSnapshotDocs)
      .where(eq(boardSnapshotDocs.snapshotId, snapshotId))
      .orderBy(asc(boardSnapshotDocs.docName))
      .all()
      .map((d) => ({ docName: d.docName, state: new Uint8Array(d.state) }));
  }

  countByReason(boardId: string, reason: SnapshotReason): number {
    return this.db
      .select({ n: count() })
      .from(boardSnapshots)
      .where(and(eq(boardSnapshots.boardId, boardId), eq(boardSnapshots.reason, reason)))
      .get()!.n;
  }

  /** How many snapshots each board of the group's meetings has (boards without any are left out). */
  countByGroup(groupId: string): Map<string, number> {
    const rows = this.db
      .select({ boardId: boardSnapshots.boardId, n: count() })
      .from(boardSnapshots)
      .innerJoin(boards, eq(boards.id, boardSnapshots.boardId))
      .innerJoin(meetings, eq(meetings.id, boards.meetingId))
      .where(eq(meetings.groupId, groupId))
      .groupBy(boardSnapshots.boardId)
      .all();
    return new Map(rows.map((r) => [r.boardId, r.n]));
  }

  delete(id: number): void {
    this.db.delete(boardSnapshots).where(eq(boardSnapshots.id, id)).run();
  }
}
