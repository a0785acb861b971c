import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket or socket.io handshake may proceed, judged by its Origin header: a page of
 * this server (same host as the request), of the public URL, or of an origin listed in
 * ALLOWED_ORIGINS. Stops another site's page from opening a participant's socket with their cookie
 * (cross-site WebSocket hijacking). A handshake without an Origin header comes from no browser
 * page, so there is no cookie of a victim to abuse: it is let through to its own credentials check.
 */
export function originPolicy(allowedOrigins: readonly string[]): (req: IncomingMessage) => boolean {
  const allowed = new Set(allowedOrigins.map(normalize).filter((o): o is string => o !== null));
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const normalized = normalize(origin);
    if (normalized === null) return false;
    return allowed.has(normalized) || new URL(normalized).host === req.headers.host;
  };
}

function normalize(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
