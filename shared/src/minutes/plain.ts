import type { ComposedBlock, ComposedMinutes } from './compose.ts';
import type { MinutesBlock, MinutesListItem } from './section.ts';

/**
 * The minutes as plain lines of text, for the full-text index: every text a renderer would show,
 * without any markup, one line per paragraph, list entry, table row or labelled field.
 */
export function minutesToPlainText(minutes: ComposedMinutes): string {
  return [minutes.title, ...blocksToPlainText([minutes.facts]), ...minutes.parts.flatMap((part) => [part.heading, ...blocksToPlainText(part.blocks)]), minutes.signature]
    .filter(Boolean)
    .join('\n');
}

/** The lines of text of blocks (a board's minutes section, or the parts of composed minutes). */
export function blocksToPlainText(blocks: (ComposedBlock | MinutesBlock)[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return [block.text];
      case 'fields':
        return block.fields.map((f) => `${f.label}: ${f.value}`);
      case 'list':
        return [...(block.label ? [block.label] : []), ...listLines(block.items)];
      case 'table':
        return [block.header, ...block.rows].map((cells) => cells.join(' | '));
    }
  });
}

const listLines = (items: (string | MinutesListItem)[]): string[] =>
  items.flatMap((item) => (typeof item === 'string' ? [item] : [item.text, ...listLines(item.children ?? [])]));
