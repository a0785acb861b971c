/**
 * A flood of random and malformed input at the server process as `npm start` runs it: socket.io
 * events from joined phones, raw engine.io packets and bad handshakes before authentication, Yjs
 * frames (random bytes, truncated and lying updates, oversize frames, text frames) and upgrades
 * to rooms with bad keys. Seeded (fast-check), so a failure reproduces.
 * Afterwards the process is up, its memory grew by less than a stated bound, a bystander meeting
 * is exactly as it was and the flooded meeting's own clients never noticed.
 */
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES, SOCKET_PATH, rooms } from '@dilna/shared';
import {
  TEST_COOKIE_SECRET,
  connectBoard,
  connectPhone,
  join,
  liveNotesMeeting,
  newOpId,
  noteTexts,
  postNote,
  roundTrip,
  spawnServer,
  syncMessage,
  tempDataDir,
  useResources,
  waitUntil,
  withTimeout,
  yjsBaseUrl,
  type ChildServer,
  type Resources,
} from './helpers.ts';

const resources = useResources();

const SEED = 8_2026;
/** Messages per category; together well over the 10,000 the issue asks for. */
const PHONE_EVENTS = 4000;
const RAW_SOCKET_IO_CONNECTIONS = 250;
const RAW_PACKETS_PER_CONNECTION = 12;
const BAD_HANDSHAKES = 150;
const YJS_CONNECTIONS = 300;
const YJS_FRAMES_PER_CONNECTION = 10;
const OVERSIZE_FRAMES = 12;
const BAD_UPGRADES = 200;
/**
 * Growth of the server's resident memory over the flood, after a warm-up round of the same
 * flood. Every payload is bounded by the transports (16 KiB socket.io, 1 MiB Yjs), so what is
 * left over is garbage not yet collected: a leak per message would grow past this quickly.
 */
const RSS_GROWTH_CAP_MB = 80;

function residentMb(server: ChildServer): number {
  const line = readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`the server process ended:\n${server.output()}`);
  return Number(line[1]) / 1024;
}

const reservedEvents = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

const junk = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.string({ minLength: 2000, maxLength: 12_000 }),
  fc.record({ opId: fc.string(), boardId: fc.string(), intent: fc.anything({ maxDepth: 1 }) }),
);

function awarenessFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A real update of some doc, to truncate or to send to a room it does not belong to. */
function realUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('prompt').insert(0, text);
  doc.getMap('notes').set('x', text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

/** Yjs frames: bare noise, noise in well-formed frames, truncated or lying updates, text. */
const yjsFrame: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  bytes(300),
  bytes(300).map((b) => syncMessage(syncProtocol.messageYjsUpdate, b)),
  bytes(300).map((b) => syncMessage(syncProtocol.messageYjsSyncStep2, b)),
  bytes(60).map((b) => syncMessage(syncProtocol.messageYjsSyncStep1, b)),
  bytes(200).map(awarenessFrame),
  fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.nat()).map(([text, cut]) => {
    const update = realUpdate(text);
    return syncMessage(syncProtocol.messageYjsUpdate, update.slice(0, cut % update.length));
  }),
  fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.nat()).map(([text, cut]) => {
    const frame = syncMessage(syncProtocol.messageYjsUpdate, realUpdate(text));
    return frame.slice(0, 2 + (cut % (frame.length - 2)));
  }),
  fc.nat(20).map((type) => Uint8Array.of(type, type, 0xff, 0xff, 0xff, 0xff, 0x0f)),
  fc.string({ maxLength: 50 }),
  fc.constant(syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(new Y.Doc()))),
  fc.constant(Uint8Array.of(3)),
);

/** engine.io / socket.io packets as text or binary, before the namespace is joined. */
const rawPacket: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.anything({ maxDepth: 2 }).map((value) => `42${JSON.stringify(['intent', value]) ?? ''}`),
  fc.anything({ maxDepth: 2 }).map((value) => `40${JSON.stringify({ meetingId: value }) ?? ''}`),
  fc.string({ maxLength: 40 }).map((s) => `4${s}`),
  fc.constantFrom('2', '3', '40', '41', '42', '43', '44', '45[', '46', '451-["intent",{"_placeholder":true,"num":9}]', '5', '6', '1'),
  bytes(200),
  fc.string({ minLength: 20_000, maxLength: 40_000 }),
);

/** Auth payloads and cookies a phone that never joined (or forged its cookie) might send. */
const badHandshake = fc.record({
  auth: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ meetingId: fc.string({ maxLength: 30 }) })),
  cookie: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 60 }).map((s) => `dilna_p_${s}=${encodeURIComponent(s)}`),
    fc.string({ maxLength: 30 }).map((s) => `dilna_p_x=${s}.${TEST_COOKIE_SECRET.slice(0, 8)}`),
  ),
});

