import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorReply } from '@dilna/shared';

const apiNotFound = (url: string): ErrorReply => ({ error: { code: 'not_found', message: `no route ${url}` } });

/**
 * Serves the built SPA with no CDN (everything local, so a meeting runs on a hotspot with no
 * internet), security headers, and the SPA fallback; unknown API routes get a JSON 404.
 */
export const webPlugin = fp<{ webDir: string | null }>(async (app, { webDir }) => {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  });

  const hasWeb = webDir !== null && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      preCompressed: false,
      setHeaders: (res, path) => {
        if (path.includes('/_app/immutable/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isAsset = path.startsWith('/_app/') || /\.[a-z0-9]+$/i.test(path);
    if (path === '/api' || path.startsWith('/api/') || isAsset || req.method !== 'GET' || !hasWeb) {
      return reply.code(404).send(apiNotFound(path));
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
});
