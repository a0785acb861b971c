import { z } from 'zod';
import { boardKindSchema } from './api.ts';
import { idSchema } from './common.ts';

export const searchQuerySchema = z.object({
  q: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')),
});

export const searchHitSchema = z.object({
  meeting: z.object({ id: idSchema, title: z.string(), startsAt: z.string() }),
  /** The board the text is on; null when it is in the meeting's minutes. */
  board: z.object({ id: idSchema, kind: boardKindSchema, title: z.string() }).nullable(),
  /** A short passage around the matches, as plain text segments; `match` marks a matched word. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});

export const searchResultsSchema = z.object({ hits: z.array(searchHitSchema) });

export type SearchHit = z.infer<typeof searchHitSchema>;
export type SearchResults = z.infer<typeof searchResultsSchema>;
