import * as Y from 'yjs';
import { randomId } from '../ids.ts';
import type { CarriedTask } from './carried.ts';
import { richTextBlocks, writeRichText, type WritableBlock } from './richtext.ts';
import type { RichBlock } from './section.ts';

/**
 * The minutes of one meeting as a Y.Doc (`rooms.minutes`), co-edited by the secretary and the
 * facilitator. Texts that people type at once are Y.Text (merged letter by letter), agenda notes are
 * rich text (a Y.XmlFragment, see richtext.ts); short fields of list entries (a name, a deadline)
 * are plain values, the last writer winning.
 */

/** Metadata typed into the minutes; an empty one falls back to the meeting's own (title, place, start). */
export const metaFields = ['title', 'place', 'startsAt', 'facilitator', 'recorder'] as const;
export type MetaField = (typeof metaFields)[number];

export interface Person {
  id: string;
  name: string;
  organisation: string;
}
export interface Task {
  id: string;
  task: string;
  owner: string;
  deadline: string;
  done: boolean;
}
export interface NextMeeting {
  id: string;
  /** `YYYY-MM-DDTHH:mm`, or whatever the secretary wrote. */
  when: string;
}
/** An agenda item: a board of the meeting (its title comes from the board) or a free item with its own title. */
export interface AgendaEntry {
  id: string;
  boardId: string | null;
  title: string;
  notes: RichBlock[];
  /** A board's results as frozen into the minutes (then edited as rich text); null while they follow the board. */
  frozen: RichBlock[] | null;
}

/** The editable lists of plain entries and the fields of their entries. */
interface Lists {
  present: Person;
  guests: Person;
  excused: Person;
  tasks: Task;
  nextMeetings: NextMeeting;
}
export type ListName = keyof Lists;
export const attendanceLists = ['present', 'guests', 'excused'] as const satisfies ListName[];
export type AttendanceList = (typeof attendanceLists)[number];

export interface MinutesView {
  meta: Record<MetaField, string>;
  present: Person[];
  guests: Person[];
  excused: Person[];
  agenda: AgendaEntry[];
  tasks: Task[];
  /** Open tasks of the group's earlier meetings, listed again (the server keeps them, see carried.ts). */
  carried: CarriedTask[];
  nextMeetings: NextMeeting[];
}

const blank: { [L in ListName]: Omit<Lists[L], 'id'> } = {
  present: { name: '', organisation: '' },
  guests: { name: '', organisation: '' },
  excused: { name: '', organisation: '' },
  tasks: { task: '', owner: '', deadline: '', done: false },
  nextMeetings: { when: '' },
};

export const metaText = (doc: Y.Doc, field: MetaField): Y.Text => doc.getText(`meta.${field}`);
const list = (doc: Y.Doc, name: ListName) => doc.getArray<Y.Map<unknown>>(name);
const agenda = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('agenda');
const indexOf = (array: Y.Array<Y.Map<unknown>>, id: string) => array.toArray().findIndex((entry) => entry.get('id') === id);

/** Appends an entry to a list (attendance, tasks, next meetings) and returns its id. */
export function addEntry<L extends ListName>(doc: Y.Doc, name: L, fields: Partial<Omit<Lists[L], 'id'>> = {}): string {
  const id = randomId();
  const entry = new Y.Map<unknown>(Object.entries({ ...blank[name], ...fields, id }));
  list(doc, name).push([entry]);
  return id;
}

export function setEntryField<L extends ListName, F extends Exclude<keyof Lists[L], 'id'> & string>(
  doc: Y.Doc,
  name: L,
  id: string,
  field: F,
  value: Lists[L][F],
): void {
  const entry = list(doc, name).toArray().find((e) => e.get('id') === id);
  if (entry && entry.get(field) !== value) entry.set(field, value);
}

export function removeEntry(doc: Y.Doc, name: ListName, id: string): void {
  const array = list(doc, name);
  const index = indexOf(array, id);
  if (index >= 0) array.delete(index, 1);
}

function newAgendaItem(boardId: string | null, title: string): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['id', randomId()],
    ['boardId', boardId],
    ['title', new Y.Text(title)],
    ['notes', new Y.XmlFragment()],
  ]);
}

