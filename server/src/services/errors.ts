import type { ApiErrorCode } from '@dilna/shared';

/** An error with the HTTP status and code the API replies with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** The request field at fault, named like schema errors are (`body.settings.x`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A 400 that names the field, like the schema validation errors do. */
export const badRequest = (field: string, message: string) => new HttpError(400, 'bad_request', `${field}: ${message}`, field);

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
