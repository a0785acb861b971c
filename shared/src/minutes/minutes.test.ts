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
import { composeMinutes, sectionBlocks, type MinutesMeeting } from './compose.ts';
import {
  addBoardItems,
  addEntry,
  addFreeItem,
  agendaNotes,
  freezeResults,
  frozenResults,
  metaText,
  minutesView,
  moveAgendaItem,
  removeEntry,
  setEntryField,
  unfreezeResults,
} from './doc.ts';
import { minutesToDocx } from './docx.ts';
import { minutesToMarkdown } from './markdown.ts';
import { richTextBlocks, writeRichText } from './richtext.ts';
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
  writeRichText(agendaNotes(doc, welcome)!, [
    { type: 'paragraph', text: 'Úvodní slovo. Podklady na webu.', runs: [{ text: 'Úvodní slovo.', bold: true }, { text: ' Podklady ' }, { text: 'na webu', href: 'https://kpss.liberec.cz/' }, { text: '.' }] },
    { type: 'heading', text: 'Noví členové', level: 3 },
    { type: 'list', items: [{ text: 'Představení nových členů', children: [{ text: 'p. Řáhová (DH Liberec)' }] }, 'Program schválen'] },
    { type: 'list', ordered: true, items: ['Schválení zápisu', '1. bod *bez* formátování'] },
  ]);
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
    writeRichText(agendaNotes(a, item)!, [{ type: 'paragraph', text: 'Ahoj' }]);
    writeRichText(agendaNotes(b, item)!, [{ type: 'list', items: ['světe'] }]);
    addEntry(a, 'present', { name: 'Jana' });
    const gone = addEntry(b, 'excused', { name: 'Petr' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    removeEntry(a, 'excused', gone);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(minutesView(a)).toEqual(minutesView(b));
    expect(minutesView(b).agenda[0]!.notes.map((block) => block.type).sort()).toEqual(['list', 'paragraph']);
    expect(minutesView(b).present.map((p) => p.name)).toEqual(['Jana']);
    expect(minutesView(b).excused).toEqual([]);
  });

  it('gives each board one agenda item, however often it is asked', () => {
    const doc = new Y.Doc();
    addBoardItems(doc, ['boardAAAA1', 'boardBBBB2']);
    addBoardItems(doc, ['boardAAAA1', 'boardBBBB2', 'boardCCCC3']);
    expect(minutesView(doc).agenda.map((i) => i.boardId)).toEqual(['boardAAAA1', 'boardBBBB2', 'boardCCCC3']);
  });

  it('reads rich text as headings, paragraphs with bold and links, and nested lists', () => {
    const doc = new Y.Doc();
    const notes = agendaNotes(doc, addFreeItem(doc, 'Různé'))!;
    // As Tiptap's StarterKit keeps it: a bold mark and a link mark with the attributes Tiptap adds.
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    const javascript = new Y.XmlText();
    const second = new Y.XmlElement('paragraph');
    second.insert(0, [javascript]);
    notes.insert(0, [paragraph, second]);
    text.insert(0, 'Viz ');
    text.insert(4, 'web', { bold: {}, link: { href: 'https://example.cz', target: '_blank', rel: 'noopener', class: null } });
    javascript.insert(0, 'zlé', { link: { href: 'javascript:alert(1)' } });
    writeRichText(notes, [{ type: 'list', items: [{ text: 'a', children: [{ text: 'a1' }] }, { text: 'b' }] }]);
    expect(richTextBlocks(notes)).toEqual([
      { type: 'paragraph', text: 'Viz web', runs: [{ text: 'Viz ' }, { text: 'web', bold: true, href: 'https://example.cz' }] },
      { type: 'paragraph', text: 'zlé' },
      { type: 'list', items: [{ text: 'a', children: [{ text: 'a1' }] }, { text: 'b' }] },
    ]);
  });

  it('freezes a board\'s results into editable rich text that no longer follows the board, until unfrozen', () => {
    const doc = new Y.Doc();
    addBoardItems(doc, ['boardAAAA1']);
    const item = minutesView(doc).agenda[0]!.id;
    const meeting = { groupName: '', title: 'T', startsAt: '', place: '', participants: 0, boards: [{ id: 'boardAAAA1', title: 'Co chybí?' }] };
    const live = (text: string): Record<string, MinutesSection> => ({ boardAAAA1: { heading: 'Co chybí?', blocks: [{ type: 'list', items: [text] }] } });
    const body = (sections: Record<string, MinutesSection>) => composeMinutes(minutesView(doc), meeting, sections, 'cs').parts[1]!.blocks;

    expect(body(live('Krizová lůžka'))).toEqual([{ type: 'list', items: ['Krizová lůžka'] }]);
    freezeResults(doc, item, sectionBlocks(richSection, 'Co chybí?'));
    // The frozen text is what the export uses, whatever the board shows now; it can be edited.
    writeRichText(frozenResults(doc, item)!, [{ type: 'paragraph', text: 'Doplněno zapisovatelkou.' }]);
    const frozen = body(live('Něco jiného'));
    expect(frozen).toContainEqual({ type: 'heading', text: 'Proč odcházejí pracovníci?', level: 3 });
    expect(frozen).toContainEqual({ type: 'list', items: [{ text: 'Vzdělávání', children: [{ text: 'Placené kurzy', children: [{ text: 'I mimo akreditované' }] }] }] });
    expect(frozen).toContainEqual({ type: 'paragraph', text: 'Stůl 2 – zelený', runs: [{ text: 'Stůl 2 – zelený', bold: true }] });
    expect(frozen).toContainEqual({ type: 'list', items: [{ text: 'Bydlení ⚫' }, { text: 'Doprava' }] });
    expect(frozen).toContainEqual({ type: 'list', items: [{ text: 'Dluhy – 12' }, { text: 'Šikana – 3' }] });
    expect(frozen.at(-1)).toEqual({ type: 'paragraph', text: 'Doplněno zapisovatelkou.' });
    expect(JSON.stringify(frozen)).not.toContain('Něco jiného');

    unfreezeResults(doc, item);
    expect(frozenResults(doc, item)).toBeUndefined();
    expect(body(live('Něco jiného'))).toEqual([{ type: 'list', items: ['Něco jiného'] }]);
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
    // Notes keep their bold and their link, a real hyperlink to the address.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t(?: [^>]*)?>Úvodní slovo\.<\/w:t>/);
    const link = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>(?:(?!<\/w:hyperlink>).)*na webu/.exec(xml)?.[1];
    expect(strFromU8(zip['word/_rels/document.xml.rels']!)).toContain(`Id="${link}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://kpss.liberec.cz/" TargetMode="External"`);
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
