/**
 * The authorization matrix: every REST operation the OpenAPI document lists, every Yjs room type and
 * the phone socket, tried with every kind of credential. A route added without an expectation here
 * fails the first test, so nobody can forget to decide who may call it.
 */
import { describe, expect, it } from 'vitest';
import { goToRound } from '@dilna/shared/boards/cafe/index';
import { rooms, type Board, type BoardHistory, type MeetingDetail, type ParsedRoom, type Plan, type PromotableReply, type SeatingList, type TableLinks } from '@dilna/shared';
import {
  addNotesBoard,
  addToGroup,
  connectBoard,
  connectPhone,
  connectYjs,
  createMeeting,
  createUser,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  openRawYjs,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
  type ApiRequest,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

/**
 * Secret links and a participant's cookie, then logins: an account outside the meeting's group, a
 * member and a facilitator of the group, the administrator.
 */
const credentials = [
  'none',
  'wrong',
  'foreign',
  'participant',
  'table',
  'screen',
  'editor',
  'outsider',
  'member',
  'groupFacilitator',
  'admin',
  'facilitator',
] as const;
type Credential = (typeof credentials)[number];
/** A success status is recorded as 'ok'; refusals by their status. */
type Outcome = 'ok' | 400 | 401 | 403 | 404;
type Login = Extract<Credential, 'outsider' | 'member' | 'groupFacilitator' | 'admin'>;
const logins: Login[] = ['outsider', 'member', 'groupFacilitator', 'admin'];
const isLogin = (credential: Credential): credential is Login => (logins as Credential[]).includes(credential);
const PASSWORD = 'matrix-password-123';

/** A meeting with every kind of board and credential: a live note wall, a café with a seated participant. */
async function world(server: ServerTarget) {
  const fixture = await createMeeting(server);
  const other = await createMeeting(server, { group: fixture.group });
  const notesBoard = await addNotesBoard(server, fixture);
  const spareBoard = await addNotesBoard(server, fixture, { title: 'Na smazání' });
  const cafeBoard = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'cafe', title: 'World café', settings: { tables: 2, questions: ['Jak financovat síť?'] } },
    }),
    201,
  );
  const participant = await join(server, fixture.joinCode);
  await makeLive(server, fixture, cafeBoard.id);
  await connectPhone(resources, server, fixture.meetingId, participant.cookie);
  const cafeEditor = await connectBoard(resources, server, cafeBoard.id, fixture.keys.facilitator);
  goToRound(cafeEditor.doc, 1);
  await roundTrip(cafeEditor);
  const base = `/meetings/${fixture.meetingId}/boards/${cafeBoard.id}`;
  const seatId = await waitUntil(
    async () => {
      const list = expectStatus(await server.api<SeatingList>('GET', `${base}/seats`, { key: fixture.keys.facilitator }), 200);
      return list.people.find((p) => p.seatId)?.seatId;
    },
    { message: 'the participant to be seated' },
  );
  const tableLinks = expectStatus(await server.api<TableLinks>('GET', `${base}/tables`, { key: fixture.keys.facilitator }), 200);
  const outsider = await createUser(server, 'outsider', { password: PASSWORD });
  const member = await createUser(server, 'member', { password: PASSWORD });
  await addToGroup(server, fixture.group.id, member, 'member');
  const groupFacilitator = await createUser(server, 'facilitator', { password: PASSWORD });
  await addToGroup(server, fixture.group.id, groupFacilitator, 'facilitator');
  // An account the administrator's calls change: nobody else's credentials depend on it.
  const spare = await createUser(server, 'spare', { password: PASSWORD });
  const admin = await loginAsAdmin(server);
  // The snapshot taken when the café went live.
  const cafeOpened = expectStatus(await server.api<BoardHistory>('GET', `/boards/${cafeBoard.id}/snapshots`, { session: admin }), 200).snapshots[0]!.id;
  // A meeting each login may try to delete (sessions end before that call: made now).
  const meetingToDelete = Object.fromEntries(
    await Promise.all(logins.map(async (login) => [login, (await createMeeting(server, { group: fixture.group })).meetingId] as const)),
  ) as Record<Login, string>;
  const plan = (groupId: string | null, title: string) =>
    server.api<Plan>('POST', '/plans', { session: admin, body: { title, period: '2023–2027', groupId } }).then((reply) => expectStatus(reply, 201));
  const groupPlan = await plan(fixture.group.id, 'Plán skupiny');
  const communityPlan = await plan(null, 'Komunitní plán');
  const planToDelete = Object.fromEntries(
    await Promise.all(logins.map(async (login) => [login, (await plan(fixture.group.id, `Na smazání (${login})`)).id] as const)),
  ) as Record<Login, string>;
  const dotsBoard = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'dots', title: 'Priority', settings: { sections: [{ title: 'Priority', items: ['Odlehčovací služby'] }] } },
    }),
    201,
  );
  // A board of the meeting works on the group's plan: the meeting's links then open the plan too.
  expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      session: admin,
      body: { kind: 'plan', title: 'Karty plánu', settings: { planId: groupPlan.id } },
    }),
    201,
  );
  const [dotItem] = expectStatus(await server.api<PromotableReply>('GET', `/boards/${dotsBoard.id}/promotable`, { session: admin }), 200).items;
  const keyOf: Record<Credential, ApiRequest> = {
    none: {},
    wrong: { key: 'not-a-key-of-anything' },
    foreign: { key: other.keys.facilitator },
    participant: { cookie: participant.cookie },
    table: { key: tableLinks[0]!.key },
    screen: { key: fixture.keys.screen },
    editor: { key: fixture.keys.editor },
    outsider: { session: outsider },
    member: { session: member },
    groupFacilitator: { session: groupFacilitator },
    admin: { session: admin },
    facilitator: { key: fixture.keys.facilitator },
  };
  return {
    server,
    fixture,
    other,
    notesBoard,
    spareBoard,
    cafeBoard,
    dotsBoard,
    dotItemId: dotItem!.itemId,
    cafeOpened,
    seatId,
    tableLinks,
    keyOf,
    spare,
    meetingToDelete,
    groupPlan,
    communityPlan,
    planToDelete,
  };
}
type World = Awaited<ReturnType<typeof world>>;

