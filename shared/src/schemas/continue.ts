import { z } from 'zod';
import { continueModes } from '../boards/continue.ts';
import { boardKindSchema, boardSchema } from './api.ts';
import { idSchema } from './common.ts';

export const continueBoardBody = z.object({
  /** The past board to continue: of any meeting of a group the caller runs. */
  fromBoardId: idSchema,
  votes: z.enum(continueModes),
});

/** A board of a group's meeting, with the meeting's title and date, for pickers across meetings. */
export const groupBoardSchema = boardSchema.extend({
  meetingTitle: z.string(),
  startsAt: z.string(),
  continuedFrom: idSchema.nullable(),
});

const compareSideSchema = z.object({ value: z.number(), rank: z.number().int().nullable(), tie: z.number().int() }).nullable();

export const compareQuery = z.object({ a: idSchema, b: idSchema });

export const compareReplySchema = z.object({
  kind: boardKindSchema,
  /** B continues A (or A continues B): items are paired by identity, not by wording. */
  linked: z.boolean(),
  a: groupBoardSchema,
  b: groupBoardSchema,
  groups: z.array(
    z.object({
      title: z.string(),
      measure: z.enum(['votes', 'mean', 'position']),
      rows: z.array(
        z.object({
          label: z.string(),
          a: compareSideSchema,
          b: compareSideSchema,
          change: z.number().int().nullable(),
          status: z.enum(['new', 'dropped', 'kept']),
        }),
      ),
    }),
  ),
});

export type ContinueBoardBody = z.input<typeof continueBoardBody>;
export type GroupBoard = z.infer<typeof groupBoardSchema>;
export type CompareReply = z.infer<typeof compareReplySchema>;
