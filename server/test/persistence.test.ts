import { describe, expect, it } from 'vitest';
import { rooms, type MeetingDetail } from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  connectYjs,
  eventually,
  expectStatus,
  join,
  liveNotesMeeting,
  meetingState,
  noteTexts,
  postNote,
  roundTrip,
  spawnServer,
  startServer,
  storedDoc,
  tempDataDir,
  useResources,
  waitUntil,
  withTimeout,
  type YjsClient,
} from './helpers.ts';

const resources = useResources();

const promptOf = (c: YjsClient) => c.doc.getText('prompt').toString();

describe('persistence across restarts', () => {
  it('a restart keeps Yjs edits, accepted notes, the agenda and who the participants are', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Co chybí?', notesPerParticipant: 3 });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const joined = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, joined.cookie);

    editor.doc.getText('prompt').insert(0, 'Park: ');
    editor.doc.getMap('layout').set('columns', 3);
    expect(await postNote(phone, fixture.board.id, 'Stín')).toEqual({ ok: true });
    expect(await postNote(phone, fixture.board.id, 'Voda')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(editor.doc).length === 2, { message: 'the notes to be projected' });
    editor.destroy();
    phone.close();
    await server.close();

    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const screen = await connectBoard(resources, restarted, fixture.board.id, fixture.keys.screen);
    expect(promptOf(screen)).toBe('Park: Co chybí?');
    expect(screen.doc.getMap('layout').get('columns')).toBe(3);
    expect(noteTexts(screen.doc)).toEqual(['Stín', 'Voda']);

    const meeting = expectStatus(
      await restarted.api<MeetingDetail>('GET', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator }),
      200,
    );
    expect(meeting.liveBoardId).toBe(fixture.board.id);
    expect(meeting.boards.map((b) => [b.id, b.status])).toEqual([[fixture.board.id, 'open']]);

    // The same cookie is the same participant, whose budget still counts the notes from before.
    const rejoined = await join(restarted, fixture.joinCode, joined.cookie);
    expect(rejoined.participantId).toBe(joined.participantId);
    const phoneAgain = await connectPhone(resources, restarted, fixture.meetingId, joined.cookie);
    expect(await postNote(phoneAgain, fixture.board.id, 'Lavičky')).toEqual({ ok: true });
    expect(await postNote(phoneAgain, fixture.board.id, 'Čtvrtý')).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    await waitUntil(() => noteTexts(screen.doc).length === 3);
    expect(noteTexts(screen.doc)).toEqual(['Stín', 'Voda', 'Lavičky']);
  });

  it('closing with screens, editors and phones still connected is prompt and loses nothing', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const screen = await connectYjs(resources, server, rooms.meeting(fixture.meetingId), fixture.keys.screen);
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    const pollingPhone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie, {
      transports: ['polling'],
    });
    editor.doc.getText('prompt').insert(0, 'Poslední: ');
    // Accepted, and closed at once: the projection is still pending when the server stops.
    expect(await postNote(phone, fixture.board.id, 'Těsně před koncem')).toEqual({ ok: true });
    expect(await postNote(pollingPhone, fixture.board.id, 'Z pomalé sítě')).toEqual({ ok: true });
    await waitUntil(() => promptOf(editor).startsWith('Poslední') && meetingState(screen.doc)?.participants === 2);

    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(phone.socket.connected).toBe(false);
    await eventually(() => expect(editor.provider.wsconnected).toBe(false));

    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const after = await connectBoard(resources, restarted, fixture.board.id, fixture.keys.screen);
    expect(promptOf(after)).toBe('Poslední: Zadání');
    expect(noteTexts(after.doc).sort()).toEqual(['Těsně před koncem', 'Z pomalé sítě']);
  });
});

describe('the server process killed with SIGKILL', () => {
  it('loses nothing it synced or acknowledged, however the log was compacted', async () => {
    const dataDir = await tempDataDir(resources);
    const first = await spawnServer(resources, dataDir);
    const fixture = await liveNotesMeeting(first, { prompt: '', notesPerParticipant: 5 });
    const editor = await connectBoard(resources, first, fixture.board.id, fixture.keys.editor);
    const watcher = await connectBoard(resources, first, fixture.board.id, fixture.keys.screen);
    const joined = await join(first, fixture.joinCode);
    const phone = await connectPhone(resources, first, fixture.meetingId, joined.cookie);

    // Enough separate updates to go past a compaction of the update log, then some more.
    const text = editor.doc.getText('prompt');
    for (let i = 0; i < 620; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    const expected = text.toString();
    // Synced: the server has applied (and so stored) the last one once another client sees it.
    await waitUntil(() => promptOf(watcher) === expected, { timeout: 10_000, message: 'the screen to see every edit' });

    expect(await postNote(phone, fixture.board.id, 'Před pádem 1')).toEqual({ ok: true });
    expect(await postNote(phone, fixture.board.id, 'Před pádem 2')).toEqual({ ok: true });
    // Killed right after the acknowledgement: the projection into the doc may not have happened.
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    editor.destroy();
    watcher.destroy();
    phone.close();
    // The log was folded into a snapshot and grew again after it.
    const stored = storedDoc(dataDir, rooms.board(fixture.board.id));
    expect(stored.snapshotUpTo).not.toBeNull();
    expect(stored.updates).toBeGreaterThan(0);

    const second = await startServer(resources, { dataDir });
    const screen = await connectBoard(resources, second, fixture.board.id, fixture.keys.screen);
    expect(promptOf(screen)).toBe(expected);
    expect(noteTexts(screen.doc)).toEqual(['Před pádem 1', 'Před pádem 2']);

    const phoneAgain = await connectPhone(resources, second, fixture.meetingId, joined.cookie);
    const live = await phoneAgain.waitForState((s) => s.live !== null);
    expect((live.live!.view as { notes: { text: string }[] }).notes.map((n) => n.text)).toEqual(['Před pádem 1', 'Před pádem 2']);
    await waitUntil(() => phoneAgain.mines.at(-1));
    expect(phoneAgain.mines.at(-1)).toEqual({ boardId: fixture.board.id, mine: { sent: 2, remaining: 3 } });
  });

  it('SIGTERM with clients connected shuts down cleanly and promptly', async () => {
    const dataDir = await tempDataDir(resources);
    const server = await spawnServer(resources, dataDir);
    const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    editor.doc.getText('prompt').insert(0, 'Konec: ');
    expect(await postNote(phone, fixture.board.id, 'Sbohem')).toEqual({ ok: true });
    await roundTrip(editor);

    const started = performance.now();
    server.child.kill('SIGTERM');
    const exit = await withTimeout(server.exited, 5000, 'the process to exit').catch(() => 'hung');
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(performance.now() - started).toBeLessThan(5000);
    editor.destroy();

    const restarted = await startServer(resources, { dataDir });
    const screen = await connectBoard(resources, restarted, fixture.board.id, fixture.keys.screen);
    expect(promptOf(screen)).toBe('Konec: Zadání');
    expect(noteTexts(screen.doc)).toEqual(['Sbohem']);
  });
});
