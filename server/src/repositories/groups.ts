import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { groups } from '../db/schema.ts';

export type GroupRow = typeof groups.$inferSelect;

export class GroupsRepository {
  constructor(private readonly db: Db) {}

  list(): GroupRow[] {
    return this.db.select().from(groups).orderBy(asc(groups.name)).all();
  }

  get(id: string): GroupRow | undefined {
    return this.db.select().from(groups).where(eq(groups.id, id)).get();
  }

  insert(row: typeof groups.$inferInsert): GroupRow {
    return this.db.insert(groups).values(row).returning().get();
  }
}
