import { describe, expect, it } from 'vitest';
import { dots } from '@dilna/shared/boards/dots';
import {
  addGoal,
  cardText,
  planView,
  rooms,
  type Board,
  type Catalogues,
  type CatalogueEntry,
  type Plan,
  type PromotableReply,
  type Promotion,
} from '@dilna/shared';
import {
  addToGroup,
  connectBoard,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  eventually,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  newOpId,
  openRawYjs,
  roundTrip,
  startServer,
  storedDoc,
  useResources,
  waitUntil,
  type MeetingFixture,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();

const createPlan = async (server: ServerTarget, session: TestSession, groupId: string | null, title = 'Komunitní plán 2023–2027') =>
  expectStatus(await server.api<Plan>('POST', '/plans', { session, body: { title, period: '2023–2027', groupId } }), 201);

/** A group with a facilitator and a member, an account outside it, and a plan of the group. */
async function groupWithPlan(server: ServerTarget) {
  const fixture = await createMeeting(server);
  const admin = await loginAsAdmin(server);
  const facilitator = await createUser(server, 'jana');
  await addToGroup(server, fixture.group.id, facilitator, 'facilitator');
  const member = await createUser(server, 'petr');
  await addToGroup(server, fixture.group.id, member, 'member');
  const outsider = await createUser(server, 'eva');
  const plan = await createPlan(server, facilitator, fixture.group.id, 'Plán PS Senioři');
  return { fixture, admin, facilitator, member, outsider, plan };
}

describe('plans', () => {
  it('lets a group read its plan and its facilitators edit it; others do not learn it exists', async () => {
    const server = await startServer(resources);
    const { fixture, admin, facilitator, member, outsider, plan } = await groupWithPlan(server);
    expect(plan).toMatchObject({ groupId: fixture.group.id, groupName: fixture.group.name, title: 'Plán PS Senioři', period: '2023–2027', canEdit: true });
    const community = await createPlan(server, admin, null);

    const titles = async (session: TestSession) =>
      expectStatus(await server.api<Plan[]>('GET', '/plans', { session }), 200).map((p) => [p.title, p.canEdit]);
    expect(await titles(member)).toEqual([
      ['Komunitní plán 2023–2027', false],
      ['Plán PS Senioři', false],
    ]);
    // A facilitator of any group edits the community's plan.
    expect(await titles(facilitator)).toEqual([
      ['Komunitní plán 2023–2027', true],
      ['Plán PS Senioři', true],
    ]);
    expect(await titles(outsider)).toEqual([['Komunitní plán 2023–2027', false]]);

    expect((await server.api('GET', `/plans/${plan.id}`, { session: outsider })).status).toBe(404);
    expect((await server.api('GET', `/plans/${plan.id}`)).status).toBe(401);
    expect((await server.api('PATCH', `/plans/${plan.id}`, { session: member, body: { title: 'Jinak' } })).status).toBe(403);
    const renamed = expectStatus(await server.api<Plan>('PATCH', `/plans/${plan.id}`, { session: facilitator, body: { period: '2024–2028' } }), 200);
    expect(renamed).toMatchObject({ title: 'Plán PS Senioři', period: '2024–2028' });

    // Creating: a group's plan by its facilitators; the community's by administrators only.
    expect((await server.api('POST', '/plans', { session: member, body: { title: 'X', groupId: fixture.group.id } })).status).toBe(403);
    expect((await server.api('POST', '/plans', { session: outsider, body: { title: 'X', groupId: fixture.group.id } })).status).toBe(404);
    expect((await server.api('POST', '/plans', { session: facilitator, body: { title: 'X', groupId: null } })).status).toBe(403);
    // A facilitator edits the community's plan but does not delete it.
    expect((await server.api('DELETE', `/plans/${community.id}`, { session: facilitator })).status).toBe(403);
    expect((await server.api('DELETE', `/plans/${community.id}`, { session: admin })).status).toBe(204);
    expect((await server.api('GET', `/plans/${community.id}`, { session: admin })).status).toBe(404);
  });

  it('refuses a plan title that is blank or too long', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    for (const title of ['   ', 'x'.repeat(201)]) {
      const reply = await server.api('POST', '/plans', { session: admin, body: { title, groupId: null } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.field).toBe('body.title');
    }
  });
});

describe('catalogues', () => {
  const entry = (catalogues: Catalogues, id: string) => [...catalogues.targetGroups, ...catalogues.serviceKinds].find((e) => e.id === id);

  it('ship the service kinds and target groups once; the administrator’s edits survive a restart and retired entries still resolve', async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    // Public: a meeting's projector shows the labels without a login.
    const shipped = expectStatus(await server.api<Catalogues>('GET', '/catalogues'), 200);
    expect(shipped.serviceKinds).toHaveLength(33);
    expect(entry(shipped, 'sk-39')).toMatchObject({ code: '39', label: 'Osobní asistence', retired: false });
    expect(shipped.targetGroups.map((e) => e.code).slice(0, 2)).toEqual(['S', 'OZP']);

    const patch = (id: string, body: unknown, catalogue = 'serviceKinds') =>
      server.api<CatalogueEntry>('PATCH', `/catalogues/${catalogue}/entries/${id}`, { session: admin, body });
    expectStatus(await patch('sk-44', { retired: true }), 200);
    expectStatus(await patch('sk-39', { label: 'Osobní asistence a doprovod' }), 200);
    expectStatus(await patch('tg-ozp', { move: -1 }, 'targetGroups'), 200);
    const added = expectStatus(
      await server.api<CatalogueEntry>('POST', '/catalogues/targetGroups/entries', { session: admin, body: { code: 'M', label: 'Mládež 15–26' } }),
      201,
    );
    expect((await patch('tg-s', { label: 'x' }, 'serviceKinds')).status).toBe(404);
    const member = await createUser(server, 'petr');
    expect((await server.api('PATCH', '/catalogues/serviceKinds/entries/sk-45', { session: member, body: { retired: true } })).status).toBe(403);

    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const after = expectStatus(await restarted.api<Catalogues>('GET', '/catalogues'), 200);
    expect(after.serviceKinds).toHaveLength(33);
    expect(entry(after, 'sk-44')).toMatchObject({ label: 'Odlehčovací služby', retired: true });
    expect(entry(after, 'sk-39')!.label).toBe('Osobní asistence a doprovod');
    expect(after.targetGroups.map((e) => e.code)).toEqual([...['OZP', 'S'], ...shipped.targetGroups.slice(2).map((e) => e.code), 'M']);
    expect(entry(after, added.id)).toMatchObject({ label: 'Mládež 15–26', retired: false });
  });
});

