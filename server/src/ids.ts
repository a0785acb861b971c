import { randomBytes, randomInt } from 'node:crypto';

/** URL-safe random identifier (128 bits). */
export const newId = () => randomBytes(16).toString('base64url');
/** A capability key for a secret link (192 bits). */
export const newKey = () => randomBytes(24).toString('base64url');
/** Six digits for participants to type; uniqueness is checked by the caller. */
export const newJoinCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
