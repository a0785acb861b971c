// The stemmer ships without types; the declaration travels with this file to every program that imports it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./stemmer-cs.d.ts" />
import StemmerCs from '@nlpjs/lang-cs/src/stemmer-cs.js';

let stemmer: StemmerCs | undefined;

const stripDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * How a word is written, with case and spacing folded but letters kept:
 * "Prevence " and "prevence" are one form, "prevenci" another.
 */
export function wordForm(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('cs')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
}

/**
 * The key that groups forms of one word: each word is stemmed by the Snowball Czech stemmer, then
 * diacritics are dropped and a final c/č → k, z/ž → h, ř → r is folded back, because Czech softens the
 * stem's last consonant in some cases (senioři / seniorů, dobrovolníci / dobrovolníků) where the stemmer
 * keeps it. "Prevence", "prevenci" and "PREVENCE" share a key.
 */
export function wordKey(form: string): string {
  let key = keys.get(form);
  if (key === undefined) {
    // The aggregate is folded again on every projection: each distinct form is stemmed once.
    if (keys.size >= KEY_CACHE_SIZE) keys.clear();
    key = stemForm(form);
    keys.set(form, key);
  }
  return key;
}

const KEY_CACHE_SIZE = 20_000;
const keys = new Map<string, string>();

function stemForm(form: string): string {
  stemmer ??= new StemmerCs();
  const stemmed = form
    .split(' ')
    .filter(Boolean)
    .map((word) => stripDiacritics(stemmer!.stemWord(word)).replace(/[cč]$/, 'k').replace(/z$/, 'h'));
  return stemmed.join(' ') || stripDiacritics(form);
}
