import * as Y from 'yjs';
import { z } from 'zod';
import { randomId } from '../../ids.ts';

export const questionTypes = ['words', 'open', 'choice', 'scale', 'ranking'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const questionStatuses = ['draft', 'open', 'closed'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const QUESTION_MAX_LENGTH = 300;
export const OPTION_MAX_LENGTH = 120;
export const MAX_OPTIONS = 20;
export const MAX_QUESTIONS = 50;

export interface PollOption {
  id: string;
  label: string;
}

/** How a question is asked and answered; editors change these in the doc, the server reads them as rules. */
export const questionSettingsSchema = z.object({
  /** Word cloud: words or short phrases per participant. */
  wordsPerParticipant: z.number().int().min(1).max(3).default(3),
  /** Open text: answers per participant. */
  answersPerParticipant: z.number().int().min(1).max(5).default(1),
  /** Choice: several answers allowed, and at most how many (0 = as many as there are options). */
  multiple: z.boolean().default(false),
  maxChoices: z.number().int().min(0).max(MAX_OPTIONS).default(0),
  allowOther: z.boolean().default(false),
  scaleMin: z.number().int().min(0).max(1).default(1),
  scaleMax: z.number().int().min(2).max(10).default(5),
  minLabel: z.string().max(60).default(''),
  maxLabel: z.string().max(60).default(''),
  /** A participant may change the answer while the question is open. */
  allowChange: z.boolean().default(true),
});
export type QuestionSettings = z.infer<typeof questionSettingsSchema>;
export const defaultQuestionSettings: QuestionSettings = questionSettingsSchema.parse({});

export const newQuestionSchema = z.object({
  type: z.enum(questionTypes),
  text: z.string().max(QUESTION_MAX_LENGTH).default(''),
  options: z.array(z.string().max(OPTION_MAX_LENGTH)).max(MAX_OPTIONS).default([]),
  settings: questionSettingsSchema.partial().default({}),
});
export type NewQuestion = z.input<typeof newQuestionSchema>;

/**
 * Layout of a poll's doc:
 * - `order`: question ids in order; `questions`: id → Y.Map of the question (type, text as Y.Text,
 *   options, settings, status, showResults, and the facilitator's `hidden`, `merges`, `splits`);
 * - `poll`: `current` question shown on the screen and the phones;
 * - `tallies` and `answers`: written by the server only (the aggregate of phones' answers).
 */
export const orderOf = (doc: Y.Doc) => doc.getArray<string>('order');
export const questionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('questions');
export const pollOf = (doc: Y.Doc) => doc.getMap<unknown>('poll');

function optionsArray(labels: string[]): Y.Array<PollOption> {
  const options = new Y.Array<PollOption>();
  options.push(labels.map((label) => ({ id: randomId(), label })));
  return options;
}

/** Adds a question at the end and returns its id. */
export function addQuestion(doc: Y.Doc, input: NewQuestion): string {
  const question = newQuestionSchema.parse(input);
  const id = randomId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('type', question.type);
    map.set('text', new Y.Text(question.text));
    map.set('options', optionsArray(question.options));
    map.set('settings', questionSettingsSchema.parse(question.settings));
    map.set('status', 'draft');
    map.set('showResults', false);
    map.set('hidden', new Y.Map<boolean>());
    map.set('merges', new Y.Map<string>());
    map.set('splits', new Y.Map<boolean>());
    questionsOf(doc).set(id, map);
    orderOf(doc).push([id]);
    if (!pollOf(doc).get('current')) pollOf(doc).set('current', id);
  });
  return id;
}

const question = (doc: Y.Doc, id: string) => questionsOf(doc).get(id);

export function questionText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = question(doc, id)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

function optionsOf(doc: Y.Doc, id: string): Y.Array<PollOption> | undefined {
  const options = question(doc, id)?.get('options');
  return options instanceof Y.Array ? (options as Y.Array<PollOption>) : undefined;
}

