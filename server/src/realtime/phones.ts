import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  PHONE_STATE_HZ,
  SOCKET_PATH,
  parseRoom,
  participantCookieName,
  socketAuthSchema,
  type ClientToServerEvents,
  type IntentAck,
  type ServerToClientEvents,
} from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import type { IntentsService, SubmitOutcome } from '../services/intents.ts';
import type { LiveService } from '../services/live.ts';
import type { ParticipantsService } from '../services/participants.ts';
import type { Notifier } from './notifier.ts';

/** Intents are small; anything bigger is refused at the transport. */
const MAX_PHONE_MESSAGE_BYTES = 16 * 1024;

interface SocketData {
  meetingId: string;
  participantId: string;
}

type PhoneSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface PhoneChannelDeps {
  notifier: Notifier;
  docs: DocRegistry;
  live: LiveService;
  participants: ParticipantsService;
  intents: IntentsService;
  /** Whether a handshake's Origin may open a phone's socket. */
  allowOrigin: (req: IncomingMessage) => boolean;
  /** Verifies a signed cookie value and returns what was signed, or null. */
  unsign: (value: string) => string | null;
}

const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
const participantRoom = (participantId: string) => `participant:${participantId}`;

/**
 * The participants' socket.io channel: phones send intents and receive their meeting's state,
 * coalesced so that a burst of changes costs one broadcast per meeting per tick.
 */
export function createPhoneChannel(httpServer: HttpServer, deps: PhoneChannelDeps) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_PHONE_MESSAGE_BYTES,
    // The Yjs endpoint shares this HTTP server: leave upgrades that are not ours alone.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(null, deps.allowOrigin(req)),
  });

  const dirty = new Set<string>();
  let flushTimer: NodeJS.Timeout | null = null;

  const liveBoards = new Map<string, string | null>();

  const flush = () => {
    flushTimer = null;
    for (const meetingId of dirty) {
      const state = deps.live.phoneState(meetingId);
      if (!state) continue;
      io.to(meetingRoom(meetingId)).emit('state', state);
      const liveBoardId = state.live?.id ?? null;
      if (liveBoards.get(meetingId) !== liveBoardId) {
        liveBoards.set(meetingId, liveBoardId);
        if (liveBoardId) sendMineToEveryone(meetingId, liveBoardId);
      }
    }
    dirty.clear();
  };

  /** A newly live board: each phone gets its own part of it. */
  const sendMineToEveryone = (meetingId: string, boardId: string) => {
    for (const socketId of io.sockets.adapter.rooms.get(meetingRoom(meetingId)) ?? []) {
      const socket = io.sockets.sockets.get(socketId);
      const mine = socket && deps.intents.mine(socket.data.participantId, boardId);
      if (mine) socket.emit('mine', mine);
    }
  };

  const markDirty = (meetingId: string) => {
    if (!io.sockets.adapter.rooms.get(meetingRoom(meetingId))?.size) return;
    dirty.add(meetingId);
    flushTimer ??= setTimeout(flush, 1000 / PHONE_STATE_HZ);
  };

  deps.notifier.on('meeting', markDirty);
  deps.notifier.on('participantsPart', sendMineToEveryone);
  deps.notifier.on('meetingDeleted', (meeting) => {
    io.in(meetingRoom(meeting.id)).disconnectSockets(true);
    liveBoards.delete(meeting.id);
  });
  deps.docs.on('update', (name) => {
    const room = parseRoom(name);
    if (room?.type !== 'board' && room?.type !== 'table') return;
    const meetingId = deps.live.meetingOfBoard(room.id);
    if (meetingId) markDirty(meetingId);
  });

  io.use((socket, next) => {
    const auth = socketAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('invalid'));
    const { meetingId } = auth.data;
    const signed = parseCookies(socket.request.headers.cookie)[participantCookieName(meetingId)];
    try {
      const participantId = deps.participants.identify(meetingId, signed ? deps.unsign(signed) : null);
      socket.data = { meetingId, participantId };
      next();
    } catch {
      next(new Error('not_joined'));
    }
  });

  io.on('connection', (socket: PhoneSocket) => {
    const { meetingId, participantId } = socket.data;
    void socket.join([meetingRoom(meetingId), participantRoom(participantId)]);
    const state = deps.live.phoneState(meetingId);
    if (state) socket.emit('state', state);
    // This phone gets its part of the live board now; a later flush re-sends it to all only when the live board changes.
    if (!liveBoards.has(meetingId)) liveBoards.set(meetingId, state?.live?.id ?? null);
    const mine = state?.live && deps.intents.mine(participantId, state.live.id);
    if (mine) socket.emit('mine', mine);

    socket.on('intent', (envelope: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      let outcome: SubmitOutcome;
      try {
        outcome = deps.intents.submit(meetingId, participantId, envelope);
      } catch {
        outcome = { ack: { ok: false, error: { code: 'server_error', message: 'the answer could not be recorded' } }, mine: null };
      }
      (ack as (reply: IntentAck) => void)(outcome.ack);
      if (outcome.mine) io.to(participantRoom(participantId)).emit('mine', outcome.mine);
    });
  });

  return {
    io,
    /** Ends every phone's connection now; upgraded sockets would otherwise keep the HTTP server from closing. */
    disconnectAll: () => {
      io.disconnectSockets(true);
      io.engine.close();
    },
    close: () => {
      if (flushTimer) clearTimeout(flushTimer);
      return io.close();
    },
  };
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie is simply absent
    }
  }
  return cookies;
}
