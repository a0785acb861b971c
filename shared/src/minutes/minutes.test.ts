import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardKinds, type BoardKindName } from '../boards/index.ts';
import type { AnyBoardKind } from '../boards/kind.ts';
import { notes } from '../boards/notes.ts';
import { composeMinutes, notesBlocks, type MinutesMeeting } from './compose.ts';
import {
  addBoardItems,
  addEntry,
  addFreeItem,
  agendaText,
  metaText,
  minutesView,
  moveAgendaItem,
  removeEntry,
  setEntryField,
} from './doc.ts';
import { minutesToDocx } from './docx.ts';
import { minutesToMarkdown } from './markdown.ts';
import type { MinutesSection } from './section.ts';

/** The shapes boards give the minutes at their richest: nested causes, ⚫ priorities, a café table's colour, a numeric table. */
const richSection: MinutesSection = {
  heading: 'Proč odcházejí pracovníci?',
  blocks: [
    { type: 'heading', text: 'Kariérní růst' },
    { type: 'list', items: [{ text: 'Vzdělávání', children: [{ text: 'Placené kurzy', children: [{ text: 'I mimo akreditované' }] }] }] },
    { type: 'list', label: 'Stůl 2 – zelený', colour: '#2e7d32', items: [{ text: 'Bydlení', mark: 'priority' }, 'Doprava'] },
    { type: 'table', header: ['Položka', 'Počet hlasů'], rows: [['Dluhy', '12'], ['Šikana', '3']], numeric: [1] },
  ],
};

/** Each board kind's real section of a freshly laid out board, plus a note wall with notes. */
function boardSections(): { meeting: MinutesMeeting; sections: Record<string, MinutesSection> } {
  const names = Object.keys(boardKinds) as BoardKindName[];
  const sections: Record<string, MinutesSection> = {};
  const boards = names.map((name, index) => {
    const kind: AnyBoardKind = boardKinds[name];
    const doc = new Y.Doc();
    kind.init(doc, kind.settingsSchema.parse({}));
    if (name === 'notes') {
      notes.project(doc, [
        { id: 'n1', text: 'Chybí terénní služby na Frýdlantsku', at: '2025-11-19T13:10:00.000Z' },
        { id: 'n2', text: 'Dlouhé čekací lhůty', at: '2025-11-19T13:11:00.000Z' },
      ]);
    }
    const id = `board${index}xx`;
    sections[id] = kind.toMinutes(kind.view(doc, () => new Y.Doc()), 'cs');
    return { id, title: `Tabule ${name}` };
  });
  boards.push({ id: 'richBoard1', title: 'Závěry skupin' });
  sections.richBoard1 = richSection;
  return {
    meeting: { groupName: 'Sociální služby 2', title: 'Setkání pracovní skupiny', startsAt: '2025-11-19T13:00', place: 'MML, zasedací místnost', participants: 14, boards },
    sections,
  };
}

function filledMinutes(boardIds: string[]) {
  const doc = new Y.Doc();
  addBoardItems(doc, boardIds);
  metaText(doc, 'facilitator').insert(0, 'Ivana Hrubá');
  metaText(doc, 'recorder').insert(0, 'Adéla Machová');
  addEntry(doc, 'present', { name: 'Dana Morcová', organisation: 'MML' });
  addEntry(doc, 'present', { name: 'Lukáš Průcha' });
  addEntry(doc, 'guests', { name: 'Věra Motyčková', organisation: 'Motyčkovice klika, z. s.' });
  addEntry(doc, 'excused', { name: 'Zlata Adamcová' });
  const welcome = addFreeItem(doc, 'Přivítání');
  moveAgendaItem(doc, welcome, -1);
  for (let i = 0; i < boardIds.length; i++) moveAgendaItem(doc, welcome, -1);
  agendaText(doc, welcome, 'notes')!.insert(0, 'Úvodní slovo.\n\n- Představení nových členů\n  - p. Řáhová (DH Liberec)\n- Program schválen');
  const task = addEntry(doc, 'tasks', { task: 'Rozeslat poskytovatelům finální analýzu', owner: 'A. Sochůrková', deadline: '2026-01-31' });
  addEntry(doc, 'tasks', { task: 'Naplánovat dvě setkání skupin', owner: 'manažeři skupin' });
  setEntryField(doc, 'tasks', task, 'done', true);
  addEntry(doc, 'nextMeetings', { when: '2026-01-19T14:00' });
  addEntry(doc, 'nextMeetings', { when: '2026-03-16T14:00' });
  return doc;
}

