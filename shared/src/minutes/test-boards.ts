import * as Y from 'yjs';
import { addNode, AT_END, readTree, setVoting } from '../boards/fishbone/index.ts';
import { addTableNote, goToRound, setKeyConclusion, synthesisText } from '../boards/cafe/index.ts';
import { boardKinds, type BoardKindName } from '../boards/index.ts';
import type { AcceptedIntent, AnyBoardKind, TableDocs } from '../boards/kind.ts';
import { addCards, setOption as setPlanOption } from '../boards/plan/index.ts';
import { addQuestion, setQuestionStatus } from '../boards/polls/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { MinutesSection } from './section.ts';

/**
 * One board of every kind with the content a working group's meeting gives it (for the minutes'
 * golden test): participants' intents go through the kind's own rule and projection, as on the server.
 */

type Tap = [by: string, intent: unknown];

function answered(kind: AnyBoardKind, doc: Y.Doc, taps: Tap[], tables?: TableDocs): void {
  const settings = kind.settingsSchema.parse(boardSettings[kind.name as BoardKindName]);
  const accepted: AcceptedIntent<unknown>[] = [];
  for (const [by, raw] of taps) {
    const intent: unknown = kind.intentSchema.parse(raw);
    const previous = accepted.filter((a) => a.by === by).map((a) => a.intent);
    const check = kind.checkIntent(intent, previous, kind.rules(doc, settings));
    if (!check.ok) throw new Error(`${kind.name} refused ${JSON.stringify(raw)}: ${check.message}`);
    accepted.push({ id: `i${String(accepted.length).padStart(3, '0')}`, at: `2025-11-19T13:${String(accepted.length).padStart(2, '0')}:00.000Z`, by, intent });
  }
  kind.project(doc, kind.aggregate(accepted, kind.rules(doc, settings)), tables);
}

