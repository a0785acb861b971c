import { describe, expect, it } from 'vitest';
import { addEntry, minutesView, rooms, setCarriedDone } from '@dilna/shared';
import { connectYjs, createGroup, createMeeting, roundTrip, startServer, useResources, waitUntil, type ServerTarget } from './helpers.ts';

const resources = useResources();

const markdown = async (server: ServerTarget, fixture: { meetingId: string; keys: { editor: string } }) =>
  (await server.api<string>('GET', `/meetings/${fixture.meetingId}/minutes.md`, { key: fixture.keys.editor })).text;

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('minutes across the meetings of a group', () => {
  it('open tasks are listed again in every later meeting until ticked done: once each, none lost, across a restart', async () => {
    const server = await startServer(resources);
    const group = await createGroup(server, 'Sociální služby 2');
    const september = await createMeeting(server, { group, title: 'Září', startsAt: '2025-09-17T13:00' });
    const october = await createMeeting(server, { group, title: 'Říjen', startsAt: '2025-10-15T13:00' });
    const november = await createMeeting(server, { group, title: 'Listopad', startsAt: '2025-11-19T13:00' });
    const otherGroup = await createMeeting(server, { title: 'Jiná skupina', startsAt: '2025-10-01T13:00' });

    const sep = await connectYjs(resources, server, rooms.minutes(september.meetingId), september.keys.editor);
    const analysis = addEntry(sep.doc, 'tasks', { task: 'Rozeslat analýzu', owner: 'A. Sochůrková', deadline: '2025-10-31' });
    addEntry(sep.doc, 'tasks', { task: 'Úkol splněný hned', done: true });
    await roundTrip(sep);
    const foreign = await connectYjs(resources, server, rooms.minutes(otherGroup.meetingId), otherGroup.keys.editor);
    addEntry(foreign.doc, 'tasks', { task: 'Úkol jiné skupiny' });
    await roundTrip(foreign);

    // October's minutes, opened: September's open task is there, with where it came from.
    const oct = await connectYjs(resources, server, rooms.minutes(october.meetingId), october.keys.editor);
    expect(minutesView(oct.doc).carried).toEqual([
      {
        id: analysis,
        task: 'Rozeslat analýzu',
        owner: 'A. Sochůrková',
        deadline: '2025-10-31',
        done: false,
        from: { meetingId: september.meetingId, title: 'Září', startsAt: '2025-09-17T13:00' },
      },
    ]);

    // A task written into September's minutes afterwards reaches October's open minutes too.
    const data = addEntry(sep.doc, 'tasks', { task: 'Doplnit data za kraj' });
    await roundTrip(sep);
    await waitUntil(() => minutesView(oct.doc).carried.length === 2, { message: "the late task in October's minutes" });

    // October ticks the analysis done and sets a task of its own.
    setCarriedDone(oct.doc, analysis, true);
    const guest = addEntry(oct.doc, 'tasks', { task: 'Pozvat hosta z kraje', owner: 'D. Morcová' });
    await roundTrip(oct);

    const octoberText = await markdown(server, october);
    expect(octoberText).toContain('## Úkoly z minulých setkání');
    expect(octoberText).toContain('**Úkol:** Rozeslat analýzu (splněno)  \n**Zajistí:** A. Sochůrková  \n**Termín:** 31. 10. 2025  \n**Ze setkání:** 17. 9. 2025 – Září');

    // After a restart (nothing in memory), November lists what is still open, each once.
    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const novemberText = await markdown(restarted, november);
    expect(novemberText).not.toContain('Rozeslat analýzu');
    expect(novemberText).not.toContain('Úkol splněný hned');
    expect(novemberText).not.toContain('Úkol jiné skupiny');
    expect(occurrences(novemberText, 'Doplnit data za kraj')).toBe(1);
    expect(occurrences(novemberText, 'Pozvat hosta z kraje')).toBe(1);
    expect(novemberText).toMatch(/## Úkoly z minulých setkání\n\n\*\*Úkol:\*\* Doplnit data za kraj {2}\n\*\*Ze setkání:\*\* 17\. 9\. 2025 – Září\n\n\*\*Úkol:\*\* Pozvat hosta z kraje/);

    const nov = await connectYjs(resources, restarted, rooms.minutes(november.meetingId), november.keys.editor);
    expect(minutesView(nov.doc).carried.map((t) => t.id)).toEqual([data, guest]);
    // October's record is unchanged by the restart: its tick is still there, once.
    const octAgain = await connectYjs(resources, restarted, rooms.minutes(october.meetingId), october.keys.editor);
    expect(minutesView(octAgain.doc).carried.map((t) => [t.id, t.done])).toEqual([
      [analysis, true],
      [data, false],
    ]);
  });

  it('new minutes take over who was present or excused last time as present, and never overwrite what was typed', async () => {
    const server = await startServer(resources);
    const group = await createGroup(server, 'Duševní zdraví');
    const first = await createMeeting(server, { group, title: 'První', startsAt: '2025-09-17T13:00' });
    const empty = await createMeeting(server, { group, title: 'Bez jmen', startsAt: '2025-10-01T13:00' });
    const second = await createMeeting(server, { group, title: 'Druhé', startsAt: '2025-10-15T13:00' });
    const third = await createMeeting(server, { group, title: 'Třetí', startsAt: '2025-11-19T13:00' });

    // The third meeting's secretary types an excuse early, before anyone is named in the earlier minutes.
    const three = await connectYjs(resources, server, rooms.minutes(third.meetingId), third.keys.editor);
    addEntry(three.doc, 'excused', { name: 'p. Kulhánková' });
    await roundTrip(three);

    // A meeting in between whose minutes name nobody (started before anyone was named) does not hide the one before.
    const between = await connectYjs(resources, server, rooms.minutes(empty.meetingId), empty.keys.editor);
    addEntry(between.doc, 'tasks', { task: 'Úkol bez jmen' });
    await roundTrip(between);

    const one = await connectYjs(resources, server, rooms.minutes(first.meetingId), first.keys.editor);
    addEntry(one.doc, 'present', { name: 'p. Horáková', organisation: 'Fokus' });
    addEntry(one.doc, 'guests', { name: 'p. Machová', organisation: 'MML' });
    addEntry(one.doc, 'excused', { name: 'p. Řáhová', organisation: 'DH Liberec' });
    await roundTrip(one);

    const two = await connectYjs(resources, server, rooms.minutes(second.meetingId), second.keys.editor);
    expect(minutesView(two.doc).present.map((p) => `${p.name} (${p.organisation})`)).toEqual(['p. Horáková (Fokus)', 'p. Řáhová (DH Liberec)']);
    expect(minutesView(two.doc).guests).toEqual([]);

    // Later changes to the earlier minutes do not flow into attendance already taken over.
    addEntry(one.doc, 'present', { name: 'p. Havlíčková' });
    await roundTrip(one);

    // Loaded afresh after a restart, the minutes keep what was typed and what was taken over, nothing more.
    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const threeAgain = await connectYjs(resources, restarted, rooms.minutes(third.meetingId), third.keys.editor);
    expect(minutesView(threeAgain.doc).present).toEqual([]);
    expect(minutesView(threeAgain.doc).excused.map((p) => p.name)).toEqual(['p. Kulhánková']);
    const twoAgain = await connectYjs(resources, restarted, rooms.minutes(second.meetingId), second.keys.editor);
    expect(minutesView(twoAgain.doc).present.map((p) => p.name)).toEqual(['p. Horáková', 'p. Řáhová']);
    // Existing minutes read as an earlier meeting of another one are not filled in afterwards.
    const betweenAgain = await connectYjs(resources, restarted, rooms.minutes(empty.meetingId), empty.keys.editor);
    expect(minutesView(betweenAgain.doc).present).toEqual([]);
  });
});
