import { EventEmitter } from 'node:events';

/** Services announce changes here; the realtime and collab adapters fan them out. */
export class Notifier extends EventEmitter<{ meeting: [meetingId: string] }> {
  meetingChanged(meetingId: string): void {
    this.emit('meeting', meetingId);
  }
}
