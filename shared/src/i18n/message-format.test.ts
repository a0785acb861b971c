import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { cs } from './cs.ts';
import { en } from './en.ts';
import { messageFormatter, parseMessage, type MessagePart, type MessageValues } from './message-format.ts';

/** What a message does with each argument: the branches of its selects, whether it counts. */
interface ArgumentUse {
  plural: boolean;
  selectors: Set<string>;
}

function argumentUses(parts: MessagePart[], uses = new Map<string, ArgumentUse>()): Map<string, ArgumentUse> {
  for (const part of parts) {
    if (typeof part !== 'object') continue;
    const use = uses.get(part.argument) ?? { plural: false, selectors: new Set<string>() };
    uses.set(part.argument, use);
    if (!('branches' in part)) continue;
    use.plural ||= part.plural;
    for (const [selector, branch] of Object.entries(part.branches)) {
      if (!part.plural) use.selectors.add(selector);
      argumentUses(branch, uses);
    }
  }
  return uses;
}

/** Counts that reach every Czech and English category and `=0`, and a number with a thousands separator. */
const SAMPLE_COUNTS = [0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 101, 1000, 12345, 1.5];

/** Every combination of sample values of the message's arguments: each count, each select branch and one no branch names. */
function sampleValues(message: string): MessageValues[] {
  let combinations: MessageValues[] = [{}];
  for (const [name, use] of argumentUses(parseMessage(message))) {
    const samples: (string | number)[] = use.plural ? SAMPLE_COUNTS : use.selectors.size > 0 ? [...use.selectors, 'jiné'] : ['Zahrada „U Lípy“'];
    combinations = combinations.flatMap((values) => samples.map((sample) => ({ ...values, [name]: sample })));
  }
  return combinations;
}

const reference = (message: string, locale: string, values: MessageValues) => String(new IntlMessageFormat(message, locale).format(values));
const formatted = (message: string, locale: string, values: MessageValues) => messageFormatter(locale)(parseMessage(message), values);

describe('message format', () => {
  it('formats every message of both catalogues as intl-messageformat does, with every branch of every argument', () => {
    let compared = 0;
    for (const [locale, catalog] of Object.entries({ cs, en })) {
      const format = messageFormatter(locale);
      for (const [key, message] of Object.entries(catalog)) {
        const parts = parseMessage(message);
        for (const values of sampleValues(message)) {
          expect(format(parts, values), `${locale} ${key} ${JSON.stringify(values)}`).toBe(reference(message, locale, values));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2 * Object.keys(cs).length);
  });

  it('quotes with apostrophes as ICU does', () => {
    const messages = [
      "Hand a new account's password over",
      "Braces '{name}' stay, '' is one apostrophe",
      "'{'{name}'}'",
      "{count, plural, one {# '#' and it''s '{one}'} other {# items}}",
      "{count, plural, other {{kind, select, a {# in a select is text} other {#}}}}",
      'Nested {count, plural, =0 {none} one {one {who}} other {{who} and # more}}',
    ];
    for (const message of messages) {
      for (const locale of ['cs', 'en']) {
        for (const values of [{ name: 'N', count: 1, kind: 'a', who: 'Eva' }, { name: 'N', count: 0, kind: 'b', who: 'Eva' }, { name: 'N', count: 7, kind: 'a', who: 'Eva' }]) {
          expect(formatted(message, locale, values), message).toBe(reference(message, locale, values));
        }
      }
    }
  });

  it('Czech counts: one, few, many (a fraction) and other, numbers as Czech writes them', () => {
    const message = '{count, plural, one {# tečka} few {# tečky} many {# tečky} other {# teček}}';
    expect([1, 3, 1.5, 5, 1000].map((count) => formatted(message, 'cs', { count }))).toEqual(['1 tečka', '3 tečky', '1,5 tečky', '5 teček', '1\u00a0000 teček']);
  });

  it('refuses syntax it would not format as ICU does, and broken messages', () => {
    for (const message of ['{n, number}', '{d, date, short}', 'a <b>bold</b> word', '{n, plural, offset:1 other {#}}', '{n, plural, one {#}}', '{name', 'a } b', '{n, select, a {x}']) {
      expect(() => parseMessage(message), message).toThrow(SyntaxError);
    }
  });

  it('a missing value is an error, as with intl-messageformat', () => {
    expect(() => formatted('Chyba: {message}', 'cs', {})).toThrow(/message/);
  });
});
