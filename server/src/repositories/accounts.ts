import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { groupMembers, sessions, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type MembershipRow = typeof groupMembers.$inferSelect;

export class UsersRepository {
  constructor(private readonly db: Db) {}

  list(): UserRow[] {
    return this.db.select().from(users).orderBy(asc(users.name)).all();
  }

  count(): number {
    return this.db.select({ n: count() }).from(users).get()!.n;
  }

  get(id: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  getByLogin(login: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.login, login)).get();
  }

  insert(row: typeof users.$inferInsert): UserRow {
    return this.db.insert(users).values(row).returning().get();
  }

  update(id: string, change: Partial<Pick<UserRow, 'name' | 'role' | 'disabled' | 'passwordHash'>>): UserRow | undefined {
    return this.db.update(users).set(change).where(eq(users.id, id)).returning().get();
  }
}

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  insert(row: typeof sessions.$inferInsert): void {
    this.db.insert(sessions).values(row).run();
  }

  /** The session and its account, if the session has not expired. */
  find(idHash: string, now: string): { session: SessionRow; user: UserRow } | undefined {
    return this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
      .get();
  }

  delete(idHash: string): void {
    this.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
  }

  deleteOfUser(userId: string): void {
    this.db.delete(sessions).where(eq(sessions.userId, userId)).run();
  }

  deleteExpired(now: string): void {
    this.db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  }
}

export class MembershipsRepository {
  constructor(private readonly db: Db) {}

  get(groupId: string, userId: string): MembershipRow | undefined {
    return this.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .get();
  }

  listByUser(userId: string): MembershipRow[] {
    return this.db.select().from(groupMembers).where(eq(groupMembers.userId, userId)).all();
  }

  listByGroup(groupId: string): (MembershipRow & { login: string; name: string })[] {
    return this.db
      .select({ groupId: groupMembers.groupId, userId: groupMembers.userId, role: groupMembers.role, login: users.login, name: users.name })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(eq(groupMembers.groupId, groupId))
      .orderBy(asc(users.name))
      .all();
  }

  set(row: MembershipRow): void {
    this.db
      .insert(groupMembers)
      .values(row)
      .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role: row.role } })
      .run();
  }

  delete(groupId: string, userId: string): void {
    this.db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .run();
  }
}
