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
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';

/** Delay that folds a burst of intents into one projection. */
const PROJECTION_DELAY_MS = 25;
/** Delay that folds a burst of editors' changes into one look at whether a live board's rules changed. */
const RULES_CHECK_DELAY_MS = 250;

export interface SubmitOutcome {
  ack: IntentAck;
  /** The participant's own part of the board after this intent (null when refused). */
  mine: MineState | null;
}

const refused = (code: IntentErrorCode, message: string): SubmitOutcome => ({
  ack: { ok: false, error: { code, message } },
  mine: null,
});

/**
 * Participants' intents: checked by the board kind's rule, recorded in SQLite in one
 * transaction (an operation id lands once), then projected as an aggregate into the board's doc.
 */
export class IntentsService {
  private readonly pendingProjections = new Map<string, NodeJS.Timeout>();
  /** Each board's rules as derived from its doc; dropped whenever the doc changes. */
  private readonly rulesCache = new Map<string, unknown>();
  /** The rules each board's phones last had their own part computed with, as JSON. */
  private readonly rulesSeen = new Map<string, string>();
  private readonly pendingRulesChecks = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly notifier: Notifier,
  ) {
    // A crash can fall between the commit of an intent and its projection: reconcile on load.
    docs.on('load', (name, doc) => {
      const room = parseRoom(name);
      if (room?.type === 'board') this.projectInto(room.id, doc);
    });
    docs.on('update', (name) => {
      const room = parseRoom(name);
      if (room?.type !== 'board') return;
      this.rulesCache.delete(room.id);
      this.scheduleRulesCheck(room.id);
    });
    docs.on('delete', (name) => {
      const room = parseRoom(name);
      if (room?.type !== 'board') return;
      this.rulesCache.delete(room.id);
      this.rulesSeen.delete(room.id);
    });
  }

  /** Checks and records one intent; on success also returns the participant's own part of the board. */
  submit(meetingId: string, participantId: string, envelope: unknown): SubmitOutcome {
    const parsedEnvelope = intentEnvelopeSchema.safeParse(envelope);
    if (!parsedEnvelope.success) return refused('invalid', describe(parsedEnvelope.error.issues));
    const { opId, boardId, intent } = parsedEnvelope.data;

    const board = this.repos.boards.get(boardId);
    const meeting = this.repos.meetings.get(meetingId);
    if (!board || !meeting || board.meetingId !== meetingId) return refused('unknown_board', 'no such board in this meeting');
    const kind = boardKind(board.kind);
    if (!kind) return refused('unknown_board', 'unknown board kind');

    const parsed = kind.intentSchema.safeParse(intent);
    if (!parsed.success) return refused('invalid', describe(parsed.error.issues));

    const rules = this.rulesOf(boardId, kind, board.settings);
    const mineOf = (intents: unknown[]): MineState => ({ boardId, mine: kind.mine(intents, rules) });
    const outcome = this.repos.intents.transaction((): SubmitOutcome => {
      const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
      if (this.repos.intents.findOperation(participantId, opId)) return { ack: { ok: true }, mine: mineOf(previous) };
      if (meeting.liveBoardId !== boardId) return refused('not_live', 'this board is not live');
      if (board.status !== 'open') return refused('closed', 'this board is closed');
      const check = kind.checkIntent(parsed.data, previous, rules);
      if (!check.ok) return refused(check.code, check.message);
      const scope = kind.scopeOf(parsed.data);
      this.repos.intents.insert({ id: newId(), boardId, participantId, opId, payload: parsed.data, scope });
      return { ack: { ok: true }, mine: mineOf([...previous, parsed.data]) };
    });
    if (outcome.ack.ok) this.scheduleProjection(boardId);
    return outcome;
  }

  /** The participant's own part of a board, for their phones. */
  mine(participantId: string, boardId: string): MineState | null {
    const board = this.repos.boards.get(boardId);
    const kind = board && boardKind(board.kind);
    if (!kind) return null;
    const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
    return { boardId, mine: kind.mine(previous, this.rulesOf(boardId, kind, board.settings)) };
  }

  /** Stops counting one part of a board (e.g. a question) and shows the board without it at once. */
  reset(boardId: string, scope: string): number {
    const voided = this.repos.intents.voidScope(boardId, scope, new Date().toISOString());
    this.projectInto(boardId, this.docs.get(rooms.board(boardId)));
    return voided;
  }

  private rulesOf(boardId: string, kind: AnyBoardKind, settings: unknown): unknown {
    if (!this.rulesCache.has(boardId)) {
      this.rulesCache.set(boardId, kind.rules(this.docs.get(rooms.board(boardId)), kind.settingsSchema.parse(settings)));
    }
    const rules = this.rulesCache.get(boardId);
    if (!this.rulesSeen.has(boardId)) this.rulesSeen.set(boardId, JSON.stringify(rules));
    return rules;
  }

  /**
   * An editor changed a board (an item removed, the budget raised): if that changed its rules
   * while the board is live, every phone's own part (dots left, notes left) is sent again.
   */
  private scheduleRulesCheck(boardId: string): void {
    if (this.stopped || this.pendingRulesChecks.has(boardId) || !this.rulesSeen.has(boardId)) return;
    const timer = setTimeout(() => {
      this.pendingRulesChecks.delete(boardId);
      const board = this.repos.boards.get(boardId);
      const kind = board && boardKind(board.kind);
      if (!kind || this.repos.meetings.get(board.meetingId)?.liveBoardId !== boardId) {
        this.rulesSeen.delete(boardId);
        return;
      }
      const rules = JSON.stringify(this.rulesOf(boardId, kind, board.settings));
      if (this.rulesSeen.get(boardId) === rules) return;
      this.rulesSeen.set(boardId, rules);
      this.notifier.participantsPartChanged(board.meetingId, boardId);
    }, RULES_CHECK_DELAY_MS);
    timer.unref();
    this.pendingRulesChecks.set(boardId, timer);
  }

  private scheduleProjection(boardId: string): void {
    if (this.pendingProjections.has(boardId)) return;
    const timer = setTimeout(() => {
      this.pendingProjections.delete(boardId);
      if (this.repos.boards.get(boardId)) this.projectInto(boardId, this.docs.get(rooms.board(boardId)));
    }, PROJECTION_DELAY_MS);
    this.pendingProjections.set(boardId, timer);
  }

  /** Runs every scheduled projection now, then looks at nothing more (on shutdown, before the database closes). */
  flush(): void {
    for (const [boardId, timer] of this.pendingProjections) {
      clearTimeout(timer);
      this.pendingProjections.delete(boardId);
      if (this.repos.boards.get(boardId)) this.projectInto(boardId, this.docs.get(rooms.board(boardId)));
    }
    // The projections above change docs, which schedules rule checks: stop them after, not before.
    this.stopped = true;
    for (const timer of this.pendingRulesChecks.values()) clearTimeout(timer);
    this.pendingRulesChecks.clear();
  }

  private projectInto(boardId: string, doc: Y.Doc): void {
    const board = this.repos.boards.get(boardId);
    const kind: AnyBoardKind | undefined = board && boardKind(board.kind);
    if (!board || !kind) return;
    const accepted: AcceptedIntent<unknown>[] = this.repos.intents
      .listByBoard(boardId)
      .map((r) => ({ id: r.id, intent: r.payload, at: r.createdAt, by: r.participantId }));
    kind.project(doc, kind.aggregate(accepted, this.rulesOf(boardId, kind, board.settings)));
  }
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
