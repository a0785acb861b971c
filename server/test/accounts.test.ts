import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account, GroupDetail, GroupListItem, GroupMember, MeetingDetail, Session } from '@dilna/shared';
import { buildApp } from '../src/app.ts';
import {
  TEST_ADMIN_PASSWORD,
  TEST_COOKIE_SECRET,
  addToGroup,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  logIn,
  loginAsAdmin,
  sleep,
  startServer,
  tempDataDir,
  useResources,
} from './helpers.ts';

const resources = useResources();

describe('the administrator', () => {
  it('is created on the first start with a password made up and told once; later starts keep it', async () => {
    const dataDir = await tempDataDir(resources);
    const config = { dataDir, webDir: null, cookieSecret: TEST_COOKIE_SECRET, publicUrl: null, adminPassword: null, cookieSecure: false };
    const told: string[] = [];
    const first = await buildApp(config, { onGeneratedAdminPassword: (password) => told.push(password) });
    await first.close();
    expect(told).toHaveLength(1);
    expect(told[0]!.length).toBeGreaterThanOrEqual(16);
    const again = await buildApp({ ...config, adminPassword: 'this one is ignored now' }, { onGeneratedAdminPassword: (p) => told.push(p) });
    await again.close();
    expect(told).toHaveLength(1);

    const server = await startServer(resources, { dataDir });
    expect((await logIn(server, 'admin', 'this one is ignored now')).status).toBe(401);
    const { session } = await logIn(server, 'admin', told[0]!);
    expect(session?.user).toMatchObject({ login: 'admin', role: 'admin', disabled: false });
    // The database holds a scrypt hash, never the password.
    const db = new Database(join(dataDir, 'dilna.sqlite'), { readonly: true });
    const { hash } = db.prepare("SELECT password_hash AS hash FROM users WHERE login = 'admin'").get() as { hash: string };
    db.close();
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain(told[0]);
  });

  it('creates accounts and disables them, which ends their sessions; users change their own password', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const jana = await createUser(server, 'jana', { password: 'jana-heslo-123' });
    expect(jana.user).toMatchObject({ login: 'jana', role: 'user' });
    const taken = await server.api('POST', '/accounts', { session: admin, body: { login: 'JANA', name: 'Jiná', password: 'x'.repeat(12) } });
    expect(taken.status).toBe(409);
    const short = await server.api('POST', '/accounts', { session: admin, body: { login: 'petr', name: 'Petr', password: 'krátké' } });
    expect(short.body.error.field).toBe('body.password');
    // Only an administrator manages accounts.
    expect((await server.api('GET', '/accounts', { session: jana })).status).toBe(403);
    expect((await server.api('POST', '/accounts', { session: jana, body: { login: 'x1', name: 'x', password: 'x'.repeat(12) } })).status).toBe(403);
    expect((await server.api('GET', '/accounts')).status).toBe(401);

    const wrongCurrent = await server.api('PUT', '/session/password', {
      session: jana,
      body: { currentPassword: 'not-it-at-all', newPassword: 'nové-heslo-jany' },
    });
    expect(wrongCurrent.status).toBe(403);
    expect(
      (await server.api('PUT', '/session/password', { session: jana, body: { currentPassword: 'jana-heslo-123', newPassword: 'nové-heslo-jany' } }))
        .status,
    ).toBe(204);
    expect((await logIn(server, 'jana', 'jana-heslo-123')).status).toBe(401);
    expect((await logIn(server, 'jana', 'nové-heslo-jany')).status).toBe(200);

    const disabled = expectStatus(await server.api<Account>('PATCH', `/accounts/${jana.user.id}`, { session: admin, body: { disabled: true } }), 200);
    expect(disabled.disabled).toBe(true);
    expect((await server.api<Session>('GET', '/session', { session: jana })).body.user).toBeNull();
    expect((await logIn(server, 'jana', 'nové-heslo-jany')).status).toBe(401);
    const self = await server.api('PATCH', `/accounts/${admin.user.id}`, { session: admin, body: { disabled: true } });
    expect(self.status).toBe(403);
    const list = expectStatus(await server.api<Account[]>('GET', '/accounts', { session: admin }), 200);
    expect(list.map((a) => [a.login, a.disabled])).toEqual([
      ['admin', false],
      ['jana', true],
    ]);
  });
});

