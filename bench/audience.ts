/**
 * The audience burst, run by the note-wall, poll and dot-voting scenarios: N phones join a meeting
 * whose live board a workload (bench/workloads.ts) prepared, and each sends its intents (one
 * answer, or four dot taps) at the same moment, while a projector watches the board's Y.Doc. The
 * same burst also goes to the floor server (bench/floor-server.ts) for comparison.
 *
 * Answer → projector is measured by counts, the one thing a poll's projector can tell: the acks
 * are sorted by arrival, and the k-th accepted answer is on the projector once the count it
 * shows first reaches k. Lost = accepted − what the projector shows when the wait ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as Y from 'yjs';
import { PHONE_STATE_HZ, type IntentEnvelope, type MeetingDetail } from '@dilna/shared';
import {
  BENCH_ADMIN_PASSWORD,
  api,
  connectBoardDoc,
  connectPhone,
  groupAndMeeting,
  joinByCode,
  mapLimit,
  until,
  type BoardDoc,
  type PhoneSocket,
} from './lib/clients.ts';
import { LOOP_PROBE_ARGS, cpuMs, cpuMsPrecise, loopDelay, rssKiB, startChild, type Child, type Pinning } from './lib/proc.ts';
import { percentile } from './lib/stats.ts';
import { noteText, waitReady, type Workload } from './workloads.ts';

const JOIN_CONCURRENCY = 32;
const CONNECT_CONCURRENCY = 50;
const ACK_TIMEOUT_MS = 30_000;
/** How long after the last ack an answer may take to reach the projector before it counts as lost. */
const PROJECTION_TIMEOUT_MS = 20_000;
/** Time for the server to finish what joining and connecting set off before memory is read. */
const SETTLE_MS = 500;
/**
 * Dílna sends phones their meeting's state coalesced, PHONE_STATE_HZ times a second: its CPU
 * window stays open one such period (and a margin) after the last answer reached the projector.
 */
const TAIL_MS = Math.ceil(1000 / PHONE_STATE_HZ) + 50;
const PROBE_INTERVAL_MS = 10;
/** Extra node flags for the measured server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export interface DilnaRun {
  /** The workload's name (bench/workloads.ts). */
  workload: string;
  phones: number;
  joinFailures: number;
  connectFailures: number;
  accepted: number;
  refused: number;
  /** Refusals by error code (e.g. `limit_reached` for a tap over the dot budget). */
  refusedBy: Record<string, number>;
  ackErrors: number;
  /** Phones with more intents accepted than the workload's `limitPerPhone` (must be 0). */
  overLimit: number;
  /** Acknowledged as accepted minus what the projector showed at the end (must be 0). */
  lost: number;
  joinS: number;
  connectS: number;
  ackP50: number;
  ackP99: number;
  projectorP50: number;
  projectorP99: number;
  /** First send → the projector shows every accepted answer. */
  settleMs: number;
  cpuMsPerAnswer: number;
  /** Same, from the scheduler's nanosecond accounting (NaN where unavailable). */
  cpuMsPerAnswerPrecise: number;
  rssKiBPerPhone: number;
  healthP99: number;
  healthErrors: number;
  /** Event-loop delay of this process (the load generator) during the burst. */
  loaderLagP99: number;
  /** Share of one core this process (the load generator) used during the burst: near 1, it saturated and the run is discarded. */
  loaderCpuShare: number;
  /** The server's own event-loop delay during the burst (bench/lib/loop-probe.mjs). */
  serverLoopP99: number;
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
  serverLoopP99: number;
  loaderCpuShare: number;
}

interface BurstResult {
  ackMs: number[];
  /** The accepted answers in the order their acks arrived: when each was sent. */
  acceptedSentAt: number[];
  /** How many of each phone's intents were accepted. */
  acceptedPerPhone: number[];
  refused: number;
  /** Refusals by error code. */
  refusedBy: Record<string, number>;
  ackErrors: number;
}

type IntentOf = (i: number, k: number, tag: string) => unknown;

