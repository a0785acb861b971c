import { describe, expect, it } from 'vitest';
import { addCard, addGoal, planView, rooms, type Board, type Plan } from '@dilna/shared';
import { CARDS_SECTION, addCards, discussedFromPlan, plan, setOption } from '@dilna/shared/boards/plan/index';
import {
  connectBoard,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  eventually,
  expectStatus,
  expectStoredDotsWithinBudget,
  join,
  loginAsAdmin,
  makeLive,
  newOpId,
  openRawYjs,
  roundTrip,
  startServer,
  useResources,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();

async function createPlan(server: ServerTarget, groupId: string | null, title = 'Komunitní plán 2023–2027'): Promise<Plan> {
  return expectStatus(await server.api<Plan>('POST', '/plans', { session: await loginAsAdmin(server), body: { title, period: '2023–2027', groupId } }), 201);
}

/** A meeting of a group with a plan of two goals and three cards, and a plan board on it. */
async function meetingOnPlan(server: ServerTarget) {
  const fixture = await createMeeting(server);
  const own = await createPlan(server, fixture.group.id);
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      session: await loginAsAdmin(server),
      body: { kind: 'plan', title: 'Karty rozvojových aktivit', settings: { planId: own.id } },
    }),
    201,
  );
  return { fixture, own, board };
}

describe('a plan board', () => {
  it("is added for a plan of the meeting's group or of the community, and refused for another group's plan", async () => {
    const server = await startServer(resources);
    const { fixture } = await meetingOnPlan(server);
    const community = await createPlan(server, null);
    const otherGroup = await createGroup(server, 'Senioři');
    const foreign = await createPlan(server, otherGroup.id, 'Plán seniorů');
    const admin = await loginAsAdmin(server);
    const add = (planId: string, session: TestSession | null = admin) =>
      server.api('POST', `/meetings/${fixture.meetingId}/boards`, {
        key: fixture.keys.facilitator,
        session: session ?? undefined,
        body: { kind: 'plan', title: 'Karty', settings: { planId } },
      });
    // The board opens the plan to the meeting's links: the meeting's link alone may not add it, nor a reader of the plan.
    expect((await add(community.id, null)).status).toBe(401);
    expect((await add(community.id, await createUser(server, 'ctenar'))).status).toBe(403);
    expect((await add(community.id)).status).toBe(201);
    const refused = await add(foreign.id);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('body.settings');
    expect((await add('noSuchPlan01')).status).toBe(400);
    expect((await server.api('POST', `/meetings/${fixture.meetingId}/boards`, { key: fixture.keys.facilitator, session: admin, body: { kind: 'plan', title: 'Karty', settings: {} } })).status).toBe(400);
  });

  it("lets the meeting's facilitator link write the plan and the screen link read it without writing", async () => {
    const server = await startServer(resources);
    const { fixture, own } = await meetingOnPlan(server);
    const room = rooms.plan(own.id);
    const facilitator = await connectYjs(resources, server, room, fixture.keys.facilitator);
    const goal = addGoal(facilitator.doc, { title: 'Dostupné bydlení' });
    addCard(facilitator.doc, goal, { name: 'Tréninkové byty' });
    await roundTrip(facilitator);

    const screen = await connectYjs(resources, server, room, fixture.keys.screen);
    expect(planView(screen.doc).cards.map((c) => [c.number, c.name])).toEqual([['A01-01', 'Tréninkové byty']]);
    addGoal(screen.doc, { title: 'Zápis plátna' });
    await roundTrip(screen);
    const fresh = await connectYjs(resources, server, room, fixture.keys.facilitator);
    expect(planView(fresh.doc).goals.map((g) => g.title)).toEqual(['Dostupné bydlení']);

    // Another meeting's links open nothing of this plan.
    const other = await createMeeting(server);
    expect(await openRawYjs(resources, server, room, other.keys.screen)).toEqual({ status: 401 });
  });

  it('takes phones’ dots within the budget and their comments, and shows the screen the points and comments', async () => {
    const server = await startServer(resources);
    const { fixture, own, board } = await meetingOnPlan(server);
    const planRoom = await connectYjs(resources, server, rooms.plan(own.id), fixture.keys.facilitator);
    const goal = addGoal(planRoom.doc, { title: 'Péče v domácím prostředí' });
    const assistance = addCard(planRoom.doc, goal, { name: 'Osobní asistence na Frýdlantsku' });
    const respite = addCard(planRoom.doc, goal, { name: 'Odlehčovací služba' });
    await roundTrip(planRoom);

    const facilitatorBoard = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    addCards(facilitatorBoard.doc, discussedFromPlan(planView(planRoom.doc)));
    setOption(facilitatorBoard.doc, 'budget', 2);
    setOption(facilitatorBoard.doc, 'voting', true);
    setOption(facilitatorBoard.doc, 'commenting', true);
    await roundTrip(facilitatorBoard);
    await makeLive(server, fixture, board.id);

    const phones = await Promise.all([0, 1].map(async () => connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie)));
    const send = (phone: number, intent: unknown) => phones[phone]!.intent({ opId: newOpId(), boardId: board.id, intent });
    const dot = (itemId: string) => ({ type: 'dot.add', sectionId: CARDS_SECTION, itemId });

    expect(await send(0, dot(assistance))).toEqual({ ok: true });
    expect(await send(0, dot(assistance))).toEqual({ ok: true });
    expect(await send(0, dot(respite))).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    expect(await send(1, dot(respite))).toEqual({ ok: true });
    expect(await send(1, { type: 'plan.comment', cardId: assistance, text: '  Rozšířit i na víkendy  ' })).toEqual({ ok: true });
    expect(await send(1, { type: 'plan.comment', cardId: 'noSuchCard01', text: 'Kam?' })).toMatchObject({ ok: false, error: { code: 'unknown_item' } });
    expectStoredDotsWithinBudget(server.dataDir, board.id, 2);

    const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
    await eventually(() =>
      expect(plan.view(screen.doc).cards.map((c) => [c.number, c.total, c.comments.map((k) => k.text)])).toEqual([
        ['A01-01', 2, ['Rozšířit i na víkendy']],
        ['A01-02', 1, []],
      ]),
    );
    // Phones get the cards and their own dots, never others' comments.
    await eventually(() => {
      const state = phones[0]!.states.at(-1)?.live?.view;
      expect(state).toMatchObject({ cards: [{ id: assistance, number: 'A01-01' }, { id: respite, number: 'A01-02' }] });
      expect(JSON.stringify(state)).not.toContain('víkendy');
      expect(phones[0]!.mines.findLast((m) => m.boardId === board.id)?.mine).toMatchObject({ dots: { [assistance]: 2 }, remaining: 0 });
    });

    setOption(facilitatorBoard.doc, 'commenting', false);
    await roundTrip(facilitatorBoard);
    await eventually(async () => expect(await send(0, { type: 'plan.comment', cardId: assistance, text: 'Pozdě' })).toMatchObject({ ok: false, error: { code: 'closed' } }));
  });
});
