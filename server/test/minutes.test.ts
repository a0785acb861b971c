import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addEntry, addFreeItem, agendaNotes, metaText, minutesView, rooms, writeRichText, type MeetingDetail } from '@dilna/shared';
import {
  addNotesBoard,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  eventually,
  expectStatus,
  join,
  liveNotesMeeting,
  openRawYjs,
  postNote,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
} from './helpers.ts';

const resources = useResources();

describe('minutes', () => {
  it('the facilitator and the editor write the minutes together; the projector link may not open them', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const room = rooms.minutes(fixture.meetingId);
    const [facilitator, editor] = await Promise.all([
      connectYjs(resources, server, room, fixture.keys.facilitator),
      connectYjs(resources, server, room, fixture.keys.editor),
    ]);
    // The projector's link is shown in a public room; the minutes name the people present.
    expect((await openRawYjs(resources, server, room, fixture.keys.screen)).status).toBe(403);

    // Both opened at once, yet the board has one agenda item (the server adds it).
    await waitUntil(() => minutesView(editor.doc).agenda.length === 1 && minutesView(facilitator.doc).agenda.length === 1);
    expect(minutesView(facilitator.doc).agenda[0]!.boardId).toBe(fixture.board.id);

    const item = minutesView(editor.doc).agenda[0]!.id;
    writeRichText(agendaNotes(editor.doc, item)!, [{ type: 'paragraph', text: 'Diskuse o parku.' }]);
    addEntry(facilitator.doc, 'present', { name: 'Jana Nováková', organisation: 'Ponava, z. s.' });
    await Promise.all([roundTrip(editor), roundTrip(facilitator)]);
    await eventually(() => {
      for (const client of [facilitator, editor]) {
        expect(minutesView(client.doc).agenda[0]!.notes).toEqual([{ type: 'paragraph', text: 'Diskuse o parku.' }]);
        expect(minutesView(client.doc).present.map((p) => p.name)).toEqual(['Jana Nováková']);
      }
    });

    // A board added later gets its item while the minutes are open.
    const second = await addNotesBoard(server, fixture, { title: 'Další nápady' });
    await waitUntil(() => minutesView(editor.doc).agenda.some((i) => i.boardId === second.id), { message: 'the new board in the minutes' });
  });

  it('exports Markdown and DOCX with the board results, attendance and tasks; names the file by date, group and title', async () => {
    const server = await startServer(resources);
    const group = await createGroup(server, 'Sociální služby');
    const fixture = await createMeeting(server, { group, title: 'Setkání 2' });
    const board = await addNotesBoard(server, fixture, { title: 'Co chybí', prompt: 'Co v obci chybí?' });
    expectStatus(await server.api('PATCH', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator, body: { liveBoardId: board.id } }), 200);
    const joined = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, joined.cookie);
    expect(await postNote(phone, board.id, 'Odlehčovací služba')).toEqual({ ok: true });

    const editor = await connectYjs(resources, server, rooms.minutes(fixture.meetingId), fixture.keys.editor);
    await waitUntil(() => minutesView(editor.doc).agenda.length === 1);
    metaText(editor.doc, 'recorder').insert(0, 'Adéla Machová');
    addEntry(editor.doc, 'guests', { name: 'Věra Motyčková', organisation: 'Motyčkovice klika' });
    writeRichText(agendaNotes(editor.doc, addFreeItem(editor.doc, 'Různé'))!, [
      { type: 'paragraph', text: 'Příští rok víc setkání.', runs: [{ text: 'Příští rok' }, { text: ' víc setkání', bold: true }, { text: '.' }] },
    ]);
    addEntry(editor.doc, 'tasks', { task: 'Rozeslat zápis', owner: 'A. Machová', deadline: '2026-12-01' });
    await roundTrip(editor);

    const md = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { key: fixture.keys.editor });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="2026-11-24-socialni-sluzby-setkani-2-zapis.md"');
    // The note arrives in the board's doc a moment after the phone's ack (the projection is debounced).
    await eventually(async () => {
      const text = (await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { key: fixture.keys.editor })).text;
      expect(text).toContain('- Odlehčovací služba');
    });
    const text = (await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { key: fixture.keys.facilitator })).text;
    expect(text).toContain('# Zápis ze setkání: Setkání 2');
    expect(text).toContain('**Hosté:** Věra Motyčková (Motyčkovice klika)');
    expect(text).toContain('**Počet účastníků:** 1 (připojeno telefonem)');
    expect(text).toMatch(/## Program jednání\n\n1\. Co chybí\n2\. Různé/);
    expect(text).toContain('### Co v obci chybí?');
    expect(text).toContain('**Úkol:** Rozeslat zápis  \n**Zajistí:** A. Machová  \n**Termín:** 1. 12. 2026');
    expect(text).toContain('Zapsal(a): Adéla Machová');
    expect(text).toContain('Příští rok **víc setkání**.');
    const english = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md?lang=en`, { key: fixture.keys.editor });
    expect(english.text).toContain('**Guests:**');
    expect(english.headers.get('content-disposition')).toContain('-minutes.md"');

    const docx = await fetch(`${server.origin}/api/meetings/${fixture.meetingId}/minutes.docx`, { headers: { 'x-dilna-key': fixture.keys.editor } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="2026-11-24-socialni-sluzby-setkani-2-zapis.docx"');
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain('Odlehčovací služba');
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*> víc setkání</);

    expect((await server.api('GET', `/meetings/${fixture.meetingId}/minutes.docx`, { key: fixture.keys.screen })).status).toBe(403);
    expect((await server.api('GET', `/meetings/${fixture.meetingId}/minutes.md`)).status).toBe(401);
  });

  it("labels follow the meeting's language unless ?lang= asks otherwise; the print page is HTML that runs nothing", async () => {
    const server = await startServer(resources);
    const group = await createGroup(server, 'Sociální služby 2');
    const fixture = await createMeeting(server, { group, title: 'Listopad', startsAt: '2025-11-19T13:00' });
    expect(fixture.meeting.language).toBe('cs');
    const editor = await connectYjs(resources, server, rooms.minutes(fixture.meetingId), fixture.keys.editor);
    addEntry(editor.doc, 'present', { name: '<script>alert("Žluťoučký")</script>', organisation: 'Kůň & spol.' });
    await roundTrip(editor);

    const html = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.html`, { key: fixture.keys.editor });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe('inline; filename="2025-11-19-socialni-sluzby-2-listopad-zapis.html"');
    expect(html.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(html.text).toContain('<html lang="cs">');
    // The browser offers the page's title as the PDF's name: the same scheme as the other files.
    expect(html.text).toContain('<title>2025-11-19-socialni-sluzby-2-listopad-zapis</title>');
    expect(html.text).toContain('@page { size: A4;');
    expect(html.text).toContain('<strong>Přítomni:</strong> &lt;script&gt;alert(&quot;Žluťoučký&quot;)&lt;/script&gt; (Kůň &amp; spol.)');

    expectStatus(await server.api('PATCH', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator, body: { language: 'de' } }), 400);
    const changed = expectStatus(
      await server.api<MeetingDetail>('PATCH', `/meetings/${fixture.meetingId}`, { key: fixture.keys.facilitator, body: { language: 'en' } }),
      200,
    );
    expect(changed.language).toBe('en');
    for (const format of ['md', 'html', 'docx'] as const) {
      const english = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.${format}`, { key: fixture.keys.editor });
      expect(english.headers.get('content-disposition')).toContain(`filename="2025-11-19-socialni-sluzby-2-listopad-minutes.${format}"`);
    }
    expect((await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { key: fixture.keys.editor })).text).toContain('# Minutes of the meeting: Listopad');
    const czech = await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md?lang=cs`, { key: fixture.keys.editor });
    expect(czech.text).toContain('# Zápis ze setkání: Listopad');
    expect(czech.headers.get('content-disposition')).toContain('-zapis.md"');
  });

  it('the API doc describes every minutes route with its file type, and deleting a meeting', async () => {
    const server = await startServer(resources);
    const doc = expectStatus(
      await server.api<{ paths: Record<string, Record<string, { summary: string; responses: Record<string, { content?: Record<string, unknown> }> }>> }>(
        'GET',
        '/openapi.json',
      ),
      200,
    );
    for (const [format, type] of [
      ['md', 'text/markdown; charset=utf-8'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['html', 'text/html; charset=utf-8'],
    ]) {
      const route = doc.paths[`/api/meetings/{meetingId}/minutes.${format}`]?.get;
      expect(route?.summary, format).toMatch(/minutes/);
      expect(Object.keys(route!.responses['200']!.content!)).toEqual([type]);
      expect(Object.keys(route!.responses)).toEqual(['200', '401', '403', '404']);
    }
    expect(doc.paths['/api/meetings/{meetingId}']?.delete?.summary).toMatch(/^Delete the meeting/);
  });
});