interface Tally {
  sent: number;
}

/** Opens a bare WebSocket; resolves once it opened or was refused, never rejects. */
function openRaw(resources: Resources, url: string): Promise<WebSocket | null> {
  const ws = new WebSocket(url);
  resources.add(ws, (s) => s.terminate());
  return new Promise((resolve) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      ws.terminate();
      resolve(null);
    });
    ws.once('error', () => resolve(null));
  });
}

/** Writes every message while the socket is open (the server may close it after the first), then waits (briefly) for the server to close it or not. */
async function sendAll(ws: WebSocket, messages: (string | Uint8Array)[], tally: Tally): Promise<void> {
  for (const message of messages) {
    if (ws.readyState !== WebSocket.OPEN) break;
    ws.send(message);
    tally.sent++;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 200);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  ws.terminate();
}

async function inBatches<T>(items: T[], size: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => run(item, i + j)));
}

/** The flood; `scale` shrinks it for the warm-up round. */
async function flood(server: ChildServer, target: { meetingId: string; boardId: string; cookies: string[]; keys: { editor: string; screen: string } }, seed: number, scale: number) {
  const tally: Tally = { sent: 0 };
  const count = (n: number) => Math.max(1, Math.round(n * scale));

  // Joined phones: random event names and arguments, with and without an acknowledgement.
  const phones = await Promise.all(target.cookies.map((cookie) => connectPhone(resources, server, target.meetingId, cookie)));
  const events = fc.sample(
    fc.record({
      phone: fc.nat(phones.length - 1),
      name: fc.oneof(fc.constant('intent'), fc.string({ maxLength: 20 }).filter((n) => !reservedEvents.has(n))),
      args: fc.array(junk, { maxLength: 3 }),
      withAck: fc.boolean(),
    }),
    { seed, numRuns: count(PHONE_EVENTS) },
  );
  for (const { phone, name, args, withAck } of events) {
    // Untyped on purpose: the junk is not what the protocol's types allow.
    const socket = phones[phone]!.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    if (withAck) socket.emit(name, ...args, () => {});
    else socket.emit(name, ...args);
    tally.sent++;
  }
  // A phone's messages are handled in order: once a valid intent is answered, the junk before it was too.
  for (const phone of phones) {
    const ack = await withTimeout(phone.intent({ opId: newOpId(), boardId: 'AAAAAAAAAAAAAAAAAAAAAA', intent: { type: 'note.post', text: 'x' } }), 10_000, 'an ack after the junk');
    expect(ack.ok).toBe(false);
    phone.close();
  }

  // Raw engine.io connections that never authenticate: packets of every kind, then oversize ones.
  const socketIoUrl = `ws://127.0.0.1:${server.port}${SOCKET_PATH}/?EIO=4&transport=websocket`;
  const packets = fc.sample(fc.array(rawPacket, { minLength: RAW_PACKETS_PER_CONNECTION, maxLength: RAW_PACKETS_PER_CONNECTION }), {
    seed: seed + 1,
    numRuns: count(RAW_SOCKET_IO_CONNECTIONS),
  });
  await inBatches(packets, 25, async (messages) => {
    const ws = await openRaw(resources, socketIoUrl);
    if (ws) await sendAll(ws, messages, tally);
  });

  // Handshakes with made-up auth and forged cookies: every one refused.
  const handshakes = fc.sample(badHandshake, { seed: seed + 2, numRuns: count(BAD_HANDSHAKES) });
  await inBatches(handshakes, 25, async ({ auth, cookie }) => {
    const socket = io(server.origin, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      auth: auth as Record<string, unknown>,
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    tally.sent++;
    // A refusal is a connect_error; an auth payload that is not even an object ends the connection.
    const outcome = await withTimeout(
      new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(err.message));
        socket.io.once('close', () => resolve('closed'));
      }),
      10_000,
      'the handshake to be refused',
    );
    socket.close();
    expect(['invalid', 'not_joined', 'closed']).toContain(outcome);
  });

  // Yjs: frames on an editor's and a screen's connection to the flooded board.
  const frames = fc.sample(
    fc.record({ asEditor: fc.boolean(), frames: fc.array(yjsFrame, { minLength: YJS_FRAMES_PER_CONNECTION, maxLength: YJS_FRAMES_PER_CONNECTION }) }),
    { seed: seed + 3, numRuns: count(YJS_CONNECTIONS) },
  );
  const room = `${yjsBaseUrl(server)}/${rooms.board(target.boardId)}`;
  await inBatches(frames, 25, async ({ asEditor, frames: messages }) => {
    const ws = await openRaw(resources, `${room}?key=${asEditor ? target.keys.editor : target.keys.screen}`);
    if (!ws) throw new Error('a keyed Yjs upgrade was refused');
    await sendAll(ws, messages, tally);
  });
  // Frames at and over the size limit.
  for (let i = 0; i < count(OVERSIZE_FRAMES); i++) {
    const ws = await openRaw(resources, `${room}?key=${target.keys.editor}`);
    if (!ws) throw new Error('a keyed Yjs upgrade was refused');
    const size = i % 2 === 0 ? MAX_FRAME_BYTES + 1 : MAX_FRAME_BYTES - 16;
    await sendAll(ws, [syncMessage(syncProtocol.messageYjsUpdate, new Uint8Array(size).fill(i))], tally);
  }
  // Upgrades to made-up rooms and with made-up keys, before any authentication.
  const upgrades = fc.sample(fc.tuple(fc.string({ maxLength: 40 }), fc.option(fc.string({ maxLength: 40 }))), { seed: seed + 4, numRuns: count(BAD_UPGRADES) });
  await inBatches(upgrades, 25, async ([name, key]) => {
    const query = key === null ? '' : `?key=${encodeURIComponent(key)}`;
    // Half the names as they are: a lone % or a broken escape must not throw in the server.
    const path = name.length % 2 === 0 ? encodeURIComponent(name) : name.replace(/[^%\w-]/g, '') + '%E0%A4%A';
    const ws = await openRaw(resources, `${yjsBaseUrl(server)}/${path}${query}`);
    tally.sent++;
    if (ws) throw new Error(`an upgrade to ${JSON.stringify(name)} with key ${JSON.stringify(key)} was accepted`);
  });
  return tally.sent;
}

