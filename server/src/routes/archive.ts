import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boardDocsQuery, boardDocsSchema, boardHistorySchema, errorReplySchema, groupArchiveSchema, idSchema } from '@dilna/shared';
import type { ArchiveService } from '../services/archive.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];
const refusals = {
  401: errorReplySchema.describe('Not logged in'),
  404: errorReplySchema.describe('No such group, board or snapshot, or not in the group of the account'),
};

/** A group's archive for its members, facilitators and the administrator; anyone else learns nothing of it. */
export const archiveRoutes: FastifyPluginAsyncZod<{ archive: ArchiveService; auth: SessionAuth }> = async (app, { archive, auth }) => {
  app.get(
    '/groups/:groupId/archive',
    {
      schema: {
        summary: "A group's meetings, newest first, with their boards and whether they have minutes (the group's accounts)",
        security,
        params: z.object({ groupId: idSchema }),
        response: { 200: groupArchiveSchema, ...refusals },
      },
    },
    async (req) => archive.groupArchive(req.params.groupId, auth.required(req)),
  );

  app.get(
    '/boards/:boardId/snapshots',
    {
      schema: {
        summary: 'A board with its meeting and the moments it was kept at for replay, oldest first (the group\'s accounts)',
        security,
        params: z.object({ boardId: idSchema }),
        response: { 200: boardHistorySchema, ...refusals },
      },
    },
    async (req) => archive.boardHistory(req.params.boardId, auth.required(req)),
  );

  app.get(
    '/boards/:boardId/docs',
    {
      schema: {
        summary: "A board's docs (its own and its tables') now or at one of its snapshots, to show it read-only (the group's accounts)",
        description:
          'Each doc is one Yjs update (`Y.encodeStateAsUpdate`) in base64, by room name (`board:<id>`, `table:<board>:<table>`). ' +
          'JSON rather than a binary body: a board is a few kilobytes to a few hundred, and one typed reply carries all its docs.',
        security,
        params: z.object({ boardId: idSchema }),
        querystring: boardDocsQuery,
        response: { 200: boardDocsSchema, ...refusals },
      },
    },
    async (req) => archive.boardDocs(req.params.boardId, auth.required(req), req.query.snapshot),
  );
};
