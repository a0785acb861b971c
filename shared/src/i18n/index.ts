import { IntlMessageFormat } from 'intl-messageformat';
import { cs } from './cs.ts';
import { en } from './en.ts';

export type MessageKey = keyof typeof cs;
export type Messages = Record<MessageKey, string>;
export const locales = ['cs', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'cs';

const catalogs: Record<Locale, Messages> = { cs, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const cache = new Map<string, IntlMessageFormat>();

/** A function that formats messages of one locale (ICU plurals: 1 lísteček, 2 lístečky, 5 lístečků). */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    const id = `${locale}\u0000${key}`;
    let format = cache.get(id);
    if (!format) {
      format = new IntlMessageFormat(catalogs[locale][key], locale);
      cache.set(id, format);
    }
    return String(format.format(values));
  };
}
