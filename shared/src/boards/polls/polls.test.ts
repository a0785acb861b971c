import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AcceptedIntent } from '../kind.ts';
import {
  addOption,
  addQuestion,
  changeSettings,
  mergeWords,
  moveQuestion,
  polls,
  removeQuestion,
  setAnswerHidden,
  setQuestionStatus,
  splitWords,
  wordForm,
  wordKey,
  type NewQuestion,
  type PollIntent,
} from './index.ts';

/** A poll doc plus a stand-in for the server: intents go through checkIntent, are recorded, and projected. */
function pollBoard() {
  const doc = new Y.Doc();
  polls.init(doc, {});
  const recorded: AcceptedIntent<PollIntent>[] = [];
  const board = {
    doc,
    ask(question: NewQuestion, open = true) {
      const id = addQuestion(doc, question);
      if (open) setQuestionStatus(doc, id, 'open');
      return id;
    },
    options: (id: string) => polls.view(doc).questions.find((q) => q.id === id)!.options.map((o) => o.id),
    answer(by: string, intent: PollIntent) {
      const parsed = polls.intentSchema.safeParse(intent);
      if (!parsed.success) return { ok: false as const, code: 'invalid' as const };
      const previous = recorded.filter((r) => r.by === by).map((r) => r.intent);
      const check = polls.checkIntent(parsed.data, previous, polls.rules(doc, {}));
      if (check.ok) {
        recorded.push({ id: `i${recorded.length + 1}`, by, at: `2026-11-24T10:00:${String(recorded.length).padStart(2, '0')}.000Z`, intent: parsed.data });
        polls.project(doc, polls.aggregate(recorded, polls.rules(doc, {})));
      }
      return check;
    },
    question: (id: string) => polls.view(doc).questions.find((q) => q.id === id)!,
    mine: (by: string) => polls.mine(recorded.filter((r) => r.by === by).map((r) => r.intent), polls.rules(doc, {})),
    reset(questionId: string) {
      recorded.splice(0, recorded.length, ...recorded.filter((r) => r.intent.questionId !== questionId));
      polls.project(doc, polls.aggregate(recorded, polls.rules(doc, {})));
    },
  };
  return board;
}

describe('Czech word merging', () => {
  it('folds case, spacing and punctuation into one written form, keeping letters', () => {
    expect(wordForm('  Prevence! ')).toBe('prevence');
    expect(wordForm('Dostupné   bydlení')).toBe('dostupné bydlení');
    expect(wordForm('?!')).toBe('');
  });

  it('gives word forms of one word one key, with and without diacritics', () => {
    const key = (w: string) => wordKey(wordForm(w));
    expect(new Set(['senioři', 'seniorů', 'seniory', 'Senior'].map(key)).size).toBe(1);
    expect(new Set(['Prevence', 'prevenci', 'prevence', 'PREVENCI'].map(key)).size).toBe(1);
    expect(key('dobrovolníci')).toBe(key('dobrovolníků'));
    expect(key('spoluprace')).toBe(key('spolupráce'));
    expect(key('dostupné bydlení')).toBe(key('dostupného bydlení'));
    expect(key('rodina')).not.toBe(key('senior'));
  });
});

