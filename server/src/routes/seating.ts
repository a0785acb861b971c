import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, moveSeatBody, seatingListSchema, tableLinksSchema } from '@dilna/shared';
import type { SeatingService } from '../services/seating.ts';
import { keyOf } from './meetings.ts';

const boardParams = z.object({ meetingId: idSchema, boardId: idSchema });
const security = [{ meetingKey: [] }];

/** Boards that seat people at tables (world café): the seating and the tables' editor links, for the facilitator. */
export const seatingRoutes: FastifyPluginAsyncZod<{ seating: SeatingService }> = async (app, { seating }) => {
  app.get(
    '/meetings/:meetingId/boards/:boardId/seats',
    {
      schema: {
        summary: "Who sits at which table this round, by the name and organisation they gave (facilitator)",
        security,
        params: boardParams,
        response: { 200: seatingListSchema },
      },
    },
    async (req) => seating.list(req.params.meetingId, req.params.boardId, keyOf(req)),
  );

  app.patch(
    '/meetings/:meetingId/boards/:boardId/seats/:seatId',
    {
      schema: {
        summary: 'Move a person to another table this round, or make them a table host (facilitator)',
        security,
        params: boardParams.extend({ seatId: idSchema }),
        body: moveSeatBody,
        response: { 200: seatingListSchema },
      },
    },
    async (req) => seating.move(req.params.meetingId, req.params.boardId, keyOf(req), req.params.seatId, req.body),
  );

  app.get(
    '/meetings/:meetingId/boards/:boardId/tables',
    {
      schema: {
        summary: "Each table's editor key, for a host's tablet: it writes that table only (facilitator)",
        security,
        params: boardParams,
        response: { 200: tableLinksSchema },
      },
    },
    async (req) => seating.tableLinks(req.params.meetingId, req.params.boardId, keyOf(req)),
  );
};
