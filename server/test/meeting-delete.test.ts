import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addTableNote } from '@dilna/shared/boards/cafe/index';
import { addEntry, addFreeItem, agendaNotes, metaText, minutesView, rooms, writeRichText, type Board, type TableLinks } from '@dilna/shared';
import {
  addNotesBoard,
  addToGroup,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  loginAsAdmin,
  join as joinMeeting,
  makeLive,
  postNote,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
} from './helpers.ts';
import { findInDatabase, findInFiles } from './scan.ts';

const resources = useResources();

describe('deleting a meeting', () => {
  it('deletes its minutes, attendance, boards, tables, snapshots, answers, participants and search rows: nothing of it remains in any table, file or log', async () => {
    const log = new PassThrough();
    let logged = '';
    log.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    const server = await startServer(resources, { logStream: log });
    const group = await createGroup(server, 'Sociální služby 2');
    const doomed = await createMeeting(server, { group, title: 'Schůzka Zapomenutá', startsAt: '2025-09-17T13:00' });
    const kept = await createMeeting(server, { group, title: 'Říjen', startsAt: '2025-10-15T13:00' });

    // The later meeting's minutes are open and have a name of their own.
    const later = await connectYjs(resources, server, rooms.minutes(kept.meetingId), kept.keys.editor);
    addEntry(later.doc, 'present', { name: 'Karel Zůstávající' });
    await roundTrip(later);

    // The doomed meeting: a board with a participant's note and profile, and minutes full of names.
    const board = await addNotesBoard(server, doomed, { title: 'Nástěnka Mizivá' });
    await makeLive(server, doomed, board.id);
    const joined = await joinMeeting(server, doomed.joinCode);
    expectStatus(await server.api('PUT', `/meetings/${doomed.meetingId}/me`, { cookie: joined.cookie, body: { name: 'Bohumila Účastnická', organisation: 'Spolek Tajný' } }), 200);
    const phone = await connectPhone(resources, server, doomed.meetingId, joined.cookie);
    expect(await postNote(phone, board.id, 'Lísteček Šárky Tajné')).toEqual({ ok: true });

    // A world café board whose table wrote a note in its own doc.
    const cafe = expectStatus(
      await server.api<Board>('POST', `/meetings/${doomed.meetingId}/boards`, {
        key: doomed.keys.facilitator,
        body: { kind: 'cafe', title: 'Kavárna Skrytá', settings: { tables: 2, questions: ['Otázka Neviditelná?'] } },
      }),
      201,
    );
    const [table] = expectStatus(await server.api<TableLinks>('GET', `/meetings/${doomed.meetingId}/boards/${cafe.id}/tables`, { key: doomed.keys.facilitator }), 200);
    const tableDoc = await connectYjs(resources, server, rooms.table(cafe.id, table!.table), table!.key);
    addTableNote(tableDoc.doc, 'question', 'Stolní Zápisek Schovaný');
    await roundTrip(tableDoc);

    const minutes = await connectYjs(resources, server, rooms.minutes(doomed.meetingId), doomed.keys.facilitator);
    metaText(minutes.doc, 'recorder').insert(0, 'Eliška Zapisovatelová');
    metaText(minutes.doc, 'facilitator').insert(0, 'Ivana Facilitátorová');
    addEntry(minutes.doc, 'present', { name: 'Jindřich Přítomný', organisation: 'Organizace Přítomná' });
    addEntry(minutes.doc, 'guests', { name: 'Host Hostoňovský' });
    addEntry(minutes.doc, 'excused', { name: 'Omluvená Otýlie' });
    addEntry(minutes.doc, 'tasks', { task: 'Úkol Mizející', owner: 'Řešitel Úkolovský' });
    writeRichText(agendaNotes(minutes.doc, addFreeItem(minutes.doc, 'Bod Utajený'))!, [{ type: 'paragraph', text: 'Poznámky Tajemné' }]);
    await roundTrip(minutes);
    // The later meeting lists the open task, and the export shows it.
    await waitUntil(() => minutesView(later.doc).carried.length === 1, { message: 'the task carried to the later meeting' });
    const before = await server.api<string>('GET', `/meetings/${kept.meetingId}/minutes.md`, { key: kept.keys.editor });
    expect(before.text).toContain('Řešitel Úkolovský');

    // Rows other parts of the server write: a replay snapshot of the board and the search index.
    const file = join(server.dataDir, 'dilna.sqlite');
    const writer = new Database(file);
    const snapshot = writer.prepare("INSERT INTO board_snapshots (board_id, reason) VALUES (?, 'closed')").run(board.id).lastInsertRowid;
    writer.prepare('INSERT INTO board_snapshot_docs (snapshot_id, doc_name, state) VALUES (?, ?, ?)').run(snapshot, rooms.board(board.id), Buffer.from('Snímek Archivovaný'));
    const indexRow = writer.prepare('INSERT INTO search_index (group_id, meeting_id, board_id, title, body) VALUES (?, ?, ?, ?, ?)');
    indexRow.run(group.id, doomed.meetingId, board.id, 'Nástěnka Mizivá', 'Hledané Tajemství');
    indexRow.run(group.id, kept.meetingId, null, 'Říjen', 'Nalezitelné Zůstává');
    writer.close();

    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`)).status).toBe(401);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: doomed.keys.editor })).status).toBe(403);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: kept.keys.facilitator })).status).toBe(401);
    const member = await createUser(server, 'clen');
    await addToGroup(server, group.id, member, 'member');
    const outsider = await createUser(server, 'cizi');
    const facilitator = await createUser(server, 'facilitatorka');
    await addToGroup(server, group.id, facilitator, 'facilitator');
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { session: outsider })).status).toBe(404);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { session: member })).status).toBe(403);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { session: { ...facilitator, csrfToken: 'forged' } })).status).toBe(403);
    const sessions = countSessions(file);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { session: facilitator })).status).toBe(204);

    expect((await server.api('GET', `/meetings/${doomed.meetingId}`, { key: doomed.keys.facilitator })).status).toBe(404);
    expect((await server.api('GET', `/meetings/${doomed.meetingId}/minutes.md`, { key: doomed.keys.facilitator })).status).toBe(404);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: doomed.keys.facilitator })).status).toBe(404);
    expect((await server.api('POST', '/join', { body: { code: doomed.joinCode } })).status).toBe(404);
    const group_ = expectStatus(await server.api<{ meetings: { id: string }[] }>('GET', `/groups/${group.id}`, { session: await loginAsAdmin(server) }), 200);
    expect(group_.meetings.map((m) => m.id)).toEqual([kept.meetingId]);
    // Those who had it open are let go; the later meeting's open minutes drop the task.
    await waitUntil(() => minutes.closes.length > 0, { message: 'the minutes room closed' });
    await waitUntil(() => !phone.socket.connected, { message: 'the phone disconnected' });
    await waitUntil(() => minutesView(later.doc).carried.length === 0, { message: 'the carried task gone from the later minutes' });
    const after = await server.api<string>('GET', `/meetings/${kept.meetingId}/minutes.md`, { key: kept.keys.editor });
    expect(after.text).not.toContain('Úkol Mizející');

    // Scanned while the server runs: nothing waits for a shutdown's compaction to disappear.
    const names = [
      'Schůzka Zapomenutá',
      'Nástěnka Mizivá',
      'Kavárna Skrytá',
      'Otázka Neviditelná',
      'Stolní Zápisek Schovaný',
      'Snímek Archivovaný',
      'Hledané Tajemství',
      'Bohumila Účastnická',
      'Spolek Tajný',
      'Lísteček Šárky Tajné',
      'Eliška Zapisovatelová',
      'Ivana Facilitátorová',
      'Jindřich Přítomný',
      'Organizace Přítomná',
      'Host Hostoňovský',
      'Omluvená Otýlie',
      'Úkol Mizející',
      'Řešitel Úkolovský',
      'Bod Utajený',
      'Poznámky Tajemné',
    ];
    const ids = [doomed.meetingId, board.id, cafe.id, joined.participantId];
    expect(findInDatabase(file, [...names, ...ids])).toEqual([]);
    // The scan does find what is still there: the later meeting, its minutes and its search row.
    expect(findInDatabase(file, ['Karel Zůstávající', kept.meetingId, 'Nalezitelné Zůstává']).length).toBeGreaterThan(2);
    // Nor in the index's words (folded: lower case, no diacritics), its free pages, or the WAL's older frames.
    expect(searchTerms(file)).toEqual(expect.arrayContaining(['nalezitelne', 'zustava']));
    expect(searchTerms(file).filter((term) => ['hledane', 'tajemstvi', 'mizive', 'zapomenuta'].includes(term))).toEqual([]);
    expect(findInFiles(file, [...names, 'tajemstvi'])).toEqual([]);
    // Logins are not the meeting's: every session stays.
    expect(countSessions(file)).toBe(sessions);
    expect(expectStatus(await server.api<{ user: unknown }>('GET', '/session', { session: member }), 200).user).toMatchObject({ login: 'clen' });
    // The server's log (every request, by its ids) holds none of its names and texts.
    expect(logged).toContain(`/api/meetings/${doomed.meetingId}`);
    expect(names.filter((name) => logged.includes(name))).toEqual([]);

    // Nor once the server has stopped (a last compaction and checkpoint).
    await server.close();
    expect(findInFiles(file, [...names, ...ids])).toEqual([]);
  });
});

function countSessions(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every word the search index holds, as it stores them. */
function searchTerms(file: string): string[] {
  const db = new Database(file);
  try {
    db.exec("CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, 'search_index', 'row')");
    return (db.prepare('SELECT term FROM temp.search_terms').all() as { term: string }[]).map((r) => r.term);
  } finally {
    db.close();
  }
}
