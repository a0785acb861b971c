import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addBoardBody,
  boardSchema,
  idSchema,
  meetingDetailSchema,
  reorderBoardsBody,
  updateBoardBody,
  updateMeetingBody,
} from '@dilna/shared';
import type { MeetingsService } from '../services/meetings.ts';
import type { SessionAuth } from './session-auth.ts';

/** Header that carries a meeting's secret-link key. */
export const KEY_HEADER = 'x-dilna-key';

export const keyOf = (req: FastifyRequest) => {
  const value = req.headers[KEY_HEADER];
  return typeof value === 'string' ? value : undefined;
};

const meetingParams = z.object({ meetingId: idSchema });
const boardParams = z.object({ meetingId: idSchema, boardId: idSchema });
const security = [{ meetingKey: [] }];

export const meetingRoutes: FastifyPluginAsyncZod<{ meetings: MeetingsService; auth: SessionAuth }> = async (app, { meetings, auth }) => {
  app.get(
    '/meetings/:meetingId',
    {
      schema: {
        summary: "A meeting with its agenda; with no key, a facilitator of the meeting's group gets the facilitator's keys",
        security: [...security, { session: [] }],
        params: meetingParams,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => meetings.getMeeting(req.params.meetingId, keyOf(req), auth.user(req)),
  );

  app.patch(
    '/meetings/:meetingId',
    {
      schema: {
        summary: 'Change a meeting or the board that is live (facilitator)',
        security,
        params: meetingParams,
        body: updateMeetingBody,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => meetings.updateMeeting(req.params.meetingId, keyOf(req), req.body),
  );

  app.delete(
    '/meetings/:meetingId',
    {
      schema: {
        summary:
          "Delete the meeting and everything of it: boards, their snapshots, answers, participants, the minutes and attendance (facilitator; the group's facilitators)",
        security: [...security, { session: [] }],
        params: meetingParams,
      },
    },
    async (req, reply) => {
      meetings.deleteMeeting(req.params.meetingId, keyOf(req), auth.user(req));
      return reply.code(204).send();
    },
  );

  app.post(
    '/meetings/:meetingId/boards',
    {
      schema: {
        summary: 'Add a board at the end of the agenda (facilitator)',
        security,
        params: meetingParams,
        body: addBoardBody,
        response: { 201: boardSchema },
      },
    },
    async (req, reply) => reply.code(201).send(meetings.addBoard(req.params.meetingId, keyOf(req), req.body, () => auth.user(req))),
  );

  app.put(
    '/meetings/:meetingId/boards/order',
    {
      schema: {
        summary: 'Reorder the agenda (facilitator)',
        security,
        params: meetingParams,
        body: reorderBoardsBody,
        response: { 200: z.array(boardSchema) },
      },
    },
    async (req) => meetings.reorderBoards(req.params.meetingId, keyOf(req), req.body.boardIds),
  );

  app.patch(
    '/meetings/:meetingId/boards/:boardId',
    {
      schema: {
        summary: 'Rename a board or open and close it (facilitator)',
        security,
        params: boardParams,
        body: updateBoardBody,
        response: { 200: boardSchema },
      },
    },
    async (req) => meetings.updateBoard(req.params.meetingId, req.params.boardId, keyOf(req), req.body),
  );

  app.delete(
    '/meetings/:meetingId/boards/:boardId',
    { schema: { summary: 'Remove a board and its content (facilitator)', security, params: boardParams } },
    async (req, reply) => {
      meetings.removeBoard(req.params.meetingId, req.params.boardId, keyOf(req));
      return reply.code(204).send();
    },
  );
};
