/**
 * Scenario 1, the audience: N phones join a live note wall within seconds and each posts one
 * note at the same moment, while a projector watches the board's Y.Doc. The same burst then
 * goes to the floor server (bench/floor-server.ts) for comparison.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PHONE_STATE_HZ, type IntentEnvelope } from '@dilna/shared';
import type { Note } from '@dilna/shared/boards/notes';
import {
  connectPhone,
  connectProjector,
  joinByCode,
  liveBoardMeeting,
  mapLimit,
  type PhoneSocket,
  type Projector,
} from './lib/clients.ts';
import { cpuMs, cpuMsPrecise, rssKiB, startChild, type Child, type Pinning } from './lib/proc.ts';
import { percentile } from './lib/stats.ts';

const NOTES_PER_PARTICIPANT = 3;
const JOIN_CONCURRENCY = 32;
const CONNECT_CONCURRENCY = 50;
const ACK_TIMEOUT_MS = 30_000;
/** How long after the last ack a note may take to reach the projector before it counts as lost. */
const PROJECTION_TIMEOUT_MS = 20_000;
/** Time for the server to finish what joining and connecting set off before memory is read. */
const SETTLE_MS = 500;
/**
 * Dílna sends phones their meeting's state coalesced, PHONE_STATE_HZ times a second: its CPU
 * window stays open one such period (and a margin) after the last note reached the projector.
 */
const TAIL_MS = Math.ceil(1000 / PHONE_STATE_HZ) + 50;
const PROBE_INTERVAL_MS = 10;
/** Extra node flags for the measured server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
export const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export interface DilnaRun {
  phones: number;
  joinFailures: number;
  connectFailures: number;
  accepted: number;
  refused: number;
  ackErrors: number;
  /** Acknowledged as accepted but never seen on the projector. */
  lost: number;
  joinS: number;
  connectS: number;
  ackP50: number;
  ackP99: number;
  projectorP50: number;
  projectorP99: number;
  /** First send → last accepted note on the projector. */
  settleMs: number;
  cpuMsPerNote: number;
  /** Same, from the scheduler's nanosecond accounting (NaN where unavailable). */
  cpuMsPerNotePrecise: number;
  rssKiBPerPhone: number;
  healthP99: number;
  healthErrors: number;
  /** Event-loop delay of this process (the load generator) during the burst. */
  loaderLagP99: number;
  /** Socket.io messages (state + mine) each phone received during the burst. */
  messagesPerPhone: number;
}

export interface FloorRun {
  phones: number;
  connectFailures: number;
  acked: number;
  ackErrors: number;
  ackP50: number;
  ackP99: number;
  cpuMsPerMessage: number;
  cpuMsPerMessagePrecise: number;
  rssKiBPerSocket: number;
}

interface BurstResult {
  ackMs: number[];
  acceptedTexts: string[];
  refused: number;
  ackErrors: number;
  sentAt: Map<string, number>;
}

/** A short, unique note: the projector matches what it sees to what was sent by its text. */
const noteText = (tag: string, i: number) => `Víc stínu a laviček u hřiště (${tag}/${i})`;

/** Every phone sends one note in the same tick, each with its own acknowledgement. */
async function burst(sockets: readonly PhoneSocket[], boardId: string, tag: string): Promise<BurstResult> {
  const sentAt = new Map<string, number>();
  const pending = sockets.map(async (socket, i) => {
    const text = noteText(tag, i);
    const envelope: IntentEnvelope = { opId: `bench-${tag}-${i}`, boardId, intent: { type: 'note.post', text } };
    const sent = performance.now();
    sentAt.set(text, sent);
    const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('intent', envelope);
    return { ok: ack.ok, ms: performance.now() - sent, text };
  });
  const result: BurstResult = { ackMs: [], acceptedTexts: [], refused: 0, ackErrors: 0, sentAt };
  for (const outcome of await Promise.allSettled(pending)) {
    if (outcome.status === 'rejected') {
      result.ackErrors++;
      continue;
    }
    result.ackMs.push(outcome.value.ms);
    if (outcome.value.ok) result.acceptedTexts.push(outcome.value.text);
    else result.refused++;
  }
  return result;
}

