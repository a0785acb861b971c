import { rooms, type MeetingDocState } from '@dilna/shared';
import { YRoom, YView } from './yroom.svelte.ts';

/** The server-owned meeting doc: agenda, live board, join code and head count, live. */
export class LiveMeeting {
  readonly room: YRoom;
  readonly #view: YView<MeetingDocState | null>;

  constructor(meetingId: string, key: string) {
    this.room = new YRoom(rooms.meeting(meetingId), key);
    this.#view = new YView(this.room.doc, (doc) => (doc.getMap('meeting').get('state') as MeetingDocState | undefined) ?? null);
  }

  get state(): MeetingDocState | null {
    return this.#view.value;
  }

  destroy(): void {
    this.#view.destroy();
    this.room.destroy();
  }
}
