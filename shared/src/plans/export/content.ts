import { translator, type Translate } from '../../i18n/index.ts';
import { formatWhen } from '../../minutes/compose.ts';
import { entryLabel, type CatalogueName } from '../catalogues.ts';
import type { CardView, GoalView, MeasureView } from '../doc.ts';
import type { PlanExportInput } from '../export-input.ts';
import type { Origin } from '../origin.ts';

/**
 * What every format prints of a plan, worked out once: the cards' fields as label and lines, the
 * outline of goals, measures and their cards. The renderers only lay it out.
 */

/** A card's rows, in the order the regional plan prints them. */
export const cardFieldKeys = ['number', 'name', 'goals', 'measures', 'targetGroups', 'serviceKinds', 'duration', 'responsible', 'funding', 'description', 'origins'] as const;
export type CardFieldKey = (typeof cardFieldKeys)[number];

export const fieldLabel = (key: CardFieldKey, t: Translate): string => t(`plan-export.field.${key}`);

/** One row of a card: its label and its value as lines (a list's entries, a description's paragraphs). */
export interface CardField {
  key: CardFieldKey;
  label: string;
  lines: string[];
}

export interface CardSheet {
  id: string;
  /** "A01-01", or "bez čísla" for a card in the inbox. */
  number: string;
  name: string;
  fields: CardField[];
}

/** The plan's period (unless its title names it) and group: "2023–2027 · PS Senioři", under the outline's title. */
export function planFacts({ plan }: PlanExportInput): string {
  const period = plan.title.includes(plan.period.trim()) ? '' : plan.period;
  return [period, plan.groupName ?? ''].map((part) => part.trim()).filter(Boolean).join(' · ');
}

/** The line above every card: "Komunitní plán · 2023–2027 · PS Senioři". */
export const planLine = (input: PlanExportInput): string => [input.plan.title.trim(), planFacts(input)].filter(Boolean).join(' · ');

/** A text's paragraphs, empty lines left out. */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The cards to export, in the plan's order: those chosen, or all. */
export function selectedCards(input: PlanExportInput): CardView[] {
  const chosen = input.cardIds ? new Set(input.cardIds) : null;
  return input.view.cards.filter((card) => !chosen || chosen.has(card.id));
}

/** "Setkání PS Senioři, 12. 3. 2026 – Priority: „Odlehčovací služby“ (7 hlasů)". */
export function originLine(origin: Origin, t: Translate, locale: PlanExportInput['locale']): string {
  const values = {
    meeting: origin.meetingTitle,
    date: formatWhen(origin.meetingDate.slice(0, 10), locale),
    board: origin.boardTitle,
    context: origin.context,
    text: origin.text,
  };
  const line = t(origin.context ? 'plan-export.originContext' : 'plan-export.origin', values);
  return origin.votes === null ? line : `${line} ${t('plan-export.votes', { votes: origin.votes })}`;
}

export function cardSheets(input: PlanExportInput): CardSheet[] {
  const t = translator(input.locale);
  const goals = new Map(input.view.goals.map((goal) => [goal.id, goal]));
  const measures = new Map(input.view.goals.flatMap((goal) => goal.measures.map((measure) => [measure.id, measure])));
  const goalLine = (goal: GoalView) => `${goal.code} ${goal.title}`.trim();
  /** In the catalogue's order (service kinds by §), retired entries included. */
  const labels = (catalogue: CatalogueName, ids: string[]) =>
    input.catalogues[catalogue]
      .filter((entry) => ids.includes(entry.id))
      .map((entry) => entryLabel(entry, input.locale))
      .join(', ');
  return selectedCards(input).map((card) => {
    const number = card.number ?? t('plan-export.noNumber');
    const mainGoal = card.goalId ? goals.get(card.goalId) : undefined;
    const otherGoals = card.otherGoals.filter((id) => id !== card.goalId).flatMap((id) => (goals.has(id) ? [goals.get(id)!] : []));
    const served = card.measures.flatMap((id) => (measures.has(id) ? [measures.get(id)!] : []));
    const values: Record<CardFieldKey, string[]> = {
      number: [number],
      name: [card.name],
      goals: [...(mainGoal ? [mainGoal] : []), ...otherGoals].map(goalLine),
      measures: served.map((measure) => `${measure.number} ${measure.title}`.trim()),
      targetGroups: [labels('targetGroups', card.targetGroups)].filter(Boolean),
      serviceKinds: [labels('serviceKinds', card.serviceKinds)].filter(Boolean),
      duration: paragraphs(card.duration),
      responsible: paragraphs(card.responsible),
      funding: paragraphs(card.funding),
      description: paragraphs(card.description),
      origins: card.origins.map((origin) => originLine(origin, t, input.locale)),
    };
    return {
      id: card.id,
      number,
      name: card.name,
      fields: cardFieldKeys.map((key) => ({ key, label: fieldLabel(key, t), lines: values[key] })),
    };
  });
}

export interface OutlineGoal {
  goal: GoalView;
  /** "Cíl 1. Dostupné bydlení" */
  heading: string;
  measures: { measure: MeasureView; heading: string }[];
  /** The goal's cards, in number order. */
  cards: CardView[];
}

export interface PlanOutline {
  goals: OutlineGoal[];
  /** Cards without a goal (the inbox). */
  inbox: CardView[];
}

/** "A01-01 Název", or just the name of a card in the inbox. */
export const cardLine = (card: CardView, t: Translate): string => [card.number ?? '', card.name || t('plan-export.untitled')].filter(Boolean).join(' ');

/** The goals and measures numbered as the steering group writes them, each goal with its cards. */
export function planOutline(input: PlanExportInput): PlanOutline {
  const t = translator(input.locale);
  const untitled = (title: string) => title.trim() || t('plan-export.untitled');
  return {
    goals: input.view.goals.map((goal) => ({
      goal,
      heading: t('plan-export.goal', { number: goal.number, title: untitled(goal.title) }),
      measures: goal.measures.map((measure) => ({ measure, heading: t('plan-export.measure', { number: measure.number, title: untitled(measure.title) }) })),
      cards: input.view.cards.filter((card) => card.goalId === goal.id),
    })),
    inbox: input.view.cards.filter((card) => card.goalId === null),
  };
}
