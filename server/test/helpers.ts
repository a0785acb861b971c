/**
 * Integration-test harness: the real app on port 0 with a real SQLite file in a temporary
 * folder, driven through its real transports (fetch, socket.io-client, y-websocket, ws).
 * Nothing here mocks the database or the sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import { afterEach, expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CSRF_HEADER,
  SOCKET_PATH,
  type Account,
  type Session,
  YJS_PATH,
  participantCookieName,
  rooms,
  type Board,
  type ClientToServerEvents,
  type ErrorReply,
  type GroupDetail,
  type IntentAck,
  type IntentEnvelope,
  type MeetingDetail,
  type MeetingDocState,
  type MineState,
  type PhoneState,
  type ServerToClientEvents,
} from '@dilna/shared';
import { notes, type NotesView } from '@dilna/shared/boards/notes';
import { buildApp } from '../src/app.ts';
import type { AppConfig } from '../src/config.ts';

export const TEST_COOKIE_SECRET = 'integration-test-cookie-secret-0123456789';
/** The administrator's password of every test server (ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'integration-test-admin-password';
export const KEY_HEADER = 'x-dilna-key';

// ---------------------------------------------------------------------------------------------
// Resources: everything a test opens is closed after it, in reverse order.

export class Resources {
  private readonly stack: (() => unknown)[] = [];

  /** Registers a clean-up step; returns `value` for chaining. */
  add<T>(value: T, dispose: (value: T) => unknown): T {
    this.stack.push(() => dispose(value));
    return value;
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    while (this.stack.length > 0) {
      try {
        await this.stack.pop()!();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'clean-up failed');
  }
}

/** Resources disposed after each test of the calling file. */
export function useResources(): Resources {
  const resources = new Resources();
  afterEach(() => resources.dispose());
  return resources;
}

// ---------------------------------------------------------------------------------------------
// Waiting without fixed sleeps.

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  message?: string;
}

/** Polls `predicate` until it returns a truthy value (which is returned) or the timeout passes. */
export async function waitUntil<T>(predicate: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeout = 5000, interval = 10, message = 'condition' } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const error = new Error(`timed out after ${timeout} ms waiting for ${message}`);
      if (lastError) error.cause = lastError;
      throw error;
    }
    await sleep(interval);
  }
}

