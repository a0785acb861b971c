import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEntry, addFreeItem, agendaNotes, metaText, minutesView, rooms, writeRichText } from '@dilna/shared';
import {
  addNotesBoard,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
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

const resources = useResources();

/** Every table of the SQLite file, every row, every column (blobs as bytes): where each needle occurs. */
function findInDatabase(file: string, needles: string[]): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const found: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
          for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${needle} in ${name}.${column}`);
        }
      }
    }
    return found;
  } finally {
    db.close();
  }
}

describe('deleting a meeting', () => {
  it('deletes its minutes, attendance, boards, answers and participants: nothing of it remains in any table', async () => {
    const server = await startServer(resources);
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

    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`)).status).toBe(401);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: doomed.keys.editor })).status).toBe(403);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: kept.keys.facilitator })).status).toBe(401);
    expect((await server.api('DELETE', `/meetings/${doomed.meetingId}`, { key: doomed.keys.facilitator })).status).toBe(204);

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
      doomed.meetingId,
      board.id,
      joined.participantId,
    ];
    const file = join(server.dataDir, 'dilna.sqlite');
    expect(findInDatabase(file, names)).toEqual([]);
    // The scan does find what is still there: the later meeting and its minutes.
    expect(findInDatabase(file, ['Karel Zůstávající', kept.meetingId]).length).toBeGreaterThan(1);

    // Nor in the file's free pages once the server has stopped (checkpointed, the WAL folded in).
    await server.close();
    const bytes = readFileSync(file);
    expect(names.filter((name) => bytes.includes(Buffer.from(name)))).toEqual([]);
  });
});
