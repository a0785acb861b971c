import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cafe, goToRound, addTableNote, type CafeMine } from '@dilna/shared/boards/cafe/index';
import { rooms, type Board, type SeatingList, type TableLinks } from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  connectYjs,
  createMeeting,
  eventually,
  expectStatus,
  join,
  makeLive,
  newOpId,
  openRawYjs,
  roundTrip,
  startServer,
  storedDoc,
  useResources,
  waitUntil,
  type Joined,
  type Phone,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

const refusal = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

/** A live café with two tables and two questions, prepared by the facilitator over Yjs as the console does. */
async function liveCafe(server: ServerTarget) {
  const fixture = await createMeeting(server);
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'cafe', title: 'World café', settings: { tables: 2, questions: ['Jak financovat síť?', 'Podle čeho přijímat služby?'] } },
    }),
    201,
  );
  const facilitator = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
  const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
  await makeLive(server, fixture, board.id);
  const tableIds = cafe.view(screen.doc).tables.map((t) => t.id);
  const questionIds = cafe.view(screen.doc).questions.map((q) => q.id);
  const seatsPath = `/meetings/${fixture.meetingId}/boards/${board.id}/seats`;
  const seating = async () => expectStatus(await server.api<SeatingList>('GET', seatsPath, { key: fixture.keys.facilitator }), 200);

  const people: { joined: Joined; phone: Phone }[] = [];
  const arrive = async (profile?: { name: string; organisation: string }) => {
    const joined = await join(server, fixture.joinCode);
    if (profile) {
      expectStatus(await server.api('PUT', `/meetings/${fixture.meetingId}/me`, { cookie: joined.cookie, body: profile }), 200);
    }
    const person = { joined, phone: await connectPhone(resources, server, fixture.meetingId, joined.cookie) };
    people.push(person);
    return person;
  };
  const mineOf = (phone: Phone) => phone.mines.findLast((m) => m.boardId === board.id)?.mine as CafeMine | undefined;
  const goTo = async (round: number) => {
    goToRound(facilitator.doc, round);
    await roundTrip(facilitator);
    await waitUntil(() => people.every((p) => mineOf(p.phone)?.round === round && mineOf(p.phone)?.seat), {
      message: `everyone seated for round ${round}`,
    });
  };
  const note = (phone: Phone, tableId: string, text: string, questionId = questionIds[0]!) =>
    phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'cafe.note', tableId, questionId, text } });
  return { fixture, board, facilitator, screen, tableIds, questionIds, people, arrive, mineOf, goTo, note, seating, seatsPath };
}

