import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplySchema, idSchema, retentionSchema } from '@dilna/shared';
import type { ArchiveExport } from '../services/archive-export.ts';
import type { RetentionService } from '../services/retention.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];
const params = z.object({ groupId: idSchema });

/** A group's data: its whole archive as a zip, and how long it keeps its participants' records. */
export const dataRoutes: FastifyPluginAsyncZod<{ archive: ArchiveExport; retention: RetentionService; auth: SessionAuth }> = async (
  app,
  { archive, retention, auth },
) => {
  app.get(
    '/groups/:groupId/export.zip',
    {
      schema: {
        summary: "The group's whole archive as a zip: archiv.json, each meeting's minutes as DOCX, each board's results as CSV (its facilitators and members)",
        description: "Without secret links, participants' names and organisations, or who answered what.",
        security,
        params,
        produces: ['application/zip'],
        response: {
          200: z.any().meta({ type: 'string', format: 'binary' }).describe('The zip (Content-Disposition: attachment; filename="dilna-<group>-<date>.zip")'),
          404: errorReplySchema.describe('No such group, or not in it'),
        },
      },
    },
    async (req, reply) => {
      const { filename, body } = await archive.build(req.params.groupId, auth.required(req));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Buffer.from(body));
    },
  );

  app.get(
    '/groups/:groupId/retention',
    {
      schema: {
        summary: "How many days after a meeting the group keeps its participants' records; null keeps them (its facilitators and members)",
        security,
        params,
        response: { 200: retentionSchema },
      },
    },
    async (req) => retention.get(req.params.groupId, auth.required(req)),
  );

  app.put(
    '/groups/:groupId/retention',
    {
      schema: {
        summary: "Set how many days after a meeting the group keeps its participants' records (its facilitators)",
        security,
        params,
        body: retentionSchema,
        response: { 200: retentionSchema },
      },
    },
    async (req) => retention.set(req.params.groupId, auth.required(req), req.body.days),
  );
};
