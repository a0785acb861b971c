import type { ComposedBlock, ComposedMinutes, FieldsBlock } from './compose.ts';
import type { InlineRun, MinutesListItem } from './section.ts';

/** Typed text stays text: Markdown's own characters are escaped. */
export const escapeInline = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
/** At the start of a line, "19. 1." would also begin a numbered list. */
const escapeStart = (markdown: string) => markdown.replace(/^(\d+)\. /, '$1\\. ');
export const escape = (text: string) => escapeStart(escapeInline(text));

/** Bold as `**…**` (its spaces kept outside, where Markdown needs them), links as `[text](url)`. */
function run({ text, bold, href }: InlineRun): string {
  const [, before, core, after] = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  if (!core) return text;
  const strong = bold ? `**${escapeInline(core)}**` : escapeInline(core);
  const linked = href ? `[${strong}](${href.replace(/[()\s]/g, encodeURIComponent)})` : strong;
  return `${before}${linked}${after}`;
}

/** Typed text with its formatting, when it has any. */
const rich = (item: { text: string; runs?: InlineRun[] }) => (item.runs ? escapeStart(item.runs.map(run).join('')) : escape(item.text));

const fields = (block: FieldsBlock) => block.fields.map((f) => `**${escapeInline(f.label)}:** ${escapeInline(f.value)}`).join('  \n');

function list(items: (string | MinutesListItem)[], ordered: boolean, indent = ''): string {
  return items
    .map((raw, index) => {
      const item = typeof raw === 'string' ? { text: raw } : raw;
      const marker = ordered ? `${index + 1}. ` : '- ';
      const line = `${indent}${marker}${rich(item)}${item.mark === 'priority' ? ' ⚫' : ''}`;
      const children = item.children?.length ? `\n${list(item.children, false, indent + ' '.repeat(marker.length))}` : '';
      return line + children;
    })
    .join('\n');
}

function block(b: ComposedBlock): string {
  switch (b.type) {
    case 'paragraph':
      return rich(b);
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeInline(b.text)}`;
    case 'fields':
      return fields(b);
    case 'list':
      return `${b.label ? `**${escapeInline(b.label)}**\n\n` : ''}${list(b.items, b.ordered ?? false)}`;
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(escapeInline).join(' | ')} |`;
      const rule = b.header.map((_, column) => (b.numeric?.includes(column) ? '---:' : '---'));
      return [row(b.header), `| ${rule.join(' | ')} |`, ...b.rows.map(row)].join('\n');
    }
  }
}

/** The minutes as Markdown: headings, the numbered agenda, lists, pipe tables. */
export function minutesToMarkdown(minutes: ComposedMinutes): string {
  const chunks = [`# ${escapeInline(minutes.title)}`];
  if (minutes.facts.fields.length) chunks.push(fields(minutes.facts));
  for (const part of minutes.parts) chunks.push(`## ${escapeInline(part.heading)}`, ...part.blocks.map(block));
  if (minutes.signature) chunks.push(escape(minutes.signature));
  return `${chunks.join('\n\n')}\n`;
}
