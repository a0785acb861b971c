import * as Y from 'yjs';
import { translator, type Locale } from '../i18n/index.ts';
import { formatWhen } from '../minutes/compose.ts';
import type { MinutesSection } from '../minutes/section.ts';
import type { AnyBoardKind, TableDocs } from './kind.ts';

export const continueModes = ['reset', 'reference'] as const;
/** `reset`: the old votes are gone from the new board; `reference`: they are shown beside the new ones. */
export type ContinueMode = (typeof continueModes)[number];

/** The past board a board continues, as its doc remembers it (the old one may be deleted since). */
export interface ContinuedFrom {
  boardId: string;
  title: string;
  meetingTitle: string;
  /** When the old meeting took place (the meeting's `startsAt`). */
  startsAt: string;
  mode: ContinueMode;
}

export interface Continuation<Reference = unknown> extends ContinuedFrom {
  /** The old results (the kind's `continuation.reference`), only when kept as a reference. */
  reference: Reference | null;
}

const continuationOf = (doc: Y.Doc) => doc.getMap<unknown>('continuedFrom');

/**
 * Lays out `target` (an empty doc of a new board) as a continuation of `source`: the same content,
 * with parts keeping their ids, and no results of its own. Its phones start from zero: the server
 * records the new board's intents apart, and the emptied projection holds none of the old counts.
 * A board that continues a continued one references its own source's results, not older ones.
 */
export function continueBoard(
  kind: AnyBoardKind,
  source: { doc: Y.Doc; tables?: TableDocs },
  target: { doc: Y.Doc; tables?: TableDocs; settings: unknown },
  origin: ContinuedFrom,
): void {
  const reference: unknown = origin.mode === 'reference' ? kind.continuation.reference(kind.view(source.doc, source.tables)) : null;
  const doc = target.doc;
  // Apart from the changes below: Yjs takes a transaction that applies an update as a remote one,
  // and local writes in it would make the doc give up its client id.
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source.doc));
  doc.transact(() => {
    kind.project(doc, kind.aggregate([], kind.rules(doc, target.settings)), target.tables);
    kind.continuation.clear(doc);
    const map = continuationOf(doc);
    map.clear();
    for (const [key, value] of Object.entries(origin)) map.set(key, value);
    map.set('reference', reference);
  });
}

/** What the board continues, or null for a board of its own. */
export function readContinuation<Reference = unknown>(doc: Y.Doc): Continuation<Reference> | null {
  const map = continuationOf(doc);
  const boardId = map.get('boardId');
  if (typeof boardId !== 'string') return null;
  const text = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  return {
    boardId,
    title: text('title'),
    meetingTitle: text('meetingTitle'),
    startsAt: text('startsAt'),
    mode: map.get('mode') === 'reference' ? 'reference' : 'reset',
    reference: (map.get('reference') as Reference | undefined) ?? null,
  };
}

/** „Navazuje na „Priority 2025“ ze dne 3. 3. 2026.“: for the console, the projector and the minutes. */
export function continuationLine(continuation: ContinuedFrom, locale: Locale): string {
  return translator(locale)(continuation.mode === 'reference' ? 'continue.lineWithReference' : 'continue.line', {
    title: continuation.title || continuation.meetingTitle,
    date: formatWhen(continuation.startsAt.slice(0, 10), locale),
  });
}

/** A board's section of the minutes opening with what the board continues, as the groups' minutes do („Navazuje na …“). */
export function withContinuation(section: MinutesSection, continuation: ContinuedFrom | null, locale: Locale): MinutesSection {
  if (!continuation) return section;
  return { ...section, blocks: [{ type: 'paragraph', text: continuationLine(continuation, locale) }, ...section.blocks] };
}

/** The board's section of the minutes, with what it continues. */
export const boardMinutes = (kind: AnyBoardKind, doc: Y.Doc, tables: TableDocs | undefined, locale: Locale): MinutesSection =>
  withContinuation(kind.toMinutes(kind.view(doc, tables), locale), readContinuation(doc), locale);
