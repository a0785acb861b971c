import { catalogueNames, shippedCatalogues, type CatalogueEntry, type CatalogueName, type Catalogues } from '@dilna/shared';
import type { z } from 'zod';
import type { createCatalogueEntryBody, updateCatalogueEntryBody } from '@dilna/shared';
import { newId } from '../ids.ts';
import type { Repositories } from '../repositories/index.ts';
import type { UserRow } from '../repositories/accounts.ts';
import { HttpError, notFound } from './errors.ts';

type CreateEntry = z.infer<typeof createCatalogueEntryBody>;
type UpdateEntry = z.infer<typeof updateCatalogueEntryBody>;

const adminOnly = (user: UserRow) => {
  if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an administrator edits the catalogues');
};

/**
 * The catalogues a plan's cards pick from. The shipped entries are seeded once per catalogue; after
 * that the administrator's edits rule: entries are retired, never deleted, so cards keep their labels.
 */
export class CataloguesService {
  constructor(private readonly repos: Repositories) {}

  seed(): void {
    for (const name of catalogueNames) this.repos.catalogues.seedOnce(name, shippedCatalogues[name]);
  }

  /** Every entry, retired ones included (cards that use them still show them), in the administrator's order. */
  all(): Catalogues {
    const catalogues: Catalogues = { targetGroups: [], serviceKinds: [] };
    for (const entry of this.repos.catalogues.list()) catalogues[entry.catalogue].push(entry);
    return catalogues;
  }

  create(user: UserRow, catalogue: CatalogueName, body: CreateEntry): CatalogueEntry {
    adminOnly(user);
    return this.repos.catalogues.append({ id: newId(), catalogue, code: body.code, label: body.label, labelEn: body.labelEn, retired: false });
  }

  update(user: UserRow, catalogue: CatalogueName, entryId: string, body: UpdateEntry): CatalogueEntry {
    adminOnly(user);
    const entry = this.repos.catalogues.get(catalogue, entryId);
    if (!entry) throw notFound('catalogue entry');
    const { move, ...fields } = body;
    if (move) this.repos.catalogues.move(catalogue, entryId, move);
    return Object.keys(fields).length > 0 ? this.repos.catalogues.update(entryId, fields) : entry;
  }
}
