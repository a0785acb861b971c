import * as Y from 'yjs';
import { z } from 'zod';
import { translator, type Locale } from '../../i18n/index.ts';
import { idSchema, lineText } from '../../schemas/common.ts';
import type { MinutesBlock } from '../../minutes/section.ts';
import { accept, refuse, type BoardKind, type IntentCheck } from '../kind.ts';
import {
  MAX_OPTIONS,
  defaultQuestionSettings,
  orderOf,
  pollOf,
  questionSettingsSchema,
  questionStatuses,
  questionTypes,
  questionsOf,
  type PollOption,
  type QuestionSettings,
  type QuestionStatus,
  type QuestionType,
} from './questions.ts';
import { aggregatePoll, answersCounted, mostCommon, questionRules, scaleStatistics, type PollAggregate, type PollAnswer, type QuestionTally } from './results.ts';
import { OPEN_ANSWER_MAX_LENGTH, OTHER_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH } from './limits.ts';
import { wordForm } from './words.ts';

export * from './questions.ts';
export { OPEN_ANSWER_MAX_LENGTH, OTHER_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH } from './limits.ts';
export { wordForm, wordKey } from './words.ts';
export { scaleStatistics } from './results.ts';

const settingsSchema = z.object({}).default({});
export type PollSettings = z.infer<typeof settingsSchema>;

const questionId = idSchema;
const intentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('poll.words'), questionId, words: z.array(lineText(WORD_MAX_LENGTH)).min(1).max(3) }),
  z.object({ type: z.literal('poll.open'), questionId, text: lineText(OPEN_ANSWER_MAX_LENGTH) }),
  z.object({
    type: z.literal('poll.choice'),
    questionId,
    optionIds: z.array(idSchema).max(MAX_OPTIONS),
    other: lineText(OTHER_ANSWER_MAX_LENGTH).optional(),
  }),
  z.object({ type: z.literal('poll.scale'), questionId, value: z.number().int().min(0).max(10) }),
  z.object({ type: z.literal('poll.ranking'), questionId, optionIds: z.array(idSchema).min(2).max(MAX_OPTIONS) }),
]);
export type PollIntent = z.infer<typeof intentSchema>;

const intentTypeOf: Record<QuestionType, PollIntent['type']> = {
  words: 'poll.words',
  open: 'poll.open',
  choice: 'poll.choice',
  scale: 'poll.scale',
  ranking: 'poll.ranking',
};

export interface QuestionRules {
  type: QuestionType;
  status: QuestionStatus;
  optionIds: string[];
  settings: QuestionSettings;
}
export interface PollRules {
  /** Plain JSON, so that the server can tell when an editor's change altered the rules. */
  questions: Record<string, QuestionRules>;
}

export interface WordGroup {
  key: string;
  label: string;
  count: number;
  /** `own`: the form belongs to this group by itself, not through a merge. */
  forms: { form: string; label: string; count: number; own: boolean }[];
  hidden: boolean;
}
export interface OptionResult extends PollOption {
  count: number;
  /** Share of respondents who chose it, 0–100. */
  percent: number;
}
export interface RankResult extends PollOption {
  averagePosition: number | null;
  count: number;
}
export interface TextAnswer {
  id: string;
  text: string;
  at: string;
  hidden: boolean;
}
export interface QuestionView {
  id: string;
  type: QuestionType;
  text: string;
  options: PollOption[];
  settings: QuestionSettings;
  status: QuestionStatus;
  showResults: boolean;
  respondents: number;
  words: WordGroup[];
  answers: TextAnswer[];
  choices: OptionResult[];
  other: TextAnswer[];
  scale: { distribution: { value: number; count: number }[]; count: number; mean: number | null; median: number | null };
  ranking: RankResult[];
}
export interface PollView {
  current: string | null;
  questions: QuestionView[];
}

/** What a phone gets: the current question alone, how to answer it, no results. */
export interface PollPhoneView {
  question: Pick<QuestionView, 'id' | 'type' | 'text' | 'options' | 'settings' | 'status'> | null;
  position: number;
  total: number;
}
/** A continued poll's old results per question id, as the screens showed them (hidden words and answers left out). */
export interface PollQuestionReference {
  respondents: number;
  choices: { id: string; label: string; count: number; percent: number }[];
  words: { label: string; count: number }[];
  answers: string[];
  scale: { count: number; mean: number | null };
  ranking: { id: string; label: string; averagePosition: number | null }[];
}
export type PollReference = Record<string, PollQuestionReference>;

