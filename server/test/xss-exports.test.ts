/**
 * Stored XSS and formula injection in exports: a meeting whose every user-written field holds a
 * payload (see xss-world.ts) is downloaded as CSV, board by board, and its minutes as Markdown,
 * print HTML and DOCX. Every payload comes back as the text it was: no cell starts as a
 * spreadsheet formula, no Markdown link or HTML tag forms, no element or handler is injected.
 */
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addCard, addGoal, addMeasure, boardKindNames, rooms, type Plan } from '@dilna/shared';
import { TEST_ADMIN_PASSWORD, connectYjs, expectStatus, loginAsAdmin, roundTrip, startServer, useResources } from './helpers.ts';
import { buildXssWorld, xssPayloads } from './xss-world.ts';

const resources = useResources();

/** What Excel, LibreOffice and Numbers evaluate when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text of HTML or WordprocessingML markup: tags dropped, the entities an escaper writes decoded. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|apos|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", amp: '&' })[entity]!);

describe('exports of a meeting full of XSS payloads', () => {
  it('CSV of every board kind: payloads come back as text, none starts a formula', async () => {
    const server = await startServer(resources);
    const world = await buildXssWorld(server.origin, TEST_ADMIN_PASSWORD);

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

  it('minutes as Markdown, print HTML and DOCX: payloads come back as text, no tag, handler or link forms', async () => {
    const server = await startServer(resources);
    const world = await buildXssWorld(server.origin, TEST_ADMIN_PASSWORD);
    const download = async (format: 'md' | 'html' | 'docx') => {
      const res = await fetch(`${server.origin}/api/meetings/${world.meetingId}/minutes.${format}`, { headers: { 'x-dilna-key': world.keys.facilitator } });
      expect(res.status, format).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };

    const markdown = strFromU8(await download('md'));
    expect(markdown, 'an unescaped tag').not.toMatch(/(?<!\\)<[a-z!/]/i);
    expect(markdown, 'an unescaped link').not.toMatch(/(?<!\\)\]\(/);
    const markdownText = markdown.replace(/\\([\\`*_[\]<>#|.])/g, '$1');
    for (const payload of xssPayloads) expect(markdownText, `${payload} in the Markdown`).toContain(payload);

    const html = strFromU8(await download('html'));
    const docx = strFromU8(unzipSync(await download('docx'))['word/document.xml']!);
    for (const [format, markup] of [['html', html], ['docx', docx]] as const) {
      expect(markup, `${format}: an injected element`).not.toMatch(/<(script|iframe|svg|img|details|a)[\s>]/i);
      expect(markup, `${format}: an inline handler`).not.toMatch(/<[^>]*\son\w+=/i);
      expect(markup, `${format}: a javascript: link`).not.toMatch(/<[^>]*=\s*["']?\s*javascript:/i);
      const text = textOf(markup);
      for (const payload of xssPayloads) expect(text, `${payload} in the ${format}`).toContain(payload);
    }
  });

  it("a plan's cards and outline as CSV, Markdown and DOCX: payloads come back as text, no formula, tag or link forms", async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const P = xssPayloads;
    const plan = expectStatus(await server.api<Plan>('POST', '/plans', { session: admin, body: { title: P[0], period: P[1], groupId: null } }), 201);
    const editor = await connectYjs(resources, server, rooms.plan(plan.id), null, { cookie: admin.cookie });
    const goalId = addGoal(editor.doc, { title: P[2], description: P[3] });
    addMeasure(editor.doc, goalId, { title: P[4], description: P[5] });
    addCard(editor.doc, goalId, { name: P[6], description: P[7], duration: P[8], responsible: P[9], funding: P[10] });
    addCard(editor.doc, null, { name: P[11], description: P[12] });
    await roundTrip(editor);
    const download = async (query: string) => {
      const res = await fetch(`${server.origin}/api/plans/${plan.id}/export?${query}`, { headers: { cookie: admin.cookie } });
      expect(res.status, query).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };

    const cells: string[] = [];
    for (const part of ['cards', 'outline']) {
      const rows = parse(strFromU8(await download(`format=csv&part=${part}`)), { bom: true, relax_column_count: true }) as string[][];
      for (const cell of rows.flat()) {
        expect(cell, `a ${part} cell`).not.toMatch(FORMULA_START);
        cells.push(cell);
      }
    }
    const asTyped = cells.map((cell) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell)).join('\n');
    for (const payload of P.slice(2)) expect(asTyped, `${payload} in the CSV`).toContain(payload);

    for (const part of ['cards', 'outline']) {
      const markdown = strFromU8(await download(`format=md&part=${part}`));
      expect(markdown, 'an unescaped tag').not.toMatch(/(?<!\\)<[a-z!/]/i);
      expect(markdown, 'an unescaped link').not.toMatch(/(?<!\\)\]\(/);
      const docx = strFromU8(unzipSync(await download(`format=docx&part=${part}`))['word/document.xml']!);
      expect(docx, 'an injected element').not.toMatch(/<(script|iframe|svg|img|details|a)[\s>]/i);
      expect(docx, 'an inline handler').not.toMatch(/<[^>]*\son\w+=/i);
    }
    const cardsDocx = textOf(strFromU8(unzipSync(await download('format=docx'))['word/document.xml']!));
    for (const payload of [P[6], P[7], P[8], P[9], P[10], P[11]]) expect(cardsDocx, `${payload} in the DOCX`).toContain(payload);
  });
});
