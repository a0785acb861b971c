import { stringify } from 'csv-stringify/sync';
import { translator } from '../../i18n/index.ts';
import type { CardView } from '../doc.ts';
import type { PlanExportInput } from '../export-input.ts';
import { cardFieldKeys, cardSheets, fieldLabel, planOutline } from './content.ts';

/**
 * Rows as CSV without the byte-order mark (the route adds it). Text a spreadsheet would take for a
 * formula (=, +, -, @) gets a leading apostrophe, as the boards' results do, so opening the file runs nothing.
 */
const csv = (rows: string[][]) => stringify(rows, { escape_formulas: true });

/** One row per card, every field a column: a list's entries joined by "; ", a description's paragraphs by new lines. */
export function planCardsCsv(input: PlanExportInput): string {
  const t = translator(input.locale);
  return csv([
    cardFieldKeys.map((key) => fieldLabel(key, t)),
    ...cardSheets(input).map((sheet) => sheet.fields.map(({ key, lines }) => lines.join(key === 'description' ? '\n' : '; '))),
  ]);
}

/** The outline as rows: number, type (goal, measure, card), title, description; the inbox's cards without a number. */
export function planOutlineCsv(input: PlanExportInput): string {
  const t = translator(input.locale);
  const { goals, inbox } = planOutline(input);
  const cardRow = (card: CardView) => [card.number ?? '', t('plan-export.type.card'), card.name, card.description];
  return csv([
    [t('plan-export.column.number'), t('plan-export.column.type'), t('plan-export.column.title'), t('plan-export.column.description')],
    ...goals.flatMap(({ goal, measures, cards }) => [
      [String(goal.number), t('plan-export.type.goal'), goal.title, goal.description],
      ...measures.map(({ measure }) => [measure.number, t('plan-export.type.measure'), measure.title, measure.description]),
      ...cards.map(cardRow),
    ]),
    ...inbox.map(cardRow),
  ]);
}