describe('poll rules', () => {
  it('refuses unknown, unopened and closed questions with a clear code', () => {
    const board = pollBoard();
    const draft = board.ask({ type: 'open', text: 'Vize 2027' }, false);
    expect(board.answer('p1', { type: 'poll.open', questionId: 'nonexistent-question', text: 'x' })).toMatchObject({ ok: false, code: 'unknown_item' });
    expect(board.answer('p1', { type: 'poll.open', questionId: draft, text: 'x' })).toMatchObject({ ok: false, code: 'closed' });
    setQuestionStatus(board.doc, draft, 'open');
    expect(board.answer('p1', { type: 'poll.open', questionId: draft, text: 'Dostupné služby' }).ok).toBe(true);
    setQuestionStatus(board.doc, draft, 'closed');
    expect(board.answer('p2', { type: 'poll.open', questionId: draft, text: 'Pozdě' })).toMatchObject({ ok: false, code: 'closed' });
    expect(board.question(draft).answers.map((a) => a.text)).toEqual(['Dostupné služby']);
  });

  it('refuses an answer of the wrong type, unknown options, two choices on a single-choice question and a missing choice', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'choice', text: 'Kde bydlíte?', options: ['Liberec', 'Jablonec', 'Jinde'] });
    const [a, b] = board.options(q);
    expect(board.answer('p1', { type: 'poll.scale', questionId: q, value: 3 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: ['not-an-option-id'] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!, b!] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!], other: 'Turnov' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!] }).ok).toBe(true);
    expect(board.question(q).respondents).toBe(1);
  });

  it('lets several choices up to the maximum, and "other" only when allowed', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'choice', text: 'Co chybí?', options: ['Bydlení', 'Doprava', 'Informace'], settings: { multiple: true, maxChoices: 2, allowOther: true } });
    const [a, b, c] = board.options(q);
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!, b!, c!] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!, a!] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [a!], other: 'Psychologové' }).ok).toBe(true);
    expect(board.answer('p2', { type: 'poll.choice', questionId: q, optionIds: [a!, c!] }).ok).toBe(true);
    const view = board.question(q);
    expect(view.choices.map((o) => [o.label, o.count, o.percent])).toEqual([
      ['Bydlení', 2, 100],
      ['Doprava', 0, 0],
      ['Informace', 1, 50],
    ]);
    expect(view.other.map((o) => o.text)).toEqual(['Psychologové']);
  });

  it('counts a changed answer once, and refuses a second answer when changing is not allowed', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'scale', text: 'Spokojenost', settings: { scaleMin: 1, scaleMax: 5 } });
    expect(board.answer('p1', { type: 'poll.scale', questionId: q, value: 2 }).ok).toBe(true);
    expect(board.answer('p1', { type: 'poll.scale', questionId: q, value: 4 }).ok).toBe(true);
    expect(board.question(q).scale).toMatchObject({ count: 1, mean: 4, median: 4 });
    expect(board.mine('p1').answers[q]).toEqual([{ type: 'poll.scale', questionId: q, value: 4 }]);

    changeSettings(board.doc, q, { allowChange: false });
    expect(board.answer('p2', { type: 'poll.scale', questionId: q, value: 5 }).ok).toBe(true);
    expect(board.answer('p2', { type: 'poll.scale', questionId: q, value: 1 })).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(board.answer('p3', { type: 'poll.scale', questionId: q, value: 6 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.question(q).scale).toMatchObject({ count: 2, mean: 4.5, median: 4.5 });
  });

  it('limits words per participant to the facilitator’s setting and open answers to their count', () => {
    const board = pollBoard();
    const words = board.ask({ type: 'words', text: 'Asociace: senioři', settings: { wordsPerParticipant: 2 } });
    expect(board.answer('p1', { type: 'poll.words', questionId: words, words: ['a', 'b', 'c'] })).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(board.answer('p1', { type: 'poll.words', questionId: words, words: ['!!!'] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.words', questionId: words, words: ['x'.repeat(41)] })).toMatchObject({ ok: false, code: 'invalid' });
    const open = board.ask({ type: 'open', text: 'Vize', settings: { answersPerParticipant: 2 } });
    expect(board.answer('p1', { type: 'poll.open', questionId: open, text: 'První' }).ok).toBe(true);
    expect(board.answer('p1', { type: 'poll.open', questionId: open, text: 'Druhá' }).ok).toBe(true);
    expect(board.answer('p1', { type: 'poll.open', questionId: open, text: 'Třetí' })).toMatchObject({ ok: false, code: 'limit_reached' });
    expect(board.answer('p1', { type: 'poll.open', questionId: open, text: ' '.repeat(5) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.open', questionId: open, text: 'x'.repeat(201) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.question(open).answers.map((a) => a.text)).toEqual(['První', 'Druhá']);
  });

  it('ranks by average position and needs every option exactly once', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'ranking', text: 'Priority', options: ['Bydlení', 'Práce', 'Zdraví'] });
    const [housing, work, health] = board.options(q);
    expect(board.answer('p1', { type: 'poll.ranking', questionId: q, optionIds: [housing!, work!] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(board.answer('p1', { type: 'poll.ranking', questionId: q, optionIds: [housing!, housing!, work!] })).toMatchObject({ ok: false, code: 'invalid' });
    board.answer('p1', { type: 'poll.ranking', questionId: q, optionIds: [health!, housing!, work!] });
    board.answer('p2', { type: 'poll.ranking', questionId: q, optionIds: [housing!, health!, work!] });
    board.answer('p3', { type: 'poll.ranking', questionId: q, optionIds: [health!, work!, housing!] });
    expect(board.question(q).ranking.map((r) => [r.label, r.averagePosition])).toEqual([
      ['Zdraví', 4 / 3],
      ['Bydlení', 2],
      ['Práce', 8 / 3],
    ]);
  });
});

describe('word cloud results', () => {
  const cloud = () => {
    const board = pollBoard();
    const q = board.ask({ type: 'words', text: 'Co vás napadne?' });
    board.answer('p1', { type: 'poll.words', questionId: q, words: ['Senioři', 'prevence', 'Prevence'] });
    board.answer('p2', { type: 'poll.words', questionId: q, words: ['seniorů', 'Prevenci'] });
    board.answer('p3', { type: 'poll.words', questionId: q, words: ['senioři', 'rodina'] });
    board.answer('p4', { type: 'poll.words', questionId: q, words: ['Rodiny', 'péče'] });
    return { board, q };
  };

  it('groups forms of a word, counts a word once per answer and shows the most common spelling', () => {
    const { board, q } = cloud();
    const groups = board.question(q).words;
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['Senioři', 3],
      ['prevence', 2],
      ['rodina', 2],
      ['péče', 1],
    ]);
    expect(groups[0]!.forms.map((f) => [f.form, f.count])).toEqual([
      ['senioři', 2],
      ['seniorů', 1],
    ]);
  });

  it('lets the facilitator merge and split groups by hand', () => {
    const { board, q } = cloud();
    const [seniors, , family, care] = board.question(q).words;
    mergeWords(board.doc, q, care!.key, family!.key);
    expect(board.question(q).words.map((g) => [g.label, g.count])).toEqual([
      ['rodina', 3],
      ['Senioři', 3],
      ['prevence', 2],
    ]);
    splitWords(board.doc, q, family!.key, ['rodina', 'rodiny', 'péče']);
    splitWords(board.doc, q, seniors!.key, ['senioři', 'seniorů']);
    expect(board.question(q).words.map((g) => [g.label, g.count])).toEqual([
      ['prevence', 2],
      ['Senioři', 2],
      ['péče', 1],
      ['rodina', 1],
      ['Rodiny', 1],
      ['seniorů', 1],
    ]);
  });

  it('a changed word answer replaces the earlier words', () => {
    const { board, q } = cloud();
    board.answer('p4', { type: 'poll.words', questionId: q, words: ['senior'] });
    expect(board.question(q).words.map((g) => [g.label, g.count])).toEqual([
      ['Senioři', 4],
      ['prevence', 2],
      ['rodina', 1],
    ]);
    expect(board.question(q).respondents).toBe(4);
  });

  it('keeps a hidden word in the record but out of the minutes, saying how many were hidden', () => {
    const { board, q } = cloud();
    const care = board.question(q).words.find((g) => g.label === 'péče')!;
    setAnswerHidden(board.doc, q, care.key, true);
    expect(board.question(q).words.find((g) => g.key === care.key)!.hidden).toBe(true);
    const section = polls.toMinutes(polls.view(board.doc), 'cs');
    expect(section.heading).toBe('Co vás napadne?');
    expect(section.blocks).toEqual([
      { type: 'paragraph', text: 'Odpověděli 4 účastníci.' },
      {
        type: 'table',
        header: ['Slovo', 'Počet'],
        rows: [
          ['Senioři', '3'],
          ['prevence', '2'],
          ['rodina', '2'],
        ],
        numeric: [1],
      },
      { type: 'paragraph', text: '1 odpověď facilitátor skryl.' },
    ]);
  });
});

describe('facilitator changes to the poll', () => {
  it('reorders and removes questions and resets one question’s answers', () => {
    const board = pollBoard();
    const first = board.ask({ type: 'open', text: 'První' });
    const second = board.ask({ type: 'open', text: 'Druhá' });
    moveQuestion(board.doc, second, -1);
    expect(polls.view(board.doc).questions.map((q) => q.text)).toEqual(['Druhá', 'První']);
    board.answer('p1', { type: 'poll.open', questionId: first, text: 'A' });
    board.answer('p1', { type: 'poll.open', questionId: second, text: 'B' });
    board.reset(first);
    expect(board.question(first).answers).toEqual([]);
    expect(board.question(first).respondents).toBe(0);
    expect(board.question(second).answers.map((a) => a.text)).toEqual(['B']);
    expect(board.answer('p1', { type: 'poll.open', questionId: first, text: 'Znovu' }).ok).toBe(true);
    removeQuestion(board.doc, second);
    expect(polls.view(board.doc).questions.map((q) => q.text)).toEqual(['První']);
  });

  it('opening a question puts it on the phones; phones get the current question only, without results', () => {
    const board = pollBoard();
    const first = board.ask({ type: 'choice', text: 'A?', options: ['Ano', 'Ne'] });
    const second = board.ask({ type: 'scale', text: 'B?' }, false);
    expect(polls.phoneView(polls.view(board.doc))).toMatchObject({ question: { id: first, text: 'A?' }, position: 1, total: 2 });
    setQuestionStatus(board.doc, second, 'open');
    const phone = polls.phoneView(polls.view(board.doc));
    expect(phone).toMatchObject({ question: { id: second, type: 'scale', status: 'open' }, position: 2, total: 2 });
    expect(JSON.stringify(phone)).not.toContain('respondents');
  });

  it('an option added while the question is open can be chosen at once', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'choice', text: 'Kdy?', options: ['Ráno'] });
    addOption(board.doc, q, 'Večer');
    const evening = board.options(q)[1]!;
    expect(board.answer('p1', { type: 'poll.choice', questionId: q, optionIds: [evening] }).ok).toBe(true);
  });

  it('projecting the same answers again changes nothing in the doc', () => {
    const board = pollBoard();
    const q = board.ask({ type: 'words', text: 'Slova' });
    board.answer('p1', { type: 'poll.words', questionId: q, words: ['klid'] });
    const before = Y.encodeStateVector(board.doc);
    board.answer('p1', { type: 'poll.words', questionId: q, words: ['klid'] });
    expect(Y.encodeStateVector(board.doc)).toEqual(before);
  });
});

