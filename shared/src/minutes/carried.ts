import * as Y from 'yjs';
import { CARRIED, addEntry, attendanceLists, type MinutesView, type Person, type Task } from './doc.ts';

/**
 * What the minutes of a meeting take over from the group's earlier meetings: the tasks still open
 * (listed again until someone ticks them done) and, once, the attendance. The server alone writes
 * these (it can read the earlier meetings' minutes; an editor's link opens only this meeting).
 */

/** The meeting whose minutes set a task or named the attendance. */
export interface EarlierMeeting {
  meetingId: string;
  title: string;
  startsAt: string;
}

/** A task of an earlier meeting, listed again; `id` is the task's id in the minutes that set it. */
export interface CarriedTask extends Task {
  from: EarlierMeeting;
}

const carriedList = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(CARRIED);
const origins = (doc: Y.Doc) => doc.getMap<unknown>('origins');
/** Set once attendance was filled in, and kept when its meeting is deleted: it is never filled twice. */
const PREFILLED = 'attendancePrefilled';

/** Ticks (or unticks) a carried task in this meeting's minutes: the following meetings no longer list it. */
export function setCarriedDone(doc: Y.Doc, id: string, done: boolean): void {
  const entry = carriedList(doc)
    .toArray()
    .find((e) => e.get('id') === id);
  if (entry && entry.get('done') !== done) entry.set('done', done);
}

/**
 * The tasks still open after the given meetings (oldest first): each meeting's own open tasks, less
 * those a later meeting of them ticked done among its carried tasks. Keyed by the task's id, so a
 * task appears once however many meetings listed it.
 */
export function openTasksAfter(earlier: { meeting: EarlierMeeting; minutes: Pick<MinutesView, 'tasks' | 'carried'> }[]): CarriedTask[] {
  const open = new Map<string, CarriedTask>();
  for (const { meeting, minutes } of earlier) {
    for (const task of minutes.carried) if (task.done) open.delete(task.id);
    for (const task of minutes.tasks) {
      if (!task.done && task.task.trim()) open.set(task.id, { ...task, from: meeting });
    }
  }
  return [...open.values()];
}

const fields = ['task', 'owner', 'deadline', 'from'] as const;

/**
 * Makes the doc's carried tasks what `open` says: adds the missing ones at the end, brings texts up
 * to date from the minutes that set them, and drops duplicates (keeping a tick any of them had) and
 * tasks no longer open. A task ticked done here stays (it is this meeting's record) while its
 * meeting is among `earlier`; a tick made here is never undone.
 */
function syncCarriedTasks(doc: Y.Doc, open: CarriedTask[], earlier: ReadonlySet<string>): void {
  const list = carriedList(doc);
  const wanted = new Map(open.map((task) => [task.id, task]));
  const idOf = (entry: Y.Map<unknown>) => entry.get('id') as string;
  doc.transact(() => {
    const entries = list.toArray();
    const ticked = new Set(entries.filter((entry) => entry.get('done') === true).map(idOf));
    const kept = new Set<string>();
    const dropped: number[] = [];
    entries.forEach((entry, index) => {
      const id = idOf(entry);
      const from = (entry.get('from') as EarlierMeeting | undefined)?.meetingId ?? '';
      if (!kept.has(id) && (wanted.has(id) || (ticked.has(id) && earlier.has(from)))) kept.add(id);
      else dropped.push(index);
    });
    for (const index of dropped.reverse()) list.delete(index, 1);
    const present = new Map(list.toArray().map((entry) => [idOf(entry), entry]));
    for (const [id, entry] of present) if (ticked.has(id) && entry.get('done') !== true) entry.set('done', true);
    for (const task of open) {
      const entry = present.get(task.id);
      if (!entry) {
        list.push([new Y.Map<unknown>(Object.entries({ ...task, done: false }))]);
        continue;
      }
      for (const field of fields) {
        if (JSON.stringify(entry.get(field)) !== JSON.stringify(task[field])) entry.set(field, task[field]);
      }
    }
  });
}

/** Where the attendance was taken over from, if it was (the page can ask the secretary to check it). */
export function attendanceOrigin(doc: Y.Doc): EarlierMeeting | undefined {
  return origins(doc).get('attendance') as EarlierMeeting | undefined;
}

/** One earlier meeting of the group with its minutes, oldest first. */
export interface EarlierMinutes {
  meeting: EarlierMeeting;
  minutes: Pick<MinutesView, 'tasks' | 'carried' | 'present' | 'excused'>;
}

/**
 * Brings new or open minutes up to date with the group's earlier meetings: the carried tasks, the
 * attendance (when `prefill`, from the latest earlier meeting that named anyone), and forgets an
 * attendance origin that is no longer among them (a deleted meeting).
 */
export function syncWithEarlier(doc: Y.Doc, earlier: EarlierMinutes[], options: { prefill: boolean }): void {
  const ids = new Set(earlier.map((e) => e.meeting.meetingId));
  syncCarriedTasks(doc, openTasksAfter(earlier), ids);
  const origin = attendanceOrigin(doc);
  if (origin && !ids.has(origin.meetingId)) origins(doc).delete('attendance');
  if (!options.prefill) return;
  const named = (person: Person) => person.name.trim() !== '';
  const source = earlier.findLast((e) => e.minutes.present.some(named) || e.minutes.excused.some(named));
  if (source) prefillAttendance(doc, source.meeting, source.minutes);
}

/**
 * Fills the attendance of new minutes from an earlier meeting's: everyone who was present or
 * excused then is listed as present (the members of a working group come back; the secretary
 * removes who is missing, as they do today with last time's minutes in Word). Guests came once and
 * are left out. Never overwrites: it does nothing once anyone is listed or once it has filled them.
 */
export function prefillAttendance(doc: Y.Doc, from: EarlierMeeting, minutes: Pick<MinutesView, 'present' | 'excused'>): boolean {
  if (origins(doc).has(PREFILLED) || attendanceLists.some((name) => doc.getArray(name).length > 0)) return false;
  const seen = new Set<string>();
  const people = [...minutes.present, ...minutes.excused].filter((person: Person) => {
    const key = `${person.name.trim().toLowerCase()}|${person.organisation.trim().toLowerCase()}`;
    if (!person.name.trim() || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!people.length) return false;
  doc.transact(() => {
    for (const person of people) addEntry(doc, 'present', { name: person.name.trim(), organisation: person.organisation.trim() });
    origins(doc).set('attendance', from);
    origins(doc).set(PREFILLED, true);
  });
  return true;
}
