import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { SeatingInput } from '../kind.ts';

/** Two people of one organisation at one table cost as much as this many repeated meetings. */
const SAME_ORGANISATION_COST = 4;
/** Each earlier round two people shared a table. */
const MET_BEFORE_COST = 1;
/** Sitting at the table of the last round again: travellers move on unless that makes more repeated meetings. */
const SAME_TABLE_COST = 0.5;
/** Independent tries (a random order, greedy seating, then swaps); the cheapest wins. */
const TRIES = 6;
const MAX_SWAP_PASSES = 30;

type Random = ReturnType<typeof xoroshiro128plus>;

/** FNV-1a: a string seed as the generator's 32-bit seed. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function shuffled<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = uniformInt(random, 0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** "Charita Liberec " and "charita  liberec" are one organisation. */
export const organisationKey = (organisation: string) => organisation.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('cs');

/** How many earlier rounds each pair of people shared a table. */
function meetings(earlier: Map<string, string>[]): Map<string, Map<string, number>> {
  const met = new Map<string, Map<string, number>>();
  for (const round of earlier) {
    const byTable = new Map<string, string[]>();
    for (const [person, table] of round) byTable.set(table, [...(byTable.get(table) ?? []), person]);
    for (const group of byTable.values()) {
      for (const a of group) {
        const row = met.get(a) ?? new Map<string, number>();
        for (const b of group) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
        met.set(a, row);
      }
    }
  }
  return met;
}

/**
 * Seats people at tables for one round: sizes differ by at most one (among the people placed
 * here), colleagues of one organisation are spread over the tables where possible, and people who
 * sat together in earlier rounds are kept apart where possible. Fixed people (hosts, or everyone
 * already seated when late arrivals come) stay; each newcomer goes to a smallest table.
 */
export function seatPeople({ tables, people, earlier, fixed, seed }: SeatingInput): Map<string, string> {
  if (tables.length === 0) return new Map();
  const organisation = new Map(people.map((p) => [p.key, organisationKey(p.organisation)]));
  const met = meetings(earlier);
  const pairCost = (a: string, b: string) => {
    const org = organisation.get(a);
    return (org && org === organisation.get(b) ? SAME_ORGANISATION_COST : 0) + MET_BEFORE_COST * (met.get(a)?.get(b) ?? 0);
  };
  const lastRound = earlier.at(-1);
  const costAt = (person: string, table: string, others: Iterable<string>) => {
    let cost = lastRound?.get(person) === table ? SAME_TABLE_COST : 0;
    for (const other of others) if (other !== person) cost += pairCost(person, other);
    return cost;
  };

  const staying = new Map([...fixed].filter(([person, table]) => organisation.has(person) && tables.includes(table)));
  const random = xoroshiro128plus(seedOf(seed));
  let best: { seats: Map<string, string>; cost: number } | null = null;
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const members = new Map(tables.map((t) => [t, new Set<string>()]));
    for (const [person, table] of staying) members.get(table)!.add(person);
    const movable = shuffled(
      people.map((p) => p.key).filter((key) => !staying.has(key)),
      random,
    );
    const tableOrder = shuffled(tables, random);
    for (const person of movable) {
      const smallest = Math.min(...tableOrder.map((t) => members.get(t)!.size));
      let chosen = '';
      let chosenCost = Infinity;
      for (const table of tableOrder) {
        if (members.get(table)!.size !== smallest) continue;
        const cost = costAt(person, table, members.get(table)!);
        if (cost < chosenCost) [chosen, chosenCost] = [table, cost];
      }
      members.get(chosen)!.add(person);
    }
    improveBySwaps(movable, members, costAt);
    const seats = new Map<string, string>();
    let cost = 0;
    for (const [table, group] of members) {
      for (const person of group) {
        seats.set(person, table);
        cost += costAt(person, table, group);
      }
    }
    if (!best || cost < best.cost) best = { seats, cost };
  }
  return best!.seats;
}

/** Swaps two movable people at different tables while that lowers the cost; sizes never change. */
function improveBySwaps(
  movable: string[],
  members: Map<string, Set<string>>,
  costAt: (person: string, table: string, others: Iterable<string>) => number,
): void {
  const tableOf = new Map<string, string>();
  for (const [table, group] of members) for (const person of group) tableOf.set(person, table);
  const without = (group: Set<string>, person: string) => [...group].filter((p) => p !== person);
  for (let pass = 0; pass < MAX_SWAP_PASSES; pass++) {
    let improved = false;
    for (let i = 0; i < movable.length; i++) {
      for (let j = i + 1; j < movable.length; j++) {
        const a = movable[i]!;
        const b = movable[j]!;
        const tableA = tableOf.get(a)!;
        const tableB = tableOf.get(b)!;
        if (tableA === tableB) continue;
        const groupA = members.get(tableA)!;
        const groupB = members.get(tableB)!;
        const before = costAt(a, tableA, groupA) + costAt(b, tableB, groupB);
        const after = costAt(a, tableB, without(groupB, b)) + costAt(b, tableA, without(groupA, a));
        if (after >= before) continue;
        groupA.delete(a);
        groupB.delete(b);
        groupA.add(b);
        groupB.add(a);
        tableOf.set(a, tableB);
        tableOf.set(b, tableA);
        improved = true;
      }
    }
    if (!improved) return;
  }
}
