import * as Y from 'yjs';
import { z } from 'zod';
import { translator, type Translate } from '../../i18n/index.ts';
import type { MinutesBlock, MinutesListItem } from '../../minutes/section.ts';
import { idSchema, lineText } from '../../schemas/common.ts';
import { tableIdSchema } from '../../schemas/seating.ts';
import { accept, refuse, type BoardKind, type Seat, type TableDocs } from '../kind.ts';
import { CAFE_NOTE_MAX_LENGTH, tableLabel } from './basics.ts';
import { colourOf } from './colours.ts';
import {
  MAX_QUESTIONS,
  MAX_TABLES,
  MIN_TABLES,
  QUESTION_MAX_LENGTH,
  addQuestion,
  cafeOf,
  goToRound,
  noteRef,
  questionsOf,
  setRoundMinutes,
  setTableCount,
  sizesOf,
  synthesisOf,
  tableNotesOf,
  tablesOf,
  type TableNote,
} from './doc.ts';
import { seatPeople } from './seating.ts';

export * from './basics.ts';
export * from './colours.ts';
export * from './doc.ts';
export { organisationKey, seatPeople } from './seating.ts';

/** A participant's notes per question, so that one phone cannot flood its table. */
export const NOTES_PER_QUESTION = 10;
/** The newest notes of each table that phones receive. */
const PHONE_NOTES_PER_TABLE = 30;

const settingsSchema = z.object({
  questions: z.array(z.string().trim().max(QUESTION_MAX_LENGTH)).max(MAX_QUESTIONS).default([]),
  tables: z.number().int().min(MIN_TABLES).max(MAX_TABLES).default(4),
  roundMinutes: z.number().int().min(1).max(180).default(20),
});
export type CafeSettings = z.infer<typeof settingsSchema>;

const intentSchema = z.object({
  type: z.literal('cafe.note'),
  tableId: tableIdSchema,
  questionId: idSchema,
  text: lineText(CAFE_NOTE_MAX_LENGTH),
});
export type CafeIntent = z.infer<typeof intentSchema>;

export interface CafeRules {
  round: number;
  /** The question of the current round; phones post notes to it alone. */
  questionId: string | null;
  tables: string[];
}

/** Phones' accepted notes per table: note id → note. */
export type CafeAggregate = Record<string, Record<string, Pick<TableNote, 'questionId' | 'text' | 'at'>>>;

export interface CafeTable {
  id: string;
  /** 1-based position: "table 3". */
  number: number;
  /** Index into `tableColours`. */
  colour: number;
  /** The facilitator's name for it; '' means the colour's name. */
  name: string;
  /** How many participants sit there this round. */
  size: number;
}
export interface CafeNote extends TableNote {
  id: string;
  tableId: string;
  /** `tableId/noteId`, how the synthesis refers to a note. */
  ref: string;
}
export interface CafeQuestion {
  id: string;
  text: string;
  synthesis: string;
  /** Refs of the notes marked as key conclusions. */
  key: string[];
  /** Ref of a duplicate → ref of the note it was merged into. */
  merged: Record<string, string>;
}
export interface CafeTimer {
  startedAt: number | null;
  minutes: number;
}
export interface CafeView extends CafeTimer {
  round: number;
  questions: CafeQuestion[];
  tables: CafeTable[];
  notes: CafeNote[];
}

export interface CafePhoneTable extends CafeTable {
  /** The table's visible notes on the current question, newest last. */
  notes: { id: string; text: string }[];
}
export interface CafePhoneView extends CafeTimer {
  round: number;
  rounds: number;
  question: { id: string; text: string } | null;
  tables: CafePhoneTable[];
}
/** A continued café's old harvest per question id: the synthesis and the key conclusions. */
export type CafeReference = Record<string, { synthesis: string; key: string[] }>;

export interface CafeMine {
  /** Where this participant sits this round (null before the first round or before being seated). */
  seat: Seat | null;
  round: number;
  remaining: number;
}

