import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { NOTE_MAX_LENGTH, setNoteHidden } from '@dilna/shared/boards/notes';
import { PROTOCOL_VERSION, SOCKET_PATH, participantCookieName, rooms, type IntentAck, type MeetingDetail } from '@dilna/shared';
import {
  addNotesBoard,
  connectBoard,
  connectPhone,
  connectYjs,
  createMeeting,
  expectStatus,
  join,
  liveNotesMeeting,
  makeLive,
  meetingState,
  newOpId,
  noteTexts,
  postNote,
  setBoardStatus,
  startServer,
  useResources,
  waitUntil,
  type Phone,
} from './helpers.ts';

const resources = useResources();

const refusal = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

describe('joining by code', () => {
  it('sets a signed cookie; rejoining with it keeps the participant', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server, { title: 'Náměstí' });
    const meetingDoc = await connectYjs(resources, server, rooms.meeting(fixture.meetingId), fixture.keys.screen);

    const first = await join(server, fixture.joinCode);
    expect(first).toMatchObject({ meetingId: fixture.meetingId, title: 'Náměstí' });
    expect(first.cookie.startsWith(`${participantCookieName(fixture.meetingId)}=`)).toBe(true);
    const reply = await server.api('POST', '/join', { body: { code: ` ${fixture.joinCode} ` } });
    const setCookie = reply.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const again = await join(server, fixture.joinCode, first.cookie);
    expect(again.participantId).toBe(first.participantId);

    // A cookie with a forged signature is a new participant, not the one it names.
    const forged = `${participantCookieName(fixture.meetingId)}=${encodeURIComponent(`${first.participantId}.forged`)}`;
    const stranger = await join(server, fixture.joinCode, forged);
    expect(stranger.participantId).not.toBe(first.participantId);

    // Three distinct participants: the first (twice), the one without a cookie, and the forger.
    await waitUntil(() => meetingState(meetingDoc.doc)?.participants === 3, { message: 'the head count on the screen' });
    const meeting = expectStatus(await server.api<MeetingDetail>('GET', `/meetings/${fixture.meetingId}`, { key: fixture.keys.screen }), 200);
    expect(meeting.id).toBe(fixture.meetingId);
  });

  it('a wrong code → 404; about 30 wrong codes from one address → 429 with Retry-After', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const wrong = fixture.joinCode === '000000' ? '000001' : '000000';

    const first = await server.api('POST', '/join', { body: { code: wrong } });
    expect(first.status).toBe(404);
    expect(first.body.error.code).toBe('not_found');

    let failures = 1;
    let throttled = first;
    while (throttled.status === 404 && failures < 100) {
      throttled = await server.api('POST', '/join', { body: { code: wrong } });
      if (throttled.status === 404) failures++;
    }
    expect(throttled.status).toBe(429);
    expect(failures).toBeGreaterThanOrEqual(20);
    expect(failures).toBeLessThanOrEqual(40);
    expect(throttled.body.error.code).toBe('too_many_requests');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // While throttled even the right code waits: guessing must not pay off.
    expect((await server.api('POST', '/join', { body: { code: fixture.joinCode } })).status).toBe(429);
  });
});

