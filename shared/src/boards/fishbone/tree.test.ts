import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AT_END,
  MAX_CATEGORIES,
  addCategories,
  addNode,
  indentNode,
  moveNode,
  nodeText,
  outdentNode,
  readTree,
  removeNode,
  shiftNode,
  type FishboneNode,
} from './tree.ts';
import { outline } from './testing.ts';

/** A board with categories A and B; returns the doc and a function naming nodes by their text. */
function board(categories = ['A', 'B']) {
  const doc = new Y.Doc();
  addCategories(doc, categories);
  const idOf = (text: string): string => {
    const find = (nodes: FishboneNode[]): FishboneNode | undefined =>
      nodes.map((n) => (n.text === text ? n : find(n.children))).find((n) => n !== undefined);
    const node = find(readTree(doc).categories);
    if (!node) throw new Error(`no node ${text}`);
    return node.id;
  };
  /** Adds a cause `text` at the end of the node named `parent`. */
  const add = (parent: string, text: string) => addNode(doc, idOf(parent), AT_END, text);
  return { doc, idOf, add };
}

describe('fishbone tree: adding', () => {
  it('categories and causes keep the order they were put in', () => {
    const { doc, add, idOf } = board();
    add('A', 'a1');
    add('A', 'a3');
    addNode(doc, idOf('A'), 1, 'a2');
    add('a2', 'a2x');
    addNode(doc, null, 0, 'Z');
    expect(outline(doc)).toBe('Z\nA\n  a1\n  a2\n    a2x\n  a3\nB');
    const entry = readTree(doc).entries.get(idOf('a2x'))!;
    expect(entry).toMatchObject({ level: 2, parentId: idOf('a2'), height: 0 });
    expect(readTree(doc).entries.get(idOf('A'))).toMatchObject({ level: 0, height: 2, parentId: null });
  });

  it('causes go at most three levels deep', () => {
    const { doc, add, idOf } = board();
    expect(add('A', 'l1')).toBeTruthy();
    expect(add('l1', 'l2')).toBeTruthy();
    expect(add('l2', 'l3')).toBeTruthy();
    expect(add('l3', 'l4')).toBeNull();
    expect(addNode(doc, 'no-such-node', 0, 'x')).toBeNull();
    expect(outline(doc)).toBe('A\n  l1\n    l2\n      l3\nB');
    expect(readTree(doc).entries.get(idOf('l3'))!.level).toBe(3);
  });

  it('at most eight categories', () => {
    const { doc } = board(['1', '2', '3', '4', '5', '6', '7']);
    expect(addNode(doc, null, AT_END, '8')).toBeTruthy();
    expect(addNode(doc, null, AT_END, '9')).toBeNull();
    expect(readTree(doc).categories).toHaveLength(MAX_CATEGORIES);
  });

  it('a node’s text is a Y.Text that editors type into', () => {
    const { doc, add, idOf } = board();
    add('A', 'Nízké');
    nodeText(doc, idOf('Nízké'))!.insert(6, ' mzdy');
    expect(outline(doc)).toBe('A\n  Nízké mzdy\nB');
    expect(nodeText(doc, 'missing')).toBeUndefined();
  });
});

