import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorCode, ErrorReply } from '@dilna/shared';
import { HttpError } from '../services/errors.ts';

const codeForStatus: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'bad_request',
  429: 'too_many_requests',
};

const errorReply = (code: ApiErrorCode, message: string, field?: string): ErrorReply => ({
  error: field ? { code, message, field } : { code, message },
});

/** Every API error is JSON `{ error: { code, message, field? } }` with the right status. */
export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0]!;
      const field = [err.validationContext, ...first.instancePath.split('/').filter(Boolean)].join('.');
      return reply.code(400).send(errorReply('bad_request', `${field}: ${first.message}`, field));
    }
    if (err instanceof HttpError) return reply.code(err.status).send(errorReply(err.code, err.message, err.field));
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'the body is not valid JSON' : err.message;
      return reply.code(status).send(errorReply(codeForStatus[status] ?? 'bad_request', message));
    }
    req.log.error(err);
    return reply.code(500).send(errorReply('internal', 'internal error'));
  });
});
