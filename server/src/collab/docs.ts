import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { StoredDoc, YjsRepository } from '../repositories/yjs.ts';

interface Entry {
  doc: Y.Doc;
  users: number;
  lastId: number;
  sinceCompaction: number;
  unloadTimer: NodeJS.Timeout | null;
  /** An update could not be appended (database locked or full): a snapshot of the whole doc is owed. */
  retryTimer: NodeJS.Timeout | null;
}

/** How soon a doc whose update could not be stored tries again with a snapshot. */
const RETRY_SAVE_MS = 1000;

export interface DocRegistryOptions {
  /** Fold the update log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Unload a doc this long after its last user left. */
  idleUnloadMs: number;
}

interface DocEvents {
  /** A doc was loaded from SQLite; listeners may reconcile it (runs before anyone sees it). */
  load: [name: string, doc: Y.Doc];
  update: [name: string, doc: Y.Doc, origin: unknown];
  /** A doc and its log were removed; whoever holds it open must let go. */
  delete: [name: string];
}

/**
 * The Y.Docs this process holds. Every update is appended to SQLite synchronously as it is
 * applied, so nothing acknowledged or synced is lost if the process dies.
 * This is the one place that assumes a doc lives in one process only.
 */
export class DocRegistry extends EventEmitter<DocEvents> {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly repo: YjsRepository,
    private readonly options: DocRegistryOptions = { compactEvery: 500, idleUnloadMs: 30_000 },
  ) {
    super();
  }

  /** The doc, loaded from SQLite on first use. Server-side users keep it loaded for the idle period. */
  get(name: string): Y.Doc {
    const entry = this.entries.get(name) ?? this.load(name);
    if (entry.users === 0) this.scheduleUnload(name, entry);
    return entry.doc;
  }

  /** Whether this process holds the doc now. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Folds a held doc's log into one snapshot now: what was deleted from the doc is then gone from SQLite too. */
  compactNow(name: string): void {
    const entry = this.entries.get(name);
    if (entry) this.compact(name, entry);
  }

  /** A connection starts using the doc: it stays loaded until `release`. */
  retain(name: string): Y.Doc {
    const entry = this.entries.get(name) ?? this.load(name);
    entry.users++;
    this.cancelUnload(entry);
    return entry.doc;
  }

  release(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.users = Math.max(0, entry.users - 1);
    if (entry.users === 0) this.scheduleUnload(name, entry);
  }

  /** Removes a doc and its whole log. */
  delete(name: string): void {
    const entry = this.entries.get(name);
    if (entry) {
      this.cancelUnload(entry);
      if (entry.retryTimer) clearTimeout(entry.retryTimer);
      entry.doc.destroy();
      this.entries.delete(name);
    }
    this.repo.delete(name);
    this.emit('delete', name);
  }

  /** Compacts and unloads every doc (on shutdown). */
  close(): void {
    for (const [name, entry] of this.entries) this.unload(name, entry);
  }

  /**
   * A look at a doc without loading it for good: the doc held, or else one restored from SQLite for
   * the caller alone, which `done` destroys (no listener sees it, and it is never saved).
   */
  peek(name: string): { doc: Y.Doc; done: () => void } {
    const entry = this.entries.get(name);
    if (entry) return { doc: entry.doc, done: () => {} };
    const { doc } = this.restore(name);
    return { doc, done: () => doc.destroy() };
  }

  private restore(name: string): { doc: Y.Doc; stored: StoredDoc } {
    const stored = this.repo.load(name);
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    }, 'load');
    return { doc, stored };
  }

  private load(name: string): Entry {
    const { doc, stored } = this.restore(name);
    const entry: Entry = { doc, users: 0, lastId: stored.lastId, sinceCompaction: stored.updates.length, unloadTimer: null, retryTimer: null };
    this.entries.set(name, entry);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.save(name, entry, update);
      this.emit('update', name, doc, origin);
    });
    this.emit('load', name, doc);
    return entry;
  }

  /**
   * Appends an update; when that fails (the database is locked past the busy timeout, or full), the
   * change stays in memory and a snapshot of the whole doc is written as soon as the database takes
   * writes again. Throwing instead would leave a hole in the log that later updates depend on.
   */
  private save(name: string, entry: Entry, update: Uint8Array): void {
    if (entry.retryTimer) return;
    try {
      entry.lastId = this.repo.append(name, update);
      if (++entry.sinceCompaction >= this.options.compactEvery) this.compact(name, entry);
    } catch {
      this.retrySave(name, entry);
    }
  }

  private retrySave(name: string, entry: Entry): void {
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null;
      try {
        this.compact(name, entry);
      } catch {
        this.retrySave(name, entry);
      }
    }, RETRY_SAVE_MS);
    entry.retryTimer.unref();
  }

  private compact(name: string, entry: Entry): void {
    this.repo.compact(name, Y.encodeStateAsUpdate(entry.doc), entry.lastId);
    entry.sinceCompaction = 0;
  }

  private scheduleUnload(name: string, entry: Entry): void {
    this.cancelUnload(entry);
    entry.unloadTimer = setTimeout(() => this.unload(name, entry), this.options.idleUnloadMs);
    entry.unloadTimer.unref();
  }

  private cancelUnload(entry: Entry): void {
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
  }

  private unload(name: string, entry: Entry): void {
    this.cancelUnload(entry);
    if (entry.sinceCompaction > 0 || entry.retryTimer) {
      if (entry.retryTimer) clearTimeout(entry.retryTimer);
      entry.retryTimer = null;
      try {
        this.compact(name, entry);
      } catch {
        // Still not writable: keep the doc in memory and try again later.
        this.retrySave(name, entry);
        this.scheduleUnload(name, entry);
        return;
      }
    }
    entry.doc.destroy();
    this.entries.delete(name);
  }
}
