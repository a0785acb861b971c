import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addGoal, cardText, moveCard as movePlanCard, planView } from '../../plans/doc.ts';
import { continueBoard, readContinuation } from '../continue.ts';
import { boardKind, boardKindNames } from '../index.ts';
import type { AcceptedIntent } from '../kind.ts';
import { updatesDuring } from '../test-support.ts';
import {
  CARDS_SECTION,
  addCards,
  discussedFromPlan,
  moveCard,
  plan,
  removeCard,
  setCommentHidden,
  setOption,
  setProjected,
  syncDiscussedCards,
  type PlanBoardIntent,
  type PlanBoardReference,
} from './index.ts';

const PLAN_ID = 'plan0000001';

/** A plan with two goals and three cards (A01-01, A01-02, A02-01), as its editors write it. */
function aPlan() {
  const doc = new Y.Doc();
  const housing = addGoal(doc, { title: 'Dostupné bydlení' });
  const care = addGoal(doc, { title: 'Péče v domácím prostředí' });
  const shelter = addCard(doc, housing, { name: 'Azylový dům pro matky s dětmi' });
  const flats = addCard(doc, housing, { name: 'Tréninkové byty' });
  const assistance = addCard(doc, care, { name: 'Osobní asistence na Frýdlantsku' });
  const mirror = () => discussedFromPlan(planView(doc));
  return { doc, housing, care, shelter, flats, assistance, mirror };
}

function aBoard() {
  const source = aPlan();
  const doc = new Y.Doc();
  const settings = plan.settingsSchema.parse({ planId: PLAN_ID });
  plan.init(doc, settings);
  addCards(doc, source.mirror());
  setOption(doc, 'voting', true);
  setOption(doc, 'commenting', true);
  return { ...source, board: doc, settings };
}

/** Runs the intents through the kind's rule as the server does; returns each one's check and projects the accepted. */
function tap(board: Y.Doc, intents: [by: string, intent: unknown][], accepted: AcceptedIntent<PlanBoardIntent>[] = []) {
  const rules = plan.rules(board, plan.settingsSchema.parse({ planId: PLAN_ID }));
  const checks = intents.map(([by, raw]) => {
    const intent = plan.intentSchema.parse(raw);
    const check = plan.checkIntent(intent, accepted.filter((a) => a.by === by).map((a) => a.intent), rules);
    if (check.ok) accepted.push({ id: `i${accepted.length}`, by, at: `2026-03-03T17:${String(accepted.length).padStart(2, '0')}:00Z`, intent });
    return check.ok ? 'ok' : check.code;
  });
  plan.project(board, plan.aggregate(accepted, rules));
  return { checks, accepted, mine: (by: string) => plan.mine(accepted.filter((a) => a.by === by).map((a) => a.intent), rules) };
}

const dot = (itemId: string) => ({ type: 'dot.add', sectionId: CARDS_SECTION, itemId });
const undot = (itemId: string) => ({ type: 'dot.remove', sectionId: CARDS_SECTION, itemId });
const comment = (cardId: string, text: string) => ({ type: 'plan.comment', cardId, text });