interface Operation {
  /** The path with its parameters filled in, and a body the allowed roles succeed with (for this credential). */
  request(w: World, credential: Credential): { path: string; body?: unknown } | Promise<{ path: string; body?: unknown }>;
  expected: Record<Credential, Outcome>;
}

const everyone = Object.fromEntries(credentials.map((c) => [c, 'ok'])) as Record<Credential, Outcome>;
const nobody = Object.fromEntries(credentials.map((c) => [c, 401])) as Record<Credential, Outcome>;
const participantOnly: Record<Credential, Outcome> = { ...nobody, participant: 'ok' };
/** Account routes: links and cookies are no login (401); each login as given. */
const forLogins = (outcomes: Record<Login, Outcome>): Record<Credential, Outcome> => ({ ...nobody, ...outcomes });
/** What a group's accounts read; an account outside the group does not learn that it exists. */
const groupAccounts = forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' });
const adminOnly = forLogins({ outsider: 403, member: 403, groupFacilitator: 403, admin: 'ok' });
/**
 * Meeting routes: keys that are not this meeting's links get 401, weaker links 403. A login is no
 * key (401) unless the route also takes one: then an account outside the group gets 404 (it does
 * not learn that the meeting exists), inside it as given.
 */
function links(allowed: ('screen' | 'editor' | 'facilitator')[], inGroup?: Record<'member' | 'groupFacilitator', Outcome>): Record<Credential, Outcome> {
  const outcome = (role: 'screen' | 'editor' | 'facilitator'): Outcome => (allowed.includes(role) ? 'ok' : 403);
  return {
    ...nobody,
    screen: outcome('screen'),
    editor: outcome('editor'),
    facilitator: outcome('facilitator'),
    ...(inGroup ? { outsider: 404, ...inGroup, admin: 'ok' } : {}),
  };
}

const meetingPath = (w: World) => `/meetings/${w.fixture.meetingId}`;
const boardPath = (w: World, board = w.notesBoard) => `${meetingPath(w)}/boards/${board.id}`;

const comparedBoards = new WeakMap<World, Promise<string[]>>();
/** Two dot votes in the other meeting of the group (made once: the meeting the matrix watches stays as it was). */
const dotVotesToCompare = (w: World) => {
  const made =
    comparedBoards.get(w) ??
    Promise.all(
      ['Priority 2025', 'Priority 2026'].map(async (title) => {
        const body = { kind: 'dots', title, settings: { sections: [{ title: 'Priority', items: ['Doprava'] }] } };
        return expectStatus(await w.server.api<Board>('POST', `/meetings/${w.other.meetingId}/boards`, { key: w.other.keys.facilitator, body }), 201).id;
      }),
    );
  comparedBoards.set(w, made);
  return made;
};