describe('fishbone tree: moving', () => {
  it('reorders siblings, counting the new index without the node itself', () => {
    const { doc, add, idOf } = board();
    for (const t of ['a1', 'a2', 'a3']) add('A', t);
    expect(moveNode(doc, idOf('a1'), idOf('A'), 2)).toBe(true);
    expect(outline(doc)).toBe('A\n  a2\n  a3\n  a1\nB');
    expect(moveNode(doc, idOf('a1'), idOf('A'), 0)).toBe(true);
    expect(moveNode(doc, idOf('B'), null, 0)).toBe(true);
    expect(outline(doc)).toBe('B\nA\n  a1\n  a2\n  a3');
  });

  it('never moves a node under itself or its own causes', () => {
    const { doc, add, idOf } = board();
    add('A', 'a');
    add('a', 'b');
    const before = outline(doc);
    expect(moveNode(doc, idOf('a'), idOf('a'), 0)).toBe(false);
    expect(moveNode(doc, idOf('a'), idOf('b'), 0)).toBe(false);
    expect(moveNode(doc, idOf('A'), idOf('b'), 0)).toBe(false);
    expect(moveNode(doc, 'missing', idOf('A'), 0)).toBe(false);
    expect(moveNode(doc, idOf('a'), 'missing', 0)).toBe(false);
    expect(outline(doc)).toBe(before);
  });

  it('refuses a move that would take any cause of the subtree past level three', () => {
    const { doc, add, idOf } = board();
    add('A', 'x');
    add('x', 'x2');
    add('B', 'y');
    add('y', 'y2');
    expect(moveNode(doc, idOf('x'), idOf('y2'), 0)).toBe(false); // x2 would be at level 4
    expect(moveNode(doc, idOf('x'), idOf('y'), 0)).toBe(true); // x2 lands at level 3
    expect(outline(doc)).toBe('A\nB\n  y\n    x\n      x2\n    y2');
    expect(moveNode(doc, idOf('x2'), idOf('y2'), 0)).toBe(true);
  });

  it('a category with causes may become a cause, and a cause a category, within the limits', () => {
    const { doc, add, idOf } = board();
    add('B', 'b1');
    expect(moveNode(doc, idOf('B'), idOf('A'), 0)).toBe(true);
    expect(outline(doc)).toBe('A\n  B\n    b1');
    expect(moveNode(doc, idOf('B'), null, 0)).toBe(true);
    expect(outline(doc)).toBe('B\n  b1\nA');
    const full = board(['1', '2', '3', '4', '5', '6', '7', '8']);
    full.add('1', 'c');
    expect(moveNode(full.doc, full.idOf('c'), null, 0)).toBe(false);
    expect(moveNode(full.doc, full.idOf('8'), null, 0)).toBe(true);
  });

  it('Tab indents under the previous sibling; Shift+Tab puts it back after its parent', () => {
    const { doc, add, idOf } = board();
    for (const t of ['a1', 'a2', 'a3']) add('A', t);
    add('a1', 'a1x');
    expect(indentNode(doc, idOf('a1'))).toBe(false); // no previous sibling
    expect(indentNode(doc, idOf('a2'))).toBe(true);
    expect(outline(doc)).toBe('A\n  a1\n    a1x\n    a2\n  a3\nB');
    expect(indentNode(doc, idOf('a2'))).toBe(true);
    expect(indentNode(doc, idOf('a2'))).toBe(false); // already at level 3
    expect(outline(doc)).toBe('A\n  a1\n    a1x\n      a2\n  a3\nB');
    expect(outdentNode(doc, idOf('a2'))).toBe(true);
    expect(outdentNode(doc, idOf('a2'))).toBe(true);
    expect(outline(doc)).toBe('A\n  a1\n    a1x\n  a2\n  a3\nB');
    expect(outdentNode(doc, idOf('a2'))).toBe(true);
    expect(outline(doc)).toBe('A\n  a1\n    a1x\n  a3\na2\nB');
    expect(outdentNode(doc, idOf('a2'))).toBe(false); // a category has nowhere to go
    expect(indentNode(doc, idOf('a2'))).toBe(true);
    expect(outline(doc)).toBe('A\n  a1\n    a1x\n  a3\n  a2\nB');
  });

  it('Alt+arrows swap with a sibling, and past the end move on to the parent’s neighbour', () => {
    const { doc, add, idOf } = board();
    add('A', 'a1');
    add('A', 'a2');
    add('B', 'b1');
    expect(shiftNode(doc, idOf('a2'), -1)).toBe(true);
    expect(outline(doc)).toBe('A\n  a2\n  a1\nB\n  b1');
    expect(shiftNode(doc, idOf('a1'), 1)).toBe(true);
    expect(outline(doc)).toBe('A\n  a2\nB\n  a1\n  b1');
    expect(shiftNode(doc, idOf('a1'), -1)).toBe(true);
    expect(outline(doc)).toBe('A\n  a2\n  a1\nB\n  b1');
    expect(shiftNode(doc, idOf('a2'), -1)).toBe(false); // nothing before category A
    expect(shiftNode(doc, idOf('B'), -1)).toBe(true);
    expect(outline(doc)).toBe('B\n  b1\nA\n  a2\n  a1');
    expect(shiftNode(doc, idOf('B'), -1)).toBe(false);
  });

  it('places a node correctly even between siblings that got the same order key at once', () => {
    const left = new Y.Doc();
    addCategories(left, ['A']);
    const right = new Y.Doc();
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    const category = readTree(left).categories[0]!.id;
    addNode(left, category, 0, 'from left');
    addNode(right, category, 0, 'from right');
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    const [first, second] = readTree(left).entries.get(category)!.childIds.map((id) => nodeText(left, id)!.toString());
    addNode(left, category, 1, 'between');
    expect(outline(left)).toBe(`A\n  ${first}\n  between\n  ${second}`);
  });
});

