import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES, rooms } from '@dilna/shared';
import {
  closeOf,
  connectBoard,
  connectPhone,
  join,
  liveNotesMeeting,
  noteTexts,
  openRawYjs,
  postNote,
  roundTrip,
  syncMessage,
  startServer,
  useResources,
  waitUntil,
  type RawSocket,
  type TestServer,
} from './helpers.ts';

const resources = useResources();

/** A real Yjs update to the board's prompt, made against the server's current state. */
function promptUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.getText('prompt').insert(0, text);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** Deterministic pseudo-random bytes (mulberry32). */
function randomBytes(seed: number, length: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) >>> 0 & 0xff;
  }
  return out;
}

async function openWriter(server: TestServer, boardId: string, key: string): Promise<RawSocket> {
  const opened = await openRawYjs(resources, server, rooms.board(boardId), key);
  if (!opened.ws) throw new Error(`upgrade refused with ${opened.status}`);
  return opened;
}

/** The board as the server holds it, seen by a fresh client. */
async function snapshot(server: TestServer, boardId: string, key: string) {
  const client = await connectBoard(resources, server, boardId, key);
  const state = { json: client.doc.toJSON(), prompt: client.doc.getText('prompt').toString(), notes: noteTexts(client.doc) };
  client.destroy();
  return state;
}

describe('bad input on the Yjs socket', () => {
  it('closes only the offending connection; the doc and everyone else carry on', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    expect(await postNote(phone, fixture.board.id, 'Lísteček před útokem')).toEqual({ ok: true });

    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const watcher = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    await waitUntil(() => noteTexts(watcher.doc).length === 1);
    const before = await snapshot(server, fixture.board.id, fixture.keys.facilitator);

    const valid = syncMessage(syncProtocol.messageYjsUpdate, promptUpdate(editor.doc, 'NE '));
    const bad: [string, Uint8Array | string, number[]][] = [
      ['an unknown message type', Uint8Array.of(0xff, 0xff, 0xff, 0x7f, 1, 2, 3), [1007]],
      ['an empty frame', new Uint8Array(0), [1007]],
      ['an unknown sync message', Uint8Array.of(0, 9, 0), [1007]],
      ['an update truncated mid-frame', valid.slice(0, Math.max(3, valid.length >> 1)), [1007]],
      ['an update whose length prefix lies', Uint8Array.of(0, syncProtocol.messageYjsUpdate, 0xe8, 0x07, 1, 2, 3), [1007]],
      ['a well-framed update of garbage', syncMessage(syncProtocol.messageYjsUpdate, Uint8Array.of(5, 200, 7, 1, 255, 255, 255)), [1007]],
      ['a truncated update inside a good frame', syncMessage(syncProtocol.messageYjsUpdate, promptUpdate(editor.doc, 'NE ').slice(0, 6)), [1007]],
      ['a sync step 1 with a broken state vector', syncMessage(syncProtocol.messageYjsSyncStep1, Uint8Array.of(3, 255)), [1007]],
      ['an awareness update that is not JSON', awarenessGarbage(), [1007]],
      ['a text frame', 'hello', [1003]],
    ];

    for (const [what, message, codes] of bad) {
      const raw = await openWriter(server, fixture.board.id, fixture.keys.editor);
      raw.ws.send(message);
      const { code } = await closeOf(raw);
      expect(codes, `${what}: closed with ${code}`).toContain(code);
    }

    // A frame over the limit is refused by the transport.
    const big = await openWriter(server, fixture.board.id, fixture.keys.editor);
    big.ws.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect((await closeOf(big)).code).toBe(1009);

    // Deterministic noise, bare and inside well-formed frames (a sync update, a sync step 1, an
    // awareness update), so that the decoders behind the framing see it too: each frame either
    // closes its connection or is harmless.
    const frames = (seed: number): Uint8Array => {
      const noise = randomBytes(seed, 1 + ((seed * 37) % 300));
      switch (seed % 4) {
        case 0:
          return noise;
        case 1:
          return syncMessage(syncProtocol.messageYjsUpdate, noise);
        case 2:
          return syncMessage(syncProtocol.messageYjsSyncStep1, noise);
        default: {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, 1);
          encoding.writeVarUint8Array(encoder, noise);
          return encoding.toUint8Array(encoder);
        }
      }
    };
    for (let seed = 1; seed <= 120; seed++) {
      const raw = await openWriter(server, fixture.board.id, fixture.keys.editor);
      raw.ws.send(frames(seed));
      // Either the server closed it or it answers the next (valid) message.
      await answeredOrClosed(raw);
      raw.ws.terminate();
    }

    // Nobody else was disturbed, and the doc is exactly as it was.
    expect(editor.closes).toEqual([]);
    expect(watcher.closes).toEqual([]);
    expect(await snapshot(server, fixture.board.id, fixture.keys.facilitator)).toEqual(before);
    expect((await server.api('GET', '/health')).status).toBe(200);

    // Everyone keeps working: editors sync, phones post, screens see both.
    editor.doc.getText('prompt').insert(0, 'Po útoku: ');
    expect(await postNote(phone, fixture.board.id, 'Lísteček po útoku')).toEqual({ ok: true });
    await waitUntil(
      () => watcher.doc.getText('prompt').toString() === 'Po útoku: Zadání' && noteTexts(watcher.doc).length === 2,
      { message: 'the screen to see the editor and the phone' },
    );

    // And so it is stored.
    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const after = await snapshot(restarted, fixture.board.id, fixture.keys.screen);
    expect(after.prompt).toBe('Po útoku: Zadání');
    expect(after.notes).toEqual(['Lísteček před útokem', 'Lísteček po útoku']);
  });

  it('a valid update on a raw socket is applied (the raw path is not simply closed)', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
    const watcher = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const raw = await openWriter(server, fixture.board.id, fixture.keys.editor);
    raw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, promptUpdate(watcher.doc, 'Ano: ')));
    await waitUntil(() => watcher.doc.getText('prompt').toString() === 'Ano: Zadání');
    // The same valid update from a screen's raw socket changes nothing.
    const screenRaw = await openWriter(server, fixture.board.id, fixture.keys.screen);
    screenRaw.ws.send(syncMessage(syncProtocol.messageYjsUpdate, promptUpdate(watcher.doc, 'Ne: ')));
    expect(await answeredOrClosed(screenRaw)).toBe('answered');
    await roundTrip(watcher);
    expect(watcher.doc.getText('prompt').toString()).toBe('Ano: Zadání');
  });
});

/**
 * Sends a sync step 1 and resolves once the server answered it with a step 2 (so it handled
 * everything sent before on this connection) or closed the connection.
 */
function answeredOrClosed(raw: RawSocket): Promise<'answered' | 'closed'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server neither answered nor closed')), 5000);
    const onMessage = (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (bytes[0] === 0 && bytes[1] === syncProtocol.messageYjsSyncStep2) {
        clearTimeout(timer);
        raw.ws.off('message', onMessage);
        resolve('answered');
      }
    };
    raw.ws.on('message', onMessage);
    void raw.closed.then(() => {
      clearTimeout(timer);
      resolve('closed');
    });
    if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc())));
  });
}

/** An awareness message whose state is not JSON. */
function awarenessGarbage(): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1); // one client
  encoding.writeVarUint(inner, 12345); // client id
  encoding.writeVarUint(inner, 1); // clock
  encoding.writeVarString(inner, '{not json');
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
