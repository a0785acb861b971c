/**
 * Scenario 3, dot voting: N phones join a live dot vote (3 dots each, one per item) and each
 * taps four items at the same moment. The server must accept exactly three taps per phone and
 * refuse the fourth, whatever order they arrive in; a projector watches the counts arrive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PHONE_STATE_HZ, type IntentAck } from '@dilna/shared';
import { dots } from '@dilna/shared/boards/dots';
import { connectAll, serverNodeArgs } from './audience.ts';
import { connectProjector, joinByCode, liveBoardMeeting, mapLimit, type PhoneSocket, type Projector } from './lib/clients.ts';
import { cpuMs, cpuMsPrecise, startChild, type Child, type Pinning } from './lib/proc.ts';
import { percentile } from './lib/stats.ts';

const BUDGET = 3;
/** Taps per phone in the burst: one more than the budget, so that every phone is refused once. */
const TAPS = BUDGET + 1;
const ITEMS = ['Bydlení', 'Doprava', 'Dluhy', 'Zaměstnání', 'Zdraví', 'Vzdělávání', 'Volný čas', 'Bezpečnost'];
const JOIN_CONCURRENCY = 32;
const ACK_TIMEOUT_MS = 30_000;
const PROJECTION_TIMEOUT_MS = 20_000;
const SETTLE_MS = 500;
const TAIL_MS = Math.ceil(1000 / PHONE_STATE_HZ) + 50;

export interface DotsRun {
  phones: number;
  joinFailures: number;
  connectFailures: number;
  accepted: number;
  refused: number;
  /** Refusals for another reason than the budget (must be 0). */
  refusedOtherwise: number;
  ackErrors: number;
  /** Phones with more dots accepted than the budget (must be 0). */
  overBudget: number;
  /** Accepted dots the projector never counted (must be 0). */
  lost: number;
  ackP50: number;
  ackP99: number;
  /** Burst start → the projector's total reaching the k-th accepted dot, over all k. */
  projectorP50: number;
  projectorP99: number;
  settleMs: number;
  cpuMsPerDot: number;
  cpuMsPerDotPrecise: number;
  messagesPerPhone: number;
}

/** One run against the real server: a fresh process on a fresh data folder. */
export async function runDots(root: string, phones: number, pinning: Pinning | null, tag: string): Promise<DotsRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dilna-bench-dots-'));
  let server: Child | null = null;
  let projector: Projector | null = null;
  let sockets: PhoneSocket[] = [];
  try {
    server = await startChild(root, 'server/src/server.ts', { DATA_DIR: dataDir, LOG: '0' }, pinning?.child ?? null, serverNodeArgs);
    const { origin, pid } = server;

    const { meeting, board, screenKey } = await liveBoardMeeting(origin, 'Priority skupiny', {
      kind: 'dots',
      title: 'Problémové oblasti',
      settings: { budget: BUDGET, sections: [{ title: 'Problémové oblasti', items: ITEMS }] },
    });

    projector = await connectProjector(server.port, board.id, screenKey);
    const section = dots.view(projector.doc).sections[0]!;
    /** When the projector's total first reached each count. */
    const reachedAt: number[] = [];
    const votes = projector.doc.getMap<number>('votes');
    votes.observe(() => {
      const now = performance.now();
      let total = 0;
      for (const count of votes.values()) total += count;
      while (reachedAt.length < total) reachedAt.push(now);
    });

    const joins = await mapLimit(
      Array.from({ length: phones }, () => meeting.joinCode),
      JOIN_CONCURRENCY,
      (code) => joinByCode(origin, code),
    );
    const cookies = joins.flatMap((o) => (o.status === 'fulfilled' ? [o.value.cookie] : []));
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

    counter.active = true;
    const cpuBefore = cpuMs(pid);
    const preciseBefore = cpuMsPrecise(pid);
    const started = performance.now();
    // Every phone taps four different items in the same tick, each tap with its own acknowledgement.
    const taps = sockets.map((socket, phone) =>
      Promise.allSettled(
        Array.from({ length: TAPS }, async (_, tap) => {
          const item = section.items[(phone + tap) % section.items.length]!;
          const envelope = { opId: `bench-${tag}-${phone}-${tap}`, boardId: board.id, intent: { type: 'dot.add', sectionId: section.id, itemId: item.id } };
          const sent = performance.now();
          const ack: IntentAck = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('intent', envelope);
          return { ack, ms: performance.now() - sent };
        }),
      ),
    );
    const outcomes = await Promise.all(taps);

    const ackMs: number[] = [];
    let accepted = 0;
    let refused = 0;
    let refusedOtherwise = 0;
    let ackErrors = 0;
    let overBudget = 0;
    for (const phone of outcomes) {
      let mine = 0;
      for (const outcome of phone) {
        if (outcome.status === 'rejected') {
          ackErrors++;
          continue;
        }
        ackMs.push(outcome.value.ms);
        if (outcome.value.ack.ok) mine++;
        else if (outcome.value.ack.error.code === 'limit_reached') refused++;
        else refusedOtherwise++;
      }
      accepted += mine;
      if (mine > BUDGET) overBudget++;
    }

    const deadline = performance.now() + PROJECTION_TIMEOUT_MS;
    while (reachedAt.length < accepted && performance.now() < deadline) await sleep(10);
    const settleMs = reachedAt.length >= accepted && accepted > 0 ? reachedAt[accepted - 1]! - started : Number.NaN;
    await sleep(TAIL_MS);
    const cpu = cpuMs(pid) - cpuBefore;
    const preciseAfter = cpuMsPrecise(pid);
    const precise = preciseBefore === null || preciseAfter === null ? Number.NaN : preciseAfter - preciseBefore;
    counter.active = false;

    const projected = reachedAt.length;
    const projectorMs = reachedAt.slice(0, accepted).map((at) => at - started);
    return {
      phones,
      joinFailures: phones - cookies.length,
      connectFailures: connected.failures,
      accepted,
      refused,
      refusedOtherwise,
      ackErrors,
      overBudget,
      // More counted than accepted would be as wrong as fewer.
      lost: Math.abs(accepted - projected),
      ackP50: percentile(ackMs, 50),
      ackP99: percentile(ackMs, 99),
      projectorP50: percentile(projectorMs, 50),
      projectorP99: percentile(projectorMs, 99),
      settleMs,
      cpuMsPerDot: accepted ? cpu / accepted : Number.NaN,
      cpuMsPerDotPrecise: accepted ? precise / accepted : Number.NaN,
      messagesPerPhone: sockets.length ? counter.messages / sockets.length : Number.NaN,
    };
  } finally {
    for (const socket of sockets) socket.close();
    projector?.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