/** Retries an assertion until it passes; rethrows its last failure on timeout. */
export async function eventually(assertion: () => void | Promise<void>, options: WaitOptions = {}): Promise<void> {
  const { timeout = 5000, interval = 10 } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await sleep(interval);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `timeout` ms (the timer is cleared either way). */
export function withTimeout<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// The app.

/** A running server, in this process or another one. */
export interface ServerTarget {
  dataDir: string;
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  api: ApiClient;
}

/** The app built in this process. */
export interface TestServer extends ServerTarget {
  app: FastifyInstance;
  config: AppConfig;
  close(): Promise<void>;
}

export async function tempDataDir(resources: Resources): Promise<string> {
  const dir = await mkdtemp(joinPath(tmpdir(), 'dilna-test-'));
  return resources.add(dir, (d) => rm(d, { recursive: true, force: true }));
}

export interface StartOptions {
  /** Reuse a data folder (to restart on the same database); a fresh one otherwise. */
  dataDir?: string;
  docIdleUnloadMs?: number;
  snapshotIntervalMs?: number;
  /** The built web app to serve (none by default). */
  webDir?: string;
  allowedOrigins?: string[];
  sessionMaxAgeMs?: number;
  clock?: () => Date;
  yjsAccessCheckMs?: number;
  /** Where the server's log goes (none by default). */
  logStream?: NodeJS.WritableStream;
}

/** Builds the real app on a real SQLite file and listens on an ephemeral port. */
export async function startServer(resources: Resources, options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await tempDataDir(resources));
  const config: AppConfig = {
    dataDir,
    webDir: options.webDir ?? null,
    cookieSecret: TEST_COOKIE_SECRET,
    publicUrl: null,
    adminPassword: TEST_ADMIN_PASSWORD,
    cookieSecure: false,
    ...(options.docIdleUnloadMs !== undefined ? { docIdleUnloadMs: options.docIdleUnloadMs } : {}),
    ...(options.snapshotIntervalMs !== undefined ? { snapshotIntervalMs: options.snapshotIntervalMs } : {}),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.sessionMaxAgeMs !== undefined ? { sessionMaxAgeMs: options.sessionMaxAgeMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.yjsAccessCheckMs !== undefined ? { yjsAccessCheckMs: options.yjsAccessCheckMs } : {}),
  };
  const app = await buildApp(config, options.logStream ? { logger: { stream: options.logStream } } : {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | null = null;
  const server: TestServer = {
    app,
    config,
    dataDir,
    port,
    origin,
    api: apiClient(origin),
    close: () => (closed ??= app.close()),
  };
  resources.add(server, (s) => s.close());
  return server;
}

/** The server as `npm start` runs it: a separate Node process (so that it can really be killed). */
export interface ChildServer extends ServerTarget {
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A port nobody listens on now (to restart a killed server where its clients look for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Spawns `node --import tsx server/src/server.ts` (on an ephemeral port unless given) and waits until it listens. */
export async function spawnServer(resources: Resources, dataDir: string, options: { port?: number } = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DILNA_SECRET: TEST_COOKIE_SECRET,
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      WEB_DIR: joinPath(dataDir, 'no-web'),
      LOG: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  resources.add(child, async (c) => {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await exited;
    }
  });
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  const port = await waitUntil(
    () => {
      if (exitedEarly) throw new Error(`the server exited early:\n${output}`);
      const match = /on this computer:\s+http:\/\/localhost:(\d+)/.exec(output);
      return match ? Number(match[1]) : null;
    },
    { timeout: 15_000, interval: 25, message: 'the server process to listen' },
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\n${output}`);
  });
  const origin = `http://127.0.0.1:${port}`;
  return { child, dataDir, port, origin, api: apiClient(origin), output: () => output, exited };
}

/** What the SQLite file holds for one Yjs doc: the snapshot (if any) and the log after it. */
export function storedDoc(dataDir: string, docName: string): { snapshotUpTo: number | null; updates: number } {
  const db = new Database(joinPath(dataDir, 'dilna.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const snapshot = db.prepare('SELECT up_to_id AS upTo FROM yjs_snapshots WHERE doc_name = ?').get(docName) as
      | { upTo: number }
      | undefined;
    const { n } = db.prepare('SELECT count(*) AS n FROM yjs_updates WHERE doc_name = ?').get(docName) as { n: number };
    return { snapshotUpTo: snapshot?.upTo ?? null, updates: n };
  } finally {
    db.close();
  }
}

/** A board's live (not voided) intents as stored, in the order they were accepted. */
export interface StoredIntent {
  participant: string;
  intent: { type: string };
  scope: string;
}

/**
 * Replays a board's stored dot taps in order and expects no participant's dots ever to go below
 * zero or above the budget: what the server wrote, not what it said.
 */
export function expectStoredDotsWithinBudget(dataDir: string, boardId: string, budget: number): StoredIntent[] {
  const db = new Database(joinPath(dataDir, 'dilna.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT participant_id AS participant, payload, scope FROM intents WHERE board_id = ? AND voided_at IS NULL ORDER BY rowid')
      .all(boardId) as { participant: string; payload: string; scope: string }[];
    const stored = rows.map(({ participant, payload, scope }) => ({ participant, intent: JSON.parse(payload) as { type: string }, scope }));
    const net = new Map<string, number>();
    for (const { participant, intent } of stored) {
      if (intent.type !== 'dot.add' && intent.type !== 'dot.remove') continue;
      net.set(participant, (net.get(participant) ?? 0) + (intent.type === 'dot.add' ? 1 : -1));
      expect(net.get(participant)).toBeLessThanOrEqual(budget);
      expect(net.get(participant)).toBeGreaterThanOrEqual(0);
    }
    return stored;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The JSON API.

export interface ApiReply<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiRequest {
  /** JSON-encoded as the body. */
  body?: unknown;
  /** Sent as is (for malformed or oversize bodies). */
  raw?: string;
  /** The meeting's secret-link key, in the `x-dilna-key` header. */
  key?: string;
  cookie?: string;
  /** A login: its cookie and its CSRF token in the header (a browser's session sends both). */
  session?: TestSession;
  headers?: Record<string, string>;
}

/** Calls the API; the reply type defaults to the error shape, success calls name theirs. */
export type ApiClient = <T = ErrorReply>(method: string, path: string, request?: ApiRequest) => Promise<ApiReply<T>>;

export function apiClient(origin: string): ApiClient {
  return async <T = ErrorReply>(method: string, path: string, request: ApiRequest = {}): Promise<ApiReply<T>> => {
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (request.raw !== undefined) {
      body = request.raw;
      headers['content-type'] ??= 'application/json';
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    if (request.key !== undefined) headers[KEY_HEADER] = request.key;
    if (request.session) {
      headers.cookie = request.session.cookie;
      headers[CSRF_HEADER] = request.session.csrfToken;
    }
    if (request.cookie !== undefined) headers.cookie = request.cookie;
    const res = await fetch(`${origin}/api${path}`, { method, headers, body });
    const text = await res.text();
    const json: unknown = res.headers.get('content-type')?.includes('application/json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: json as T, text };
  };
}

/** Fails with the reply in the message when the status is not the expected one. */
export function expectStatus<T>(reply: ApiReply<T>, status: number): T {
  if (reply.status !== status) throw new Error(`expected HTTP ${status}, got ${reply.status}: ${reply.text}`);
  return reply.body;
}

/** A logged-in account: the session cookie as a browser would send it, and the CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  user: Account;
}

/** Logs in through the API; the status is the caller's to check with `expectStatus`. */
export async function logIn(server: ServerTarget, login: string, password: string): Promise<ApiReply<Session> & { session: TestSession | null }> {
  const reply = await server.api<Session>('POST', '/session', { body: { login, password } });
  const cookie = /dilna_session=[^;]+/.exec(reply.headers.get('set-cookie') ?? '')?.[0];
  const session = reply.status === 200 && cookie ? { cookie, csrfToken: reply.body.csrfToken!, user: reply.body.user! } : null;
  return { ...reply, session };
}

const adminSessions = new WeakMap<ServerTarget, TestSession>();

/** The administrator's session on this server (logged in once per server). */
export async function loginAsAdmin(server: ServerTarget): Promise<TestSession> {
  const known = adminSessions.get(server);
  if (known) return known;
  const { session, text } = await logIn(server, 'admin', TEST_ADMIN_PASSWORD);
  if (!session) throw new Error(`the administrator could not log in: ${text}`);
  adminSessions.set(server, session);
  return session;
}

/** Creates an account as the administrator and logs it in. */
export async function createUser(
  server: ServerTarget,
  login: string,
  options: { role?: 'admin' | 'user'; password?: string } = {},
): Promise<TestSession> {
  const password = options.password ?? `${login}-password-123`;
  const admin = await loginAsAdmin(server);
  expectStatus(await server.api('POST', '/accounts', { session: admin, body: { login, name: login, password, role: options.role ?? 'user' } }), 201);
  const { session, text } = await logIn(server, login, password);
  if (!session) throw new Error(`${login} could not log in: ${text}`);
  return session;
}

/** Makes an account a facilitator or member of a group, as the administrator. */
export async function addToGroup(server: ServerTarget, groupId: string, user: TestSession, role: 'facilitator' | 'member') {
  const admin = await loginAsAdmin(server);
  expectStatus(await server.api('PUT', `/groups/${groupId}/members/${user.user.id}`, { session: admin, body: { role } }), 200);
}

export interface MeetingFixture {
  group: GroupDetail;
  meeting: MeetingDetail;
  meetingId: string;
  joinCode: string;
  keys: { facilitator: string; editor: string; screen: string };
}

/** A group created by the administrator. */
export async function createGroup(server: ServerTarget, name = 'Pracovní skupina Ponava'): Promise<GroupDetail> {
  return expectStatus(await server.api<GroupDetail>('POST', '/groups', { session: await loginAsAdmin(server), body: { name } }), 201);
}

export async function createMeeting(
  server: ServerTarget,
  options: { group?: GroupDetail; title?: string; startsAt?: string; session?: TestSession } = {},
): Promise<MeetingFixture> {
  const group = options.group ?? (await createGroup(server));
  const meeting = expectStatus(
    await server.api<MeetingDetail>('POST', `/groups/${group.id}/meetings`, {
      session: options.session ?? (await loginAsAdmin(server)),
      body: { title: options.title ?? 'Veřejné projednání', startsAt: options.startsAt ?? '2026-11-24T17:00', place: 'Sokolovna' },
    }),
    201,
  );
  const { facilitator, editor, screen } = meeting.keys;
  if (!facilitator || !editor || !screen) throw new Error('the creator did not get every key');
  return { group, meeting, meetingId: meeting.id, joinCode: meeting.joinCode, keys: { facilitator, editor, screen } };
}

export interface NotesBoardOptions {
  title?: string;
  prompt?: string;
  notesPerParticipant?: number;
}

export async function addNotesBoard(server: ServerTarget, fixture: MeetingFixture, options: NotesBoardOptions = {}): Promise<Board> {
  return expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: {
        kind: 'notes',
        title: options.title ?? 'Co tu chybí?',
        settings: { prompt: options.prompt ?? 'Co by mělo v parku být?', notesPerParticipant: options.notesPerParticipant ?? 3 },
      },
    }),
    201,
  );
}

export async function makeLive(server: ServerTarget, fixture: MeetingFixture, boardId: string | null): Promise<MeetingDetail> {
  return expectStatus(
    await server.api<MeetingDetail>('PATCH', `/meetings/${fixture.meetingId}`, {
      key: fixture.keys.facilitator,
      body: { liveBoardId: boardId },
    }),
    200,
  );
}

export async function setBoardStatus(server: ServerTarget, fixture: MeetingFixture, boardId: string, status: Board['status']) {
  return expectStatus(
    await server.api<Board>('PATCH', `/meetings/${fixture.meetingId}/boards/${boardId}`, {
      key: fixture.keys.facilitator,
      body: { status },
    }),
    200,
  );
}

/** A meeting with one note wall that is live (and therefore open). */
export async function liveNotesMeeting(server: ServerTarget, options: NotesBoardOptions = {}) {
  const fixture = await createMeeting(server);
  const board = await addNotesBoard(server, fixture, options);
  await makeLive(server, fixture, board.id);
  return { ...fixture, board };
}

// ---------------------------------------------------------------------------------------------
// Participants' phones.

export interface Joined {
  meetingId: string;
  title: string;
  /** `name=value`, ready for a Cookie header. */
  cookie: string;
  /** The participant id the server signed into the cookie. */
  participantId: string;
}

/** POST /api/join; on success returns the signed participant cookie. */
export async function join(server: ServerTarget, code: string, cookie?: string): Promise<Joined> {
  const reply = await server.api<{ meetingId: string; title: string }>('POST', '/join', {
    body: { code },
    ...(cookie ? { cookie } : {}),
  });
  const { meetingId, title } = expectStatus(reply, 200);
  const name = participantCookieName(meetingId);
  const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!setCookie) throw new Error('join did not set the participant cookie');
  const pair = setCookie.split(';')[0]!;
  const signed = decodeURIComponent(pair.slice(name.length + 1));
  return { meetingId, title, cookie: pair, participantId: signed.slice(0, signed.lastIndexOf('.')) };
}

export type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Phone {
  socket: PhoneSocket;
  /** Every state received, oldest first. */
  states: PhoneState[];
  /** Every `mine` (the participant's own part of a board) received, oldest first. */
  mines: MineState[];
  intent(envelope: IntentEnvelope): Promise<IntentAck>;
  /** Waits for a state (already received or coming) that satisfies `predicate`. */
  waitForState(predicate: (state: PhoneState) => boolean, timeout?: number): Promise<PhoneState>;
  close(): void;
}

export interface PhoneOptions {
  transports?: ('websocket' | 'polling')[];
  /** The auth payload; `{ meetingId }` unless given. */
  auth?: unknown;
  /** Reconnect by itself after the server went away, as the web app does (off unless asked). */
  reconnection?: boolean;
}

/** Connects a phone's socket.io client; rejects with the server's `connect_error` message. */
export async function connectPhone(
  resources: Resources,
  server: ServerTarget,
  meetingId: string,
  cookie: string | null,
  options: PhoneOptions = {},
): Promise<Phone> {
  const socket: PhoneSocket = io(server.origin, {
    path: SOCKET_PATH,
    transports: options.transports ?? ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    auth: (options.auth ?? { meetingId }) as Record<string, unknown>,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
    timeout: 5000,
  });
  resources.add(socket, (s) => s.close());
  const states: PhoneState[] = [];
  const mines: MineState[] = [];
  // Listening before the connection completes: the server sends the current state right away.
  socket.on('state', (state) => states.push(state));
  socket.on('mine', (mine) => mines.push(mine));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    states,
    mines,
    intent: (envelope) => socket.timeout(5000).emitWithAck('intent', envelope),
    waitForState: (predicate, timeout = 5000) =>
      waitUntil(() => states.findLast(predicate), { timeout, message: 'a matching phone state' }),
    close: () => socket.close(),
  };
}

let opCounter = 0;
/** A fresh operation id, as a phone would make one. */
export const newOpId = () => `op-${process.pid}-${Date.now().toString(36)}-${(opCounter++).toString(36)}`;

export const postNote = (phone: Phone, boardId: string, text: string, opId = newOpId()) =>
  phone.intent({ opId, boardId, intent: { type: 'note.post', text } });

// ---------------------------------------------------------------------------------------------
// Yjs: the standard y-websocket client, as browsers use it.

export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the server sent this provider. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export const yjsBaseUrl = (server: ServerTarget) => `ws://127.0.0.1:${server.port}${YJS_PATH}`;

/**
 * Connects a `WebsocketProvider` and waits until it has synced. BroadcastChannel is disabled:
 * in Node two providers of the same room would otherwise talk to each other in-process,
 * bypassing the server (and its read-only rule) entirely.
 */
export async function connectYjs(
  resources: Resources,
  server: ServerTarget,
  room: string,
  key: string | null,
  options: { doc?: Y.Doc; waitForSync?: boolean; cookie?: string } = {},
): Promise<YjsClient> {
  const doc = options.doc ?? new Y.Doc();
  const { cookie } = options;
  // A browser sends its cookies with the upgrade; the `ws` client only when told to.
  const socket = cookie
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } });
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(yjsBaseUrl(server), room, doc, {
    WebSocketPolyfill: socket as unknown as typeof globalThis.WebSocket,
    params: key === null ? {} : { key },
    connect: true,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closes: YjsClient['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  let destroyed = false;
  const client: YjsClient = {
    doc,
    provider,
    closes,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
  resources.add(client, (c) => c.destroy());
  if (options.waitForSync ?? true) await waitUntil(() => provider.synced, { message: `sync of ${room}` });
  return client;
}

/**
 * Waits until the server has processed everything this client sent so far: it sends a sync
 * step 1 and waits for the server's step 2 reply on the same connection (the server handles a
 * connection's messages in order). Step 2 only ever comes as such a reply; broadcasts are updates.
 */
export async function roundTrip(client: YjsClient, timeout = 5000): Promise<void> {
  const ws = client.provider.ws as unknown as WebSocket | null;
  if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error('the provider is not connected');
  const reply = new Promise<void>((resolve) => {
    const onMessage = (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (bytes[0] === 0 && bytes[1] === syncProtocol.messageYjsSyncStep2) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, client.doc);
  ws.send(encoding.toUint8Array(encoder));
  await withTimeout(reply, timeout, 'the server to answer a sync step 1');
}

export const connectBoard = (resources: Resources, server: ServerTarget, boardId: string, key: string) =>
  connectYjs(resources, server, rooms.board(boardId), key);

export const notesOf = (doc: Y.Doc): NotesView => notes.view(doc);
export const noteTexts = (doc: Y.Doc): string[] => notesOf(doc).notes.map((n) => n.text);
export const meetingState = (doc: Y.Doc) => doc.getMap('meeting').get('state') as MeetingDocState | undefined;

// ---------------------------------------------------------------------------------------------
// Raw WebSockets on the Yjs endpoint, for what the standard client would never send.

export interface RawSocket {
  ws: WebSocket;
  /** Settles when the connection closes, with the close code the client saw. */
  closed: Promise<{ code: number; reason: string }>;
}
export type RawOpen = (RawSocket & { status?: undefined }) | { ws?: undefined; status: number };

/** Opens a bare WebSocket to `/yjs/<room>`; resolves with the socket, or with the HTTP status that refused it. */
export function openRawYjs(resources: Resources, server: ServerTarget, room: string, key: string | null, cookie?: string): Promise<RawOpen> {
  const query = key === null ? '' : `?key=${encodeURIComponent(key)}`;
  const ws = new WebSocket(`${yjsBaseUrl(server)}/${room}${query}`, cookie ? { headers: { cookie } } : {});
  ws.binaryType = 'arraybuffer';
  resources.add(ws, (s) => s.terminate());
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** A y-websocket sync message (step 1, step 2 or update) around `payload`, whatever it holds. */
export function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Waits for a raw socket to be closed by the server (failing after `timeout`). */
export function closeOf(raw: RawSocket, timeout = 5000): Promise<{ code: number; reason: string }> {
  return withTimeout(raw.closed, timeout, 'the server to close the connection');
}
