import { EventEmitter } from 'node:events';
import type { BoardStatus } from '@dilna/shared';

/** Services announce changes here; the realtime and collab adapters fan them out. */
export class Notifier extends EventEmitter<{
  meeting: [meetingId: string];
  meetingDeleted: [meeting: { id: string; groupId: string }];
  participantsPart: [meetingId: string, boardId: string];
  boardStatus: [boardId: string, status: BoardStatus];
}> {
  meetingChanged(meetingId: string): void {
    this.emit('meeting', meetingId);
  }

  /** The meeting and everything of it is gone: let go of it and of what was taken over from it. */
  meetingDeleted(meeting: { id: string; groupId: string }): void {
    this.emit('meetingDeleted', meeting);
  }

  /** A board was opened or closed (or set back to draft). */
  boardStatusChanged(boardId: string, status: BoardStatus): void {
    this.emit('boardStatus', boardId, status);
  }

  /** Every participant's own part of a board changed at once (e.g. a question was reset). */
  participantsPartChanged(meetingId: string, boardId: string): void {
    this.emit('participantsPart', meetingId, boardId);
  }
}
