import { IntlMessageFormat } from 'intl-messageformat';
import type { cs } from './cs.ts';

// Apart from the catalogues, so that a browser can load only the language it shows.

export type MessageKey = keyof typeof cs;
export type Messages = Record<MessageKey, string>;
export const locales = ['cs', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'cs';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A function that formats the messages of one catalogue (ICU plurals: 1 lísteček, 2 lístečky, 5 lístečků). */
export function formatMessages(locale: Locale, catalog: Messages): Translate {
  const formats = new Map<MessageKey, IntlMessageFormat>();
  return (key, values) => {
    let format = formats.get(key);
    if (!format) {
      format = new IntlMessageFormat(catalog[key], locale);
      formats.set(key, format);
    }
    return String(format.format(values));
  };
}
