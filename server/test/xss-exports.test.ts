/**
 * Stored XSS and formula injection in exports: a meeting whose every user-written field holds a
 * payload (see xss-world.ts) is downloaded as CSV, board by board. Every payload comes back as the
 * text it was, and no cell starts as a spreadsheet formula.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { boardKindNames } from '@dilna/shared';
import { expectStatus, startServer, useResources } from './helpers.ts';
import { buildXssWorld, xssPayloads } from './xss-world.ts';

const resources = useResources();

/** What Excel, LibreOffice and Numbers evaluate when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('exports of a meeting full of XSS payloads', () => {
  it('CSV of every board kind: payloads come back as text, none starts a formula', async () => {
    const server = await startServer(resources);
    const world = await buildXssWorld(server.origin);

    const cells: string[] = [];
    for (const kind of boardKindNames) {
      const csv = expectStatus(
        await server.api<string>('GET', `/meetings/${world.meetingId}/boards/${world.boards[kind]}/results.csv?lang=cs`, { key: world.keys.facilitator }),
        200,
      );
      const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
      expect(rows.length, `${kind} has results`).toBeGreaterThan(1);
      for (const cell of rows.flat()) {
        expect(cell, `a ${kind} cell`).not.toMatch(FORMULA_START);
        cells.push(cell);
      }
    }
    // A formula-like payload is kept whole behind the apostrophe that defuses it.
    const asTyped = new Set(cells.map((cell) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell)));
    for (const payload of xssPayloads) expect(asTyped, `${payload} in some export`).toContain(payload);
  });
});
