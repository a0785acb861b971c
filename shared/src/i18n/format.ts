import type { cs } from './cs.ts';
import { messageFormatter, parseMessage, type MessagePart } from './message-format.ts';

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
  const format = messageFormatter(locale);
  const parsed = new Map<MessageKey, MessagePart[]>();
  return (key, values) => {
    let parts = parsed.get(key);
    if (!parts) {
      parts = parseMessage(catalog[key]);
      parsed.set(key, parts);
    }
    return format(parts, values);
  };
}
