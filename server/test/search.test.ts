import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEntry, rooms, type SearchResults } from '@dilna/shared';
import {
  addNotesBoard,
  addToGroup,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  join as joinMeeting,
  logIn,
  loginAsAdmin,
  makeLive,
  postNote,
  roundTrip,
  spawnServer,
  startServer,
  tempDataDir,
  useResources,
  waitUntil,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();

const search = async (server: ServerTarget, groupId: string, session: TestSession, q: string) =>
  server.api<SearchResults>('GET', `/groups/${groupId}/search?q=${encodeURIComponent(q)}`, { session });

/** The hits' places: a board's title, or "minutes". */
const places = (results: SearchResults) => results.hits.map((hit) => hit.board?.title ?? 'minutes');
const matched = (results: SearchResults) => results.hits.flatMap((hit) => hit.snippet.filter((s) => s.match).map((s) => s.text));

/** Waits until the index has caught up: the query finds what it should (the index is written a few seconds after a change). */
const found = (server: ServerTarget, groupId: string, session: TestSession, q: string, place: string) =>
  waitUntil(
    async () => {
      const results = expectStatus(await search(server, groupId, session, q), 200);
      return places(results).includes(place) ? results : null;
    },
    { timeout: 10_000, message: `"${q}" to find ${place}` },
  );

/** A group's member, and a meeting with a note wall a participant wrote on and minutes a secretary typed. */
async function archive(server: ServerTarget) {
  const group = await createGroup(server, 'Senioři a zdravotně postižení');
  const member = await createUser(server, 'clenka');
  await addToGroup(server, group.id, member, 'member');
  const fixture = await createMeeting(server, { group, title: 'Setkání s poskytovateli', startsAt: '2025-10-15T13:00' });
  const board = await addNotesBoard(server, fixture, { title: 'Co chybí v Ponavě?', prompt: 'Napište, co v městské části chybí' });
  await makeLive(server, fixture, board.id);
  const participant = await joinMeeting(server, fixture.joinCode);
  const phone = await connectPhone(resources, server, fixture.meetingId, participant.cookie);
  expect(await postNote(phone, board.id, 'Pečovatelská služba pro seniory o víkendech')).toEqual({ ok: true });

  const minutes = await connectYjs(resources, server, rooms.minutes(fixture.meetingId), fixture.keys.editor);
  addEntry(minutes.doc, 'present', { name: 'Petr Dvořák', organisation: 'Diakonie' });
  addEntry(minutes.doc, 'tasks', { task: 'Zjistit, kolik seniorů čeká na pobytovou službu', owner: 'Jana Nováková', deadline: '2025-12-01' });
  await roundTrip(minutes);
  return { group, member, fixture, board };
}

describe('searching a group archive', () => {
  it('finds what was typed into a board and into the minutes within seconds, with or without diacritics, by prefix and by Czech word forms', async () => {
    const server = await startServer(resources);
    const { group, member, board } = await archive(server);

    const byName = await found(server, group.id, member, 'Nováková', 'minutes');
    expect(byName.hits[0]!.meeting).toMatchObject({ title: 'Setkání s poskytovateli', startsAt: '2025-10-15T13:00' });
    expect(matched(byName)).toEqual(['Nováková']);
    expect(byName.hits[0]!.snippet.map((s) => s.text).join('')).toContain('Jana Nováková');

    const byNote = await found(server, group.id, member, 'pečovatelská', board.title);
    expect(byNote.hits[0]!.board).toEqual({ id: board.id, kind: 'notes', title: board.title });

    // Without diacritics, in capitals, and a word's beginning.
    expect(places(expectStatus(await search(server, group.id, member, 'novakova'), 200))).toEqual(['minutes']);
    expect(places(expectStatus(await search(server, group.id, member, 'DVORAK diakonie'), 200))).toEqual(['minutes']);
    expect(places(expectStatus(await search(server, group.id, member, 'pečovat'), 200))).toEqual([board.title]);
    // "senio" is the beginning of both "seniory" (the note) and "seniorů" (the task).
    expect(places(expectStatus(await search(server, group.id, member, 'senio'), 200)).sort()).toEqual([board.title, 'minutes'].sort());
    // Another form of the word finds both through its stem: "seniory" → "senior*", with or without diacritics.
    for (const q of ['seniory', 'senioři', 'seniorů', 'seniori']) {
      expect(places(expectStatus(await search(server, group.id, member, q), 200)).sort(), q).toEqual([board.title, 'minutes'].sort());
    }
    // Every word must occur.
    expect(expectStatus(await search(server, group.id, member, 'senioři víkend'), 200).hits.map((h) => h.board?.id)).toEqual([board.id]);
    expect(expectStatus(await search(server, group.id, member, 'Nováková víkend'), 200).hits).toEqual([]);
  });

  it('ranks a board whose title names the words above one that mentions them once in passing', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const passing = await addNotesBoard(server, fixture, {
      title: 'Různé',
      prompt: 'Co dalšího je třeba probrat: dostupné bydlení, doprava na úřady, dobrovolníci, prevence, sociální šatník a otevírací doba poradny',
    });
    const titled = await addNotesBoard(server, fixture, { title: 'Doprava pro seniory', prompt: 'Kam se nedostanete?' });
    const admin = await loginAsAdmin(server);
    // The board added last is indexed last.
    const results = await found(server, fixture.group.id, admin, 'doprava', titled.title);
    expect(results.hits.map((h) => h.board?.id)).toEqual([titled.id, passing.id]);

    // A renamed board is found by its new title.
    expectStatus(await server.api('PATCH', `/meetings/${fixture.meetingId}/boards/${passing.id}`, { key: fixture.keys.facilitator, body: { title: 'Ostatní náměty' } }), 200);
    await found(server, fixture.group.id, admin, 'náměty', 'Ostatní náměty');
  });

  it('takes any text as words: quotes, operators, stars and brackets neither fail nor change the meaning', async () => {
    const server = await startServer(resources);
    const { group, member } = await archive(server);
    await found(server, group.id, member, 'Dvořák', 'minutes');
    const hostile = ['"', '"Dvořák', 'Dvořák"', 'NEAR(Dvořák', 'NEAR(a b', 'Dvořák AND', 'OR Dvořák', 'NOT', '*', 'Dvoř*', 'title:Dvořák', '^Dvořák', '(((', '-Dvořák', "'; DROP TABLE search_index; --", '{title body}: x', '💡 🙂'];
    for (const q of hostile) {
      const reply = await search(server, group.id, member, q);
      expect(reply.status, q).toBe(200);
    }
    // What words there are still count: "Dvořák" in any wrapping finds the minutes.
    for (const q of ['"Dvořák', 'Dvořák"', '(Dvořák)', 'Dvoř*', '-Dvořák', '^Dvořák']) {
      expect(places(expectStatus(await search(server, group.id, member, q), 200)), q).toEqual(['minutes']);
    }
    expect(expectStatus(await search(server, group.id, member, '***'), 200).hits).toEqual([]);
    // The query must hold something, and not too much.
    expect((await search(server, group.id, member, '   ')).status).toBe(400);
    expect((await search(server, group.id, member, 'x'.repeat(201))).status).toBe(400);
    expect((await server.api('GET', `/groups/${group.id}/search`, { session: member })).status).toBe(400);
  });

  it('shows a snippet as text: markup typed into a note comes back as text, never as highlighting', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await addNotesBoard(server, fixture, { title: 'Nástěnka', prompt: '<b>Tučně</b> <mark>zvýrazněno</mark> <img src=x onerror=alert(1)>' });
    const admin = await loginAsAdmin(server);
    const results = await found(server, fixture.group.id, admin, 'zvýrazněno', board.title);
    const [before, match, after] = results.hits[0]!.snippet;
    expect(before).toEqual({ text: '<b>Tučně</b> <mark>', match: false });
    expect(match).toEqual({ text: 'zvýrazněno', match: true });
    expect(after).toMatchObject({ text: expect.stringMatching(/^<\/mark> <img src=x onerror=alert\(1\)>/), match: false });
  });

  it('forgets a deleted board and a deleted meeting: not found, and their words gone from the index tables too', async () => {
    const server = await startServer(resources);
    const { group, member, fixture, board } = await archive(server);
    const other = await createMeeting(server, { group, title: 'Listopad' });
    const spare = await addNotesBoard(server, other, { title: 'Xylofonová dílna', prompt: 'Quetzalkoatlové v parku' });
    await found(server, group.id, member, 'quetzalkoatlove', spare.title);
    await found(server, group.id, member, 'pečovatelská', board.title);
    await found(server, group.id, member, 'Nováková', 'minutes');
    const file = join(server.dataDir, 'dilna.sqlite');
    // The index holds each word folded (lower case, no diacritics); its content table the text as typed.
    expect(inSearchTables(file, ['quetzalkoatlove', 'Quetzalkoatlové'])).toEqual(['quetzalkoatlove', 'Quetzalkoatlové']);

    expectStatus(await server.api('DELETE', `/meetings/${other.meetingId}/boards/${spare.id}`, { key: other.keys.facilitator }), 204);
    expect(expectStatus(await search(server, group.id, member, 'quetzalkoatlove'), 200).hits).toEqual([]);
    expect(inSearchTables(file, ['quetzalkoatlove', 'Quetzalkoatlové', 'xylofonova', spare.id])).toEqual([]);

    expectStatus(await server.api('DELETE', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator }), 204);
    for (const q of ['Nováková', 'pečovatelská', 'Dvořák']) expect(expectStatus(await search(server, group.id, member, q), 200).hits, q).toEqual([]);
    expect(inSearchTables(file, ['novakova', 'Nováková', 'pecovatelska', 'dvorak', 'diakonie', 'ponave', fixture.meetingId, board.id])).toEqual([]);
  });

  it('is for the group only: an account outside it gets 404, as for a group that does not exist', async () => {
    const server = await startServer(resources);
    const { group, member } = await archive(server);
    await found(server, group.id, member, 'Nováková', 'minutes');
    const outsider = await createUser(server, 'jinde');
    const otherGroup = await createGroup(server, 'Rodiny s dětmi');
    await addToGroup(server, otherGroup.id, outsider, 'facilitator');
    expect((await search(server, group.id, outsider, 'Nováková')).status).toBe(404);
    expect((await search(server, 'neexistujici-skupina', member, 'Nováková')).status).toBe(404);
    expect((await server.api('GET', `/groups/${group.id}/search?q=Nov%C3%A1kov%C3%A1`)).status).toBe(401);
    // Nor does another group's search reach this group's rows.
    expect(expectStatus(await search(server, otherGroup.id, outsider, 'Nováková'), 200).hits).toEqual([]);
  });

  it('fills in at start what is missing from the index', async () => {
    const first = await startServer(resources);
    const { group, member, board } = await archive(first);
    await found(first, group.id, member, 'Nováková', 'minutes');
    await first.close();
    const db = new Database(join(first.dataDir, 'dilna.sqlite'));
    db.exec('DELETE FROM search_index');
    db.close();

    const second = await startServer(resources, { dataDir: first.dataDir });
    const { session } = await logIn(second, 'clenka', 'clenka-password-123');
    await found(second, group.id, session!, 'Nováková', 'minutes');
    await found(second, group.id, session!, 'pečovatelská', board.title);
  });

  it('catches up at start with what was typed just before a crash', async () => {
    const crashed = await spawnServer(resources, await tempDataDir(resources));
    const fixture = await createMeeting(crashed);
    const board = await addNotesBoard(crashed, fixture, { title: 'Nástěnka', prompt: 'Zadání' });
    const admin = await loginAsAdmin(crashed);
    await found(crashed, fixture.group.id, admin, 'zadání', board.title);
    // Typed, stored, and the process killed before the index was written (a few seconds later).
    const editor = await connectYjs(resources, crashed, rooms.board(board.id), fixture.keys.editor);
    editor.doc.getText('prompt').insert(0, 'Kvákající kachny: ');
    await roundTrip(editor);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    editor.destroy();

    const restarted = await startServer(resources, { dataDir: crashed.dataDir });
    await found(restarted, fixture.group.id, await loginAsAdmin(restarted), 'kvakajici kachny', board.title);
  });
});

/** Which needles occur in any row of the index's tables (FTS5 keeps the index in shadow tables search_index_*). */
function inSearchTables(file: string, needles: string[]): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'search_index%'").all() as { name: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['search_index', 'search_index_config', 'search_index_content', 'search_index_data', 'search_index_docsize', 'search_index_idx']);
    const bytes = Buffer.concat(
      tables.flatMap(({ name }) =>
        (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
          Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value)))),
        ),
      ),
    );
    return needles.filter((needle) => bytes.includes(Buffer.from(needle)));
  } finally {
    db.close();
  }
}
