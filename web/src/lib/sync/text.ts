import type * as Y from 'yjs';

/**
 * Applies a textarea's new value to a Y.Text as one minimal replace (common prefix and suffix
 * kept), so that concurrent edits elsewhere in the text survive.
 */
export function applyTextEdit(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  text.doc!.transact(() => {
    text.delete(start, current.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  });
}
