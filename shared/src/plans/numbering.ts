/**
 * Numbers as the users write them: strategic goals "SC1", "SC2" (and "Cíl 1" in an outline), measures
 * "1.1", "1.2" under their goal, activity cards "A01-01": the goal area (the card's main goal) and
 * the card's place in it. Numbers are derived from the order, never stored: a reorder renumbers
 * everything at once, two cards can never share a number, and links use ids, which never change.
 */

export interface NumberingSettings {
  /** Before a goal's number: "SC" gives "SC1". */
  goalPrefix: string;
  /** Before a card's area: "A" gives "A01-01". */
  cardPrefix: string;
}

export const defaultNumbering: NumberingSettings = { goalPrefix: 'SC', cardPrefix: 'A' };

const pad2 = (n: number) => String(n).padStart(2, '0');

export const goalCode = (settings: NumberingSettings, goalIndex: number): string => `${settings.goalPrefix}${goalIndex + 1}`;

export const measureNumber = (goalIndex: number, measureIndex: number): string => `${goalIndex + 1}.${measureIndex + 1}`;

export const cardNumber = (settings: NumberingSettings, goalIndex: number, cardIndex: number): string =>
  `${settings.cardPrefix}${pad2(goalIndex + 1)}-${pad2(cardIndex + 1)}`;

interface Ordered {
  id: string;
}
interface Placed extends Ordered {
  goalId: string | null;
}

/**
 * The numbers of a plan's measures and cards, by id. `goals` in order; `measures` and `cards` in
 * order (each list sorted once, by its order key): an entry's number is its place among the entries
 * of its goal. Entries without a goal, or whose goal is gone, get no number (they wait in the inbox).
 */
export function numberPlan(
  settings: NumberingSettings,
  goals: readonly Ordered[],
  measures: readonly Placed[],
  cards: readonly Placed[],
): { goals: Map<string, string>; measures: Map<string, string>; cards: Map<string, string> } {
  const goalIndex = new Map(goals.map((goal, i) => [goal.id, i]));
  const numberWithin = (entries: readonly Placed[], format: (goal: number, place: number) => string) => {
    const seen = new Map<string, number>();
    const numbers = new Map<string, string>();
    for (const entry of entries) {
      const goal = entry.goalId === null ? undefined : goalIndex.get(entry.goalId);
      if (goal === undefined) continue;
      const place = seen.get(entry.goalId!) ?? 0;
      seen.set(entry.goalId!, place + 1);
      numbers.set(entry.id, format(goal, place));
    }
    return numbers;
  };
  return {
    goals: new Map(goals.map((goal, i) => [goal.id, goalCode(settings, i)])),
    measures: numberWithin(measures, measureNumber),
    cards: numberWithin(cards, (goal, place) => cardNumber(settings, goal, place)),
  };
}
