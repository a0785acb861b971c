import * as Y from 'yjs';
import { compareOrder, orderKeyAt, type OrderedEntry } from '../order.ts';

/**
 * The cause tree of a fishbone, co-edited in Yjs.
 *
 * Every node (a category bone or a cause) is one entry of a flat Y.Map: its text is a Y.Text and
 * its place is one plain value `{ parent, order, category }` written as a whole, so that two
 * concurrent moves of the same node resolve to one of them, never to a mix. Concurrent moves can
 * still make a cycle, leave a node under a deleted one, or push a cause deeper than three levels;
 * `readTree` repairs all of that deterministically from the doc alone, so every replica shows the
 * same valid tree, and the next edit through these helpers writes the repaired place for good.
 */

/** Causes go at most three levels below their category. */
export const MAX_DEPTH = 3;
export const MAX_CATEGORIES = 8;
/** An index past every sibling: the place at the end. */
export const AT_END = Number.POSITIVE_INFINITY;

/** Where a node sits: under `parent` (null for a category), sorted by `order` then id. */
interface Place {
  parent: string | null;
  order: string;
  /**
   * The category the node was put under when it last moved: where a node cut out of a cycle
   * goes back to.
   */
  category: string | null;
}

export interface FishboneNode {
  id: string;
  text: string;
  children: FishboneNode[];
}

/** A node as the repaired tree has it. */
export interface TreeEntry {
  id: string;
  parentId: string | null;
  /** 0 for a category, 1–3 for causes. */
  level: number;
  /** How many levels the node's subtree goes below it (0 for a leaf). */
  height: number;
  childIds: string[];
}

export interface Tree {
  categories: FishboneNode[];
  entries: Map<string, TreeEntry>;
}

const nodesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');

interface RawNode {
  id: string;
  place: Place;
  text: Y.Text;
}

function isPlace(value: unknown): value is Place {
  if (value === null || typeof value !== 'object') return false;
  const { parent, order, category } = value as Record<string, unknown>;
  return (
    (parent === null || typeof parent === 'string') &&
    typeof order === 'string' &&
    (category === null || typeof category === 'string')
  );
}

/** The nodes of the doc that are well-formed; anything else in the map is ignored. */
function rawNodes(doc: Y.Doc): Map<string, RawNode> {
  const raw = new Map<string, RawNode>();
  for (const [id, node] of nodesOf(doc)) {
    if (!(node instanceof Y.Map)) continue;
    const place = node.get('place');
    const text = node.get('text');
    if (isPlace(place) && text instanceof Y.Text) raw.set(id, { id, place, text });
  }
  return raw;
}

/**
 * Each kept node's parent after repair (null for categories). A cycle is cut at its smallest id,
 * which goes back to the category it last moved under (or becomes a category if that is gone);
 * a node whose chain of parents ends at a deleted node is dropped with it.
 */
function resolveParents(raw: Map<string, RawNode>): Map<string, string | null> {
  const parent = new Map<string, string | null>();
  for (const node of raw.values()) parent.set(node.id, node.place.parent);

  const visiting = 1;
  const done = 2;
  const mark = new Map<string, number>();
  for (const start of [...raw.keys()].sort()) {
    const path: string[] = [];
    let id: string | null | undefined = start;
    while (id != null && raw.has(id) && !mark.has(id)) {
      mark.set(id, visiting);
      path.push(id);
      id = parent.get(id);
    }
    if (id != null && mark.get(id) === visiting) {
      const cycle = path.slice(path.indexOf(id));
      const cut = cycle.reduce((a, b) => (a < b ? a : b));
      const home = raw.get(cut)!.place.category;
      parent.set(cut, home !== null && raw.get(home)?.place.parent === null ? home : null);
    }
    for (const visited of path) mark.set(visited, done);
  }

  const rooted = new Map<string, boolean>();
  const isRooted = (id: string): boolean => {
    const known = rooted.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = up === null ? true : up !== undefined && raw.has(up) && isRooted(up);
    rooted.set(id, result);
    return result;
  };
  const kept = new Map<string, string | null>();
  for (const id of raw.keys()) if (isRooted(id)) kept.set(id, parent.get(id)!);
  return kept;
}

