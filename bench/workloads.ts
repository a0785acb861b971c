/**
 * What the phones of a burst answer (bench/audience.ts runs the burst): a workload creates and
 * prepares a board, says which intents phone i sends (one or several, all at once; some may be
 * meant to be refused, like a tap over the dot budget), and counts the accepted answers a
 * projector shows. Answers are told apart on the projector by count only (a poll's tally cannot
 * tell whose answer it holds), so every workload is measured the same way.
 */
import type * as Y from 'yjs';
import type { Board } from '@dilna/shared';
import { addItem, dots, sectionTitle } from '@dilna/shared/boards/dots';
import { addQuestion, polls, setQuestionStatus, type NewQuestion } from '@dilna/shared/boards/polls/index';
import { api, connectBoardDoc, until } from './lib/clients.ts';
import { seededRandom, weightedIndex, wordsOfParticipant } from './lib/czech-words.ts';

/** A meeting as its facilitator has it: where the server is, the meeting and the facilitator's key. */
export interface MeetingContext {
  origin: string;
  port: number;
  meetingId: string;
  facilitatorKey: string;
}

/** A board ready for the burst. */
export interface PreparedBoard {
  boardId: string;
  /** The `k`-th of the `intentsPerPhone` intents phone `i` sends. */
  intent(i: number, k: number, tag: string): unknown;
  /** How many accepted answers a projector with this doc shows right now. */
  shown(doc: Y.Doc): number;
  /** Whether a projector with this doc shows the board ready for answers (the server has what the facilitator wrote). */
  ready(doc: Y.Doc): boolean;
  /** Closes what preparing opened, once the projector shows the board ready. */
  close(): void;
}

export interface Workload {
  /** Short name, as in BENCH_POLL_QUESTIONS and in column headers. */
  name: string;
  /** One line for the table: what the phones send. */
  describe: string;
  /** Intents each phone sends, all in the same tick. */
  intentsPerPhone: number;
  /**
   * The most of one phone's intents the board's rule may accept (a note wall's notes per
   * participant, one answer to a question, the dot budget); a phone with more accepted is a
   * correctness failure. Intents beyond it must be refused.
   */
  limitPerPhone: number;
  /** Creates the board in the meeting (not yet live) and prepares it for answers. */
  prepare(meeting: MeetingContext): Promise<PreparedBoard>;
}

function createBoard(meeting: MeetingContext, body: { kind: string; title: string; settings?: unknown }): Promise<Board> {
  return api<Board>(meeting.origin, 'POST', `/meetings/${meeting.meetingId}/boards`, {
    key: meeting.facilitatorKey,
    body,
    expect: 201,
  }).then((reply) => reply.body);
}

const NOTES_PER_PARTICIPANT = 3;

/** A short note, unique in its run. */
export const noteText = (tag: string, i: number) => `Víc stínu a laviček u hřiště (${tag}/${i})`;

/** A note wall: phone i posts one note with a unique text. */
export const noteWall: Workload = {
  name: 'notes',
  describe: 'each posts one note',
  intentsPerPhone: 1,
  limitPerPhone: NOTES_PER_PARTICIPANT,
  async prepare(meeting) {
    const board = await createBoard(meeting, {
      kind: 'notes',
      title: 'Co v parku chybí?',
      settings: { prompt: 'Co by v parku mělo být?', notesPerParticipant: NOTES_PER_PARTICIPANT },
    });
    return {
      boardId: board.id,
      intent: (i, _k, tag) => ({ type: 'note.post', text: noteText(tag, i) }),
      shown: (doc) => doc.getMap('notes').size,
      ready: () => true,
      close: () => {},
    };
  },
};

/** How long what the facilitator wrote may take to reach the projector. */
const READY_TIMEOUT_MS = 15_000;

/**
 * Creates a board and writes into its doc as the facilitator's console does (a `y-websocket`
 * client with the facilitator's key); `write` returns the rest of the prepared board. The
 * console leaves once the projector shows the board ready (`waitReady`).
 */
async function prepareAsFacilitator(
  meeting: MeetingContext,
  body: { kind: string; title: string; settings?: unknown },
  write: (doc: Y.Doc) => Omit<PreparedBoard, 'boardId' | 'close'>,
): Promise<PreparedBoard> {
  const board = await createBoard(meeting, body);
  const facilitator = await connectBoardDoc(meeting.port, board.id, meeting.facilitatorKey);
  try {
    return { boardId: board.id, ...write(facilitator.doc), close: () => facilitator.destroy() };
  } catch (err) {
    facilitator.destroy();
    throw err;
  }
}

