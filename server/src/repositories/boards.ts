import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { BoardStatus } from '@dilna/shared';
import type { Db } from '../db/client.ts';
import { boards, meetings } from '../db/schema.ts';

export type BoardRow = typeof boards.$inferSelect;

export class BoardsRepository {
  /** Read for every phone's answer: prepared once, not built and prepared again per call. */
  private readonly byId;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(boards).where(eq(boards.id, sql.placeholder('id'))).prepare();
  }

  listByMeeting(meetingId: string): BoardRow[] {
    return this.db.select().from(boards).where(eq(boards.meetingId, meetingId)).orderBy(asc(boards.position)).all();
  }

  /** Every board of a group's meetings with its meeting's title and date, newest meeting first, each in agenda order. */
  listByGroup(groupId: string): (BoardRow & { meetingTitle: string; startsAt: string })[] {
    return this.db
      .select({ board: boards, meetingTitle: meetings.title, startsAt: meetings.startsAt })
      .from(boards)
      .innerJoin(meetings, eq(boards.meetingId, meetings.id))
      .where(eq(meetings.groupId, groupId))
      .orderBy(desc(meetings.startsAt), asc(meetings.id), asc(boards.position))
      .all()
      .map(({ board, meetingTitle, startsAt }) => ({ ...board, meetingTitle, startsAt }));
  }

  /** Every board of these kinds, in every meeting. */
  listByKinds(kinds: string[]): BoardRow[] {
    return kinds.length === 0 ? [] : this.db.select().from(boards).where(inArray(boards.kind, kinds)).all();
  }

  get(id: string): BoardRow | undefined {
    return this.byId.get({ id });
  }

  /** Appends the board at the end of the meeting's agenda. */
  append(row: Omit<typeof boards.$inferInsert, 'position'>): BoardRow {
    return this.db.transaction((tx) => {
      const last = tx
        .select({ position: max(boards.position) })
        .from(boards)
        .where(eq(boards.meetingId, row.meetingId))
        .get();
      return tx
        .insert(boards)
        .values({ ...row, position: (last?.position ?? -1) + 1 })
        .returning()
        .get();
    });
  }

  update(id: string, patch: { title?: string; status?: BoardStatus }): BoardRow {
    return this.db.update(boards).set(patch).where(eq(boards.id, id)).returning().get()!;
  }

  setOrder(meetingId: string, boardIds: string[]): void {
    this.db.transaction((tx) => {
      boardIds.forEach((id, position) => {
        tx.update(boards)
          .set({ position })
          .where(and(eq(boards.id, id), eq(boards.meetingId, meetingId)))
          .run();
      });
    });
  }

  delete(id: string): void {
    this.db.delete(boards).where(eq(boards.id, id)).run();
  }
}
