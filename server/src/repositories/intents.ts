import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { intents } from '../db/schema.ts';

export type IntentRow = typeof intents.$inferSelect;

export class IntentsRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one SQLite transaction: the check and the insert see the same data. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(() => work());
  }

  findOperation(participantId: string, opId: string): IntentRow | undefined {
    return this.db
      .select()
      .from(intents)
      .where(and(eq(intents.participantId, participantId), eq(intents.opId, opId)))
      .get();
  }

  listByParticipant(boardId: string, participantId: string): IntentRow[] {
    return this.db
      .select()
      .from(intents)
      .where(and(eq(intents.boardId, boardId), eq(intents.participantId, participantId)))
      .orderBy(sql`rowid`)
      .all();
  }

  listByBoard(boardId: string): Pick<IntentRow, 'id' | 'payload' | 'createdAt'>[] {
    return this.db
      .select({ id: intents.id, payload: intents.payload, createdAt: intents.createdAt })
      .from(intents)
      .where(eq(intents.boardId, boardId))
      .orderBy(sql`rowid`)
      .all();
  }

  insert(row: typeof intents.$inferInsert): void {
    this.db.insert(intents).values(row).run();
  }
}
