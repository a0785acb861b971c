/**
 * The boards scenario: 20 boards × 5 editors, each editor changing its board's doc every 2–5 s
 * (a word typed into a Y.Text and an entry set in a Y.Map, in one transaction), against Dílna's
 * Yjs endpoint, the y-websocket reference server and Hocuspocus, each in a child process pinned
 * like the audience's server and each with SQLite persistence (bench/peers/). Every change carries
 * its send time in its Y.Map entry; the other four editors of the board record when they see it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH, rooms, type Board } from '@dilna/shared';
import { BENCH_ADMIN_PASSWORD, api, groupAndMeeting, mapLimit, until } from './lib/clients.ts';
import { cpuMsPrecise, cpuMs, rssKiB, startChild, type Child, type Pinning } from './lib/proc.ts';
import { percentile } from './lib/stats.ts';

export const BOARDS = 20;
export const EDITORS_PER_BOARD = 5;
const MIN_GAP_MS = 2000;
const MAX_GAP_MS = 5000;
/** After the last change, time for it to reach every peer (and Hocuspocus's debounced store to run). */
const DRAIN_MS = 3000;
const SYNC_TIMEOUT_MS = 30_000;

export const boardTargets = ['dilna', 'y-websocket', 'hocuspocus'] as const;
export type BoardTarget = (typeof boardTargets)[number];

export interface BoardsRun {
  target: BoardTarget;
  editors: number;
  connectFailures: number;
  /** Changes the editors made. */
  changes: number;
  /** Changes seen by a peer (each change should reach its board's four other editors). */
  deliveries: number;
  /** Deliveries that never came: changes × 4 − deliveries (must be 0). */
  missing: number;
  latencyP50: number;
  latencyP99: number;
  /** Server CPU over the editing window ÷ changes. */
  cpuMsPerChange: number;
  /** Server RSS at the end, with every editor connected. */
  rssMiB: number;
  /** Bytes of Yjs data in the server's SQLite at the end (updates and snapshots or states). */
  bytesPersisted: number;
  loaderCpuShare: number;
}

interface Editor {
  doc: Y.Doc;
  synced(): boolean;
  destroy(): void;
}

/** Where the editors of board b connect, per target. */
interface Endpoint {
  connect(board: number): Editor;
  /** Yjs bytes stored by the server now. */
  bytesPersisted(): number;
}

function yWebsocketEditor(url: string, room: string, params: Record<string, string>): Editor {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  });
  return {
    doc,
    synced: () => provider.synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function hocuspocusEditor(url: string, name: string): Editor {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name, document: doc });
  provider.attach();
  return {
    doc,
    synced: () => provider.isSynced,
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
      doc.destroy();
    },
  };
}

function storedBytes(file: string, query: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(query).get() as { bytes: number | null }).bytes ?? 0;
  } finally {
    db.close();
  }
}

async function endpoint(target: BoardTarget, server: Child, dataDir: string): Promise<Endpoint> {
  const ws = `ws://127.0.0.1:${server.port}`;
  if (target === 'y-websocket') {
    return {
      connect: (b) => yWebsocketEditor(ws, `board-${b}`, {}),
      bytesPersisted: () => storedBytes(join(dataDir, 'peer.sqlite'), 'SELECT sum(length(data)) AS bytes FROM updates'),
    };
  }
  if (target === 'hocuspocus') {
    return {
      connect: (b) => hocuspocusEditor(ws, `board-${b}`),
      bytesPersisted: () => storedBytes(join(dataDir, 'peer.sqlite'), 'SELECT sum(length(data)) AS bytes FROM updates'),
    };
  }
  const { origin } = server;
  const meeting = await groupAndMeeting(origin, 'Pracovní skupina');
  const boards: Board[] = [];
  for (let b = 0; b < BOARDS; b++) {
    const { body } = await api<Board>(origin, 'POST', `/meetings/${meeting.id}/boards`, {
      key: meeting.keys.facilitator!,
      body: { kind: 'notes', title: `Nástěnka ${b + 1}`, settings: { prompt: '' } },
      expect: 201,
    });
    boards.push(body);
  }
  return {
    connect: (b) => yWebsocketEditor(`${ws}${YJS_PATH}`, rooms.board(boards[b]!.id), { key: meeting.keys.editor! }),
    bytesPersisted: () =>
      storedBytes(
        join(dataDir, 'dilna.sqlite'),
        "SELECT (SELECT coalesce(sum(length(\"update\")), 0) FROM yjs_updates WHERE doc_name LIKE 'board:%') + (SELECT coalesce(sum(length(state)), 0) FROM yjs_snapshots WHERE doc_name LIKE 'board:%') AS bytes",
      ),
  };
}

