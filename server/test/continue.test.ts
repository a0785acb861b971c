import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, dots, removeItem, type DotsIntent, type DotsMine, type DotsReference } from '@dilna/shared/boards/dots';
import { readContinuation } from '@dilna/shared/boards/continue';
import type { Board, CompareReply, GroupBoard, MeetingDetail } from '@dilna/shared';
import {
  addToGroup,
  connectBoard,
  connectPhone,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  newOpId,
  startServer,
  useResources,
  waitUntil,
  type MeetingFixture,
  type Phone,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();

const totals = (doc: Y.Doc) => Object.fromEntries(dots.view(doc).sections[0]!.items.map((i) => [i.text, i.total]));

async function dotsBoard(server: ServerTarget, fixture: MeetingFixture, items: string[]): Promise<Board> {
  return expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'dots', title: 'Priority', settings: { budget: 3, sections: [{ title: 'Priority', items }] } },
    }),
    201,
  );
}

/** Phones of new participants place one dot each on these items, on the live board. */
async function vote(server: ServerTarget, fixture: MeetingFixture, board: Board, texts: string[]): Promise<Phone[]> {
  await makeLive(server, fixture, board.id);
  const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
  const phones: Phone[] = [];
  for (const text of texts) {
    const { cookie } = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, cookie);
    const section = dots.view(screen.doc).sections[0]!;
    const intent: DotsIntent = { type: 'dot.add', sectionId: section.id, itemId: section.items.find((i) => i.text === text)!.id };
    expect(await phone.intent({ opId: newOpId(), boardId: board.id, intent })).toEqual({ ok: true });
    phones.push(phone);
  }
  return phones;
}

/** Last spring's meeting with a dot vote, and this autumn's, of one group; a facilitator of the group. */
async function twoMeetings(server: ServerTarget) {
  const group = await createGroup(server);
  const spring = await createMeeting(server, { group, title: 'Jarní setkání', startsAt: '2026-03-03T17:00' });
  const autumn = await createMeeting(server, { group, title: 'Podzimní setkání', startsAt: '2026-10-06T17:00' });
  const old = await dotsBoard(server, spring, ['Doprava', 'Bydlení', 'Kavárna']);
  await vote(server, spring, old, ['Doprava', 'Doprava', 'Bydlení']);
  const oldScreen = await connectBoard(resources, server, old.id, spring.keys.screen);
  await waitUntil(() => totals(oldScreen.doc)['Doprava'] === 2, { message: 'the spring votes' });
  const facilitator = await createUser(server, 'jana');
  await addToGroup(server, group.id, facilitator, 'facilitator');
  return { group, spring, autumn, old, facilitator };
}

const continueBoard = (server: ServerTarget, meetingId: string, session: TestSession | undefined, fromBoardId: string, votes = 'reference') =>
  server.api<Board>('POST', `/meetings/${meetingId}/boards/continue`, { ...(session ? { session } : {}), body: { fromBoardId, votes } });

describe('continuing a past board', () => {
  it("copies the content into a new draft board at the end of the agenda; its phones vote from zero beside last time's reference", async () => {
    const server = await startServer(resources);
    const { spring, autumn, old, facilitator } = await twoMeetings(server);
    const board = expectStatus(await continueBoard(server, autumn.meetingId, facilitator, old.id), 201);
    expect(board).toMatchObject({ kind: 'dots', title: 'Priority', status: 'draft', meetingId: autumn.meetingId });
    const agenda = expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${autumn.meetingId}`, { key: autumn.keys.facilitator }), 200).boards;
    expect(agenda.map((b) => b.id)).toEqual([board.id]);

    const screen = await connectBoard(resources, server, board.id, autumn.keys.screen);
    expect(totals(screen.doc)).toEqual({ Doprava: 0, Bydlení: 0, Kavárna: 0 });
    const continuation = readContinuation<DotsReference>(screen.doc)!;
    expect(continuation).toMatchObject({ boardId: old.id, title: 'Priority', meetingTitle: 'Jarní setkání', startsAt: '2026-03-03T17:00', mode: 'reference' });
    expect(Object.values(continuation.reference!.items).map((i) => i.total).sort()).toEqual([0, 1, 2]);

    const [phone] = await vote(server, autumn, board, ['Kavárna']);
    await waitUntil(() => totals(screen.doc)['Kavárna'] === 1, { message: 'the new dot' });
    expect(totals(screen.doc)).toEqual({ Doprava: 0, Bydlení: 0, Kavárna: 1 });
    await waitUntil(() => (phone!.mines.at(-1)?.mine as DotsMine | undefined)?.remaining === 2, { message: "the phone's own budget" });
    // The old board keeps its votes.
    const oldScreen = await connectBoard(resources, server, old.id, spring.keys.screen);
    expect(totals(oldScreen.doc)).toEqual({ Doprava: 2, Bydlení: 1, Kavárna: 0 });

    const minutes = await server.api('GET', `/meetings/${autumn.meetingId}/minutes.md`, { key: autumn.keys.facilitator });
    expect(minutes.text).toContain('Navazuje na „Priority“ ze dne 3. 3. 2026; minulé výsledky jsou uvedeny pro srovnání.');
  });

  it('with votes reset, no reference is kept', async () => {
    const server = await startServer(resources);
    const { autumn, old, facilitator } = await twoMeetings(server);
    const board = expectStatus(await continueBoard(server, autumn.meetingId, facilitator, old.id, 'reset'), 201);
    const screen = await connectBoard(resources, server, board.id, autumn.keys.screen);
    expect(readContinuation(screen.doc)).toMatchObject({ mode: 'reset', reference: null });
  });

  it("is refused to a secret link alone, a member, a facilitator of another group, and into another group's meeting", async () => {
    const server = await startServer(resources);
    const { group, autumn, old, facilitator } = await twoMeetings(server);
    const member = await createUser(server, 'member');
    await addToGroup(server, group.id, member, 'member');
    const otherGroup = await createGroup(server, 'Senioři');
    const stranger = await createUser(server, 'stranger');
    await addToGroup(server, otherGroup.id, stranger, 'facilitator');
    const strangersMeeting = await createMeeting(server, { group: otherGroup });

    const byKey = await server.api('POST', `/meetings/${autumn.meetingId}/boards/continue`, { key: autumn.keys.facilitator, body: { fromBoardId: old.id, votes: 'reset' } });
    expect(byKey.status).toBe(401);
    expect((await continueBoard(server, autumn.meetingId, member, old.id)).status).toBe(403);
    expect((await continueBoard(server, autumn.meetingId, stranger, old.id)).status).toBe(404);
    // Into their own group's meeting, a board of a group they do not belong to does not exist.
    expect((await continueBoard(server, strangersMeeting.meetingId, stranger, old.id)).status).toBe(404);
    // Jana runs only her group: another group's meeting does not exist for her.
    expect((await continueBoard(server, strangersMeeting.meetingId, facilitator, old.id)).status).toBe(404);
    expect((await continueBoard(server, autumn.meetingId, facilitator, 'no-such-board')).status).toBe(404);
    const agenda = expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${autumn.meetingId}`, { key: autumn.keys.facilitator }), 200).boards;
    expect(agenda).toEqual([]);
    // An administrator runs every group.
    expectStatus(await continueBoard(server, strangersMeeting.meetingId, await loginAsAdmin(server), old.id), 201);
  });
});

