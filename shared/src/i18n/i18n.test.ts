import { describe, expect, it } from 'vitest';
import { intentErrorCodes } from '../protocol/errors.ts';
import { cs } from './cs.ts';
import { en } from './en.ts';
import { defaultLocale, isLocale, locales, translator, type MessageKey } from './index.ts';
import { parseMessage, type MessagePart } from './message-format.ts';
import { phoneCs } from './phone.cs.ts';
import { phoneEn } from './phone.en.ts';

const catalogs = { cs, en } as Record<string, Record<string, string>>;

/** The names of a message's arguments (`{count, plural, …}`, `{url}`), not the text of its branches. */
const argumentsOf = (message: string) => {
  const names = new Set<string>();
  const visit = (parts: MessagePart[]) => {
    for (const part of parts) {
      if (typeof part !== 'object') continue;
      names.add(part.argument);
      if ('branches' in part) Object.values(part.branches).forEach(visit);
    }
  };
  visit(parseMessage(message));
  return [...names].sort();
};

describe('i18n', () => {
  it('Czech is the default, and both locales are known', () => {
    expect(defaultLocale).toBe('cs');
    expect([...locales].sort()).toEqual(['cs', 'en']);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  it('en and cs have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(cs).sort());
  });

  it("the phone's part has the same keys in both languages, each message as in the whole catalogue", () => {
    expect(Object.keys(phoneEn).sort()).toEqual(Object.keys(phoneCs).sort());
    expect(cs).toMatchObject(phoneCs);
    expect(en).toMatchObject(phoneEn);
  });

  it('each message takes the same arguments in both languages', () => {
    for (const key of Object.keys(cs)) {
      expect(argumentsOf(en[key as MessageKey]), key).toEqual(argumentsOf(cs[key as MessageKey]));
    }
  });

  it('every message formats in every locale', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const key of Object.keys(catalogs[locale]!) as MessageKey[]) {
        const values = Object.fromEntries(argumentsOf(cs[key]).map((name) => [name, name === 'count' ? 2 : 'x']));
        const text = t(key, values);
        expect(text.length, `${locale} ${key}`).toBeGreaterThan(0);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('Czech plurals: 1 lísteček, 2 lístečky, 5 lístečků', () => {
    const t = translator('cs');
    expect(t('board.notes.count', { count: 1 })).toBe('1 lísteček');
    expect(t('board.notes.count', { count: 2 })).toBe('2 lístečky');
    expect(t('board.notes.count', { count: 4 })).toBe('4 lístečky');
    expect(t('board.notes.count', { count: 5 })).toBe('5 lístečků');
    expect(t('board.notes.count', { count: 0 })).toBe('0 lístečků');
    expect(t('board.notes.count', { count: 22 })).toBe('22 lístečků');
    expect(t('board.notes.remaining', { count: 1 })).toBe('Můžete poslat ještě 1 lísteček.');
    expect(t('board.notes.remaining', { count: 3 })).toBe('Můžete poslat ještě 3 lístečky.');
    expect(t('board.notes.remaining', { count: 5 })).toBe('Můžete poslat ještě 5 lístečků.');
    expect(t('console.participants', { count: 1 })).toBe('1 účastník připojen');
    expect(t('console.participants', { count: 2 })).toBe('2 účastníci připojeni');
    expect(t('console.participants', { count: 5 })).toBe('5 účastníků připojeno');
    expect(t('meeting.boards', { count: 2 })).toBe('2 aktivity');
  });

  it('English plurals: 1 note, 2 notes', () => {
    const t = translator('en');
    expect(t('board.notes.count', { count: 1 })).toBe('1 note');
    expect(t('board.notes.count', { count: 2 })).toBe('2 notes');
    expect(t('board.notes.remaining', { count: 1 })).toBe('You can send 1 more note.');
    expect(t('console.participants', { count: 5 })).toBe('5 participants joined');
  });

  it('fills in arguments', () => {
    expect(translator('cs')('screen.join', { url: 'http://192.168.1.5:3000' })).toBe('Připojte se na http://192.168.1.5:3000');
    expect(translator('en')('common.error', { message: 'boom' })).toBe('Error: boom');
  });

  it('every intent error code has a message in both languages', () => {
    for (const code of intentErrorCodes) {
      expect(cs, code).toHaveProperty(`intent.${code}`);
      expect(en, code).toHaveProperty(`intent.${code}`);
    }
  });
});
