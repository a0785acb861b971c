import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';

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

  countByMeeting(meetingId: string): number {
    return this.db.select({ n: count() }).from(participants).where(eq(participants.meetingId, meetingId)).get()?.n ?? 0;
  }
}
