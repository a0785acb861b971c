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

export const groupRoutes: FastifyPluginAsyncZod<{ meetings: MeetingsService }> = async (app, { meetings }) => {
  app.get('/groups', { schema: { summary: 'List working groups', response: { 200: z.array(groupListItemSchema) } } }, async () =>
    meetings.listGroups(),
  );

  app.post(
    '/groups',
    { schema: { summary: 'Create a working group', body: createGroupBody, response: { 201: groupDetailSchema } } },
    async (req, reply) => reply.code(201).send(meetings.createGroup(req.body)),
  );

  app.get(
    '/groups/:groupId',
    {
      schema: {
        summary: 'A group with its meetings',
        params: z.object({ groupId: idSchema }),
        response: { 200: groupDetailSchema },
      },
    },
    async (req) => meetings.getGroup(req.params.groupId),
  );

  app.get(
    '/groups/:groupId/meetings',
    {
      schema: {
        summary: "A group's meetings, newest first",
        params: z.object({ groupId: idSchema }),
        response: { 200: groupDetailSchema.shape.meetings },
      },
    },
    async (req) => meetings.getGroup(req.params.groupId).meetings,
  );

  app.post(
    '/groups/:groupId/meetings',
    {
      schema: {
        summary: 'Create a meeting; the reply holds its secret links (keys)',
        params: z.object({ groupId: idSchema }),
        body: createMeetingBody,
        response: { 201: meetingDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(meetings.createMeeting(req.params.groupId, req.body)),
  );
};
