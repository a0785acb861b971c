import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connectBoard,
  connectPhone,
  join,
  liveNotesMeeting,
  noteTexts,
  postNote,
  sleep,
  startServer,
  useResources,
  waitUntil,
} from './helpers.ts';

const resources = useResources();

describe('socket.io and Yjs on one HTTP server', () => {
  it('a Yjs connection stays open past socket.io’s upgrade timeout while phones are connected, and both work', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 5 });
    // Phones on both socket.io transports, connected before and after the Yjs clients.
    const early = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const late = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie, {
      transports: ['polling', 'websocket'],
    });
    const editorSocket = editor.provider.ws;
    const screenSocket = screen.provider.ws;

    // engine.io would end foreign upgrades after 1 s if it were allowed to; wait past that.
    await sleep(1600);

    expect(editor.closes).toEqual([]);
    expect(screen.closes).toEqual([]);
    expect(editor.provider.ws).toBe(editorSocket);
    expect(screen.provider.ws).toBe(screenSocket);
    expect(editor.provider.wsconnected && screen.provider.wsconnected).toBe(true);

    editor.doc.getText('prompt').insert(0, 'Stále spojeno: ');
    await waitUntil(() => screen.doc.getText('prompt').toString().startsWith('Stále spojeno: '));
    expect(await postNote(early, fixture.board.id, 'Z prvního telefonu')).toEqual({ ok: true });
    expect(await postNote(late, fixture.board.id, 'Z druhého telefonu')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).length === 2);
    await late.waitForState((s) => JSON.stringify(s.live?.view).includes('Stále spojeno'));
    expect(late.socket.io.engine.transport.name).toBe('websocket');
    // Still the same connections.
    expect(editor.provider.ws).toBe(editorSocket);
    expect(screen.closes).toEqual([]);
  });

  it('an upgrade to a path nobody serves is refused, not left hanging', async () => {
    const server = await startServer(resources);
    for (const path of ['/', '/nope', '/api/health', '/yjs', '/socket.io-other/']) {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
      resources.add(ws, (s) => s.terminate());
      const outcome = await new Promise<string>((resolve) => {
        ws.once('open', () => resolve('open'));
        ws.once('unexpected-response', (_req, res) => resolve(`status ${res.statusCode}`));
        ws.once('error', (err) => resolve(`error ${err.message}`));
        setTimeout(() => resolve('hanging'), 3000).unref();
      });
      expect(outcome, path).not.toBe('open');
      expect(outcome, path).not.toBe('hanging');
    }
    expect((await server.api('GET', '/health')).status).toBe(200);
  });
});