describe('the phone socket', () => {
  it('refuses a socket without a participant cookie (not_joined) or without a meeting (invalid)', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const other = await createMeeting(server, { group: fixture.group });
    const joinedElsewhere = await join(server, other.joinCode);

    await expect(connectPhone(resources, server, fixture.meetingId, null)).rejects.toThrow('not_joined');
    await expect(connectPhone(resources, server, fixture.meetingId, 'dilna_p_x=y')).rejects.toThrow('not_joined');
    // The other meeting's cookie presented for this meeting.
    const renamed = joinedElsewhere.cookie.replace(participantCookieName(other.meetingId), participantCookieName(fixture.meetingId));
    await expect(connectPhone(resources, server, fixture.meetingId, renamed)).rejects.toThrow('not_joined');
    await expect(connectPhone(resources, server, fixture.meetingId, joinedElsewhere.cookie)).rejects.toThrow('not_joined');
    await expect(connectPhone(resources, server, fixture.meetingId, joinedElsewhere.cookie, { auth: {} })).rejects.toThrow('invalid');
    await expect(connectPhone(resources, server, fixture.meetingId, joinedElsewhere.cookie, { auth: { meetingId: 42 } })).rejects.toThrow(
      'invalid',
    );

    // The polling transport is refused the same way.
    await expect(connectPhone(resources, server, fixture.meetingId, null, { transports: ['polling'] })).rejects.toThrow('not_joined');

    const phone = await connectPhone(resources, server, other.meetingId, joinedElsewhere.cookie, { transports: ['polling'] });
    const state = await phone.waitForState(() => true);
    expect(state).toEqual({ protocol: PROTOCOL_VERSION, now: expect.any(Number), meeting: { id: other.meetingId, title: other.meeting.title }, live: null });
  });

  it('an accepted note reaches the board doc (screens) and the other phones', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Co chybí?', notesPerParticipant: 3 });
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const aliceJoined = await join(server, fixture.joinCode);
    const alice = await connectPhone(resources, server, fixture.meetingId, aliceJoined.cookie);
    const bob = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);

    const initial = await bob.waitForState((s) => s.live !== null);
    expect(initial.live).toMatchObject({ id: fixture.board.id, kind: 'notes', status: 'open', view: { prompt: 'Co chybí?', notesPerParticipant: 3, notes: [] } });

    expect(await postNote(alice, fixture.board.id, '  Lavičky   ve stínu ')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).includes('Lavičky ve stínu'), { message: 'the note on the screen' });
    const seen = await bob.waitForState((s) => JSON.stringify(s.live?.view).includes('Lavičky ve stínu'));
    expect((seen.live!.view as { notes: { text: string }[] }).notes.map((n) => n.text)).toEqual(['Lavičky ve stínu']);

    // Authors never reach screens or phones.
    const note = [...screen.doc.getMap('notes').values()][0] as Record<string, unknown>;
    expect(Object.keys(note).sort()).toEqual(['at', 'hidden', 'id', 'text']);
    expect(JSON.stringify(seen)).not.toContain(aliceJoined.participantId);
    expect(JSON.stringify(screen.doc.toJSON())).not.toContain(aliceJoined.participantId);
  });

  it('hiding a note on the wall hides it from phones, and a later projection does not bring it back', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);

    expect(await postNote(phone, fixture.board.id, 'Nevhodný vtip')).toEqual({ ok: true });
    const id = await waitUntil(() => [...editor.doc.getMap('notes').keys()][0]);
    setNoteHidden(editor.doc, id, true);
    await phone.waitForState((s) => s.live !== null && !JSON.stringify(s.live.view).includes('Nevhodný vtip'));

    expect(await postNote(phone, fixture.board.id, 'Více košů')).toEqual({ ok: true });
    await phone.waitForState((s) => JSON.stringify(s.live?.view).includes('Více košů'));
    const fresh = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    expect(fresh.doc.getMap('notes').get(id)).toMatchObject({ text: 'Nevhodný vtip', hidden: true });
    expect(phone.states.at(-1)!.live!.view).toMatchObject({ notes: [{ text: 'Více košů' }] });
  });

  it('phones get coalesced state: a burst of changes costs a few messages, not one per change', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 50 });
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const watcher = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    await watcher.waitForState((s) => s.live !== null);
    const before = watcher.states.length;

    for (let i = 0; i < 100; i++) editor.doc.getText('prompt').insert(0, 'x');
    await watcher.waitForState((s) => (s.live?.view as { prompt: string } | undefined)?.prompt.startsWith('x'.repeat(100)) ?? false);
    expect(watcher.states.length - before).toBeLessThanOrEqual(5);
  });

  it('each participant’s own budget (mine) reaches only their phones', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 2 });
    const alice = await join(server, fixture.joinCode);
    const aliceA = await connectPhone(resources, server, fixture.meetingId, alice.cookie);
    const aliceB = await connectPhone(resources, server, fixture.meetingId, alice.cookie);
    const bob = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    const initial = { boardId: fixture.board.id, mine: { sent: 0, remaining: 2 } };
    for (const phone of [aliceA, aliceB, bob]) await waitUntil(() => phone.mines.length === 1);
    expect(bob.mines).toEqual([initial]);

    expect(await postNote(aliceA, fixture.board.id, 'Jeden')).toEqual({ ok: true });
    expect(await postNote(aliceB, fixture.board.id, 'Dva')).toEqual({ ok: true });
    const spent = { boardId: fixture.board.id, mine: { sent: 2, remaining: 0 } };
    for (const phone of [aliceA, aliceB]) {
      await waitUntil(() => phone.mines.length === 3);
      expect(phone.mines.at(-1)).toEqual(spent);
    }

    // Bob's count is his own; Alice's, sent before his on the same server, never reached him.
    expect(await postNote(bob, fixture.board.id, 'Bobův')).toEqual({ ok: true });
    await waitUntil(() => bob.mines.length >= 2);
    expect(bob.mines).toEqual([initial, { boardId: fixture.board.id, mine: { sent: 1, remaining: 1 } }]);
  });

  it('the same operation id sent twice lands once', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 5 });
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const { cookie } = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, cookie);

    const opId = newOpId();
    expect(await postNote(phone, fixture.board.id, 'Pítko', opId)).toEqual({ ok: true });
    expect(await postNote(phone, fixture.board.id, 'Pítko', opId)).toEqual({ ok: true });
    // A retry after a reconnect, on another socket.
    phone.close();
    const again = await connectPhone(resources, server, fixture.meetingId, cookie);
    expect(await postNote(again, fixture.board.id, 'Pítko', opId)).toEqual({ ok: true });
    // Concurrent retries.
    const concurrentOp = newOpId();
    const acks = await Promise.all([1, 2, 3].map(() => postNote(again, fixture.board.id, 'Stojany na kola', concurrentOp)));
    expect(acks).toEqual([{ ok: true }, { ok: true }, { ok: true }]);

    expect(await postNote(again, fixture.board.id, 'Marker')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).includes('Marker'));
    expect(noteTexts(screen.doc).sort()).toEqual(['Marker', 'Pítko', 'Stojany na kola']);
  });

  it('enforces notesPerParticipant, also for concurrent intents from two sockets of one participant', async () => {
    const server = await startServer(resources);
    const limit = 3;
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: limit });
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);

    const { cookie } = await join(server, fixture.joinCode);
    const a = await connectPhone(resources, server, fixture.meetingId, cookie);
    const b = await connectPhone(resources, server, fixture.meetingId, cookie, { transports: ['polling'] });
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => postNote(i % 2 === 0 ? a : b, fixture.board.id, `Nápad ${i}`)),
    );
    expect(acks.filter((x) => x.ok)).toHaveLength(limit);
    for (const refused of acks.filter((x) => !x.ok)) expect(refused).toEqual(refusal('limit_reached'));

    // Another participant has a budget of their own.
    const other = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    expect(await postNote(other, fixture.board.id, 'Cizí nápad')).toEqual({ ok: true });
    expect(await postNote(a, fixture.board.id, 'Ještě jeden')).toEqual(refusal('limit_reached'));

    await waitUntil(() => noteTexts(screen.doc).includes('Cizí nápad'));
    expect(noteTexts(screen.doc)).toHaveLength(limit + 1);
  });

  it('refuses intents to a closed board (closed), a board that is not live (not_live) and unknown boards', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server);
    const second = await addNotesBoard(server, fixture, { title: 'Druhá' });
    const elsewhere = await liveNotesMeeting(server);
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);

    // A draft board, then an open one that is not live.
    expect(await postNote(phone, second.id, 'Předčasně')).toEqual(refusal('not_live'));
    await setBoardStatus(server, fixture, second.id, 'open');
    expect(await postNote(phone, second.id, 'Vedle')).toEqual(refusal('not_live'));

    await setBoardStatus(server, fixture, fixture.board.id, 'closed');
    await phone.waitForState((s) => s.live?.status === 'closed');
    expect(await postNote(phone, fixture.board.id, 'Pozdě')).toEqual(refusal('closed'));

    await makeLive(server, fixture, null);
    await phone.waitForState((s) => s.live === null);
    expect(await postNote(phone, fixture.board.id, 'Nic neběží')).toEqual(refusal('not_live'));

    expect(await postNote(phone, elsewhere.board.id, 'Jinam')).toEqual(refusal('unknown_board'));
    expect(await postNote(phone, 'AAAAAAAAAAAAAAAAAAAAAA', 'Nikam')).toEqual(refusal('unknown_board'));

    // Reopened and live again: accepted.
    await setBoardStatus(server, fixture, fixture.board.id, 'open');
    await makeLive(server, fixture, fixture.board.id);
    expect(await postNote(phone, fixture.board.id, 'Konečně')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).length === 1);
    expect(noteTexts(screen.doc)).toEqual(['Konečně']);
  });
});

