import Database from 'better-sqlite3';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTableNote, cafe, goToRound } from '@dilna/shared/boards/cafe/index';
import { notes, setNoteHidden } from '@dilna/shared/boards/notes';
import { rooms, type Board, type BoardDocs, type BoardHistory, type GroupArchive } from '@dilna/shared';
import {
  addToGroup,
  connectBoard,
  connectPhone,
  connectYjs,
  createMeeting,
  createUser,
  expectStatus,
  join,
  liveNotesMeeting,
  loginAsAdmin,
  makeLive,
  postNote,
  roundTrip,
  setBoardStatus,
  sleep,
  startServer,
  useResources,
  waitUntil,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();
const INTERVAL_MS = 150;

const history = async (server: ServerTarget, session: TestSession, boardId: string) =>
  expectStatus(await server.api<BoardHistory>('GET', `/boards/${boardId}/snapshots`, { session }), 200);

/** The board's doc (its own, not its tables') as the API gives it, now or at a snapshot. */
async function boardDocAt(server: ServerTarget, session: TestSession, boardId: string, snapshot?: number): Promise<Y.Doc> {
  const query = snapshot === undefined ? '' : `?snapshot=${snapshot}`;
  const { docs } = expectStatus(await server.api<BoardDocs>('GET', `/boards/${boardId}/docs${query}`, { session }), 200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(docs[rooms.board(boardId)]!, 'base64'));
  return doc;
}

const noteTexts = (doc: Y.Doc) => notes.view(doc).notes.map((n) => n.text);

describe('board snapshots and the archive', () => {
  it('keeps a board when it is opened, while it changes and when it is closed, and replays it as it was', async () => {
    const server = await startServer(resources, { snapshotIntervalMs: INTERVAL_MS });
    const admin = await loginAsAdmin(server);
    const meeting = await liveNotesMeeting(server);
    const phone = await connectPhone(resources, server, meeting.meetingId, (await join(server, meeting.joinCode)).cookie);

    expect((await history(server, admin, meeting.board.id)).snapshots.map((s) => s.reason)).toEqual(['opened']);
    expect(await postNote(phone, meeting.board.id, 'Lavičky ve stínu')).toEqual({ ok: true });
    await waitUntil(async () => (await history(server, admin, meeting.board.id)).snapshots.length === 2, { message: 'an interval snapshot' });
    expect(await postNote(phone, meeting.board.id, 'Pítko')).toEqual({ ok: true });
    await setBoardStatus(server, meeting, meeting.board.id, 'closed');
    const { snapshots } = await waitUntil(
      async () => {
        const found = await history(server, admin, meeting.board.id);
        return found.snapshots.at(-1)?.reason === 'closed' ? found : null;
      },
      { message: 'the closing snapshot' },
    );
    // A third snapshot may fall between the second note and the closing.
    expect(snapshots.map((s) => s.reason)).toEqual(['opened', 'interval', ...(snapshots.length === 4 ? ['interval'] : []), 'closed']);
    expect(snapshots.map((s) => s.takenAt)).toEqual(snapshots.map((s) => s.takenAt).sort());
    const closed = snapshots.at(-1)!;

    // Each snapshot shows the board as it was then; the closing one has the last note, projected after its ack.
    expect(noteTexts(await boardDocAt(server, admin, meeting.board.id, snapshots[0]!.id))).toEqual([]);
    expect(noteTexts(await boardDocAt(server, admin, meeting.board.id, snapshots[1]!.id))).toEqual(['Lavičky ve stínu']);
    expect(noteTexts(await boardDocAt(server, admin, meeting.board.id, closed.id))).toEqual(['Lavičky ve stínu', 'Pítko']);

    // Changed after closing: "now" differs from every snapshot, and a closed board gets no interval snapshot.
    const editor = await connectBoard(resources, server, meeting.board.id, meeting.keys.editor);
    const pitko = notes.view(editor.doc).notes.find((n) => n.text === 'Pítko')!;
    setNoteHidden(editor.doc, pitko.id, true);
    await roundTrip(editor);
    const shown = (doc: Y.Doc) => notes.view(doc).notes.filter((n) => !n.hidden).map((n) => n.text);
    expect(shown(await boardDocAt(server, admin, meeting.board.id))).toEqual(['Lavičky ve stínu']);
    expect(shown(await boardDocAt(server, admin, meeting.board.id, closed.id))).toEqual(['Lavičky ve stínu', 'Pítko']);
    await sleep(INTERVAL_MS * 3);
    expect((await history(server, admin, meeting.board.id)).snapshots).toEqual(snapshots);
  });

  it('takes no snapshot of a board that did not change, but marks its first closing', async () => {
    const server = await startServer(resources, { snapshotIntervalMs: INTERVAL_MS });
    const admin = await loginAsAdmin(server);
    const meeting = await liveNotesMeeting(server);
    const toggle = async (status: 'open' | 'closed') => {
      await setBoardStatus(server, meeting, meeting.board.id, status);
      await sleep(INTERVAL_MS * 3);
    };
    await sleep(INTERVAL_MS * 3);
    await toggle('closed');
    await toggle('open');
    await toggle('closed');
    expect((await history(server, admin, meeting.board.id)).snapshots.map((s) => s.reason)).toEqual(['opened', 'closed']);
  });

  it("keeps a world café's tables with its board", async () => {
    const server = await startServer(resources, { snapshotIntervalMs: INTERVAL_MS });
    const admin = await loginAsAdmin(server);
    const meeting = await createMeeting(server);
    const board = expectStatus(
      await server.api<Board>('POST', `/meetings/${meeting.meetingId}/boards`, {
        key: meeting.keys.facilitator,
        body: { kind: 'cafe', title: 'Kavárna', settings: { tables: 2, questions: ['Co pomůže rodinám?'] } },
      }),
      201,
    );
    await makeLive(server, meeting, board.id);
    const facilitator = await connectBoard(resources, server, board.id, meeting.keys.facilitator);
    goToRound(facilitator.doc, 1);
    await roundTrip(facilitator);
    const { tables, questions } = cafe.view(facilitator.doc);
    const table = await connectYjs(resources, server, rooms.table(board.id, tables[0]!.id), meeting.keys.facilitator);
    addTableNote(table.doc, questions[0]!.id, 'Dostupné hlídání dětí');
    await roundTrip(table);

    const docsOf = async (snapshot: number) =>
      expectStatus(await server.api<BoardDocs>('GET', `/boards/${board.id}/docs?snapshot=${snapshot}`, { session: admin }), 200).docs;
    const latest = await waitUntil(
      async () => {
        const last = (await history(server, admin, board.id)).snapshots.at(-1)!;
        return rooms.table(board.id, tables[0]!.id) in (await docsOf(last.id)) ? last : null;
      },
      { message: "a snapshot with the table's doc" },
    );
    const docs = await docsOf(latest.id);
    const board$ = new Y.Doc();
    Y.applyUpdate(board$, Buffer.from(docs[rooms.board(board.id)]!, 'base64'));
    const tableDocs = (id: string) => {
      const doc = new Y.Doc();
      const state = docs[rooms.table(board.id, id)];
      if (state) Y.applyUpdate(doc, Buffer.from(state, 'base64'));
      return doc;
    };
    expect(cafe.view(board$, tableDocs).notes.map((n) => n.text)).toEqual(['Dostupné hlídání dětí']);
  });

  it("lists a group's meetings with their boards to its accounts, and to nobody else", async () => {
    const server = await startServer(resources, { snapshotIntervalMs: INTERVAL_MS });
    const meeting = await liveNotesMeeting(server);
    const elsewhere = await createMeeting(server, { title: 'Jiná skupina' });
    const member = await createUser(server, 'clenka', { password: 'member-password-123' });
    await addToGroup(server, meeting.group.id, member, 'member');
    const outsider = await createUser(server, 'cizi', { password: 'outsider-password-123' });
    await addToGroup(server, elsewhere.group.id, outsider, 'facilitator');

    const archive = expectStatus(await server.api<GroupArchive>('GET', `/groups/${meeting.group.id}/archive`, { session: member }), 200);
    expect(archive.meetings).toEqual([
      {
        id: meeting.meetingId,
        title: 'Veřejné projednání',
        startsAt: '2026-11-24T17:00',
        place: 'Sokolovna',
        participantsErasedAt: null,
        hasMinutes: false,
        boards: [{ id: meeting.board.id, kind: 'notes', title: 'Co tu chybí?', status: 'open', snapshotCount: 1 }],
      },
    ]);
    const snapshotId = (await history(server, member, meeting.board.id)).snapshots[0]!.id;
    const paths = [
      `/groups/${meeting.group.id}/archive`,
      `/boards/${meeting.board.id}/snapshots`,
      `/boards/${meeting.board.id}/docs`,
      `/boards/${meeting.board.id}/docs?snapshot=${snapshotId}`,
    ];
    for (const path of paths) {
      expect((await server.api('GET', path, { session: member })).status, path).toBe(200);
      expect((await server.api('GET', path, { session: outsider })).status, path).toBe(404);
      expect((await server.api('GET', path, { key: meeting.keys.facilitator })).status, path).toBe(401);
    }
    // A snapshot of another board is not this board's.
    const other = await liveNotesMeeting(server);
    const othersSnapshot = (await history(server, await loginAsAdmin(server), other.board.id)).snapshots[0]!.id;
    expect((await server.api('GET', `/boards/${meeting.board.id}/docs?snapshot=${othersSnapshot}`, { session: member })).status).toBe(404);
  });

  it('deletes the snapshots with their meeting', async () => {
    const server = await startServer(resources, { snapshotIntervalMs: INTERVAL_MS });
    const meeting = await liveNotesMeeting(server);
    const phone = await connectPhone(resources, server, meeting.meetingId, (await join(server, meeting.joinCode)).cookie);
    expect(await postNote(phone, meeting.board.id, 'Stopa Schovaná')).toEqual({ ok: true });
    const admin = await loginAsAdmin(server);
    await waitUntil(async () => (await history(server, admin, meeting.board.id)).snapshots.length === 2, { message: 'an interval snapshot' });

    expect((await server.api('DELETE', `/meetings/${meeting.meetingId}`, { key: meeting.keys.facilitator })).status).toBe(204);
    const db = new Database(joinPath(server.dataDir, 'dilna.sqlite'), { readonly: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect({ snapshots: count('board_snapshots'), docs: count('board_snapshot_docs') }).toEqual({ snapshots: 0, docs: 0 });
    } finally {
      db.close();
    }
    expect((await server.api('GET', `/boards/${meeting.board.id}/snapshots`, { session: admin })).status).toBe(404);
  });
});