/** The bystander board as stored: its doc as a fresh screen sees it, and its intents rows. */
async function bystanderState(server: ChildServer, boardId: string, screenKey: string) {
  const screen = await connectBoard(resources, server, boardId, screenKey);
  const doc = screen.doc.toJSON();
  screen.destroy();
  const db = new Database(joinPath(server.dataDir, 'dilna.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const intents = db.prepare('SELECT * FROM intents WHERE board_id = ? ORDER BY rowid').all(boardId);
    return { doc, intents };
  } finally {
    db.close();
  }
}

describe('a flood of malformed input', () => {
  it('over 10,000 bad messages: the server stays up, memory stays bounded, other meetings are untouched, valid clients keep working', { timeout: 120_000 }, async () => {
    const server = await spawnServer(resources, await tempDataDir(resources));

    const bystander = await liveNotesMeeting(server, { prompt: 'Jiné setkání' });
    const bystanderPhone = await connectPhone(resources, server, bystander.meetingId, (await join(server, bystander.joinCode)).cookie);
    expect(await postNote(bystanderPhone, bystander.board.id, 'Lísteček vedle')).toEqual({ ok: true });
    bystanderPhone.close();
    const bystanderBefore = await bystanderState(server, bystander.board.id, bystander.keys.screen);

    const flooded = await liveNotesMeeting(server, { prompt: 'Zadání', notesPerParticipant: 5 });
    const editor = await connectBoard(resources, server, flooded.board.id, flooded.keys.editor);
    const watcher = await connectBoard(resources, server, flooded.board.id, flooded.keys.screen);
    const honest = await connectPhone(resources, server, flooded.meetingId, (await join(server, flooded.joinCode)).cookie);
    const cookies = await Promise.all([1, 2, 3].map(async () => (await join(server, flooded.joinCode)).cookie));
    const target = { meetingId: flooded.meetingId, boardId: flooded.board.id, cookies, keys: flooded.keys };

    // A small round first, so that lazily loaded code and warmed caches are not counted as growth.
    await flood(server, target, SEED - 1, 0.1);
    const rssBefore = residentMb(server);
    const sent = await flood(server, target, SEED, 1);
    const rssAfter = residentMb(server);

    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(server.child.exitCode, server.output()).toBeNull();
    expect((await server.api('GET', '/health')).status).toBe(200);
    expect(rssAfter - rssBefore, `server RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`).toBeLessThan(RSS_GROWTH_CAP_MB);

    // The flooded meeting's own clients never noticed and keep working.
    expect(editor.closes).toEqual([]);
    expect(watcher.closes).toEqual([]);
    expect(honest.socket.connected).toBe(true);
    editor.doc.getText('prompt').insert(0, 'Po záplavě: ');
    await roundTrip(editor);
    expect(await postNote(honest, flooded.board.id, 'Lísteček po záplavě')).toEqual({ ok: true });
    await waitUntil(
      () => watcher.doc.getText('prompt').toString().startsWith('Po záplavě: ') && noteTexts(watcher.doc).includes('Lísteček po záplavě'),
      { message: 'the screen to see the editor and the phone after the flood' },
    );

    // Another meeting is exactly as it was.
    expect(await bystanderState(server, bystander.board.id, bystander.keys.screen)).toEqual(bystanderBefore);
  });
});
