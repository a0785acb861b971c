// The stemmer ships without types; the declaration travels with the polls' word folding.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../boards/polls/stemmer-cs.d.ts" />
import StemmerCs from '@nlpjs/lang-cs/src/stemmer-cs.js';

/** What the index's snippet() puts around a match: private-use characters, stripped from every indexed text. */
export const MATCH_START = '\u{E000}';
export const MATCH_END = '\u{E001}';
const markers = /[\u{E000}\u{E001}]/gu;

/** A text for the index: the snippet markers cannot occur in it. */
export const indexableText = (text: string) => text.replace(markers, '');

/** More words than this in one query are ignored: each one costs a lookup in the index. */
export const MAX_QUERY_TERMS = 12;
/** A stem shorter than this matches too much as a prefix ("rodiny" → "rod"). */
const MIN_STEM_LENGTH = 4;

let stemmer: StemmerCs | undefined;

const folded = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * A user's query as an FTS5 expression that cannot be a syntax error: only the words are taken
 * (letters and digits, as the index's tokenizer splits them), each quoted, all required, each
 * matched as a prefix ("senio" finds "senioři"). A word the Czech stemmer shortens is also matched
 * by its stem ("seniory" finds "senioři" and "seniorů"); documents with the very form typed rank higher.
 * Null when the query holds no word.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').toLocaleLowerCase('cs').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return null;
  stemmer ??= new StemmerCs();
  const terms = [...new Set(words)].slice(0, MAX_QUERY_TERMS).map((word) => {
    const form = folded(word);
    const stem = folded(stemmer!.stemWord(word));
    const byStem = stem.length >= MIN_STEM_LENGTH && stem !== form && form.startsWith(stem);
    return byStem ? `("${form}"* OR "${stem}"*)` : `"${form}"*`;
  });
  return terms.join(' AND ');
}

export interface SnippetSegment {
  text: string;
  match: boolean;
}

/** A snippet with marked matches as segments of plain text, for rendering as text (never as HTML). */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  for (const part of snippet.split(new RegExp(`([${MATCH_START}${MATCH_END}])`, 'u'))) {
    if (part === MATCH_START || part === MATCH_END) match = part === MATCH_START;
    else if (part) segments.push({ text: part, match });
  }
  return segments;
}