describe('fishbone tree: removing', () => {
  it('removes a node with all its causes, and nothing else', () => {
    const { doc, add, idOf } = board();
    add('A', 'a');
    add('a', 'b');
    add('b', 'c');
    add('A', 'keep');
    expect(removeNode(doc, idOf('a'))).toBe(true);
    expect(outline(doc)).toBe('A\n  keep\nB');
    expect(doc.getMap('nodes').size).toBe(3);
    expect(removeNode(doc, 'missing')).toBe(false);
    expect(removeNode(doc, idOf('A'))).toBe(true);
    expect(outline(doc)).toBe('B');
    expect(doc.getMap('nodes').size).toBe(1);
  });

  it('undo brings back a removed subtree with its texts', () => {
    const { doc, add, idOf } = board();
    add('A', 'a');
    add('a', 'b');
    const undo = new Y.UndoManager(doc.getMap('nodes'));
    removeNode(doc, idOf('a'));
    expect(outline(doc)).toBe('A\nB');
    undo.undo();
    expect(outline(doc)).toBe('A\n  a\n    b\nB');
  });
});

describe('fishbone tree: repair of what concurrent edits leave behind', () => {
  /** Writes a node's place directly, as a concurrent editor's move may leave it. */
  const setPlace = (doc: Y.Doc, id: string, parent: string | null, category: string | null, order = 'a0') =>
    (doc.getMap('nodes').get(id) as Y.Map<unknown>).set('place', { parent, order, category });

  it('a cycle is cut at its smallest id, which goes back to its last category', () => {
    const { doc, add, idOf } = board();
    add('A', 'x');
    add('B', 'y');
    const [x, y, A, B] = [idOf('x'), idOf('y'), idOf('A'), idOf('B')];
    setPlace(doc, x, y, B);
    setPlace(doc, y, x, A);
    const cut = x < y ? 'x' : 'y';
    const other = cut === 'x' ? 'y' : 'x';
    const home = cut === 'x' ? 'B' : 'A';
    const expected = home === 'A' ? `A\n  ${cut}\n    ${other}\nB` : `A\nB\n  ${cut}\n    ${other}`;
    expect(outline(doc)).toBe(expected);
  });

  it('a cycle whose recorded category is gone becomes a category of its own', () => {
    const { doc, add, idOf } = board();
    add('A', 'x');
    const x = idOf('x');
    setPlace(doc, x, x, 'gone', 'a5');
    expect(outline(doc)).toBe('A\nB\nx');
  });

  it('a cause added under one deleted at the same time goes with it; undoing the deletion brings both back', () => {
    const { doc, add, idOf } = board();
    const a = add('A', 'a')!;
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const undo = new Y.UndoManager(doc.getMap('nodes'));
    removeNode(doc, idOf('a'));
    addNode(other, a, 0, 'added meanwhile');
    // As a provider applies it: with an origin of its own, which this editor's undo leaves alone.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'remote');
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(outline(doc)).toBe('A\nB');
    expect(outline(other)).toBe('A\nB');
    undo.undo();
    expect(outline(doc)).toBe('A\n  a\n    added meanwhile\nB');
  });

  it('causes pushed past level three show at level three, right after their ancestor there', () => {
    const { doc, add, idOf } = board();
    add('A', 'l1');
    add('l1', 'l2');
    add('l2', 'l3');
    add('l2', 'l3b');
    add('B', 'x');
    add('x', 'x2');
    add('x2', 'x3');
    setPlace(doc, idOf('x'), idOf('l3'), idOf('A'));
    expect(outline(doc)).toBe('A\n  l1\n    l2\n      l3\n      x\n      x2\n      x3\n      l3b\nB');
    const tree = readTree(doc);
    expect(tree.entries.get(idOf('x3'))).toMatchObject({ level: 3, parentId: idOf('l2') });
    // The next edit writes the place the tree shows.
    expect(shiftNode(doc, idOf('x3'), 1)).toBe(true);
    expect(outline(doc)).toBe('A\n  l1\n    l2\n      l3\n      x\n      x2\n      l3b\n      x3\nB');
  });

  it('ignores entries that are not well-formed nodes', () => {
    const { doc } = board();
    const nodes = doc.getMap<unknown>('nodes');
    nodes.set('plain', 'not a node');
    const noText = new Y.Map<unknown>();
    noText.set('place', { parent: null, order: 'a0', category: null });
    nodes.set('no-text', noText);
    const badPlace = new Y.Map<unknown>();
    badPlace.set('place', { parent: 7, order: 'a0' });
    badPlace.set('text', new Y.Text('bad'));
    nodes.set('bad-place', badPlace);
    expect(outline(doc)).toBe('A\nB');
  });

  it('renumbers siblings when their order keys cannot be read', () => {
    const { doc, add, idOf } = board();
    add('A', 'a1');
    add('A', 'a2');
    setPlace(doc, idOf('a1'), idOf('A'), idOf('A'), 'not a key!');
    setPlace(doc, idOf('a2'), idOf('A'), idOf('A'), 'zz not a key');
    addNode(doc, idOf('A'), 1, 'mid');
    expect(outline(doc)).toBe('A\n  a1\n  mid\n  a2\nB');
  });
});
