import type { AcceptedIntent } from '../kind.ts';
import { wordForm, wordKey } from './words.ts';
import type { PollIntent, PollRules } from './index.ts';

/** One way a word was written, with how often; `key` groups the forms of one word. */
export interface WordTally {
  form: string;
  /** The spelling participants used most often for this form. */
  label: string;
  key: string;
  count: number;
}

/** What the server writes into the doc for one question: counts only, never who answered. */
export interface QuestionTally {
  respondents: number;
  words?: WordTally[];
  choices?: Record<string, number>;
  scale?: Record<string, number>;
  /** Ranking: per option the sum of positions (1 = first) and how many ranked it. */
  ranks?: Record<string, { sum: number; n: number }>;
}

/** Open answers and "other" texts, one doc entry each, so a new answer adds only itself to the doc. */
export interface PollAnswer {
  questionId: string;
  text: string;
  at: string;
  other?: true;
}

export interface PollAggregate {
  tallies: Record<string, QuestionTally>;
  answers: Record<string, PollAnswer>;
}

/** How many answers of one participant count for a question: the latest ones win. */
export const questionRules = (rules: PollRules, questionId: string) =>
  Object.hasOwn(rules.questions, questionId) ? rules.questions[questionId] : undefined;

export const answersCounted = (rules: PollRules, questionId: string) => {
  const question = questionRules(rules, questionId);
  return question?.type === 'open' ? question.settings.answersPerParticipant : 1;
};

/** Each participant's answers that count, per question, oldest first. */
function countedAnswers(accepted: AcceptedIntent<PollIntent>[], rules: PollRules): Map<string, AcceptedIntent<PollIntent>[]> {
  const byParticipant = new Map<string, AcceptedIntent<PollIntent>[]>();
  for (const entry of accepted) {
    const key = `${entry.intent.questionId}\u0000${entry.by}`;
    const list = byParticipant.get(key) ?? [];
    list.push(entry);
    byParticipant.set(key, list);
  }
  const perQuestion = new Map<string, AcceptedIntent<PollIntent>[]>();
  for (const list of byParticipant.values()) {
    const questionId = list[0]!.intent.questionId;
    const kept = list.slice(-answersCounted(rules, questionId));
    perQuestion.set(questionId, [...(perQuestion.get(questionId) ?? []), ...kept]);
  }
  return perQuestion;
}

function tallyWords(entries: AcceptedIntent<PollIntent>[]): WordTally[] {
  const forms = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const { intent } of entries) {
    if (intent.type !== 'poll.words') continue;
    const seen = new Set<string>();
    for (const word of intent.words) {
      const form = wordForm(word);
      if (!form || seen.has(form)) continue;
      seen.add(form);
      const tally = forms.get(form) ?? { count: 0, spellings: new Map() };
      tally.count += 1;
      const spelling = word.trim().replace(/\s+/g, ' ');
      tally.spellings.set(spelling, (tally.spellings.get(spelling) ?? 0) + 1);
      forms.set(form, tally);
    }
  }
  return [...forms].map(([form, { count, spellings }]) => ({
    form,
    label: mostCommon(spellings),
    key: wordKey(form),
    count,
  }));
}

/** The most frequent entry; ties go to the one seen first. */
export function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function increment(record: Record<string, number>, key: string | number) {
  record[key] = (record[key] ?? 0) + 1;
}

export function aggregatePoll(accepted: AcceptedIntent<PollIntent>[], rules: PollRules): PollAggregate {
  const tallies: Record<string, QuestionTally> = {};
  const answers: Record<string, PollAnswer> = {};
  for (const [questionId, entries] of countedAnswers(accepted, rules)) {
    const tally: QuestionTally = { respondents: new Set(entries.map((e) => e.by)).size };
    for (const { id, intent, at } of entries) {
      switch (intent.type) {
        case 'poll.open':
          answers[id] = { questionId, text: intent.text, at };
          break;
        case 'poll.choice':
          tally.choices ??= {};
          for (const optionId of intent.optionIds) increment(tally.choices, optionId);
          if (intent.other) answers[id] = { questionId, text: intent.other, at, other: true };
          break;
        case 'poll.scale':
          tally.scale ??= {};
          increment(tally.scale, intent.value);
          break;
        case 'poll.ranking':
          tally.ranks ??= {};
          intent.optionIds.forEach((optionId, index) => {
            const rank = (tally.ranks![optionId] ??= { sum: 0, n: 0 });
            rank.sum += index + 1;
            rank.n += 1;
          });
          break;
        case 'poll.words':
          break;
      }
    }
    if (entries.some((e) => e.intent.type === 'poll.words')) tally.words = tallyWords(entries);
    tallies[questionId] = tally;
  }
  return { tallies, answers };
}

/** Average and median of a scale's answers, from its distribution. */
export function scaleStatistics(distribution: { value: number; count: number }[]): { count: number; mean: number | null; median: number | null } {
  const values = distribution.flatMap(({ value, count }) => Array<number>(count).fill(value));
  if (!values.length) return { count: 0, mean: null, median: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const middle = Math.floor(values.length / 2);
  const median = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
  return { count: values.length, mean, median };
}