/**
 * A poll with one question that the facilitator writes and opens through Yjs, as the console
 * does; the projector counts the question's respondents (each phone answers once).
 */
function pollWorkload(
  name: string,
  describe: string,
  question: NewQuestion,
  answer: (i: number, questionId: string, optionIds: string[]) => unknown,
): Workload {
  return {
    name,
    describe,
    intentsPerPhone: 1,
    limitPerPhone: 1,
    prepare: (meeting) =>
      prepareAsFacilitator(meeting, { kind: 'polls', title: 'Anketa' }, (doc) => {
        const questionId = addQuestion(doc, question);
        setQuestionStatus(doc, questionId, 'open');
        const optionIds = polls.view(doc).questions[0]!.options.map((o) => o.id);
        const questionIn = (d: Y.Doc) => polls.view(d).questions.find((q) => q.id === questionId);
        return {
          intent: (i) => answer(i, questionId, optionIds),
          shown: (d) => questionIn(d)?.respondents ?? 0,
          ready: (d) => questionIn(d)?.status === 'open',
        };
      }),
  };
}

const CHOICE_WEIGHTS = [35, 25, 20, 12, 8];

/** Multiple choice, five options, one answer each; the options are chosen with a skew. */
export const pollChoice = pollWorkload(
  'choice',
  'each answers a multiple choice (5 options)',
  {
    type: 'choice',
    text: 'Komu by měly služby pomoci nejdřív?',
    options: ['Seniorům', 'Rodinám s dětmi', 'Lidem bez domova', 'Lidem se zdravotním postižením', 'Lidem v krizi'],
  },
  (i, questionId, optionIds) => ({
    type: 'poll.choice',
    questionId,
    optionIds: [optionIds[weightedIndex(CHOICE_WEIGHTS, seededRandom(i + 1))]!],
  }),
);

/** Word cloud: 1–3 Czech words each, from a vocabulary of ~150 forms (bench/lib/czech-words.ts). */
export const pollWords = pollWorkload(
  'words',
  'each sends 1–3 words to a word cloud',
  { type: 'words', text: 'Co vás napadne, když se řekne sociální služby?' },
  (i, questionId) => ({ type: 'poll.words', questionId, words: wordsOfParticipant(i) }),
);

export const pollWorkloads: readonly Workload[] = [pollChoice, pollWords];

const DOT_BUDGET = 3;
const DOT_LIST = 'Problémové oblasti';
const DOT_ITEMS = ['Bydlení', 'Doprava', 'Dluhy', 'Zaměstnání', 'Zdraví', 'Vzdělávání', 'Volný čas', 'Bezpečnost'];

/**
 * A dot vote (issue 4): one list of eight items, 3 dots each, one dot an item, results shown as
 * they come. The board starts with one empty list; the facilitator names it and types its items
 * through Yjs, as in the console. Each phone taps four different items at once, one more than its
 * budget: whatever order they arrive in, three must be accepted and the fourth refused. The
 * projector counts the dots of the list (each accepted tap is one dot).
 */
export const dotVote: Workload = {
  name: 'dots',
  describe: `each taps ${DOT_BUDGET + 1} of ${DOT_ITEMS.length} items (${DOT_BUDGET} dots each)`,
  intentsPerPhone: DOT_BUDGET + 1,
  limitPerPhone: DOT_BUDGET,
  prepare: (meeting) =>
    prepareAsFacilitator(
      meeting,
      { kind: 'dots', title: DOT_LIST, settings: { budget: DOT_BUDGET, stacking: false, results: 'live' } },
      (doc) => {
        const sectionId = dots.view(doc).sections[0]!.id;
        sectionTitle(doc, sectionId)?.insert(0, DOT_LIST);
        const itemIds = DOT_ITEMS.map((text) => addItem(doc, sectionId, text)!);
        const listIn = (d: Y.Doc) => dots.view(d).sections.find((section) => section.id === sectionId);
        return {
          // Phone i taps items i, i+1, … so that every item gets its share.
          intent: (i, k) => ({ type: 'dot.add', sectionId, itemId: itemIds[(i + k) % itemIds.length]! }),
          shown: (d) => listIn(d)?.items.reduce((total, item) => total + item.phone, 0) ?? 0,
          ready: (d) => listIn(d)?.items.length === itemIds.length,
        };
      },
    ),
};

/** Waits until a projector shows the prepared board ready for answers. */
export async function waitReady(prepared: PreparedBoard, doc: Y.Doc): Promise<void> {
  const ready = await until(() => prepared.ready(doc), READY_TIMEOUT_MS);
  prepared.close();
  if (!ready) throw new Error(`the projector did not show the board ready within ${READY_TIMEOUT_MS} ms`);
}
