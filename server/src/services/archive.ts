import { rooms, type BoardDocs, type BoardHistory, type BoardKindName, type GroupArchive } from '@dilna/shared';
import type { Repositories } from '../repositories/index.ts';
import type { UserRow } from '../repositories/accounts.ts';
import type { BoardRow } from '../repositories/boards.ts';
import type { MeetingRow } from '../repositories/meetings.ts';
import type { SnapshotDoc } from '../repositories/snapshots.ts';
import { groupRoleOf } from './access.ts';
import { notFound } from './errors.ts';
import type { SnapshotsService } from './snapshots.ts';

const encoded = (docs: SnapshotDoc[]) => Object.fromEntries(docs.map((d) => [d.docName, Buffer.from(d.state).toString('base64')]));

/** A group's past for its members: meetings with their boards, and each board as it is or was at a snapshot. */
export class ArchiveService {
  constructor(
    private readonly repos: Repositories,
    private readonly snapshots: SnapshotsService,
  ) {}

  /** The group's meetings, newest first, with their boards; to anyone outside the group it does not exist. */
  groupArchive(groupId: string, user: UserRow): GroupArchive {
    if (!this.repos.groups.get(groupId) || !groupRoleOf(this.repos.memberships, user, groupId)) throw notFound('group');
    const snapshotCounts = this.repos.snapshots.countByGroup(groupId);
    return {
      meetings: this.repos.meetings.listByGroup(groupId).map((meeting) => ({
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt,
        place: meeting.place,
        participantsErasedAt: meeting.participantsErasedAt,
        hasMinutes: this.repos.yjs.exists(rooms.minutes(meeting.id)),
        boards: this.repos.boards.listByMeeting(meeting.id).map((board) => ({
          id: board.id,
          kind: board.kind as BoardKindName,
          title: board.title,
          status: board.status,
          snapshotCount: snapshotCounts.get(board.id) ?? 0,
        })),
      })),
    };
  }

  boardHistory(boardId: string, user: UserRow): BoardHistory {
    const { board, meeting } = this.readableBoard(boardId, user);
    return {
      board: { id: board.id, meetingId: board.meetingId, kind: board.kind as BoardKindName, title: board.title, position: board.position, status: board.status },
      meeting: {
        id: meeting.id,
        groupId: meeting.groupId,
        groupName: this.repos.groups.get(meeting.groupId)?.name ?? '',
        title: meeting.title,
        startsAt: meeting.startsAt,
        place: meeting.place,
        language: meeting.language,
      },
      snapshots: this.repos.snapshots.listByBoard(boardId).map(({ id, reason, takenAt }) => ({ id, reason, takenAt })),
    };
  }

  /** The board's docs now, or at one of its snapshots. */
  boardDocs(boardId: string, user: UserRow, snapshotId: number | undefined): BoardDocs {
    this.readableBoard(boardId, user);
    if (snapshotId === undefined) return { takenAt: null, docs: encoded(this.snapshots.current(boardId)) };
    const snapshot = this.repos.snapshots.get(snapshotId);
    if (snapshot?.boardId !== boardId) throw notFound('snapshot');
    return { takenAt: snapshot.takenAt, docs: encoded(this.repos.snapshots.docs(snapshot.id)) };
  }

  private readableBoard(boardId: string, user: UserRow): { board: BoardRow; meeting: MeetingRow } {
    const board = this.repos.boards.get(boardId);
    const meeting = board && this.repos.meetings.get(board.meetingId);
    if (!board || !meeting || !groupRoleOf(this.repos.memberships, user, meeting.groupId)) throw notFound('board');
    return { board, meeting };
  }
}