describe('world café seating', () => {
  it('seats everyone when the round starts, spreading organisations; sizes reach screens, who sits where does not', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    const alena = await café.arrive({ name: 'Alena', organisation: 'Charita Liberec' });
    const bohdan = await café.arrive({ name: 'Bohdan', organisation: 'charita liberec' });
    await café.arrive({ name: '', organisation: 'Fokus' });
    await café.arrive();
    expect(café.mineOf(alena.phone)).toEqual({ seat: null, round: 0, remaining: 10 });
    expect(await café.note(alena.phone, café.tableIds[0]!, 'Brzy')).toEqual(refusal('closed'));

    await café.goTo(1);
    const tableOf = (person: { phone: Phone }) => café.mineOf(person.phone)!.seat!.table;
    expect(tableOf(alena)).not.toBe(tableOf(bohdan));
    await waitUntil(() => cafe.view(café.screen.doc).tables.every((t) => t.size === 2), { message: 'table sizes on the screen' });

    const list = await café.seating();
    expect(list.round).toBe(1);
    expect(list.people.map((p) => [p.number, p.name, p.organisation])).toEqual([
      [1, 'Alena', 'Charita Liberec'],
      [2, 'Bohdan', 'charita liberec'],
      [3, '', 'Fokus'],
      [4, '', ''],
    ]);
    const seen = JSON.stringify([list, café.screen.doc.toJSON()]);
    for (const person of café.people) expect(seen).not.toContain(person.joined.participantId);
  });

  it('the facilitator moves a person and names hosts; the next round keeps hosts, moves the others, and seats a late arrival at the smallest table', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    for (let i = 0; i < 4; i++) await café.arrive();
    await café.goTo(1);
    const [first, second] = café.people;
    const list = await café.seating();
    const seatOf = (number: number) => list.people.find((p) => p.number === number)!;
    const otherTable = café.tableIds.find((t) => t !== seatOf(1).table)!;

    const path = (seatId: string) => `${café.seatsPath}/${seatId}`;
    expectStatus(await server.api('PATCH', path(seatOf(1).seatId!), { key: café.fixture.keys.editor, body: { host: true } }), 403);
    expectStatus(await server.api('PATCH', path(seatOf(1).seatId!), { key: café.fixture.keys.facilitator, body: { table: 'no-such-table' } }), 400);
    const moved = expectStatus(
      await server.api<SeatingList>('PATCH', path(seatOf(1).seatId!), { key: café.fixture.keys.facilitator, body: { table: otherTable, host: true } }),
      200,
    );
    expect(moved.people.find((p) => p.number === 1)).toMatchObject({ table: otherTable, host: true });
    await waitUntil(() => café.mineOf(first!.phone)?.seat?.table === otherTable, { message: 'the moved phone learns its table' });
    expect(café.mineOf(first!.phone)!.seat).toEqual({ table: otherTable, host: true });
    await waitUntil(() => cafe.view(café.screen.doc).tables.map((t) => t.size).sort().join() === '1,3', { message: 'new sizes' });

    const before = new Map(café.people.map((p) => [p, café.mineOf(p.phone)!.seat!.table]));
    await café.goTo(2);
    expect(café.mineOf(first!.phone)!.seat).toEqual({ table: otherTable, host: true });
    const sizes = () => cafe.view(café.screen.doc).tables.map((t) => t.size);
    await waitUntil(() => sizes().join() === '2,2', { message: 'balanced tables in round 2' });
    // Three people sat at the host's table in round 1; two of them move on so that the tables balance.
    const stayed = café.people.filter((p) => p !== first && café.mineOf(p.phone)!.seat!.table === before.get(p));
    expect(stayed.length).toBeLessThanOrEqual(1);

    const late = await café.arrive({ name: 'Cyril', organisation: '' });
    await waitUntil(() => café.mineOf(late.phone)?.seat, { message: 'the late arrival is seated' });
    await waitUntil(() => sizes().sort().join() === '2,3', { message: 'the late arrival counted' });
    expect(café.mineOf(second!.phone)!.round).toBe(2);
  });
});

