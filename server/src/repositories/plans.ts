import { asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { groups, plans } from '../db/schema.ts';

export type PlanRow = typeof plans.$inferSelect & { groupName: string | null };

const columns = {
  id: plans.id,
  groupId: plans.groupId,
  title: plans.title,
  period: plans.period,
  createdBy: plans.createdBy,
  createdAt: plans.createdAt,
  groupName: groups.name,
};

export class PlansRepository {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db.select(columns).from(plans).leftJoin(groups, eq(groups.id, plans.groupId));
  }

  /** Community plans first, then by group and title. */
  list(): PlanRow[] {
    return this.select().orderBy(asc(plans.groupId), asc(groups.name), asc(plans.title), asc(plans.id)).all();
  }

  /** The plans a meeting of the group may work on: the group's and the community's. */
  listUsableBy(groupId: string): PlanRow[] {
    return this.select()
      .where(or(isNull(plans.groupId), eq(plans.groupId, groupId)))
      .orderBy(asc(plans.groupId), asc(plans.title), asc(plans.id))
      .all();
  }

  listByGroup(groupId: string): PlanRow[] {
    return this.select().where(eq(plans.groupId, groupId)).orderBy(asc(plans.title), asc(plans.id)).all();
  }

  get(id: string): PlanRow | undefined {
    return this.select().where(eq(plans.id, id)).get();
  }

  insert(row: typeof plans.$inferInsert): PlanRow {
    this.db.insert(plans).values(row).run();
    return this.get(row.id)!;
  }

  update(id: string, patch: { title?: string; period?: string }): PlanRow {
    this.db.update(plans).set(patch).where(eq(plans.id, id)).run();
    return this.get(id)!;
  }

  delete(id: string): void {
    this.db.delete(plans).where(eq(plans.id, id)).run();
  }
}
