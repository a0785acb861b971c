import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorReply } from '@dilna/shared';

/** The phone's light app (web/vite.phone.config.ts): what a participant's phone opens, apart from SvelteKit's. */
const PHONE_PAGE = 'phone.html';

/** The join page and a meeting's page on a phone. */
const isPhonePath = (path: string): boolean => path === '/join' || /^\/p\/[^/]+\/?$/.test(path);

const apiNotFound = (url: string): ErrorReply => ({ error: { code: 'not_found', message: `no route ${url}` } });

/**
 * Serves the built SPA with no CDN (everything local, so a meeting runs on a hotspot with no
 * internet), security headers, and the SPA fallback; unknown API routes get a JSON 404.
 */
export const webPlugin = fp<{ webDir: string | null }>(async (app, { webDir }) => {
  const hasWeb = webDir !== null && existsSync(join(webDir, 'index.html'));
  const hasPhoneApp = hasWeb && existsSync(join(webDir, PHONE_PAGE));
  const servedPages = hasPhoneApp ? ['index.html', PHONE_PAGE] : hasWeb ? ['index.html'] : [];
  const scriptHashes = servedPages.flatMap((page) => inlineScriptHashes(readFileSync(join(webDir!, page), 'utf8')));
  app.addHook('onSend', async (req, reply) => {
    // A route may set a stricter policy of its own (the minutes' print page allows no script at all).
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', contentSecurityPolicy(scriptHashes, req.headers.host));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  });

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      // The build writes .br and .gz beside each file: phones that accept them get a third of the bytes.
      preCompressed: true,
      // Caching is decided here alone: the plugin's own default would override it for compressed files.
      cacheControl: false,
      setHeaders: (res, path) => {
        if (path.includes('/_app/immutable/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Vary', 'Accept-Encoding');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isAsset = path.startsWith('/_app/') || /\.[a-z0-9]+$/i.test(path);
    if (path === '/api' || path.startsWith('/api/') || isAsset || req.method !== 'GET' || !hasWeb) {
      return reply.code(404).send(apiNotFound(path));
    }
    const page = hasPhoneApp && isPhonePath(path) ? PHONE_PAGE : 'index.html';
    return reply.header('Cache-Control', 'no-cache').sendFile(page);
  });
});

/**
 * The SHA-256 sources of a built page's inline scripts (SvelteKit's bootstrap): the only inline
 * code the Content-Security-Policy lets run, computed from the build the server actually serves.
 */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
}

/**
 * Scripts only from this server (plus the hashed bootstrap), sockets only to it, no plugins, not
 * framed by others. Inline styles stay allowed: Svelte sets style attributes for layout and transitions.
 */
function contentSecurityPolicy(scriptHashes: string[], host: string | undefined): string {
  // 'self' covers ws: and wss: to this host in CSP 3 browsers; older Safari needs them spelled out.
  // The Host header is the client's to write: only a plain host[:port] goes into the header.
  const sockets = host && /^[\w.-]+(:\d+)?$|^\[[\da-f:]+\](:\d+)?$/i.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${sockets}`,
    // The minutes page prints the server's print page from a hidden frame of a blob: address.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
