import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addCard, addEntry, addGoal, metaText, rooms, type Plan } from '@dilna/shared';
import { readDocx } from '@dilna/shared/minutes/docx-testing';
import {
  addNotesBoard,
  addToGroup,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  postNote,
  roundTrip,
  startServer,
  useResources,
  type ServerTarget,
  type TestSession,
} from './helpers.ts';

const resources = useResources();

interface Archive {
  group: { name: string };
  meetings: {
    title: string;
    startsAt: string;
    place: string;
    participants: number;
    boards: { kind: string; title: string; status: string; settings: unknown; view: { notes?: { text: string }[] }; results: string }[];
    minutes: { file: string; meta: { recorder: string } };
  }[];
  plans: { title: string; period: string; docx: string; goals: { code: string; title: string }[]; cards: { number: string | null; name: string }[] }[];
}

async function download(server: ServerTarget, groupId: string, session?: TestSession) {
  const headers: Record<string, string> = session ? { cookie: session.cookie } : {};
  return fetch(`${server.origin}/api/groups/${groupId}/export.zip`, { headers });
}

describe("a group's archive as a zip", () => {
  it('holds every meeting with its boards, minutes as DOCX and results as CSV, without secret links or who answered', async () => {
    const server = await startServer(resources);
    const group = await createGroup(server, 'Senioři a zdraví');
    const autumn = await createMeeting(server, { group, title: 'Zářijové setkání: priority?', startsAt: '2025-09-17T13:00' });
    const winter = await createMeeting(server, { group, title: 'Prosinec', startsAt: '2025-12-03T09:30' });
    const board = await addNotesBoard(server, autumn, { title: 'Co chybí seniorům' });
    await makeLive(server, autumn, board.id);
    const participant = await join(server, autumn.joinCode);
    expectStatus(
      await server.api('PUT', `/meetings/${autumn.meetingId}/me`, { cookie: participant.cookie, body: { name: 'Bedřiška Anonymní', organisation: 'Spolek Neznámý' } }),
      200,
    );
    const phone = await connectPhone(resources, server, autumn.meetingId, participant.cookie);
    expect(await postNote(phone, board.id, 'Chybí doprava k lékaři')).toEqual({ ok: true });
    const minutes = await connectYjs(resources, server, rooms.minutes(autumn.meetingId), autumn.keys.editor);
    metaText(minutes.doc, 'recorder').insert(0, 'Marta Zapisující');
    addEntry(minutes.doc, 'present', { name: 'Pavel Přítomný' });
    await roundTrip(minutes);

    const member = await createUser(server, 'clen');
    await addToGroup(server, group.id, member, 'member');
    const outsider = await createUser(server, 'cizi');

    expect((await download(server, group.id)).status).toBe(401);
    expect((await download(server, group.id, outsider)).status).toBe(404);
    const reply = await download(server, group.id, member);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/zip');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="dilna-seniori-a-zdravi-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await reply.arrayBuffer()));

    const autumnFolder = '2025-09-17 Zářijové setkání priority';
    expect(Object.keys(files).sort()).toEqual(
      [
        '2025-12-03 Prosinec/2025-12-03 Prosinec zápis.docx',
        `${autumnFolder}/01 Co chybí seniorům.csv`,
        `${autumnFolder}/${autumnFolder} zápis.docx`,
        'README.txt',
        'archiv.json',
      ].sort(),
    );
    expect(strFromU8(files['README.txt']!)).toContain('archiv.json');

    const archive = JSON.parse(strFromU8(files['archiv.json']!)) as Archive;
    expect(archive.group.name).toBe('Senioři a zdraví');
    expect(archive.meetings.map((m) => [m.startsAt, m.title])).toEqual([
      ['2025-09-17T13:00', 'Zářijové setkání: priority?'],
      ['2025-12-03T09:30', 'Prosinec'],
    ]);
    const [first] = archive.meetings;
    expect(first!.participants).toBe(1);
    expect(first!.boards).toEqual([
      expect.objectContaining({ kind: 'notes', title: 'Co chybí seniorům', status: 'open', results: `${autumnFolder}/01 Co chybí seniorům.csv` }),
    ]);
    expect(first!.boards[0]!.view.notes!.map((n) => n.text)).toEqual(['Chybí doprava k lékaři']);
    expect(first!.minutes).toMatchObject({ file: `${autumnFolder}/${autumnFolder} zápis.docx`, meta: { recorder: 'Marta Zapisující' } });
    expect(strFromU8(files[`${autumnFolder}/01 Co chybí seniorům.csv`]!)).toContain('Chybí doprava k lékaři');

    // The DOCX opens as a Word document does (a zip with its document part) and is this meeting's minutes.
    const docx = unzipSync(files[`${autumnFolder}/${autumnFolder} zápis.docx`]!);
    const documentXml = strFromU8(docx['word/document.xml']!);
    expect(documentXml).toContain('Zářijové setkání: priority?');
    expect(documentXml).toContain('Pavel Přítomný');
    expect(documentXml).toContain('Chybí doprava k lékaři');

    // No secret link, join code, participant's name or organisation, nor their id, in any file.
    const secrets = [
      ...Object.values(autumn.keys),
      ...Object.values(winter.keys),
      autumn.joinCode,
      winter.joinCode,
      'Bedřiška Anonymní',
      'Spolek Neznámý',
      participant.participantId,
    ];
    const everything = [...Object.values(files), ...Object.values(docx)].map((bytes) => Buffer.from(bytes));
    expect(secrets.filter((secret) => everything.some((bytes) => bytes.includes(Buffer.from(secret))))).toEqual([]);
  });

  it("holds the group's plans (their content in the JSON, their cards as DOCX), not the community's", async () => {
    const server = await startServer(resources);
    const admin = await loginAsAdmin(server);
    const group = await createGroup(server, 'Senioři a zdraví');
    const createPlan = async (groupId: string | null, title: string) =>
      expectStatus(await server.api<Plan>('POST', '/plans', { session: admin, body: { title, period: '2023–2027', groupId } }), 201);
    const plan = await createPlan(group.id, 'Plán: péče doma');
    await createPlan(null, 'Komunitní plán');
    const editor = await connectYjs(resources, server, rooms.plan(plan.id), null, { cookie: admin.cookie });
    addCard(editor.doc, addGoal(editor.doc, { title: 'Péče v domácnosti' }), { name: 'Odlehčovací služby v terénu' });
    await roundTrip(editor);

    const reply = await download(server, group.id, admin);
    const files = unzipSync(new Uint8Array(await reply.arrayBuffer()));
    const docxFile = 'plány/Plán péče doma karty.docx';
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'archiv.json', docxFile].sort());
    const archive = JSON.parse(strFromU8(files['archiv.json']!)) as Archive;
    expect(archive.plans).toEqual([
      expect.objectContaining({
        title: 'Plán: péče doma',
        period: '2023–2027',
        docx: docxFile,
        goals: [expect.objectContaining({ code: 'SC1', title: 'Péče v domácnosti' })],
        cards: [expect.objectContaining({ number: 'A01-01', name: 'Odlehčovací služby v terénu' })],
      }),
    ]);
    expect(readDocx(files[docxFile]!).rows).toContain('Název aktivity => Odlehčovací služby v terénu');
  });
});