describe("comparing a group's results", () => {
  it('lists the boards of the group and compares two dot votes: ranks, changes, new and dropped; 400 for kinds that do not compare, 404 outside', async () => {
    const server = await startServer(resources);
    const { group, spring, autumn, old, facilitator } = await twoMeetings(server);
    const member = await createUser(server, 'member');
    await addToGroup(server, group.id, member, 'member');
    const board = expectStatus(await continueBoard(server, autumn.meetingId, facilitator, old.id), 201);
    const editor = await connectBoard(resources, server, board.id, autumn.keys.editor);
    const [section] = dots.view(editor.doc).sections;
    const cafe = dots.view(editor.doc).sections[0]!.items.find((i) => i.text === 'Kavárna')!;
    addItem(editor.doc, section!.id, 'Asistence');
    removeItem(editor.doc, cafe.id);
    await vote(server, autumn, board, ['Bydlení', 'Bydlení', 'Asistence']);
    await waitUntil(() => totals(editor.doc)['Asistence'] === 1, { message: 'the autumn votes' });

    const boards = expectStatus(await server.api<GroupBoard[]>('GET', `/groups/${group.id}/boards`, { session: member }), 200);
    expect(boards.map((b) => [b.meetingTitle, b.kind, b.continuedFrom])).toEqual([
      ['Podzimní setkání', 'dots', old.id],
      ['Jarní setkání', 'dots', null],
    ]);

    const compare = expectStatus(await server.api<CompareReply>('GET', `/groups/${group.id}/compare?a=${old.id}&b=${board.id}`, { session: member }), 200);
    expect(compare.linked).toBe(true);
    expect(compare.groups[0]!.rows.map((r) => [r.label, r.a?.rank ?? null, r.b?.rank ?? null, r.change, r.status])).toEqual([
      ['Bydlení', 2, 1, 1, 'kept'],
      ['Asistence', null, 2, null, 'new'],
      ['Doprava', 1, 3, -2, 'kept'],
      ['Kavárna', 3, null, null, 'dropped'],
    ]);

    const notesBoard = expectStatus(
      await server.api<Board>('POST', `/meetings/${spring.meetingId}/boards`, { key: spring.keys.facilitator, body: { kind: 'notes', title: 'Nápady' } }),
      201,
    );
    const mixed = await server.api('GET', `/groups/${group.id}/compare?a=${old.id}&b=${notesBoard.id}`, { session: member });
    expect(mixed.status).toBe(400);
    expect(mixed.text).toContain('compares only with another dots board');
    const outsider = await createUser(server, 'outsider');
    expect((await server.api('GET', `/groups/${group.id}/compare?a=${old.id}&b=${board.id}`, { session: outsider })).status).toBe(404);
    const elsewhere = await createMeeting(server);
    const foreign = await dotsBoard(server, elsewhere, ['Doprava']);
    expect((await server.api('GET', `/groups/${group.id}/compare?a=${old.id}&b=${foreign.id}`, { session: member })).status).toBe(404);
  });
});
