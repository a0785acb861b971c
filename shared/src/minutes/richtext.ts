import * as Y from 'yjs';
import type { InlineRun, MinutesBlock, MinutesListItem, RichBlock } from './section.ts';

/**
 * Rich text of the minutes as the web editor (Tiptap's StarterKit over y-prosemirror) keeps it in a
 * Y.XmlFragment: elements named after ProseMirror nodes (paragraph, heading, bulletList, …) holding
 * Y.XmlText whose formatting attributes are the marks (bold, link). Read here without a DOM, on the
 * server for the exports; written here when a board's results are frozen into the minutes.
 */

type TableBlock = Extract<MinutesBlock, { type: 'table' }>;
/** What can be written into rich text: a table becomes a bold header line and a list of its rows. */
export type WritableBlock = RichBlock | TableBlock;

const SAFE_LINK = /^(https?:|mailto:)/i;

function runsOf(element: Y.XmlElement | Y.XmlFragment): InlineRun[] {
  const runs: InlineRun[] = [];
  const push = (run: InlineRun) => {
    const last = runs.at(-1);
    if (last && last.bold === run.bold && last.href === run.href) last.text += run.text;
    else runs.push(run);
  };
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: { bold?: unknown; link?: { href?: unknown } } }[]) {
        if (typeof op.insert !== 'string') continue;
        const href = op.attributes?.link?.href;
        push({
          text: op.insert,
          ...(op.attributes?.bold ? { bold: true } : {}),
          ...(typeof href === 'string' && SAFE_LINK.test(href) ? { href } : {}),
        });
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      push({ text: ' ' });
    }
  }
  return runs;
}

/** Plain text plus the runs, the runs only when some of the text is formatted. */
function inline(runs: InlineRun[]): { text: string; runs?: InlineRun[] } {
  const text = runs.map((r) => r.text).join('');
  return runs.some((r) => r.bold || r.href) ? { text, runs } : { text };
}

const elements = (parent: Y.XmlElement | Y.XmlFragment) => parent.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);

function listItems(list: Y.XmlElement): MinutesListItem[] {
  return elements(list).map((item) => {
    const runs: InlineRun[] = [];
    const children: MinutesListItem[] = [];
    for (const part of elements(item)) {
      if (part.nodeName === 'bulletList' || part.nodeName === 'orderedList') children.push(...listItems(part));
      else {
        if (runs.length) runs.push({ text: ' ' });
        runs.push(...runsOf(part));
      }
    }
    return { ...inline(runs), ...(children.length ? { children } : {}) };
  });
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment): RichBlock[] {
  return elements(parent).flatMap((element): RichBlock[] => {
    switch (element.nodeName) {
      case 'heading': {
        const text = runsOf(element)
          .map((r) => r.text)
          .join('')
          .trim();
        return text ? [{ type: 'heading', text, level: Number(element.getAttribute('level')) >= 4 ? 4 : 3 }] : [];
      }
      case 'bulletList':
      case 'orderedList': {
        const items = listItems(element);
        return items.length ? [{ type: 'list', items, ...(element.nodeName === 'orderedList' ? { ordered: true } : {}) }] : [];
      }
      case 'blockquote':
        return blocksOf(element);
      case 'horizontalRule':
        return [];
      default: {
        const paragraph = inline(runsOf(element));
        return paragraph.text.trim() ? [{ type: 'paragraph', ...paragraph }] : [];
      }
    }
  });
}

/** The blocks of a rich text: headings, paragraphs and (nested) lists, with bold and links kept. */
export const richTextBlocks = (fragment: Y.XmlFragment): RichBlock[] => blocksOf(fragment);

function textNode(runs: InlineRun[]): Y.XmlText {
  const text = new Y.XmlText();
  let at = 0;
  for (const run of runs) {
    const marks = { ...(run.bold ? { bold: {} } : {}), ...(run.href ? { link: { href: run.href } } : {}) };
    text.insert(at, run.text, marks);
    at += run.text.length;
  }
  return text;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attributes: Record<string, string | number> = {}): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
}

const paragraph = (runs: InlineRun[]) => element('paragraph', [textNode(runs)]);

function listNode(items: (string | MinutesListItem)[], ordered: boolean): Y.XmlElement {
  return element(
    ordered ? 'orderedList' : 'bulletList',
    items.map((raw) => {
      const item = typeof raw === 'string' ? { text: raw } : raw;
      const runs = [...(item.runs ?? [{ text: item.text }]), ...(item.mark === 'priority' ? [{ text: ' ⚫' }] : [])];
      return element('listItem', [paragraph(runs), ...(item.children?.length ? [listNode(item.children, false)] : [])]);
    }),
  );
}

function nodesOf(block: WritableBlock): Y.XmlElement[] {
  switch (block.type) {
    case 'heading':
      return [element('heading', [textNode([{ text: block.text }])], { level: block.level })];
    case 'paragraph':
      return [paragraph(block.runs ?? [{ text: block.text }])];
    case 'list':
      return [...(block.label ? [paragraph([{ text: block.label, bold: true }])] : []), listNode(block.items, block.ordered ?? false)];
    case 'table':
      return [paragraph([{ text: block.header.join(' – '), bold: true }]), listNode(block.rows.map((row) => row.join(' – ')), false)];
  }
}

/** Appends blocks to a rich text as the editor would hold them. */
export function writeRichText(fragment: Y.XmlFragment, blocks: WritableBlock[]): void {
  fragment.insert(fragment.length, blocks.flatMap(nodesOf));
}
