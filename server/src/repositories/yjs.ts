import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { yjsSnapshots, yjsUpdates } from '../db/schema.ts';

export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  lastId: number;
}

/** Yjs persistence: an append-only update log per doc, folded now and then into a snapshot. */
export class YjsRepository {
  constructor(private readonly db: Db) {}

  load(docName: string): StoredDoc {
    return this.db.transaction((tx) => {
      const snapshot = tx.select().from(yjsSnapshots).where(eq(yjsSnapshots.docName, docName)).get();
      const updates = tx
        .select()
        .from(yjsUpdates)
        .where(eq(yjsUpdates.docName, docName))
        .orderBy(asc(yjsUpdates.id))
        .all();
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        updates: updates.map((u) => new Uint8Array(u.update)),
        lastId: updates.at(-1)?.id ?? snapshot?.upToId ?? 0,
      };
    });
  }

  /** Appends one update and returns its log id. */
  append(docName: string, update: Uint8Array): number {
    const row = this.db
      .insert(yjsUpdates)
      .values({ docName, update: Buffer.from(update) })
      .returning({ id: yjsUpdates.id })
      .get();
    return row.id;
  }

  /** Replaces the log up to `upToId` by one snapshot, atomically. */
  compact(docName: string, state: Uint8Array, upToId: number): void {
    this.db.transaction((tx) => {
      tx.insert(yjsSnapshots)
        .values({ docName, state: Buffer.from(state), upToId })
        .onConflictDoUpdate({ target: yjsSnapshots.docName, set: { state: Buffer.from(state), upToId } })
        .run();
      tx.delete(yjsUpdates)
        .where(and(eq(yjsUpdates.docName, docName), lte(yjsUpdates.id, upToId)))
        .run();
    });
  }

  /** Names of the stored docs that start with `prefix` (e.g. all tables of a board). */
  namesWithPrefix(prefix: string): string[] {
    const startsWith = (column: typeof yjsUpdates.docName | typeof yjsSnapshots.docName) => sql`substr(${column}, 1, ${prefix.length}) = ${prefix}`;
    const updates = this.db.selectDistinct({ name: yjsUpdates.docName }).from(yjsUpdates).where(startsWith(yjsUpdates.docName)).all();
    const snapshots = this.db.select({ name: yjsSnapshots.docName }).from(yjsSnapshots).where(startsWith(yjsSnapshots.docName)).all();
    return [...new Set([...updates, ...snapshots].map((r) => r.name))];
  }

  /** The docs with updates not yet folded into a snapshot (a doc is compacted when it is unloaded). */
  namesInLog(): string[] {
    return this.db.selectDistinct({ name: yjsUpdates.docName }).from(yjsUpdates).all().map((r) => r.name);
  }

  /** Whether anything of the doc is stored. */
  exists(docName: string): boolean {
    const inLog = this.db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.docName, docName)).limit(1).get();
    return !!inLog || !!this.db.select({ name: yjsSnapshots.docName }).from(yjsSnapshots).where(eq(yjsSnapshots.docName, docName)).get();
  }

  delete(docName: string): void {
    this.db.transaction((tx) => {
      tx.delete(yjsUpdates).where(eq(yjsUpdates.docName, docName)).run();
      tx.delete(yjsSnapshots).where(eq(yjsSnapshots.docName, docName)).run();
    });
  }
}
