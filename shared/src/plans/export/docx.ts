import { HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { translator } from '../../i18n/index.ts';
import { a4Docx, cellBorders, TEXT_WIDTH } from '../../minutes/docx.ts';
import type { CardView } from '../doc.ts';
import type { PlanExportInput } from '../export-input.ts';
import { cardLine, cardSheets, paragraphs, planFacts, planLine, planOutline, type CardSheet } from './content.ts';

const LABEL_WIDTH = Math.round(TEXT_WIDTH * 0.32);
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };
/** Room above a goal's (and the inbox's) heading in the outline. */
const GOAL_SPACING = { before: 360, after: 120 };
const LABEL_SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' };

const small = (text: string, pageBreakBefore = false) =>
  new Paragraph({ pageBreakBefore, spacing: { after: 120 }, children: [new TextRun({ text, size: 18, color: '595959' })] });

/** One card: the plan's line, the heading, then label | value rows; a value's lines are paragraphs of its cell. */
function cardPage(sheet: CardSheet, line: string, heading: string, first: boolean): (Paragraph | Table)[] {
  const cell = (children: Paragraph[], width: number, shaded: boolean) =>
    new TableCell({ borders: cellBorders, margins: CELL_MARGINS, width: { size: width, type: WidthType.DXA }, ...(shaded ? { shading: LABEL_SHADE } : {}), children });
  const rows = sheet.fields.map(
    ({ label, lines }) =>
      new TableRow({
        // A row stays on one page unless it is long enough (a long description) to need two.
        cantSplit: lines.length < 8,
        children: [
          cell([new Paragraph({ children: [new TextRun({ text: label, bold: true })] })], LABEL_WIDTH, true),
          cell((lines.length ? lines : ['']).map((text) => new Paragraph({ text })), TEXT_WIDTH - LABEL_WIDTH, false),
        ],
      }),
  );
  return [
    small(line, !first),
    new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1, keepNext: true }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], rows }),
  ];
}

/** The cards as the regional plan prints them: one card per page, its fields as a two-column table. */
export async function planCardsDocx(input: PlanExportInput): Promise<Uint8Array> {
  const t = translator(input.locale);
  const line = planLine(input);
  const sheets = cardSheets(input);
  const children = sheets.length
    ? sheets.flatMap((sheet, index) => cardPage(sheet, line, t('plan-export.cardHeading'), index === 0))
    : [small(line), new Paragraph({ text: t('plan-export.noCards') })];
  return a4Docx(input.plan.title, input.locale, children);
}

/** The goals and measures as a numbered outline ("Cíl 1. …", "Popis cíle", "Opatření 1.1 …"), each goal with its cards. */
export async function planOutlineDocx(input: PlanExportInput): Promise<Uint8Array> {
  const t = translator(input.locale);
  const outline = planOutline(input);
  const text = (value: string) => paragraphs(value).map((line) => new Paragraph({ text: line }));
  const cardLines = (cards: CardView[]) => cards.map((card) => new Paragraph({ text: cardLine(card, t), indent: { left: 360 } }));
  const children: Paragraph[] = [
    new Paragraph({ text: input.plan.title, heading: HeadingLevel.TITLE }),
    ...(planFacts(input) ? [small(planFacts(input))] : []),
    ...(outline.goals.length ? [] : [new Paragraph({ text: t('plan-export.noGoals') })]),
    ...outline.goals.flatMap(({ goal, heading, measures, cards: goalCards }) => [
      new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1, keepNext: true, spacing: GOAL_SPACING }),
      ...(goal.description.trim() ? [new Paragraph({ keepNext: true, children: [new TextRun({ text: t('plan-export.goalDescription'), bold: true })] }), ...text(goal.description)] : []),
      ...measures.flatMap(({ measure, heading: measureHeading }) => [
        new Paragraph({ text: measureHeading, heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 200, after: 80 } }),
        ...text(measure.description),
      ]),
      ...(goalCards.length
        ? [new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: `${t('plan-export.activities')}:`, bold: true })] }), ...cardLines(goalCards)]
        : []),
    ]),
    ...(outline.inbox.length ? [new Paragraph({ text: t('plan-export.inbox'), heading: HeadingLevel.HEADING_1, keepNext: true, spacing: GOAL_SPACING }), ...cardLines(outline.inbox)] : []),
  ];
  return a4Docx(input.plan.title, input.locale, children);
}
