import { z } from 'zod';
import type { BoardKindName } from '../boards/index.ts';
import { idSchema, opIdSchema } from '../schemas/common.ts';
import type { BoardStatus } from '../schemas/api.ts';
import type { IntentErrorCode } from './errors.ts';

export * from './constants.ts';
export * from './errors.ts';

/** Yjs rooms: one Y.Doc per trust boundary. */
export const rooms = {
  /** Written by the server only: the meeting's agenda, live board, join code and head count. */
  meeting: (meetingId: string) => `meeting:${meetingId}`,
  board: (boardId: string) => `board:${boardId}`,
  /** One table of a board that seats people (world café), written by that table's host and the meeting's editors. */
  table: (boardId: string, tableId: string) => `table:${boardId}:${tableId}`,
  /** The meeting's minutes, written by its facilitator and editors. */
  minutes: (meetingId: string) => `minutes:${meetingId}`,
  /** A plan's goals, measures and cards, written by its editors (accounts) and by the links of a meeting that works on it. */
  plan: (planId: string) => `plan:${planId}`,
};

export type ParsedRoom = { type: 'meeting' | 'board' | 'minutes' | 'plan'; id: string } | { type: 'table'; id: string; tableId: string };

export function parseRoom(room: string): ParsedRoom | null {
  const table = /^table:([A-Za-z0-9_-]{8,40}):([A-Za-z0-9_-]{1,40})$/.exec(room);
  if (table) return { type: 'table', id: table[1]!, tableId: table[2]! };
  const match = /^(meeting|board|minutes|plan):([A-Za-z0-9_-]{8,40})$/.exec(room);
  return match ? { type: match[1] as 'meeting' | 'board' | 'minutes' | 'plan', id: match[2]! } : null;
}

/** Cookie that identifies a participant in one meeting (signed by the server). */
export const participantCookieName = (meetingId: string) => `dilna_p_${meetingId}`;

export const intentEnvelopeSchema = z.object({
  opId: opIdSchema,
  boardId: idSchema,
  intent: z.unknown(),
});
export type IntentEnvelope = z.infer<typeof intentEnvelopeSchema>;

export const socketAuthSchema = z.object({ meetingId: idSchema });

export type IntentAck = { ok: true } | { ok: false; error: { code: IntentErrorCode; message: string } };

export interface LiveBoardState {
  id: string;
  kind: BoardKindName;
  title: string;
  status: BoardStatus;
  view: unknown;
}

/** What a phone sees of its meeting; sent coalesced. */
export interface PhoneState {
  protocol: number;
  /** The server's clock when it sent this (ms since the epoch), so that phones count down with the server's time. */
  now: number;
  meeting: { id: string; title: string };
  live: LiveBoardState | null;
}

/** A participant's own part of a board; sent only to that participant's phones. */
export interface MineState {
  boardId: string;
  mine: unknown;
}

/** What the server writes into the meeting doc (`rooms.meeting`) under the key `state`. */
export interface MeetingDocState {
  title: string;
  startsAt: string;
  place: string;
  joinCode: string;
  liveBoardId: string | null;
  participants: number;
  boards: { id: string; kind: BoardKindName; title: string; status: BoardStatus }[];
}

export interface ServerToClientEvents {
  state: (state: PhoneState) => void;
  mine: (mine: MineState) => void;
}
export interface ClientToServerEvents {
  intent: (envelope: IntentEnvelope, ack: (reply: IntentAck) => void) => void;
}
