import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addQuestion, polls, setQuestionStatus } from '@dilna/shared/boards/polls/index';
import { addEntry, rooms, type Board, type GroupDetail } from '@dilna/shared';
import {
  addToGroup,
  connectBoard,
  connectPhone,
  connectYjs,
  createGroup,
  createMeeting,
  createUser,
  expectStatus,
  join,
  loginAsAdmin,
  makeLive,
  newOpId,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
  type MeetingFixture,
  type ServerTarget,
} from './helpers.ts';
import { findInDatabase, findInFiles } from './scan.ts';

const resources = useResources();

/** A participant who joined and told their name and organisation. */
async function named(server: ServerTarget, fixture: MeetingFixture, name: string, organisation: string) {
  const joined = await join(server, fixture.joinCode);
  expectStatus(await server.api('PUT', `/meetings/${fixture.meetingId}/me`, { cookie: joined.cookie, body: { name, organisation } }), 200);
  return joined;
}

describe("the retention of participants' records", () => {
  it('erases names, organisations and who answered what of meetings past the setting; results and minutes stay as they were', async () => {
    const first = await startServer(resources);
    const group = await createGroup(first, 'Rodiny s dětmi');
    const old = await createMeeting(first, { group, title: 'Lednové setkání', startsAt: '2025-01-10T13:00' });
    const young = await createMeeting(first, { group, title: 'Únorové setkání', startsAt: '2025-02-25T13:00' });
    const keeping = await createGroup(first, 'Skupina bez lhůty');
    const kept = await createMeeting(first, { group: keeping, title: 'Staré setkání', startsAt: '2024-06-01T13:00' });

    // A poll on the old meeting: Alena changes her answer, Bohdan answers once; two respondents.
    const board = expectStatus(
      await first.api<Board>('POST', `/meetings/${old.meetingId}/boards`, { key: old.keys.facilitator, body: { kind: 'polls', title: 'Co potřebujete?' } }),
      201,
    );
    const editor = await connectBoard(resources, first, board.id, old.keys.facilitator);
    const question = addQuestion(editor.doc, { type: 'choice', text: 'Nejvíc chybí', options: ['Školka', 'Hřiště'] });
    setQuestionStatus(editor.doc, question, 'open');
    await roundTrip(editor);
    await makeLive(first, old, board.id);
    const [kindergarten, playground] = polls.view(editor.doc).questions[0]!.options.map((o) => o.id);
    const alena = await named(first, old, 'Alena Rodičovská', 'Mateřské centrum Sluníčko');
    const bohdan = await named(first, old, 'Bohdan Otcovský', 'Spolek Tatínků');
    const answer = async (cookie: string, optionId: string) => {
      const phone = await connectPhone(resources, first, old.meetingId, cookie);
      expect(await phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'poll.choice', questionId: question, optionIds: [optionId] } })).toEqual({ ok: true });
      phone.socket.disconnect();
    };
    await answer(alena.cookie, kindergarten!);
    await answer(alena.cookie, playground!);
    await answer(bohdan.cookie, kindergarten!);
    const tally = () => polls.view(editor.doc).questions[0]!;
    await waitUntil(() => tally().respondents === 2 && tally().choices[1]!.count === 1, { message: 'the answers on the board' });
    // The minutes' attendance is the secretary's record of the meeting, not a participant's: it stays.
    const minutes = await connectYjs(resources, first, rooms.minutes(old.meetingId), old.keys.editor);
    addEntry(minutes.doc, 'present', { name: 'Alena Rodičovská', organisation: 'Mateřské centrum Sluníčko' });
    await roundTrip(minutes);
    await named(first, young, 'Cyril Mladší', 'Rodinné centrum');
    await named(first, kept, 'Dana Uchovaná', 'Charita');

    const exports = async (server: ServerTarget) => ({
      csv: expectStatus(await server.api<string>('GET', `/meetings/${old.meetingId}/boards/${board.id}/results.csv`, { key: old.keys.editor }), 200),
      minutes: expectStatus(await server.api<string>('GET', `/meetings/${old.meetingId}/minutes.md`, { key: old.keys.editor }), 200),
    });
    const before = await exports(first);
    expect(before.minutes).toContain('Alena Rodičovská');

    // Who may change the setting: the group's facilitators (the administrator here); members read it; others see no group.
    const admin = await loginAsAdmin(first);
    const member = await createUser(first, 'clenka');
    await addToGroup(first, group.id, member, 'member');
    const outsider = await createUser(first, 'cizinec');
    const path = `/groups/${group.id}/retention`;
    expect(expectStatus(await first.api('GET', path, { session: member }), 200)).toEqual({ days: null });
    expect((await first.api('PUT', path, { session: member, body: { days: 30 } })).status).toBe(403);
    expect((await first.api('PUT', path, { session: outsider, body: { days: 30 } })).status).toBe(404);
    expect((await first.api('PUT', path, { session: admin, body: { days: 0 } })).status).toBe(400);
    expect(expectStatus(await first.api('PUT', path, { session: admin, body: { days: 30 } }), 200)).toEqual({ days: 30 });
    await first.close();

    // The next start sweeps, on 1 March 2025: the January meeting is past 30 days, the February one not.
    const now = new Date('2025-03-01T12:00:00.000Z');
    const server = await startServer(resources, { dataDir: first.dataDir, clock: () => now });
    const file = joinPath(server.dataDir, 'dilna.sqlite');
    const erased = ['Alena Rodičovská', 'Mateřské centrum Sluníčko', 'Bohdan Otcovský', 'Spolek Tatínků'];
    // Only the minutes still name Alena, as the secretary wrote it (their doc, and their text in the search index).
    const minutesTables = (where: string) => where.includes('yjs_') || where.includes('search_index');
    expect(findInDatabase(file, [...erased, alena.participantId, bohdan.participantId]).every(minutesTables)).toBe(true);
    expect(findInDatabase(file, ['Bohdan Otcovský', 'Spolek Tatínků', alena.participantId, bohdan.participantId])).toEqual([]);
    expect(findInFiles(file, ['Bohdan Otcovský', 'Spolek Tatínků'])).toEqual([]);
    expect(findInDatabase(file, ['Cyril Mladší', 'Rodinné centrum', 'Dana Uchovaná', 'Charita'])).toHaveLength(4);
    // The phone's cookie names nobody any more.
    expect((await server.api('GET', `/meetings/${old.meetingId}/me`, { cookie: alena.cookie })).status).toBe(401);

    // Results, their export and the minutes as before, also once the board is projected again from the stored answers.
    expect(await exports(server)).toEqual(before);
    const screen = await connectBoard(resources, server, board.id, old.keys.screen);
    expect(polls.view(screen.doc).questions[0]).toMatchObject({ respondents: 2, choices: [{ count: 1 }, { count: 1 }] });

    const { meetings } = expectStatus(await server.api<GroupDetail>('GET', `/groups/${group.id}`, { session: await loginAsAdmin(server) }), 200);
    expect(Object.fromEntries(meetings.map((m) => [m.title, m.participantsErasedAt]))).toEqual({
      'Lednové setkání': now.toISOString(),
      'Únorové setkání': null,
    });

    // Someone who joins the old meeting later is erased by the next sweep (though still counted as present); the results stay.
    const late = await named(server, old, 'Emil Opozdilý', 'Klub Pozdních');
    await server.close();
    const again = await startServer(resources, { dataDir: first.dataDir, clock: () => now });
    expect(findInDatabase(file, ['Emil Opozdilý', 'Klub Pozdních', late.participantId])).toEqual([]);
    expect((await exports(again)).csv).toEqual(before.csv);
  });
});