/** Sequential GET /api/health while the burst runs: the server's event-loop lag as seen from outside. */
function startHealthProbe(origin: string) {
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${origin}/api/health`);
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - started);
        else errors++;
      } catch {
        errors++;
      }
      await sleep(PROBE_INTERVAL_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { latencies, errors };
    },
  };
}

/** Connects one socket per cookie (or `count` without cookies), `CONNECT_CONCURRENCY` at a time. */
export async function connectAll(origin: string, meetingId: string, cookies: readonly (string | null)[]) {
  const started = performance.now();
  const outcomes = await mapLimit(cookies, CONNECT_CONCURRENCY, (cookie) => connectPhone(origin, meetingId, cookie));
  const sockets = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  return { sockets, failures: cookies.length - sockets.length, seconds: (performance.now() - started) / 1000 };
}

const cpuDelta = (before: number | null, after: number | null) =>
  before === null || after === null ? Number.NaN : after - before;

/** One run against the real server: a fresh process on a fresh data folder. */
export async function runDilna(root: string, phones: number, pinning: Pinning | null, tag: string): Promise<DilnaRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dilna-bench-'));
  let server: Child | null = null;
  let projector: Projector | null = null;
  let sockets: PhoneSocket[] = [];
  try {
    server = await startChild(
      root,
      'server/src/server.ts',
      { DATA_DIR: dataDir, LOG: '0' },
      pinning?.child ?? null,
      serverNodeArgs,
    );
    const { origin, pid } = server;

    const { meeting, board, screenKey } = await liveBoardMeeting(origin, 'Veřejné projednání', {
      kind: 'notes',
      title: 'Co v parku chybí?',
      settings: { prompt: 'Co by v parku mělo být?', notesPerParticipant: NOTES_PER_PARTICIPANT },
    });

    projector = await connectProjector(server.port, board.id, screenKey);
    const notesMap = projector.doc.getMap<Note>('notes');
    const seenAt = new Map<string, number>();
    notesMap.observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        const note = notesMap.get(key);
        if (note && !seenAt.has(note.text)) seenAt.set(note.text, now);
      }
    });

    const joinStarted = performance.now();
    const joins = await mapLimit(
      Array.from({ length: phones }, () => meeting.joinCode),
      JOIN_CONCURRENCY,
      (code) => joinByCode(origin, code),
    );
    const joinS = (performance.now() - joinStarted) / 1000;
    const cookies = joins.flatMap((o) => (o.status === 'fulfilled' ? [o.value.cookie] : []));

    const rssBefore = rssKiB(pid);
    const connected = await connectAll(origin, meeting.id, cookies);
    sockets = connected.sockets;
    const counter = { active: false, messages: 0 };
    const count = () => {
      if (counter.active) counter.messages++;
    };
    for (const socket of sockets) {
      socket.on('state', count);
      socket.on('mine', count);
    }
    await sleep(SETTLE_MS);
    const rssAfter = rssKiB(pid);

    const probe = startHealthProbe(origin);
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    counter.active = true;
    const cpuBefore = cpuMs(pid);
    const preciseBefore = cpuMsPrecise(pid);
    const started = performance.now();

    const result = await burst(sockets, board.id, tag);
    const deadline = performance.now() + PROJECTION_TIMEOUT_MS;
    while (result.acceptedTexts.some((t) => !seenAt.has(t)) && performance.now() < deadline) await sleep(10);
    const seen = result.acceptedTexts.flatMap((t) => {
      const at = seenAt.get(t);
      return at === undefined ? [] : [at];
    });
    const settleMs = seen.length ? Math.max(...seen) - started : Number.NaN;
    await sleep(TAIL_MS);

    const cpu = cpuMs(pid) - cpuBefore;
    const precise = cpuDelta(preciseBefore, cpuMsPrecise(pid));
    counter.active = false;
    lag.disable();
    const health = await probe.stop();

    const projectorMs = result.acceptedTexts.flatMap((t) => {
      const at = seenAt.get(t);
      return at === undefined ? [] : [at - result.sentAt.get(t)!];
    });
    const accepted = result.acceptedTexts.length;
    return {
      phones,
      joinFailures: phones - cookies.length,
      connectFailures: connected.failures,
      accepted,
      refused: result.refused,
      ackErrors: result.ackErrors,
      lost: accepted - projectorMs.length,
      joinS,
      connectS: connected.seconds,
      ackP50: percentile(result.ackMs, 50),
      ackP99: percentile(result.ackMs, 99),
      projectorP50: percentile(projectorMs, 50),
      projectorP99: percentile(projectorMs, 99),
      settleMs,
      cpuMsPerNote: accepted ? cpu / accepted : Number.NaN,
      cpuMsPerNotePrecise: accepted ? precise / accepted : Number.NaN,
      rssKiBPerPhone: sockets.length ? (rssAfter - rssBefore) / sockets.length : Number.NaN,
      healthP99: percentile(health.latencies, 99),
      healthErrors: health.errors,
      loaderLagP99: lag.count ? lag.percentile(99) / 1e6 : Number.NaN,
      messagesPerPhone: sockets.length ? counter.messages / sockets.length : Number.NaN,
    };
  } finally {
    for (const socket of sockets) socket.close();
    projector?.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The same burst against the floor server: no join, no checks, no storage, no projection. */
export async function runFloor(root: string, phones: number, pinning: Pinning | null, tag: string): Promise<FloorRun> {
  let server: Child | null = null;
  let sockets: PhoneSocket[] = [];
  try {
    server = await startChild(root, 'bench/floor-server.ts', {}, pinning?.child ?? null);
    const { origin, pid } = server;
    const rssBefore = rssKiB(pid);
    const connected = await connectAll(origin, 'benchfloormeeting', new Array<null>(phones).fill(null));
    sockets = connected.sockets;
    await sleep(SETTLE_MS);
    const rssAfter = rssKiB(pid);

    const cpuBefore = cpuMs(pid);
    const preciseBefore = cpuMsPrecise(pid);
    const result = await burst(sockets, 'benchfloorboard', tag);
    const cpu = cpuMs(pid) - cpuBefore;
    const precise = cpuDelta(preciseBefore, cpuMsPrecise(pid));
    const acked = result.ackMs.length;
    return {
      phones,
      connectFailures: connected.failures,
      acked,
      ackErrors: result.ackErrors,
      ackP50: percentile(result.ackMs, 50),
      ackP99: percentile(result.ackMs, 99),
      cpuMsPerMessage: acked ? cpu / acked : Number.NaN,
      cpuMsPerMessagePrecise: acked ? precise / acked : Number.NaN,
      rssKiBPerSocket: sockets.length ? (rssAfter - rssBefore) / sockets.length : Number.NaN,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await server?.stop();
  }
}
