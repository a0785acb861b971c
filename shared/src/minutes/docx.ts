import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
} from 'docx';
import { translator, type Locale } from '../i18n/index.ts';
import type { ComposedBlock, ComposedMinutes, FieldsBlock } from './compose.ts';
import type { InlineRun, MinutesListItem } from './section.ts';

/** A4 in twentieths of a point, with 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
/** The width between the margins, for tables with fixed columns. */
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
const FONT = 'Calibri';

/** Thin grey lines around a table cell, as every table the product writes has them. */
export const cellBorders = (() => {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  return { top: border, bottom: border, left: border, right: border };
})();

/** A DOCX file the product writes: Calibri 11 pt, A4 pages numbered "Strana 1 / 3" at the foot. */
export async function a4Docx(title: string, locale: Locale, children: (Paragraph | Table)[], extra: { numbering?: typeof numbering } = {}): Promise<Uint8Array> {
  const t = translator(locale);
  const document = new Document({
    title,
    creator: 'Dílna',
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    ...extra,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [`${t('minutes.page')} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await (await Packer.toBlob(document)).arrayBuffer());
}

const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string): ILevelsOptions[] =>
  [0, 1, 2, 3].map((level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

const numbering = {
  config: [
    { reference: 'bullets', levels: levels(LevelFormat.BULLET, (level) => ['•', '◦', '▪', '•'][level]!) },
    { reference: 'ordered', levels: levels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
  ],
};

/** Typed text as Word runs: bold runs, links as real hyperlinks. */
function runsOf(item: { text: string; runs?: InlineRun[] }): (TextRun | ExternalHyperlink)[] {
  return (item.runs ?? [{ text: item.text }]).map(({ text, bold, href }) =>
    href ? new ExternalHyperlink({ link: href, children: [new TextRun({ text, bold, style: 'Hyperlink' })] }) : new TextRun({ text, bold }),
  );
}

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;

/** Turns the composed minutes into Word paragraphs and tables; each list is a numbering instance of its own. */
class Writer {
  readonly children: (Paragraph | Table)[] = [];
  #lists = 0;

  heading(text: string, level: 1 | 2 | 3 | 4): void {
    this.children.push(new Paragraph({ text, heading: headingLevels[level], keepNext: true }));
  }

  fields(block: FieldsBlock): void {
    for (const field of block.fields) {
      this.children.push(new Paragraph({ children: [new TextRun({ text: `${field.label}: `, bold: true }), new TextRun(field.value)] }));
    }
  }

  list(items: (string | MinutesListItem)[], ordered: boolean, label?: string, colour?: string): void {
    if (label) {
      const swatch = colour ? [new TextRun({ text: '■ ', color: colour.replace('#', '') })] : [];
      this.children.push(new Paragraph({ keepNext: true, children: [...swatch, new TextRun({ text: label, bold: true })] }));
    }
    const instance = ++this.#lists;
    const add = (entries: (string | MinutesListItem)[], level: number, numbered: boolean) => {
      for (const raw of entries) {
        const item = typeof raw === 'string' ? { text: raw } : raw;
        const runs = [...runsOf(item), ...(item.mark === 'priority' ? [new TextRun(' ⚫')] : [])];
        this.children.push(new Paragraph({ children: runs, numbering: { reference: numbered ? 'ordered' : 'bullets', level, instance } }));
        if (item.children?.length) add(item.children, level + 1, false);
      }
    };
    add(items, 0, ordered);
  }

  table(header: string[], rows: string[][], numeric: number[] = []): void {
    const cell = (text: string, column: number, bold: boolean) =>
      new TableCell({
        borders: cellBorders,
        children: [
          new Paragraph({
            alignment: numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun({ text, bold })],
          }),
        ],
      });
    this.children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: header.map((text, column) => cell(text, column, true)) }),
          ...rows.map((row) => new TableRow({ children: row.map((text, column) => cell(text, column, false)) })),
        ],
      }),
      new Paragraph({}),
    );
  }

  block(block: ComposedBlock): void {
    switch (block.type) {
      case 'paragraph':
        this.children.push(new Paragraph({ children: runsOf(block) }));
        return;
      case 'heading':
        this.heading(block.text, block.level);
        return;
      case 'fields':
        this.fields(block);
        return;
      case 'list':
        this.list(block.items, block.ordered ?? false, block.label, block.colour);
        return;
      case 'table':
        this.table(block.header, block.rows, block.numeric);
        return;
    }
  }
}

/** The minutes as a DOCX file that Word and LibreOffice open: A4, page numbers, real lists and tables. */
export async function minutesToDocx(minutes: ComposedMinutes, locale: Locale): Promise<Uint8Array> {
  const writer = new Writer();
  writer.heading(minutes.title, 1);
  writer.fields(minutes.facts);
  for (const part of minutes.parts) {
    writer.heading(part.heading, 2);
    for (const block of part.blocks) writer.block(block);
  }
  if (minutes.signature) writer.children.push(new Paragraph({ spacing: { before: 480 }, text: minutes.signature }));
  return a4Docx(minutes.title, locale, writer.children, { numbering });
}
