import { addBoardItems, parseRoom, rooms } from '@dilna/shared';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { DocRegistry } from './docs.ts';

const WRITE_DELAY_MS = 200;

/**
 * Gives every board of a meeting its agenda item in the minutes doc (`rooms.minutes`). The server
 * alone adds them, so that two editors who open the minutes at once do not add a board twice.
 */
export function syncMinutesDocs(notifier: Notifier, docs: DocRegistry, repos: Repositories) {
  const pending = new Map<string, NodeJS.Timeout>();
  /** Meetings whose minutes this process has loaded (even before anything was stored). */
  const started = new Set<string>();
  const boardIds = (meetingId: string) => repos.boards.listByMeeting(meetingId).map((b) => b.id);

  const write = (meetingId: string) => {
    pending.delete(meetingId);
    // Only meetings whose minutes were started: a meeting's other changes must not create them.
    if (!started.has(meetingId) && !repos.yjs.namesWithPrefix(rooms.minutes(meetingId)).length) return;
    addBoardItems(docs.get(rooms.minutes(meetingId)), boardIds(meetingId));
  };

  notifier.on('meeting', (meetingId) => {
    if (!pending.has(meetingId)) pending.set(meetingId, setTimeout(() => write(meetingId), WRITE_DELAY_MS));
  });

  docs.on('load', (name, doc) => {
    const room = parseRoom(name);
    if (room?.type !== 'minutes') return;
    started.add(room.id);
    addBoardItems(doc, boardIds(room.id));
  });

  return {
    flush: () => {
      for (const [meetingId, timer] of pending) {
        clearTimeout(timer);
        write(meetingId);
      }
    },
  };
}
