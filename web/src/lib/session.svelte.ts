import type { Account, Session } from '@dilna/shared';
import { goto } from '$app/navigation';
import { api, useCsrfToken } from './api.ts';

/** Who is logged in in this browser; the cookie itself is HTTP-only, so the server says. */
class SessionState {
  #user = $state<Account | null>(null);
  #loaded = $state(false);
  #loading: Promise<void> | null = null;

  get user(): Account | null {
    return this.#user;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get isAdmin(): boolean {
    return this.#user?.role === 'admin';
  }

  /** Asks the server once per page load; later calls wait for that answer. */
  load(): Promise<void> {
    this.#loading ??= api<Session>('GET', '/session').then((session) => this.#take(session));
    return this.#loading;
  }

  async logIn(login: string, password: string): Promise<void> {
    this.#take(await api<Session>('POST', '/session', { body: { login, password } }));
  }

  async logOut(): Promise<void> {
    await api('DELETE', '/session');
    this.#take({ user: null, csrfToken: null });
  }

  #take(session: Session): void {
    this.#user = session.user;
    useCsrfToken(session.csrfToken);
    this.#loaded = true;
  }
}

export const session = new SessionState();

/** A page of logged-in people: true when someone is; otherwise off to the login page, which comes back here. */
export async function requireLogin(): Promise<boolean> {
  await session.load();
  if (session.user) return true;
  await goto(`/login?next=${encodeURIComponent(location.pathname)}`, { replaceState: true });
  return false;
}

/** A page of administrators: true when one is logged in; anyone else is sent to log in or to the home page. */
export async function requireAdmin(): Promise<boolean> {
  if (!(await requireLogin())) return false;
  if (session.isAdmin) return true;
  await goto('/', { replaceState: true });
  return false;
}

/** Where the login page goes on: a path of this site only, never another site's address. */
export const afterLogin = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
