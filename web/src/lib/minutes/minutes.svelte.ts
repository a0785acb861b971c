import * as Y from 'yjs';
import {
  addEntry,
  addFreeItem,
  agendaOf,
  agendaText,
  metaText,
  minutesView,
  moveAgendaItem,
  removeEntry,
  removeFreeItem,
  rooms,
  setEntryField,
  type AgendaEntry,
  type AttendanceList,
  type ListName,
  type Locale,
  type MeetingDetail,
  type MetaField,
  type MinutesView,
  type Task,
} from '@dilna/shared';
import { api, ApiError, downloadFile } from '$lib/api.ts';
import { LiveMeeting } from '$lib/sync/meeting.svelte.ts';
import { YRoom, YView } from '$lib/sync/yroom.svelte.ts';

export type MinutesFormat = 'md' | 'docx';

/**
 * The minutes page of one meeting: the minutes doc (co-edited live), the meeting doc (its boards
 * and head count) and the meeting's REST detail (group, role). Edits go through the shared helpers.
 */
export class MeetingMinutes {
  readonly room: YRoom;
  readonly live: LiveMeeting;
  readonly #view: YView<MinutesView>;
  #detail = $state<MeetingDetail | null>(null);
  #error = $state('');

  constructor(
    readonly meetingId: string,
    readonly key: string,
  ) {
    this.room = new YRoom(rooms.minutes(meetingId), key);
    this.live = new LiveMeeting(meetingId, key);
    this.#view = new YView(this.room.doc, minutesView);
    void this.#report(async () => {
      this.#detail = await api<MeetingDetail>('GET', `/meetings/${meetingId}`, { key });
    });
  }

  get doc(): Y.Doc {
    return this.room.doc;
  }

  get view(): MinutesView {
    return this.#view.value;
  }

  get detail(): MeetingDetail | null {
    return this.#detail;
  }

  get error(): string {
    return this.#error;
  }

  get canWrite(): boolean {
    return this.#detail?.role === 'facilitator' || this.#detail?.role === 'editor';
  }

  get participants(): number {
    return this.live.state?.participants ?? 0;
  }

  /** The agenda with each board's current title and kind (kind null for a free item). */
  get agenda(): (AgendaEntry & { kind: string | null })[] {
    const boards = this.live.state?.boards ?? this.#detail?.boards ?? [];
    return agendaOf(this.view, boards).map((item) => ({ ...item, kind: boards.find((b) => b.id === item.boardId)?.kind ?? null }));
  }

  metaText = (field: MetaField): Y.Text => metaText(this.doc, field);
  itemText = (id: string, field: 'title' | 'notes'): Y.Text | undefined => agendaText(this.doc, id, field);
  addEntry = (list: ListName) => addEntry(this.doc, list);
  removeEntry = (list: ListName, id: string) => removeEntry(this.doc, list, id);
  setPerson = (list: AttendanceList, id: string, field: 'name' | 'organisation', value: string) => setEntryField(this.doc, list, id, field, value);
  setTask = <F extends 'task' | 'owner' | 'deadline' | 'done'>(id: string, field: F, value: Task[F]) => setEntryField(this.doc, 'tasks', id, field, value);
  setNextMeeting = (id: string, when: string) => setEntryField(this.doc, 'nextMeetings', id, 'when', when);
  addFreeItem = () => addFreeItem(this.doc, '');
  removeFreeItem = (id: string) => removeFreeItem(this.doc, id);
  moveItem = (id: string, delta: -1 | 1) => moveAgendaItem(this.doc, id, delta);

  download = (format: MinutesFormat, locale: Locale) =>
    this.#report(() => downloadFile(`/meetings/${this.meetingId}/minutes.${format}?lang=${locale}`, this.key, `minutes.${format}`));

  destroy(): void {
    this.#view.destroy();
    this.live.destroy();
    this.room.destroy();
  }

  async #report(work: () => Promise<void>): Promise<void> {
    this.#error = '';
    try {
      await work();
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
    }
  }
}
