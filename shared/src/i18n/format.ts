import type { cs } from './cs.ts';
import type { phoneCs } from './phone.cs.ts';
import { messageFormatter, parseMessage, type MessagePart } from './message-format.ts';

// Apart from the catalogues, so that a browser can load only the language it shows.

export type MessageKey = keyof typeof cs;
export type Messages = Record<MessageKey, string>;
/** The messages of the join page and a participant's phone, loaded alone there. */
export type PhoneMessages = Record<keyof typeof phoneCs, string>;
export const locales = ['cs', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'cs';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * A function that formats the messages of one catalogue (ICU plurals: 1 lísteček, 2 lístečky, 5 lístečků).
 * Given only the phone's part, a key outside it comes out as the key itself.
 */
export function formatMessages(locale: Locale, catalog: Partial<Messages>): Translate {
  const format = messageFormatter(locale);
  const parsed = new Map<MessageKey, MessagePart[]>();
  return (key, values) => {
    let parts = parsed.get(key);
    if (!parts) {
      const message = catalog[key];
      if (message === undefined) return key;
      parts = parseMessage(message);
      parsed.set(key, parts);
    }
    return format(parts, values);
  };
}
