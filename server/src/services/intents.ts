import {
  boardKind,
  intentEnvelopeSchema,
  parseRoom,
  rooms,
  type AcceptedIntent,
  type AnyBoardKind,
  type IntentAck,
  type IntentErrorCode,
  type MineState,
} from '@dilna/shared';
import type * as Y from 'yjs';
import type { DocRegistry } from '../collab/docs.ts';
import { newId } from '../ids.ts';
import type { Repositories } from '../repositories/index.ts';

/** Delay that folds a burst of intents into one projection. */
const PROJECTION_DELAY_MS = 25;

const refuse = (code: IntentErrorCode, message: string): IntentAck => ({ ok: false, error: { code, message } });

/**
 * Participants' intents: checked by the board kind's rule, recorded in SQLite in one
 * transaction (an operation id lands once), then projected as an aggregate into the board's doc.
 */
export class IntentsService {
  private readonly pendingProjections = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
  ) {
    // A crash can fall between the commit of an intent and its projection: reconcile on load.
    docs.on('load', (name, doc) => {
      const room = parseRoom(name);
      if (room?.type === 'board') this.projectInto(room.id, doc);
    });
  }

  submit(meetingId: string, participantId: string, envelope: unknown): IntentAck {
    const parsedEnvelope = intentEnvelopeSchema.safeParse(envelope);
    if (!parsedEnvelope.success) return refuse('invalid', describe(parsedEnvelope.error.issues));
    const { opId, boardId, intent } = parsedEnvelope.data;

    const board = this.repos.boards.get(boardId);
    const meeting = this.repos.meetings.get(meetingId);
    if (!board || !meeting || board.meetingId !== meetingId) return refuse('unknown_board', 'no such board in this meeting');
    const kind = boardKind(board.kind);
    if (!kind) return refuse('unknown_board', 'unknown board kind');

    const parsed = kind.intentSchema.safeParse(intent);
    if (!parsed.success) return refuse('invalid', describe(parsed.error.issues));

    const ack = this.repos.intents.transaction((): IntentAck => {
      if (this.repos.intents.findOperation(participantId, opId)) return { ok: true };
      if (meeting.liveBoardId !== boardId) return refuse('not_live', 'this board is not live');
      if (board.status !== 'open') return refuse('closed', 'this board is closed');
      const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
      const check = kind.checkIntent(parsed.data, previous, kind.settingsSchema.parse(board.settings));
      if (!check.ok) return refuse(check.code, check.message);
      this.repos.intents.insert({ id: newId(), boardId, participantId, opId, payload: parsed.data });
      return { ok: true };
    });
    if (ack.ok) this.scheduleProjection(boardId);
    return ack;
  }

  /** The participant's own part of a board, for their phones. */
  mine(participantId: string, boardId: string): MineState | null {
    const board = this.repos.boards.get(boardId);
    const kind = board && boardKind(board.kind);
    if (!kind) return null;
    const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
    return { boardId, mine: kind.mine(previous, kind.settingsSchema.parse(board.settings)) };
  }

  private scheduleProjection(boardId: string): void {
    if (this.pendingProjections.has(boardId)) return;
    const timer = setTimeout(() => {
      this.pendingProjections.delete(boardId);
      if (this.repos.boards.get(boardId)) this.projectInto(boardId, this.docs.get(rooms.board(boardId)));
    }, PROJECTION_DELAY_MS);
    this.pendingProjections.set(boardId, timer);
  }

  /** Runs every scheduled projection now (on shutdown). */
  flush(): void {
    for (const [boardId, timer] of this.pendingProjections) {
      clearTimeout(timer);
      this.pendingProjections.delete(boardId);
      if (this.repos.boards.get(boardId)) this.projectInto(boardId, this.docs.get(rooms.board(boardId)));
    }
  }

  private projectInto(boardId: string, doc: Y.Doc): void {
    const board = this.repos.boards.get(boardId);
    const kind: AnyBoardKind | undefined = board && boardKind(board.kind);
    if (!kind) return;
    const accepted: AcceptedIntent<unknown>[] = this.repos.intents
      .listByBoard(boardId)
      .map((r) => ({ id: r.id, intent: r.payload, at: r.createdAt }));
    kind.project(doc, kind.aggregate(accepted));
  }
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
