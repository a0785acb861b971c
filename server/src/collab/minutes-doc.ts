import { addBoardItems, minutesView, parseRoom, rooms, syncWithEarlier, type EarlierMinutes } from '@dilna/shared';
import type * as Y from 'yjs';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { MeetingRow } from '../repositories/meetings.ts';
import type { DocRegistry } from './docs.ts';

const WRITE_DELAY_MS = 200;

/**
 * The server's part of each meeting's minutes doc (`rooms.minutes`): every board gets its agenda
 * item, and the group's earlier meetings give their open tasks and (once) the attendance. The
 * server alone writes these, so that two editors who open the minutes at once do not add anything
 * twice, and because an editor's link opens this meeting only.
 */
export class MinutesDocs {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Meetings whose minutes this process has loaded (even before anything was stored). */
  private readonly started = new Set<string>();

  constructor(
    notifier: Notifier,
    private readonly docs: DocRegistry,
    private readonly repos: Repositories,
  ) {
    notifier.on('meeting', (meetingId) => this.schedule(meetingId));
    notifier.on('meetingDeleted', (meeting) => this.forget(meeting));
    docs.on('load', (name, doc) => {
      const room = parseRoom(name);
      if (room?.type !== 'minutes') return;
      this.started.add(room.id);
      // Attendance is taken over only into minutes that are being created (nothing stored yet), never
      // into existing minutes that are merely read, e.g. as an earlier meeting of another one.
      this.update(room.id, doc, { prefill: doc.store.clients.size === 0 });
    });
    // A change of a meeting's tasks reaches the later meetings whose minutes are open.
    docs.on('update', (name) => {
      const room = parseRoom(name);
      if (room?.type === 'minutes') this.schedule(room.id);
    });
  }

  /** The meeting's minutes doc, up to date with its boards and with the earlier meetings (for an export). */
  current(meetingId: string): Y.Doc {
    const doc = this.docs.get(rooms.minutes(meetingId));
    this.update(meetingId, doc, { prefill: false });
    return doc;
  }

  flush(): void {
    for (const [meetingId, timer] of this.pending) {
      clearTimeout(timer);
      this.write(meetingId);
    }
  }

  private schedule(meetingId: string): void {
    if (!this.pending.has(meetingId)) this.pending.set(meetingId, setTimeout(() => this.write(meetingId), WRITE_DELAY_MS));
  }

  private write(meetingId: string): void {
    this.pending.delete(meetingId);
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) return;
    // Only meetings whose minutes were started: a meeting's other changes must not create them.
    if (this.hasMinutes(meetingId)) this.update(meetingId, this.docs.get(rooms.minutes(meetingId)), { prefill: false });
    for (const later of this.groupMeetings(meeting).filter((m) => m.startsAt > meeting.startsAt)) {
      if (this.docs.has(rooms.minutes(later.id))) this.update(later.id, this.docs.get(rooms.minutes(later.id)), { prefill: false });
    }
  }

  private update(meetingId: string, doc: Y.Doc, options: { prefill: boolean }): void {
    const meeting = this.repos.meetings.get(meetingId);
    if (!meeting) return;
    addBoardItems(
      doc,
      this.repos.boards.listByMeeting(meetingId).map((b) => b.id),
    );
    syncWithEarlier(doc, this.earlierMinutes(meeting), options);
  }

  /** The group's meetings before this one (by date) that have minutes, oldest first. */
  private earlierMinutes(meeting: MeetingRow): EarlierMinutes[] {
    return this.groupMeetings(meeting)
      .filter((m) => m.startsAt < meeting.startsAt && this.hasMinutes(m.id))
      .reverse()
      .map((m) => ({
        meeting: { meetingId: m.id, title: m.title, startsAt: m.startsAt },
        minutes: minutesView(this.docs.get(rooms.minutes(m.id))),
      }));
  }

  /** The meeting's group's meetings, latest first. */
  private groupMeetings(meeting: MeetingRow): MeetingRow[] {
    return this.repos.meetings.listByGroup(meeting.groupId);
  }

  private hasMinutes(meetingId: string): boolean {
    return this.started.has(meetingId) || this.repos.yjs.exists(rooms.minutes(meetingId));
  }

  /**
   * A deleted meeting's tasks leave the later minutes that carried them, and those docs are
   * compacted at once so that no old update in SQLite still holds the task or who was to do it.
   */
  private forget(deleted: { id: string; groupId: string }): void {
    this.started.delete(deleted.id);
    const timer = this.pending.get(deleted.id);
    if (timer) clearTimeout(timer);
    this.pending.delete(deleted.id);
    for (const meeting of this.repos.meetings.listByGroup(deleted.groupId)) {
      if (!this.hasMinutes(meeting.id)) continue;
      const name = rooms.minutes(meeting.id);
      this.update(meeting.id, this.docs.get(name), { prefill: false });
      this.docs.compactNow(name);
    }
  }
}
