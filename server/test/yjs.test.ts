import { describe, expect, it } from 'vitest';
import { rooms, type MeetingDocState } from '@dilna/shared';
import {
  addNotesBoard,
  connectBoard,
  connectYjs,
  createMeeting,
  eventually,
  liveNotesMeeting,
  makeLive,
  meetingState,
  notesOf,
  openRawYjs,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
  type YjsClient,
} from './helpers.ts';

const resources = useResources();

const prompt = (c: YjsClient) => c.doc.getText('prompt').toString();

describe('Yjs with the standard y-websocket client', () => {
  it('an editor syncs the board doc and sees another editor’s changes, both ways', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Co chybí v parku?', notesPerParticipant: 4 });

    const console_ = await connectBoard(resources, server, fixture.board.id, fixture.keys.facilitator);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    // The doc comes from the server already laid out by the board kind.
    expect(notesOf(editor.doc)).toEqual({ prompt: 'Co chybí v parku?', notesPerParticipant: 4, notes: [] });

    console_.doc.getText('prompt').insert(0, 'Otázka: ');
    await waitUntil(() => prompt(editor) === 'Otázka: Co chybí v parku?', { message: 'the editor to see the change' });

    editor.doc.getText('prompt').insert(prompt(editor).length, ' (pište stručně)');
    editor.doc.getMap('extra').set('colour', 'green');
    await waitUntil(() => prompt(console_) === 'Otázka: Co chybí v parku? (pište stručně)' && console_.doc.getMap('extra').get('colour') === 'green', {
      message: 'the facilitator to see the change',
    });

    // Concurrent edits converge.
    console_.doc.getText('prompt').insert(0, 'A');
    editor.doc.getText('prompt').insert(0, 'B');
    await waitUntil(() => prompt(console_) === prompt(editor) && prompt(editor).length === 'AB'.length + 'Otázka: Co chybí v parku? (pište stručně)'.length);

    // A newcomer gets everything.
    const late = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    expect(prompt(late)).toBe(prompt(editor));
    expect(late.doc.getMap('extra').get('colour')).toBe('green');
  });

  it('a screen reads but its writes reach nobody and are not stored, not even after a restart', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Původní zadání' });

    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    expect(prompt(screen)).toBe('Původní zadání');

    // The screen tries to write, and the server has handled it once it answers the next message.
    screen.doc.getText('prompt').insert(0, 'HACKED ');
    screen.doc.getMap('notes').set('fake', { id: 'fake', text: 'podvržený lísteček', at: '2000-01-01T00:00:00.000Z', hidden: false });
    await roundTrip(screen);
    editor.doc.getMap('marker').set('after-screen', true);
    await waitUntil(() => screen.doc.getMap('marker').get('after-screen') === true, { message: 'the screen to receive the editor’s write' });
    // Screens still receive what editors write.
    expect(prompt(screen)).toBe('HACKED Původní zadání');

    expect(prompt(editor)).toBe('Původní zadání');
    expect(editor.doc.getMap('notes').has('fake')).toBe(false);

    const fresh = await connectBoard(resources, server, fixture.board.id, fixture.keys.facilitator);
    expect(prompt(fresh)).toBe('Původní zadání');
    expect(fresh.doc.getMap('notes').size).toBe(0);
    expect(fresh.doc.getMap('marker').get('after-screen')).toBe(true);

    // A screen that reconnects re-sends its whole state (sync step 2): still dropped.
    screen.provider.disconnect();
    screen.provider.connect();
    await waitUntil(() => screen.provider.synced, { message: 'the screen to resync' });
    await roundTrip(screen);
    editor.doc.getMap('marker').set('after-resync', true);
    await waitUntil(() => fresh.doc.getMap('marker').get('after-resync') === true);
    expect(prompt(fresh)).toBe('Původní zadání');

    editor.destroy();
    screen.destroy();
    fresh.destroy();
    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const afterRestart = await connectBoard(resources, restarted, fixture.board.id, fixture.keys.editor);
    expect(prompt(afterRestart)).toBe('Původní zadání');
    expect(afterRestart.doc.getMap('notes').size).toBe(0);
    expect(afterRestart.doc.getMap('marker').toJSON()).toEqual({ 'after-screen': true, 'after-resync': true });
  });

  it('the meeting doc carries the server’s state to screens and nobody can write it', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await addNotesBoard(server, fixture, { title: 'Nápady' });

    const screen = await connectYjs(resources, server, rooms.meeting(fixture.meetingId), fixture.keys.screen);
    const facilitator = await connectYjs(resources, server, rooms.meeting(fixture.meetingId), fixture.keys.facilitator);
    expect(meetingState(screen.doc)).toMatchObject({
      title: fixture.meeting.title,
      joinCode: fixture.joinCode,
      liveBoardId: null,
      participants: 0,
      boards: [{ id: board.id, kind: 'notes', title: 'Nápady', status: 'draft' }],
    } satisfies Partial<MeetingDocState>);

    await makeLive(server, fixture, board.id);
    await waitUntil(() => meetingState(screen.doc)?.liveBoardId === board.id, { message: 'the live board to reach the screen' });
    expect(meetingState(screen.doc)!.boards[0]!.status).toBe('open');

    // Even the facilitator's key cannot write the server's doc.
    facilitator.doc.getMap('meeting').set('state', { ...meetingState(facilitator.doc)!, liveBoardId: null, title: 'Přepsáno' });
    await roundTrip(facilitator);
    await makeLive(server, fixture, null);
    await waitUntil(() => meetingState(screen.doc)?.liveBoardId === null, { message: 'the stop to reach the screen' });
    expect(meetingState(screen.doc)!.title).toBe(fixture.meeting.title);
    const fresh = await connectYjs(resources, server, rooms.meeting(fixture.meetingId), fixture.keys.editor);
    expect(meetingState(fresh.doc)!.title).toBe(fixture.meeting.title);
  });

  it('presence shows the role from the key, not what the client claims; screens have none', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const facilitator = await connectBoard(resources, server, fixture.board.id, fixture.keys.facilitator);
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);

    editor.provider.awareness.setLocalStateField('user', { role: 'facilitator', name: 'Ředitel' });
    editor.provider.awareness.setLocalStateField('cursor', 7);
    screen.provider.awareness.setLocalStateField('user', { role: 'facilitator', name: 'Plátno' });

    const editorId = editor.doc.clientID;
    await waitUntil(() => facilitator.provider.awareness.getStates().get(editorId)?.cursor === 7, {
      message: 'the editor’s presence to reach the facilitator',
    });
    expect(facilitator.provider.awareness.getStates().get(editorId)!.user).toEqual({ role: 'editor', name: 'editor' });
    // Nobody sees the screen.
    await eventually(() => expect(screen.provider.awareness.getStates().get(editorId)?.user).toEqual({ role: 'editor', name: 'editor' }));
    expect(facilitator.provider.awareness.getStates().has(screen.doc.clientID)).toBe(false);
    expect(editor.provider.awareness.getStates().has(screen.doc.clientID)).toBe(false);
  });

  it('refuses upgrades without the right key (401) and to unknown rooms (404)', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const other = await createMeeting(server, { group: fixture.group });
    const boardRoom = rooms.board(fixture.board.id);

    expect((await openRawYjs(resources, server, boardRoom, null)).status).toBe(401);
    expect((await openRawYjs(resources, server, boardRoom, '')).status).toBe(401);
    expect((await openRawYjs(resources, server, boardRoom, 'not-a-key')).status).toBe(401);
    expect((await openRawYjs(resources, server, boardRoom, other.keys.facilitator)).status).toBe(401);
    expect((await openRawYjs(resources, server, rooms.meeting(fixture.meetingId), other.keys.screen)).status).toBe(401);

    expect((await openRawYjs(resources, server, rooms.board('AAAAAAAAAAAAAAAAAAAAAA'), fixture.keys.facilitator)).status).toBe(404);
    expect((await openRawYjs(resources, server, rooms.meeting('AAAAAAAAAAAAAAAAAAAAAA'), fixture.keys.facilitator)).status).toBe(404);
    expect((await openRawYjs(resources, server, 'minutes:xyz', fixture.keys.facilitator)).status).toBe(404);
    expect((await openRawYjs(resources, server, `board:${fixture.board.id}/../x`, fixture.keys.facilitator)).status).toBe(404);

    const ok = await openRawYjs(resources, server, boardRoom, fixture.keys.screen);
    expect(ok.ws).toBeDefined();
  });

  it('a provider whose board is removed is disconnected for good', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    let closedWith: number | null = null;
    editor.provider.once('closed', ({ code }) => (closedWith = code));

    const removed = await server.api('DELETE', `/meetings/${fixture.meetingId}/boards/${fixture.board.id}`, {
      key: fixture.keys.facilitator,
    });
    expect(removed.status).toBe(204);
    const code = await waitUntil(() => closedWith, { message: 'the server to close the room' });
    expect(code).toBeGreaterThanOrEqual(4400);
    expect(code).toBeLessThan(4500);

    // And it cannot come back.
    expect((await openRawYjs(resources, server, rooms.board(fixture.board.id), fixture.keys.editor)).status).toBe(404);
  });
});
