import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outline, repairs, treeProblems } from './testing.ts';
import {
  AT_END,
  addCategories,
  addNode,
  indentNode,
  moveNode,
  nodeText,
  outdentNode,
  readTree,
  removeNode,
  shiftNode,
} from './tree.ts';

const RANDOMIZED_TIMEOUT_MS = 120_000;

/** A small seeded generator (mulberry32), so that a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T | undefined => list[int(list.length)];
  return { next, int, pick };
}

/**
 * Editors' docs joined by a network that holds each update until the test delivers it, in any
 * order, as y-websocket may after a reconnect. A peer that is offline neither sends nor receives.
 */
class Network {
  readonly docs: Y.Doc[];
  private readonly inbox: Uint8Array[][];
  readonly offline = new Set<number>();

  constructor(count: number, start: Y.Doc) {
    this.docs = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(start), 'remote');
      return doc;
    });
    this.inbox = this.docs.map(() => []);
    this.docs.forEach((doc, from) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'remote' || this.offline.has(from)) return;
        this.docs.forEach((_, to) => to !== from && this.inbox[to]!.push(update));
      }),
    );
  }

  /** Delivers one held update to `to`, picked by `index`; false if none can be delivered. */
  deliverOne(to: number, index: number): boolean {
    const box = this.inbox[to]!;
    if (this.offline.has(to) || box.length === 0) return false;
    const [update] = box.splice(index % box.length, 1);
    Y.applyUpdate(this.docs[to]!, update!, 'remote');
    return true;
  }

  /** Brings a peer back: like y-websocket's sync on reconnect, each side sends what the other lacks. */
  reconnect(peer: number): void {
    this.offline.delete(peer);
    const doc = this.docs[peer]!;
    this.docs.forEach((other, i) => {
      if (i === peer) return;
      this.inbox[i]!.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
      this.inbox[peer]!.push(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    });
  }

  /** Brings everyone online and delivers everything, in an order `order` picks. */
  settle(order: (n: number) => number): void {
    for (const peer of [...this.offline]) this.reconnect(peer);
    for (let busy = true; busy; ) {
      busy = false;
      for (let to = 0; to < this.docs.length; to++) while (this.deliverOne(to, order(1000))) busy = true;
    }
  }
}

/** One random editing step on `doc`, as an editor's keys and buttons would do it. */
function randomEdit(doc: Y.Doc, rnd: ReturnType<typeof random>, step: number): void {
  const ids = [...readTree(doc).entries.keys()].sort();
  const any = () => rnd.pick(ids);
  const target = () => (rnd.next() < 0.1 ? null : (any() ?? null));
  const id = any();
  const roll = rnd.next();
  if (id === undefined || roll < 0.25) addNode(doc, target(), rnd.int(6), `n${step}`);
  else if (roll < 0.5) moveNode(doc, id, target(), rnd.int(6));
  else if (roll < 0.6) indentNode(doc, id);
  else if (roll < 0.7) outdentNode(doc, id);
  else if (roll < 0.8) shiftNode(doc, id, rnd.next() < 0.5 ? -1 : 1);
  else if (roll < 0.87) removeNode(doc, id);
  else nodeText(doc, id)?.insert(0, String.fromCharCode(97 + rnd.int(26)));
}

function startBoard(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 100;
  addCategories(doc, ['A', 'B', 'C', 'D']);
  for (const category of readTree(doc).categories) {
    const cause = addNode(doc, category.id, AT_END, `${category.text}1`)!;
    addNode(doc, cause, AT_END, `${category.text}1x`);
  }
  return doc;
}

describe('fishbone tree: convergence of concurrent editors', () => {
  it('two editors, one offline for a while, end with the same valid tree', () => {
    const net = new Network(2, startBoard());
    const [left, right] = net.docs as [Y.Doc, Y.Doc];
    const idIn = (doc: Y.Doc, text: string) => [...readTree(doc).entries.keys()].find((id) => nodeText(doc, id)!.toString() === text)!;
    net.offline.add(1);

    // Offline, the right editor adds a cause under A1x and moves B1 under A1, while the left
    // editor moves A1 under B1: a cycle, and the new cause would end up at level 4…
    expect(addNode(right, idIn(right, 'A1x'), 0, 'deep')).toBeTruthy();
    expect(moveNode(right, idIn(right, 'B1'), idIn(right, 'A1'), 0)).toBe(true);
    expect(moveNode(left, idIn(left, 'A1'), idIn(left, 'B1'), 0)).toBe(true);
    // …the left one removes category C while the right one adds a cause under C1x…
    expect(removeNode(left, idIn(left, 'C'))).toBe(true);
    expect(addNode(right, idIn(right, 'C1x'), 0, 'written offline')).toBeTruthy();
    // …and both type into D1.
    nodeText(left, idIn(left, 'D1'))!.insert(2, ' left');
    nodeText(right, idIn(right, 'D1'))!.insert(2, ' right');

    net.settle(() => 0);
    expect(treeProblems(left)).toEqual([]);
    expect(outline(right)).toBe(outline(left));
    const shown = outline(left);
    expect(shown).not.toContain('written offline'); // it went with the category removed meanwhile
    expect(shown).toMatch(/D1 (left right|right left)/);
    // A1 and B1 went under each other at once: the cycle is cut, and nothing is lost.
    for (const text of ['A1', 'A1x', 'B1', 'B1x', 'deep']) expect(shown).toContain(text);
  });

  // 200 seeds × 120 steps is a few seconds of work; on a loaded CI machine it needs room, not a deadline.
  it('random concurrent edits by three editors over many seeds always end in one valid tree', () => {
    const repaired = { moved: 0, dropped: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = random(seed);
      const net = new Network(3, startBoard());
      for (let step = 0; step < 120; step++) {
        if (step === 20) net.offline.add(2);
        if (step === 80) net.reconnect(2);
        const who = rnd.int(3);
        if (rnd.next() < 0.6) randomEdit(net.docs[who]!, rnd, step);
        else net.deliverOne(who, rnd.int(1000));
        expect(treeProblems(net.docs[who]!), `seed ${seed} step ${step}`).toEqual([]);
      }
      net.settle(rnd.int);
      const [first, ...others] = net.docs.map((doc) => JSON.stringify(readTree(doc).categories));
      for (const other of others) expect(other, `seed ${seed}`).toBe(first);
      for (const doc of net.docs) expect(treeProblems(doc), `seed ${seed}`).toEqual([]);
      const { moved, dropped } = repairs(net.docs[0]!);
      repaired.moved += moved;
      repaired.dropped += dropped;
    }
    // The runs did reach the states that need repair: cycles or too deep causes, and orphans.
    expect(repaired.moved).toBeGreaterThan(0);
    expect(repaired.dropped).toBeGreaterThan(0);
  }, RANDOMIZED_TIMEOUT_MS);
});