/** A live dot vote in the group's meeting with three people's dots on it. */
async function votedDots(server: ServerTarget, fixture: MeetingFixture) {
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'dots', title: 'Priority rozvoje', settings: { sections: [{ title: 'Co chybí', items: ['Odlehčovací služby', 'Doprava'] }] } },
    }),
    201,
  );
  await makeLive(server, fixture, board.id);
  const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
  const [section] = dots.view(screen.doc).sections;
  const itemOf = (text: string) => section!.items.find((i) => i.text === text)!.id;
  for (const text of ['Odlehčovací služby', 'Odlehčovací služby', 'Doprava']) {
    const { cookie } = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, cookie);
    const ack = await phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'dot.add', sectionId: section!.id, itemId: itemOf(text) } });
    expect(ack).toEqual({ ok: true });
  }
  await waitUntil(() => dots.view(screen.doc).sections[0]!.items.find((i) => i.text === 'Odlehčovací služby')!.total === 2, {
    message: 'the dots to reach the screen',
  });
  return board;
}

describe('promoting results into a plan', () => {
  it('makes the top dot-voting item a card with its origin, live for the plan’s editors, once', async () => {
    const server = await startServer(resources);
    const { fixture, facilitator, member, admin, plan } = await groupWithPlan(server);
    const board = await votedDots(server, fixture);
    const editor = await connectYjs(resources, server, rooms.plan(plan.id), null, { cookie: facilitator.cookie });
    const goalId = addGoal(editor.doc, { title: 'Podpora pečujících' });
    await roundTrip(editor);

    const promotable = expectStatus(await server.api<PromotableReply>('GET', `/boards/${board.id}/promotable`, { session: member }), 200);
    const top = promotable.items.toSorted((a, b) => (b.votes ?? 0) - (a.votes ?? 0))[0]!;
    expect(top).toMatchObject({ text: 'Odlehčovací služby', context: 'Co chybí', votes: 2, promotions: [] });

    // A member reads the board but does not edit the plan.
    const body = { boardId: board.id, itemId: top.itemId, as: 'card', goalId };
    expect((await server.api('POST', `/plans/${plan.id}/promote`, { session: member, body })).status).toBe(403);
    const promotion = expectStatus(await server.api<Promotion>('POST', `/plans/${plan.id}/promote`, { session: facilitator, body }), 201);
    expect(promotion).toMatchObject({ planId: plan.id, planTitle: 'Plán PS Senioři', type: 'card', number: 'A01-01', title: 'Odlehčovací služby' });

    await eventually(() => expect(planView(editor.doc).cards).toHaveLength(1));
    const [card] = planView(editor.doc).cards;
    expect(card).toMatchObject({ id: promotion.id, number: 'A01-01', goalId, name: 'Odlehčovací služby' });
    expect(card!.origins).toEqual([
      expect.objectContaining({
        itemId: top.itemId,
        text: 'Odlehčovací služby',
        context: 'Co chybí',
        votes: 2,
        groupId: fixture.group.id,
        groupName: fixture.group.name,
        meetingId: fixture.meetingId,
        meetingTitle: 'Veřejné projednání',
        meetingDate: '2026-11-24T17:00',
        boardId: board.id,
        boardTitle: 'Priority rozvoje',
        kind: 'dots',
      }),
    ]);

    // Again: the card it made, not a copy; the editor's later changes to the card are kept.
    cardText(editor.doc, card!.id, 'name')!.insert(0, 'Rozšíření: ');
    await roundTrip(editor);
    const again = await server.api<Promotion>('POST', `/plans/${plan.id}/promote`, { session: admin, body });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: promotion.id, title: 'Rozšíření: Odlehčovací služby' });
    expect(planView(editor.doc).cards).toHaveLength(1);

    const listed = expectStatus(await server.api<PromotableReply>('GET', `/boards/${board.id}/promotable`, { session: member }), 200);
    expect(listed.items.find((i) => i.itemId === top.itemId)!.promotions).toEqual([again.body]);

    // As a measure it needs a goal; under one it is numbered.
    const measureBody = { ...body, as: 'measure' };
    expect((await server.api('POST', `/plans/${plan.id}/promote`, { session: facilitator, body: { ...measureBody, goalId: null } })).status).toBe(400);
    const measure = expectStatus(await server.api<Promotion>('POST', `/plans/${plan.id}/promote`, { session: facilitator, body: measureBody }), 201);
    expect(measure).toMatchObject({ type: 'measure', number: '1.1', title: 'Odlehčovací služby' });
  });

  it('refuses another group’s plan, an unknown item and a goal the plan does not have', async () => {
    const server = await startServer(resources);
    const { fixture, admin, facilitator, plan } = await groupWithPlan(server);
    const board = await votedDots(server, fixture);
    const otherGroupPlan = await createPlan(server, admin, (await createGroup(server, 'PS Rodiny')).id, 'Plán PS Rodiny');
    const { items } = expectStatus(await server.api<PromotableReply>('GET', `/boards/${board.id}/promotable`, { session: admin }), 200);
    const body = { boardId: board.id, itemId: items[0]!.itemId, as: 'card', goalId: null };
    const refused = async (planId: string, changed: object, session = admin) =>
      (await server.api('POST', `/plans/${planId}/promote`, { session, body: { ...body, ...changed } })).body.error;
    expect(await refused(otherGroupPlan.id, {})).toMatchObject({ code: 'bad_request', field: 'body.boardId' });
    expect(await refused(plan.id, { itemId: 'no-such-item' })).toMatchObject({ field: 'body.itemId' });
    expect(await refused(plan.id, { goalId: 'no-such-goal-1' })).toMatchObject({ field: 'body.goalId' });
    // The facilitator of this group does not even see the other group's plan.
    expect(await refused(otherGroupPlan.id, {}, facilitator)).toMatchObject({ code: 'not_found' });
    // The community's plan takes results of every group.
    const community = await createPlan(server, admin, null);
    expect((await server.api('POST', `/plans/${community.id}/promote`, { session: facilitator, body })).status).toBe(201);
  });
});