const fill: Record<BoardKindName, (doc: Y.Doc, tables: TableDocs) => void> = {
  notes: (doc) =>
    boardKinds.notes.project(doc, [
      { id: 'n1', text: 'Chybí terénní služby na Frýdlantsku', at: '2025-11-19T13:10:00.000Z' },
      { id: 'n2', text: 'Dlouhé čekací lhůty', at: '2025-11-19T13:11:00.000Z' },
    ]),
  polls: (doc) => {
    const known = addQuestion(doc, { type: 'choice', text: 'Znáte katalog sociálních služeb?', options: ['Ano', 'Ne'] });
    const words = addQuestion(doc, { type: 'words', text: 'Co vás napadne ke slovu prevence?' });
    for (const id of [known, words]) setQuestionStatus(doc, id, 'open');
    const [yes, no] = boardKinds.polls.view(doc).questions[0]!.options.map((o) => o.id);
    answered(boardKinds.polls, doc, [
      ['anna', { type: 'poll.choice', questionId: known, optionIds: [yes] }],
      ['boris', { type: 'poll.choice', questionId: known, optionIds: [yes] }],
      ['cyril', { type: 'poll.choice', questionId: known, optionIds: [no] }],
      ['anna', { type: 'poll.words', questionId: words, words: ['senioři', 'bydlení'] }],
      ['boris', { type: 'poll.words', questionId: words, words: ['Senioři'] }],
      ['cyril', { type: 'poll.words', questionId: words, words: ['dluhy'] }],
    ]);
  },
  dots: (doc) => {
    const view = boardKinds.dots.view(doc);
    const item = (text: string) => {
      const section = view.sections.find((s) => s.items.some((i) => i.text === text))!;
      return { type: 'dot.add', sectionId: section.id, itemId: section.items.find((i) => i.text === text)!.id };
    };
    answered(boardKinds.dots, doc, [
      ['anna', item('Bydlení')],
      ['anna', item('Dluhy')],
      ['boris', item('Bydlení')],
      ['cyril', item('Doprava')],
      ['cyril', item('Spolupráce NNO')],
    ]);
  },
  fishbone: (doc) => {
    const [finance, culture] = readTree(doc).categories.map((c) => c.id) as [string, string];
    const under = (parent: string, text: string) => addNode(doc, parent, AT_END, text)!;
    const salaries = under(finance, 'Nízké mzdy');
    const bonuses = under(under(salaries, 'Tabulkové tarify'), 'Chybí osobní ohodnocení');
    const benefits = under(finance, 'Málo benefitů');
    under(culture, 'Chybí zpětná vazba');
    const burnout = under(culture, 'Vyhoření');
    setVoting(doc, 'state', 'open');
    setVoting(doc, 'rootCauseCount', 2);
    const dot = (sectionId: string, itemId: string) => ({ type: 'dot.add', sectionId, itemId });
    answered(boardKinds.fishbone, doc, [
      ['anna', dot(finance, salaries)],
      ['anna', dot(culture, burnout)],
      ['anna', dot(finance, bonuses)],
      ['boris', dot(finance, salaries)],
      ['boris', dot(culture, burnout)],
      ['boris', dot(finance, benefits)],
      ['cyril', dot(finance, salaries)],
    ]);
    setVoting(doc, 'state', 'closed');
  },
  cafe: (doc, tables) => {
    const view = boardKinds.cafe.view(doc, tables);
    const question = view.questions[0]!.id;
    const [first, second] = view.tables.map((t) => t.id);
    goToRound(doc, 1);
    addTableNote(tables(first!), question, 'Víceleté financování', '2025-11-19T14:00:00.000Z');
    addTableNote(tables(first!), question, 'Jasná pravidla pro vykazování', '2025-11-19T14:01:00.000Z');
    addTableNote(tables(second!), question, 'Krizový fond pro nenadálé výdaje', '2025-11-19T14:02:00.000Z');
    setKeyConclusion(doc, question, boardKinds.cafe.view(doc, tables).notes[0]!.ref, true);
    synthesisText(doc, question)!.insert(0, 'Stoly se shodly na víceletém financování.');
  },
  plan: (doc) => {
    addCards(doc, [
      { id: 'cardA0101', number: 'A01-01', name: 'Azylový dům pro matky s dětmi' },
      { id: 'cardA0201', number: 'A02-01', name: 'Osobní asistence na Frýdlantsku' },
    ]);
    setPlanOption(doc, 'voting', true);
    setPlanOption(doc, 'commenting', true);
    const dot = (itemId: string) => ({ type: 'dot.add', sectionId: 'cards', itemId });
    answered(boardKinds.plan, doc, [
      ['anna', dot('cardA0201')],
      ['boris', dot('cardA0201')],
      ['cyril', dot('cardA0101')],
      ['anna', { type: 'plan.comment', cardId: 'cardA0201', text: 'Navázat na terénní programy' }],
    ]);
  },
};

/** The settings each board starts with, as a facilitator sets them up. */
const boardSettings: Record<BoardKindName, unknown> = {
  notes: { prompt: 'Co v regionu chybí?' },
  polls: {},
  dots: { sections: [{ title: 'Problémové oblasti', items: ['Bydlení', 'Doprava', 'Dluhy'] }, { title: 'Co funguje', items: ['Spolupráce NNO'] }] },
  fishbone: { head: 'Motivovaný zaměstnanec', categories: ['Finance', 'Kultura'] },
  cafe: { questions: ['Jak by mělo město financovat síť služeb?'], tables: 2 },
  plan: { planId: 'komunitniPlan2023' },
};

/** Each kind's section of the minutes for a board with content, in the order of `boardKinds`. */
export function filledBoardSections(locale: Locale): { kind: BoardKindName; section: MinutesSection }[] {
  return (Object.keys(boardKinds) as BoardKindName[]).map((name) => {
    const kind: AnyBoardKind = boardKinds[name];
    const doc = new Y.Doc();
    const tableDocs = new Map<string, Y.Doc>();
    const tables: TableDocs = (id) => tableDocs.get(id) ?? tableDocs.set(id, new Y.Doc()).get(id)!;
    kind.init(doc, kind.settingsSchema.parse(boardSettings[name]));
    fill[name](doc, tables);
    return { kind: name, section: kind.toMinutes(kind.view(doc, tables), locale) };
  });
}