/** The question of a round (1-based), if there is one. */
export const questionOfRound = <Q>(questions: Q[], round: number): Q | null => (round >= 1 ? (questions[round - 1] ?? null) : null);

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const stringOf = (value: unknown) => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');
const isTableNote = (value: unknown): value is TableNote =>
  typeof value === 'object' && value !== null && typeof (value as TableNote).text === 'string' && typeof (value as TableNote).questionId === 'string';

function readTables(doc: Y.Doc): CafeTable[] {
  const sizes = sizesOf(doc);
  return tablesOf(doc)
    .toArray()
    .map((table, i) => {
      const id = String(table.get('id') ?? '');
      return { id, number: i + 1, colour: numberOr(table.get('colour'), i), name: stringOf(table.get('name')), size: sizes.get(id) ?? 0 };
    })
    .filter((t) => t.id);
}

function readQuestions(doc: Y.Doc): CafeQuestion[] {
  return questionsOf(doc)
    .toArray()
    .map((question) => {
      const id = String(question.get('id') ?? '');
      const synthesis = synthesisOf(doc).get(id);
      const key = synthesis?.get('key');
      const merged = synthesis?.get('merged');
      return {
        id,
        text: stringOf(question.get('text')),
        synthesis: stringOf(synthesis?.get('text')),
        key: key instanceof Y.Map ? [...key.keys()].sort() : [],
        merged: merged instanceof Y.Map ? (merged.toJSON() as Record<string, string>) : {},
      };
    })
    .filter((q) => q.id);
}

function readRound(doc: Y.Doc, questionCount: number): number {
  return Math.max(0, Math.min(questionCount, Math.floor(numberOr(cafeOf(doc).get('round'), 0))));
}

function readNotes(tables: CafeTable[], tableDocs: TableDocs | undefined): CafeNote[] {
  if (!tableDocs) return [];
  const notes: CafeNote[] = [];
  for (const table of tables) {
    for (const [id, note] of tableNotesOf(tableDocs(table.id)).entries()) {
      if (isTableNote(note)) notes.push({ ...note, hidden: note.hidden === true, id, tableId: table.id, ref: noteRef(table.id, id) });
    }
  }
  return notes.sort((a, b) => a.at.localeCompare(b.at) || a.ref.localeCompare(b.ref));
}

/** A question's notes worth writing down: visible ones, grouped by table in table order. */
export function notesByTable(view: CafeView, questionId: string): { table: CafeTable; notes: CafeNote[] }[] {
  return view.tables.map((table) => ({
    table,
    notes: view.notes.filter((n) => n.tableId === table.id && n.questionId === questionId && !n.hidden),
  }));
}

/** Key conclusions of a question, each with the tables it came from (its duplicates' tables too). */
export function keyConclusions(view: CafeView, question: CafeQuestion): { note: CafeNote; tables: CafeTable[] }[] {
  const byRef = new Map(view.notes.map((n) => [n.ref, n]));
  const tableById = new Map(view.tables.map((t) => [t.id, t]));
  return question.key.flatMap((ref) => {
    const note = byRef.get(ref);
    if (!note || note.hidden) return [];
    const sources = [note, ...Object.entries(question.merged).filter(([, into]) => into === ref).map(([from]) => byRef.get(from))];
    const tables = [...new Set(sources.filter((n) => n && !n.hidden).map((n) => n!.tableId))]
      .map((id) => tableById.get(id))
      .filter((t): t is CafeTable => t !== undefined)
      .sort((a, b) => a.number - b.number);
    return [{ note, tables }];
  });
}

