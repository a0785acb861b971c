import { count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { boards, meetings } from '../db/schema.ts';

export type MeetingRow = typeof meetings.$inferSelect;

export class MeetingsRepository {
  /** Read for every phone's answer: prepared once. */
  private readonly byId;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare();
  }

  listByGroup(groupId: string): (MeetingRow & { boardCount: number })[] {
    return this.db
      .select({ meeting: meetings, boardCount: count(boards.id) })
      .from(meetings)
      .leftJoin(boards, eq(boards.meetingId, meetings.id))
      .where(eq(meetings.groupId, groupId))
      .groupBy(meetings.id)
      .orderBy(desc(meetings.startsAt))
      .all()
      .map(({ meeting, boardCount }) => ({ ...meeting, boardCount }));
  }

  countByGroup(): Map<string, number> {
    const rows = this.db
      .select({ groupId: meetings.groupId, n: count() })
      .from(meetings)
      .groupBy(meetings.groupId)
      .all();
    return new Map(rows.map((r) => [r.groupId, r.n]));
  }

  get(id: string): MeetingRow | undefined {
    return this.byId.get({ id });
  }

  getByJoinCode(code: string): MeetingRow | undefined {
    return this.db.select().from(meetings).where(eq(meetings.joinCode, code)).get();
  }

  insert(row: typeof meetings.$inferInsert): MeetingRow {
    return this.db.insert(meetings).values(row).returning().get();
  }

  update(id: string, patch: Partial<Pick<MeetingRow, 'title' | 'startsAt' | 'place' | 'language' | 'liveBoardId'>>): MeetingRow {
    return this.db.update(meetings).set(patch).where(eq(meetings.id, id)).returning().get()!;
  }

  /** Deletes the meeting; its boards, participants, answers, seats and table keys go with it (foreign keys cascade). */
  delete(id: string): void {
    this.db.delete(meetings).where(eq(meetings.id, id)).run();
  }
}