describe('plan board', () => {
  it('is a registered kind that names its plan', () => {
    expect(boardKindNames).toContain('plan');
    expect(boardKind('plan')).toBe(plan);
    expect(plan.linkedPlan!({ planId: PLAN_ID })).toBe(PLAN_ID);
    expect(plan.settingsSchema.safeParse({}).success).toBe(false);
    expect(plan.settingsSchema.safeParse({ planId: '../x' }).success).toBe(false);
  });

  it('mirrors the numbers and names of the cards under discussion, in the order the facilitator gives', () => {
    const { board, shelter, flats, assistance } = aBoard();
    moveCard(board, assistance, -1);
    removeCard(board, flats);
    expect(plan.view(board).cards.map((c) => [c.number, c.name])).toEqual([
      ['A01-01', 'Azylový dům pro matky s dětmi'],
      ['A02-01', 'Osobní asistence na Frýdlantsku'],
    ]);
    addCards(board, [{ id: shelter, number: 'A01-01', name: 'again' }]);
    expect(plan.view(board).cards).toHaveLength(2);
  });

  it('follows renumbering and renaming in the plan, writing nothing while the plan is unchanged', () => {
    const { doc, board, shelter, flats, mirror } = aBoard();
    cardText(doc, flats, 'name')!.insert(0, 'Sdílené ');
    addCard(doc, null, { name: 'V doručené poště' });
    // the shelter moves below the flats: the two swap numbers
    movePlanCard(doc, shelter, 1);
    syncDiscussedCards(board, mirror());
    expect(plan.view(board).cards.map((c) => [c.number, c.name])).toEqual([
      ['A01-02', 'Azylový dům pro matky s dětmi'],
      ['A01-01', 'Sdílené Tréninkové byty'],
      ['A02-01', 'Osobní asistence na Frýdlantsku'],
    ]);
    expect(updatesDuring(board, () => syncDiscussedCards(board, mirror()))).toBe(0);
  });

  it('takes dots within the budget and the most per card, only while voting is open', () => {
    const { board, shelter, flats, assistance } = aBoard();
    setOption(board, 'budget', 3);
    setOption(board, 'maxPerCard', 2);
    const { checks, mine } = tap(board, [
      ['anna', dot(shelter)],
      ['anna', dot(shelter)],
      ['anna', dot(shelter)],
      ['anna', dot(flats)],
      ['anna', dot(assistance)],
      ['anna', undot(assistance)],
      ['boris', dot(flats)],
      ['boris', dot('nosuchcard')],
    ]);
    expect(checks).toEqual(['ok', 'ok', 'limit_reached', 'ok', 'limit_reached', 'invalid', 'ok', 'unknown_item']);
    expect(mine('anna')).toMatchObject({ dots: { [shelter]: 2, [flats]: 1 }, remaining: 0 });
    const view = plan.view(board);
    expect(view.cards.map((c) => [c.number, c.total, c.rank, c.tie])).toEqual([
      ['A01-01', 2, 1, 2],
      ['A01-02', 2, 1, 2],
      ['A02-01', 0, 3, 1],
    ]);
    expect(view.voters).toBe(2);

    setOption(board, 'voting', false);
    expect(tap(board, [['cyril', dot(assistance)]]).checks).toEqual(['closed']);
  });

  it('takes up to three trimmed comments per participant and card while commenting is open; hidden ones stay out of every view', () => {
    const { board, shelter, flats, assistance } = aBoard();
    const { checks, mine, accepted } = tap(board, [
      ['anna', comment(shelter, '  Chybí kapacita pro otce s dětmi.  ')],
      ['anna', comment(shelter, 'Zapojit OSPOD')],
      ['anna', comment(shelter, 'Financování z IP')],
      ['anna', comment(shelter, 'Čtvrtá')],
      ['anna', comment(flats, 'Jinou kartu ještě mohu')],
    ]);
    expect(checks).toEqual(['ok', 'ok', 'ok', 'limit_reached', 'ok']);
    expect(mine('anna').commentsLeft).toEqual({ [shelter]: 0, [flats]: 2, [assistance]: 3 });
    expect(plan.intentSchema.safeParse(comment(shelter, 'x'.repeat(301))).success).toBe(false);
    expect(plan.intentSchema.safeParse(comment(shelter, '   ')).success).toBe(false);

    const first = plan.view(board).cards[0]!.comments;
    expect(first.map((c) => c.text)).toEqual(['Chybí kapacita pro otce s dětmi.', 'Zapojit OSPOD', 'Financování z IP']);
    setCommentHidden(board, first[1]!.id, true);
    const view = plan.view(board);
    expect(view.cards[0]!.comments.map((c) => c.text)).toEqual(['Chybí kapacita pro otce s dětmi.', 'Financování z IP']);
    expect(view.hiddenComments.map((c) => c.text)).toEqual(['Zapojit OSPOD']);
    expect(JSON.stringify(plan.phoneView(view))).not.toContain('OSPOD');
    expect(JSON.stringify(plan.toMinutes(view, 'cs'))).not.toContain('OSPOD');
    expect(JSON.stringify(plan.toTable(view, 'cs'))).not.toContain('OSPOD');

    setOption(board, 'commenting', false);
    expect(tap(board, [['boris', comment(flats, 'Pozdě')]], accepted).checks).toEqual(['closed']);
    removeCard(board, flats);
    setOption(board, 'commenting', true);
    expect(tap(board, [['boris', comment(flats, 'Karta už se neprobírá')]], accepted).checks).toEqual(['unknown_item']);
  });

  it('projects the same results without writing anything, and a reset takes them back', () => {
    const { board, shelter } = aBoard();
    const { accepted } = tap(board, [['anna', dot(shelter)], ['anna', comment(shelter, 'Ano')]]);
    const rules = plan.rules(board, plan.settingsSchema.parse({ planId: PLAN_ID }));
    expect(updatesDuring(board, () => plan.project(board, plan.aggregate(accepted, rules)))).toBe(0);
    plan.project(board, plan.aggregate([], rules));
    expect(plan.view(board).cards[0]).toMatchObject({ total: 0, comments: [] });
  });

  it('shows the goal tree or one card under discussion on the projector', () => {
    const { board, flats } = aBoard();
    expect(plan.view(board).projected).toBeNull();
    setProjected(board, flats);
    expect(plan.view(board).projected).toBe(flats);
    setProjected(board, 'nosuchcard0');
    expect(plan.view(board).projected).toBe(flats);
    removeCard(board, flats);
    expect(plan.view(board).projected).toBeNull();
  });

  it('gives phones the cards and the options, never the plan or the comments', () => {
    const { board, shelter } = aBoard();
    tap(board, [['anna', comment(shelter, 'Tajné')]]);
    const phone = plan.phoneView(plan.view(board));
    expect(phone.cards[0]).toEqual({ id: shelter, number: 'A01-01', name: 'Azylový dům pro matky s dětmi' });
    expect(phone).toMatchObject({ voting: true, commenting: true, budget: 5, maxPerCard: 3 });
    expect(JSON.stringify(phone)).not.toContain(PLAN_ID);
    expect(JSON.stringify(phone)).not.toContain('Tajné');
  });

  it('writes the minutes as a table by points with ranks, then each card’s comments', () => {
    const { board, flats, assistance } = aBoard();
    tap(board, [
      ['anna', dot(assistance)],
      ['anna', dot(assistance)],
      ['boris', dot(flats)],
      ['boris', comment(assistance, 'Navázat na terénní programy')],
    ]);
    expect(plan.toMinutes(plan.view(board), 'cs')).toEqual({
      heading: 'Priority karet rozvojových aktivit',
      blocks: [
        {
          type: 'table',
          header: ['Pořadí', 'Číslo', 'Aktivita', 'Body'],
          rows: [
            ['1.', 'A02-01', 'Osobní asistence na Frýdlantsku', '2'],
            ['2.', 'A01-02', 'Tréninkové byty', '1'],
            ['3.', 'A01-01', 'Azylový dům pro matky s dětmi', '0'],
          ],
          numeric: [3],
        },
        { type: 'heading', text: 'Připomínky ke kartě A02-01 Osobní asistence na Frýdlantsku' },
        { type: 'list', items: ['Navázat na terénní programy'] },
      ],
    });
    expect(plan.toTable(plan.view(board), 'en')[0]).toEqual(['Number', 'Activity', 'Points', 'Rank', 'Comments']);
    expect(plan.toTable(plan.view(board), 'cs')[3]).toEqual(['A02-01', 'Osobní asistence na Frýdlantsku', '2', '1.', 'Navázat na terénní programy']);
  });

  it('continues in a later meeting with the same cards, no dots or comments, voting closed, and the old points as a reference', () => {
    const { board, settings, shelter, flats } = aBoard();
    tap(board, [['anna', dot(flats)], ['anna', comment(flats, 'Staré')]]);
    const next = new Y.Doc();
    continueBoard(plan, { doc: board }, { doc: next, settings }, { boardId: 'oldboard1', title: 'Karty', meetingTitle: 'Jaro', startsAt: '2026-03-03T17:00', mode: 'reference' });
    const view = plan.view(next);
    expect(view.cards.map((c) => [c.id, c.total, c.comments.length])).toEqual([
      [shelter, 0, 0],
      [flats, 0, 0],
      [expect.any(String), 0, 0],
    ]);
    expect(view).toMatchObject({ voting: false, commenting: false, planId: PLAN_ID });
    expect(readContinuation<PlanBoardReference>(next)!.reference!.cards[flats]).toEqual({ total: 1, rank: 1, tie: 1 });
  });
});
