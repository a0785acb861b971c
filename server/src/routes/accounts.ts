import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SESSION_COOKIE,
  accountSchema,
  changePasswordBody,
  createAccountBody,
  groupMemberSchema,
  idSchema,
  loginBody,
  sessionSchema,
  setGroupMemberBody,
  updateAccountBody,
} from '@dilna/shared';
import { toAccount, type AccountsService } from '../services/accounts.ts';
import { HttpError } from '../services/errors.ts';
import type { SessionAuth } from './session-auth.ts';

const loggedOut = { user: null, csrfToken: null };
const sessionSecurity = [{ session: [] }];

export const accountRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService; auth: SessionAuth }> = async (app, { accounts, auth }) => {
  app.get(
    '/session',
    { schema: { summary: 'Who is logged in in this browser, and the CSRF token for their changes', response: { 200: sessionSchema } } },
    async (req) => {
      const session = auth.session(req);
      return session ? { user: toAccount(session.user), csrfToken: session.csrfToken } : loggedOut;
    },
  );

  app.post(
    '/session',
    { schema: { summary: 'Log in; sets the HTTP-only session cookie', body: loginBody, response: { 200: sessionSchema } } },
    async (req, reply) => {
      const wait = accounts.loginBlockedFor(req.body.login, req.ip);
      if (wait > 0) {
        reply.header('Retry-After', String(wait));
        throw new HttpError(429, 'too_many_requests', 'too many failed logins; try again later');
      }
      const { token, session } = await accounts.login(req.body.login, req.body.password, req.ip);
      auth.setCookie(req, reply, token);
      return { user: toAccount(session.user), csrfToken: session.csrfToken };
    },
  );

  app.delete('/session', { schema: { summary: 'Log out', security: sessionSecurity } }, async (req, reply) => {
    if (auth.session(req)) accounts.logout(req.cookies[SESSION_COOKIE]);
    auth.clearCookie(reply);
    return reply.code(204).send();
  });

  app.put(
    '/session/password',
    { schema: { summary: 'Change your own password', security: sessionSecurity, body: changePasswordBody } },
    async (req, reply) => {
      await accounts.changeOwnPassword(auth.required(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.get(
    '/accounts',
    { schema: { summary: 'Every account (administrator)', security: sessionSecurity, response: { 200: z.array(accountSchema) } } },
    async (req) => {
      auth.admin(req);
      return accounts.list();
    },
  );

  app.post(
    '/accounts',
    {
      schema: {
        summary: 'Create an account with a password the administrator hands over (administrator)',
        security: sessionSecurity,
        body: createAccountBody,
        response: { 201: accountSchema },
      },
    },
    async (req, reply) => {
      auth.admin(req);
      return reply.code(201).send(await accounts.create(req.body));
    },
  );

  app.patch(
    '/accounts/:userId',
    {
      schema: {
        summary: "Rename, change the role of, disable or set the password of an account; disabling ends its sessions (administrator)",
        security: sessionSecurity,
        params: z.object({ userId: idSchema }),
        body: updateAccountBody,
        response: { 200: accountSchema },
      },
    },
    async (req) => accounts.update(auth.admin(req), req.params.userId, req.body),
  );

  const groupParams = z.object({ groupId: idSchema });
  const memberParams = z.object({ groupId: idSchema, userId: idSchema });
  const members = z.array(groupMemberSchema);

  app.get(
    '/groups/:groupId/members',
    { schema: { summary: "A group's facilitators and members (administrator)", security: sessionSecurity, params: groupParams, response: { 200: members } } },
    async (req) => {
      auth.admin(req);
      return accounts.members(req.params.groupId);
    },
  );

  app.put(
    '/groups/:groupId/members/:userId',
    {
      schema: {
        summary: 'Add an account to a group or change its role there (administrator)',
        security: sessionSecurity,
        params: memberParams,
        body: setGroupMemberBody,
        response: { 200: members },
      },
    },
    async (req) => {
      auth.admin(req);
      return accounts.setMember(req.params.groupId, req.params.userId, req.body.role);
    },
  );

  app.delete(
    '/groups/:groupId/members/:userId',
    { schema: { summary: 'Remove an account from a group (administrator)', security: sessionSecurity, params: memberParams, response: { 200: members } } },
    async (req) => {
      auth.admin(req);
      return accounts.removeMember(req.params.groupId, req.params.userId);
    },
  );
};
