import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boardSchema, compareQuery, compareReplySchema, continueBoardBody, groupBoardSchema, idSchema } from '@dilna/shared';
import type { ContinueService } from '../services/continue.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];
const groupParams = z.object({ groupId: idSchema });

export const continueRoutes: FastifyPluginAsyncZod<{ continuing: ContinueService; auth: SessionAuth }> = async (app, { continuing, auth }) => {
  app.post(
    '/meetings/:meetingId/boards/continue',
    {
      schema: {
        summary: "Continue a past board in this meeting: its content, none of its results, the old votes reset or kept as a reference (facilitators of both boards' groups)",
        security,
        params: z.object({ meetingId: idSchema }),
        body: continueBoardBody,
        response: { 201: boardSchema },
      },
    },
    async (req, reply) => reply.code(201).send(continuing.continueBoard(req.params.meetingId, auth.required(req), req.body)),
  );

  app.get(
    '/groups/:groupId/boards',
    {
      schema: {
        summary: "Every board of a group's meetings, newest meeting first (its facilitators and members)",
        security,
        params: groupParams,
        response: { 200: z.array(groupBoardSchema) },
      },
    },
    async (req) => continuing.groupBoards(req.params.groupId, auth.required(req)),
  );

  app.get(
    '/groups/:groupId/compare',
    {
      schema: {
        summary: "Two dot votes or two polls of a group side by side: ranks, rank changes, new and dropped items (its facilitators and members)",
        security,
        params: groupParams,
        querystring: compareQuery,
        response: { 200: compareReplySchema },
      },
    },
    async (req) => continuing.compare(req.params.groupId, auth.required(req), req.query),
  );
};