/** Adds a free agenda item (not a board) at the end and returns its id. */
export function addFreeItem(doc: Y.Doc, title: string): string {
  const item = newAgendaItem(null, title);
  agenda(doc).push([item]);
  return item.get('id') as string;
}

/** Removes a free agenda item; a board's item goes with its board. */
export function removeFreeItem(doc: Y.Doc, id: string): void {
  const array = agenda(doc);
  const index = indexOf(array, id);
  if (index >= 0 && array.get(index).get('boardId') === null) array.delete(index, 1);
}

/** Moves an agenda item one place up (-1) or down (+1). */
export function moveAgendaItem(doc: Y.Doc, id: string, delta: -1 | 1): void {
  const array = agenda(doc);
  const from = indexOf(array, id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= array.length) return;
  doc.transact(() => {
    const moved = array.get(from).clone();
    array.delete(from, 1);
    array.insert(to, [moved]);
  });
}

/**
 * Gives every board of the meeting an agenda item (appended in the meeting's order). Only the server
 * calls this, so that two editors opening the minutes at once do not both add one.
 */
export function addBoardItems(doc: Y.Doc, boardIds: string[]): void {
  const array = agenda(doc);
  const present = new Set(array.toArray().map((item) => item.get('boardId')));
  const missing = boardIds.filter((id) => !present.has(id));
  if (missing.length) doc.transact(() => array.push(missing.map((id) => newAgendaItem(id, ''))));
}

const agendaItem = (doc: Y.Doc, id: string): Y.Map<unknown> | undefined => agenda(doc).toArray().find((item) => item.get('id') === id);

/** The Y.Text of a free agenda item's title, for binding to an input. */
export const agendaTitle = (doc: Y.Doc, id: string) => agendaItem(doc, id)?.get('title') as Y.Text | undefined;

/** The rich text of an agenda item's notes, for binding to the editor. */
export const agendaNotes = (doc: Y.Doc, id: string) => agendaItem(doc, id)?.get('notes') as Y.XmlFragment | undefined;

/** The rich text a board's results were frozen into, undefined while they follow the board. */
export const frozenResults = (doc: Y.Doc, id: string) => agendaItem(doc, id)?.get('frozen') as Y.XmlFragment | undefined;

/**
 * Freezes a board's results at its agenda item: from now on the minutes keep these blocks (as
 * editable rich text) instead of following the board.
 */
export function freezeResults(doc: Y.Doc, id: string, blocks: WritableBlock[]): void {
  const item = agendaItem(doc, id);
  if (!item || item.get('boardId') === null) return;
  doc.transact(() => {
    const frozen = item.set('frozen', new Y.XmlFragment());
    writeRichText(frozen, blocks);
  });
}

/** Lets the results follow the board again; whatever was edited in the frozen text is gone. */
export function unfreezeResults(doc: Y.Doc, id: string): void {
  agendaItem(doc, id)?.delete('frozen');
}

/** The name of the carried tasks' array in the doc. */
export const CARRIED = 'carried';

const plain = <T>(array: Y.Array<Y.Map<unknown>>) => array.toArray().map((entry) => entry.toJSON() as T);

const richTextOf = (value: unknown) => (value instanceof Y.XmlFragment ? richTextBlocks(value) : null);

/** A plain JSON view of the minutes. Board items whose board is gone are left out by the composer, not here. */
export function minutesView(doc: Y.Doc): MinutesView {
  return {
    meta: Object.fromEntries(metaFields.map((field) => [field, metaText(doc, field).toString()])) as Record<MetaField, string>,
    present: plain<Person>(list(doc, 'present')),
    guests: plain<Person>(list(doc, 'guests')),
    excused: plain<Person>(list(doc, 'excused')),
    agenda: agenda(doc)
      .toArray()
      .map((item) => ({
        id: item.get('id') as string,
        boardId: (item.get('boardId') as string | null) ?? null,
        title: String(item.get('title') ?? ''),
        notes: richTextOf(item.get('notes')) ?? [],
        frozen: richTextOf(item.get('frozen')),
      })),
    tasks: plain<Task>(list(doc, 'tasks')),
    carried: plain<CarriedTask>(doc.getArray(CARRIED)),
    nextMeetings: plain<NextMeeting>(list(doc, 'nextMeetings')),
  };
}
