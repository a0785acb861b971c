import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, searchQuerySchema, searchResultsSchema } from '@dilna/shared';
import type { SearchService } from '../services/search.ts';
import type { SessionAuth } from './session-auth.ts';

export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService; auth: SessionAuth }> = async (app, { search, auth }) => {
  app.get(
    '/groups/:groupId/search',
    {
      schema: {
        summary: "Full-text search across a group's boards and minutes, best hits first (its facilitators and members)",
        security: [{ session: [] }],
        params: z.object({ groupId: idSchema }),
        querystring: searchQuerySchema,
        response: { 200: searchResultsSchema },
      },
    },
    async (req) => search.search(req.params.groupId, auth.required(req), req.query.q),
  );
};