const byOrder = (raw: Map<string, RawNode>) => (a: string, b: string) =>
  compareOrder({ order: raw.get(a)!.place.order, id: a }, { order: raw.get(b)!.place.order, id: b });

/**
 * The tree as everyone sees it: repaired (see `resolveParents`), and with causes that ended up
 * deeper than three levels shown at level three, right after their ancestor there, in order.
 */
export function readTree(doc: Y.Doc): Tree {
  const raw = rawNodes(doc);
  const parents = resolveParents(raw);
  const childrenOf = new Map<string | null, string[]>();
  for (const [id, parent] of parents) {
    const list = childrenOf.get(parent);
    if (list) list.push(id);
    else childrenOf.set(parent, [id]);
  }
  const compare = byOrder(raw);
  for (const list of childrenOf.values()) list.sort(compare);

  const entries = new Map<string, TreeEntry>();
  const descendantsInOrder = (id: string): string[] =>
    (childrenOf.get(id) ?? []).flatMap((child) => [child, ...descendantsInOrder(child)]);
  const build = (id: string, parentId: string | null, level: number): FishboneNode => {
    const childIds =
      level < MAX_DEPTH - 1
        ? (childrenOf.get(id) ?? [])
        : level === MAX_DEPTH - 1
          ? (childrenOf.get(id) ?? []).flatMap((child) => [child, ...descendantsInOrder(child)])
          : [];
    const children = childIds.map((child) => build(child, id, level + 1));
    const height = children.length ? 1 + Math.max(...children.map((c) => entries.get(c.id)!.height)) : 0;
    entries.set(id, { id, parentId, level, height, childIds });
    return { id, text: raw.get(id)!.text.toString(), children };
  };
  const categories = (childrenOf.get(null) ?? []).map((id) => build(id, null, 0));
  return { categories, entries };
}

/** The ids of a parent's children (null: the categories) in order. */
export function childIdsOf(tree: Tree, parentId: string | null): string[] {
  return parentId === null ? tree.categories.map((c) => c.id) : (tree.entries.get(parentId)?.childIds ?? []);
}

/** The category a node belongs to (itself for a category). */
function categoryOf(tree: Tree, id: string): string {
  let entry = tree.entries.get(id)!;
  while (entry.parentId !== null) entry = tree.entries.get(entry.parentId)!;
  return entry.id;
}

function isWithin(tree: Tree, id: string, ancestor: string): boolean {
  for (let at: string | null = id; at !== null; at = tree.entries.get(at)?.parentId ?? null) {
    if (at === ancestor) return true;
  }
  return false;
}

export function newNodeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** A node's place as an entry of its parent's ordered list. */
function orderedEntry(doc: Y.Doc, id: string): OrderedEntry {
  const node = nodesOf(doc).get(id)!;
  const current = node.get('place') as Place;
  return { order: current.order, setOrder: (order) => node.set('place', { ...(node.get('place') as Place), order }) };
}

function place(doc: Y.Doc, tree: Tree, parentId: string | null, siblings: string[], index: number): Place {
  const clamped = Math.max(0, Math.min(index, siblings.length));
  return {
    parent: parentId,
    order: orderKeyAt(siblings.map((id) => orderedEntry(doc, id)), clamped),
    category: parentId === null ? null : categoryOf(tree, parentId),
  };
}

/** Whether a node with a subtree of `height` levels may go under `parentId` (null: as a category). */
function fits(tree: Tree, parentId: string | null, height: number, movingCategory: boolean): boolean {
  if (parentId === null) return movingCategory || tree.categories.length < MAX_CATEGORIES;
  const parent = tree.entries.get(parentId);
  return parent !== undefined && parent.level + 1 + height <= MAX_DEPTH;
}

/**
 * Adds an empty (or given) node under `parentId` (null: a category) at `index` among its
 * children. Returns its id, or null if the place does not exist or would break a limit.
 */
export function addNode(doc: Y.Doc, parentId: string | null, index: number, text = '', id = newNodeId()): string | null {
  const tree = readTree(doc);
  if (!fits(tree, parentId, 0, false)) return null;
  doc.transact(() => {
    const node = new Y.Map<unknown>();
    node.set('place', place(doc, tree, parentId, childIdsOf(tree, parentId), index));
    node.set('text', new Y.Text(text));
    nodesOf(doc).set(id, node);
  });
  return id;
}

