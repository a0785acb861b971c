import * as Y from 'yjs';
import { randomId } from '../../ids.ts';
import { CAFE_NOTE_MAX_LENGTH } from './basics.ts';
import { tableColours } from './colours.ts';

export const MAX_TABLES = 16;
export const MIN_TABLES = 2;
export const MAX_QUESTIONS = 10;
export const QUESTION_MAX_LENGTH = 300;
export const TABLE_NAME_MAX_LENGTH = 60;

/**
 * Layout of a café's board doc (facilitator and meeting editors write it; table hosts and screens read it):
 * - `cafe`: `round` (0 before the first), `startedAt` (the server's clock, ms; null while the timer
 *   is stopped) and `minutes` (a round's length);
 * - `questions`: one Y.Map per question (`id`, `text` as Y.Text); round n discusses question n;
 * - `tables`: one Y.Map per table (`id`, `colour` index, `name`, '' for the colour's name);
 * - `synthesis`: per question a Y.Map of `text` (Y.Text), `key` (note refs marked as key conclusions)
 *   and `merged` (note ref → the ref of the note it duplicates);
 * - `sizes`: how many sit at each table, written by the server.
 */
export const cafeOf = (doc: Y.Doc) => doc.getMap<unknown>('cafe');
export const questionsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('questions');
export const tablesOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('tables');
export const synthesisOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('synthesis');
export const sizesOf = (doc: Y.Doc) => doc.getMap<number>('sizes');

/**
 * A table's own doc (`rooms.table`): `notes`, one entry per note, from the table host's tablet
 * (`from: 'table'`) or projected by the server from the phones of the people at the table.
 */
export interface TableNote {
  questionId: string;
  text: string;
  at: string;
  from: 'phone' | 'table';
  hidden: boolean;
}
export const tableNotesOf = (tableDoc: Y.Doc) => tableDoc.getMap<TableNote>('notes');

/** A note across tables: `tableId/noteId`. */
export const noteRef = (tableId: string, noteId: string) => `${tableId}/${noteId}`;

export function addQuestion(doc: Y.Doc, text = ''): string {
  const id = randomId();
  doc.transact(() => {
    const question = new Y.Map<unknown>();
    question.set('id', id);
    question.set('text', new Y.Text(text.slice(0, QUESTION_MAX_LENGTH)));
    questionsOf(doc).push([question]);
    const synthesis = new Y.Map<unknown>();
    synthesis.set('text', new Y.Text());
    synthesis.set('key', new Y.Map<boolean>());
    synthesis.set('merged', new Y.Map<string>());
    synthesisOf(doc).set(id, synthesis);
  });
  return id;
}

const indexOfQuestion = (doc: Y.Doc, id: string) => questionsOf(doc).toArray().findIndex((q) => q.get('id') === id);

export function questionText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = questionsOf(doc).get(indexOfQuestion(doc, id))?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

export function removeQuestion(doc: Y.Doc, id: string): void {
  const index = indexOfQuestion(doc, id);
  if (index >= 0) questionsOf(doc).delete(index, 1);
}

/** Adds or removes tables at the end; a new table takes the next colour. */
export function setTableCount(doc: Y.Doc, count: number): void {
  const tables = tablesOf(doc);
  const wanted = Math.max(MIN_TABLES, Math.min(MAX_TABLES, Math.round(count)));
  doc.transact(() => {
    if (tables.length > wanted) tables.delete(wanted, tables.length - wanted);
    const used = new Set(tables.toArray().map((t) => t.get('colour')));
    while (tables.length < wanted) {
      const table = new Y.Map<unknown>();
      const free = tableColours.findIndex((_, i) => !used.has(i));
      const colour = free >= 0 ? free : tables.length;
      used.add(colour);
      table.set('id', randomId());
      table.set('colour', colour);
      table.set('name', '');
      tables.push([table]);
    }
  });
}

export function renameTable(doc: Y.Doc, tableId: string, name: string): void {
  tablesOf(doc)
    .toArray()
    .find((t) => t.get('id') === tableId)
    ?.set('name', name.trim().slice(0, TABLE_NAME_MAX_LENGTH));
}

export function setRoundMinutes(doc: Y.Doc, minutes: number): void {
  if (Number.isInteger(minutes) && minutes >= 1 && minutes <= 180) cafeOf(doc).set('minutes', minutes);
}

/** Goes to a round: the server seats everyone for it and phones show where to go; the timer waits. */
export function goToRound(doc: Y.Doc, round: number): void {
  doc.transact(() => {
    cafeOf(doc).set('round', Math.max(0, Math.min(questionsOf(doc).length, round)));
    cafeOf(doc).set('startedAt', null);
  });
}

/** Starts the round's timer at `now`, which must be the server's clock. */
export const startTimer = (doc: Y.Doc, now: number) => cafeOf(doc).set('startedAt', Math.round(now));
export const stopTimer = (doc: Y.Doc) => cafeOf(doc).set('startedAt', null);

/** Gives the running round more (or less) time. */
export function addMinutes(doc: Y.Doc, delta: number): void {
  const minutes = cafeOf(doc).get('minutes');
  setRoundMinutes(doc, (typeof minutes === 'number' ? minutes : 0) + delta);
}

const synthesisPart = (doc: Y.Doc, questionId: string, part: 'key' | 'merged') => {
  const value = synthesisOf(doc).get(questionId)?.get(part);
  return value instanceof Y.Map ? value : undefined;
};

export function synthesisText(doc: Y.Doc, questionId: string): Y.Text | undefined {
  const text = synthesisOf(doc).get(questionId)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

export function setKeyConclusion(doc: Y.Doc, questionId: string, ref: string, key: boolean): void {
  const map = synthesisPart(doc, questionId, 'key');
  if (key) map?.set(ref, true);
  else map?.delete(ref);
}

/** Marks a note as a duplicate of another (its text counts once, with both tables); null undoes it. */
export function mergeNote(doc: Y.Doc, questionId: string, ref: string, into: string | null): void {
  const map = synthesisPart(doc, questionId, 'merged');
  if (into && into !== ref) map?.set(ref, into);
  else map?.delete(ref);
}

/** A table host (or an editor) adds a note to the table's doc. */
export function addTableNote(tableDoc: Y.Doc, questionId: string, text: string, at = new Date().toISOString()): string {
  const id = randomId();
  tableNotesOf(tableDoc).set(id, { questionId, text: text.trim().slice(0, CAFE_NOTE_MAX_LENGTH), at, from: 'table', hidden: false });
  return id;
}

export function editTableNote(tableDoc: Y.Doc, noteId: string, change: Partial<Pick<TableNote, 'text' | 'hidden'>>): void {
  const note = tableNotesOf(tableDoc).get(noteId);
  if (!note) return;
  const text = change.text?.trim().slice(0, CAFE_NOTE_MAX_LENGTH);
  tableNotesOf(tableDoc).set(noteId, { ...note, ...change, ...(text ? { text } : { text: note.text }) });
}