describe("a plan's Yjs room", () => {
  it('carries an editor’s change to a reader, drops the reader’s writes and refuses outsiders before the upgrade', async () => {
    const server = await startServer(resources);
    const { facilitator, member, outsider, plan } = await groupWithPlan(server);
    const room = rooms.plan(plan.id);
    const editor = await connectYjs(resources, server, room, null, { cookie: facilitator.cookie });
    const reader = await connectYjs(resources, server, room, null, { cookie: member.cookie });
    addGoal(editor.doc, { title: 'Dostupné bydlení' });
    await eventually(() => expect(planView(reader.doc).goals.map((g) => g.title)).toEqual(['Dostupné bydlení']));

    addGoal(reader.doc, { title: 'Zápis čtenáře' });
    await roundTrip(reader);
    const fresh = await connectYjs(resources, server, room, null, { cookie: facilitator.cookie });
    expect(planView(fresh.doc).goals.map((g) => g.title)).toEqual(['Dostupné bydlení']);

    // Presence names the account, whatever the client claims.
    editor.provider.awareness.setLocalStateField('user', { role: 'facilitator', name: 'Někdo jiný' });
    await eventually(() =>
      expect([...reader.provider.awareness.getStates().values()].map((s) => s.user)).toContainEqual({ role: 'editor', name: 'jana' }),
    );

    expect(await openRawYjs(resources, server, room, null, outsider.cookie)).toEqual({ status: 404 });
    expect(await openRawYjs(resources, server, room, null)).toEqual({ status: 401 });
  });

  it('closes the room and forgets the doc when the plan is deleted', async () => {
    const server = await startServer(resources);
    const { facilitator, plan } = await groupWithPlan(server);
    const editor = await connectYjs(resources, server, rooms.plan(plan.id), null, { cookie: facilitator.cookie });
    addGoal(editor.doc, { title: 'Cíl' });
    await roundTrip(editor);
    expect((await server.api('DELETE', `/plans/${plan.id}`, { session: facilitator })).status).toBe(204);
    await eventually(() => expect(editor.closes.map((c) => c.code)).toContain(4404));
    editor.destroy();
    expect(await openRawYjs(resources, server, rooms.plan(plan.id), null, facilitator.cookie)).toEqual({ status: 404 });
    expect(storedDoc(server.dataDir, rooms.plan(plan.id))).toEqual({ snapshotUpTo: null, updates: 0 });
  });
});
