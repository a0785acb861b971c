import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { YjsRepository } from '../repositories/yjs.ts';

interface Entry {
  doc: Y.Doc;
  users: number;
  lastId: number;
  sinceCompaction: number;
  unloadTimer: NodeJS.Timeout | null;
}

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

  private load(name: string): Entry {
    const stored = this.repo.load(name);
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    }, 'load');
    const entry: Entry = { doc, users: 0, lastId: stored.lastId, sinceCompaction: stored.updates.length, unloadTimer: null };
    this.entries.set(name, entry);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      entry.lastId = this.repo.append(name, update);
      if (++entry.sinceCompaction >= this.options.compactEvery) this.compact(name, entry);
      this.emit('update', name, doc, origin);
    });
    this.emit('load', name, doc);
    return entry;
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
    if (entry.sinceCompaction > 0) this.compact(name, entry);
    entry.doc.destroy();
    this.entries.delete(name);
  }
}