describe('malformed phone messages', () => {
  const invalidEnvelopes: [string, unknown][] = [
    ['nothing', undefined],
    ['a string', 'note.post'],
    ['an array', []],
    ['no opId', { boardId: 'AAAAAAAAAAAAAAAAAAAAAA', intent: { type: 'note.post', text: 'x' } }],
    ['a short opId', { opId: 'x', boardId: 'AAAAAAAAAAAAAAAAAAAAAA', intent: {} }],
    ['an opId of the wrong type', { opId: 12345678, boardId: 'AAAAAAAAAAAAAAAAAAAAAA', intent: {} }],
    ['a board id that is not an id', { opId: 'op-12345678', boardId: '../../etc', intent: {} }],
  ];

  it('gets clear errors, and nothing lands', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 2 });
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const phone = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    const raw = phone.socket as unknown as import('socket.io-client').Socket;
    const send = (envelope: unknown): Promise<IntentAck> => raw.timeout(5000).emitWithAck('intent', envelope);

    for (const [what, envelope] of invalidEnvelopes) {
      const ack = await send(envelope);
      expect(ack, what).toEqual(refusal('invalid'));
    }

    const intent = (value: unknown) => send({ opId: newOpId(), boardId: fixture.board.id, intent: value });
    const badIntents: [string, unknown, string | null][] = [
      ['no intent', undefined, null],
      ['unknown type', { type: 'vote', text: 'x' }, 'type'],
      ['no text', { type: 'note.post' }, 'text'],
      ['text of the wrong type', { type: 'note.post', text: { $gt: '' } }, 'text'],
      ['blank text', { type: 'note.post', text: ' \n\t ' }, 'text'],
      ['text too long', { type: 'note.post', text: 'é'.repeat(NOTE_MAX_LENGTH + 1) }, 'text'],
    ];
    for (const [what, value, field] of badIntents) {
      const ack = await intent(value);
      expect(ack, what).toEqual(refusal('invalid'));
      if (field && !ack.ok) expect(ack.error.message, what).toContain(field);
    }
    // Exactly the limit is fine.
    expect(await intent({ type: 'note.post', text: 'é'.repeat(NOTE_MAX_LENGTH) })).toEqual({ ok: true });
    // Refused intents did not use up the budget: one more fits.
    expect(await intent({ type: 'note.post', text: 'Druhý' })).toEqual({ ok: true });
    expect(await intent({ type: 'note.post', text: 'Třetí' })).toEqual(refusal('limit_reached'));

    await waitUntil(() => noteTexts(screen.doc).includes('Druhý'));
    expect(noteTexts(screen.doc)).toHaveLength(2);
  });

  it('are ignored or cut off without harming the server or other phones', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { notesPerParticipant: 5 });
    const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    const { cookie } = await join(server, fixture.joinCode);
    const rogue = await connectPhone(resources, server, fixture.meetingId, cookie);
    const bystander = await connectPhone(resources, server, fixture.meetingId, (await join(server, fixture.joinCode)).cookie);
    const raw = rogue.socket as unknown as import('socket.io-client').Socket;
    const valid = () => ({ opId: newOpId(), boardId: fixture.board.id, intent: { type: 'note.post', text: 'Tichá zóna' } });

    // Without an acknowledgement function there is nobody to answer: ignored, and nothing lands.
    raw.emit('intent', valid());
    raw.emit('intent', valid(), 'not a function');
    raw.emit('intent', valid(), { then: 1 });
    // Events the server does not know.
    raw.emit('state', { protocol: 1, meeting: { id: 'x', title: 'x' }, live: null });
    raw.emit('constructor', valid());
    raw.emit('__proto__', valid());
    raw.emit('hasOwnProperty', valid());
    raw.emit('x'.repeat(1000), valid());
    // The rogue socket still works; nothing above was recorded.
    expect(await postNote(rogue, fixture.board.id, 'Po smetí')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).includes('Po smetí'));
    expect(noteTexts(screen.doc)).toEqual(['Po smetí']);

    // A message over the transport limit cuts that socket off, and only that one.
    const disconnected = new Promise<string>((resolve) => raw.once('disconnect', resolve));
    raw.emit('intent', { ...valid(), intent: { type: 'note.post', text: 'x'.repeat(64 * 1024) } }, () => {});
    expect(await disconnected).toBeTruthy();

    // Garbage at the engine.io level on a fresh connection: the server drops it.
    const garbage = io(server.origin, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: { meetingId: fixture.meetingId },
      reconnection: false,
      forceNew: true,
    });
    resources.add(garbage, (s) => s.close());
    await new Promise<void>((resolve, reject) => {
      garbage.once('connect', resolve);
      garbage.once('connect_error', reject);
    });
    const gone = new Promise<string>((resolve) => garbage.once('disconnect', resolve));
    // Not a valid socket.io packet: the server closes that connection.
    garbage.io.engine.write('42[oops', {});
    expect(await gone).toBe('transport close');

    // The server is up and other phones are unaffected.
    expect((await server.api('GET', '/health')).status).toBe(200);
    expect(bystander.socket.connected).toBe(true);
    expect(await postNote(bystander, fixture.board.id, 'Pořád to jede')).toEqual({ ok: true });
    await bystander.waitForState((s) => JSON.stringify(s.live?.view).includes('Pořád to jede'));
    const fresh: Phone = await connectPhone(resources, server, fixture.meetingId, cookie);
    expect(await postNote(fresh, fixture.board.id, 'Znovu připojen')).toEqual({ ok: true });
    await waitUntil(() => noteTexts(screen.doc).includes('Znovu připojen'));
    expect(noteTexts(screen.doc).sort()).toEqual(['Po smetí', 'Pořád to jede', 'Znovu připojen']);
  });
});
