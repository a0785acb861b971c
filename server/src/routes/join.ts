import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { joinBody, joinReplySchema, participantCookieName } from '@dilna/shared';
import { HttpError } from '../services/errors.ts';
import type { ParticipantsService } from '../services/participants.ts';
import { FailureThrottle } from '../services/throttle.ts';

const COOKIE_MAX_AGE_S = 60 * 60 * 24 * 30;

export const joinRoutes: FastifyPluginAsyncZod<{ participants: ParticipantsService; throttle?: FailureThrottle }> = async (
  app,
  { participants, throttle = new FailureThrottle() },
) => {
  app.post(
    '/join',
    {
      schema: {
        summary: 'Join a meeting by its six-digit code; sets the participant cookie',
        body: joinBody,
        response: { 200: joinReplySchema },
      },
    },
    async (req, reply) => {
      if (!throttle.allows(req.ip)) {
        reply.header('Retry-After', String(throttle.retryAfter(req.ip)));
        throw new HttpError(429, 'too_many_requests', 'too many wrong codes; try again in a moment');
      }
      const meeting = participants.meetingByCode(req.body.code);
      if (!meeting) {
        throttle.recordFailure(req.ip);
        throw new HttpError(404, 'not_found', 'no meeting has this code');
      }
      const cookieName = participantCookieName(meeting.id);
      const existing = req.cookies[cookieName];
      const known = existing ? req.unsignCookie(existing) : null;
      const participantId = participants.join(meeting.id, known?.valid ? known.value : null);
      reply.setCookie(cookieName, participantId, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: COOKIE_MAX_AGE_S,
      });
      return { meetingId: meeting.id, title: meeting.title };
    },
  );
};
