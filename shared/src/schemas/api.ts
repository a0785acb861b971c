import { z } from 'zod';
import { boardKindNames } from '../boards/index.ts';
import { locales } from '../i18n/index.ts';
import { groupRoleSchema } from './accounts.ts';
import { idSchema, joinCodeSchema, lineText, localDateTime } from './common.ts';

export const boardKindSchema = z.enum(boardKindNames);
export const boardStatusSchema = z.enum(['draft', 'open', 'closed']);
export const roleSchema = z.enum(['facilitator', 'editor', 'screen']);
/** The language of a meeting's minutes. */
export const meetingLanguageSchema = z.enum(locales);

export const groupSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
});

export const groupListItemSchema = groupSchema.extend({ meetingCount: z.number().int() });

export const createGroupBody = z.object({
  name: lineText(120),
  description: z.string().trim().max(2000).default(''),
});

export const meetingSummarySchema = z.object({
  id: idSchema,
  groupId: idSchema,
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  language: meetingLanguageSchema,
  boardCount: z.number().int(),
  /** When the group's retention setting erased the participants' records; null while they are kept. */
  participantsErasedAt: z.string().nullable(),
});

export const groupDetailSchema = groupSchema.extend({
  meetings: z.array(meetingSummarySchema),
  /** What the asking account may do in the group (an administrator runs every group). */
  myRole: groupRoleSchema,
});

export const createMeetingBody = z.object({
  title: lineText(200),
  startsAt: localDateTime,
  place: z.string().trim().max(200).default(''),
  language: meetingLanguageSchema.default('cs'),
});

export const updateMeetingBody = z
  .object({
    title: lineText(200),
    startsAt: localDateTime,
    place: z.string().trim().max(200),
    language: meetingLanguageSchema,
    liveBoardId: idSchema.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const boardSchema = z.object({
  id: idSchema,
  meetingId: idSchema,
  kind: boardKindSchema,
  title: z.string(),
  position: z.number().int(),
  status: boardStatusSchema,
});

export const addBoardBody = z.object({
  kind: boardKindSchema,
  title: lineText(200),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export const updateBoardBody = z
  .object({ title: lineText(200), status: boardStatusSchema })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const resetBoardPartBody = z.object({ scope: z.string().max(64) });

export const reorderBoardsBody = z.object({
  boardIds: z.array(idSchema).max(200),
});

export const accessKeysSchema = z.object({
  facilitator: z.string().optional(),
  editor: z.string().optional(),
  screen: z.string().optional(),
});

export const meetingDetailSchema = meetingSummarySchema.extend({
  groupName: z.string(),
  joinCode: joinCodeSchema,
  liveBoardId: idSchema.nullable(),
  boards: z.array(boardSchema),
  role: roleSchema,
  keys: accessKeysSchema,
});

export const joinBody = z.object({ code: z.string().trim().pipe(joinCodeSchema) });
export const joinReplySchema = z.object({ meetingId: idSchema, title: z.string() });

export const serverInfoSchema = z.object({
  version: z.string(),
  joinBaseUrls: z.array(z.string()),
});

export const errorReplySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});

export type Group = z.infer<typeof groupSchema>;
export type GroupListItem = z.infer<typeof groupListItemSchema>;
export type GroupDetail = z.infer<typeof groupDetailSchema>;
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export type Board = z.infer<typeof boardSchema>;
export type BoardStatus = z.infer<typeof boardStatusSchema>;
export type Role = z.infer<typeof roleSchema>;
export type AccessKeys = z.infer<typeof accessKeysSchema>;
export type CreateGroupBody = z.input<typeof createGroupBody>;
export type CreateMeetingBody = z.input<typeof createMeetingBody>;
export type UpdateMeetingBody = z.input<typeof updateMeetingBody>;
export type AddBoardBody = z.input<typeof addBoardBody>;
export type UpdateBoardBody = z.input<typeof updateBoardBody>;
export type JoinReply = z.infer<typeof joinReplySchema>;
export type ServerInfo = z.infer<typeof serverInfoSchema>;
export type ErrorReply = z.infer<typeof errorReplySchema>;
