/**
 * Hocuspocus (v3, which runs on Node 20) with its Database extension writing to SQLite: it stores
 * a document's whole state, debounced (its default: 2 s after the last change, 10 s at most).
 * Run as a child by the boards benchmark: `PORT=… HOST=… DATA_DIR=… node --import tsx bench/peers/hocuspocus-server.ts`.
 */
import { createServer } from 'node:http';
import { Database } from '@hocuspocus/extension-database';
import { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { openLog } from './sqlite-log.ts';

const log = openLog(process.env.DATA_DIR!);
const hocuspocus = new Hocuspocus({
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const updates = log.load(documentName);
        return updates.length ? Y.mergeUpdates(updates) : null;
      },
      store: async ({ documentName, state }) => log.replace(documentName, state),
    }),
  ],
});

const wss = new WebSocketServer({ noServer: true });
const http = createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' }).end('{"ok":true}');
});
http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => hocuspocus.handleConnection(ws, req)));
http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