export interface PollMine {
  /** The participant's answers that count, per question. */
  answers: Record<string, PollIntent[]>;
}

const tallyMap = (doc: Y.Doc) => doc.getMap<QuestionTally>('tallies');
const answerMap = (doc: Y.Doc) => doc.getMap<PollAnswer>('answers');

function readQuestion(map: Y.Map<unknown>): Omit<QuestionRules, 'optionIds'> & { text: string; options: PollOption[]; showResults: boolean } {
  const type = z.enum(questionTypes).catch('open').parse(map.get('type'));
  const options = map.get('options');
  const settings = questionSettingsSchema.safeParse(map.get('settings'));
  return {
    type,
    text: String(map.get('text') ?? ''),
    options: options instanceof Y.Array ? (options.toArray() as PollOption[]) : [],
    settings: settings.success ? settings.data : defaultQuestionSettings,
    status: z.enum(questionStatuses).catch('draft').parse(map.get('status')),
    showResults: map.get('showResults') === true,
  };
}

/** Question ids in order, each once, whatever concurrent moves did to the order array. */
function orderedIds(doc: Y.Doc): string[] {
  const questions = questionsOf(doc);
  const seen = new Set<string>();
  const ids = orderOf(doc)
    .toArray()
    .filter((id) => questions.has(id) && !seen.has(id) && seen.add(id));
  for (const id of [...questions.keys()].sort()) if (!seen.has(id)) ids.push(id);
  return ids;
}

const keySet = (value: unknown) => new Set(value instanceof Y.Map ? [...value.keys()] : []);

/** Resolves a chain of merges (a → b → c) to its end, safe against cycles. */
function resolveMerge(merges: Map<string, string>, key: string): string {
  const seen = new Set([key]);
  let current = key;
  for (let next = merges.get(current); next !== undefined && !seen.has(next); next = merges.get(current)) {
    seen.add(next);
    current = next;
  }
  return current;
}

function wordGroups(tally: QuestionTally | undefined, map: Y.Map<unknown>): WordGroup[] {
  const merges = new Map(Object.entries((map.get('merges') as Y.Map<string> | undefined)?.toJSON() ?? {}) as [string, string][]);
  const splits = keySet(map.get('splits'));
  const hidden = keySet(map.get('hidden'));
  const groups = new Map<string, WordGroup>();
  for (const word of tally?.words ?? []) {
    const key = resolveMerge(merges, splits.has(word.form) ? `=${word.form}` : word.key);
    const group = groups.get(key) ?? { key, label: '', count: 0, forms: [], hidden: hidden.has(key) };
    group.count += word.count;
    group.forms.push({ form: word.form, label: word.label, count: word.count, own: word.key === key || `=${word.form}` === key });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.forms.sort((a, b) => b.count - a.count || a.form.localeCompare(b.form, 'cs'));
    // A group merged into another keeps the name of the one it was merged into.
    const named = group.forms.some((f) => f.own) ? group.forms.filter((f) => f.own) : group.forms;
    group.label = mostCommon(new Map(named.map((f) => [f.label, f.count])));
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'cs'));
}

