import { z } from 'zod';
import { catalogueNames } from '../plans/catalogues.ts';
import { idSchema, lineText } from './common.ts';

/** A plan: of one working group, or of the whole community (`groupId` null: "Komunitní plán 2023–2027"). */
export const planSchema = z.object({
  id: idSchema,
  groupId: idSchema.nullable(),
  /** The group's name; null for a community plan. */
  groupName: z.string().nullable(),
  title: z.string(),
  /** As people write it: "2023–2027". */
  period: z.string(),
  createdAt: z.string(),
  /** Whether the caller may edit it (otherwise they read it). */
  canEdit: z.boolean(),
});

export const createPlanBody = z.object({
  title: lineText(200),
  period: z.string().trim().max(50).default(''),
  groupId: idSchema.nullable(),
});

export const updatePlanBody = z
  .object({ title: lineText(200), period: z.string().trim().max(50) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const catalogueNameSchema = z.enum(catalogueNames);

export const catalogueEntrySchema = z.object({
  id: z.string(),
  catalogue: catalogueNameSchema,
  code: z.string(),
  label: z.string(),
  labelEn: z.string(),
  retired: z.boolean(),
});

export const cataloguesSchema = z.object({
  targetGroups: z.array(catalogueEntrySchema),
  serviceKinds: z.array(catalogueEntrySchema),
});

export const createCatalogueEntryBody = z.object({
  code: z.string().trim().max(12).default(''),
  label: lineText(200),
  labelEn: z.string().trim().max(200).default(''),
});

export const updateCatalogueEntryBody = z
  .object({
    code: z.string().trim().max(12),
    label: lineText(200),
    labelEn: z.string().trim().max(200),
    retired: z.boolean(),
    /** Moves the entry one place up or down in its catalogue. */
    move: z.union([z.literal(-1), z.literal(1)]),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

/** Makes a board's result (see PromotableItem) a card or a measure of a plan, keeping the link back. */
export const promoteBody = z
  .object({
    boardId: idSchema,
    itemId: z.string().min(1).max(80),
    as: z.enum(['card', 'measure']),
    /** The goal to put it under; a card may go to the inbox (null), a measure needs a goal. */
    goalId: idSchema.nullable(),
  })
  .refine((b) => b.as === 'card' || b.goalId !== null, { message: 'a measure needs a goal', path: ['goalId'] });

export const promotionSchema = z.object({
  planId: idSchema,
  planTitle: z.string(),
  type: z.enum(['card', 'measure']),
  id: z.string(),
  /** "A01-03" or "1.2"; null for a card in the inbox. */
  number: z.string().nullable(),
  title: z.string(),
});

export const promoteReplySchema = promotionSchema;

/** A board's results that can be promoted, each with where it already went. */
export const promotableReplySchema = z.object({
  items: z.array(
    z.object({
      itemId: z.string(),
      text: z.string(),
      context: z.string(),
      votes: z.number().nullable(),
      promotions: z.array(promotionSchema),
    }),
  ),
});

export const planExportQuery = z.object({
  format: z.enum(['docx', 'md', 'csv']),
  /** `cards`: the activity cards (one a page in DOCX); `outline`: goals and measures as a numbered outline. */
  part: z.enum(['cards', 'outline']).default('cards'),
  /** Comma-separated card ids; all cards when absent. */
  cards: z
    .string()
    .max(4000)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined)),
  lang: z.enum(['cs', 'en']).default('cs'),
});

export type Plan = z.infer<typeof planSchema>;
export type CreatePlanBody = z.infer<typeof createPlanBody>;
export type PromoteBody = z.infer<typeof promoteBody>;
export type Promotion = z.infer<typeof promotionSchema>;
export type PromotableReply = z.infer<typeof promotableReplySchema>;
export type PlanExportQuery = z.infer<typeof planExportQuery>;
