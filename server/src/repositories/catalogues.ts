import { and, asc, eq, max } from 'drizzle-orm';
import type { CatalogueEntry, CatalogueName } from '@dilna/shared';
import type { Db } from '../db/client.ts';
import { catalogueEntries, seededCatalogues } from '../db/schema.ts';

type EntryRow = typeof catalogueEntries.$inferSelect;

const toEntry = ({ id, catalogue, code, label, labelEn, retired }: EntryRow): CatalogueEntry => ({ id, catalogue, code, label, labelEn, retired });

export class CataloguesRepository {
  constructor(private readonly db: Db) {}

  /** Every entry (retired too) in catalogue order. */
  list(): CatalogueEntry[] {
    return this.db.select().from(catalogueEntries).orderBy(asc(catalogueEntries.catalogue), asc(catalogueEntries.position)).all().map(toEntry);
  }

  get(catalogue: CatalogueName, id: string): CatalogueEntry | undefined {
    const row = this.db
      .select()
      .from(catalogueEntries)
      .where(and(eq(catalogueEntries.catalogue, catalogue), eq(catalogueEntries.id, id)))
      .get();
    return row && toEntry(row);
  }

  /**
   * Puts the shipped entries into a catalogue that never had them, and remembers it in the same
   * transaction: after that, what the administrator retired or renamed stays so.
   */
  seedOnce(catalogue: CatalogueName, entries: CatalogueEntry[]): void {
    this.db.transaction((tx) => {
      if (tx.select().from(seededCatalogues).where(eq(seededCatalogues.catalogue, catalogue)).get()) return;
      const last = tx.select({ position: max(catalogueEntries.position) }).from(catalogueEntries).where(eq(catalogueEntries.catalogue, catalogue)).get();
      const start = (last?.position ?? -1) + 1;
      entries.forEach((entry, i) => {
        tx.insert(catalogueEntries)
          .values({ ...entry, position: start + i })
          .onConflictDoNothing()
          .run();
      });
      tx.insert(seededCatalogues).values({ catalogue }).run();
    });
  }

  /** Appends an entry at the end of its catalogue. */
  append(entry: CatalogueEntry): CatalogueEntry {
    return this.db.transaction((tx) => {
      const last = tx.select({ position: max(catalogueEntries.position) }).from(catalogueEntries).where(eq(catalogueEntries.catalogue, entry.catalogue)).get();
      return toEntry(
        tx
          .insert(catalogueEntries)
          .values({ ...entry, position: (last?.position ?? -1) + 1 })
          .returning()
          .get(),
      );
    });
  }

  update(id: string, patch: Partial<Pick<CatalogueEntry, 'code' | 'label' | 'labelEn' | 'retired'>>): CatalogueEntry {
    return toEntry(this.db.update(catalogueEntries).set(patch).where(eq(catalogueEntries.id, id)).returning().get()!);
  }

  /** Swaps the entry with its neighbour above (-1) or below (+1); nothing at either end. */
  move(catalogue: CatalogueName, id: string, delta: -1 | 1): void {
    this.db.transaction((tx) => {
      const ordered = tx
        .select({ id: catalogueEntries.id, position: catalogueEntries.position })
        .from(catalogueEntries)
        .where(eq(catalogueEntries.catalogue, catalogue))
        .orderBy(asc(catalogueEntries.position))
        .all();
      const from = ordered.findIndex((row) => row.id === id);
      const neighbour = ordered[from + delta];
      if (from < 0 || !neighbour) return;
      tx.update(catalogueEntries).set({ position: neighbour.position }).where(eq(catalogueEntries.id, id)).run();
      tx.update(catalogueEntries).set({ position: ordered[from]!.position }).where(eq(catalogueEntries.id, neighbour.id)).run();
    });
  }
}
