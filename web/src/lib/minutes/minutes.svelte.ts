import * as Y from 'yjs';
import {
  addEntry,
  addFreeItem,
  agendaNotes,
  attendanceOrigin,
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
  setCarriedDone,
  setEntryField,
  unfreezeResults,
  type AgendaEntry,
  type AttendanceList,
  type EarlierMeeting,
  type ListName,
  type Locale,
  type MeetingDetail,
  type MetaField,
  type MinutesSection,
  type MinutesView,
  type Task,
} from '@dilna/shared';
import { api, ApiError, downloadFile, fetchFile } from '$lib/api.ts';
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
  readonly #attendanceOrigin: YView<EarlierMeeting | undefined>;
  #detail = $state<MeetingDetail | null>(null);
  #error = $state('');
  /** A language picked for the exports; null follows the meeting's. */
  #chosenLanguage = $state<Locale | null>(null);
  #printFrame: HTMLIFrameElement | null = null;

  constructor(
    readonly meetingId: string,
    readonly key: string,
  ) {
    this.room = new YRoom(rooms.minutes(meetingId), key);
    this.live = new LiveMeeting(meetingId, key);
    this.#view = new YView(this.room.doc, minutesView);
    this.#attendanceOrigin = new YView(this.room.doc, attendanceOrigin);
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

  /** The meeting whose attendance these minutes took over, for the secretary to check it. */
  get attendanceOrigin(): EarlierMeeting | undefined {
    return this.#attendanceOrigin.value;
  }

  /** The language the minutes are exported in, and board results frozen in: the meeting's unless picked here. */
  get language(): Locale {
    return this.#chosenLanguage ?? this.#detail?.language ?? i18n.locale;
  }

  set language(locale: Locale) {
    this.#chosenLanguage = locale;
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
  setCarriedDone = (id: string, done: boolean) => setCarriedDone(this.doc, id, done);

  /** An export's address: the server follows the meeting's language unless one was picked. */
  #exportPath = (format: MinutesFormat | 'html') =>
    `/meetings/${this.meetingId}/minutes.${format}${this.#chosenLanguage ? `?lang=${this.#chosenLanguage}` : ''}`;

  download = (format: MinutesFormat) => this.#report(() => downloadFile(this.#exportPath(format), this.key, `minutes.${format}`));

  /**
   * Prints the server's print page (A4, numbered pages; the browser saves it as a PDF). It is fetched
   * with the key in a header and printed from a hidden frame, so the key never shows in an address.
   */
  print = () =>
    this.#report(async () => {
      const html = await (await fetchFile(this.#exportPath('html'), this.key)).blob();
      this.#removePrintFrame();
      const frame = Object.assign(document.createElement('iframe'), { src: URL.createObjectURL(html), title: i18n.t('minutes.print') });
      frame.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 0; height: 0; border: 0';
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
      document.body.append(frame);
      this.#printFrame = frame;
    });

  /** How another editor is named on the page: the name they typed, else their role. */
  displayName = (editor: MinutesEditor): string =>
    editor.name || i18n.t(editor.role === 'facilitator' ? 'minutes.facilitator' : 'minutes.anonymousEditor');

  #removePrintFrame(): void {
    if (!this.#printFrame) return;
    URL.revokeObjectURL(this.#printFrame.src);
    this.#printFrame.remove();
    this.#printFrame = null;
  }

  destroy(): void {
    this.#removePrintFrame();
    this.#attendanceOrigin.destroy();
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