describe('logging in', () => {
  it('answers an unknown login and a wrong password alike, and throttles guessing per login and per address', async () => {
    const server = await startServer(resources);
    await createUser(server, 'jana', { password: 'jana-heslo-123' });
    const unknown = await logIn(server, 'nikdo', 'jana-heslo-123');
    const wrong = await logIn(server, 'jana', 'špatné-heslo');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get('set-cookie')).toBeNull();

    let status = 0;
    let tries = 1;
    while (status !== 429 && tries < 50) {
      status = (await logIn(server, 'jana', `hádám-${tries}`)).status;
      tries++;
    }
    expect(status).toBe(429);
    expect(tries).toBeLessThanOrEqual(12);
    // Even the right password waits now: the guesser cannot tell when they hit it.
    const blocked = await logIn(server, 'jana', 'jana-heslo-123');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The administrator's login is a bucket of its own, until one address has failed too often for any login.
    expect((await logIn(server, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    let addressBlocked = false;
    for (let i = 0; i < 40 && !addressBlocked; i++) addressBlocked = (await logIn(server, `nikdo${i}`, 'x')).status === 429;
    expect(addressBlocked).toBe(true);
    expect((await logIn(server, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(429);
  });

  it('sets an HTTP-only SameSite=Lax cookie; the session ends when it expires and at logout', async () => {
    const server = await startServer(resources, { sessionMaxAgeMs: 1500 });
    const reply = await logIn(server, 'admin', TEST_ADMIN_PASSWORD);
    const cookie = reply.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = reply.session!;
    expect((await server.api<Session>('GET', '/session', { session })).body.user?.login).toBe('admin');
    await sleep(1600);
    expect((await server.api<Session>('GET', '/session', { session })).body).toEqual({ user: null, csrfToken: null });
    expect((await server.api('GET', '/groups', { session })).status).toBe(401);

    const second = (await logIn(server, 'admin', TEST_ADMIN_PASSWORD)).session!;
    expect((await server.api('DELETE', '/session', { cookie: second.cookie })).status).toBe(403);
    const out = await server.api('DELETE', '/session', { session: second });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/dilna_session=;/);
    expect((await server.api('GET', '/groups', { session: second })).status).toBe(401);
  });

  it('marks the cookie Secure with COOKIE_SECURE', async () => {
    const dataDir = await tempDataDir(resources);
    const app = await buildApp({ dataDir, webDir: null, cookieSecret: TEST_COOKIE_SECRET, publicUrl: null, adminPassword: TEST_ADMIN_PASSWORD, cookieSecure: true });
    const reply = await app.inject({ method: 'POST', url: '/api/session', payload: { login: 'admin', password: TEST_ADMIN_PASSWORD } });
    await app.close();
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['set-cookie']).toMatch(/; Secure/);
  });
});

describe('CSRF', () => {
  it('refuses a change made with the session cookie alone or a token of another session', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const other = (await logIn(server, 'admin', TEST_ADMIN_PASSWORD)).session!;
    for (const headers of [{}, { 'x-dilna-csrf': other.csrfToken }, { 'x-dilna-csrf': '' }] as Record<string, string>[]) {
      const reply = await server.api('POST', '/groups', { cookie: admin.cookie, headers, body: { name: 'Podvržená' } });
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toContain('x-dilna-csrf');
    }
    expect(expectStatus(await server.api<GroupListItem[]>('GET', '/groups', { cookie: admin.cookie }), 200)).toEqual([]);
    expect((await server.api('POST', '/groups', { session: admin, body: { name: 'Pravá' } })).status).toBe(201);
  });

  it('leaves requests that carry a meeting key as they were', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const fixture = await createMeeting(server);
    const reply = await server.api('PATCH', `/meetings/${fixture.meetingId}`, { cookie: admin.cookie, key: fixture.keys.facilitator, body: { title: 'Klíčem' } });
    expect(reply.status).toBe(200);
  });
});

describe('group membership', () => {
  it('facilitators run the group, members read it, others see nothing of it', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const group = await createGroup(server, 'Senioři');
    const elsewhere = await createGroup(server, 'Rodina a děti');
    const fixture = await createMeeting(server, { group, title: 'Jarní setkání' });
    const facilitator = await createUser(server, 'eva');
    const member = await createUser(server, 'karel');
    const outsider = await createUser(server, 'olga');
    await addToGroup(server, group.id, facilitator, 'facilitator');
    await addToGroup(server, group.id, member, 'member');

    const members = expectStatus(await server.api<GroupMember[]>('GET', `/groups/${group.id}/members`, { session: admin }), 200);
    expect(members.map((m) => [m.login, m.role])).toEqual([
      ['eva', 'facilitator'],
      ['karel', 'member'],
    ]);
    const names = async (session: typeof admin) =>
      expectStatus(await server.api<GroupListItem[]>('GET', '/groups', { session }), 200).map((g) => g.name);
    expect(await names(admin)).toEqual(['Rodina a děti', 'Senioři']);
    expect(await names(facilitator)).toEqual(['Senioři']);
    expect(await names(member)).toEqual(['Senioři']);
    expect(await names(outsider)).toEqual([]);

    // A facilitator creates meetings and gets any meeting's keys from the server.
    const created = expectStatus(
      await server.api<MeetingDetail>('POST', `/groups/${group.id}/meetings`, { session: facilitator, body: { title: 'Letní', startsAt: '2026-06-01T16:00' } }),
      201,
    );
    expect(created.keys.facilitator).toBeTruthy();
    const fetched = expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${fixture.meetingId}`, { session: facilitator }), 200);
    expect(fetched.keys).toEqual(fixture.keys);
    expect(expectStatus(await server.api<GroupDetail>('GET', `/groups/${group.id}`, { session: facilitator }), 200).myRole).toBe('facilitator');
    expect((await server.api('GET', `/groups/${elsewhere.id}`, { session: facilitator })).status).toBe(404);
    expect((await server.api('POST', `/groups/${elsewhere.id}/meetings`, { session: facilitator, body: { title: 'x', startsAt: '2026-06-01T16:00' } })).status).toBe(404);

    // A member reads the group and its minutes, but neither creates meetings nor gets keys.
    const asMember = expectStatus(await server.api<GroupDetail>('GET', `/groups/${group.id}`, { session: member }), 200);
    expect(asMember.myRole).toBe('member');
    expect(asMember.meetings.map((m) => m.title)).toEqual(['Jarní setkání', 'Letní']);
    expect(JSON.stringify(asMember)).not.toContain(fixture.keys.screen);
    expect((await server.api('POST', `/groups/${group.id}/meetings`, { session: member, body: { title: 'x', startsAt: '2026-06-01T16:00' } })).status).toBe(403);
    expect((await server.api('GET', `/meetings/${fixture.meetingId}`, { session: member })).status).toBe(403);
    const minutes = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { session: member });
    expect(minutes.status).toBe(200);
    expect(minutes.text).toContain('Jarní setkání');

    // Whoever is not in the group finds nothing: not the group, its meetings, their minutes or keys.
    for (const path of [`/groups/${group.id}`, `/groups/${group.id}/meetings`, `/meetings/${fixture.meetingId}`, `/meetings/${fixture.meetingId}/minutes.md`, `/meetings/${fixture.meetingId}/minutes.docx`]) {
      const reply = await server.api('GET', path, { session: outsider });
      expect(reply.status, path).toBe(404);
      expect(reply.text).not.toContain(fixture.keys.screen);
    }
    expect((await server.api('POST', `/groups/${group.id}/meetings`, { session: outsider, body: { title: 'x', startsAt: '2026-06-01T16:00' } })).status).toBe(404);
    // Without a login: no group list, no group, no meeting created.
    expect((await server.api('GET', '/groups')).status).toBe(401);
    expect((await server.api('GET', `/groups/${group.id}`)).status).toBe(401);
    const anonymous = await server.api('POST', `/groups/${group.id}/meetings`, { body: { title: 'x', startsAt: '2026-06-01T16:00' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');

    // Only an administrator creates groups and assigns people.
    expect((await server.api('POST', '/groups', { session: facilitator, body: { name: 'Vlastní' } })).status).toBe(403);
    expect((await server.api('PUT', `/groups/${group.id}/members/${outsider.user.id}`, { session: facilitator, body: { role: 'member' } })).status).toBe(403);
    expect((await server.api('GET', `/groups/${group.id}/members`, { session: member })).status).toBe(403);

    // Roles change and people leave.
    await addToGroup(server, group.id, member, 'facilitator');
    expect((await server.api('GET', `/meetings/${fixture.meetingId}`, { session: member })).status).toBe(200);
    const left = expectStatus(await server.api<GroupMember[]>('DELETE', `/groups/${group.id}/members/${facilitator.user.id}`, { session: admin }), 200);
    expect(left.map((m) => m.login)).toEqual(['karel']);
    expect((await server.api('GET', `/meetings/${fixture.meetingId}`, { session: facilitator })).status).toBe(404);
    expect(await names(facilitator)).toEqual([]);
  });
});