function questionMinutes(view: CafeView, question: CafeQuestion, index: number, t: Translate): MinutesBlock[] {
  const blocks: MinutesBlock[] = [{ type: 'heading', text: `${index + 1}) ${question.text || t('board.cafe.questionN', { n: index + 1 })}` }];
  for (const line of question.synthesis.split('\n').map((l) => l.trim()).filter(Boolean)) blocks.push({ type: 'paragraph', text: line });
  const key = keyConclusions(view, question);
  if (key.length) {
    blocks.push({
      type: 'list',
      label: t('board.cafe.keyConclusions'),
      items: key.map(({ note, tables }) => `${note.text} (${tables.map((table) => tableLabel(table, t)).join('; ')})`),
    });
  }
  const keyRefs = new Set(question.key);
  const groups = notesByTable(view, question.id).filter((g) => g.notes.length);
  for (const { table, notes } of groups) {
    blocks.push({
      type: 'list',
      label: tableLabel(table, t),
      colour: colourOf(table.colour).background,
      items: notes.map((n): string | MinutesListItem => (keyRefs.has(n.ref) ? { text: n.text, mark: 'priority' } : n.text)),
    });
  }
  if (!groups.length && !question.synthesis.trim()) blocks.push({ type: 'paragraph', text: t('board.cafe.noNotes') });
  return blocks;
}