/** Every phone sends its `perPhone` intents in the same tick, each with its own acknowledgement. */
async function burst(
  sockets: readonly PhoneSocket[],
  boardId: string,
  tag: string,
  perPhone: number,
  intentOf: IntentOf,
): Promise<BurstResult> {
  const pending = sockets.flatMap((socket, i) =>
    Array.from({ length: perPhone }, async (_, k) => {
      const envelope: IntentEnvelope = { opId: `bench-${tag}-${i}-${k}`, boardId, intent: intentOf(i, k, tag) };
      const sent = performance.now();
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('intent', envelope);
      return { phone: i, ack, sent, acked: performance.now() };
    }),
  );
  const result: BurstResult = {
    ackMs: [],
    acceptedSentAt: [],
    acceptedPerPhone: new Array<number>(sockets.length).fill(0),
    refused: 0,
    refusedBy: {},
    ackErrors: 0,
  };
  const accepted: { sent: number; acked: number }[] = [];
  for (const outcome of await Promise.allSettled(pending)) {
    if (outcome.status === 'rejected') {
      result.ackErrors++;
      continue;
    }
    const { phone, ack, sent, acked } = outcome.value;
    result.ackMs.push(acked - sent);
    if (ack.ok) {
      accepted.push({ sent, acked });
      result.acceptedPerPhone[phone]!++;
    } else {
      result.refused++;
      result.refusedBy[ack.error.code] = (result.refusedBy[ack.error.code] ?? 0) + 1;
    }
  }
  result.acceptedSentAt = accepted.sort((a, b) => a.acked - b.acked).map((a) => a.sent);
  return result;
}

/**
 * Watches how many accepted answers a projector shows: each time the count grows, when. The
 * time the k-th answer reached the projector is that of the first entry showing k or more.
 */
