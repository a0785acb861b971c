import {
  boardKind,
  parseRoom,
  rooms,
  type AddBoardBody,
  type Board,
  type BoardKindName,
  type CreateGroupBody,
  type CreateMeetingBody,
  type GroupDetail,
  type GroupListItem,
  type MeetingDetail,
  type MeetingSummary,
  type Role,
  type UpdateBoardBody,
  type UpdateMeetingBody,
} from '@dilna/shared';
import { HttpError, badRequest, notFound } from './errors.ts';
import { canWrite, groupRoleOf, keysFor, planAccessOf, planUsableBy, roleOf } from './access.ts';
import type { DocRegistry } from '../collab/docs.ts';
import { newId, newJoinCode, newKey } from '../ids.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { BoardRow } from '../repositories/boards.ts';
import type { MeetingRow } from '../repositories/meetings.ts';
import type { GroupRow } from '../repositories/groups.ts';
import type { UserRow } from '../repositories/accounts.ts';

export const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  meetingId: row.meetingId,
  kind: row.kind as BoardKindName,
  title: row.title,
  position: row.position,
  status: row.status,
});

const toGroup = (row: GroupRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.createdAt,
});

const toSummary = (row: MeetingRow, boardCount: number): MeetingSummary => ({
  id: row.id,
  groupId: row.groupId,
  title: row.title,
  startsAt: row.startsAt,
  place: row.place,
  language: row.language,
  boardCount,
  participantsErasedAt: row.participantsErasedAt,
});

