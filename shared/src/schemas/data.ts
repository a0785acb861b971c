import { z } from 'zod';

/** Longest retention one can set: ten years. */
export const MAX_RETENTION_DAYS = 3650;

/** How many days after a meeting a group keeps its participants' records; null keeps them. */
export const retentionSchema = z.object({ days: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable() });
export type Retention = z.infer<typeof retentionSchema>;
