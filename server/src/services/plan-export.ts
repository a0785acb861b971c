import { translator, type Locale, type PlanExportInput, type PlanExportQuery, type PlanView } from '@dilna/shared';
import {
  planCardsCsv,
  planCardsDocx,
  planCardsMarkdown,
  planOutlineCsv,
  planOutlineDocx,
  planOutlineMarkdown,
} from '@dilna/shared/plans/export/index';
import type { UserRow } from '../repositories/accounts.ts';
import type { PlanRow } from '../repositories/plans.ts';
import type { CataloguesService } from './catalogues.ts';
import { badRequest } from './errors.ts';
import type { PlansService } from './plans.ts';
import { fileSafe } from './results.ts';

type Format = PlanExportQuery['format'];
type Part = PlanExportQuery['part'];

export const planExportContentTypes: Record<Format, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const renderers: Record<Part, Record<Format, (input: PlanExportInput) => string | Promise<Uint8Array>>> = {
  cards: { docx: planCardsDocx, md: planCardsMarkdown, csv: planCardsCsv },
  outline: { docx: planOutlineDocx, md: planOutlineMarkdown, csv: planOutlineCsv },
};

/** RFC 5987 value of `filename*`: percent-encoded UTF-8, with the few characters encodeURIComponent leaves that it may not hold. */
const extendedValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A plan as files for whoever reads it: its activity cards (all or some) or its outline of goals and measures. */
export class PlanExportService {
  constructor(
    private readonly plans: PlansService,
    private readonly catalogues: CataloguesService,
  ) {}

  async export(planId: string, user: UserRow, query: PlanExportQuery): Promise<{ contentDisposition: string; contentType: string; body: string | Uint8Array }> {
    const { plan } = this.plans.readable(planId, user);
    const view = this.plans.view(planId);
    if (query.cards) {
      const known = new Set(view.cards.map((card) => card.id));
      const unknown = query.cards.filter((id) => !known.has(id));
      if (unknown.length > 0) throw badRequest('querystring.cards', `no such card in this plan: ${unknown.slice(0, 5).join(', ')}`);
    }
    const rendered = await this.render(plan, view, query);
    const suffix = `${translator(query.lang)(`plans-api.file.${query.part}`)}.${query.format}`;
    const ascii = `${fileSafe(plan.title) || 'plan'}-${suffix}`;
    const unicode = `${plan.title.replace(/[\s\\/:*?"<>|]+/g, '-')}-${suffix}`;
    return {
      contentDisposition: `attachment; filename="${ascii}"; filename*=UTF-8''${extendedValue(unicode)}`,
      contentType: planExportContentTypes[query.format],
      // Excel reads Czech letters in a CSV only after a byte-order mark.
      body: query.format === 'csv' ? `\uFEFF${rendered as string}` : rendered,
    };
  }

  /** The plan's activity cards as DOCX, as the group's archive holds them. */
  cardsDocx(plan: PlanRow, view: PlanView, locale: Locale): Promise<Uint8Array> {
    return planCardsDocx(this.input(plan, view, locale));
  }

  private render(plan: PlanRow, view: PlanView, query: PlanExportQuery): string | Promise<Uint8Array> {
    return renderers[query.part][query.format](this.input(plan, view, query.lang, query.cards));
  }

  private input(plan: PlanRow, view: PlanView, locale: Locale, cardIds?: string[]): PlanExportInput {
    return {
      plan: { title: plan.title, period: plan.period, groupName: plan.groupName },
      view,
      catalogues: this.catalogues.all(),
      ...(cardIds ? { cardIds } : {}),
      locale,
    };
  }
}
