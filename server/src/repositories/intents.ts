import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { intents } from '../db/schema.ts';

export type IntentRow = typeof intents.$inferSelect;
export type NewIntent = Pick<IntentRow, 'id' | 'boardId' | 'participantId' | 'opId' | 'payload' | 'scope'>;

/**
 * The record of participants' intents. The queries on the path of every answer are prepared once:
 * building and preparing SQL per call cost more than the rest of recording an answer.
 */
export class IntentsRepository {
  private readonly operation;
  private readonly ofParticipant;
  private readonly addOne;

  constructor(private readonly db: Db) {
    const placeholder = sql.placeholder;
    this.operation = db
      .select()
      .from(intents)
      .where(and(eq(intents.participantId, placeholder('participantId')), eq(intents.opId, placeholder('opId'))))
      .prepare();
    this.ofParticipant = db
      .select()
      .from(intents)
      .where(and(eq(intents.boardId, placeholder('boardId')), eq(intents.participantId, placeholder('participantId')), isNull(intents.voidedAt)))
      .orderBy(sql`rowid`)
      .prepare();
    this.addOne = db
      .insert(intents)
      .values({
        id: placeholder('id'),
        boardId: placeholder('boardId'),
        participantId: placeholder('participantId'),
        opId: placeholder('opId'),
        payload: placeholder('payload'),
        scope: placeholder('scope'),
      })
      .prepare();
  }

  /** Runs `work` in one SQLite transaction: the check and the insert see the same data. */
  transaction<T>(work: () => T): T {
    // better-sqlite3's own transaction keeps BEGIN and COMMIT prepared.
    return this.db.$client.transaction(work).immediate();
  }

  /** Any intent with this operation id, voided or not: a retry must never land twice. */
  findOperation(participantId: string, opId: string): IntentRow | undefined {
    return this.operation.get({ participantId, opId });
  }

  /** What a participant did on a board and still counts, oldest first. */
  listByParticipant(boardId: string, participantId: string): IntentRow[] {
    return this.ofParticipant.all({ boardId, participantId });
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

  insert(row: NewIntent): void {
    this.addOne.run(row);
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
