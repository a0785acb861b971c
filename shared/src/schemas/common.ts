import { z } from 'zod';

/** Identifiers are server-generated, URL-safe random strings. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'must be an identifier');

/** Single-line user text: trimmed, at least one character, capped. */
export const lineText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** Local date and time of a meeting, as typed into a form: 2026-11-24T13:00. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and time like 2026-11-24T13:00')
  .refine((s) => !Number.isNaN(Date.parse(`${s}:00Z`)), 'must be a real date');

export const joinCodeSchema = z.string().regex(/^\d{6}$/, 'must be six digits');

/** A client-chosen operation id; a retry reuses it so the operation lands once. */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an operation id');
