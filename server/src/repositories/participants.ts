import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';

export type ParticipantRow = typeof participants.$inferSelect;
export type Profile = Pick<ParticipantRow, 'name' | 'organisation'>;

export class ParticipantsRepository {
  constructor(private readonly db: Db) {}

  insert(id: string, meetingId: string): void {
    this.db.insert(participants).values({ id, meetingId }).run();
  }

  exists(id: string, meetingId: string): boolean {
    return !!this.db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.meetingId, meetingId)))
      .get();
  }

  /** Everyone who joined the meeting, in the order they joined. */
  listByMeeting(meetingId: string): ParticipantRow[] {
    return this.db.select().from(participants).where(eq(participants.meetingId, meetingId)).orderBy(asc(sql`rowid`)).all();
  }

  profile(id: string): Profile | undefined {
    return this.db.select({ name: participants.name, organisation: participants.organisation }).from(participants).where(eq(participants.id, id)).get();
  }

  setProfile(id: string, profile: Profile): void {
    this.db.update(participants).set(profile).where(eq(participants.id, id)).run();
  }

  countByMeeting(meetingId: string): number {
    return this.db.select({ n: count() }).from(participants).where(eq(participants.meetingId, meetingId)).get()?.n ?? 0;
  }
}