describe('poll minutes and table', () => {
  it('lists every question with respondents and its results in the users’ terms', () => {
    const board = pollBoard();
    const choice = board.ask({ type: 'choice', text: 'Znáte katalog služeb?', options: ['Ano', 'Ne'], settings: { allowOther: true } });
    const [yes, no] = board.options(choice);
    board.answer('p1', { type: 'poll.choice', questionId: choice, optionIds: [yes!] });
    board.answer('p2', { type: 'poll.choice', questionId: choice, optionIds: [yes!] });
    board.answer('p3', { type: 'poll.choice', questionId: choice, optionIds: [no!] });
    board.answer('p4', { type: 'poll.choice', questionId: choice, optionIds: [], other: 'Jen z webu' });
    const scale = board.ask({ type: 'scale', text: 'Jak jste spokojeni?', settings: { scaleMin: 1, scaleMax: 5, minLabel: 'vůbec', maxLabel: 'velmi' } });
    for (const [by, value] of [['p1', 4], ['p2', 5], ['p3', 3], ['p4', 4]] as const) board.answer(by, { type: 'poll.scale', questionId: scale, value });
    const open = board.ask({ type: 'open', text: 'Vize 2027' });
    board.answer('p1', { type: 'poll.open', questionId: open, text: 'Dostupné bydlení' });
    board.answer('p2', { type: 'poll.open', questionId: open, text: 'Nevhodné' });
    setAnswerHidden(board.doc, open, board.question(open).answers[1]!.id, true);
    board.ask({ type: 'ranking', text: 'Pořadí', options: ['A', 'B'] });

    const section = polls.toMinutes(polls.view(board.doc), 'cs');
    expect(section.heading).toBe('Anketa');
    expect(section.blocks).toEqual([
      { type: 'heading', text: 'Znáte katalog služeb?' },
      { type: 'paragraph', text: 'Odpověděli 4 účastníci.' },
      {
        type: 'table',
        header: ['Možnost', 'Počet', 'Podíl'],
        rows: [
          ['Ano', '2', '50 %'],
          ['Ne', '1', '25 %'],
          ['Jiné', '1', '25 %'],
        ],
        numeric: [1, 2],
      },
      { type: 'paragraph', text: 'Jiné odpovědi:' },
      { type: 'list', items: ['Jen z webu'] },
      { type: 'heading', text: 'Jak jste spokojeni?' },
      { type: 'paragraph', text: 'Odpověděli 4 účastníci.' },
      { type: 'paragraph', text: 'Průměr 4, medián 4 (škála 1 (vůbec) až 5 (velmi)).' },
      { type: 'table', header: ['Hodnota', 'Počet'], rows: [['1', '0'], ['2', '0'], ['3', '1'], ['4', '2'], ['5', '1']], numeric: [0, 1] },
      { type: 'heading', text: 'Vize 2027' },
      { type: 'paragraph', text: 'Odpověděli 2 účastníci.' },
      { type: 'list', items: ['Dostupné bydlení'] },
      { type: 'paragraph', text: '1 odpověď facilitátor skryl.' },
      { type: 'heading', text: 'Pořadí' },
      { type: 'paragraph', text: 'Zatím nikdo neodpověděl.' },
    ]);
    expect(polls.toMinutes(polls.view(board.doc), 'en').blocks[1]).toEqual({ type: 'paragraph', text: '4 participants answered.' });

    const table = polls.toTable(polls.view(board.doc), 'cs');
    expect(table[0]).toEqual(['Otázka', 'Druh otázky', 'Odpověď', 'Počet', 'Poznámka']);
    expect(table).toContainEqual(['Vize 2027', 'Otevřená otázka', 'Nevhodné', '', 'Skryto']);
    expect(table).toContainEqual(['Znáte katalog služeb?', 'Výběr z možností', 'Jen z webu', '1', 'Jiné']);
    expect(JSON.stringify(table)).not.toMatch(/p[1-4]/);
  });
});