/** Lays out categories with the given names, in order (when a board starts). */
export function addCategories(doc: Y.Doc, names: string[]): void {
  doc.transact(() => {
    for (const name of names) addNode(doc, null, AT_END, name);
  });
}

/**
 * Moves a node with its subtree under `parentId` (null: it becomes a category) at `index` among
 * the new siblings, counted without the node itself. Refuses (returns false) a move under itself
 * or its own causes, past three levels, or to a ninth category.
 */
export function moveNode(doc: Y.Doc, id: string, parentId: string | null, index: number): boolean {
  const tree = readTree(doc);
  const entry = tree.entries.get(id);
  if (!entry) return false;
  if (parentId !== null && (!tree.entries.has(parentId) || isWithin(tree, parentId, id))) return false;
  if (!fits(tree, parentId, entry.height, entry.parentId === null)) return false;
  const siblings = childIdsOf(tree, parentId).filter((s) => s !== id);
  doc.transact(() => {
    nodesOf(doc).get(id)!.set('place', place(doc, tree, parentId, siblings, index));
  });
  return true;
}

/** Tab: the node goes under its previous sibling, as its last child. */
export function indentNode(doc: Y.Doc, id: string): boolean {
  const tree = readTree(doc);
  const entry = tree.entries.get(id);
  if (!entry) return false;
  const siblings = childIdsOf(tree, entry.parentId);
  const previous = siblings[siblings.indexOf(id) - 1];
  if (previous === undefined) return false;
  return moveNode(doc, id, previous, tree.entries.get(previous)!.childIds.length);
}

/** Shift+Tab: the node goes right after its parent, among the parent's siblings. */
export function outdentNode(doc: Y.Doc, id: string): boolean {
  const tree = readTree(doc);
  const parentId = tree.entries.get(id)?.parentId;
  if (parentId == null) return false;
  const grandparentId = tree.entries.get(parentId)!.parentId;
  return moveNode(doc, id, grandparentId, childIdsOf(tree, grandparentId).indexOf(parentId) + 1);
}

/**
 * Alt+↑/↓: the node swaps with its neighbour; past the first or last sibling it moves on to the
 * end (or start) of its parent's neighbour, as in an outliner, if that one can take it.
 */
export function shiftNode(doc: Y.Doc, id: string, direction: -1 | 1): boolean {
  const tree = readTree(doc);
  const entry = tree.entries.get(id);
  if (!entry) return false;
  const siblings = childIdsOf(tree, entry.parentId);
  const index = siblings.indexOf(id);
  const target = index + direction;
  if (target >= 0 && target < siblings.length) return moveNode(doc, id, entry.parentId, target);
  if (entry.parentId === null) return false;
  const parentSiblings = childIdsOf(tree, tree.entries.get(entry.parentId)!.parentId);
  const neighbour = parentSiblings[parentSiblings.indexOf(entry.parentId) + direction];
  if (neighbour === undefined) return false;
  return moveNode(doc, id, neighbour, direction === 1 ? 0 : tree.entries.get(neighbour)!.childIds.length);
}

/** Removes a node with everything under it (also what only the raw doc still puts under it). */
export function removeNode(doc: Y.Doc, id: string): boolean {
  const nodes = nodesOf(doc);
  if (!nodes.has(id)) return false;
  const raw = rawNodes(doc);
  const doomed = new Set([id]);
  const tree = readTree(doc);
  for (const other of tree.entries.keys()) if (isWithin(tree, other, id)) doomed.add(other);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of raw.values()) {
      if (!doomed.has(node.id) && node.place.parent !== null && doomed.has(node.place.parent)) {
        doomed.add(node.id);
        grew = true;
      }
    }
  }
  doc.transact(() => {
    for (const doomedId of doomed) nodes.delete(doomedId);
  });
  return true;
}

/** The editable text of a node (bind it to an input with `applyTextEdit`). */
export function nodeText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = nodesOf(doc).get(id)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}
