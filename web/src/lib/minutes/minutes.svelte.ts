import * as Y from 'yjs';
import {
  addEntry,
  addFreeItem,
  agendaNotes,
  agendaOf,
  agendaTitle,
  freezeResults,
  frozenResults,
  metaText,
  minutesView,
  moveAgendaItem,
  removeEntry,
  removeFreeItem,
  rooms,
  sectionBlocks,
  setEntryField,
  unfreezeResults,
  type AgendaEntry,
  type AttendanceList,
  type ListName,
  type Locale,
  type MeetingDetail,
  type MetaField,
  type MinutesSection,
  type MinutesView,
  type Task,
} from '@dilna/shared';
import { api, ApiError, downloadFile } from '$lib/api.ts';
import { i18n } from '$lib/i18n.svelte.ts';
import { LiveMeeting } from '$lib/sync/meeting.svelte.ts';
import { YRoom, YView } from '$lib/sync/yroom.svelte.ts';
import { MinutesPresence, type MinutesEditor } from './presence.svelte.ts';

export type MinutesFormat = 'md' | 'docx';

/**
 * The minutes page of one meeting: the minutes doc (co-edited live), the meeting doc (its boards
 * and head count), the meeting's REST detail (group, role) and who else is editing. Edits go through
 * the shared helpers.
 */
export class MeetingMinutes {
  readonly room: YRoom;
  readonly live: LiveMeeting;
  readonly presence: MinutesPresence;
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
    this.presence = new MinutesPresence(this.room.provider.awareness);
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
  itemTitle = (id: string): Y.Text | undefined => agendaTitle(this.doc, id);
  itemNotes = (id: string): Y.XmlFragment | undefined => agendaNotes(this.doc, id);
  frozenResults = (id: string): Y.XmlFragment | undefined => frozenResults(this.doc, id);
  freeze = (item: AgendaEntry, section: MinutesSection) => freezeResults(this.doc, item.id, sectionBlocks(section, item.title));
  unfreeze = (id: string) => unfreezeResults(this.doc, id);
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

  /** How another editor is named on the page: the name they typed, else their role. */
  displayName = (editor: MinutesEditor): string =>
    editor.name || i18n.t(editor.role === 'facilitator' ? 'minutes.facilitator' : 'minutes.anonymousEditor');

  destroy(): void {
    this.presence.destroy();
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
