/**
 * Which page the server sends for a path: a participant's phone gets the phone's light app for the
 * join page and a meeting's page, every other page the SvelteKit app (SPA fallback).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempDataDir, useResources } from './helpers.ts';

const resources = useResources();

async function builtWeb(pages: Record<string, string>): Promise<string> {
  const dir = join(await tempDataDir(resources), 'build');
  await mkdir(dir, { recursive: true });
  for (const [file, body] of Object.entries(pages)) await writeFile(join(dir, file), body);
  return dir;
}

async function pageAt(origin: string, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${origin}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('web pages', () => {
  it('the join page and a meeting’s page are the phone app; the other pages the SvelteKit app', async () => {
    const server = await startServer(resources, { webDir: await builtWeb({ 'index.html': 'the app', 'phone.html': 'the phone' }) });
    for (const path of ['/join', '/join?code=123456', '/p/abc_DEF-123', '/p/abc/']) {
      expect(await pageAt(server.origin, path), path).toEqual({ status: 200, body: 'the phone' });
    }
    for (const path of ['/', '/m/abc', '/table/board/table', '/p/abc/more', '/joined']) {
      expect(await pageAt(server.origin, path), path).toEqual({ status: 200, body: 'the app' });
    }
    expect((await pageAt(server.origin, '/_app/immutable/phone/missing.js')).status).toBe(404);
  });

  it('a build without the phone app serves the SvelteKit app on the phone’s paths too', async () => {
    const server = await startServer(resources, { webDir: await builtWeb({ 'index.html': 'the app' }) });
    expect(await pageAt(server.origin, '/join')).toEqual({ status: 200, body: 'the app' });
  });
});
