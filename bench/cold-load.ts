/**
 * Scenario 3, cold load: a note wall of 5,000 notes written as 10,000 Yjs updates (each note
 * posted, then shown or hidden once by an editor) through the real DocRegistry into the real
 * SQLite schema, then loaded by a fresh registry as the server does on first use after a
 * restart: once from the update log, once from the snapshot that compaction leaves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rooms } from '@dilna/shared';
import { notes, setNoteHidden, type Note } from '@dilna/shared/boards/notes';
import { DocRegistry } from '../server/src/collab/docs.ts';
import { openDb } from '../server/src/db/client.ts';
import { newId } from '../server/src/ids.ts';
import { YjsRepository } from '../server/src/repositories/yjs.ts';
import { median } from './lib/stats.ts';

/** Never compact while writing, never unload while measuring. */
const KEEP_EVERYTHING = { compactEvery: Number.MAX_SAFE_INTEGER, idleUnloadMs: 24 * 60 * 60 * 1000 };

export interface ColdLoadResult {
  items: number;
  reps: number;
  /** Writing the board through the registry, per appended update. */
  appendMsPerUpdate: number;
  logUpdates: number;
  logBytes: number;
  /** Median of `reps` loads from the log: SQLite read + applying every update. */
  fromLogMs: number;
  /** Of which reading the rows. */
  fromLogReadMs: number;
  snapshotBytes: number;
  fromSnapshotMs: number;
  fromSnapshotReadMs: number;
}

/** Opens the database file on a new connection (migrations run here, outside any timing). */
function withRepo<T>(file: string, work: (repo: YjsRepository) => T): T {
  const db = openDb(file);
  try {
    return work(new YjsRepository(db));
  } finally {
    db.$client.close();
  }
}

/**
 * Loads the doc as the server does on first use, each time on a new connection and a new
 * registry. One untimed load first: the first ones run before the JIT has warmed up and take
 * 2–3 times as long, which would measure the JIT rather than the storage.
 */
function timeLoads(file: string, name: string, items: number, reps: number) {
  const total: number[] = [];
  const read: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const loadMs = withRepo(file, (repo) => {
      const started = performance.now();
      const doc = new DocRegistry(repo, KEEP_EVERYTHING).get(name);
      const elapsed = performance.now() - started;
      const loaded = doc.getMap<Note>('notes').size;
      doc.destroy();
      if (loaded !== items) throw new Error(`loaded ${loaded} notes, expected ${items}`);
      return elapsed;
    });
    const readMs = withRepo(file, (repo) => {
      const started = performance.now();
      repo.load(name);
      return performance.now() - started;
    });
    if (i === 0) continue;
    total.push(loadMs);
    read.push(readMs);
  }
  return { totalMs: median(total), readMs: median(read) };
}

export async function runColdLoad(items: number, reps: number): Promise<ColdLoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'dilna-bench-cold-'));
  const file = join(dir, 'dilna.sqlite');
  const name = rooms.board(newId());
  try {
    // Build: one update per note as the server projects it, then one per editor's show/hide.
    const appendMsPerUpdate = withRepo(file, (repo) => {
      const doc = new DocRegistry(repo, KEEP_EVERYTHING).get(name);
      const ids = Array.from({ length: items }, () => newId());
      const started = performance.now();
      const base = Date.parse('2026-11-24T17:00:00Z');
      ids.forEach((id, i) => {
        const text = `Návrh ${i + 1}: víc stromů, laviček a pítko u hřiště`;
        notes.project(doc, [{ id, text, at: new Date(base + i * 250).toISOString() }]);
      });
      ids.forEach((id, i) => setNoteHidden(doc, id, i % 3 === 0));
      const elapsed = performance.now() - started;
      doc.destroy();
      return elapsed / (2 * items);
    });

    const log = withRepo(file, (repo) => repo.load(name));
    if (log.snapshot || log.updates.length !== 2 * items) {
      throw new Error(`expected ${2 * items} logged updates and no snapshot, found ${log.updates.length}`);
    }
    const logBytes = log.updates.reduce((n, u) => n + u.byteLength, 0);
    const fromLog = timeLoads(file, name, items, reps);

    // Compact as the server does when it unloads a doc: the log folds into one snapshot.
    withRepo(file, (repo) => {
      const registry = new DocRegistry(repo, KEEP_EVERYTHING);
      registry.get(name);
      registry.close();
    });
    const compacted = withRepo(file, (repo) => repo.load(name));
    if (!compacted.snapshot || compacted.updates.length !== 0) throw new Error('compaction left updates in the log');
    const fromSnapshot = timeLoads(file, name, items, reps);

    return {
      items,
      reps,
      appendMsPerUpdate,
      logUpdates: log.updates.length,
      logBytes,
      fromLogMs: fromLog.totalMs,
      fromLogReadMs: fromLog.readMs,
      snapshotBytes: compacted.snapshot.byteLength,
      fromSnapshotMs: fromSnapshot.totalMs,
      fromSnapshotReadMs: fromSnapshot.readMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
