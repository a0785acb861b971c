import { describe, expect, it } from 'vitest';
import type { SeatedPerson } from '../kind.ts';
import { seatPeople } from './seating.ts';

const tables = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);
const people = (n: number, organisationOf: (i: number) => string = () => ''): SeatedPerson[] =>
  Array.from({ length: n }, (_, i) => ({ key: `p${i + 1}`, organisation: organisationOf(i) }));

function sizes(seats: Map<string, string>, tableIds: string[]): number[] {
  return tableIds.map((t) => [...seats.values()].filter((s) => s === t).length);
}

/** Pairs of people who share a table in `round` and already shared one in an earlier round. */
function repeatedPairs(round: Map<string, string>, earlier: Map<string, string>[]): number {
  const keys = [...round.keys()];
  let repeats = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const [a, b] = [keys[i]!, keys[j]!];
      if (round.get(a) === round.get(b) && earlier.some((r) => r.has(a) && r.get(a) === r.get(b))) repeats++;
    }
  }
  return repeats;
}

/** Runs `count` rounds in a row, each seeing the earlier ones; hosts (person → table) stay at their tables. */
function rounds(count: number, input: { tables: string[]; people: SeatedPerson[]; hosts?: Map<string, string> }) {
  const earlier: Map<string, string>[] = [];
  for (let round = 1; round <= count; round++) {
    const fixed = input.hosts ?? new Map<string, string>();
    earlier.push(seatPeople({ tables: input.tables, people: input.people, earlier: [...earlier], fixed, seed: `board:${round}` }));
  }
  return earlier;
}

describe('seating people at world café tables', () => {
  it('seats everyone at tables whose sizes differ by at most one', () => {
    for (const [count, tableCount] of [[23, 5], [7, 2], [31, 7], [3, 4], [60, 8]] as const) {
      const seats = seatPeople({ tables: tables(tableCount), people: people(count), earlier: [], fixed: new Map(), seed: 'x' });
      expect(seats.size).toBe(count);
      const sized = sizes(seats, tables(tableCount));
      expect(Math.max(...sized) - Math.min(...sized)).toBeLessThanOrEqual(1);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const input = { tables: tables(4), people: people(20), earlier: [], fixed: new Map<string, string>() };
    const a = seatPeople({ ...input, seed: 'board-1:1' });
    expect(seatPeople({ ...input, seed: 'board-1:1' })).toEqual(a);
    expect(seatPeople({ ...input, seed: 'board-2:1' })).not.toEqual(a);
  });

  it('spreads the people of one organisation over the tables, whatever the spelling', () => {
    const spellings = ['Charita Liberec', 'charita  liberec ', 'CHARITA LIBEREC', 'Charita Liberec'];
    const organisationOf = (i: number) => (i < 4 ? spellings[i]! : i < 8 ? 'Fokus' : '');
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const seats = seatPeople({ tables: tables(4), people: people(16, organisationOf), earlier: [], fixed: new Map(), seed });
      const tablesOf = (from: number, to: number) => new Set(Array.from({ length: to - from }, (_, i) => seats.get(`p${from + i + 1}`)));
      expect(tablesOf(0, 4).size).toBe(4);
      expect(tablesOf(4, 8).size).toBe(4);
    }
  });

  it('keeps people who already met apart in later rounds, far better than chance', () => {
    const everyone = people(16);
    const [first, second, third] = rounds(3, { tables: tables(4), people: everyone });
    expect(repeatedPairs(second!, [first!])).toBe(0);
    expect(repeatedPairs(third!, [first!, second!])).toBeLessThanOrEqual(2);

    // For scale: seating each round afresh (no memory of earlier rounds) repeats about five pairs.
    const forgetful = [1, 2].map((round) => seatPeople({ tables: tables(4), people: everyone, earlier: [], fixed: new Map(), seed: `f:${round}` }));
    expect(repeatedPairs(forgetful[1]!, [forgetful[0]!])).toBeGreaterThan(0);
  });

  it('keeps hosts at their tables while the others move', () => {
    const everyone = people(12);
    const hosts = new Map([['p1', 't1'], ['p2', 't2'], ['p3', 't3']]);
    const [first, second, third] = rounds(3, { tables: tables(3), people: everyone, hosts });
    for (const [host, table] of hosts) expect([first!.get(host), second!.get(host), third!.get(host)]).toEqual([table, table, table]);
    expect(sizes(second!, tables(3))).toEqual([4, 4, 4]);
    const travellers = everyone.filter((p) => !hosts.has(p.key));
    expect(travellers.filter((p) => second!.get(p.key) === first!.get(p.key))).toEqual([]);
  });

  it('puts a late arrival at the smallest table and moves nobody else', () => {
    const seated = new Map([
      ['p1', 't1'], ['p2', 't1'], ['p3', 't1'],
      ['p4', 't2'], ['p5', 't2'],
      ['p6', 't3'], ['p7', 't3'], ['p8', 't3'],
    ]);
    const seats = seatPeople({ tables: tables(3), people: people(9), earlier: [], fixed: seated, seed: 'late' });
    expect(seats.get('p9')).toBe('t2');
    for (const [person, table] of seated) expect(seats.get(person)).toBe(table);
  });

  it('re-seats people whose table no longer exists, and seats nobody without tables', () => {
    const seats = seatPeople({ tables: ['t1', 't2'], people: people(4), earlier: [], fixed: new Map([['p1', 'gone']]), seed: 's' });
    expect(['t1', 't2']).toContain(seats.get('p1'));
    expect(sizes(seats, ['t1', 't2'])).toEqual([2, 2]);
    expect(seatPeople({ tables: [], people: people(4), earlier: [], fixed: new Map(), seed: 's' }).size).toBe(0);
  });
});