describe('poll answers to promote into a plan', () => {
  it('offers shown open answers and "other" answers with their question, by the id of the recorded answer', () => {
    const board = pollBoard();
    const choice = board.ask({ type: 'choice', text: 'Co chybí nejvíc?', options: ['Bydlení', 'Doprava'], settings: { allowOther: true } });
    const [housing] = board.options(choice);
    board.answer('p1', { type: 'poll.choice', questionId: choice, optionIds: [housing!] });
    board.answer('p2', { type: 'poll.choice', questionId: choice, optionIds: [], other: 'Tlumočení do znakového jazyka' });
    const open = board.ask({ type: 'open', text: 'Vize 2027' });
    board.answer('p1', { type: 'poll.open', questionId: open, text: 'Dostupné bydlení' });
    board.answer('p2', { type: 'poll.open', questionId: open, text: 'Nevhodné' });
    board.ask({ type: 'words', text: 'Jedním slovem' });
    setAnswerHidden(board.doc, open, board.question(open).answers[1]!.id, true);

    const items = polls.promotable!(polls.view(board.doc));
    expect(items).toEqual([
      { itemId: 'i2', text: 'Tlumočení do znakového jazyka', context: 'Co chybí nejvíc?', votes: null },
      { itemId: 'i3', text: 'Dostupné bydlení', context: 'Vize 2027', votes: null },
    ]);
  });
});