export const cafe: BoardKind<CafeSettings, CafeIntent, CafeAggregate, CafeView, CafePhoneView, CafeMine, CafeRules, CafeReference> = {
  name: 'cafe',
  settingsSchema,
  intentSchema,

  init(doc, settings) {
    doc.transact(() => {
      setTableCount(doc, settings.tables);
      setRoundMinutes(doc, settings.roundMinutes);
      cafeOf(doc).set('round', 0);
      cafeOf(doc).set('startedAt', null);
      for (const text of settings.questions) addQuestion(doc, text);
    });
  },

  rules(doc) {
    const questions = readQuestions(doc);
    const round = readRound(doc, questions.length);
    return { round, questionId: questionOfRound(questions, round)?.id ?? null, tables: readTables(doc).map((t) => t.id) };
  },

  checkIntent(intent, previous, rules, participant) {
    if (!rules.questionId) return refuse('closed', 'the café has not started');
    if (intent.questionId !== rules.questionId) return refuse('closed', 'this round is over');
    const seat = participant?.seat;
    if (!seat || !rules.tables.includes(seat.table)) return refuse('wrong_table', 'you have no table yet');
    if (intent.tableId !== seat.table) return refuse('wrong_table', 'notes go to your own table only');
    const sent = previous.filter((p) => p.questionId === intent.questionId).length;
    return sent < NOTES_PER_QUESTION ? accept : refuse('limit_reached', `at most ${NOTES_PER_QUESTION} notes per question`);
  },

  scopeOf: (intent) => intent.questionId,

  aggregate(accepted) {
    const aggregate: CafeAggregate = {};
    for (const { id, intent, at } of accepted) (aggregate[intent.tableId] ??= {})[id] = { questionId: intent.questionId, text: intent.text, at };
    return aggregate;
  },

  project(doc, aggregate, tableDocs) {
    if (!tableDocs) return;
    const tableIds = new Set([...readTables(doc).map((t) => t.id), ...Object.keys(aggregate)]);
    for (const tableId of tableIds) {
      const tableDoc = tableDocs(tableId);
      const notes = tableNotesOf(tableDoc);
      const accepted = aggregate[tableId] ?? {};
      tableDoc.transact(() => {
        for (const [id, note] of Object.entries(accepted)) if (!notes.has(id)) notes.set(id, { ...note, from: 'phone', hidden: false });
        // Voided by the facilitator's reset: gone from the table too.
        for (const [id, note] of notes.entries()) if (note.from === 'phone' && !Object.hasOwn(accepted, id)) notes.delete(id);
      });
    }
  },

  view(doc, tableDocs) {
    const questions = readQuestions(doc);
    const tables = readTables(doc);
    const cafeMap = cafeOf(doc);
    const startedAt = cafeMap.get('startedAt');
    return {
      round: readRound(doc, questions.length),
      startedAt: typeof startedAt === 'number' ? startedAt : null,
      minutes: numberOr(cafeMap.get('minutes'), settingsSchema.parse({}).roundMinutes),
      questions,
      tables,
      notes: readNotes(tables, tableDocs),
    };
  },

  phoneView(view) {
    const question = questionOfRound(view.questions, view.round);
    return {
      round: view.round,
      rounds: view.questions.length,
      startedAt: view.startedAt,
      minutes: view.minutes,
      question: question && { id: question.id, text: question.text },
      tables: view.tables.map((table) => ({
        ...table,
        notes: view.notes
          .filter((n) => n.tableId === table.id && n.questionId === question?.id && !n.hidden)
          .slice(-PHONE_NOTES_PER_TABLE)
          .map(({ id, text }) => ({ id, text })),
      })),
    };
  },

  mine(previous, rules, participant) {
    const sent = previous.filter((p) => p.questionId === rules.questionId).length;
    return { seat: participant?.seat ?? null, round: rules.round, remaining: Math.max(0, NOTES_PER_QUESTION - sent) };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    return {
      heading: t('board.cafe.name'),
      blocks: view.questions.length
        ? [
            { type: 'paragraph', text: t('board.cafe.minutesIntro', { tables: view.tables.length }) },
            ...view.questions.flatMap((q, i) => questionMinutes(view, q, i, t)),
          ]
        : [{ type: 'paragraph', text: t('board.cafe.empty') }],
    };
  },

  toTable(view, locale) {
    const t = translator(locale);
    const tableById = new Map(view.tables.map((table) => [table.id, table]));
    const rows = view.questions.flatMap((question) => {
      const key = new Set(question.key);
      return [
        ...(question.synthesis.trim() ? [[question.text, t('board.cafe.synthesis'), question.synthesis.trim(), '', '']] : []),
        ...view.notes
          .filter((n) => n.questionId === question.id)
          .map((n) => {
            const table = tableById.get(n.tableId);
            return [question.text, table ? tableLabel(table, t) : '', n.text, key.has(n.ref) ? t('table.yes') : '', n.hidden ? t('table.yes') : ''];
          }),
      ];
    });
    return [[t('board.cafe.question'), t('board.cafe.tableColumn'), t('table.text'), t('board.cafe.keyConclusion'), t('table.hidden')], ...rows];
  },

  seating: {
    tables: (rules) => rules.tables,
    round: (rules) => rules.round,
    seat: seatPeople,
    showSizes(doc, sizes) {
      const map = sizesOf(doc);
      doc.transact(() => {
        for (const [table, size] of Object.entries(sizes)) if (map.get(table) !== size) map.set(table, size);
        for (const table of map.keys()) if (!Object.hasOwn(sizes, table)) map.delete(table);
      });
    },
  },

  /**
   * Questions and tables go on, back before the first round; the tables' notes and the synthesis
   * are the old conversations' harvest, so the new café starts with empty tables.
   */
  /**
   * The key conclusions of each question, by their note's ref (table and note ids, which never
   * change); the context names the question and the tables it came from. Origins are kept in the
   * plan's language, Czech.
   */
  promotable(view) {
    const t = translator('cs');
    return view.questions.flatMap((question, index) =>
      keyConclusions(view, question).map(({ note, tables }) => ({
        itemId: note.ref,
        text: note.text,
        context: `${question.text || t('board.cafe.questionN', { n: index + 1 })} (${tables.map((table) => tableLabel(table, t)).join('; ')})`,
        votes: null,
      })),
    );
  },

  continuation: {
    clear(doc) {
      doc.transact(() => {
        goToRound(doc, 0);
        synthesisOf(doc).clear();
        sizesOf(doc).clear();
      });
    },
    reference: (view) =>
      Object.fromEntries(view.questions.map((q) => [q.id, { synthesis: q.synthesis, key: keyConclusions(view, q).map(({ note }) => note.text) }])),
  },
};
