import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { serverInfoSchema } from '@dilna/shared';

export const VERSION = '0.1.0';

/** Addresses on the local network that phones in the room can reach. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

export const systemRoutes: FastifyPluginAsyncZod<{ publicUrl: string | null }> = async (app, { publicUrl }) => {
  app.get(
    '/health',
    { schema: { summary: 'Liveness', response: { 200: z.object({ ok: z.literal(true), version: z.string() }) } } },
    async () => ({ ok: true as const, version: VERSION }),
  );

  app.get(
    '/info',
    { schema: { summary: 'Addresses for participants to join at', response: { 200: serverInfoSchema } } },
    async () => {
      const port = (app.server.address() as AddressInfo | null)?.port ?? 0;
      const joinBaseUrls = publicUrl ? [publicUrl] : lanAddresses().map((ip) => `http://${ip}:${port}`);
      return { version: VERSION, joinBaseUrls };
    },
  );
};
