import {
  intentEnvelopeSchema,
  parseRoom,
  rooms,
  type AcceptedIntent,
  type IntentAck,
  type IntentErrorCode,
  type MineState,
} from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import { newId } from '../ids.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import { tableDocsOf, type BoardRules, type KnownBoard } from './rules.ts';
import type { SeatingService } from './seating.ts';

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
  /** The rules each board's phones last had their own part computed with, as JSON. */
  private readonly rulesSeen = new Map<string, string>();
  private readonly pendingRulesChecks = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly rules: BoardRules,
    private readonly seating: SeatingService,
    private readonly notifier: Notifier,
  ) {
    // A crash can fall between the commit of an intent and its projection: reconcile on load.
    docs.on('load', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'board' || room?.type === 'table') this.projectInto(room.id);
    });
    docs.on('update', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'board') this.scheduleRulesCheck(room.id);
    });
    docs.on('delete', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'board') this.rulesSeen.delete(room.id);
    });
  }

  /** Checks and records one intent; on success also returns the participant's own part of the board. */
  submit(meetingId: string, participantId: string, envelope: unknown): SubmitOutcome {
    const parsedEnvelope = intentEnvelopeSchema.safeParse(envelope);
    if (!parsedEnvelope.success) return refused('invalid', describe(parsedEnvelope.error.issues));
    const { opId, boardId, intent } = parsedEnvelope.data;

    const known = this.rulesOf(boardId);
    const meeting = this.repos.meetings.get(meetingId);
    if (!known || !meeting || known.board.meetingId !== meetingId) return refused('unknown_board', 'no such board in this meeting');
    const { board, kind, rules } = known;

    const parsed = kind.intentSchema.safeParse(intent);
    if (!parsed.success) return refused('invalid', describe(parsed.error.issues));

    const participant = this.seating.contextOf(known, participantId);
    const mineOf = (intents: unknown[]): MineState => ({ boardId, mine: kind.mine(intents, rules, participant) });
    const outcome = this.repos.intents.transaction((): SubmitOutcome => {
      const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
      if (this.repos.intents.findOperation(participantId, opId)) return { ack: { ok: true }, mine: mineOf(previous) };
      if (meeting.liveBoardId !== boardId) return refused('not_live', 'this board is not live');
      if (board.status !== 'open') return refused('closed', 'this board is closed');
      const check = kind.checkIntent(parsed.data, previous, rules, participant);
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
    const known = this.rulesOf(boardId);
    if (!known) return null;
    const previous = this.repos.intents.listByParticipant(boardId, participantId).map((r) => r.payload);
    return { boardId, mine: known.kind.mine(previous, known.rules, this.seating.contextOf(known, participantId)) };
  }

  /** Stops counting one part of a board (e.g. a question) and shows the board without it at once. */
  reset(boardId: string, scope: string): number {
    const voided = this.repos.intents.voidScope(boardId, scope, new Date().toISOString());
    this.projectInto(boardId);
    return voided;
  }

  /** The board and its rules, remembering the rules its phones' parts were first computed with. */
  private rulesOf(boardId: string): KnownBoard | undefined {
    const known = this.rules.of(boardId);
    if (known && !this.rulesSeen.has(boardId)) this.rulesSeen.set(boardId, JSON.stringify(known.rules));
    return known;
  }

  /**
   * An editor changed a board (an item removed, the budget raised, the next round): if that changed
   * its rules while the board is live, every phone's own part (dots left, notes left) is sent again.
   */
  private scheduleRulesCheck(boardId: string): void {
    if (this.stopped || this.pendingRulesChecks.has(boardId) || !this.rulesSeen.has(boardId)) return;
    const timer = setTimeout(() => {
      this.pendingRulesChecks.delete(boardId);
      const known = this.rules.of(boardId);
      if (!known || this.repos.meetings.get(known.board.meetingId)?.liveBoardId !== boardId) {
        this.rulesSeen.delete(boardId);
        return;
      }
      const rules = JSON.stringify(known.rules);
      if (this.rulesSeen.get(boardId) === rules) return;
      this.rulesSeen.set(boardId, rules);
      this.notifier.participantsPartChanged(known.board.meetingId, boardId);
    }, RULES_CHECK_DELAY_MS);
    timer.unref();
    this.pendingRulesChecks.set(boardId, timer);
  }

  private scheduleProjection(boardId: string): void {
    if (this.pendingProjections.has(boardId)) return;
    const timer = setTimeout(() => {
      this.pendingProjections.delete(boardId);
      this.projectInto(boardId);
    }, PROJECTION_DELAY_MS);
    this.pendingProjections.set(boardId, timer);
  }

  /** Runs every scheduled projection now, then looks at nothing more (on shutdown, before the database closes). */
  flush(): void {
    for (const [boardId, timer] of this.pendingProjections) {
      clearTimeout(timer);
      this.pendingProjections.delete(boardId);
      this.projectInto(boardId);
    }
    // The projections above change docs, which schedules rule checks: stop them after, not before.
    this.stopped = true;
    for (const timer of this.pendingRulesChecks.values()) clearTimeout(timer);
    this.pendingRulesChecks.clear();
  }

  private projectInto(boardId: string): void {
    const known = this.rulesOf(boardId);
    if (!known) return;
    const accepted: AcceptedIntent<unknown>[] = this.repos.intents
      .listByBoard(boardId)
      .map((r) => ({ id: r.id, intent: r.payload, at: r.createdAt, by: r.participantId }));
    known.kind.project(this.docs.get(rooms.board(boardId)), known.kind.aggregate(accepted, known.rules), tableDocsOf(this.docs, boardId));
  }
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
