import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTableNote, questionsOf as cafeQuestions, setKeyConclusion, synthesisText, goToRound, noteRef } from './cafe/doc.ts';
import { cafe } from './cafe/index.ts';
import { boardMinutes, continueBoard, readContinuation, type ContinueMode } from './continue.ts';
import { acceptSuggestion, dots, setPaperDots, setPriority, type DotsReference } from './dots.ts';
import { acceptSuggestion as acceptCause, fishbone, setRootCause, setVoting, type FishboneReference } from './fishbone/index.ts';
import type { AnyBoardKind, TableDocs } from './kind.ts';
import { notes, setNoteHidden, type NotesReference } from './notes.ts';
import { polls, type PollReference } from './polls/index.ts';
import { addQuestion, setQuestionStatus, setResultsShown } from './polls/questions.ts';

interface Board {
  doc: Y.Doc;
  tables: TableDocs;
  settings: unknown;
}

function board(kind: AnyBoardKind, settings: unknown = {}): Board {
  const docs = new Map<string, Y.Doc>();
  const parsed: unknown = kind.settingsSchema.parse(settings);
  const doc = new Y.Doc();
  kind.init(doc, parsed);
  return { doc, tables: (id) => docs.get(id) ?? docs.set(id, new Y.Doc()).get(id)!, settings: parsed };
}

/** Records the participants' intents (`by` → intents) as the server would, and projects them. */
function vote(kind: AnyBoardKind, on: Board, intents: Record<string, unknown[]>): void {
  const accepted = Object.entries(intents).flatMap(([by, list]) => list.map((intent, i) => ({ id: `${by}-${i}`, by, at: `2026-03-03T17:0${i}:00Z`, intent })));
  kind.project(on.doc, kind.aggregate(accepted, kind.rules(on.doc, on.settings)), on.tables);
}

const origin = (mode: ContinueMode, boardId = 'old-board') => ({ boardId, title: 'Priority 2025', meetingTitle: 'Jarní setkání', startsAt: '2026-03-03T17:00', mode });

function continued(kind: AnyBoardKind, from: Board, mode: ContinueMode): Board {
  const next = board(kind);
  const target = { ...next, doc: new Y.Doc() };
  continueBoard(kind, from, { doc: target.doc, tables: target.tables, settings: from.settings }, origin(mode));
  return { ...target, settings: from.settings };
}

