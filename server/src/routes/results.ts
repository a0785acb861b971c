import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, locales, resetBoardPartBody } from '@dilna/shared';
import type { ResultsService } from '../services/results.ts';
import { keyOf } from './meetings.ts';

const boardParams = z.object({ meetingId: idSchema, boardId: idSchema });
const security = [{ meetingKey: [] }];

export const resultRoutes: FastifyPluginAsyncZod<{ results: ResultsService }> = async (app, { results }) => {
  app.post(
    '/meetings/:meetingId/boards/:boardId/reset',
    {
      schema: {
        summary: "Void the participants' answers of one part of a board, e.g. a question (facilitator)",
        security,
        params: boardParams,
        body: resetBoardPartBody,
        response: { 200: z.object({ voided: z.number().int() }) },
      },
    },
    async (req) => results.reset(req.params.meetingId, req.params.boardId, keyOf(req), req.body.scope),
  );

  app.get(
    '/meetings/:meetingId/boards/:boardId/results.csv',
    {
      schema: {
        summary: "A board's results as CSV, without who answered what (facilitator, editor)",
        security,
        params: boardParams,
        querystring: z.object({ lang: z.enum(locales).default('cs') }),
      },
    },
    async (req, reply) => {
      const { filename, body } = results.csv(req.params.meetingId, req.params.boardId, keyOf(req), req.query.lang);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
};
