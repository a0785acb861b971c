import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entriesById, entryLabel, shippedCatalogues } from './catalogues.ts';
import { addCard, addGoal, addMeasure, addOrigin, moveCard, moveGoal, planView, removeGoal, setCardGoal, setCardMember, setNumbering } from './doc.ts';
import { testOrigin } from './testing.ts';

const numbers = (doc: Y.Doc) => Object.fromEntries(planView(doc).cards.map((card) => [card.name, card.number]));

/** Two replicas that exchange every update, as two editors of one plan do. */
function pair(): [Y.Doc, Y.Doc, () => void] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  };
  return [a, b, sync];
}

describe('plan numbering', () => {
  it('numbers cards by goal area and place (A01-01), measures under goals (1.1), goals SC1', () => {
    const doc = new Y.Doc();
    const first = addGoal(doc, { title: 'Rozvoj terénních služeb' });
    const second = addGoal(doc, { title: 'Prevence' });
    addMeasure(doc, second, { title: 'Terénní programy' });
    addMeasure(doc, first, { title: 'Odlehčovací služby' });
    addMeasure(doc, first, { title: 'Pečovatelská služba' });
    addCard(doc, second, { name: 'Kontaktní centrum' });
    addCard(doc, first, { name: 'Odlehčovací služby' });
    addCard(doc, first, { name: 'Osobní asistence' });
    addCard(doc, null, { name: 'Nápad ze setkání' });
    const view = planView(doc);
    expect(view.goals.map((g) => [g.code, g.number, g.title])).toEqual([
      ['SC1', 1, 'Rozvoj terénních služeb'],
      ['SC2', 2, 'Prevence'],
    ]);
    expect(view.goals.map((g) => g.measures.map((m) => `${m.number} ${m.title}`))).toEqual([
      ['1.1 Odlehčovací služby', '1.2 Pečovatelská služba'],
      ['2.1 Terénní programy'],
    ]);
    expect(view.cards.map((c) => [c.number, c.name])).toEqual([
      ['A01-01', 'Odlehčovací služby'],
      ['A01-02', 'Osobní asistence'],
      ['A02-01', 'Kontaktní centrum'],
      [null, 'Nápad ze setkání'],
    ]);
  });

  it('renumbers on reorder and on a change of goal, and prefixes follow the settings', () => {
    const doc = new Y.Doc();
    const first = addGoal(doc);
    const second = addGoal(doc);
    const a = addCard(doc, first, { name: 'a' });
    addCard(doc, first, { name: 'b' });
    const c = addCard(doc, second, { name: 'c' });
    moveCard(doc, a, 1);
    expect(numbers(doc)).toEqual({ b: 'A01-01', a: 'A01-02', c: 'A02-01' });
    moveGoal(doc, second, -1);
    expect(numbers(doc)).toEqual({ c: 'A01-01', b: 'A02-01', a: 'A02-02' });
    setCardGoal(doc, c, first);
    expect(numbers(doc)).toEqual({ b: 'A02-01', a: 'A02-02', c: 'A02-03' });
    setNumbering(doc, { cardPrefix: 'K', goalPrefix: 'C' });
    expect(numbers(doc).c).toBe('K02-03');
    expect(planView(doc).goals[0]!.code).toBe('C1');
  });

  it('sends the cards of a removed goal to the inbox and drops its measures', () => {
    const doc = new Y.Doc();
    const first = addGoal(doc);
    const second = addGoal(doc);
    addMeasure(doc, first, { title: 'm' });
    const card = addCard(doc, first, { name: 'x' });
    const other = addCard(doc, second, { name: 'y' });
    setCardMember(doc, other, 'otherGoals', first, true);
    removeGoal(doc, first);
    const view = planView(doc);
    expect(view.goals).toHaveLength(1);
    expect(view.goals[0]!.measures).toEqual([]);
    expect(view.cards.find((c) => c.id === card)!.number).toBeNull();
    expect(view.cards.find((c) => c.id === other)).toMatchObject({ number: 'A01-01', otherGoals: [] });
  });

  it('keeps numbers unique when two editors add and move cards at once', () => {
    const [left, right, sync] = pair();
    const goal = addGoal(left);
    sync();
    for (let round = 0; round < 20; round++) {
      const added = addCard(left, goal, { name: `l${round}` });
      addCard(right, goal, { name: `r${round}` });
      moveCard(left, added, -1);
      const cardsRight = planView(right).cards;
      if (cardsRight.length > 1) moveCard(right, cardsRight[round % cardsRight.length]!.id, 1);
      sync();
      const view = planView(left);
      expect(planView(right)).toEqual(view);
      const numbered = view.cards.map((c) => c.number);
      expect(new Set(numbered).size).toBe(numbered.length);
      expect(numbered).toEqual(numbered.map((_, i) => `A01-${String(i + 1).padStart(2, '0')}`));
    }
  });

  it('merges list fields ticked by two editors at once', () => {
    const [left, right, sync] = pair();
    const card = addCard(left, null, { name: 'x' });
    sync();
    setCardMember(left, card, 'targetGroups', 'tg-s', true);
    setCardMember(right, card, 'targetGroups', 'tg-ozp', true);
    setCardMember(right, card, 'serviceKinds', 'sk-44', true);
    sync();
    expect(planView(left).cards[0]).toMatchObject({ targetGroups: ['tg-ozp', 'tg-s'], serviceKinds: ['sk-44'] });
  });
});

describe('origins', () => {
  it('keeps the link back to the board item once, on cards and measures', () => {
    const doc = new Y.Doc();
    const goal = addGoal(doc);
    const card = addCard(doc, goal, { name: 'Odlehčovací služby' }, testOrigin('item-1'));
    addOrigin(doc, { type: 'card', id: card }, testOrigin('item-1'));
    addOrigin(doc, { type: 'card', id: card }, { ...testOrigin('item-2'), kind: 'cafe', context: 'Stůl 3' });
    const measure = addMeasure(doc, goal, { title: 'm' }, testOrigin('item-1'));
    const view = planView(doc);
    expect(view.cards[0]!.origins.map((o) => [o.itemId, o.kind, o.meetingId, o.boardId])).toEqual([
      ['item-1', 'dots', 'meeting-0001', 'board-000001'],
      ['item-2', 'cafe', 'meeting-0001', 'board-000001'],
    ]);
    expect(view.goals[0]!.measures.find((m) => m.id === measure)!.origins).toHaveLength(1);
  });
});

describe('catalogues', () => {
  it('ship the kinds of social services with their section of the act, and target groups', () => {
    const kinds = shippedCatalogues.serviceKinds;
    expect(kinds.map((k) => k.code)).toContain('60a');
    expect(kinds).toHaveLength(33);
    const byId = entriesById(shippedCatalogues);
    expect(entryLabel(byId.get('sk-39')!)).toBe('Osobní asistence (§ 39)');
    expect(entryLabel(byId.get('sk-70')!, 'en')).toBe('Social rehabilitation (§ 70)');
    expect(entryLabel(byId.get('tg-s')!)).toBe('Senioři');
    expect(new Set(byId.keys()).size).toBe(kinds.length + shippedCatalogues.targetGroups.length);
  });
});