describe('continuing a dot vote', () => {
  function lastYear() {
    const from = board(dots, { variant: 'stakeholders', sections: [{ title: 'Senioři', items: ['Doprava', 'Odlehčovací služba'] }], suggesting: true });
    const [section] = dots.view(from.doc).sections;
    const [transport, respite] = section!.items;
    vote(dots, from, {
      p1: [{ type: 'dot.add', sectionId: section!.id, itemId: transport!.id }, { type: 'item.suggest', sectionId: section!.id, text: 'Bydlení' }],
      p2: [{ type: 'dot.add', sectionId: section!.id, itemId: transport!.id }, { type: 'item.suggest', sectionId: section!.id, text: 'Asistence' }],
    });
    const suggestion = dots.view(from.doc).suggestions.find((s) => s.text === 'Bydlení')!;
    const housing = acceptSuggestion(from.doc, suggestion.id)!;
    setPaperDots(from.doc, respite!.id, 3);
    setPriority(from.doc, housing, true);
    return { from, transport: transport!.id, respite: respite!.id, housing };
  }

  it('keeps the sections and items (an accepted suggestion too) with their ids, and starts with no dots at all', () => {
    const { from, transport, housing } = lastYear();
    const view = dots.view(continued(dots, from, 'reset').doc);
    expect(view.variant).toBe('stakeholders');
    expect(view.sections[0]!.title).toBe('Senioři');
    expect(view.sections[0]!.items.map((i) => [i.text, i.total, i.paper, i.priorityChoice])).toEqual([
      ['Doprava', 0, 0, null],
      ['Odlehčovací služba', 0, 0, null],
      ['Bydlení', 0, 0, null],
    ]);
    expect(view.sections[0]!.items.map((i) => i.id)).toEqual([transport, expect.any(String), housing]);
    expect(view.voters).toBe(0);
    expect(view.suggestions).toEqual([]);
  });

  it('keeps the old totals and ranks as a reference, and none with reset', () => {
    const { from, transport, respite, housing } = lastYear();
    const kept = continued(dots, from, 'reference');
    expect(readContinuation<DotsReference>(kept.doc)).toEqual({
      ...origin('reference'),
      reference: {
        voters: 2,
        items: { [transport]: { total: 2, rank: 2, tie: 1 }, [respite]: { total: 3, rank: 1, tie: 1 }, [housing]: { total: 0, rank: 3, tie: 1 } },
      },
    });
    expect(readContinuation(continued(dots, from, 'reset').doc)).toMatchObject({ mode: 'reset', reference: null });
  });

  it("a new board's dots count apart from the reference", () => {
    const { from, transport } = lastYear();
    const next = continued(dots, from, 'reference');
    const section = dots.view(next.doc).sections[0]!;
    vote(dots, next, { p9: [{ type: 'dot.add', sectionId: section.id, itemId: transport }] });
    expect(dots.view(next.doc).sections[0]!.items[0]!.total).toBe(1);
    expect(readContinuation<DotsReference>(next.doc)!.reference!.items[transport]!.total).toBe(2);
  });

  it('continuing a continued board references its own results, not the older ones', () => {
    const { from, transport } = lastYear();
    const second = continued(dots, from, 'reference');
    const section = dots.view(second.doc).sections[0]!;
    vote(dots, second, { p9: [{ type: 'dot.add', sectionId: section.id, itemId: transport }] });
    const third = board(dots);
    const doc = new Y.Doc();
    continueBoard(dots, second, { doc, tables: third.tables, settings: second.settings }, origin('reference', 'second-board'));
    const continuation = readContinuation<DotsReference>(doc)!;
    expect(continuation.boardId).toBe('second-board');
    expect(continuation.reference!.voters).toBe(1);
    expect(continuation.reference!.items[transport]!.total).toBe(1);
    expect(dots.view(doc).sections[0]!.items.every((i) => i.total === 0)).toBe(true);
  });

  it('opens its minutes with what it continues', () => {
    const { from } = lastYear();
    const section = boardMinutes(dots, continued(dots, from, 'reference').doc, undefined, 'cs');
    expect(section.blocks[0]).toEqual({ type: 'paragraph', text: 'Navazuje na „Priority 2025“ ze dne 3. 3. 2026; minulé výsledky jsou uvedeny pro srovnání.' });
    expect(boardMinutes(dots, from.doc, undefined, 'cs').blocks[0]).not.toMatchObject({ type: 'paragraph' });
  });
});

describe('continuing a poll', () => {
  it('keeps questions and options, closed again and with no answers; the old results per question as a reference', () => {
    const from = board(polls);
    const choice = addQuestion(from.doc, { type: 'choice', text: 'Co chybí nejvíc?', options: ['Doprava', 'Bydlení'] });
    const words = addQuestion(from.doc, { type: 'words', text: 'Jedním slovem' });
    const scale = addQuestion(from.doc, { type: 'scale', text: 'Jak jste spokojeni?' });
    for (const id of [choice, words, scale]) setQuestionStatus(from.doc, id, 'open');
    setResultsShown(from.doc, choice, true);
    const [transport] = polls.view(from.doc).questions[0]!.options;
    vote(polls, from, {
      p1: [{ type: 'poll.choice', questionId: choice, optionIds: [transport!.id] }, { type: 'poll.words', questionId: words, words: ['doprava'] }, { type: 'poll.scale', questionId: scale, value: 2 }],
      p2: [{ type: 'poll.choice', questionId: choice, optionIds: [transport!.id] }, { type: 'poll.scale', questionId: scale, value: 4 }],
    });

    const next = continued(polls, from, 'reference');
    const view = polls.view(next.doc);
    expect(view.questions.map((q) => [q.id, q.text, q.status, q.showResults, q.respondents])).toEqual([
      [choice, 'Co chybí nejvíc?', 'draft', false, 0],
      [words, 'Jedním slovem', 'draft', false, 0],
      [scale, 'Jak jste spokojeni?', 'draft', false, 0],
    ]);
    expect(view.questions[0]!.options.map((o) => o.label)).toEqual(['Doprava', 'Bydlení']);
    expect(view.questions[1]!.words).toEqual([]);
    const reference = readContinuation<PollReference>(next.doc)!.reference!;
    expect(reference[choice]!.choices.map((c) => [c.label, c.count])).toEqual([['Doprava', 2], ['Bydlení', 0]]);
    expect(reference[words]!.words).toEqual([{ label: 'doprava', count: 1 }]);
    expect(reference[scale]!.scale).toEqual({ count: 2, mean: 3 });

    setQuestionStatus(next.doc, choice, 'open');
    vote(polls, next, { p7: [{ type: 'poll.choice', questionId: choice, optionIds: [transport!.id] }] });
    expect(polls.view(next.doc).questions[0]!.choices[0]!.count).toBe(1);
  });
});

