import { createHash, randomBytes } from 'node:crypto';
import type { Account, CreateAccountBody, GroupMember, GroupRole, UpdateAccountBody } from '@dilna/shared';
import { newId } from '../ids.ts';
import type { Repositories } from '../repositories/index.ts';
import type { UserRow } from '../repositories/accounts.ts';
import { HttpError, notFound } from './errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { FailureThrottle } from './throttle.ts';

export const ADMIN_LOGIN = 'admin';
const DEFAULT_SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export const toAccount = (row: UserRow): Account => ({ id: row.id, login: row.login, name: row.name, role: row.role, disabled: row.disabled });

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const wrongLogin = () => new HttpError(401, 'unauthorized', 'wrong login or password');

/** A logged-in browser: its account and the CSRF token its changes must carry. */
export interface SessionContext {
  user: UserRow;
  csrfToken: string;
}

/** Accounts, their passwords and sessions, and who belongs to which group. */
export class AccountsService {
  /** Guessing one account's password from many addresses is slowed by the first, a sweep over many accounts by the second. */
  private readonly perLogin = new FailureThrottle(10, 1 / 30);
  private readonly perAddress = new FailureThrottle(30, 0.2);
  /** An unknown login is checked against this, so that it takes as long as a wrong password. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('base64url'));

  constructor(
    private readonly repos: Repositories,
    readonly sessionMaxAgeMs = DEFAULT_SESSION_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Creates the administrator on the first start: with `password` if given, else a random one,
   * which is returned so that it can be printed once. Null when accounts exist already.
   */
  async ensureAdmin(password: string | null): Promise<{ generated: string | null } | null> {
    if (this.repos.users.count() > 0) return null;
    const chosen = password ?? randomBytes(12).toString('base64url');
    this.repos.users.insert({ id: newId(), login: ADMIN_LOGIN, name: 'Administrátor', role: 'admin', passwordHash: await hashPassword(chosen) });
    return { generated: password ? null : chosen };
  }

  /** Seconds until this login may be tried again from this address, or 0. */
  loginBlockedFor(login: string, address: string): number {
    const waits = [
      this.perLogin.allows(login) ? 0 : this.perLogin.retryAfter(login),
      this.perAddress.allows(address) ? 0 : this.perAddress.retryAfter(address),
    ];
    return Math.max(...waits);
  }

  /** Checks the password and opens a session; the returned token goes into the cookie only. */
  async login(login: string, password: string, address: string): Promise<{ token: string; session: SessionContext }> {
    const user = this.repos.users.getByLogin(login);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || user.disabled) {
      this.perLogin.recordFailure(login);
      this.perAddress.recordFailure(address);
      throw wrongLogin();
    }
    this.repos.sessions.deleteExpired(new Date(this.now()).toISOString());
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    this.repos.sessions.insert({
      idHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(this.now() + this.sessionMaxAgeMs).toISOString(),
    });
    return { token, session: { user, csrfToken } };
  }

  /** The session a cookie's token opens: not expired, of an account that is not disabled. */
  session(token: string | undefined): SessionContext | null {
    if (!token) return null;
    const found = this.repos.sessions.find(hashToken(token), new Date(this.now()).toISOString());
    if (!found || found.user.disabled) return null;
    return { user: found.user, csrfToken: found.session.csrfToken };
  }

  logout(token: string | undefined): void {
    if (token) this.repos.sessions.delete(hashToken(token));
  }

  async changeOwnPassword(user: UserRow, currentPassword: string, newPassword: string): Promise<void> {
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new HttpError(403, 'forbidden', 'the current password is wrong', 'body.currentPassword');
    }
    this.repos.users.update(user.id, { passwordHash: await hashPassword(newPassword) });
  }

  list(): Account[] {
    return this.repos.users.list().map(toAccount);
  }

  async create(body: Required<CreateAccountBody>): Promise<Account> {
    if (this.repos.users.getByLogin(body.login)) throw new HttpError(409, 'conflict', 'this login is taken', 'body.login');
    const row = this.repos.users.insert({
      id: newId(),
      login: body.login,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password),
    });
    return toAccount(row);
  }

  /** An administrator's change of an account; disabling it or setting its password ends its sessions. */
  async update(actor: UserRow, userId: string, body: UpdateAccountBody): Promise<Account> {
    if (!this.repos.users.get(userId)) throw notFound('account');
    if (userId === actor.id && (body.disabled || body.role === 'user')) {
      throw new HttpError(403, 'forbidden', 'administrators cannot disable or demote themselves');
    }
    const { password, ...rest } = body;
    const row = this.repos.users.update(userId, { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) })!;
    if (body.disabled || password) this.repos.sessions.deleteOfUser(userId);
    return toAccount(row);
  }

  members(groupId: string): GroupMember[] {
    this.groupOf(groupId);
    return this.repos.memberships.listByGroup(groupId).map(({ userId, login, name, role }) => ({ userId, login, name, role }));
  }

  setMember(groupId: string, userId: string, role: GroupRole): GroupMember[] {
    this.groupOf(groupId);
    if (!this.repos.users.get(userId)) throw notFound('account');
    this.repos.memberships.set({ groupId, userId, role });
    return this.members(groupId);
  }

  removeMember(groupId: string, userId: string): GroupMember[] {
    this.groupOf(groupId);
    this.repos.memberships.delete(groupId, userId);
    return this.members(groupId);
  }

  private groupOf(groupId: string) {
    const group = this.repos.groups.get(groupId);
    if (!group) throw notFound('group');
    return group;
  }
}
