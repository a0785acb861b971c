import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES, YJS_PATH } from '@dilna/shared';
import type { DocRegistry } from './docs.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const PING_INTERVAL_MS = 30_000;
const ACCESS_CHECK_MS = 15_000;

/** Who a connection is, decided by the server from its access key, never by the client. */
export interface YjsIdentity {
  room: string;
  canWrite: boolean;
  /** Shown to others in presence; replaces whatever the client put in its awareness `user` field. */
  user: { role: string; name: string };
  /**
   * For access that can be taken back (a login's: logged out, removed from the group, disabled):
   * asked now and then whether the connection may still do what it was opened for; false closes it.
   */
  stillAllowed?: () => boolean;
}

/** `req` carries the cookies of the upgrade, for rooms that accounts open by their session. */
export type AuthorizeUpgrade = (room: string, key: string | null, req: IncomingMessage) => YjsIdentity | { status: 401 | 403 | 404 };

interface Connection {
  identity: YjsIdentity;
  clientIds: Set<number>;
  alive: boolean;
}

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: Map<WebSocket, Connection>;
  dispose: () => void;
}

/**
 * The server side of the standard y-websocket protocol (sync + awareness), one room per Y.Doc.
 * Read-only connections (screens) get every update but their writes are dropped.
 */
export class YjsServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly rooms = new Map<string, Room>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly accessTimer: NodeJS.Timeout;

  constructor(
    private readonly docs: DocRegistry,
    private readonly authorize: AuthorizeUpgrade,
    private readonly allowOrigin: (req: IncomingMessage) => boolean,
    accessCheckMs = ACCESS_CHECK_MS,
  ) {
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.accessTimer = setInterval(() => this.checkAccess(), accessCheckMs);
    this.accessTimer.unref();
    // A removed board's editors must not keep typing into a doc that is no longer stored.
    docs.on('delete', (name) => this.closeRoom(name));
  }

  /** Takes over upgrades under YJS_PATH; other upgrades (socket.io) are left alone. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(`${YJS_PATH}/`)) return;
      const room = decodeRoom(url.pathname.slice(YJS_PATH.length + 1));
      const result = !this.allowOrigin(req)
        ? { status: 403 as const }
        : room === null
          ? { status: 404 as const }
          : this.authorize(room, url.searchParams.get('key'), req);
      if ('status' in result) {
        const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[result.status];
        socket.end(`HTTP/1.1 ${result.status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, result));
    });
  }

  /** Disconnects everyone in a room (its doc was deleted or access was revoked). */
  closeRoom(name: string): void {
    for (const ws of this.rooms.get(name)?.connections.keys() ?? []) ws.close(4404, 'room closed');
  }

  close(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.accessTimer);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private room(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const doc = this.docs.retain(name);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const connections = new Map<WebSocket, Connection>();
    const onUpdate = (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(connections.keys(), encoding.toUint8Array(encoder));
    };
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const changed = [...added, ...updated, ...removed];
      const owner = origin instanceof WebSocket ? connections.get(origin) : undefined;
      if (owner) {
        for (const id of added) owner.clientIds.add(id);
        for (const id of removed) owner.clientIds.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      broadcast(connections.keys(), encoding.toUint8Array(encoder));
    };
    doc.on('update', onUpdate);
    awareness.on('update', onAwareness);
    const room: Room = {
      doc,
      awareness,
      connections,
      dispose: () => {
        doc.off('update', onUpdate);
        awareness.off('update', onAwareness);
        awareness.destroy();
        this.rooms.delete(name);
        this.docs.release(name);
      },
    };
    this.rooms.set(name, room);
    return room;
  }

  private open(ws: WebSocket, identity: YjsIdentity): void {
    ws.binaryType = 'arraybuffer';
    const room = this.room(identity.room);
    const connection: Connection = { identity, clientIds: new Set(), alive: true };
    room.connections.set(ws, connection);

    ws.on('message', (data: ArrayBuffer, isBinary: boolean) => {
      if (!isBinary) return ws.close(1003, 'binary frames only');
      try {
        this.receive(ws, room, connection, new Uint8Array(data));
      } catch {
        ws.close(1007, 'malformed message');
      }
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      room.connections.delete(ws);
      awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.clientIds], null);
      if (room.connections.size === 0) room.dispose();
    });

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    send(ws, encoding.toUint8Array(encoder));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) send(ws, awarenessMessage(room.awareness, states));
  }

  private receive(ws: WebSocket, room: Room, connection: Connection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.readSyncStep1(decoder, encoder, room.doc);
          send(ws, encoding.toUint8Array(encoder));
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          if (!connection.identity.canWrite) return;
          Y.decodeUpdate(update); // throws on a malformed update before it can touch the doc
          Y.applyUpdate(room.doc, update, ws);
        } else {
          throw new Error(`unknown sync message ${syncType}`);
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        if (!connection.identity.canWrite) return;
        awarenessProtocol.applyAwarenessUpdate(room.awareness, stampIdentity(update, connection.identity.user), ws);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        send(ws, awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      default:
        throw new Error(`unknown message ${type}`);
    }
  }

  /** Closes the connections whose access was taken back; the client may reconnect with what it has now. */
  private checkAccess(): void {
    for (const room of this.rooms.values()) {
      for (const [ws, { identity }] of room.connections) {
        if (identity.stillAllowed && !identity.stillAllowed()) ws.close(4403, 'access changed');
      }
    }
  }

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      for (const [ws, connection] of room.connections) {
        if (!connection.alive) {
          ws.terminate();
          continue;
        }
        connection.alive = false;
        ws.ping();
      }
    }
  }
}

/** The room named in the path, or null when its escapes are malformed (decoding would throw and end the process). */
function decodeRoom(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(message, (err) => err && ws.terminate());
}

function broadcast(targets: Iterable<WebSocket>, message: Uint8Array): void {
  for (const ws of targets) send(ws, message);
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** Rewrites the `user` field of every state in an awareness update with the server's identity. */
export function stampIdentity(update: Uint8Array, user: YjsIdentity['user']): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    const stamped = state !== null && typeof state === 'object' ? { ...state, user } : null;
    encoding.writeVarString(encoder, JSON.stringify(stamped));
  }
  return encoding.toUint8Array(encoder);
}
