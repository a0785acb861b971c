import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '@dilna/shared';
import type { UserRow } from '../repositories/accounts.ts';
import type { AccountsService, SessionContext } from '../services/accounts.ts';
import { HttpError } from '../services/errors.ts';
import { same } from '../services/access.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie of a request. A change made through a session must carry the session's
 * CSRF token in a header, which another site's page cannot read nor send; requests that carry a
 * meeting's key instead are authorised by that key and never by the cookie.
 */
export class SessionAuth {
  constructor(
    private readonly accounts: AccountsService,
    private readonly cookieSecure: boolean,
  ) {}

  /** The request's session, or null; a change without the session's token is refused. */
  session(req: FastifyRequest): SessionContext | null {
    const session = this.accounts.session(req.cookies[SESSION_COOKIE]);
    if (session && !SAFE_METHODS.has(req.method)) {
      const token = req.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !same(token, session.csrfToken)) {
        throw new HttpError(403, 'forbidden', `a change made with a login needs the session's token in the ${CSRF_HEADER} header`);
      }
    }
    return session;
  }

  user(req: FastifyRequest): UserRow | null {
    return this.session(req)?.user ?? null;
  }

  /** The logged-in account, or a 401. */
  required(req: FastifyRequest): UserRow {
    const user = this.user(req);
    if (!user) throw new HttpError(401, 'unauthorized', 'log in first');
    return user;
  }

  admin(req: FastifyRequest): UserRow {
    const user = this.required(req);
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an administrator can do this');
    return user;
  }

  setCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.cookieSecure || req.protocol === 'https',
      path: '/',
      maxAge: Math.floor(this.accounts.sessionMaxAgeMs / 1000),
    });
  }

  clearCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
