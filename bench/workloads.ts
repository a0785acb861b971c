/**
 * What the phones of a burst answer (bench/audience.ts runs the burst): a workload creates and
 * prepares a board, says which intent phone i sends, and counts the accepted answers a projector
 * shows. Answers are told apart on the projector by count only (a poll's tally cannot tell whose
 * answer it holds), so every workload is measured the same way.
 */
import type * as Y from 'yjs';
import type { Board } from '@dilna/shared';
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
  /** The intent phone `i` sends. */
  intent(i: number, tag: string): unknown;
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
  async prepare(meeting) {
    const board = await createBoard(meeting, {
      kind: 'notes',
      title: 'Co v parku chybí?',
      settings: { prompt: 'Co by v parku mělo být?', notesPerParticipant: NOTES_PER_PARTICIPANT },
    });
    return {
      boardId: board.id,
      intent: (i, tag) => ({ type: 'note.post', text: noteText(tag, i) }),
      shown: (doc) => doc.getMap('notes').size,
      ready: () => true,
      close: () => {},
    };
  },
};

/** How long the facilitator's question may take to reach the projector. */
const QUESTION_TIMEOUT_MS = 15_000;

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
    async prepare(meeting) {
      const board = await createBoard(meeting, { kind: 'polls', title: 'Anketa' });
      const facilitator = await connectBoardDoc(meeting.port, board.id, meeting.facilitatorKey);
      const questionId = addQuestion(facilitator.doc, question);
      setQuestionStatus(facilitator.doc, questionId, 'open');
      const optionIds = polls.view(facilitator.doc).questions[0]!.options.map((o) => o.id);
      const questionIn = (doc: Y.Doc) => polls.view(doc).questions.find((q) => q.id === questionId);
      return {
        boardId: board.id,
        intent: (i) => answer(i, questionId, optionIds),
        shown: (doc) => questionIn(doc)?.respondents ?? 0,
        ready: (doc) => questionIn(doc)?.status === 'open',
        close: () => facilitator.destroy(),
      };
    },
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

/** Waits until a projector shows the prepared board ready for answers. */
export async function waitReady(prepared: PreparedBoard, doc: Y.Doc): Promise<void> {
  const ready = await until(() => prepared.ready(doc), QUESTION_TIMEOUT_MS);
  prepared.close();
  if (!ready) throw new Error(`the projector did not show the board ready within ${QUESTION_TIMEOUT_MS} ms`);
}