function questionView(doc: Y.Doc, id: string): QuestionView {
  const map = questionsOf(doc).get(id)!;
  const question = readQuestion(map);
  const tally = tallyMap(doc).get(id);
  const hidden = keySet(map.get('hidden'));
  const texts = [...answerMap(doc).entries()]
    .filter(([, a]) => a.questionId === id)
    .sort(([ia, a], [ib, b]) => a.at.localeCompare(b.at) || ia.localeCompare(ib))
    .map(([answerId, a]) => ({ id: answerId, text: a.text, at: a.at, hidden: hidden.has(answerId), other: a.other === true }));
  const respondents = tally?.respondents ?? 0;
  const { scaleMin, scaleMax } = question.settings;
  const distribution = Array.from({ length: scaleMax - scaleMin + 1 }, (_, i) => ({
    value: scaleMin + i,
    count: tally?.scale?.[scaleMin + i] ?? 0,
  }));
  const rankingOf = (option: PollOption): RankResult => {
    const rank = tally?.ranks?.[option.id];
    return { ...option, averagePosition: rank?.n ? rank.sum / rank.n : null, count: rank?.n ?? 0 };
  };
  return {
    id,
    type: question.type,
    text: question.text,
    options: question.options,
    settings: question.settings,
    status: question.status,
    showResults: question.showResults,
    respondents,
    words: question.type === 'words' ? wordGroups(tally, map) : [],
    answers: texts.filter((a) => !a.other).map(({ other: _other, ...a }) => a),
    other: texts.filter((a) => a.other).map(({ other: _other, ...a }) => a),
    choices: question.options.map((option) => {
      const count = tally?.choices?.[option.id] ?? 0;
      return { ...option, count, percent: respondents ? (100 * count) / respondents : 0 };
    }),
    scale: { distribution, ...scaleStatistics(distribution) },
    ranking: question.options
      .map(rankingOf)
      .sort((a, b) => (a.averagePosition ?? Infinity) - (b.averagePosition ?? Infinity)),
  };
}

function checkAnswer(intent: PollIntent, question: QuestionRules): IntentCheck {
  const { settings, optionIds } = question;
  switch (intent.type) {
    case 'poll.words': {
      if (intent.words.length > settings.wordsPerParticipant) {
        return refuse('limit_reached', `at most ${settings.wordsPerParticipant} words`);
      }
      if (intent.words.some((w) => !wordForm(w))) return refuse('invalid', 'a word must contain letters or digits');
      return accept;
    }
    case 'poll.choice': {
      const chosen = new Set(intent.optionIds);
      if (chosen.size !== intent.optionIds.length) return refuse('invalid', 'an option is chosen twice');
      if (intent.optionIds.some((o) => !optionIds.includes(o))) return refuse('invalid', 'no such option');
      if (intent.other !== undefined && !settings.allowOther) return refuse('invalid', 'this question has no "other" answer');
      const answers = chosen.size + (intent.other === undefined ? 0 : 1);
      const most = settings.multiple ? settings.maxChoices || optionIds.length + 1 : 1;
      if (answers < 1) return refuse('invalid', 'choose an option');
      if (answers > most) return refuse('invalid', `choose at most ${most}`);
      return accept;
    }
    case 'poll.scale':
      return intent.value >= settings.scaleMin && intent.value <= settings.scaleMax
        ? accept
        : refuse('invalid', `the value must be from ${settings.scaleMin} to ${settings.scaleMax}`);
    case 'poll.ranking': {
      const ranked = new Set(intent.optionIds);
      const complete = ranked.size === optionIds.length && intent.optionIds.length === optionIds.length;
      return complete && optionIds.every((o) => ranked.has(o)) ? accept : refuse('invalid', 'rank every option exactly once');
    }
    case 'poll.open':
      return accept;
  }
}

function toTableRows(question: QuestionView, locale: Locale): string[][] {
  const t = translator(locale);
  const row = (answer: string, count: number | string = '', extra = '') => [question.text, t(`board.polls.type.${question.type}`), answer, String(count), extra];
  const hiddenMark = (a: { hidden: boolean }) => (a.hidden ? t('table.hidden') : '');
  switch (question.type) {
    case 'words':
      return question.words.map((g) => row(g.label, g.count, [hiddenMark(g), g.forms.map((f) => `${f.label} (${f.count})`).join(', ')].filter(Boolean).join('; ')));
    case 'open':
      return question.answers.map((a) => row(a.text, '', hiddenMark(a)));
    case 'choice':
      return [...question.choices.map((c) => row(c.label, c.count, `${formatNumber(c.percent, locale, 0)} %`)), ...question.other.map((a) => row(a.text, 1, [t('board.polls.other'), hiddenMark(a)].filter(Boolean).join('; ')))];
    case 'scale':
      return question.scale.distribution.map((d) => row(String(d.value), d.count));
    case 'ranking':
      return question.ranking.map((r) => row(r.label, r.count, r.averagePosition === null ? '' : formatNumber(r.averagePosition, locale, 2)));
  }
}

