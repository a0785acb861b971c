import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ServerProcess, createMeetingWithBoard, expectAccessible, phoneContext } from './harness.ts';

let server: ServerProcess;
let proxy: Server | null = null;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  if (proxy) {
    const closing = new Promise((resolve) => proxy!.close(resolve));
    proxy.closeAllConnections();
    await closing;
    proxy = null;
  }
  await server.stop();
});

/** A network in the way (a hotspot, a proxy) that passes HTTP to the server but lets no WebSocket through. */
async function proxyWithoutWebSockets(target: ServerProcess): Promise<{ url: string; refusedUpgrades: () => number }> {
  let refused = 0;
  proxy = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('upgrade', (_req, socket) => {
    refused++;
    socket.destroy();
  });
  await new Promise((resolve) => proxy!.listen(0, '127.0.0.1', () => resolve(null)));
  return { url: `http://localhost:${(proxy.address() as AddressInfo).port}`, refusedUpgrades: () => refused };
}

test('a phone on a network that lets no WebSocket through joins and answers over long polling', async ({ browser }) => {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  const { code } = await createMeetingWithBoard(facilitator, { title: 'Co nám chybí?' });
  await facilitator.getByRole('button', { name: 'Spustit: Co nám chybí?' }).click();

  const network = await proxyWithoutWebSockets(server);
  const phone = await (await phoneContext(browser, network.url)).newPage();
  const polled = phone.waitForRequest((req) => req.url().includes('/socket.io/') && req.url().includes('transport=polling'));
  await phone.goto(`/join?code=${code}`);
  await expect(phone.getByRole('heading', { name: 'Co nám chybí?' })).toBeVisible();
  await polled;
  expect(network.refusedUpgrades()).toBeGreaterThan(0);

  await phone.getByLabel('Váš lísteček').fill('Chybí noclehárna pro ženy');
  await phone.getByRole('button', { name: 'Poslat lísteček' }).click();
  await expect(phone.getByText('Odesláno. Děkujeme!')).toBeVisible();
  await expect(facilitator.getByText('Chybí noclehárna pro ženy')).toBeVisible();
  await expectAccessible(phone);
});
