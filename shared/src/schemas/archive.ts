import { z } from 'zod';
import { boardKindSchema, boardSchema, boardStatusSchema, meetingLanguageSchema } from './api.ts';
import { idSchema } from './common.ts';

/** Why a board's state was kept: it was opened, it changed while open (every few minutes), it was closed. */
export const snapshotReasonSchema = z.enum(['opened', 'interval', 'closed']);

export const boardSnapshotSchema = z.object({
  id: z.number().int().positive(),
  reason: snapshotReasonSchema,
  /** ISO 8601 in UTC. */
  takenAt: z.string(),
});

export const archiveBoardSchema = z.object({
  id: idSchema,
  kind: boardKindSchema,
  title: z.string(),
  status: boardStatusSchema,
  snapshotCount: z.number().int(),
});

export const archiveMeetingSchema = z.object({
  id: idSchema,
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  /** When the participants' records were erased (the group's retention), if they were. */
  participantsErasedAt: z.string().nullable(),
  /** Whether anyone has started writing the meeting's minutes. */
  hasMinutes: z.boolean(),
  boards: z.array(archiveBoardSchema),
});

/** A group's meetings, newest first, each with its agenda of boards. */
export const groupArchiveSchema = z.object({ meetings: z.array(archiveMeetingSchema) });

/** A past board with its meeting and the moments it can be replayed at, oldest first. */
export const boardHistorySchema = z.object({
  board: boardSchema,
  meeting: z.object({
    id: idSchema,
    groupId: idSchema,
    groupName: z.string(),
    title: z.string(),
    startsAt: z.string(),
    place: z.string(),
    language: meetingLanguageSchema,
  }),
  snapshots: z.array(boardSnapshotSchema),
});

export const boardDocsQuery = z.object({
  /** A snapshot of this board; the board as it is now without one. */
  snapshot: z.coerce.number().int().positive().optional(),
});

/** Each doc of a board (its own and its tables') as one Yjs update, base64-encoded, by room name. */
export const boardDocsSchema = z.object({
  takenAt: z.string().nullable(),
  docs: z.record(z.string(), z.string()),
});

export type SnapshotReason = z.infer<typeof snapshotReasonSchema>;
export type BoardSnapshot = z.infer<typeof boardSnapshotSchema>;
export type ArchiveBoard = z.infer<typeof archiveBoardSchema>;
export type ArchiveMeeting = z.infer<typeof archiveMeetingSchema>;
export type GroupArchive = z.infer<typeof groupArchiveSchema>;
export type BoardHistory = z.infer<typeof boardHistorySchema>;
export type BoardDocs = z.infer<typeof boardDocsSchema>;
