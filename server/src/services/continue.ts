import {
  boardKind,
  rooms,
  type Board,
  type CompareReply,
  type ContinueBoardBody,
  type GroupBoard,
  type GroupRole,
} from '@dilna/shared';
import { compareResults, type Comparable } from '@dilna/shared/boards/compare';
import { continueBoard, readContinuation } from '@dilna/shared/boards/continue';
import type { DocRegistry } from '../collab/docs.ts';
import { newId } from '../ids.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { UserRow } from '../repositories/accounts.ts';
import type { Repositories } from '../repositories/index.ts';
import { groupRoleOf } from './access.ts';
import { HttpError, badRequest, notFound } from './errors.ts';
import { toBoard } from './meetings.ts';
import { tableDocsOf } from './rules.ts';

const comparableKinds = new Set(['dots', 'polls']);

/** Continuing a past board in a later meeting, and comparing two results of a group; kind-agnostic. */
export class ContinueService {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly notifier: Notifier,
  ) {}

  /**
   * A new draft board at the end of the meeting's agenda with the past board's content and none of
   * its results. The caller runs the meeting's group and reads the past board's: a facilitator of
   * both (an administrator runs every group). A secret link alone reads no archive, so it cannot.
   */
  continueBoard(meetingId: string, user: UserRow, body: ContinueBoardBody): Board {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) throw notFound('meeting');
    this.mustRun(meeting.groupId, user, 'meeting', "only the group's facilitators add boards to its meetings");
    const source = this.repos.boards.get(body.fromBoardId);
    const sourceMeeting = source && this.repos.meetings.get(source.meetingId);
    if (!source || !sourceMeeting) throw notFound('board');
    this.mustRun(sourceMeeting.groupId, user, 'board', "only the group's facilitators continue its boards");
    const kind = boardKind(source.kind);
    if (!kind) throw badRequest('body.fromBoardId', 'a board of a kind this server no longer knows');
    const settings: unknown = kind.settingsSchema.parse(source.settings);
    const row = this.repos.boards.append({ id: newId(), meetingId, kind: source.kind, title: source.title, settings, continuedFrom: source.id });
    continueBoard(
      kind,
      { doc: this.docs.get(rooms.board(source.id)), tables: tableDocsOf(this.docs, source.id) },
      { doc: this.docs.get(rooms.board(row.id)), tables: tableDocsOf(this.docs, row.id), settings },
      { boardId: source.id, title: source.title, meetingTitle: sourceMeeting.title, startsAt: sourceMeeting.startsAt, mode: body.votes },
    );
    this.notifier.meetingChanged(meetingId);
    return toBoard(row);
  }

  /** Every board of the group's meetings (its facilitators and members read them). */
  groupBoards(groupId: string, user: UserRow): GroupBoard[] {
    this.member(groupId, user);
    return this.repos.boards.listByGroup(groupId).map((row) => ({
      ...toBoard(row),
      meetingTitle: row.meetingTitle,
      startsAt: row.startsAt,
      continuedFrom: row.continuedFrom,
    }));
  }

  /** Two dot votes or two polls of the group side by side. */
  compare(groupId: string, user: UserRow, ids: { a: string; b: string }): CompareReply {
    this.member(groupId, user);
    const boards = new Map(this.groupBoards(groupId, user).map((b) => [b.id, b]));
    const a = boards.get(ids.a);
    const b = boards.get(ids.b);
    if (!a || !b) throw notFound('board');
    if (a.kind !== b.kind) throw badRequest('query.b', `a ${a.kind} board compares only with another ${a.kind} board, not with ${b.kind}`);
    if (!comparableKinds.has(a.kind)) throw badRequest('query.a', `only dot votes and polls compare, not ${a.kind}`);
    const [docA, docB] = [a, b].map((board) => this.docs.get(rooms.board(board.id)));
    const linked = b.continuedFrom === a.id || a.continuedFrom === b.id || readContinuation(docB!)?.boardId === a.id || readContinuation(docA!)?.boardId === b.id;
    const comparable = (board: GroupBoard, doc: typeof docA) => ({ kind: board.kind, view: boardKind(board.kind)!.view(doc!) }) as Comparable;
    return { kind: a.kind, linked, a, b, groups: compareResults(comparable(a, docA), comparable(b, docB), linked) };
  }

  private member(groupId: string, user: UserRow): GroupRole {
    const role = this.repos.groups.get(groupId) && groupRoleOf(this.repos.memberships, user, groupId);
    if (!role) throw notFound('group');
    return role;
  }

  /** A group one does not belong to does not exist (404); its members read but do not run it (403). */
  private mustRun(groupId: string, user: UserRow, what: string, forbidden: string): void {
    const role = groupRoleOf(this.repos.memberships, user, groupId);
    if (!role) throw notFound(what);
    if (role !== 'facilitator') throw new HttpError(403, 'forbidden', forbidden);
  }
}