const operations: Record<string, Operation> = {
  'GET /api/health': { request: () => ({ path: '/health' }), expected: everyone },
  'GET /api/info': { request: () => ({ path: '/info' }), expected: everyone },
  // Each login lists its own groups.
  'GET /api/groups': { request: () => ({ path: '/groups' }), expected: forLogins({ outsider: 'ok', member: 'ok', groupFacilitator: 'ok', admin: 'ok' }) },
  'POST /api/groups': { request: () => ({ path: '/groups', body: { name: 'Senioři' } }), expected: adminOnly },
  'GET /api/groups/{groupId}': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/meetings': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/meetings` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/search': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/search?q=${encodeURIComponent('Jak financovat')}` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'POST /api/groups/{groupId}/meetings': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/meetings`, body: { title: 'Další', startsAt: '2026-12-01T17:00', place: 'Radnice' } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/archive': { request: (w) => ({ path: `/groups/${w.fixture.group.id}/archive` }), expected: groupAccounts },
  'GET /api/boards/{boardId}/snapshots': { request: (w) => ({ path: `/boards/${w.cafeBoard.id}/snapshots` }), expected: groupAccounts },
  'GET /api/boards/{boardId}/docs': {
    request: (w) => ({ path: `/boards/${w.cafeBoard.id}/docs?snapshot=${w.cafeOpened}` }),
    expected: groupAccounts,
  },
  'GET /api/groups/{groupId}/export.zip': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/export.zip` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/retention': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/retention` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'PUT /api/groups/{groupId}/retention': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/retention`, body: { days: 730 } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'POST /api/join': { request: (w) => ({ path: '/join', body: { code: w.fixture.joinCode } }), expected: everyone },
  'GET /api/meetings/{meetingId}/me': { request: (w) => ({ path: `${meetingPath(w)}/me` }), expected: participantOnly },
  'PUT /api/meetings/{meetingId}/me': {
    request: (w) => ({ path: `${meetingPath(w)}/me`, body: { name: 'Jana', organisation: 'Diakonie' } }),
    expected: participantOnly,
  },
  // A facilitator of the group gets the meeting with its keys in any browser; a member does not.
  'GET /api/meetings/{meetingId}': {
    request: (w) => ({ path: meetingPath(w) }),
    expected: links(['screen', 'editor', 'facilitator'], { member: 403, groupFacilitator: 'ok' }),
  },
  'PATCH /api/meetings/{meetingId}': { request: (w) => ({ path: meetingPath(w), body: { title: 'Přejmenováno' } }), expected: links(['facilitator']) },
  'POST /api/meetings/{meetingId}/boards': {
    request: (w) => ({ path: `${meetingPath(w)}/boards`, body: { kind: 'notes', title: 'Nová' } }),
    expected: links(['facilitator']),
  },
  'PUT /api/meetings/{meetingId}/boards/order': {
    // The agenda as it is by now (the facilitator's own calls add and remove boards), reversed.
    request: async (w) => {
      const { boards } = expectStatus(await w.server.api<MeetingDetail>('GET', meetingPath(w), { key: w.fixture.keys.facilitator }), 200);
      return { path: `${meetingPath(w)}/boards/order`, body: { boardIds: boards.map((b) => b.id).reverse() } };
    },
    expected: links(['facilitator']),
  },
  'PATCH /api/meetings/{meetingId}/boards/{boardId}': {
    request: (w) => ({ path: boardPath(w), body: { title: 'Přejmenovaná' } }),
    expected: links(['facilitator']),
  },
  'DELETE /api/meetings/{meetingId}/boards/{boardId}': { request: (w) => ({ path: boardPath(w, w.spareBoard) }), expected: links(['facilitator']) },
  'POST /api/meetings/{meetingId}/boards/{boardId}/reset': {
    request: (w) => ({ path: `${boardPath(w)}/reset`, body: { scope: '' } }),
    expected: links(['facilitator']),
  },
  'GET /api/meetings/{meetingId}/boards/{boardId}/results.csv': {
    request: (w) => ({ path: `${boardPath(w)}/results.csv` }),
    expected: links(['editor', 'facilitator']),
  },
  'GET /api/meetings/{meetingId}/boards/{boardId}/seats': {
    request: (w) => ({ path: `${boardPath(w, w.cafeBoard)}/seats` }),
    expected: links(['facilitator']),
  },
  'PATCH /api/meetings/{meetingId}/boards/{boardId}/seats/{seatId}': {
    request: (w) => ({ path: `${boardPath(w, w.cafeBoard)}/seats/${w.seatId}`, body: { host: true } }),
    expected: links(['facilitator']),
  },
  'GET /api/meetings/{meetingId}/boards/{boardId}/tables': {
    request: (w) => ({ path: `${boardPath(w, w.cafeBoard)}/tables` }),
    expected: links(['facilitator']),
  },
  'GET /api/meetings/{meetingId}/minutes.md': {
    request: (w) => ({ path: `${meetingPath(w)}/minutes.md` }),
    expected: links(['editor', 'facilitator'], { member: 'ok', groupFacilitator: 'ok' }),
  },
  'GET /api/meetings/{meetingId}/minutes.html': {
    request: (w) => ({ path: `${meetingPath(w)}/minutes.html` }),
    expected: links(['editor', 'facilitator'], { member: 'ok', groupFacilitator: 'ok' }),
  },
  'GET /api/meetings/{meetingId}/minutes.docx': {
    request: (w) => ({ path: `${meetingPath(w)}/minutes.docx` }),
    expected: links(['editor', 'facilitator'], { member: 'ok', groupFacilitator: 'ok' }),
  },
  // Continuing reads the group's archive: a login of a facilitator of the group, never a link alone.
  'POST /api/meetings/{meetingId}/boards/continue': {
    request: (w) => ({ path: `/meetings/${w.other.meetingId}/boards/continue`, body: { fromBoardId: w.notesBoard.id, votes: 'reference' } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/boards': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/boards` }),
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/groups/{groupId}/compare': {
    request: async (w) => {
      const [a, b] = await dotVotesToCompare(w);
      return { path: `/groups/${w.fixture.group.id}/compare?a=${a}&b=${b}` };
    },
    expected: forLogins({ outsider: 404, member: 'ok', groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/session': { request: () => ({ path: '/session' }), expected: everyone },
  'POST /api/session': { request: () => ({ path: '/session', body: { login: 'spare', password: PASSWORD } }), expected: everyone },
  // Anyone changes their own password, knowing the current one (the administrator's is another).
  'PUT /api/session/password': {
    request: () => ({ path: '/session/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
    expected: forLogins({ outsider: 'ok', member: 'ok', groupFacilitator: 'ok', admin: 403 }),
  },
  'GET /api/accounts': { request: () => ({ path: '/accounts' }), expected: adminOnly },
  'POST /api/accounts': {
    request: () => ({ path: '/accounts', body: { login: 'novacek', name: 'Nováček', password: PASSWORD } }),
    expected: adminOnly,
  },
  'PATCH /api/accounts/{userId}': { request: (w) => ({ path: `/accounts/${w.spare.user.id}`, body: { name: 'Náhradník' } }), expected: adminOnly },
  'GET /api/groups/{groupId}/members': { request: (w) => ({ path: `/groups/${w.fixture.group.id}/members` }), expected: adminOnly },
  'PUT /api/groups/{groupId}/members/{userId}': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/members/${w.spare.user.id}`, body: { role: 'member' } }),
    expected: adminOnly,
  },
  'DELETE /api/groups/{groupId}/members/{userId}': {
    request: (w) => ({ path: `/groups/${w.fixture.group.id}/members/${w.spare.user.id}` }),
    expected: adminOnly,
  },
  'GET /api/plans': { request: () => ({ path: '/plans' }), expected: forLogins({ outsider: 'ok', member: 'ok', groupFacilitator: 'ok', admin: 'ok' }) },
  // A group's plan by its facilitators; the community's by administrators.
  'POST /api/plans': {
    request: (w) => ({ path: '/plans', body: { title: 'Nový plán', groupId: w.fixture.group.id } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/plans/{planId}': { request: (w) => ({ path: `/plans/${w.groupPlan.id}` }), expected: groupAccounts },
  'PATCH /api/plans/{planId}': {
    request: (w) => ({ path: `/plans/${w.groupPlan.id}`, body: { period: '2024–2028' } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/boards/{boardId}/promotable': { request: (w) => ({ path: `/boards/${w.dotsBoard.id}/promotable` }), expected: groupAccounts },
  'POST /api/plans/{planId}/promote': {
    request: (w) => ({ path: `/plans/${w.groupPlan.id}/promote`, body: { boardId: w.dotsBoard.id, itemId: w.dotItemId, as: 'card', goalId: null } }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  'GET /api/plans/{planId}/export': { request: (w) => ({ path: `/plans/${w.groupPlan.id}/export?format=docx` }), expected: groupAccounts },
  'GET /api/catalogues': { request: () => ({ path: '/catalogues' }), expected: everyone },
  'POST /api/catalogues/{catalogue}/entries': {
    request: () => ({ path: '/catalogues/targetGroups/entries', body: { code: 'M', label: 'Mládež' } }),
    expected: adminOnly,
  },
  'PATCH /api/catalogues/{catalogue}/entries/{entryId}': {
    request: () => ({ path: '/catalogues/serviceKinds/entries/sk-44', body: { labelEn: 'Respite services' } }),
    expected: adminOnly,
  },
  // Each login tries a plan of its own: a successful deletion leaves the others' plans alone.
  'DELETE /api/plans/{planId}': {
    request: (w, credential) => ({ path: `/plans/${isLogin(credential) ? w.planToDelete[credential] : w.groupPlan.id}` }),
    expected: forLogins({ outsider: 404, member: 403, groupFacilitator: 'ok', admin: 'ok' }),
  },
  // Late: the facilitator's call deletes the meeting every other operation works on; each login tries a meeting of its own.
  'DELETE /api/meetings/{meetingId}': {
    request: (w, credential) => ({ path: isLogin(credential) ? `/meetings/${w.meetingToDelete[credential]}` : meetingPath(w) }),
    expected: links(['facilitator'], { member: 403, groupFacilitator: 'ok' }),
  },
  // Then logging out ends the credential's session for the rest of its calls.
  'DELETE /api/session': { request: () => ({ path: '/session' }), expected: everyone },
};

describe('authorization matrix', () => {
  it('every REST operation answers each credential as expected, and refused writes change nothing', async () => {
    const server = await startServer(resources);
    const doc = expectStatus(await server.api<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json'), 200);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(Object.keys(operations).sort(), 'every documented operation needs an expectation in this matrix').toEqual(documented.sort());

    const w = await world(server);
    const snapshot = async () => ({
      meeting: expectStatus(await server.api<MeetingDetail>('GET', meetingPath(w), { key: w.fixture.keys.facilitator }), 200),
      // Joining and profiles are open to everyone; where people sit and who hosts is the facilitator's.
      seats: expectStatus(await server.api<SeatingList>('GET', `${boardPath(w, w.cafeBoard)}/seats`, { key: w.fixture.keys.facilitator }), 200)
        .people.filter((p) => p.seatId)
        .map(({ seatId, table, host }) => ({ seatId, table, host })),
    });
    const before = await snapshot();

    const actual: Record<string, Partial<Record<Credential, Outcome | number>>> = {};
    const expected: Record<string, Record<Credential, Outcome>> = {};
    // The facilitator goes last: its writes succeed, and everything before it must have changed nothing.
    for (const credential of credentials) {
      if (credential === 'facilitator') expect(await snapshot(), 'state after every refused write').toEqual(before);
      for (const [operation, { request, expected: outcomes }] of Object.entries(operations)) {
        const method = operation.split(' ')[0]!;
        const { path, body } = await request(w, credential);
        const reply = await server.api(method, path, { ...w.keyOf[credential], ...(body === undefined ? {} : { body }) });
        if (reply.status >= 400) expect(reply.body.error, `${credential} ${operation}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        (actual[operation] ??= {})[credential] = reply.status < 300 ? 'ok' : reply.status;
        expected[operation] = outcomes;
      }
    }
    expect(actual).toEqual(expected);
  });

  it('every Yjs room type opens, reads and writes only for the credentials that should', async () => {
    const server = await startServer(resources);
    const w = await world(server);
    const [ownTable, otherTable] = w.tableLinks;
    type Access = 401 | 403 | 404 | 'read' | 'write';
    // Rooms open by a meeting's link only; a login alone opens none.
    const readOnlyForLinks = (screen: Access, writers: Access): Record<Credential, Access> => ({
      ...(Object.fromEntries(credentials.map((c) => [c, 401])) as Record<Credential, Access>),
      screen,
      editor: writers,
      facilitator: writers,
    });
    const byLogins = Object.fromEntries(credentials.map((c) => [c, 401])) as Record<Credential, Access>;
    const roomsByType: Record<ParsedRoom['type'], { room: string; expected: Record<Credential, Access> }[]> = {
      meeting: [{ room: rooms.meeting(w.fixture.meetingId), expected: readOnlyForLinks('read', 'read') }],
      board: [
        { room: rooms.board(w.notesBoard.id), expected: readOnlyForLinks('read', 'write') },
        { room: rooms.board(w.cafeBoard.id), expected: { ...readOnlyForLinks('read', 'write'), table: 'read' } },
      ],
      table: [
        { room: rooms.table(w.cafeBoard.id, ownTable!.table), expected: { ...readOnlyForLinks('read', 'write'), table: 'write' } },
        { room: rooms.table(w.cafeBoard.id, otherTable!.table), expected: readOnlyForLinks('read', 'write') },
      ],
      // The projector's link reads no minutes: they name the people present.
      minutes: [{ room: rooms.minutes(w.fixture.meetingId), expected: readOnlyForLinks(403, 'write') }],
      // Plans open by a login: a group's plan to its accounts only, the community's to every account;
      // editors write. A board of the meeting works on the group's plan, so the meeting's links open it too.
      plan: [
        {
          room: rooms.plan(w.groupPlan.id),
          expected: { ...readOnlyForLinks('read', 'write'), outsider: 404, member: 'read', groupFacilitator: 'write', admin: 'write' },
        },
        { room: rooms.plan(w.communityPlan.id), expected: { ...byLogins, outsider: 'read', member: 'read', groupFacilitator: 'write', admin: 'write' } },
      ],
    };

    const actual: Record<string, Partial<Record<Credential, Access>>> = {};
    const expected: Record<string, Record<Credential, Access>> = {};
    for (const { room, expected: outcomes } of Object.values(roomsByType).flat()) {
      expected[room] = outcomes;
      const opened: Credential[] = [];
      for (const credential of credentials) {
        const key = w.keyOf[credential].key ?? null;
        const cookie = w.keyOf[credential].session?.cookie ?? w.keyOf[credential].cookie;
        const raw = await openRawYjs(resources, server, room, key, cookie);
        if (raw.status !== undefined) {
          (actual[room] ??= {})[credential] = raw.status as Access;
          continue;
        }
        raw.ws.terminate();
        const client = await connectYjs(resources, server, room, key, cookie ? { cookie } : {});
        client.doc.getMap('authorization-probe').set(credential, true);
        await roundTrip(client);
        client.destroy();
        opened.push(credential);
      }
      // A fresh connection of a writer (the facilitator's link; the administrator for a plan) shows which writes the server kept.
      const reader = room.startsWith('plan:')
        ? await connectYjs(resources, server, room, null, { cookie: w.keyOf.admin.session!.cookie })
        : await connectYjs(resources, server, room, w.fixture.keys.facilitator);
      const written = new Set(reader.doc.getMap('authorization-probe').keys());
      for (const credential of opened) (actual[room] ??= {})[credential] = written.has(credential) ? 'write' : 'read';
      reader.destroy();
    }
    expect(actual).toEqual(expected);
  });

  it('the phone socket admits only a participant of this meeting, whatever links are presented', async () => {
    const server = await startServer(resources);
    const w = await world(server);
    const elsewhere = await join(server, w.other.joinCode);
    const attempts: Record<string, { cookie: string | null; auth?: unknown }> = {
      'no cookie': { cookie: null },
      'no cookie, facilitator key in auth': { cookie: null, auth: { meetingId: w.fixture.meetingId, key: w.fixture.keys.facilitator } },
      'a forged cookie': { cookie: `${w.keyOf.participant.cookie!.split('=')[0]}=forged.signature` },
      "another meeting's participant": { cookie: elsewhere.cookie },
    };
    for (const [what, { cookie, auth }] of Object.entries(attempts)) {
      await expect(connectPhone(resources, server, w.fixture.meetingId, cookie, auth ? { auth } : {}), what).rejects.toThrow('not_joined');
    }
    const phone = await connectPhone(resources, server, w.fixture.meetingId, w.keyOf.participant.cookie!);
    await phone.waitForState((s) => s.live?.id === w.cafeBoard.id);
  });
});