const formatNumber = (value: number, locale: Locale, digits: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

/** One question's results; the question is a subheading unless it already heads the section. */
function minutesOf(question: QuestionView, locale: Locale, withHeading: boolean): MinutesBlock[] {
  const t = translator(locale);
  const blocks: MinutesBlock[] = [
    ...(withHeading ? [{ type: 'heading' as const, text: question.text || t(`board.polls.type.${question.type}`) }] : []),
    { type: 'paragraph', text: t('board.polls.respondents', { count: question.respondents }) },
  ];
  if (!question.respondents) return blocks;
  const hiddenNote = (count: number) => (count ? [{ type: 'paragraph' as const, text: t('board.polls.hiddenCount', { count }) }] : []);
  switch (question.type) {
    case 'words': {
      const shown = question.words.filter((g) => !g.hidden);
      blocks.push(
        { type: 'table', header: [t('board.polls.word'), t('board.polls.count')], rows: shown.map((g) => [g.label, String(g.count)]), numeric: [1] },
        ...hiddenNote(question.words.length - shown.length),
      );
      break;
    }
    case 'open': {
      const shown = question.answers.filter((a) => !a.hidden);
      blocks.push({ type: 'list', items: shown.map((a) => a.text) }, ...hiddenNote(question.answers.length - shown.length));
      break;
    }
    case 'choice': {
      const other = question.other.filter((a) => !a.hidden);
      const rows = question.choices.map((c) => [c.label, String(c.count), `${formatNumber(c.percent, locale, 0)} %`]);
      if (question.other.length) {
        rows.push([t('board.polls.other'), String(question.other.length), `${formatNumber((100 * question.other.length) / question.respondents, locale, 0)} %`]);
      }
      blocks.push({ type: 'table', header: [t('board.polls.option'), t('board.polls.count'), t('board.polls.share')], rows, numeric: [1, 2] });
      if (other.length) blocks.push({ type: 'paragraph', text: t('board.polls.otherAnswers') }, { type: 'list', items: other.map((a) => a.text) });
      blocks.push(...hiddenNote(question.other.length - other.length));
      break;
    }
    case 'scale': {
      const { mean, median } = question.scale;
      const { scaleMin, scaleMax, minLabel, maxLabel } = question.settings;
      blocks.push(
        {
          type: 'paragraph',
          text: t('board.polls.scaleSummary', {
            mean: formatNumber(mean ?? 0, locale, 1),
            median: formatNumber(median ?? 0, locale, 1),
            min: minLabel ? `${scaleMin} (${minLabel})` : String(scaleMin),
            max: maxLabel ? `${scaleMax} (${maxLabel})` : String(scaleMax),
          }),
        },
        { type: 'table', header: [t('board.polls.value'), t('board.polls.count')], rows: question.scale.distribution.map((d) => [String(d.value), String(d.count)]), numeric: [0, 1] },
      );
      break;
    }
    case 'ranking':
      blocks.push({
        type: 'list',
        ordered: true,
        items: question.ranking.map((r) =>
          r.averagePosition === null ? r.label : `${r.label} (${t('board.polls.averagePosition', { position: formatNumber(r.averagePosition, locale, 2) })})`,
        ),
      });
      break;
  }
  return blocks;
}

export const polls: BoardKind<PollSettings, PollIntent, PollAggregate, PollView, PollPhoneView, PollMine, PollRules, PollReference> = {
  name: 'polls',
  settingsSchema,
  intentSchema,

  init() {},

  rules(doc) {
    const questions: Record<string, QuestionRules> = {};
    for (const [id, map] of questionsOf(doc).entries()) {
      const { type, status, settings, options } = readQuestion(map);
      questions[id] = { type, status, settings, optionIds: options.map((o) => o.id) };
    }
    return { questions };
  },

  checkIntent(intent, previous, rules) {
    const question = questionRules(rules, intent.questionId);
    if (!question) return refuse('unknown_item', 'no such question');
    if (question.status !== 'open') return refuse('closed', 'this question is not open for answers');
    if (intentTypeOf[question.type] !== intent.type) return refuse('invalid', `this question takes answers of type ${question.type}`);
    const check = checkAnswer(intent, question);
    if (!check.ok) return check;
    const limit = answersCounted(rules, intent.questionId);
    const earlier = previous.filter((p) => p.questionId === intent.questionId).length;
    if (earlier < limit || (limit === 1 && question.settings.allowChange)) return accept;
    return refuse('limit_reached', limit === 1 ? 'you have already answered this question' : `at most ${limit} answers`);
  },

  scopeOf: (intent) => intent.questionId,

  aggregate: aggregatePoll,

  project(doc, aggregate) {
    const tallies = tallyMap(doc);
    const answers = answerMap(doc);
    doc.transact(() => {
      for (const [id, tally] of Object.entries(aggregate.tallies)) {
        if (JSON.stringify(tallies.get(id)) !== JSON.stringify(tally)) tallies.set(id, tally);
      }
      for (const id of tallies.keys()) if (!Object.hasOwn(aggregate.tallies, id)) tallies.delete(id);
      for (const [id, answer] of Object.entries(aggregate.answers)) if (!answers.has(id)) answers.set(id, answer);
      for (const id of answers.keys()) if (!Object.hasOwn(aggregate.answers, id)) answers.delete(id);
    });
  },

  view(doc) {
    const current = pollOf(doc).get('current');
    const questions = orderedIds(doc).map((id) => questionView(doc, id));
    return {
      current: typeof current === 'string' && questions.some((q) => q.id === current) ? current : (questions[0]?.id ?? null),
      questions,
    };
  },

  phoneView(view) {
    const index = view.questions.findIndex((q) => q.id === view.current);
    const question = view.questions[index];
    return {
      question: question ? {
        id: question.id,
        type: question.type,
        text: question.text,
        options: question.options,
        settings: question.settings,
        status: question.status,
      } : null,
      position: index + 1,
      total: view.questions.length,
    };
  },

  mine(previous, rules) {
    const answers: Record<string, PollIntent[]> = {};
    for (const intent of previous) (answers[intent.questionId] ??= []).push(intent);
    for (const [id, list] of Object.entries(answers)) answers[id] = list.slice(-answersCounted(rules, id));
    return { answers };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const single = view.questions.length === 1 && view.questions[0]!.text ? view.questions[0]! : null;
    return {
      heading: single?.text ?? t('board.polls.name'),
      blocks: view.questions.length
        ? view.questions.flatMap((q) => minutesOf(q, locale, !single))
        : [{ type: 'paragraph', text: t('board.polls.empty') }],
    };
  },

  toTable(view, locale) {
    const t = translator(locale);
    return [
      [t('board.polls.question'), t('board.polls.questionType'), t('board.polls.answer'), t('board.polls.count'), t('board.polls.note')],
      ...view.questions.flatMap((q) => toTableRows(q, locale)),
    ];
  },

  /**
   * Open answers and "other" answers the screens show; an answer's id is the id of the participant's
   * recorded intent, so it stays the same across restarts.
   */
  promotable: (view) =>
    view.questions.flatMap((question) =>
      [...question.answers, ...question.other]
        .filter((answer) => !answer.hidden)
        .map((answer) => ({ itemId: answer.id, text: answer.text, context: question.text, votes: null })),
    ),

  /**
   * Questions and their options go on, each closed again (a draft) and its results hidden; the word
   * cloud's merges stay, as the facilitator's grouping of the same words.
   */
  continuation: {
    clear(doc) {
      doc.transact(() => {
        for (const map of questionsOf(doc).values()) {
          map.set('status', 'draft');
          map.set('showResults', false);
          (map.get('hidden') as Y.Map<unknown> | undefined)?.clear();
        }
        pollOf(doc).delete('current');
      });
    },
    reference: (view) =>
      Object.fromEntries(
        view.questions.map((q): [string, PollQuestionReference] => [
          q.id,
          {
            respondents: q.respondents,
            choices: q.choices.map(({ id, label, count, percent }) => ({ id, label, count, percent })),
            words: q.words.filter((w) => !w.hidden).map(({ label, count }) => ({ label, count })),
            answers: q.answers.filter((a) => !a.hidden).map((a) => a.text),
            scale: { count: q.scale.count, mean: q.scale.mean },
            ranking: q.ranking.map(({ id, label, averagePosition }) => ({ id, label, averagePosition })),
          },
        ]),
      ),
  },
};
