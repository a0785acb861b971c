import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardKindName } from '../boards/index.ts';
import type { Locale } from '../i18n/index.ts';
import { openTasksAfter, prefillAttendance, setCarriedDone, syncWithEarlier, type EarlierMinutes } from './carried.ts';
import { composeMinutes, sectionBlocks, type MinutesMeeting } from './compose.ts';
import { readDocx } from './docx-testing.ts';
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
import { minutesToHtml } from './html.ts';
import { minutesToMarkdown } from './markdown.ts';
import { isLinkAddress, richTextBlocks, writeRichText } from './richtext.ts';
import type { MinutesSection } from './section.ts';
import { filledBoardSections } from './test-boards.ts';

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

/** A meeting with a board of every kind, each with the content a working group's meeting gives it. */
function boardSections(locale: Locale = 'cs'): { meeting: MinutesMeeting; sections: Record<string, MinutesSection> } {
  const sections: Record<string, MinutesSection> = {};
  const titles: Record<BoardKindName, string> = {
    notes: 'Co v regionu chybí',
    polls: 'Rychlá anketa',
    dots: 'Priority skupiny',
    fishbone: 'Proč odcházejí pracovníci',
    cafe: 'World café: financování',
    plan: 'Karty rozvojových aktivit',
  };
  const boards = filledBoardSections(locale).map(({ kind, section }, index) => {
    const id = `board${index}xx`;
    sections[id] = section;
    return { id, title: titles[kind] };
  });
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
  syncWithEarlier(doc, [earlierMeeting()], { prefill: false });
  setCarriedDone(doc, 'taskFromSeptember', true);
  return doc;
}

