import type * as Y from 'yjs';
import { MAX_DEPTH, readTree, type FishboneNode } from './tree.ts';

/** Test support: the tree as an indented outline, one node per line. */
export function outline(doc: Y.Doc): string {
  const lines = (nodes: FishboneNode[], depth: number): string[] =>
    nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.text}`, ...lines(n.children, depth + 1)]);
  return lines(readTree(doc).categories, 0).join('\n');
}

/** Test support: what is wrong with a tree as shown (repeated nodes, causes too deep); empty if nothing. */
export function treeProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (nodes: FishboneNode[], level: number) => {
    for (const node of nodes) {
      if (seen.has(node.id)) problems.push(`${node.id} shown twice`);
      seen.add(node.id);
      if (level > MAX_DEPTH) problems.push(`${node.id} at level ${level}`);
      walk(node.children, level + 1);
    }
  };
  walk(readTree(doc).categories, 0);
  return problems;
}

/** Test support: how many nodes the tree shows elsewhere than the doc puts them, and how many it leaves out. */
export function repairs(doc: Y.Doc): { moved: number; dropped: number } {
  const tree = readTree(doc);
  const counts = { moved: 0, dropped: 0 };
  for (const [id, node] of doc.getMap<Y.Map<unknown>>('nodes')) {
    const entry = tree.entries.get(id);
    if (!entry) counts.dropped++;
    else if (entry.parentId !== (node.get('place') as { parent: string | null }).parent) counts.moved++;
  }
  return counts;
}
