import { describe, expect, it } from 'vitest';
import { dots } from '@dilna/shared/boards/dots';
import { readDocx } from '@dilna/shared/minutes/docx-testing';
import {
  addCard,
  addGoal,
  addMeasure,
  cardText,
  setCardMember,
  planView,
  rooms,
  type Board,
  type Catalogues,
  type CatalogueEntry,
  type ErrorReply,
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

  it("disconnects a login whose access was taken back: removed from the group, or logged out", async () => {
    const server = await startServer(resources, { yjsAccessCheckMs: 50 });
    const { fixture, facilitator, member, plan } = await groupWithPlan(server);
    const room = rooms.plan(plan.id);
    const reader = await connectYjs(resources, server, room, null, { cookie: member.cookie });
    const editor = await connectYjs(resources, server, room, null, { cookie: facilitator.cookie });
    await roundTrip(reader);

    expectStatus(await server.api('DELETE', `/groups/${fixture.group.id}/members/${member.user.id}`, { session: await loginAsAdmin(server) }), 200);
    await eventually(() => expect(reader.closes.map((c) => c.code)).toContain(4403));
    reader.destroy();
    expect(await openRawYjs(resources, server, room, null, member.cookie)).toEqual({ status: 404 });

    expectStatus(await server.api('DELETE', '/session', { session: facilitator }), 204);
    await eventually(() => expect(editor.closes.map((c) => c.code)).toContain(4403));
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

describe('exporting a plan', () => {
  it('gives the cards as DOCX (one a page, with their origins), Markdown and CSV, and the outline; selected cards only when asked', async () => {
    const server = await startServer(resources);
    const { fixture, admin, facilitator, member, outsider, plan } = await groupWithPlan(server);
    const board = await votedDots(server, fixture);
    const editor = await connectYjs(resources, server, rooms.plan(plan.id), null, { cookie: facilitator.cookie });
    const goalId = addGoal(editor.doc, { title: 'Podpora pečujících' });
    addMeasure(editor.doc, goalId, { title: 'Rozvoj odlehčovacích služeb' });
    const assistance = addCard(editor.doc, goalId, { name: 'Osobní asistence pro seniory', responsible: 'Město Tišnov', funding: 'MPSV, rozpočet obce' });
    setCardMember(editor.doc, assistance, 'targetGroups', 'tg-s', true);
    setCardMember(editor.doc, assistance, 'serviceKinds', 'sk-39', true);
    setCardMember(editor.doc, assistance, 'serviceKinds', 'sk-44', true);
    addCard(editor.doc, null, { name: '=HYPERLINK("http://evil.example","klik")' });
    await roundTrip(editor);
    const { items } = expectStatus(await server.api<PromotableReply>('GET', `/boards/${board.id}/promotable`, { session: facilitator }), 200);
    const promoted = expectStatus(
      await server.api<Promotion>('POST', `/plans/${plan.id}/promote`, {
        session: facilitator,
        body: { boardId: board.id, itemId: items.find((i) => i.text === 'Odlehčovací služby')!.itemId, as: 'card', goalId },
      }),
      201,
    );
    // A retired entry still shows on the cards that use it.
    expectStatus(await server.api('PATCH', '/catalogues/serviceKinds/entries/sk-44', { session: admin, body: { retired: true } }), 200);

    const download = (query: string, session = member) =>
      fetch(`${server.origin}/api/plans/${plan.id}/export?${query}`, { headers: { cookie: session.cookie } });
    const docx = await download('format=docx');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toBe(
      `attachment; filename="Plan-PS-Seniori-karty.docx"; filename*=UTF-8''${encodeURIComponent('Plán-PS-Senioři-karty.docx')}`,
    );
    const { rows, xml } = readDocx(new Uint8Array(await docx.arrayBuffer()));
    expect(rows).toEqual(
      expect.arrayContaining([
        'Číslo aktivity => A01-01',
        'Název aktivity => Osobní asistence pro seniory',
        'Vazba na strategický cíl => SC1 Podpora pečujících',
        'Cílové skupiny uživatelů => Senioři',
        // A retired entry still shows on the cards that use it.
        'Dotčené druhy sociálních služeb (§) => Osobní asistence (§ 39), Odlehčovací služby (§ 44)',
        'Odpovědnost za realizaci => Město Tišnov',
        'Financování => MPSV, rozpočet obce',
        'Číslo aktivity => A01-02',
      ]),
    );
    // The promoted card names where it came from.
    const promotedOrigin = rows.filter((row) => row.startsWith('Vzešlo z => ')).find((row) => row !== 'Vzešlo z => ');
    expect(promotedOrigin).toContain('Veřejné projednání');
    expect(promotedOrigin).toContain('Priority rozvoje');
    expect(promotedOrigin).toContain('Odlehčovací služby');
    // One card a page: the inbox's card too.
    expect(xml.match(/w:type="page"|<w:pageBreakBefore\/>/g)?.length ?? 0).toBeGreaterThanOrEqual(2);

    const markdown = await (await download('format=md')).text();
    expect(markdown).toContain('Osobní asistence pro seniory');
    expect(markdown).toContain('Odlehčovací služby (§ 44)');

    const csvReply = await download('format=csv&lang=en');
    expect(csvReply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvReply.headers.get('content-disposition')).toContain('filename="Plan-PS-Seniori-cards.csv"');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvReply.arrayBuffer());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Personal assistance (§ 39)');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const selected = await (await download(`format=md&cards=${promoted.id}`)).text();
    expect(selected).toContain('Odlehčovací služby');
    expect(selected).not.toContain('Osobní asistence pro seniory');
    const unknown = await server.api('GET', `/plans/${plan.id}/export?format=md&cards=${promoted.id},no-such-card`, { session: member });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('querystring.cards');

    const outline = await (await download('format=md&part=outline')).text();
    expect(outline).toContain('Podpora pečujících');
    expect(outline).toContain('1.1');
    expect(outline).toContain('Rozvoj odlehčovacích služeb');
    const outlineDocx = await download('format=docx&part=outline');
    expect(outlineDocx.headers.get('content-disposition')).toContain('filename="Plan-PS-Seniori-osnova.docx"');
    expect(readDocx(new Uint8Array(await outlineDocx.arrayBuffer())).text).toContain('Rozvoj odlehčovacích služeb');

    expect((await download('format=docx', outsider)).status).toBe(404);
    expect((await fetch(`${server.origin}/api/plans/${plan.id}/export?format=docx`)).status).toBe(401);
  });
});

describe('a meeting that works on a plan', () => {
  it("opens the plan to the meeting's links while a board works on it: writers write, the screen reads", async () => {
    const server = await startServer(resources, { yjsAccessCheckMs: 50 });
    const { fixture, admin, facilitator, plan } = await groupWithPlan(server);
    const other = await createMeeting(server, { group: fixture.group });
    const room = rooms.plan(plan.id);
    // No board works on the plan yet: the meeting's links open nothing.
    expect(await openRawYjs(resources, server, room, fixture.keys.facilitator)).toEqual({ status: 401 });

    const addPlanBoard = <T = Board>(meeting: MeetingFixture, planId: string) =>
      server.api<T>('POST', `/meetings/${meeting.meetingId}/boards`, {
        key: meeting.keys.facilitator,
        session: admin,
        body: { kind: 'plan', title: 'Karty plánu', settings: { planId } },
      });
    expectStatus(await addPlanBoard(fixture, plan.id), 201);
    const owner = await connectYjs(resources, server, room, null, { cookie: facilitator.cookie });
    const goalId = addGoal(owner.doc, { title: 'Péče v domácnosti' });
    await roundTrip(owner);

    const writer = await connectYjs(resources, server, room, fixture.keys.editor);
    expect(planView(writer.doc).goals.map((g) => g.id)).toEqual([goalId]);
    addCard(writer.doc, goalId, { name: 'Sdílená asistence' });
    await roundTrip(writer);
    await eventually(() => expect(planView(owner.doc).cards.map((c) => c.name)).toEqual(['Sdílená asistence']));

    const screen = await connectYjs(resources, server, room, fixture.keys.screen);
    addCard(screen.doc, goalId, { name: 'Z projektoru' });
    await roundTrip(screen);
    await roundTrip(owner);
    expect(planView(owner.doc).cards.map((c) => c.name)).toEqual(['Sdílená asistence']);
    // The other meeting of the group has no such board.
    expect(await openRawYjs(resources, server, room, other.keys.facilitator)).toEqual({ status: 401 });

    // A board may work on the group's plan or the community's, never on another group's or a plan that does not exist.
    const otherGroupPlan = await createPlan(server, admin, (await createGroup(server, 'PS Rodiny')).id, 'Plán PS Rodiny');
    for (const planId of [otherGroupPlan.id, 'no-such-plan-1']) {
      const refused = await addPlanBoard<ErrorReply>(other, planId);
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe('body.settings');
    }
    const community = await createPlan(server, admin, null);
    const communityBoard = expectStatus(await addPlanBoard(other, community.id), 201);
    const communityWriter = await connectYjs(resources, server, rooms.plan(community.id), other.keys.editor);

    // Once the board is removed, the meeting's links no longer open the plan.
    expectStatus(await server.api('DELETE', `/meetings/${other.meetingId}/boards/${communityBoard.id}`, { key: other.keys.facilitator }), 204);
    await eventually(() => expect(communityWriter.closes.map((c) => c.code)).toContain(4403));
    communityWriter.destroy();
    expect(await openRawYjs(resources, server, rooms.plan(community.id), other.keys.editor)).toEqual({ status: 401 });
  });
});