/** The group's meeting before, with two tasks still open (one of them ticked done in the minutes above). */
function earlierMeeting(): EarlierMinutes {
  const doc = new Y.Doc();
  addEntry(doc, 'present', { name: 'Dana Morcová', organisation: 'MML' });
  addEntry(doc, 'tasks', { task: 'Oslovit Motyčkovice kliku', owner: 'D. Morcová', deadline: '2025-10-31' });
  const view = minutesView(doc);
  return {
    meeting: { meetingId: 'september01', title: 'Zářijové setkání', startsAt: '2025-09-17T13:00' },
    minutes: { ...view, tasks: [...view.tasks, { id: 'taskFromSeptember', task: 'Zjistit kapacity odlehčovacích služeb', owner: 'L. Průcha', deadline: '', done: false }] },
  };
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

  it('keeps a note typed into an agenda item while someone else moves it, and the item once', () => {
    const a = new Y.Doc();
    addBoardItems(a, ['boardAAAA1']);
    const free = addFreeItem(a, 'Různé');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeRichText(agendaNotes(a, free)!, [{ type: 'paragraph', text: 'Paní Horáková pošle indikátory.' }]);
    moveAgendaItem(b, free, -1);
    moveAgendaItem(a, free, -1);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const view = minutesView(doc);
      expect(view.agenda.map((item) => item.title || item.boardId)).toEqual(['Různé', 'boardAAAA1']);
      expect(view.agenda[0]!.notes).toEqual([{ type: 'paragraph', text: 'Paní Horáková pošle indikátory.' }]);
    }
    moveAgendaItem(b, free, 1);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(minutesView(a).agenda.map((item) => item.boardId)).toEqual(['boardAAAA1', null]);
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

  it('accepts links to web pages and e-mail addresses only', () => {
    for (const href of ['https://www.kpss.cz/zapisy', 'http://example.cz', 'mailto:sekretariat@kpss.cz']) expect(isLinkAddress(href)).toBe(true);
    for (const href of ['javascript:alert(1)', 'www.kpss.cz', 'ftp://example.cz', 'https://', 'mailto:nikdo', 'https://a b']) expect(isLinkAddress(href)).toBe(false);
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

/** One meeting's minutes as the server reads them for the next: a view and where it came from. */
function meetingWith(meetingId: string, startsAt: string, fill: (doc: Y.Doc) => void): EarlierMinutes & { doc: Y.Doc } {
  const doc = new Y.Doc();
  fill(doc);
  return { doc, meeting: { meetingId, title: meetingId, startsAt }, minutes: minutesView(doc) };
}
const reread = (m: EarlierMinutes & { doc: Y.Doc }) => ({ ...m, minutes: minutesView(m.doc) });

/** A meeting that set one task, and the next meeting's minutes that list it. */
function oneTaskCarried() {
  let taskId = '';
  const first = meetingWith('meeting01', '2025-09-17T13:00', (doc) => {
    taskId = addEntry(doc, 'tasks', { task: 'Rozeslat analýzu' });
  });
  const second = meetingWith('meeting02', '2025-10-15T13:00', () => {});
  syncWithEarlier(second.doc, [first], { prefill: false });
  return { first, second, taskId };
}

describe('tasks carried to the next meetings', () => {
  it('lists each open task once in every later meeting until one of them ticks it done', () => {
    let taskId = '';
    const first = meetingWith('meeting01', '2025-09-17T13:00', (doc) => {
      taskId = addEntry(doc, 'tasks', { task: 'Rozeslat analýzu', owner: 'A. Sochůrková' });
      addEntry(doc, 'tasks', { task: 'Hotovo hned', done: true });
      addEntry(doc, 'tasks', { task: '   ' });
    });
    const second = meetingWith('meeting02', '2025-10-15T13:00', (doc) => addEntry(doc, 'tasks', { task: 'Pozvat hosta' }));
    syncWithEarlier(second.doc, [first], { prefill: false });
    // Repeated syncs, as the server does on every change, add nothing twice.
    syncWithEarlier(second.doc, [first], { prefill: false });
    expect(minutesView(second.doc).carried.map((t) => [t.id, t.task, t.from.meetingId, t.done])).toEqual([[taskId, 'Rozeslat analýzu', 'meeting01', false]]);

    // Still open at the second meeting: the third lists it, and the second's own open task.
    const third = meetingWith('meeting03', '2025-11-19T13:00', () => {});
    syncWithEarlier(third.doc, [first, reread(second)], { prefill: false });
    expect(minutesView(third.doc).carried.map((t) => t.task)).toEqual(['Rozeslat analýzu', 'Pozvat hosta']);

    // Ticked done at the second meeting: the third no longer lists it; the second keeps it, ticked.
    setCarriedDone(second.doc, taskId, true);
    syncWithEarlier(second.doc, [first], { prefill: false });
    syncWithEarlier(third.doc, [first, reread(second)], { prefill: false });
    expect(minutesView(third.doc).carried.map((t) => t.task)).toEqual(['Pozvat hosta']);
    expect(minutesView(second.doc).carried.map((t) => [t.task, t.done])).toEqual([['Rozeslat analýzu', true]]);
  });

  it('follows edits at the origin, drops what the origin removed, and repairs a removed or doubled entry', () => {
    const { first, second, taskId } = oneTaskCarried();

    setEntryField(first.doc, 'tasks', taskId, 'owner', 'A. Sochůrková');
    syncWithEarlier(second.doc, [reread(first)], { prefill: false });
    expect(minutesView(second.doc).carried[0]!.owner).toBe('A. Sochůrková');

    // An editor's client deletes the entry: the next sync restores it.
    const carried = second.doc.getArray<Y.Map<unknown>>('carried');
    const entry = minutesView(second.doc).carried[0]!;
    carried.delete(0, 1);
    syncWithEarlier(second.doc, [reread(first)], { prefill: false });
    expect(minutesView(second.doc).carried.map((t) => t.id)).toEqual([taskId]);
    // Clients push copies, one of them ticked: one entry stays, and the tick with it.
    carried.push([new Y.Map(Object.entries(entry)), new Y.Map(Object.entries({ ...entry, done: true }))]);
    expect(minutesView(second.doc).carried).toHaveLength(3);
    syncWithEarlier(second.doc, [reread(first)], { prefill: false });
    expect(minutesView(second.doc).carried.map((t) => [t.id, t.done])).toEqual([[taskId, true]]);
    setCarriedDone(second.doc, taskId, false);

    removeEntry(first.doc, 'tasks', taskId);
    syncWithEarlier(second.doc, [reread(first)], { prefill: false });
    expect(minutesView(second.doc).carried).toEqual([]);
  });

  it('a task ticked done here stays in this record even when its origin ticks it too, and goes with a deleted origin', () => {
    const { first, second, taskId } = oneTaskCarried();
    setCarriedDone(second.doc, taskId, true);
    setEntryField(first.doc, 'tasks', taskId, 'done', true);
    syncWithEarlier(second.doc, [reread(first)], { prefill: false });
    expect(minutesView(second.doc).carried.map((t) => t.done)).toEqual([true]);
    syncWithEarlier(second.doc, [], { prefill: false });
    expect(minutesView(second.doc).carried).toEqual([]);
  });

  it('openTasksAfter keys tasks by id: a task carried through several meetings is one task', () => {
    const task = { id: 't1', task: 'Úkol', owner: '', deadline: '', done: false };
    const from = { meetingId: 'm1', title: 'První', startsAt: '2025-01-01T10:00' };
    const open = openTasksAfter([
      { meeting: from, minutes: { tasks: [task], carried: [] } },
      { meeting: { ...from, meetingId: 'm2' }, minutes: { tasks: [], carried: [{ ...task, from }] } },
    ]);
    expect(open).toEqual([{ ...task, from }]);
  });
});

describe('attendance taken over from the previous meeting', () => {
  const previous = meetingWith('meeting01', '2025-09-17T13:00', (doc) => {
    addEntry(doc, 'present', { name: 'Dana Morcová', organisation: 'MML' });
    addEntry(doc, 'present', { name: '' });
    addEntry(doc, 'guests', { name: 'Věra Motyčková' });
    addEntry(doc, 'excused', { name: 'Zlata Adamcová' });
    addEntry(doc, 'excused', { name: 'Dana Morcová', organisation: 'MML' });
  });

  it('lists who was present or excused last time as present, once; guests are not taken over', () => {
    const doc = new Y.Doc();
    syncWithEarlier(doc, [previous, meetingWith('meeting02', '2025-10-01T13:00', () => {})], { prefill: true });
    expect(minutesView(doc).present.map((p) => [p.name, p.organisation])).toEqual([
      ['Dana Morcová', 'MML'],
      ['Zlata Adamcová', ''],
    ]);
    expect(minutesView(doc).guests).toEqual([]);
  });

  it('never overwrites what was typed, and never fills twice', () => {
    const typed = new Y.Doc();
    addEntry(typed, 'excused', { name: 'Jana Horáková' });
    expect(prefillAttendance(typed, previous.meeting, previous.minutes)).toBe(false);
    expect(minutesView(typed).present).toEqual([]);

    const cleared = new Y.Doc();
    expect(prefillAttendance(cleared, previous.meeting, previous.minutes)).toBe(true);
    for (const person of minutesView(cleared).present) removeEntry(cleared, 'present', person.id);
    syncWithEarlier(cleared, [previous], { prefill: true });
    expect(minutesView(cleared).present).toEqual([]);
  });
});

describe('minutes export', () => {
  it('Markdown of a meeting with every board kind, attendance, tasks and next meetings (golden)', async () => {
    const { meeting, sections } = boardSections();
    const doc = filledMinutes(meeting.boards.map((b) => b.id));
    const composed = composeMinutes(minutesView(doc), meeting, sections, 'cs');
    await expect(minutesToMarkdown(composed)).toMatchFileSnapshot('golden/meeting.cs.md');
    const english = boardSections('en');
    await expect(minutesToMarkdown(composeMinutes(minutesView(doc), english.meeting, english.sections, 'en'))).toMatchFileSnapshot('golden/meeting.en.md');
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
    const { zip, xml, text } = readDocx(file);
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(text).toContain('Zápis ze setkání: Setkání pracovní skupiny');
    expect(text).toContain('Program jednání');
    expect(text).toContain('Přítomni: |Dana Morcová (MML), Lukáš Průcha');
    expect(text).toContain('Úkol: |Rozeslat poskytovatelům finální analýzu (splněno)');
    expect(text).toContain('Zapsal(a): Adéla Machová');
    expect(text).toContain('Chybí osobní ohodnocení');
    expect(text).toContain('Stůl 1 – oranžový');
    // Notes keep their bold and their link, a real hyperlink to the address.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t(?: [^>]*)?>Úvodní slovo\.<\/w:t>/);
    const link = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>(?:(?!<\/w:hyperlink>).)*na webu/.exec(xml)?.[1];
    expect(strFromU8(zip['word/_rels/document.xml.rels']!)).toContain(`Id="${link}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://kpss.liberec.cz/" TargetMode="External"`);
    // Lists are Word numbering, three levels deep for the causes, not typed bullets.
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="2"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    // The agenda is a numbered list: its first item's numbering is decimal.
    const numbering = strFromU8(zip['word/numbering.xml']!);
    const agendaNum = /<w:numId w:val="(\d+)"\/><\/w:numPr>(?:(?!<\/w:p>).)*<w:t[^>]*>Přivítání<\/w:t>/.exec(xml)?.[1];
    const abstract = new RegExp(`<w:num w:numId="${agendaNum}"[^>]*><w:abstractNumId w:val="(\\d+)"`).exec(numbering)?.[1];
    expect(new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}"[^>]*>(?:(?!</w:abstractNum>).)*<w:numFmt w:val="decimal"/>`).test(numbering)).toBe(true);
    expect(xml).toContain('<w:tbl>');
    // Numbers are right-aligned: the share of a poll's answers.
    expect(xml).toMatch(/<w:jc w:val="right"\/>(?:(?!<\/w:tc>).)*<w:t[^>]*>67 %<\/w:t>/);
    const footer = Object.keys(zip).find((name) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(strFromU8(zip[footer]!)).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>(?:.|\n)*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
  });

  it('print HTML: A4 page with numbers in the footer, headings, a numbered agenda, nested lists, tables and Czech text', () => {
    const { meeting, sections } = boardSections();
    const html = minutesToHtml(composeMinutes(minutesView(filledMinutes(meeting.boards.map((b) => b.id))), meeting, sections, 'cs'), 'cs');
    expect(html).toMatch(/^<!doctype html>\n<html lang="cs">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page \{ size: A4; margin: [^}]*@bottom-center \{ content: "Strana" " " counter\(page\) " \/ " counter\(pages\)/);
    expect(html).toContain('<h1>Zápis ze setkání: Setkání pracovní skupiny</h1>');
    expect(html).toContain('<h2>Program jednání</h2>\n<ol><li>Přivítání</li>');
    expect(html).toContain('<p><strong>Přítomni:</strong> Dana Morcová (MML), Lukáš Průcha</p>');
    expect(html).toContain('<ul><li>Nízké mzdy ⚫<ul><li>Tabulkové tarify<ul><li>Chybí osobní ohodnocení</li></ul></li></ul></li><li>Málo benefitů</li></ul>');
    expect(html).toMatch(/<span class="swatch" style="background:#[0-9a-f]{6}" aria-hidden="true"><\/span><strong>Stůl 2 – světle modrý<\/strong>/);
    expect(html).toContain('<th scope="col" class="number">Podíl</th>');
    expect(html).toContain('<td class="number">67 %</td>');
    expect(html).toContain('<h2>Úkoly z minulých setkání</h2>');
    expect(html).toContain('<p class="signature">Zapsal(a): Adéla Machová</p>');
  });

  it('print HTML: whatever people typed stays text (XSS corpus)', () => {
    const corpus = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      "'><iframe src=javascript:alert(1)>",
      '</title><script>alert(1)</script>',
      '</style><script>alert(1)</script>',
      '<a href="javascript:alert(1)">klik</a>',
      '&lt;script&gt;',
      '{{constructor.constructor("alert(1)")()}}',
      '<!--',
      ']]><script>alert(1)</script>',
    ];
    const doc = new Y.Doc();
    for (const field of ['title', 'place', 'facilitator', 'recorder'] as const) metaText(doc, field).insert(0, corpus.join(' '));
    for (const text of corpus) {
      addEntry(doc, 'present', { name: text, organisation: text });
      addEntry(doc, 'tasks', { task: text, owner: text, deadline: text });
      addEntry(doc, 'nextMeetings', { when: text });
      writeRichText(agendaNotes(doc, addFreeItem(doc, text))!, [{ type: 'paragraph', text }, { type: 'list', items: [text] }]);
    }
    const hostile: MinutesSection = {
      heading: corpus[0]!,
      blocks: [
        { type: 'heading', text: corpus[1]! },
        { type: 'list', label: corpus[2], colour: 'red;background:url(javascript:alert(1))', items: corpus.map((text) => ({ text, children: [{ text }] })) },
        { type: 'table', header: corpus.slice(0, 3), rows: [corpus.slice(3, 6)] },
      ],
    };
    const html = minutesToHtml(
      composeMinutes(minutesView(doc), { groupName: corpus[4]!, title: 'T', startsAt: '', place: '', participants: 0, boards: [{ id: 'hostile01', title: corpus[5]! }] }, { hostile01: hostile }, 'en'),
      'en',
    );
    // Only the renderer's own tags; every angle bracket of the corpus is an entity.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]!.toLowerCase()));
    // The colour was no colour: no swatch, so no style attribute with it.
    expect([...tags].sort()).toEqual(['!doctype', 'body', 'div', 'h1', 'h2', 'h3', 'h4', 'head', 'html', 'li', 'main', 'meta', 'ol', 'p', 'strong', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul']);
    const attributes = new Set([...html.matchAll(/<[^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s([a-z-]+)="/gi)].map((m) => m[1]!)));
    expect([...attributes].sort()).toEqual(['charset', 'class', 'content', 'lang', 'name', 'scope']);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp;lt;script&amp;gt;');
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
