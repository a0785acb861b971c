import { cs } from './cs.ts';
import { en } from './en.ts';
import { formatMessages, type Locale, type Translate } from './format.ts';

export * from './format.ts';

const translators: Record<Locale, Translate> = { cs: formatMessages('cs', cs), en: formatMessages('en', en) };

/** A function that formats messages of one locale. */
export function translator(locale: Locale): Translate {
  return translators[locale];
}
