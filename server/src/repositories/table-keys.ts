import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { tableKeys } from '../db/schema.ts';

export type TableKeyRow = typeof tableKeys.$inferSelect;

export class TableKeysRepository {
  constructor(private readonly db: Db) {}

  listByBoard(boardId: string): TableKeyRow[] {
    return this.db.select().from(tableKeys).where(eq(tableKeys.boardId, boardId)).all();
  }

  /** The table a key opens, if any. */
  findByKey(key: string): TableKeyRow | undefined {
    return this.db.select().from(tableKeys).where(eq(tableKeys.key, key)).get();
  }

  insert(row: TableKeyRow): void {
    this.db.insert(tableKeys).values(row).onConflictDoNothing().run();
  }
}
