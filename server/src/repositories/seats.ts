import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { seats } from '../db/schema.ts';

export type SeatRow = typeof seats.$inferSelect;

export class SeatsRepository {
  constructor(private readonly db: Db) {}

  listRound(boardId: string, round: number): SeatRow[] {
    return this.db
      .select()
      .from(seats)
      .where(and(eq(seats.boardId, boardId), eq(seats.round, round)))
      .all();
  }

  /** Every seat of the rounds before `round`, oldest round first. */
  listBefore(boardId: string, round: number): SeatRow[] {
    return this.db
      .select()
      .from(seats)
      .where(and(eq(seats.boardId, boardId), lt(seats.round, round)))
      .orderBy(asc(seats.round))
      .all();
  }

  find(boardId: string, round: number, participantId: string): SeatRow | undefined {
    return this.db
      .select()
      .from(seats)
      .where(and(eq(seats.boardId, boardId), eq(seats.round, round), eq(seats.participantId, participantId)))
      .get();
  }

  get(id: string): SeatRow | undefined {
    return this.db.select().from(seats).where(eq(seats.id, id)).get();
  }

  /** Writes one round's seats at once: new ones are added, moved ones updated. */
  save(rows: (typeof seats.$inferInsert)[]): void {
    if (!rows.length) return;
    this.db.transaction((tx) => {
      for (const row of rows) {
        tx.insert(seats)
          .values(row)
          .onConflictDoUpdate({ target: [seats.boardId, seats.round, seats.participantId], set: { tableId: row.tableId, host: row.host ?? false } })
          .run();
      }
    });
  }

  update(id: string, patch: Partial<Pick<SeatRow, 'tableId' | 'host'>>): SeatRow {
    return this.db.update(seats).set(patch).where(eq(seats.id, id)).returning().get()!;
  }
}
