import { translator } from '../../i18n/index.ts';
import { escape, escapeInline } from '../../minutes/markdown.ts';
import type { CardView } from '../doc.ts';
import type { PlanExportInput } from '../export-input.ts';
import { cardLine, cardSheets, paragraphs, planFacts, planOutline, type CardField } from './content.ts';

/** A field as plain text reads it: one line inline, several as a list (a description as paragraphs). */
function field({ key, label, lines }: CardField): string {
  const asParagraphs = key === 'description';
  const name = `**${escapeInline(label)}:**`;
  if (lines.length <= 1) return `${name} ${escapeInline(lines[0] ?? '')}`.trimEnd();
  return `${name}\n\n${lines.map((line) => (asParagraphs ? escape(line) : `- ${escapeInline(line)}`)).join(asParagraphs ? '\n\n' : '\n')}`;
}

/** The plan's title, its period and group under it. */
const top = (input: PlanExportInput) => [`# ${escapeInline(input.plan.title)}`, ...(planFacts(input) ? [escape(planFacts(input))] : [])];

/** The cards, one section each with every field. */
export function planCardsMarkdown(input: PlanExportInput): string {
  const t = translator(input.locale);
  const sheets = cardSheets(input);
  const chunks = top(input);
  if (!sheets.length) chunks.push(escape(t('plan-export.noCards')));
  for (const sheet of sheets) {
    chunks.push(`## ${escapeInline([sheet.number, sheet.name].filter(Boolean).join(' '))}`, escape(t('plan-export.cardHeading')));
    chunks.push(...sheet.fields.map(field));
  }
  return `${chunks.join('\n\n')}\n`;
}

/** The goals and measures as a numbered outline, each goal with its cards; the inbox last. */
export function planOutlineMarkdown(input: PlanExportInput): string {
  const t = translator(input.locale);
  const outline = planOutline(input);
  const text = (value: string) => paragraphs(value).map(escape);
  const list = (cards: CardView[]) => cards.map((card) => `- ${escapeInline(cardLine(card, t))}`).join('\n');
  const chunks = top(input);
  if (!outline.goals.length) chunks.push(escape(t('plan-export.noGoals')));
  for (const { goal, heading, measures, cards } of outline.goals) {
    chunks.push(`## ${escapeInline(heading)}`);
    if (goal.description.trim()) chunks.push(`**${escapeInline(t('plan-export.goalDescription'))}**`, ...text(goal.description));
    for (const { measure, heading: measureHeading } of measures) chunks.push(`### ${escapeInline(measureHeading)}`, ...text(measure.description));
    if (cards.length) chunks.push(`**${escapeInline(t('plan-export.activities'))}:**\n\n${list(cards)}`);
  }
  if (outline.inbox.length) chunks.push(`## ${escapeInline(t('plan-export.inbox'))}`, list(outline.inbox));
  return `${chunks.join('\n\n')}\n`;
}
