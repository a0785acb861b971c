/**
 * Security headers on every response, with a Content-Security-Policy that lets only this server's
 * scripts and the hashed inline bootstrap of the page it serves run; Origin checks on the Yjs
 * and socket.io handshakes (against cross-site WebSocket hijacking).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SOCKET_PATH, rooms } from '@dilna/shared';
import { join, liveNotesMeeting, startServer, tempDataDir, useResources, yjsBaseUrl, type TestServer } from './helpers.ts';

const resources = useResources();

const BOOTSTRAP = '\n\t\t\t\t{\n\t\t\t\t\tconst element = document.currentScript.parentElement;\n\t\t\t\t}\n\t\t\t';

/** A built page as SvelteKit writes it: one inline bootstrap script, one external module. */
async function builtWeb(): Promise<string> {
  const dir = joinPath(await tempDataDir(resources), 'build');
  await mkdir(dir, { recursive: true });
  await writeFile(
    joinPath(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/_app/start.js"></script></head><body><div><script>${BOOTSTRAP}</script></div></body></html>`,
  );
  return dir;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('security headers', () => {
  it('every response carries the CSP with the served page’s inline script hash, and no unsafe-inline script', async () => {
    const server = await startServer(resources, { webDir: await builtWeb() });
    const expectedHash = `'sha256-${createHash('sha256').update(BOOTSTRAP).digest('base64')}'`;
    for (const path of ['/', '/p/some-meeting', '/api/health', '/api/no-such-route']) {
      const res = await fetch(`${server.origin}${path}`);
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      expect(csp.get('script-src'), path).toEqual(["'self'", expectedHash]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${server.port}`, `wss://127.0.0.1:${server.port}`]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('a route’s own stricter policy is kept: the minutes’ print page allows no script', async () => {
    const server = await startServer(resources, { webDir: await builtWeb() });
    const fixture = await liveNotesMeeting(server);
    const res = await fetch(`${server.origin}/api/meetings/${fixture.meetingId}/minutes.html`, { headers: { 'x-dilna-key': fixture.keys.editor } });
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toBeUndefined();
  });

  it('a forged Host header cannot write into the policy', async () => {
    const server = await startServer(resources);
    const { request } = await import('node:http');
    const policy = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { host: "x; script-src * 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(directives(policy).get('script-src')).toEqual(["'self'"]);
    expect(directives(policy).get('connect-src')).toEqual(["'self'"]);
  });
});

/** Opens a Yjs socket with a given Origin header (none when null); resolves with 'open' or the refusing status. */
function yjsWithOrigin(server: TestServer, room: string, key: string, origin: string | null): Promise<'open' | number> {
  const ws = new WebSocket(`${yjsBaseUrl(server)}/${room}?key=${encodeURIComponent(key)}`, origin === null ? {} : { origin });
  resources.add(ws, (s) => s.terminate());
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

/** Connects a phone's socket.io client with a given Origin header; resolves with 'connected' or the error. */
function phoneWithOrigin(server: TestServer, meetingId: string, cookie: string, origin: string | null, transport: 'websocket' | 'polling'): Promise<string> {
  const socket = io(server.origin, {
    path: SOCKET_PATH,
    transports: [transport],
    extraHeaders: { cookie, ...(origin === null ? {} : { origin }) },
    auth: { meetingId },
    reconnection: false,
    forceNew: true,
  });
  resources.add(socket, (s) => s.close());
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(`refused: ${err.message}`));
  });
}

describe('Origin checks on the WebSocket handshakes', () => {
  it('the server’s own pages, listed origins and non-browser clients connect; another site’s page is refused', async () => {
    const server = await startServer(resources, { allowedOrigins: ['https://dilna.mesto.cz'] });
    const fixture = await liveNotesMeeting(server);
    const { cookie } = await join(server, fixture.joinCode);
    const room = rooms.board(fixture.board.id);
    const own = server.origin;

    for (const [origin, expected] of [
      [own, 'open'],
      ['https://dilna.mesto.cz', 'open'],
      [null, 'open'],
      ['https://evil.example', 403],
      [`https://127.0.0.1:${server.port}.evil.example`, 403],
      ['null', 403],
    ] as const) {
      expect(await yjsWithOrigin(server, room, fixture.keys.editor, origin), `Yjs from ${origin}`).toBe(expected);
    }

    for (const transport of ['websocket', 'polling'] as const) {
      for (const [origin, expected] of [
        [own, 'connected'],
        ['https://dilna.mesto.cz', 'connected'],
        [null, 'connected'],
        ['https://evil.example', /^refused/],
        ['null', /^refused/],
      ] as const) {
        const outcome = await phoneWithOrigin(server, fixture.meetingId, cookie, origin, transport);
        if (typeof expected === 'string') expect(outcome, `${transport} from ${origin}`).toBe(expected);
        else expect(outcome, `${transport} from ${origin}`).toMatch(expected);
      }
    }
  });
});
