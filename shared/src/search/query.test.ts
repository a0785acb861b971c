import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, MAX_QUERY_TERMS, ftsQuery, indexableText, snippetSegments } from './query.ts';

describe('ftsQuery', () => {
  it('quotes each word, folded, as a prefix; all words required', () => {
    expect(ftsQuery('Dvořák')).toBe('"dvorak"*');
    expect(ftsQuery('  Petr   DVOŘÁK ')).toBe('"petr"* AND "dvorak"*');
  });

  it('adds the Czech stem of a word the stemmer shortens, so that other forms match', () => {
    expect(ftsQuery('seniory')).toBe('("seniory"* OR "senior"*)');
    expect(ftsQuery('senioři')).toBe('("seniori"* OR "senior"*)');
    expect(ftsQuery('seniorů')).toBe('("senioru"* OR "senior"*)');
    // A stem this short would match far too much ("rod" → rodiče, rodný).
    expect(ftsQuery('rodiny')).toBe('"rodiny"*');
  });

  it('keeps nothing of FTS5 syntax: operators, quotes, stars, brackets and column filters become words or vanish', () => {
    expect(ftsQuery('"unbalanced')).toBe('"unbalanced"*');
    expect(ftsQuery('NEAR(a b')).toBe('"near"* AND "a"* AND "b"*');
    expect(ftsQuery('ab:x OR y*')).toBe('"ab"* AND "x"* AND "or"* AND "y"*');
    expect(ftsQuery('-x ^y {a b}: c')).toBe('"x"* AND "y"* AND "a"* AND "b"* AND "c"*');
    expect(ftsQuery('*** "" ()')).toBeNull();
  });

  it('takes each word once and at most a dozen words', () => {
    expect(ftsQuery('park Park PARK')).toBe('"park"*');
    const many = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(ftsQuery(many)!.split(' AND ')).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe('snippetSegments', () => {
  it('splits a snippet at its marks into plain text segments', () => {
    expect(snippetSegments(`…pro ${MATCH_START}seniory${MATCH_END} o ${MATCH_START}víkendech${MATCH_END}`)).toEqual([
      { text: '…pro ', match: false },
      { text: 'seniory', match: true },
      { text: ' o ', match: false },
      { text: 'víkendech', match: true },
    ]);
    expect(snippetSegments('<b>no match</b>')).toEqual([{ text: '<b>no match</b>', match: false }]);
  });

  it('cannot be fooled by marks in the text: the index never holds them', () => {
    expect(indexableText(`a${MATCH_START}b${MATCH_END}c`)).toBe('abc');
  });
});
