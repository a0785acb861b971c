import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, joinBody, joinReplySchema, participantCookieName, profileSchema } from '@dilna/shared';
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

  /** The participant the request's signed cookie names in this meeting, or null. */
  const participantOf = (req: { cookies: Record<string, string | undefined>; unsignCookie: (value: string) => { valid: boolean; value: string | null } }, meetingId: string) => {
    const cookie = req.cookies[participantCookieName(meetingId)];
    const unsigned = cookie ? req.unsignCookie(cookie) : null;
    return unsigned?.valid ? unsigned.value : null;
  };
  const meetingParams = z.object({ meetingId: idSchema });

  app.get(
    '/meetings/:meetingId/me',
    {
      schema: {
        summary: "The participant's own name and organisation (participant cookie)",
        params: meetingParams,
        response: { 200: profileSchema },
      },
    },
    async (req) => participants.profile(req.params.meetingId, participantOf(req, req.params.meetingId)),
  );

  app.put(
    '/meetings/:meetingId/me',
    {
      schema: {
        summary: 'Tell your name and organisation, both optional; only the facilitator sees them (participant cookie)',
        params: meetingParams,
        body: profileSchema,
        response: { 200: profileSchema },
      },
    },
    async (req) => participants.setProfile(req.params.meetingId, participantOf(req, req.params.meetingId), req.body),
  );
};
