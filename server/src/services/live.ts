import {
  PROTOCOL_VERSION,
  boardKind,
  type BoardKindName,
  type MeetingDocState,
  type PhoneState,
} from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import type { Repositories } from '../repositories/index.ts';
import { boardViewOf } from './rules.ts';

/** What screens and phones see of a meeting right now. */
export class LiveService {
  private readonly boardMeetings = new Map<string, string>();

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
  ) {}

  /** The state the server writes into the meeting's Y.Doc for screens and consoles. */
  meetingDocState(meetingId: string): MeetingDocState | null {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) return null;
    return {
      title: meeting.title,
      startsAt: meeting.startsAt,
      place: meeting.place,
      joinCode: meeting.joinCode,
      liveBoardId: meeting.liveBoardId,
      participants: this.repos.participants.countByMeeting(meetingId),
      boards: this.repos.boards.listByMeeting(meetingId).map((b) => ({
        id: b.id,
        kind: b.kind as BoardKindName,
        title: b.title,
        status: b.status,
      })),
    };
  }

  phoneState(meetingId: string): PhoneState | null {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) return null;
    const board = meeting.liveBoardId ? this.repos.boards.get(meeting.liveBoardId) : undefined;
    const kind = board && boardKind(board.kind);
    return {
      protocol: PROTOCOL_VERSION,
      now: Date.now(),
      meeting: { id: meeting.id, title: meeting.title },
      live:
        board && kind
          ? {
              id: board.id,
              kind: board.kind as BoardKindName,
              title: board.title,
              status: board.status,
              view: kind.phoneView(boardViewOf(this.docs, kind, board.id)),
            }
          : null,
    };
  }

  /** The meeting a board belongs to (boards never move between meetings, so this is cached). */
  meetingOfBoard(boardId: string): string | undefined {
    let meetingId = this.boardMeetings.get(boardId);
    if (!meetingId) {
      meetingId = this.repos.boards.get(boardId)?.meetingId;
      if (meetingId) this.boardMeetings.set(boardId, meetingId);
    }
    return meetingId;
  }
}