export function changeSettings(doc: Y.Doc, id: string, change: Partial<QuestionSettings>): void {
  const map = question(doc, id);
  if (!map) return;
  const current = questionSettingsSchema.safeParse(map.get('settings'));
  const next = questionSettingsSchema.safeParse({ ...(current.success ? current.data : defaultQuestionSettings), ...change });
  if (next.success) map.set('settings', next.data);
}

export function removeQuestion(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    questionsOf(doc).delete(id);
    const order = orderOf(doc);
    for (let i = order.length - 1; i >= 0; i--) if (order.get(i) === id) order.delete(i, 1);
    if (pollOf(doc).get('current') === id) pollOf(doc).set('current', order.length ? order.get(0) : null);
  });
}

/** Moves a question by `delta` places (−1 up, +1 down). */
export function moveQuestion(doc: Y.Doc, id: string, delta: number): void {
  const order = orderOf(doc);
  const from = order.toArray().indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return;
  doc.transact(() => {
    order.delete(from, 1);
    order.insert(to, [id]);
  });
}

export function addOption(doc: Y.Doc, id: string, label = ''): void {
  const options = optionsOf(doc, id);
  if (options && options.length < MAX_OPTIONS) options.push([{ id: randomId(), label: label.slice(0, OPTION_MAX_LENGTH) }]);
}

export function renameOption(doc: Y.Doc, id: string, optionId: string, label: string): void {
  const options = optionsOf(doc, id);
  const index = options?.toArray().findIndex((o) => o.id === optionId) ?? -1;
  if (!options || index < 0) return;
  doc.transact(() => {
    options.delete(index, 1);
    options.insert(index, [{ id: optionId, label: label.slice(0, OPTION_MAX_LENGTH) }]);
  });
}

export function removeOption(doc: Y.Doc, id: string, optionId: string): void {
  const options = optionsOf(doc, id);
  const index = options?.toArray().findIndex((o) => o.id === optionId) ?? -1;
  if (options && index >= 0) options.delete(index, 1);
}

export function moveOption(doc: Y.Doc, id: string, optionId: string, delta: number): void {
  const options = optionsOf(doc, id);
  const list = options?.toArray() ?? [];
  const from = list.findIndex((o) => o.id === optionId);
  const to = from + delta;
  if (!options || from < 0 || to < 0 || to >= list.length) return;
  doc.transact(() => {
    options.delete(from, 1);
    options.insert(to, [list[from]!]);
  });
}

/** Opens or closes answering; opening a question also puts it on the screen and the phones. */
export function setQuestionStatus(doc: Y.Doc, id: string, status: QuestionStatus): void {
  const map = question(doc, id);
  if (!map) return;
  doc.transact(() => {
    map.set('status', status);
    if (status === 'open') pollOf(doc).set('current', id);
  });
}

export function showQuestion(doc: Y.Doc, id: string): void {
  if (question(doc, id)) pollOf(doc).set('current', id);
}

export function setResultsShown(doc: Y.Doc, id: string, shown: boolean): void {
  question(doc, id)?.set('showResults', shown);
}

/** Hides an open answer or a word from the screens; the answer stays in the record, marked hidden. */
export function setAnswerHidden(doc: Y.Doc, id: string, answerKey: string, hidden: boolean): void {
  const map = question(doc, id)?.get('hidden');
  if (!(map instanceof Y.Map)) return;
  if (hidden) map.set(answerKey, true);
  else map.delete(answerKey);
}

/** Word cloud: counts the group `from` as the group `into`. */
export function mergeWords(doc: Y.Doc, id: string, from: string, into: string): void {
  const merges = question(doc, id)?.get('merges');
  if (merges instanceof Y.Map && from !== into) merges.set(from, into);
}

/** Word cloud: undoes merges into a group and gives each of its written forms a group of its own. */
export function splitWords(doc: Y.Doc, id: string, groupKey: string, forms: string[]): void {
  const map = question(doc, id);
  const merges = map?.get('merges');
  const splits = map?.get('splits');
  if (!(merges instanceof Y.Map) || !(splits instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [from, into] of merges.entries()) if (into === groupKey || from === groupKey) merges.delete(from);
    for (const form of forms) splits.set(form, true);
  });
}
