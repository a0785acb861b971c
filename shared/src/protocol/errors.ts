/** Error codes a phone can receive for an intent; the phone shows them in its own language. */
export const intentErrorCodes = [
  'invalid',
  'not_joined',
  'unknown_board',
  'unknown_item',
  'not_live',
  'closed',
  'limit_reached',
  'duplicate',
  /** A note to a world café table the participant does not sit at. */
  'wrong_table',
  'server_error',
] as const;
export type IntentErrorCode = (typeof intentErrorCodes)[number];

/** Error codes of the JSON API. */
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'conflict'
  | 'internal';
