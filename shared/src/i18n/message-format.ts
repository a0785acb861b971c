/**
 * The part of ICU MessageFormat the catalogues use, in a few hundred bytes instead of
 * intl-messageformat's runtime and parser (a phone downloads this): text, `{name}`, `{n, plural, …}`
 * with `=N` and the locale's plural categories (Intl.PluralRules), `#` inside a plural (the number,
 * formatted for the locale), `{v, select, …}`, and ICU's apostrophe quoting. Anything else in a
 * message (number, date, tags, offset) is refused when the message is parsed, so that no catalogue
 * can rely on syntax this formatter would print wrongly.
 */

/** A parsed message: text, `#`, an argument, or a plural or select with its branches. */
export type MessagePart = string | typeof POUND | { argument: string } | Choice;
interface Choice {
  argument: string;
  plural: boolean;
  branches: Record<string, MessagePart[]>;
}
const POUND = 0;
/** Characters that an apostrophe quotes (and `#` inside a plural); before anything else it is itself. */
const QUOTABLE = new Set(['{', '}', '<', '>']);

export function parseMessage(message: string): MessagePart[] {
  let at = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at ${at} in the message "${message}"`);
  };
  const skipSpace = () => {
    while (/\s/.test(message[at] ?? '')) at++;
  };
  const word = () => {
    const start = at;
    while (at < message.length && !/[\s,{}]/.test(message[at]!)) at++;
    return at > start ? message.slice(start, at) : fail('a name expected');
  };
  const expect = (char: string) => {
    skipSpace();
    if (message[at] !== char) fail(`"${char}" expected`);
    at++;
  };

  /** Text up to the `}` closing a branch (or the end), with its arguments. */
  const parts = (inPlural: boolean, inBranch: boolean): MessagePart[] => {
    const out: MessagePart[] = [];
    let text = '';
    const flushText = () => {
      if (text) out.push(text);
      text = '';
    };
    while (at < message.length) {
      const char = message[at]!;
      if (char === '}') {
        if (inBranch) break;
        fail('"}" without "{"');
      }
      if (char === '{') {
        flushText();
        out.push(argument());
      } else if (char === '#' && inPlural) {
        flushText();
        out.push(POUND);
        at++;
      } else if (char === "'" && message[at + 1] === "'") {
        text += "'";
        at += 2;
      } else if (char === "'" && (QUOTABLE.has(message[at + 1]!) || (inPlural && message[at + 1] === '#'))) {
        text += message[at + 1];
        at += 2;
        while (at < message.length) {
          if (message[at] === "'" && message[at + 1] === "'") {
            text += "'";
            at += 2;
          } else if (message[at] === "'") {
            at++;
            break;
          } else text += message[at++];
        }
      } else if (char === '<' && /[a-z/]/i.test(message[at + 1] ?? '')) {
        fail('tags are not supported');
      } else {
        text += char;
        at++;
      }
    }
    flushText();
    return out;
  };

  const argument = (): MessagePart => {
    at++;
    skipSpace();
    const name = word();
    skipSpace();
    if (message[at] === '}') {
      at++;
      return { argument: name };
    }
    expect(',');
    skipSpace();
    const type = word();
    if (type !== 'plural' && type !== 'select') fail(`"${type}" is not supported (plural and select are)`);
    expect(',');
    const branches: Record<string, MessagePart[]> = {};
    for (skipSpace(); message[at] !== '}'; skipSpace()) {
      if (at >= message.length) fail('"}" expected');
      const selector = word();
      expect('{');
      branches[selector] = parts(type === 'plural', true);
      expect('}');
    }
    at++;
    if (!branches.other) fail('an "other" branch is required');
    return { argument: name, plural: type === 'plural', branches };
  };

  return parts(false, false);
}

export type MessageValues = Record<string, string | number>;

/** Formats parsed messages in one locale. */
export function messageFormatter(locale: string) {
  const pluralRules = new Intl.PluralRules(locale);
  const numberFormat = new Intl.NumberFormat(locale);
  const format = (parts: MessagePart[], values: MessageValues | undefined, count?: number): string => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else if (part === POUND) out += count === undefined ? '' : numberFormat.format(count);
      else {
        if (!values || !(part.argument in values)) throw new Error(`the message needs a value for "${part.argument}"`);
        const value = values[part.argument]!;
        if (!('branches' in part)) out += String(value);
        else if (!part.plural) out += format(part.branches[value] ?? part.branches.other!, values);
        else {
          const branch = part.branches[`=${value}`] ?? part.branches[pluralRules.select(Number(value))] ?? part.branches.other!;
          out += format(branch, values, Number(value));
        }
      }
    }
    return out;
  };
  return format;
}
