import type * as Y from 'yjs';

/** Counts the updates a function causes (tests of board kinds: a projection that changes nothing writes nothing). */
export function updatesDuring(doc: Y.Doc, work: () => void): number {
  let n = 0;
  const count = () => n++;
  doc.on('update', count);
  work();
  doc.off('update', count);
  return n;
}