describe('world café tables', () => {
  it('a phone posts to its own table for the current question only; the note lands in that table’s doc', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    const person = await café.arrive();
    await café.goTo(1);
    const own = café.mineOf(person.phone)!.seat!.table;
    const other = café.tableIds.find((t) => t !== own)!;

    expect(await café.note(person.phone, other, 'Cizí stůl')).toEqual(refusal('wrong_table'));
    expect(await café.note(person.phone, own, 'Druhá otázka', café.questionIds[1])).toEqual(refusal('closed'));
    expect(await café.note(person.phone, own, 'Víceleté financování')).toEqual({ ok: true });

    const tableDoc = await connectYjs(resources, server, rooms.table(café.board.id, own), café.fixture.keys.screen);
    await waitUntil(() => tableDoc.doc.getMap('notes').size === 1, { message: 'the note in the table doc' });
    const otherDoc = await connectYjs(resources, server, rooms.table(café.board.id, other), café.fixture.keys.screen);
    expect(otherDoc.doc.getMap('notes').size).toBe(0);
    await person.phone.waitForState((s) => JSON.stringify(s.live?.view).includes('Víceleté financování'));
    expect(café.mineOf(person.phone)!.remaining).toBe(9);
  });

  it('a table link writes its own table and reads the board, nothing else; only the facilitator gets the links', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    const tablesPath = `/meetings/${café.fixture.meetingId}/boards/${café.board.id}/tables`;
    expectStatus(await server.api('GET', tablesPath, { key: café.fixture.keys.editor }), 403);
    const links = expectStatus(await server.api<TableLinks>('GET', tablesPath, { key: café.fixture.keys.facilitator }), 200);
    expect(links.map((l) => l.table)).toEqual(café.tableIds);
    expect(expectStatus(await server.api<TableLinks>('GET', tablesPath, { key: café.fixture.keys.facilitator }), 200)).toEqual(links);
    const [mine, theirs] = links;

    goToRound(café.facilitator.doc, 1);
    await roundTrip(café.facilitator);
    const host = await connectYjs(resources, server, rooms.table(café.board.id, mine!.table), mine!.key);
    addTableNote(host.doc, café.questionIds[0]!, 'Jasná pravidla');
    await roundTrip(host);
    const screenTable = await connectYjs(resources, server, rooms.table(café.board.id, mine!.table), café.fixture.keys.screen);
    await waitUntil(() => screenTable.doc.getMap('notes').size === 1, { message: 'the host’s note on the screen' });

    expect(await openRawYjs(resources, server, rooms.table(café.board.id, theirs!.table), mine!.key)).toMatchObject({ status: 401 });
    expect(await openRawYjs(resources, server, rooms.meeting(café.fixture.meetingId), mine!.key)).toMatchObject({ status: 401 });

    // On the board the host reads (the question, the timer) but cannot write.
    const hostBoard = await connectYjs(resources, server, rooms.board(café.board.id), mine!.key);
    expect(cafe.view(hostBoard.doc).round).toBe(1);
    goToRound(hostBoard.doc, 2);
    await roundTrip(hostBoard);
    expect(cafe.view(café.screen.doc).round).toBe(1);

    // The screen reads tables but never writes them.
    const screenWrite = new Y.Doc();
    const screenClient = await connectYjs(resources, server, rooms.table(café.board.id, theirs!.table), café.fixture.keys.screen, { doc: screenWrite });
    addTableNote(screenWrite, café.questionIds[0]!, 'Z projektoru');
    await roundTrip(screenClient);
    const facilitatorTable = await connectYjs(resources, server, rooms.table(café.board.id, theirs!.table), café.fixture.keys.facilitator);
    await eventually(() => expect(facilitatorTable.doc.getMap('notes').size).toBe(0));

    // Removing the board removes its tables' docs and links with it.
    expect(storedDoc(server.dataDir, rooms.table(café.board.id, mine!.table)).updates).toBeGreaterThan(0);
    expectStatus(await server.api('DELETE', `/meetings/${café.fixture.meetingId}/boards/${café.board.id}`, { key: café.fixture.keys.facilitator }), 204);
    expect(storedDoc(server.dataDir, rooms.table(café.board.id, mine!.table))).toEqual({ snapshotUpTo: null, updates: 0 });
    expect(await openRawYjs(resources, server, rooms.table(café.board.id, mine!.table), mine!.key)).toMatchObject({ status: 404 });
  });

  it('the results download lists every table’s notes per question, labelled by table', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    const person = await café.arrive();
    await café.goTo(1);
    const own = café.mineOf(person.phone)!.seat!.table;
    await café.note(person.phone, own, 'Transparentnost');
    const label = cafe.view(café.screen.doc).tables.find((t) => t.id === own)!.number === 1 ? 'Stůl 1 – oranžový' : 'Stůl 2 – světle modrý';
    await eventually(async () => {
      const csv = await (await fetch(`${server.origin}/api/meetings/${café.fixture.meetingId}/boards/${café.board.id}/results.csv`, { headers: { 'x-dilna-key': café.fixture.keys.editor } })).text();
      expect(csv).toContain(`Jak financovat síť?,${label},Transparentnost,,`);
    });
  });

  it('a participant’s name and organisation are theirs alone to read and change', async () => {
    const server = await startServer(resources);
    const café = await liveCafe(server);
    const me = `/meetings/${café.fixture.meetingId}/me`;
    const joined = await join(server, café.fixture.joinCode);
    expect(expectStatus(await server.api('GET', me, { cookie: joined.cookie }), 200)).toEqual({ name: '', organisation: '' });
    expect(expectStatus(await server.api('PUT', me, { cookie: joined.cookie, body: { name: ' Dana ', organisation: 'Magistrát' } }), 200)).toEqual({
      name: 'Dana',
      organisation: 'Magistrát',
    });
    expect(expectStatus(await server.api('GET', me, { cookie: joined.cookie }), 200)).toEqual({ name: 'Dana', organisation: 'Magistrát' });
    expectStatus(await server.api('GET', me), 401);
    expectStatus(await server.api('PUT', me, { body: { name: 'X', organisation: '' } }), 401);
    expectStatus(await server.api('PUT', me, { cookie: joined.cookie, body: { name: 'x'.repeat(81), organisation: '' } }), 400);
  });
});
