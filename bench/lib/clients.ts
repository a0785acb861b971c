/**
 * The load generator's clients: the JSON API, participants' phones (POST /api/join, then
 * socket.io as the web app's phone view connects) and a board's Y.Doc (the standard
 * y-websocket client: a projector screen with the screen's key, the console with the
 * facilitator's).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  CSRF_HEADER,
  SOCKET_PATH,
  YJS_PATH,
  participantCookieName,
  rooms,
  type AddBoardBody,
  type Board,
  type ClientToServerEvents,
  type GroupDetail,
  type JoinReply,
  type MeetingDetail,
  type ServerToClientEvents,
  type Session,
} from '@dilna/shared';

export type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A JSON API call that fails loudly unless the reply has the expected status. */
export async function api<T>(
  origin: string,
  method: string,
  path: string,
  options: { body?: unknown; key?: string; session?: BenchSession; expect?: number } = {},
): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.key !== undefined) headers['x-dilna-key'] = options.key;
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers[CSRF_HEADER] = options.session.csrfToken;
  }
  const res = await fetch(`${origin}/api${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  if (res.status !== (options.expect ?? 200)) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return { body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** The administrator's password of the servers the benchmarks start (ADMIN_PASSWORD). */
export const BENCH_ADMIN_PASSWORD = 'benchmark-admin-password';

export interface BenchSession {
  cookie: string;
  csrfToken: string;
}

/** A group and a meeting in it, created by the administrator as an administrator would. */
export async function groupAndMeeting(origin: string, meetingTitle: string): Promise<MeetingDetail> {
  const { body, headers } = await api<Session>(origin, 'POST', '/session', { body: { login: 'admin', password: BENCH_ADMIN_PASSWORD } });
  const session = { cookie: /dilna_session=[^;]+/.exec(headers.get('set-cookie') ?? '')![0], csrfToken: body.csrfToken! };
  const { body: group } = await api<GroupDetail>(origin, 'POST', '/groups', { session, body: { name: 'Benchmark' }, expect: 201 });
  const { body: meeting } = await api<MeetingDetail>(origin, 'POST', `/groups/${group.id}/meetings`, {
    session,
    body: { title: meetingTitle, startsAt: '2026-11-24T17:00', place: 'Sokolovna' },
    expect: 201,
  });
  return meeting;
}

/** A group and a meeting with one board, made live over the API as a facilitator would; returns what the scenarios need. */
export async function liveBoardMeeting(
  origin: string,
  meetingTitle: string,
  board: AddBoardBody,
): Promise<{ meeting: MeetingDetail; board: Board; screenKey: string }> {
  const meeting = await groupAndMeeting(origin, meetingTitle);
  const { facilitator: facilitatorKey, screen: screenKey } = meeting.keys;
  if (!facilitatorKey || !screenKey) throw new Error('the new meeting came without its keys');
  const { body: created } = await api<Board>(origin, 'POST', `/meetings/${meeting.id}/boards`, { key: facilitatorKey, body: board, expect: 201 });
  await api<MeetingDetail>(origin, 'PATCH', `/meetings/${meeting.id}`, { key: facilitatorKey, body: { liveBoardId: created.id } });
  return { meeting, board: created, screenKey };
}

/** Joins by code as a phone does; returns the `name=value` participant cookie. */
export async function joinByCode(origin: string, code: string): Promise<{ meetingId: string; cookie: string }> {
  const { body, headers } = await api<JoinReply>(origin, 'POST', '/join', { body: { code } });
  const name = participantCookieName(body.meetingId);
  const pair = headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));
  if (!pair) throw new Error('join set no participant cookie');
  return { meetingId: body.meetingId, cookie: pair };
}

/** Connects one phone's socket.io client (WebSocket only, no reconnection) and waits for `connect`. */
export function connectPhone(origin: string, meetingId: string, cookie: string | null, timeoutMs = 15_000): Promise<PhoneSocket> {
  const socket: PhoneSocket = io(origin, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { meetingId },
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export interface BoardDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/**
 * A client of a board's Yjs room with a meeting's key (the screen's for a projector, the
 * facilitator's for the console); resolves once the first sync is done.
 */
export async function connectBoardDoc(port: number, boardId: string, key: string, timeoutMs = 15_000): Promise<BoardDoc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}${YJS_PATH}`, rooms.board(boardId), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { key },
    // In Node two providers of one room would otherwise talk in-process, past the server.
    disableBc: true,
  });
  const client: BoardDoc = {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error('the board doc did not sync'));
    }, timeoutMs);
    const done = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', done);
      resolve();
    };
    provider.on('sync', done);
  });
  return client;
}

/** Runs `work` over `items` with at most `limit` in flight; keeps each outcome in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Waits until `condition` holds, checking every 10 ms; false if `timeoutMs` passed first. */
export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}
