import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_INTENTS_PER_PARTICIPANT,
  checkDot,
  checkTapCeiling,
  countsVisible,
  dotBalance,
  dotIntentSchemas,
  dotTotals,
  isTop,
  projectDotTotals,
  rankLabel,
  readDotTotals,
  rankTotals,
  type DotBudget,
  type DotIntent,
} from './dot-budget.ts';
import type { AcceptedIntent } from './kind.ts';
import { updatesDuring } from './test-support.ts';

/** Two sections: problems (housing, transport, debts) and ideas (shared flats). */
const budget = (over: Partial<DotBudget> = {}): DotBudget => ({
  budget: 3,
  budgetPer: 'board',
  stacking: false,
  items: { housing: 'problems', transport: 'problems', debts: 'problems', flats: 'ideas' },
  sectionIds: ['problems', 'ideas'],
  ...over,
});
const sectionOf = (itemId: string) => budget().items[itemId] ?? 'problems';
const add = (itemId: string): DotIntent => ({ type: 'dot.add', sectionId: sectionOf(itemId), itemId });
const remove = (itemId: string): DotIntent => ({ type: 'dot.remove', sectionId: sectionOf(itemId), itemId });
const ok = { ok: true };

describe('dot budget: the intents', () => {
  it('a dot placed or taken back names a section and an item by identifiers', () => {
    const parse = (value: unknown) => dotIntentSchemas.some((schema) => schema.safeParse(value).success);
    expect(parse(add('housing'))).toBe(true);
    expect(parse(remove('housing'))).toBe(true);
    expect(parse({ type: 'dot.add', sectionId: 'problems' })).toBe(false);
    expect(parse({ type: 'dot.add', sectionId: 'problems', itemId: '../x' })).toBe(false);
    expect(parse({ type: 'dot.add', sectionId: 'problems', itemId: 'x'.repeat(41) })).toBe(false);
    expect(parse({ type: 'dot.move', sectionId: 'problems', itemId: 'housing' })).toBe(false);
  });
});

describe('dot budget: the rule', () => {
  it('per board without stacking: one dot per item, three in all; taking one back frees it', () => {
    const three = [add('housing'), add('transport'), add('flats')];
    expect(checkDot(add('housing'), [], budget())).toEqual(ok);
    expect(checkDot(add('housing'), [add('housing')], budget())).toMatchObject({ ok: false, code: 'duplicate' });
    expect(checkDot(add('debts'), three, budget())).toMatchObject({ ok: false, code: 'limit_reached', message: expect.stringContaining('3') });
    expect(checkDot(add('debts'), [...three, remove('flats')], budget())).toEqual(ok);
    // A dot taken back and placed again on the same item is one dot.
    expect(checkDot(add('housing'), [add('housing'), remove('housing')], budget())).toEqual(ok);
  });

  it('with stacking: several dots on one item, within the budget', () => {
    const stacking = budget({ stacking: true });
    expect(checkDot(add('housing'), [add('housing'), add('housing')], stacking)).toEqual(ok);
    expect(checkDot(add('housing'), [add('housing'), add('housing'), add('housing')], stacking)).toMatchObject({ code: 'limit_reached' });
    expect(dotBalance([add('housing'), add('housing'), remove('housing'), add('housing')], stacking)).toEqual({
      dots: { housing: 2 },
      bySection: { problems: 1, ideas: 1 },
      remaining: 1,
    });
  });

  it('per section: each section has a budget of its own', () => {
    const perSection = budget({ budget: 2, budgetPer: 'section' });
    const previous = [add('housing'), add('transport')];
    expect(checkDot(add('debts'), previous, perSection)).toMatchObject({ ok: false, message: expect.stringContaining('in each section') });
    expect(checkDot(add('flats'), previous, perSection)).toEqual(ok);
    expect(dotBalance(previous, perSection)).toEqual({ dots: { housing: 1, transport: 1 }, bySection: { problems: 0, ideas: 2 }, remaining: 2 });
  });

  it('taking back needs a dot there; an item must exist in the section named', () => {
    expect(checkDot(remove('housing'), [], budget())).toMatchObject({ ok: false, code: 'invalid' });
    expect(checkDot(remove('housing'), [add('housing'), remove('housing')], budget())).toMatchObject({ ok: false, code: 'invalid' });
    expect(checkDot({ type: 'dot.add', sectionId: 'ideas', itemId: 'housing' }, [], budget())).toMatchObject({ code: 'unknown_item' });
    expect(checkDot({ type: 'dot.add', sectionId: 'problems', itemId: 'gone' }, [], budget())).toMatchObject({ code: 'unknown_item' });
  });

  it('dots on an item that no longer exists count for nothing: the participant has them back', () => {
    const previous = [add('housing'), add('transport'), add('flats')];
    const without = budget({ items: { transport: 'problems', debts: 'problems', flats: 'ideas' } });
    expect(checkDot(add('debts'), previous, without)).toEqual(ok);
    expect(dotBalance(previous, without)).toEqual({ dots: { transport: 1, flats: 1 }, bySection: { problems: 1, ideas: 1 }, remaining: 1 });
  });

  it('a lowered budget leaves the dots placed and none left', () => {
    const previous = [add('housing'), add('transport'), add('flats')];
    expect(dotBalance(previous, budget({ budget: 1 }))).toMatchObject({ remaining: 0, bySection: { problems: 0, ideas: 0 } });
    expect(checkDot(add('debts'), previous, budget({ budget: 1 }))).toMatchObject({ code: 'limit_reached' });
  });

  it('intents of other kinds are passed over', () => {
    const previous = [{ type: 'item.suggest', sectionId: 'problems', text: 'Víc bytů' }, add('housing')];
    expect(dotBalance(previous, budget()).remaining).toBe(2);
    expect(checkDot(add('transport'), previous, budget())).toEqual(ok);
  });

  it('caps the taps of one participant on a board', () => {
    expect(checkTapCeiling(Array.from({ length: MAX_INTENTS_PER_PARTICIPANT - 1 }, () => add('housing')))).toEqual(ok);
    expect(checkTapCeiling(Array.from({ length: MAX_INTENTS_PER_PARTICIPANT }, () => add('housing')))).toMatchObject({ code: 'limit_reached' });
  });
});

