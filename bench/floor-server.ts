/**
 * The floor of the audience benchmark: a bare socket.io server on the same transport settings
 * as Dílna's phone channel that only counts intents in memory and acknowledges them. Whatever
 * Dílna spends above this is the cost of its checks, SQLite, Yjs and fan-out.
 * Run as a child: `PORT=… HOST=127.0.0.1 node --import tsx bench/floor-server.ts`.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { SOCKET_PATH, type IntentAck } from '@dilna/shared';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

// The same liveness route as Dílna, so both answer the same latency probe.
const http = createServer((req, res) => {
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } else {
    res.writeHead(404).end();
  }
});

const io = new Server(http, { path: SOCKET_PATH, serveClient: false, maxHttpBufferSize: 16 * 1024 });
const votes = new Map<string, number>();
io.on('connection', (socket) => {
  socket.on('intent', (_envelope: unknown, ack: unknown) => {
    votes.set(socket.id, (votes.get(socket.id) ?? 0) + 1);
    if (typeof ack === 'function') (ack as (reply: IntentAck) => void)({ ok: true });
  });
  socket.on('disconnect', () => votes.delete(socket.id));
});

http.listen(port, host);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void io.close().then(() => process.exit(0));
  });
}
