/**
 * Phone weight: what a participant's phone downloads from opening the join link to having voted
 * in a live poll (a multiple choice), and how long that takes on a poor connection. Chromium (the
 * one Playwright uses here) as a 390×844 phone, its network throttled through the DevTools
 * protocol (Network.emulateNetworkConditions) to 400 kbit/s each way with 400 ms latency, cache
 * off. Needs the built web app (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { BENCH_ADMIN_PASSWORD, api, connectBoardDoc, groupAndMeeting } from './lib/clients.ts';
import { startChild, type Child } from './lib/proc.ts';
import { pollChoice, waitReady } from './workloads.ts';

/** Issue 8: JS and CSS a phone needs for the join page and one vote, gzipped. */
export const PHONE_BUDGET_BYTES = 60_000;
const KBIT = 1000 / 8;
const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400 * KBIT, uploadThroughput: 400 * KBIT };

export interface Asset {
  path: string;
  kind: 'document' | 'script' | 'stylesheet' | 'other';
  /** The file's size. */
  bytes: number;
  /** The same compressed with gzip (level 9): what the budget counts. */
  gzipBytes: number;
  /** Body bytes that crossed the network (compressed if the server sent it so). */
  wireBytes: number;
  /** How the server compressed it (Content-Encoding), if it did. */
  encoding: string | null;
}

export interface PhoneWeightResult {
  assets: Asset[];
  /** Navigation start → the vote acknowledged on the phone ("Vaše odpověď je zaznamenaná."), throttled. */
  timeToVoteMs: number;
  /** The same, once the question is on screen (before the tap). */
  timeToQuestionMs: number;
}

function chromiumPath(root: string): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const file = join(root, '.cache/chromium-path');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export async function runPhoneWeight(root: string): Promise<PhoneWeightResult> {
  if (!existsSync(join(root, 'web/build/index.html'))) throw new Error('phone weight needs the built web app: run `npm run build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'dilna-bench-weight-'));
  let server: Child | null = null;
  const browser = await chromium.launch({ executablePath: chromiumPath(root), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    server = await startChild(root, 'server/src/server.ts', { DATA_DIR: dataDir, LOG: '0', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD }, null);
    const { origin } = server;
    const meeting = await groupAndMeeting(origin, 'Veřejné projednání');
    const facilitatorKey = meeting.keys.facilitator!;
    const board = await pollChoice.prepare({ origin, port: server.port, meetingId: meeting.id, facilitatorKey });
    const projector = await connectBoardDoc(server.port, board.boardId, meeting.keys.screen!);
    await waitReady(board, projector.doc);
    projector.destroy();
    await api(origin, 'PATCH', `/meetings/${meeting.id}`, { key: facilitatorKey, body: { liveBoardId: board.boardId } });

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'cs-CZ' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);

    const pending: Promise<Asset | null>[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
      const type = response.request().resourceType();
      const kind = type === 'document' || type === 'script' || type === 'stylesheet' ? type : 'other';
      const asset = async (): Promise<Asset> => {
        const body = await response.body();
        return {
          path: url.pathname,
          kind,
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          wireBytes: (await response.request().sizes()).responseBodySize,
          encoding: response.headers()['content-encoding'] ?? null,
        };
      };
      pending.push(asset().catch(() => null));
    });

    const started = performance.now();
    await page.goto(`${origin}/join?code=${meeting.joinCode}`);
    await page.getByRole('radio', { name: 'Seniorům' }).waitFor({ timeout: 60_000 });
    const timeToQuestionMs = performance.now() - started;
    await page.getByRole('radio', { name: 'Seniorům' }).check();
    await page.getByRole('button', { name: 'Odeslat odpověď' }).click();
    await page.getByText('Vaše odpověď je zaznamenaná.').waitFor({ timeout: 60_000 });
    const timeToVoteMs = performance.now() - started;
    const assets = (await Promise.all(pending)).filter((a): a is Asset => a !== null);
    return { assets, timeToVoteMs, timeToQuestionMs };
  } finally {
    await browser.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
