import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPlanBody,
  errorReplySchema,
  idSchema,
  planExportQuery,
  planSchema,
  promotableReplySchema,
  promoteBody,
  promotionSchema,
  updatePlanBody,
} from '@dilna/shared';
import { planExportContentTypes, type PlanExportService } from '../services/plan-export.ts';
import type { PlansService } from '../services/plans.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];
const planParams = z.object({ planId: idSchema });
const refusals = {
  401: errorReplySchema.describe('Not logged in'),
  403: errorReplySchema.describe('The account reads the plan but may not do this'),
  404: errorReplySchema.describe('No such plan, or one the account may not read'),
};

/** Plans of working groups and of the community, for logged-in accounts; promoting a board's result into one. */
export const planRoutes: FastifyPluginAsyncZod<{ plans: PlansService; planExport: PlanExportService; auth: SessionAuth }> = async (
  app,
  { plans, planExport, auth },
) => {
  app.get(
    '/plans',
    {
      schema: {
        summary: "The plans the account may read: the community's first, then its groups' (each says whether the account edits it)",
        security,
        response: { 200: z.array(planSchema), 401: refusals[401] },
      },
    },
    async (req) => plans.list(auth.required(req)),
  );

  app.post(
    '/plans',
    {
      schema: {
        summary: "Create a plan: a group's (its facilitators) or the community's (groupId null; administrators)",
        security,
        body: createPlanBody,
        response: { 201: planSchema, ...refusals },
      },
    },
    async (req, reply) => reply.code(201).send(plans.create(auth.required(req), req.body)),
  );

  app.get(
    '/plans/:planId',
    { schema: { summary: 'A plan (those who may read it)', security, params: planParams, response: { 200: planSchema, ...refusals } } },
    async (req) => plans.get(req.params.planId, auth.required(req)),
  );

  app.patch(
    '/plans/:planId',
    {
      schema: {
        summary: "Rename a plan or change its period (its editors); its content is edited in its Yjs doc (room plan:<id>)",
        security,
        params: planParams,
        body: updatePlanBody,
        response: { 200: planSchema, ...refusals },
      },
    },
    async (req) => plans.update(req.params.planId, auth.required(req), req.body),
  );

  app.delete(
    '/plans/:planId',
    {
      schema: {
        summary: "Delete a plan with its content (administrators; a group's plan also its facilitators)",
        security,
        params: planParams,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (req, reply) => {
      plans.delete(req.params.planId, auth.required(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/boards/:boardId/promotable',
    {
      schema: {
        summary: "A board's results that can become part of a plan, each with the cards and measures it already became (the group's accounts)",
        security,
        params: z.object({ boardId: idSchema }),
        response: { 200: promotableReplySchema, ...refusals },
      },
    },
    async (req) => plans.promotable(req.params.boardId, auth.required(req)),
  );

  app.post(
    '/plans/:planId/promote',
    {
      schema: {
        summary: "Make a board's result a card or a measure of the plan, linked back to where it came from (the plan's editors who read the board)",
        description: 'Promoting the same result to the same plan as the same type again gives what it made before (200) instead of a copy.',
        security,
        params: planParams,
        body: promoteBody,
        response: { 200: promotionSchema, 201: promotionSchema, 400: errorReplySchema, ...refusals },
      },
    },
    async (req, reply) => {
      const { created, promotion } = plans.promote(req.params.planId, auth.required(req), req.body);
      return reply.code(created ? 201 : 200).send(promotion);
    },
  );

  app.get(
    '/plans/:planId/export',
    {
      schema: {
        summary: "A plan as a file: its activity cards (all, or those listed) or its outline of goals and measures, as DOCX, Markdown or CSV (those who read it)",
        description:
          'DOCX cards come one to a page with their fields as a table. CSV is UTF-8 with a byte-order mark. ' +
          'The file is named after the plan, e.g. `Komunitni-plan-2023-2027-karty.docx`.',
        security,
        params: planParams,
        querystring: planExportQuery,
        produces: Object.values(planExportContentTypes),
        response: {
          200: z.any().meta({ type: 'string', format: 'binary' }).describe('The file (Content-Disposition: attachment)'),
          400: errorReplySchema.describe('A listed card is not in the plan'),
          ...refusals,
        },
      },
    },
    async (req, reply) => {
      const { contentDisposition, contentType, body } = await planExport.export(req.params.planId, auth.required(req), req.query);
      return reply
        .header('content-type', contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition)
        .send(typeof body === 'string' ? body : Buffer.from(body));
    },
  );
};