/** Groups, meetings and their agendas of boards, with the access rules of secret links. */
export class MeetingsService {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly notifier: Notifier,
  ) {}

  /** The groups the account belongs to; an administrator's are all. */
  listGroups(user: UserRow): GroupListItem[] {
    const counts = this.repos.meetings.countByGroup();
    const own = user.role === 'admin' ? null : new Set(this.repos.memberships.listByUser(user.id).map((m) => m.groupId));
    return this.repos.groups
      .list()
      .filter((g) => !own || own.has(g.id))
      .map((g) => ({ ...toGroup(g), meetingCount: counts.get(g.id) ?? 0 }));
  }

  createGroup(user: UserRow, body: CreateGroupBody): GroupDetail {
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an administrator creates groups');
    const row = this.repos.groups.insert({ id: newId(), name: body.name, description: body.description ?? '' });
    return { ...toGroup(row), meetings: [], myRole: 'facilitator' };
  }

  /** A group the account belongs to; to anyone else it does not exist. */
  getGroup(groupId: string, user: UserRow): GroupDetail {
    const row = this.repos.groups.get(groupId);
    const myRole = row && groupRoleOf(this.repos.memberships, user, groupId);
    if (!row || !myRole) throw notFound('group');
    const meetings = this.repos.meetings.listByGroup(groupId).map((m) => toSummary(m, m.boardCount));
    return { ...toGroup(row), meetings, myRole };
  }

  createMeeting(groupId: string, user: UserRow, body: CreateMeetingBody): MeetingDetail {
    if (this.getGroup(groupId, user).myRole !== 'facilitator') {
      throw new HttpError(403, 'forbidden', "only the group's facilitators create its meetings");
    }
    const row = this.repos.meetings.insert({
      id: newId(),
      groupId,
      title: body.title,
      startsAt: body.startsAt,
      place: body.place ?? '',
      language: body.language ?? 'cs',
      joinCode: this.unusedJoinCode(),
      facilitatorKey: newKey(),
      editorKey: newKey(),
      screenKey: newKey(),
    });
    this.notifier.meetingChanged(row.id);
    return this.detail(row, 'facilitator');
  }

  /**
   * A meeting through one of its keys, or through an account: the group's facilitators get the
   * facilitator's keys in any browser they log into.
   */
  getMeeting(meetingId: string, key: string | undefined, user: UserRow | null): MeetingDetail {
    if (key || !user) {
      const { meeting, role } = this.access(meetingId, key, ['facilitator', 'editor', 'screen']);
      return this.detail(meeting, role);
    }
    return this.detail(this.runMeeting(meetingId, user), 'facilitator');
  }

  /** A meeting the account runs as a facilitator of its group. */
  private runMeeting(meetingId: string, user: UserRow): MeetingRow {
    const meeting = this.memberMeeting(meetingId, user);
    if (groupRoleOf(this.repos.memberships, user, meeting.groupId) !== 'facilitator') {
      throw new HttpError(403, 'forbidden', "only the group's facilitators run its meetings; members read the minutes");
    }
    return meeting;
  }

  /** A meeting whose minutes one may read: through a writer's key, or as an account in its group. */
  readableMeeting(meetingId: string, key: string | undefined, user: UserRow | null): MeetingRow {
    return key || !user ? this.access(meetingId, key, ['facilitator', 'editor']).meeting : this.memberMeeting(meetingId, user);
  }

  /** The meeting, if the account belongs to its group; to anyone else it does not exist. */
  private memberMeeting(meetingId: string, user: UserRow): MeetingRow {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting || !groupRoleOf(this.repos.memberships, user, meeting.groupId)) throw notFound('meeting');
    return meeting;
  }

  updateMeeting(meetingId: string, key: string | undefined, body: UpdateMeetingBody): MeetingDetail {
    const { meeting } = this.access(meetingId, key, ['facilitator']);
    if (body.liveBoardId) {
      const board = this.repos.boards.get(body.liveBoardId);
      if (!board || board.meetingId !== meetingId) throw badRequest('body.liveBoardId', 'no such board in this meeting');
      if (board.status === 'draft') {
        this.repos.boards.update(board.id, { status: 'open' });
        this.notifier.boardStatusChanged(board.id, 'open');
      }
    }
    const updated = this.repos.meetings.update(meeting.id, body);
    this.notifier.meetingChanged(meetingId);
    return this.detail(updated, 'facilitator');
  }

  /**
   * Deletes the meeting and all of it: boards and their docs, the minutes, the participants and
   * their answers. The docs go first, so that a failure halfway leaves a meeting one can delete again.
   */
  deleteMeeting(meetingId: string, key: string | undefined, user: UserRow | null): void {
    const meeting = key || !user ? this.access(meetingId, key, ['facilitator']).meeting : this.runMeeting(meetingId, user);
    for (const board of this.repos.boards.listByMeeting(meetingId)) this.deleteBoardDocs(board.id);
    this.docs.delete(rooms.minutes(meetingId));
    this.docs.delete(rooms.meeting(meetingId));
    this.repos.meetings.delete(meetingId);
    this.notifier.meetingDeleted({ id: meetingId, groupId: meeting.groupId });
    // After the notifier: the search index drops the meeting's rows in its listener.
    this.repos.data.forgetDeleted();
  }

  /**
   * A board that works on a plan opens the plan to the meeting's links (its editor link writes it),
   * so only someone logged in who edits that plan may add one: a meeting's link alone never reaches
   * further than its meeting.
   */
  addBoard(meetingId: string, key: string | undefined, body: AddBoardBody, currentUser: () => UserRow | null): Board {
    const { meeting } = this.access(meetingId, key, ['facilitator']);
    const kind = boardKind(body.kind)!;
    const parsed = kind.settingsSchema.safeParse(body.settings ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(['body.settings', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'invalid');
    }
    const planId = kind.linkedPlan?.(parsed.data) ?? null;
    const plan = planId === null ? null : this.repos.plans.get(planId);
    if (plan === undefined || (plan && !planUsableBy(plan, meeting.groupId))) {
      throw badRequest('body.settings', "no such plan of the meeting's group or of the community");
    }
    if (plan) {
      const user = currentUser();
      if (!user) throw new HttpError(401, 'unauthorized', 'log in to add a board that works on a plan');
      if (planAccessOf(this.repos.memberships, user, plan) !== 'edit') throw new HttpError(403, 'forbidden', 'only those who edit the plan add a board that works on it');
    }
    const row = this.repos.boards.append({
      id: newId(),
      meetingId,
      kind: body.kind,
      title: body.title,
      settings: parsed.data,
    });
    kind.init(this.docs.get(rooms.board(row.id)), parsed.data);
    this.notifier.meetingChanged(meetingId);
    return toBoard(row);
  }

  updateBoard(meetingId: string, boardId: string, key: string | undefined, body: UpdateBoardBody): Board {
    this.access(meetingId, key, ['facilitator']);
    const before = this.boardOf(meetingId, boardId);
    const row = this.repos.boards.update(boardId, body);
    if (row.status !== before.status) this.notifier.boardStatusChanged(boardId, row.status);
    this.notifier.meetingChanged(meetingId);
    return toBoard(row);
  }

  reorderBoards(meetingId: string, key: string | undefined, boardIds: string[]): Board[] {
    this.access(meetingId, key, ['facilitator']);
    const current = this.repos.boards.listByMeeting(meetingId).map((b) => b.id);
    if (boardIds.length !== current.length || !current.every((id) => boardIds.includes(id))) {
      throw badRequest('body.boardIds', 'must list every board of the meeting exactly once');
    }
    this.repos.boards.setOrder(meetingId, boardIds);
    this.notifier.meetingChanged(meetingId);
    return this.repos.boards.listByMeeting(meetingId).map(toBoard);
  }

  removeBoard(meetingId: string, boardId: string, key: string | undefined): void {
    const { meeting } = this.access(meetingId, key, ['facilitator']);
    this.boardOf(meetingId, boardId);
    if (meeting.liveBoardId === boardId) this.repos.meetings.update(meetingId, { liveBoardId: null });
    this.repos.boards.delete(boardId);
    this.deleteBoardDocs(boardId);
    this.notifier.meetingChanged(meetingId);
  }

  private deleteBoardDocs(boardId: string): void {
    this.docs.delete(rooms.board(boardId));
    for (const table of this.repos.yjs.namesWithPrefix(rooms.table(boardId, ''))) this.docs.delete(table);
  }

  /**
   * Who may open a Yjs room with this key: the meeting's writers edit boards, tables and the minutes;
   * the meeting doc is the server's alone. A table's own key (a host's tablet) writes that table and reads its board.
   * The projector's link, shown in a public room, reads no minutes: they name the people present.
   */
  authorizeRoom(
    name: string,
    key: string | null,
  ): { room: string; canWrite: boolean; user: { role: Role | 'host'; name: string } } | { status: 401 | 403 | 404 } {
    const room = parseRoom(name);
    const ofBoard = room?.type === 'board' || room?.type === 'table';
    const meetingId = ofBoard ? this.repos.boards.get(room.id)?.meetingId : room?.id;
    const meeting = meetingId && this.repos.meetings.get(meetingId);
    if (!room || !meeting) return { status: 404 };
    const role = roleOf(meeting, key);
    if (role === 'screen' && room.type === 'minutes') return { status: 403 };
    if (role) return { room: name, canWrite: room.type !== 'meeting' && canWrite(role), user: { role, name: role } };
    const table = key && ofBoard ? this.repos.tableKeys.findByKey(key) : undefined;
    if (!table || table.boardId !== room.id || (room.type === 'table' && room.tableId !== table.tableId)) return { status: 401 };
    return { room: name, canWrite: room.type === 'table', user: { role: 'host', name: `host:${table.tableId}` } };
  }

  /** The meeting and the role the key grants, if it is one of `allowed`. */
  access(meetingId: string, key: string | null | undefined, allowed: Role[]): { meeting: MeetingRow; role: Role } {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) throw notFound('meeting');
    const role = roleOf(meeting, key);
    if (!role) throw new HttpError(401, 'unauthorized', 'a valid access key for this meeting is required');
    if (!allowed.includes(role)) throw new HttpError(403, 'forbidden', `the ${role} link cannot do this`);
    return { meeting, role };
  }

  private boardOf(meetingId: string, boardId: string): BoardRow {
    const board = this.repos.boards.get(boardId);
    if (!board || board.meetingId !== meetingId) throw notFound('board');
    return board;
  }

  private detail(row: MeetingRow, role: Role): MeetingDetail {
    const group = this.repos.groups.get(row.groupId);
    const boards = this.repos.boards.listByMeeting(row.id).map(toBoard);
    return {
      ...toSummary(row, boards.length),
      groupName: group?.name ?? '',
      joinCode: row.joinCode,
      liveBoardId: row.liveBoardId,
      boards,
      role,
      keys: keysFor(row, role),
    };
  }

  private unusedJoinCode(): string {
    for (;;) {
      const code = newJoinCode();
      if (!this.repos.meetings.getByJoinCode(code)) return code;
    }
  }
}