describe('continuing a fishbone', () => {
  it('keeps the head and the tree, accepted causes too; no suggestions, no dots, no root causes chosen, voting off', () => {
    const from = board(fishbone, { head: 'Málo dobrovolníků', categories: ['Lidé', 'Peníze'] });
    const [people] = fishbone.view(from.doc).categories;
    vote(fishbone, from, { p1: [{ type: 'fishbone.suggest', categoryId: people!.id, text: 'Vyhoření' }] });
    const causeId = acceptCause(from.doc, fishbone.view(from.doc).suggestions[0]!.id)!;
    setVoting(from.doc, 'state', 'open');
    vote(fishbone, from, {
      p1: [{ type: 'fishbone.suggest', categoryId: people!.id, text: 'Vyhoření' }, { type: 'dot.add', sectionId: people!.id, itemId: causeId }],
      p2: [{ type: 'fishbone.suggest', categoryId: people!.id, text: 'Nízká odměna' }],
    });
    setRootCause(from.doc, causeId, true);

    const next = continued(fishbone, from, 'reference');
    const view = fishbone.view(next.doc);
    expect(view.head).toBe('Málo dobrovolníků');
    expect(view.categories.map((c) => [c.text, c.children.map((n) => n.text)])).toEqual([['Lidé', ['Vyhoření']], ['Peníze', []]]);
    expect(view.suggestions).toEqual([]);
    expect(view.voting.state).toBe('off');
    expect(view.results[causeId]).toMatchObject({ total: 0, choice: null });
    expect(readContinuation<FishboneReference>(next.doc)!.reference).toEqual({ voters: 1, causes: { [causeId]: { total: 1, rank: 1, tie: 1, rootCause: true } } });
  });
});

describe('continuing a notes wall', () => {
  it('keeps the question; the notes, being the answers, are the reference alone', () => {
    const from = board(notes, { prompt: 'Co se povedlo?' });
    vote(notes, from, { p1: [{ type: 'note.add', text: 'Nová linka' }, { type: 'note.add', text: 'spam' }] });
    setNoteHidden(from.doc, notes.view(from.doc).notes[1]!.id, true);
    const next = continued(notes, from, 'reference');
    expect(notes.view(next.doc)).toMatchObject({ prompt: 'Co se povedlo?', notes: [] });
    expect(readContinuation<NotesReference>(next.doc)!.reference).toEqual({ notes: ['Nová linka'] });
  });
});

describe('continuing a world café', () => {
  it('keeps questions and tables, back before the first round with empty tables; the old synthesis and key conclusions as a reference', () => {
    const from = board(cafe, { questions: ['Jak financovat síť?'], tables: 2 });
    goToRound(from.doc, 1);
    const view = cafe.view(from.doc, from.tables);
    const [question] = view.questions;
    const [table] = view.tables;
    const noteId = addTableNote(from.tables(table!.id), question!.id, 'Společný fundraising');
    setKeyConclusion(from.doc, question!.id, noteRef(table!.id, noteId), true);
    synthesisText(from.doc, question!.id)!.insert(0, 'Hledat peníze spolu.');

    const next = continued(cafe, from, 'reference');
    const after = cafe.view(next.doc, next.tables);
    expect(after.round).toBe(0);
    expect(after.questions.map((q) => [q.id, q.text, q.synthesis, q.key])).toEqual([[question!.id, 'Jak financovat síť?', '', []]]);
    expect(after.tables.map((t) => t.id)).toEqual(view.tables.map((t) => t.id));
    expect(after.notes).toEqual([]);
    expect(cafeQuestions(next.doc).length).toBe(1);
    expect(readContinuation(next.doc)!.reference).toEqual({ [question!.id]: { synthesis: 'Hledat peníze spolu.', key: ['Společný fundraising'] } });
  });
});
