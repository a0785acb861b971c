import type * as Y from 'yjs';
import { readContinuation, type Continuation } from '@dilna/shared/boards/continue';
import { YView } from '$lib/sync/yroom.svelte.ts';

/** What a board continues (and the old results kept as its reference), live from its doc; null for a board of its own. */
export function continuationView<Reference>(doc: Y.Doc): YView<Continuation<Reference> | null> {
  return new YView(doc, (d) => readContinuation<Reference>(d));
}
