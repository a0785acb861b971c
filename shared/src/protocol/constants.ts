// Without zod, for the phone's bundle.

export const PROTOCOL_VERSION = 1;

/** Path prefix of the Yjs WebSocket endpoint: `/yjs/<room>?key=<access key>`. */
export const YJS_PATH = '/yjs';
/** Path of the participants' socket.io endpoint. */
export const SOCKET_PATH = '/socket.io';
/** Largest Yjs or socket.io frame the server accepts. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Phones get at most this many state updates per second. */
export const PHONE_STATE_HZ = 4;
/** Header that carries the session's CSRF token. */
export const CSRF_HEADER = 'x-dilna-csrf';
