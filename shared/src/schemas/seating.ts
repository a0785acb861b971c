import { z } from 'zod';

/** A table of a board that seats people (world café); ids are made by the editors' clients. */
export const tableIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a table id');

/** One participant as the facilitator sees the seating: by the name and organisation they gave, never by id. */
export const seatedParticipantSchema = z.object({
  /** The seat this round, to move the person by; null while they wait to be seated. */
  seatId: z.string().nullable(),
  /** Order of joining, for people who gave no name ("Participant 7"). */
  number: z.number().int(),
  name: z.string(),
  organisation: z.string(),
  table: z.string().nullable(),
  host: z.boolean(),
});

export const seatingListSchema = z.object({
  round: z.number().int(),
  people: z.array(seatedParticipantSchema),
});

export const moveSeatBody = z
  .object({ table: tableIdSchema, host: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

/** The editor link of each table: its key writes that table's doc only. */
export const tableLinksSchema = z.array(z.object({ table: tableIdSchema, key: z.string() }));

/** What a participant may tell about themselves (both optional). */
export const profileSchema = z.object({
  name: z.string().trim().max(80),
  organisation: z.string().trim().max(120),
});

export type SeatingList = z.infer<typeof seatingListSchema>;
export type SeatedParticipant = z.infer<typeof seatedParticipantSchema>;
export type MoveSeatBody = z.input<typeof moveSeatBody>;
export type TableLinks = z.infer<typeof tableLinksSchema>;
export type Profile = z.infer<typeof profileSchema>;
