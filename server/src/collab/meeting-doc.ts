import { parseRoom, rooms } from '@dilna/shared';
import type * as Y from 'yjs';
import type { Notifier } from '../realtime/notifier.ts';
import type { LiveService } from '../services/live.ts';
import type { DocRegistry } from './docs.ts';

/** Writes at most a few times a second: a room joining by QR costs a handful of doc updates, not hundreds. */
const WRITE_DELAY_MS = 200;

/**
 * Keeps each meeting's server-owned Y.Doc (`rooms.meeting`) in step with the database:
 * screens and consoles read the agenda, the live board and the head count from it.
 */
export function syncMeetingDocs(notifier: Notifier, docs: DocRegistry, live: LiveService) {
  const pending = new Map<string, NodeJS.Timeout>();

  const writeState = (meetingId: string, doc: Y.Doc) => {
    const state = live.meetingDocState(meetingId);
    const map = doc.getMap('meeting');
    if (state && JSON.stringify(map.get('state')) !== JSON.stringify(state)) map.set('state', state);
  };

  const write = (meetingId: string) => {
    pending.delete(meetingId);
    writeState(meetingId, docs.get(rooms.meeting(meetingId)));
  };

  notifier.on('meeting', (meetingId) => {
    if (!pending.has(meetingId)) pending.set(meetingId, setTimeout(() => write(meetingId), WRITE_DELAY_MS));
  });

  // A screen that connects before any change still finds the current state.
  docs.on('load', (name, doc) => {
    const room = parseRoom(name);
    if (room?.type === 'meeting') writeState(room.id, doc);
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
