/**
 * The y-websocket reference server (@y/websocket-server: setupWSConnection, as its own bin runs
 * it) with a SQLite persistence in place of y-leveldb: every update appended, as Dílna does.
 * Run as a child by the boards benchmark: `PORT=… HOST=… DATA_DIR=… node --import tsx bench/peers/y-websocket-server.ts`.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { openLog } from './sqlite-log.ts';

const log = openLog(process.env.DATA_DIR!);
setPersistence({
  provider: log,
  bindState: async (name: string, doc: Y.Doc) => {
    for (const update of log.load(name)) Y.applyUpdate(doc, update);
    doc.on('update', (update: Uint8Array) => log.append(name, update));
  },
  writeState: async () => {},
});

const wss = new WebSocketServer({ noServer: true });
const http = createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' }).end('{"ok":true}');
});
http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)));
http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
