import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { intents } from '../db/schema.ts';

export type IntentRow = typeof intents.$inferSelect;

export class IntentsRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one SQLite transaction: the check and the insert see the same data. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(() => work());
  }

  /** Any intent with this operation id, voided or not: a retry must never land twice. */
  findOperation(participantId: string, opId: string): IntentRow | undefined {
    return this.db
      .select()
      .from(intents)
      .where(and(eq(intents.participantId, participantId), eq(intents.opId, opId)))
      .get();
  }

  /** What a participant did on a board and still counts, oldest first. */
  listByParticipant(boardId: string, participantId: string): IntentRow[] {
    return this.db
      .select()
      .from(intents)
      .where(and(eq(intents.boardId, boardId), eq(intents.participantId, participantId), isNull(intents.voidedAt)))
      .orderBy(sql`rowid`)
      .all();
  }

  /** Every intent of a board that still counts, oldest first. */
  listByBoard(boardId: string): Pick<IntentRow, 'id' | 'payload' | 'createdAt' | 'participantId'>[] {
    return this.db
      .select({ id: intents.id, payload: intents.payload, createdAt: intents.createdAt, participantId: intents.participantId })
      .from(intents)
      .where(and(eq(intents.boardId, boardId), isNull(intents.voidedAt)))
      .orderBy(sql`rowid`)
      .all();
  }

  insert(row: typeof intents.$inferInsert): void {
    this.db.insert(intents).values(row).run();
  }

  /** Stops counting the intents of one part of a board; returns how many. */
  voidScope(boardId: string, scope: string, at: string): number {
    return this.db
      .update(intents)
      .set({ voidedAt: at })
      .where(and(eq(intents.boardId, boardId), eq(intents.scope, scope), isNull(intents.voidedAt)))
      .run().changes;
  }
}
