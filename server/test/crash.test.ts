/**
 * The server process killed (SIGKILL) at random moments during bursts of participants' intents,
 * and restarted on the same port and data: phones retry until acknowledged, as the web app does.
 * Every intent ends up recorded exactly once, whatever was acknowledged before the kill; phones
 * reconnect by themselves and see the whole board again; a retried operation lands once.
 * `npm test` runs 5 kills × 100 intents; the benchmark suite runs it with CRASH_KILLS=20 CRASH_INTENTS=500.
 */
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IntentAck, IntentEnvelope } from '@dilna/shared';
import { notes } from '@dilna/shared/boards/notes';
import {
  connectBoard,
  connectPhone,
  eventually,
  freePort,
  join,
  liveNotesMeeting,
  newOpId,
  noteTexts,
  spawnServer,
  tempDataDir,
  useResources,
  waitUntil,
  type ChildServer,
  type Phone,
} from './helpers.ts';

const resources = useResources();

const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const INTENTS_PER_BURST = Number(process.env.CRASH_INTENTS ?? 100);
const NOTES_PER_PARTICIPANT = 50;
const PHONES = Math.max(10, Math.ceil((KILLS * INTENTS_PER_BURST) / NOTES_PER_PARTICIPANT));
const SEED = 0x5eed;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends an intent until the server acknowledges it, across disconnections, with the same operation id. */
async function deliver(phone: Phone, envelope: IntentEnvelope): Promise<IntentAck> {
  for (;;) {
    if (!phone.socket.connected) await new Promise((resolve) => phone.socket.once('connect', () => resolve(undefined)));
    try {
      return await phone.socket.timeout(2000).emitWithAck('intent', envelope);
    } catch {
      // No answer (the server died with it): send it again once connected.
    }
  }
}

function recordedOperations(dataDir: string, boardId: string): Map<string, number> {
  const db = new Database(joinPath(dataDir, 'dilna.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT op_id AS opId, count(*) AS n FROM intents WHERE board_id = ? GROUP BY op_id').all(boardId) as { opId: string; n: number }[];
    return new Map(rows.map((r) => [r.opId, r.n]));
  } finally {
    db.close();
  }
}

describe('the server killed during bursts of intents', () => {
  it(`${KILLS} kills × ${INTENTS_PER_BURST} intents: each intent recorded exactly once, phones reconnect and resync, retries land once`, { timeout: 60_000 + KILLS * 20_000 }, async () => {
    const port = await freePort();
    const dataDir = await tempDataDir(resources);
    let server: ChildServer = await spawnServer(resources, dataDir, { port });
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: NOTES_PER_PARTICIPANT });
    const joined = await Promise.all(Array.from({ length: PHONES }, () => join(server, fixture.joinCode)));
    const phones = await Promise.all(joined.map((j) => connectPhone(resources, server, fixture.meetingId, j.cookie, { reconnection: true })));

    const next = random(SEED);
    const sent: IntentEnvelope[] = [];
    const sentBy = new Map<number, number>();
    /** Per burst: how many intents were acknowledged before the kill. */
    const ackedBeforeKill: number[] = [];
    for (let burst = 0; burst < KILLS; burst++) {
      let acked = 0;
      // The kill comes once a random share of the burst has been acknowledged: mid-burst, whatever the machine's speed.
      const killAfter = 1 + Math.floor(next() * (INTENTS_PER_BURST - 1));
      let reachedKillPoint: () => void = () => {};
      const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
      const deliveries = Array.from({ length: INTENTS_PER_BURST }, async (_, i) => {
        const phone = (burst * INTENTS_PER_BURST + i) % PHONES;
        const envelope: IntentEnvelope = { opId: newOpId(), boardId: fixture.board.id, intent: { type: 'note.post', text: `Dávka ${burst}, lísteček ${i}` } };
        sent.push(envelope);
        sentBy.set(phone, (sentBy.get(phone) ?? 0) + 1);
        const ack = await deliver(phones[phone]!, envelope);
        expect(ack, JSON.stringify(envelope)).toEqual({ ok: true });
        if (++acked === killAfter) reachedKillPoint();
      });
      await killPoint;
      server.child.kill('SIGKILL');
      await server.exited;
      ackedBeforeKill.push(acked);
      server = await spawnServer(resources, dataDir, { port });
      await Promise.all(deliveries);
    }
    // The kills fell inside bursts, not only before or after them.
    expect(
      ackedBeforeKill.some((n) => n > 0 && n < INTENTS_PER_BURST),
      `acknowledged before each kill: ${ackedBeforeKill.join(', ')}`,
    ).toBe(true);

    // Every operation recorded exactly once.
    const recorded = recordedOperations(dataDir, fixture.board.id);
    expect(recorded.size).toBe(sent.length);
    expect([...recorded.values()].every((n) => n === 1)).toBe(true);
    for (const envelope of sent) expect(recorded.get(envelope.opId), envelope.opId).toBe(1);

    // A retry of an operation that landed before a kill is acknowledged and lands no second time.
    expect(await deliver(phones[0]!, sent[0]!)).toEqual({ ok: true });
    expect(recordedOperations(dataDir, fixture.board.id).size).toBe(sent.length);

    // The projector shows each note once (the last burst's projection may still be on its way).
    const total = KILLS * INTENTS_PER_BURST;
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    await eventually(() => {
      const texts = noteTexts(screen.doc);
      expect(texts).toHaveLength(total);
      expect(new Set(texts).size).toBe(total);
    });

    // The phones reconnected by themselves and see the wall as the projector does; each knows its own count.
    const phoneView = notes.phoneView(notes.view(screen.doc));
    await eventually(
      () => {
        for (const phone of phones) {
          expect(phone.socket.connected).toBe(true);
          expect(phone.states.at(-1)?.live?.view).toEqual(phoneView);
        }
      },
      { timeout: 15_000 },
    );
    await waitUntil(() => phones.every((p, i) => (p.mines.at(-1)?.mine as { sent?: number } | undefined)?.sent === sentBy.get(i)), {
      message: 'every phone to know how many notes it sent',
    });
  });
});