describe('minutes doc', () => {
  it('two editors converge on attendance, agenda notes and tasks', () => {
    const a = new Y.Doc();
    addBoardItems(a, ['boardAAAA1']);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const item = minutesView(a).agenda[0]!.id;
    agendaText(a, item, 'notes')!.insert(0, 'Ahoj ');
    agendaText(b, item, 'notes')!.insert(0, 'světe');
    addEntry(a, 'present', { name: 'Jana' });
    const gone = addEntry(b, 'excused', { name: 'Petr' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    removeEntry(a, 'excused', gone);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(minutesView(a)).toEqual(minutesView(b));
    expect(minutesView(b).agenda[0]!.notes).toHaveLength('Ahoj světe'.length);
    expect(minutesView(b).present.map((p) => p.name)).toEqual(['Jana']);
    expect(minutesView(b).excused).toEqual([]);
  });

  it('gives each board one agenda item, however often it is asked', () => {
    const doc = new Y.Doc();
    addBoardItems(doc, ['boardAAAA1', 'boardBBBB2']);
    addBoardItems(doc, ['boardAAAA1', 'boardBBBB2', 'boardCCCC3']);
    expect(minutesView(doc).agenda.map((i) => i.boardId)).toEqual(['boardAAAA1', 'boardBBBB2', 'boardCCCC3']);
  });

  it('reads typed notes as paragraphs and (nested) lists', () => {
    expect(notesBlocks('Úvod\npokračuje\n\n- a\n  - a1\n- b\nZávěr')).toEqual([
      { type: 'paragraph', text: 'Úvod pokračuje' },
      { type: 'list', items: [{ text: 'a', children: [{ text: 'a1' }] }, { text: 'b' }] },
      { type: 'paragraph', text: 'Závěr' },
    ]);
  });
});

describe('minutes export', () => {
  it('Markdown of a meeting with every board kind, attendance, tasks and next meetings (golden)', async () => {
    const { meeting, sections } = boardSections();
    const doc = filledMinutes(meeting.boards.map((b) => b.id));
    const composed = composeMinutes(minutesView(doc), meeting, sections, 'cs');
    await expect(minutesToMarkdown(composed)).toMatchFileSnapshot('golden/meeting.cs.md');
    await expect(minutesToMarkdown(composeMinutes(minutesView(doc), meeting, sections, 'en'))).toMatchFileSnapshot('golden/meeting.en.md');
  });

  it('leaves out items of removed boards and adds boards the doc does not list yet', () => {
    const doc = new Y.Doc();
    addBoardItems(doc, ['goneBoard1', 'keptBoard1']);
    const composed = composeMinutes(
      minutesView(doc),
      { groupName: '', title: 'T', startsAt: '', place: '', participants: 0, boards: [{ id: 'keptBoard1', title: 'A' }, { id: 'newBoard01', title: 'B' }] },
      {},
      'cs',
    );
    expect(composed.parts.map((p) => p.heading)).toEqual(['Program jednání', '1) A', '2) B']);
  });

  it('DOCX: A4, page numbers, headings, a numbered agenda, nested lists, tables and Czech text', async () => {
    const { meeting, sections } = boardSections();
    const doc = filledMinutes(meeting.boards.map((b) => b.id));
    const file = await minutesToDocx(composeMinutes(minutesView(doc), meeting, sections, 'cs'), 'cs');
    const zip = unzipSync(file);
    const xml = strFromU8(zip['word/document.xml']!);
    const text = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('|');
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(text).toContain('Zápis ze setkání: Setkání pracovní skupiny');
    expect(text).toContain('Program jednání');
    expect(text).toContain('Přítomni: |Dana Morcová (MML), Lukáš Průcha');
    expect(text).toContain('Úkol: |Rozeslat poskytovatelům finální analýzu (splněno)');
    expect(text).toContain('Zapsal(a): Adéla Machová');
    expect(text).toContain('I mimo akreditované');
    // Lists are Word numbering, three levels deep for the causes, not typed bullets.
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="2"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(strFromU8(zip['word/numbering.xml']!)).toContain('w:val="decimal"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:jc w:val="right"\/>.*12/);
    const footer = Object.keys(zip).find((name) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(strFromU8(zip[footer]!)).toMatch(/PAGE/);
  });

  // A real reader opens the file: LibreOffice converts it to PDF (skipped where it is not installed).
  const soffice = spawnSync('soffice', ['--version']).status === 0;
  it.skipIf(!soffice)('DOCX opens in LibreOffice and converts to a PDF (needs `soffice`: apt-get install libreoffice-writer-nogui)', async () => {
    const { meeting, sections } = boardSections();
    const file = await minutesToDocx(composeMinutes(minutesView(filledMinutes(meeting.boards.map((b) => b.id))), meeting, sections, 'cs'), 'cs');
    const dir = mkdtempSync(join(tmpdir(), 'dilna-minutes-'));
    writeFileSync(join(dir, 'zapis.docx'), file);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'zapis.docx')], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    const pdf = readFileSync(join(dir, 'zapis.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595.3 × 841.9 points.
    expect(pdf.toString('latin1')).toMatch(/MediaBox\s*\[\s*0 0 595\.3\d* 841\.8\d*/);
  }, 150_000);
});
