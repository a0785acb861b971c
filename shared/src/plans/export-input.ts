import type { Locale } from '../i18n/index.ts';
import type { Catalogues } from './catalogues.ts';
import type { PlanView } from './doc.ts';

/** What every export of a plan is rendered from (the renderers live in plans/export/). */
export interface PlanExportInput {
  plan: { title: string; period: string; groupName: string | null };
  view: PlanView;
  /** For the labels of the cards' target groups and service kinds (retired entries included). */
  catalogues: Catalogues;
  /** The cards to export, in the plan's order; all when absent. */
  cardIds?: string[];
  locale: Locale;
}