function watchCount(doc: Y.Doc, shown: (doc: Y.Doc) => number) {
  const rises: { at: number; count: number }[] = [];
  const look = () => {
    const count = shown(doc);
    if (count > (rises.at(-1)?.count ?? 0)) rises.push({ at: performance.now(), count });
  };
  doc.on('update', look);
  return {
    highest: () => rises.at(-1)?.count ?? 0,
    current: () => shown(doc),
    /** When the projector first showed at least `k` answers, if it has. */
    reached: (k: number) => rises.find((r) => r.count >= k)?.at,
    stop: () => doc.off('update', look),
  };
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
async function connectAll(origin: string, meetingId: string, cookies: readonly (string | null)[]) {
  const started = performance.now();
  const outcomes = await mapLimit(cookies, CONNECT_CONCURRENCY, (cookie) => connectPhone(origin, meetingId, cookie));
  const sockets = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  return { sockets, failures: cookies.length - sockets.length, seconds: (performance.now() - started) / 1000 };
}

/** This process's CPU since `since` as a share of one core over `wallMs`. */
function loaderShare(since: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / wallMs;
}

const cpuDelta = (before: number | null, after: number | null) =>
  before === null || after === null ? Number.NaN : after - before;

/** One run against the real server: a fresh process on a fresh data folder. */
export async function runDilna(
  root: string,
  workload: Workload,
  phones: number,
  pinning: Pinning | null,
  tag: string,
): Promise<DilnaRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dilna-bench-'));
  let server: Child | null = null;
  let projector: BoardDoc | null = null;
  let sockets: PhoneSocket[] = [];
  try {
    const loopFile = join(dataDir, 'loop.json');
    server = await startChild(
      root,
      'server/src/server.ts',
      { DATA_DIR: dataDir, LOG: '0', LOOP_PROBE_FILE: loopFile, ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD },
      pinning?.child ?? null,
      [...LOOP_PROBE_ARGS, ...serverNodeArgs],
    );
    const { origin, pid } = server;

    const meeting = await groupAndMeeting(origin, 'Veřejné projednání');
    const facilitatorKey = meeting.keys.facilitator;
    const screenKey = meeting.keys.screen;
    if (!facilitatorKey || !screenKey) throw new Error('the new meeting came without its keys');
    const board = await workload.prepare({ origin, port: server.port, meetingId: meeting.id, facilitatorKey });
    await api<MeetingDetail>(origin, 'PATCH', `/meetings/${meeting.id}`, {
      key: facilitatorKey,
      body: { liveBoardId: board.boardId },
    });

    projector = await connectBoardDoc(server.port, board.boardId, screenKey);
    await waitReady(board, projector.doc);
    const onProjector = watchCount(projector.doc, board.shown);

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
    await loopDelay(pid, loopFile);
    const cpuBefore = cpuMs(pid);
    const preciseBefore = cpuMsPrecise(pid);
    const loaderBefore = process.cpuUsage();
    const started = performance.now();

    const result = await burst(sockets, board.boardId, tag, workload.intentsPerPhone, board.intent);
    const accepted = result.acceptedSentAt.length;
    await until(() => onProjector.highest() >= accepted, PROJECTION_TIMEOUT_MS);
    const settled = onProjector.reached(accepted);
    const settleMs = settled === undefined ? Number.NaN : settled - started;
    await sleep(TAIL_MS);

    const cpu = cpuMs(pid) - cpuBefore;
    const precise = cpuDelta(preciseBefore, cpuMsPrecise(pid));
    const loaderCpuShare = loaderShare(loaderBefore, performance.now() - started);
    const serverLoop = await loopDelay(pid, loopFile);
    counter.active = false;
    lag.disable();
    const health = await probe.stop();

    onProjector.stop();
    const projectorMs = result.acceptedSentAt.flatMap((sent, k) => {
      const at = onProjector.reached(k + 1);
      return at === undefined ? [] : [at - sent];
    });
    return {
      workload: workload.name,
      phones,
      joinFailures: phones - cookies.length,
      connectFailures: connected.failures,
      accepted,
      refused: result.refused,
      refusedBy: result.refusedBy,
      ackErrors: result.ackErrors,
      overLimit: result.acceptedPerPhone.filter((n) => n > workload.limitPerPhone).length,
      lost: accepted - onProjector.current(),
      joinS,
      connectS: connected.seconds,
      ackP50: percentile(result.ackMs, 50),
      ackP99: percentile(result.ackMs, 99),
      projectorP50: percentile(projectorMs, 50),
      projectorP99: percentile(projectorMs, 99),
      settleMs,
      cpuMsPerAnswer: accepted ? cpu / accepted : Number.NaN,
      cpuMsPerAnswerPrecise: accepted ? precise / accepted : Number.NaN,
      rssKiBPerPhone: sockets.length ? (rssAfter - rssBefore) / sockets.length : Number.NaN,
      healthP99: percentile(health.latencies, 99),
      healthErrors: health.errors,
      loaderLagP99: lag.count ? lag.percentile(99) / 1e6 : Number.NaN,
      loaderCpuShare,
      serverLoopP99: serverLoop?.p99Ms ?? Number.NaN,
      messagesPerPhone: sockets.length ? counter.messages / sockets.length : Number.NaN,
    };
  } finally {
    for (const socket of sockets) socket.close();
    projector?.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same burst against the floor server: no join, no checks, no storage, no projection. The
 * floor reads no intent, so every workload's floor is this one, sending `perPhone` notes a phone.
 */
export async function runFloor(
  root: string,
  phones: number,
  perPhone: number,
  pinning: Pinning | null,
  tag: string,
): Promise<FloorRun> {
  let server: Child | null = null;
  let sockets: PhoneSocket[] = [];
  let loopDir: string | null = null;
  try {
    loopDir = await mkdtemp(join(tmpdir(), 'dilna-bench-floor-'));
    const loopFile = join(loopDir, 'loop.json');
    server = await startChild(root, 'bench/floor-server.ts', { LOOP_PROBE_FILE: loopFile }, pinning?.child ?? null, LOOP_PROBE_ARGS);
    const { origin, pid } = server;
    const rssBefore = rssKiB(pid);
    const connected = await connectAll(origin, 'benchfloormeeting', new Array<null>(phones).fill(null));
    sockets = connected.sockets;
    await sleep(SETTLE_MS);
    const rssAfter = rssKiB(pid);

    await loopDelay(pid, loopFile);
    const cpuBefore = cpuMs(pid);
    const preciseBefore = cpuMsPrecise(pid);
    const loaderBefore = process.cpuUsage();
    const started = performance.now();
    const result = await burst(sockets, 'benchfloorboard', tag, perPhone, (i, k) => ({
      type: 'note.post',
      text: noteText(tag, i * perPhone + k),
    }));
    const cpu = cpuMs(pid) - cpuBefore;
    const precise = cpuDelta(preciseBefore, cpuMsPrecise(pid));
    const loaderCpuShare = loaderShare(loaderBefore, performance.now() - started);
    const serverLoop = await loopDelay(pid, loopFile);
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
      serverLoopP99: serverLoop?.p99Ms ?? Number.NaN,
      loaderCpuShare,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await server?.stop();
    if (loopDir) await rm(loopDir, { recursive: true, force: true });
  }
}