describe('dot budget: totals and ranks', () => {
  let seq = 0;
  const accepted = (by: string, intent: { type: string }): AcceptedIntent<{ type: string }> => ({
    id: `i${seq++}`,
    at: '2026-11-24T17:00:00.000Z',
    by,
    intent,
  });

  it('totals net out dots taken back, count voters with a dot placed, and never say who', () => {
    const totals = dotTotals([
      accepted('alice', add('housing')),
      accepted('alice', add('transport')),
      accepted('bob', add('housing')),
      accepted('bob', remove('housing')),
      accepted('carol', add('housing')),
      accepted('dana', { type: 'item.suggest' }),
    ]);
    expect(totals).toEqual({ votes: { housing: 2, transport: 1 }, voters: 2 });
    expect(JSON.stringify(totals)).not.toMatch(/alice|bob|carol|dana/);
  });

  it('the totals go into the doc changing only what differs; items no longer voted on leave it', () => {
    const doc = new Y.Doc();
    expect(readDotTotals(doc)).toEqual({ votes: {}, voters: 0 });
    projectDotTotals(doc, { votes: { housing: 2, transport: 1 }, voters: 2 });
    expect(readDotTotals(doc)).toEqual({ votes: { housing: 2, transport: 1 }, voters: 2 });
    expect(updatesDuring(doc, () => projectDotTotals(doc, { votes: { housing: 2, transport: 1 }, voters: 2 }))).toBe(0);
    expect(updatesDuring(doc, () => projectDotTotals(doc, { votes: { housing: 3 }, voters: 2 }))).toBe(1);
    expect(readDotTotals(doc)).toEqual({ votes: { housing: 3 }, voters: 2 });
  });

  it('ranks with ties as ties: 1, 2–3, 2–3, 4', () => {
    expect(rankTotals([5, 3, 3, 1])).toEqual([
      { rank: 1, tie: 1 },
      { rank: 2, tie: 2 },
      { rank: 2, tie: 2 },
      { rank: 4, tie: 1 },
    ]);
    expect(rankTotals([0, 0])).toEqual([
      { rank: 1, tie: 2 },
      { rank: 1, tie: 2 },
    ]);
    expect(rankLabel(1, 1)).toBe('1.');
    expect(rankLabel(2, 2)).toBe('2.–3.');
  });

  it('the top N take ties at the boundary, never an item without dots; a choice by hand overrides', () => {
    const totals = [5, 3, 3, 1, 0];
    const top = (count: number, choices: (boolean | null)[] = []) =>
      rankTotals(totals).map((r, i) => isTop({ rank: r.rank, total: totals[i]! }, count, choices[i] ?? null));
    expect(top(1)).toEqual([true, false, false, false, false]);
    expect(top(2)).toEqual([true, true, true, false, false]);
    expect(top(9)).toEqual([true, true, true, true, false]);
    expect(top(0)).toEqual([false, false, false, false, false]);
    expect(top(2, [false, null, null, true])).toEqual([false, true, true, true, false]);
  });

  it('counts are visible live, or once revealed', () => {
    expect(countsVisible({ results: 'onReveal', revealed: false })).toBe(false);
    expect(countsVisible({ results: 'onReveal', revealed: true })).toBe(true);
    expect(countsVisible({ results: 'live', revealed: false })).toBe(true);
  });
});
