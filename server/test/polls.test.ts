import { describe, expect, it } from 'vitest';
import { addQuestion, changeSettings, polls, setQuestionStatus, type NewQuestion, type PollMine } from '@dilna/shared/boards/polls/index';
import type { Board, IntentAck } from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  createMeeting,
  expectStatus,
  join,
  makeLive,
  newOpId,
  roundTrip,
  startServer,
  useResources,
  waitUntil,
  type Phone,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

const refusal = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

/** A live poll whose questions the facilitator prepares through Yjs, as the console does, and three phones. */
async function livePoll(server: ServerTarget) {
  const fixture = await createMeeting(server);
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: { kind: 'polls', title: 'Anketa' },
    }),
    201,
  );
  const facilitator = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
  const screen = await connectBoard(resources, server, board.id, fixture.keys.screen);
  await makeLive(server, fixture, board.id);
  const ask = async (question: NewQuestion) => {
    const id = addQuestion(facilitator.doc, question);
    setQuestionStatus(facilitator.doc, id, 'open');
    await roundTrip(facilitator);
    return id;
  };
  const phones: Phone[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < 3; i++) {
    const joined = await join(server, fixture.joinCode);
    cookies.push(joined.cookie);
    phones.push(await connectPhone(resources, server, fixture.meetingId, joined.cookie));
  }
  const question = (id: string) => polls.view(screen.doc).questions.find((q) => q.id === id)!;
  const answer = (phone: Phone, intent: object, opId = newOpId()) => phone.intent({ opId, boardId: board.id, intent });
  return { fixture, board, facilitator, screen, phones, cookies, ask, question, answer };
}