const scripts: Record<BoardTarget, string> = {
  dilna: 'server/src/server.ts',
  'y-websocket': 'bench/peers/y-websocket-server.ts',
  hocuspocus: 'bench/peers/hocuspocus-server.ts',
};

/** One run of the editing workload against one server, fresh process and data folder. */
export async function runBoards(root: string, target: BoardTarget, pinning: Pinning | null, seconds: number, seed: number): Promise<BoardsRun> {
  const dataDir = await mkdtemp(join(tmpdir(), `dilna-bench-${target}-`));
  let server: Child | null = null;
  let editors: Editor[] = [];
  try {
    server = await startChild(root, scripts[target], { DATA_DIR: dataDir, LOG: '0', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD }, pinning?.child ?? null);
    const where = await endpoint(target, server, dataDir);
    // Each y-websocket provider listens for the process's exit: a hundred of them are expected here.
    process.setMaxListeners(BOARDS * EDITORS_PER_BOARD + 20);
    const slots = Array.from({ length: BOARDS * EDITORS_PER_BOARD }, (_, i) => i);
    const opened = await mapLimit(slots, 20, async (i) => {
      const editor = where.connect(Math.floor(i / EDITORS_PER_BOARD));
      if (!(await until(() => editor.synced(), SYNC_TIMEOUT_MS))) {
        editor.destroy();
        throw new Error('no sync');
      }
      return editor;
    });
    editors = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const latencies: number[] = [];
    for (const [i, editor] of editors.entries()) {
      const self = `${i}:`;
      editor.doc.getMap<number>('bench').observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          if (key.startsWith(self)) continue;
          const sentAt = editor.doc.getMap<number>('bench').get(key);
          if (typeof sentAt === 'number') latencies.push(now - sentAt);
        }
      });
    }

    let random = seed >>> 0;
    const next = () => {
      random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
      return random / 4294967296;
    };
    const cpuBefore = cpuMs(server.pid);
    const preciseBefore = cpuMsPrecise(server.pid);
    const loaderBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let changes = 0;
    await Promise.all(
      editors.map(async (editor, i) => {
        for (let seq = 0; ; seq++) {
          await sleep(MIN_GAP_MS + next() * (MAX_GAP_MS - MIN_GAP_MS));
          if (performance.now() > deadline) return;
          editor.doc.transact(() => {
            const text = editor.doc.getText('prompt');
            text.insert(Math.floor(next() * (text.length + 1)), 'slovo ');
            editor.doc.getMap<number>('bench').set(`${i}:${seq}`, performance.now());
          });
          changes++;
        }
      }),
    );
    await sleep(DRAIN_MS);
    const wall = performance.now() - started;
    const cpuPrecise = cpuMsPrecise(server.pid);
    const cpu = preciseBefore !== null && cpuPrecise !== null ? cpuPrecise - preciseBefore : cpuMs(server.pid) - cpuBefore;
    const used = process.cpuUsage(loaderBefore);
    return {
      target,
      editors: editors.length,
      connectFailures: slots.length - editors.length,
      changes,
      deliveries: latencies.length,
      missing: changes * (EDITORS_PER_BOARD - 1) - latencies.length,
      latencyP50: percentile(latencies, 50),
      latencyP99: percentile(latencies, 99),
      cpuMsPerChange: changes ? cpu / changes : Number.NaN,
      rssMiB: rssKiB(server.pid) / 1024,
      bytesPersisted: where.bytesPersisted(),
      loaderCpuShare: (used.user + used.system) / 1000 / wall,
    };
  } finally {
    for (const editor of editors) editor.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
