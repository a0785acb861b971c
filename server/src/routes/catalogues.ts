import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  catalogueEntrySchema,
  catalogueNameSchema,
  cataloguesSchema,
  createCatalogueEntryBody,
  errorReplySchema,
  updateCatalogueEntryBody,
} from '@dilna/shared';
import type { CataloguesService } from '../services/catalogues.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];
const refusals = { 401: errorReplySchema.describe('Not logged in'), 403: errorReplySchema.describe('Not an administrator') };

/** The catalogues of target groups and kinds of social services that plans' cards pick from. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ catalogues: CataloguesService; auth: SessionAuth }> = async (app, { catalogues, auth }) => {
  app.get(
    '/catalogues',
    {
      schema: {
        summary: 'Every catalogue entry, retired ones included (cards that use them still show them); public: a meeting\'s projector needs the labels',
        response: { 200: cataloguesSchema },
      },
    },
    async () => catalogues.all(),
  );

  app.post(
    '/catalogues/:catalogue/entries',
    {
      schema: {
        summary: 'Add an entry at the end of a catalogue (administrators)',
        security,
        params: z.object({ catalogue: catalogueNameSchema }),
        body: createCatalogueEntryBody,
        response: { 201: catalogueEntrySchema, ...refusals },
      },
    },
    async (req, reply) => reply.code(201).send(catalogues.create(auth.required(req), req.params.catalogue, req.body)),
  );

  app.patch(
    '/catalogues/:catalogue/entries/:entryId',
    {
      schema: {
        summary: 'Rename, retire or restore an entry, or move it one place up or down (administrators); entries are never deleted',
        security,
        params: z.object({ catalogue: catalogueNameSchema, entryId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
        body: updateCatalogueEntryBody,
        response: { 200: catalogueEntrySchema, 404: errorReplySchema.describe('No such entry in this catalogue'), ...refusals },
      },
    },
    async (req) => catalogues.update(auth.required(req), req.params.catalogue, req.params.entryId, req.body),
  );
};
