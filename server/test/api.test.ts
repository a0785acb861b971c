import { beforeEach, describe, expect, it } from 'vitest';
import type { Board, GroupDetail, GroupListItem, MeetingDetail, MeetingSummary } from '@dilna/shared';
import {
  addNotesBoard,
  createGroup,
  createMeeting,
  expectStatus,
  loginAsAdmin,
  makeLive,
  startServer,
  useResources,
  type TestServer,
} from './helpers.ts';

const resources = useResources();

describe('JSON API', () => {
  it('answers health and info', async () => {
    const server = await startServer(resources);
    const health = await server.api<{ ok: boolean; version: string }>('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, version: expect.any(String) });

    const info = await server.api<{ version: string; joinBaseUrls: string[] }>('GET', '/info');
    expect(info.status).toBe(200);
    for (const url of info.body.joinBaseUrls) expect(url).toMatch(new RegExp(`^http://[\\d.]+:${server.port}$`));
  });

  it('sends security headers on API replies', async () => {
    const server = await startServer(resources);
    const reply = await server.api('GET', '/health');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('creates and lists groups and their meetings', async () => {
    const server = await startServer(resources);
    const session = await loginAsAdmin(server);
    expect(expectStatus(await server.api<GroupListItem[]>('GET', '/groups', { session }), 200)).toEqual([]);

    const group = await createGroup(server, '  Zelené   Žabovřesky ');
    expect(group).toMatchObject({ name: 'Zelené Žabovřesky', description: '', meetings: [] });
    const other = await createGroup(server, 'Advent na náměstí');

    const created = expectStatus(
      await server.api<MeetingDetail>('POST', `/groups/${group.id}/meetings`, {
        session,
        body: { title: 'Úvodní setkání', startsAt: '2026-11-24T17:00' },
      }),
      201,
    );
    expect(created).toMatchObject({
      groupId: group.id,
      groupName: 'Zelené Žabovřesky',
      title: 'Úvodní setkání',
      startsAt: '2026-11-24T17:00',
      place: '',
      boards: [],
      liveBoardId: null,
      role: 'facilitator',
    });
    expect(created.joinCode).toMatch(/^\d{6}$/);
    expect(Object.keys(created.keys).sort()).toEqual(['editor', 'facilitator', 'screen']);
    expect(new Set(Object.values(created.keys)).size).toBe(3);
    const later = await createMeeting(server, { group, title: 'Druhé setkání' });
    expect(later.joinCode).not.toBe(created.joinCode);

    const groups = expectStatus(await server.api<GroupListItem[]>('GET', '/groups', { session }), 200);
    expect(groups.map((g) => [g.name, g.meetingCount])).toEqual([
      ['Advent na náměstí', 0],
      ['Zelené Žabovřesky', 2],
    ]);
    expect(groups.find((g) => g.id === other.id)).toBeDefined();

    const detail = expectStatus(await server.api<GroupDetail>('GET', `/groups/${group.id}`, { session }), 200);
    expect(detail.meetings.map((m) => m.title).sort()).toEqual(['Druhé setkání', 'Úvodní setkání']);
    const meetings = expectStatus(await server.api<MeetingSummary[]>('GET', `/groups/${group.id}/meetings`, { session }), 200);
    expect(meetings).toEqual(detail.meetings);
    // A listing never leaks the secret keys.
    expect(JSON.stringify(detail)).not.toContain(created.keys.facilitator!);

    expect((await server.api('GET', '/groups/AAAAAAAAAAAAAAAAAAAAAA', { session })).status).toBe(404);
    const missing = await server.api('POST', '/groups/AAAAAAAAAAAAAAAAAAAAAA/meetings', {
      session,
      body: { title: 'x', startsAt: '2026-11-24T17:00' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('manages the agenda: add, list, reorder, rename, open and close, remove', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const key = fixture.keys.facilitator;
    const base = `/meetings/${fixture.meetingId}`;

    const a = await addNotesBoard(server, fixture, { title: 'A' });
    const b = await addNotesBoard(server, fixture, { title: 'B' });
    const c = await addNotesBoard(server, fixture, { title: 'C' });
    expect([a, b, c].map((x) => [x.title, x.position, x.status, x.kind])).toEqual([
      ['A', 0, 'draft', 'notes'],
      ['B', 1, 'draft', 'notes'],
      ['C', 2, 'draft', 'notes'],
    ]);

    const titles = async () =>
      expectStatus(await server.api<MeetingDetail>('GET', base, { key }), 200).boards.map((x) => x.title);
    expect(await titles()).toEqual(['A', 'B', 'C']);

    const reordered = expectStatus(
      await server.api<Board[]>('PUT', `${base}/boards/order`, { key, body: { boardIds: [c.id, a.id, b.id] } }),
      200,
    );
    expect(reordered.map((x) => [x.title, x.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    expect(await titles()).toEqual(['C', 'A', 'B']);

    // A reorder must name every board exactly once.
    for (const boardIds of [[c.id, a.id], [c.id, a.id, a.id], [c.id, a.id, b.id, 'AAAAAAAAAAAAAAAAAAAAAA']]) {
      const bad = await server.api('PUT', `${base}/boards/order`, { key, body: { boardIds } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('boardIds');
      expect(bad.body.error.field).toBe('body.boardIds');
    }
    expect(await titles()).toEqual(['C', 'A', 'B']);

    const renamed = expectStatus(
      await server.api<Board>('PATCH', `${base}/boards/${a.id}`, { key, body: { title: '  Nový   název ' } }),
      200,
    );
    expect(renamed).toMatchObject({ id: a.id, title: 'Nový název', status: 'draft' });
    const closedBoard = expectStatus(await server.api<Board>('PATCH', `${base}/boards/${a.id}`, { key, body: { status: 'closed' } }), 200);
    expect(closedBoard.status).toBe('closed');

    const removed = await server.api('DELETE', `${base}/boards/${b.id}`, { key });
    expect(removed.status).toBe(204);
    expect(await titles()).toEqual(['C', 'Nový název']);
    expect((await server.api('DELETE', `${base}/boards/${b.id}`, { key })).status).toBe(404);
    expect((await server.api('PATCH', `${base}/boards/${b.id}`, { key, body: { title: 'x' } })).status).toBe(404);

    // The meeting's summary counts its boards.
    const summary = expectStatus(
      await server.api<MeetingSummary[]>('GET', `/groups/${fixture.group.id}/meetings`, { session: await loginAsAdmin(server) }),
      200,
    );
    expect(summary[0]!.boardCount).toBe(2);
  });

  it('switches the live board; a draft board goes open; removing the live board stops it', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const a = await addNotesBoard(server, fixture, { title: 'A' });
    const b = await addNotesBoard(server, fixture, { title: 'B' });

    let meeting = await makeLive(server, fixture, a.id);
    expect(meeting.liveBoardId).toBe(a.id);
    expect(meeting.boards.find((x) => x.id === a.id)!.status).toBe('open');
    expect(meeting.boards.find((x) => x.id === b.id)!.status).toBe('draft');

    meeting = await makeLive(server, fixture, b.id);
    expect(meeting.liveBoardId).toBe(b.id);
    expect(meeting.boards.map((x) => x.status)).toEqual(['open', 'open']);

    meeting = await makeLive(server, fixture, null);
    expect(meeting.liveBoardId).toBeNull();

    // A closed board stays closed when shown again (results on screen, no more answers).
    await server.api('PATCH', `/meetings/${fixture.meetingId}/boards/${a.id}`, { key: fixture.keys.facilitator, body: { status: 'closed' } });
    meeting = await makeLive(server, fixture, a.id);
    expect(meeting.boards.find((x) => x.id === a.id)!.status).toBe('closed');

    // Another meeting's board cannot be made live here.
    const other = await createMeeting(server, { group: fixture.group });
    const foreign = await addNotesBoard(server, other);
    const refused = await server.api('PATCH', `/meetings/${fixture.meetingId}`, {
      key: fixture.keys.facilitator,
      body: { liveBoardId: foreign.id },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('body.liveBoardId');

    expect((await server.api('DELETE', `/meetings/${fixture.meetingId}/boards/${a.id}`, { key: fixture.keys.facilitator })).status).toBe(204);
    const after = expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${fixture.meetingId}`, { key: fixture.keys.screen }), 200);
    expect(after.liveBoardId).toBeNull();
    expect(after.boards.map((x) => x.id)).toEqual([b.id]);
  });

  it('edits the meeting itself', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const updated = expectStatus(
      await server.api<MeetingDetail>('PATCH', `/meetings/${fixture.meetingId}`, {
        key: fixture.keys.facilitator,
        body: { title: 'Přesunuto', place: 'Knihovna', startsAt: '2026-12-01T18:30' },
      }),
      200,
    );
    expect(updated).toMatchObject({ title: 'Přesunuto', place: 'Knihovna', startsAt: '2026-12-01T18:30' });
    const empty = await server.api('PATCH', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator, body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('validation errors name the field', () => {
  const cases: { name: string; path: (s: Setup) => string; method: string; body: unknown; field: string; key?: boolean }[] = [
    { name: 'missing group name', method: 'POST', path: () => '/groups', body: {}, field: 'body.name' },
    { name: 'blank group name', method: 'POST', path: () => '/groups', body: { name: '   ' }, field: 'body.name' },
    { name: 'group name too long', method: 'POST', path: () => '/groups', body: { name: 'x'.repeat(121) }, field: 'body.name' },
    { name: 'group name of the wrong type', method: 'POST', path: () => '/groups', body: { name: 42 }, field: 'body.name' },
    {
      name: 'meeting date in the wrong format',
      method: 'POST',
      path: (s) => `/groups/${s.groupId}/meetings`,
      body: { title: 'x', startsAt: '24. 11. 2026' },
      field: 'body.startsAt',
    },
    {
      name: 'meeting date that does not exist',
      method: 'POST',
      path: (s) => `/groups/${s.groupId}/meetings`,
      body: { title: 'x', startsAt: '2026-02-31T25:00' },
      field: 'body.startsAt',
    },
    {
      name: 'meeting without title',
      method: 'POST',
      path: (s) => `/groups/${s.groupId}/meetings`,
      body: { startsAt: '2026-11-24T17:00' },
      field: 'body.title',
    },
    {
      name: 'unknown board kind',
      method: 'POST',
      path: (s) => `/meetings/${s.meetingId}/boards`,
      body: { kind: 'tarot', title: 'x' },
      field: 'body.kind',
      key: true,
    },
    {
      name: 'board settings out of range',
      method: 'POST',
      path: (s) => `/meetings/${s.meetingId}/boards`,
      body: { kind: 'notes', title: 'x', settings: { notesPerParticipant: 0 } },
      field: 'body.settings.notesPerParticipant',
      key: true,
    },
    {
      name: 'board status not known',
      method: 'PATCH',
      path: (s) => `/meetings/${s.meetingId}/boards/${s.boardId}`,
      body: { status: 'paused' },
      field: 'body.status',
      key: true,
    },
    {
      name: 'live board id that is not an id',
      method: 'PATCH',
      path: (s) => `/meetings/${s.meetingId}`,
      body: { liveBoardId: '../etc' },
      field: 'body.liveBoardId',
      key: true,
    },
    { name: 'path id that is not an id', method: 'GET', path: () => '/groups/not*an*id', body: undefined, field: 'params.groupId' },
    { name: 'join code of five digits', method: 'POST', path: () => '/join', body: { code: '12345' }, field: 'body.code' },
  ];

  interface Setup {
    groupId: string;
    meetingId: string;
    boardId: string;
    key: string;
  }

  it.each(cases)('$name → 400 $field', async ({ method, path, body, field, key }) => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await addNotesBoard(server, fixture);
    const setup: Setup = { groupId: fixture.group.id, meetingId: fixture.meetingId, boardId: board.id, key: fixture.keys.facilitator };
    const reply = await server.api(method, path(setup), { body, session: await loginAsAdmin(server), ...(key ? { key: setup.key } : {}) });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.body.error.code).toBe('bad_request');
    expect(reply.body.error.field).toBe(field);
    expect(reply.body.error.message).toContain(field.split('.').at(-1));
  });
});

describe('HTTP errors are JSON', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer(resources);
  });

  it('malformed JSON → 400', async () => {
    const reply = await server.api('POST', '/groups', { raw: '{"name": "Nedokončené' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'bad_request', message: 'the body is not valid JSON' });
    // The server is fine afterwards.
    expect((await server.api('GET', '/health')).status).toBe(200);
  });

  it('a body that is not JSON at all → 4xx JSON error', async () => {
    const reply = await server.api('POST', '/groups', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('bad_request');
  });

  it('unknown routes → JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/groups/x/y/z'],
      ['DELETE', '/groups'],
    ] as const) {
      const reply = await server.api(method, path, method === 'POST' ? { body: {} } : {});
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
    // Without a built web app, non-API paths are JSON 404s too (no HTML, no crash).
    const res = await fetch(`${server.origin}/some/page`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('a body over 64 KiB → 413', async () => {
    const session = await loginAsAdmin(server);
    const reply = await server.api('POST', '/groups', { session, raw: JSON.stringify({ name: 'x', description: 'y'.repeat(70 * 1024) }) });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
    // Just under the limit is parsed (and then refused by the schema, which caps the description).
    const under = await server.api('POST', '/groups', { session, raw: JSON.stringify({ name: 'x', description: 'y'.repeat(60 * 1024) }) });
    expect(under.status).toBe(400);
    expect(under.body.error.field).toBe('body.description');
    expect((await server.api<GroupListItem[]>('GET', '/groups', { session })).body).toEqual([]);
  });
});

describe('access by secret link', () => {
  it('no key or a wrong key → 401; a weaker key → 403; an unknown meeting → 404', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const other = await createMeeting(server, { group: fixture.group });
    const board = await addNotesBoard(server, fixture);
    const base = `/meetings/${fixture.meetingId}`;

    for (const key of [undefined, '', 'wrong-key', other.keys.facilitator, fixture.keys.facilitator.slice(0, -1)]) {
      const reply = await server.api('GET', base, key === undefined ? {} : { key });
      expect(reply.status, `key ${key}`).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
    const wrong = await server.api('PATCH', base, { key: other.keys.facilitator, body: { title: 'Unesený' } });
    expect(wrong.status).toBe(401);

    const facilitatorActions: [string, string, unknown][] = [
      ['PATCH', base, { title: 'Jiný' }],
      ['PATCH', base, { liveBoardId: board.id }],
      ['POST', `${base}/boards`, { kind: 'notes', title: 'x' }],
      ['PATCH', `${base}/boards/${board.id}`, { status: 'closed' }],
      ['PUT', `${base}/boards/order`, { boardIds: [board.id] }],
      ['DELETE', `${base}/boards/${board.id}`, undefined],
    ];
    for (const role of ['screen', 'editor'] as const) {
      for (const [method, path, body] of facilitatorActions) {
        const reply = await server.api(method, path, { key: fixture.keys[role], body });
        expect(reply.status, `${role} ${method} ${path}`).toBe(403);
        expect(reply.body.error.code).toBe('forbidden');
      }
    }
    // Nothing changed.
    const meeting = expectStatus(await server.api<MeetingDetail>('GET', base, { key: fixture.keys.facilitator }), 200);
    expect(meeting).toMatchObject({ title: fixture.meeting.title, liveBoardId: null });
    expect(meeting.boards).toEqual([board]);

    expect((await server.api('GET', '/meetings/AAAAAAAAAAAAAAAAAAAAAA', { key: fixture.keys.facilitator })).status).toBe(404);
  });

  it('each link sees its role and only the links below it', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const get = async (key: string) =>
      expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${fixture.meetingId}`, { key }), 200);

    const asFacilitator = await get(fixture.keys.facilitator);
    expect(asFacilitator.role).toBe('facilitator');
    expect(asFacilitator.keys).toEqual(fixture.keys);

    const asEditor = await get(fixture.keys.editor);
    expect(asEditor.role).toBe('editor');
    expect(asEditor.keys).toEqual({ editor: fixture.keys.editor, screen: fixture.keys.screen });

    const asScreen = await get(fixture.keys.screen);
    expect(asScreen.role).toBe('screen');
    expect(asScreen.keys).toEqual({ screen: fixture.keys.screen });
    expect(JSON.stringify(asScreen)).not.toContain(fixture.keys.facilitator);
    expect(JSON.stringify(asScreen)).not.toContain(fixture.keys.editor);
  });
});

describe('OpenAPI', () => {
  it('documents every route of the API', async () => {
    const server = await startServer(resources);
    const doc = expectStatus(
      await server.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json'),
      200,
    );
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/session',
        'POST /api/session',
        'DELETE /api/session',
        'PUT /api/session/password',
        'GET /api/accounts',
        'POST /api/accounts',
        'PATCH /api/accounts/{userId}',
        'GET /api/groups/{groupId}/members',
        'PUT /api/groups/{groupId}/members/{userId}',
        'DELETE /api/groups/{groupId}/members/{userId}',
        'GET /api/info',
        'GET /api/groups',
        'POST /api/groups',
        'GET /api/groups/{groupId}',
        'GET /api/groups/{groupId}/meetings',
        'GET /api/groups/{groupId}/search',
        'POST /api/groups/{groupId}/meetings',
        'GET /api/groups/{groupId}/archive',
        'GET /api/boards/{boardId}/snapshots',
        'GET /api/boards/{boardId}/docs',
        'GET /api/groups/{groupId}/export.zip',
        'GET /api/groups/{groupId}/retention',
        'PUT /api/groups/{groupId}/retention',
        'GET /api/groups/{groupId}/boards',
        'GET /api/groups/{groupId}/compare',
        'POST /api/meetings/{meetingId}/boards/continue',
        'GET /api/meetings/{meetingId}',
        'PATCH /api/meetings/{meetingId}',
        'DELETE /api/meetings/{meetingId}',
        'GET /api/meetings/{meetingId}/minutes.md',
        'GET /api/meetings/{meetingId}/minutes.docx',
        'GET /api/meetings/{meetingId}/minutes.html',
        'POST /api/meetings/{meetingId}/boards',
        'PUT /api/meetings/{meetingId}/boards/order',
        'PATCH /api/meetings/{meetingId}/boards/{boardId}',
        'DELETE /api/meetings/{meetingId}/boards/{boardId}',
        'POST /api/meetings/{meetingId}/boards/{boardId}/reset',
        'GET /api/meetings/{meetingId}/boards/{boardId}/results.csv',
        'GET /api/meetings/{meetingId}/boards/{boardId}/seats',
        'PATCH /api/meetings/{meetingId}/boards/{boardId}/seats/{seatId}',
        'GET /api/meetings/{meetingId}/boards/{boardId}/tables',
        'POST /api/join',
        'GET /api/meetings/{meetingId}/me',
        'PUT /api/meetings/{meetingId}/me',
        'GET /api/plans',
        'POST /api/plans',
        'GET /api/plans/{planId}',
        'PATCH /api/plans/{planId}',
        'DELETE /api/plans/{planId}',
        'GET /api/boards/{boardId}/promotable',
        'POST /api/plans/{planId}/promote',
        'GET /api/plans/{planId}/export',
        'GET /api/catalogues',
        'POST /api/catalogues/{catalogue}/entries',
        'PATCH /api/catalogues/{catalogue}/entries/{entryId}',
      ].sort(),
    );
    const createGroupOp = doc.paths['/api/groups']!.post as { requestBody?: unknown };
    expect(JSON.stringify(createGroupOp.requestBody)).toContain('"name"');
  });
});