describe('poll answers from phones', () => {
  it('an answer retried with the same operation id counts once; a changed answer replaces the first', async () => {
    const server = await startServer(resources);
    const poll = await livePoll(server);
    const q = await poll.ask({ type: 'choice', text: 'Kde bydlíte?', options: ['Liberec', 'Jablonec'] });
    const [liberec, jablonec] = polls.view(poll.facilitator.doc).questions[0]!.options.map((o) => o.id);

    const opId = newOpId();
    const intent = { type: 'poll.choice', questionId: q, optionIds: [jablonec] };
    const replies = await Promise.all([poll.answer(poll.phones[0]!, intent, opId), poll.answer(poll.phones[0]!, intent, opId)]);
    expect(replies).toEqual([{ ok: true }, { ok: true }]);
    await poll.answer(poll.phones[1]!, { type: 'poll.choice', questionId: q, optionIds: [liberec] });
    await waitUntil(() => poll.question(q).respondents === 2, { message: 'two respondents on the screen' });
    expect(poll.question(q).choices.map((c) => c.count)).toEqual([1, 1]);

    expect(await poll.answer(poll.phones[0]!, { type: 'poll.choice', questionId: q, optionIds: [liberec] })).toEqual({ ok: true });
    await waitUntil(() => poll.question(q).choices[0]!.count === 2, { message: 'the changed answer on the screen' });
    expect(poll.question(q)).toMatchObject({ respondents: 2, choices: [{ count: 2 }, { count: 0 }] });
    const mine = poll.phones[0]!.mines.at(-1)!.mine as PollMine;
    expect(mine.answers[q]).toEqual([{ type: 'poll.choice', questionId: q, optionIds: [liberec] }]);
  });

  it('many taps at once from one participant in two tabs, on a question without changes, land exactly once', async () => {
    const server = await startServer(resources);
    const poll = await livePoll(server);
    const q = await poll.ask({ type: 'scale', text: 'Spokojenost', settings: { allowChange: false } });
    const secondTab = await connectPhone(resources, server, poll.fixture.meetingId, poll.cookies[0]!);
    const tabs = [poll.phones[0]!, secondTab];
    const replies: IntentAck[] = await Promise.all(
      Array.from({ length: 12 }, (_, i) => poll.answer(tabs[i % 2]!, { type: 'poll.scale', questionId: q, value: 1 + (i % 5) })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual(Array.from({ length: 11 }, () => refusal('limit_reached')));
    await waitUntil(() => poll.question(q).scale.count === 1, { message: 'one answer on the screen' });
  });

  it('refuses unknown and closed questions and bad options with clear codes, and records nothing', async () => {
    const server = await startServer(resources);
    const poll = await livePoll(server);
    const q = await poll.ask({ type: 'choice', text: 'Ano, nebo ne?', options: ['Ano', 'Ne'] });
    const phone = poll.phones[0]!;
    expect(await poll.answer(phone, { type: 'poll.choice', questionId: 'no-such-question', optionIds: [] })).toEqual(refusal('unknown_item'));
    expect(await poll.answer(phone, { type: 'poll.choice', questionId: q, optionIds: ['not-an-option'] })).toEqual(refusal('invalid'));
    expect(await poll.answer(phone, { type: 'poll.open', questionId: q, text: 'Možná' })).toEqual(refusal('invalid'));
    expect(await poll.answer(phone, { type: 'poll.words', questionId: q, words: ['x'.repeat(500)] })).toEqual(refusal('invalid'));
    setQuestionStatus(poll.facilitator.doc, q, 'closed');
    await roundTrip(poll.facilitator);
    const yes = polls.view(poll.facilitator.doc).questions[0]!.options[0]!.id;
    expect(await poll.answer(phone, { type: 'poll.choice', questionId: q, optionIds: [yes] })).toEqual(refusal('closed'));
    // Editors' changes govern at once: reopened with "several answers", two options are accepted.
    changeSettings(poll.facilitator.doc, q, { multiple: true });
    setQuestionStatus(poll.facilitator.doc, q, 'open');
    await roundTrip(poll.facilitator);
    const both = polls.view(poll.facilitator.doc).questions[0]!.options.map((o) => o.id);
    expect(await poll.answer(phone, { type: 'poll.choice', questionId: q, optionIds: both })).toEqual({ ok: true });
    await waitUntil(() => poll.question(q).respondents === 1, { message: 'the answer on the screen' });
  });
});

describe('resetting a question and downloading results', () => {
  it('the facilitator resets one question: its answers leave the screen, phones may answer again; editors may not reset', async () => {
    const server = await startServer(resources);
    const poll = await livePoll(server);
    const words = await poll.ask({ type: 'words', text: 'Asociace' });
    const open = await poll.ask({ type: 'open', text: 'Vize' });
    await poll.answer(poll.phones[0]!, { type: 'poll.words', questionId: words, words: ['Senioři', 'bydlení'] });
    await poll.answer(poll.phones[1]!, { type: 'poll.words', questionId: words, words: ['seniorů'] });
    await poll.answer(poll.phones[0]!, { type: 'poll.open', questionId: open, text: 'Dostupné služby' });
    await waitUntil(() => poll.question(words).respondents === 2 && poll.question(open).respondents === 1, { message: 'answers on the screen' });

    const path = `/meetings/${poll.fixture.meetingId}/boards/${poll.board.id}/reset`;
    expectStatus(await server.api('POST', path, { key: poll.fixture.keys.editor, body: { scope: words } }), 403);
    expectStatus(await server.api('POST', path, { key: poll.fixture.keys.facilitator, body: {} }), 400);
    expect(expectStatus(await server.api<{ voided: number }>('POST', path, { key: poll.fixture.keys.facilitator, body: { scope: words } }), 200)).toEqual({ voided: 2 });

    await waitUntil(() => poll.question(words).respondents === 0, { message: 'the reset on the screen' });
    expect(poll.question(words).words).toEqual([]);
    expect(poll.question(open).answers.map((a) => a.text)).toEqual(['Dostupné služby']);
    await waitUntil(() => (poll.phones[0]!.mines.at(-1)?.mine as PollMine | undefined)?.answers[words] === undefined, {
      message: 'the phone learns its answer is gone',
    });
    expect(await poll.answer(poll.phones[0]!, { type: 'poll.words', questionId: words, words: ['prevence'] })).toEqual({ ok: true });
    await waitUntil(() => poll.question(words).words[0]?.label === 'prevence', { message: 'the new answer on the screen' });
  });

  it('CSV of the results for facilitator and editor, with Czech letters for Excel and no participant ids', async () => {
    const server = await startServer(resources);
    const poll = await livePoll(server);
    const q = await poll.ask({ type: 'choice', text: 'Kde bydlíte?', options: ['Liberec', 'Český Dub'] });
    const [liberec] = polls.view(poll.facilitator.doc).questions[0]!.options.map((o) => o.id);
    await poll.answer(poll.phones[0]!, { type: 'poll.choice', questionId: q, optionIds: [liberec] });
    await poll.answer(poll.phones[1]!, { type: 'poll.choice', questionId: q, optionIds: [liberec] });
    await waitUntil(() => poll.question(q).respondents === 2, { message: 'answers on the screen' });

    const url = `${server.origin}/api/meetings/${poll.fixture.meetingId}/boards/${poll.board.id}/results.csv`;
    const response = await fetch(url, { headers: { 'x-dilna-key': poll.fixture.keys.editor } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Anketa.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\n').filter(Boolean)).toEqual([
      'Otázka,Druh otázky,Odpověď,Počet,Poznámka',
      'Kde bydlíte?,Výběr z možností,Liberec,2,100 %',
      'Kde bydlíte?,Výběr z možností,Český Dub,0,0 %',
    ]);
    const english = await (await fetch(`${url}?lang=en`, { headers: { 'x-dilna-key': poll.fixture.keys.facilitator } })).text();
    expect(english).toContain('Question,Question type,Answer,Count,Note');

    expect((await fetch(url, { headers: { 'x-dilna-key': poll.fixture.keys.screen } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?lang=xx`, { headers: { 'x-dilna-key': poll.fixture.keys.editor } })).status).toBe(400);
  });
});
