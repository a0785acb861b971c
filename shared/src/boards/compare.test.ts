import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareResults, normaliseLabel, type CompareGroup } from './compare.ts';
import { continueBoard } from './continue.ts';
import { dots, itemText, type DotsView } from './dots.ts';
import type { AcceptedIntent } from './kind.ts';
import { polls, type PollIntent, type PollView } from './polls/index.ts';
import { addQuestion, setQuestionStatus } from './polls/questions.ts';

/** A dot vote of one list with these items, each with its number of dots (from as many participants). */
function dotVote(items: Record<string, number>): Y.Doc {
  const doc = new Y.Doc();
  const settings = dots.settingsSchema.parse({ sections: [{ title: 'Priority', items: Object.keys(items) }] });
  dots.init(doc, settings);
  placeDots(doc, items);
  return doc;
}

function placeDots(doc: Y.Doc, counts: Record<string, number>): void {
  const section = dots.view(doc).sections[0]!;
  const accepted = section.items.flatMap((item) =>
    Array.from({ length: counts[item.text] ?? 0 }, (_, i) => ({
      id: `${item.id}-${i}`,
      by: `${item.id}-${i}`,
      at: '2026-03-03T17:00:00Z',
      intent: { type: 'dot.add' as const, sectionId: section.id, itemId: item.id },
    })),
  );
  dots.project(doc, dots.aggregate(accepted, dots.rules(doc, dots.settingsSchema.parse({}))));
}

const dotsView = (doc: Y.Doc): { kind: 'dots'; view: DotsView } => ({ kind: 'dots', view: dots.view(doc) });
const table = (groups: CompareGroup[]) =>
  groups[0]!.rows.map((r) => [r.label, r.a?.value ?? null, r.a?.rank ?? null, r.b?.value ?? null, r.b?.rank ?? null, r.change, r.status]);

describe('comparing two dot votes', () => {
  it('shows ranks in both, how they moved (ties share a rank), new items and dropped ones, by wording when unrelated', () => {
    const a = dotVote({ Doprava: 5, Bydlení: 3, 'Odlehčovací služba': 3, Kavárna: 1 });
    const b = dotVote({ BYDLENÍ: 6, doprava: 4, 'odlehcovaci SLUZBA': 1, Asistence: 4 });
    expect(table(compareResults(dotsView(a), dotsView(b), false))).toEqual([
      ['BYDLENÍ', 3, 2, 6, 1, 1, 'kept'],
      ['doprava', 5, 1, 4, 2, -1, 'kept'],
      ['Asistence', null, null, 4, 2, null, 'new'],
      ['odlehcovaci SLUZBA', 3, 2, 1, 4, -2, 'kept'],
      ['Kavárna', 1, 4, null, null, null, 'dropped'],
    ]);
  });

  it('pairs items by identity when B continues A: a reworded item stays itself', () => {
    const a = dotVote({ Doprava: 2, Bydlení: 1 });
    const b = new Y.Doc();
    continueBoard(dots, { doc: a }, { doc: b, settings: dots.settingsSchema.parse({}) }, { boardId: 'a', title: '', meetingTitle: '', startsAt: '2026-03-03', mode: 'reset' });
    const housing = dots.view(b).sections[0]!.items.find((i) => i.text === 'Bydlení')!;
    const text = itemText(b, housing.id)!;
    text.delete(0, text.length);
    text.insert(0, 'Dostupné bydlení');
    placeDots(b, { 'Dostupné bydlení': 3, Doprava: 1 });
    expect(table(compareResults(dotsView(a), dotsView(b), true))).toEqual([
      ['Dostupné bydlení', 1, 2, 3, 1, 1, 'kept'],
      ['Doprava', 2, 1, 1, 2, -1, 'kept'],
    ]);
    // By wording, the reworded item would be a new one and the old one dropped.
    expect(table(compareResults(dotsView(a), dotsView(b), false)).map((r) => r.at(-1))).toEqual(['new', 'kept', 'dropped']);
  });

  it('folds case, diacritics and spaces', () => {
    expect(normaliseLabel('  Dům s pečovatelskou   SLUŽBOU ')).toBe('dum s pecovatelskou sluzbou');
  });
});

describe('comparing two polls', () => {
  function poll(answers: (ids: Record<string, string>) => PollIntent[]): PollView {
    const doc = new Y.Doc();
    polls.init(doc, {});
    const choice = addQuestion(doc, { type: 'choice', text: 'Co chybí nejvíc?', options: ['Doprava', 'Bydlení'] });
    const scale = addQuestion(doc, { type: 'scale', text: 'Jak jste spokojeni?' });
    const words = addQuestion(doc, { type: 'words', text: 'Jedním slovem' });
    for (const id of [choice, scale, words]) setQuestionStatus(doc, id, 'open');
    const options = Object.fromEntries(polls.view(doc).questions[0]!.options.map((o) => [o.label, o.id]));
    const accepted: AcceptedIntent<PollIntent>[] = answers({ choice, scale, words, ...options }).map((intent, i) => ({ id: `x${i}`, by: `p${i}`, at: '2026-03-03T17:00:00Z', intent }));
    polls.project(doc, polls.aggregate(accepted, polls.rules(doc, {})));
    return polls.view(doc);
  }

  it('compares per question matched by its text: choices, averages and words', () => {
    const a = poll((q) => [
      { type: 'poll.choice', questionId: q.choice!, optionIds: [q.Doprava!] },
      { type: 'poll.choice', questionId: q.choice!, optionIds: [q.Doprava!] },
      { type: 'poll.scale', questionId: q.scale!, value: 2 },
      { type: 'poll.words', questionId: q.words!, words: ['doprava'] },
    ]);
    const b = poll((q) => [
      { type: 'poll.choice', questionId: q.choice!, optionIds: [q.Bydlení!] },
      { type: 'poll.scale', questionId: q.scale!, value: 4 },
      { type: 'poll.words', questionId: q.words!, words: ['bydlení'] },
    ]);
    const groups = compareResults({ kind: 'polls', view: a }, { kind: 'polls', view: b }, false);
    expect(groups.map((g) => [g.title, g.measure])).toEqual([
      ['Co chybí nejvíc?', 'votes'],
      ['Jak jste spokojeni?', 'mean'],
      ['Jedním slovem', 'votes'],
    ]);
    expect(table([groups[0]!])).toEqual([
      ['Bydlení', 0, 2, 1, 1, 1, 'kept'],
      ['Doprava', 2, 1, 0, 2, -1, 'kept'],
    ]);
    expect(groups[1]!.rows).toEqual([{ label: '', a: { value: 2, rank: null, tie: 1 }, b: { value: 4, rank: null, tie: 1 }, change: null, status: 'kept' }]);
    expect(table([groups[2]!]).map((r) => [r[0], r.at(-1)])).toEqual([
      ['bydlení', 'new'],
      ['doprava', 'dropped'],
    ]);
  });
});
