import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createGroupBody,
  createMeetingBody,
  groupDetailSchema,
  groupListItemSchema,
  idSchema,
  meetingDetailSchema,
} from '@dilna/shared';
import type { MeetingsService } from '../services/meetings.ts';
import type { SessionAuth } from './session-auth.ts';

const security = [{ session: [] }];

export const groupRoutes: FastifyPluginAsyncZod<{ meetings: MeetingsService; auth: SessionAuth }> = async (app, { meetings, auth }) => {
  app.get(
    '/groups',
    { schema: { summary: "The working groups of the logged-in account (an administrator's: all)", security, response: { 200: z.array(groupListItemSchema) } } },
    async (req) => meetings.listGroups(auth.required(req)),
  );

  app.post(
    '/groups',
    { schema: { summary: 'Create a working group (administrator)', security, body: createGroupBody, response: { 201: groupDetailSchema } } },
    async (req, reply) => reply.code(201).send(meetings.createGroup(auth.required(req), req.body)),
  );

  app.get(
    '/groups/:groupId',
    {
      schema: {
        summary: 'A group with its meetings (its facilitators and members)',
        security,
        params: z.object({ groupId: idSchema }),
        response: { 200: groupDetailSchema },
      },
    },
    async (req) => meetings.getGroup(req.params.groupId, auth.required(req)),
  );

  app.get(
    '/groups/:groupId/meetings',
    {
      schema: {
        summary: "A group's meetings, newest first (its facilitators and members)",
        security,
        params: z.object({ groupId: idSchema }),
        response: { 200: groupDetailSchema.shape.meetings },
      },
    },
    async (req) => meetings.getGroup(req.params.groupId, auth.required(req)).meetings,
  );

  app.post(
    '/groups/:groupId/meetings',
    {
      schema: {
        summary: "Create a meeting; the reply holds its secret links (keys) (the group's facilitators)",
        security,
        params: z.object({ groupId: idSchema }),
        body: createMeetingBody,
        response: { 201: meetingDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(meetings.createMeeting(req.params.groupId, auth.required(req), req.body)),
  );
};
