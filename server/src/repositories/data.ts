import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { groups, intents, meetings, participants } from '../db/schema.ts';

/** What a group keeps and for how long: the retention of participants' records, and forgetting what was deleted. */
export class DataRepository {
  constructor(private readonly db: Db) {}

  retentionDays(groupId: string): number | null {
    return this.db.select({ days: groups.participantRetentionDays }).from(groups).where(eq(groups.id, groupId)).get()?.days ?? null;
  }

  setRetentionDays(groupId: string, days: number | null): void {
    this.db.update(groups).set({ participantRetentionDays: days }).where(eq(groups.id, groupId)).run();
  }

  /**
   * Meetings whose participants' records their group keeps no longer: begun more than the group's
   * number of days before `now` (both as local "YYYY-MM-DDTHH:MM", as meetings store their start),
   * not erased yet, or joined again since (the join code of an old meeting still works).
   */
  dueForErasure(now: Date): { id: string }[] {
    return this.db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(
        and(
          isNotNull(groups.participantRetentionDays),
          or(
            isNull(meetings.participantsErasedAt),
            sql`exists (select 1 from ${participants} where ${participants.meetingId} = ${meetings.id} and ${participants.createdAt} > ${meetings.participantsErasedAt})`,
          ),
          sql`${meetings.startsAt} < strftime('%Y-%m-%dT%H:%M', ${now.toISOString()}, '-' || ${groups.participantRetentionDays} || ' days')`,
        ),
      )
      .all();
  }

  /**
   * Erases who the meeting's participants were. Each participant is replaced by a fresh, empty
   * pseudonym that takes over their answers; the old row goes, and with it their name, organisation,
   * seats and the id their phone's cookie holds. The answers stay grouped per (now unknown) person,
   * exactly as the boards' aggregates count them (one vote per person, a budget of dots per person),
   * so every later projection of a board (on load, on a reset) gives the same results as before;
   * deleting the answers instead would zero a board's results the next time it is projected.
   * The number of participants, which the minutes state, stays too.
   */
  eraseParticipants(meetingId: string, at: string, pseudonym: () => string): void {
    this.db.transaction((tx) => {
      const people = tx.select().from(participants).where(eq(participants.meetingId, meetingId)).orderBy(sql`rowid`).all();
      for (const person of people) {
        const id = pseudonym();
        // Nor when they joined: the pseudonym is as old as the erasure.
        tx.insert(participants).values({ id, meetingId, createdAt: at }).run();
        tx.update(intents).set({ participantId: id }).where(eq(intents.participantId, person.id)).run();
        tx.delete(participants).where(eq(participants.id, person.id)).run();
      }
      tx.update(meetings).set({ participantsErasedAt: at }).where(eq(meetings.id, meetingId)).run();
    });
    this.checkpoint();
  }

  /** After a meeting was deleted: the WAL still holds the deleted pages. */
  forgetDeleted(): void {
    this.checkpoint();
  }

  /**
   * Copies the WAL into the database file and truncates it: the WAL keeps the old versions of the
   * pages a deletion changed, names and texts included, until then.
   */
  private checkpoint(): void {
    this.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  }
}
