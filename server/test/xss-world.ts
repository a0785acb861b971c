/**
 * A meeting whose every user-written field holds a stored-XSS payload: group, meeting, place and
 * board names, a note wall's prompt and notes, poll questions, options, open answers, word-cloud
 * words and "other" answers, dot-vote sections, items and suggestions, fishbone head, categories
 * and causes, café questions and notes, participants' names and organisations.
 * Built through the real API, socket.io and Yjs only (no test framework), so that both the
 * integration tests (exports) and the browser tests (rendering) use the same one.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CSRF_HEADER, SOCKET_PATH, YJS_PATH, boardKind, participantCookieName, rooms, type BoardKindName, type IntentAck, type MineState } from '@dilna/shared';
import { cafe, goToRound } from '@dilna/shared/boards/cafe/index';
import { addCards, CARDS_SECTION, setOption as setPlanOption } from '@dilna/shared/boards/plan/index';
import { addQuestion, setQuestionStatus } from '@dilna/shared/boards/polls/index';

/**
 * Each payload, if it ever ran, sets `window.__xss`, or leaves an element with an inline handler,
 * an iframe or a `javascript:` link in the page. At most 40 characters, so that each fits every
 * field (a word-cloud word is the shortest).
 */
export const xssPayloads = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=2>',
  '<svg onload=window.__xss=3>',
  '"><iframe srcdoc=x onload=__xss=4>',
  '<a href=javascript:window.__xss=5>a</a>',
  '<details open ontoggle=window.__xss=6>',
  "'><body onload=window.__xss=7>",
  '[klik](javascript:window.__xss=8)',
  "{@html '<i onclick=__xss=9>i</i>'}",
  '=HYPERLINK("http://x.cz","klik")',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '+420 777 123 456',
  '-2+3',
] as const;

/** One string per board kind. */
export type XssWorldBoards = Record<BoardKindName, string>;

export interface XssWorld {
  meetingId: string;
  groupId: string;
  keys: { facilitator: string; editor: string; screen: string };
  /** Board ids by kind. */
  boards: XssWorldBoards;
  titles: XssWorldBoards;
  /** A participant's cookie (`name=value`), for a phone in a browser. */
  participantCookie: { name: string; value: string };
  /** Makes a board live (the projector and phones show it). */
  makeLive(boardId: string): Promise<void>;
}

type Api = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

function apiOf(origin: string): Api {
  return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${origin}/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

interface PhoneClient {
  socket: Socket;
  mines: MineState[];
  cookie: { name: string; value: string };
}

async function joinPhone(origin: string, api: Api, code: string, meetingId: string, profile: { name: string; organisation: string }): Promise<PhoneClient> {
  const res = await fetch(`${origin}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (!res.ok) throw new Error(`join: HTTP ${res.status}`);
  const name = participantCookieName(meetingId);
  const pair = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))!.split(';')[0]!;
  const cookie = { name, value: pair.slice(name.length + 1) };
  await api('PUT', `/meetings/${meetingId}/me`, profile, { cookie: pair });
  const socket = io(origin, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { cookie: pair }, auth: { meetingId }, reconnection: false, forceNew: true });
  const mines: MineState[] = [];
  socket.on('mine', (mine: MineState) => mines.push(mine));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, mines, cookie };
}

async function send(phone: PhoneClient, boardId: string, intent: Record<string, unknown>): Promise<void> {
  const opId = `xss-${Math.random().toString(36).slice(2)}`;
  const ack = (await phone.socket.timeout(5000).emitWithAck('intent', { opId, boardId, intent })) as IntentAck;
  if (!ack.ok) throw new Error(`${JSON.stringify(intent)} refused: ${JSON.stringify(ack.error)}`);
}

async function until<T>(read: () => T | undefined | null | false, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Logs in as the administrator: the session cookie and the CSRF token a browser would send. */
async function adminHeaders(origin: string, adminPassword: string): Promise<Record<string, string>> {
  const res = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: adminPassword }),
  });
  if (!res.ok) throw new Error(`the administrator could not log in: HTTP ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: /dilna_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0], [CSRF_HEADER]: csrfToken };
}

/**
 * Builds the world on a running server (the administrator, with `adminPassword`, creates the group
 * and the meeting); every connection it opened is closed when it returns.
 */
export async function buildXssWorld(origin: string, adminPassword: string): Promise<XssWorld> {
  const api = apiOf(origin);
  const P = xssPayloads;
  const asAdmin = await adminHeaders(origin, adminPassword);
  const group = await api<{ id: string }>('POST', '/groups', { name: P[0] }, asAdmin);
  const meeting = await api<{ id: string; joinCode: string; keys: XssWorld['keys'] }>(
    'POST',
    `/groups/${group.id}/meetings`,
    { title: P[1], startsAt: '2026-12-01T17:00', place: P[2] },
    asAdmin,
  );
  const keys = meeting.keys;
  const asFacilitator = { 'x-dilna-key': keys.facilitator };
  // A board on a plan is added by someone who edits the plan.
  const addBoard = async (kind: BoardKindName, title: string, settings: unknown) =>
    (await api<{ id: string }>('POST', `/meetings/${meeting.id}/boards`, { kind, title, settings }, kind === 'plan' ? { ...asFacilitator, ...asAdmin } : asFacilitator)).id;
  const makeLive = async (boardId: string) => {
    await api('PATCH', `/meetings/${meeting.id}`, { liveBoardId: boardId }, asFacilitator);
  };

  // Each board's title is a payload too, told apart by the kind after it.
  const titles: XssWorldBoards = { notes: `${P[3]} notes`, polls: `${P[5]} polls`, dots: `${P[6]} dots`, fishbone: `${P[10]} fishbone`, cafe: `${P[1]} cafe`, plan: `${P[9]} plan` };
  const boards: XssWorldBoards = {
    notes: await addBoard('notes', titles.notes, { prompt: P[4], notesPerParticipant: 20 }),
    polls: await addBoard('polls', titles.polls, {}),
    dots: await addBoard('dots', titles.dots, { sections: [{ title: P[7], items: [P[8], P[9]] }], suggesting: true }),
    fishbone: await addBoard('fishbone', titles.fishbone, { head: P[11], categories: [P[12], P[0]], suggestionsPerParticipant: 10 }),
    cafe: await addBoard('cafe', titles.cafe, { tables: 2, questions: [P[2], P[3]] }),
    plan: await addBoard('plan', titles.plan, { planId: (await api<{ id: string }>('POST', '/plans', { title: P[7], groupId: group.id }, asAdmin)).id }),
  };

  const yjs: { provider: WebsocketProvider; doc: Y.Doc }[] = [];
  const facilitatorDoc = async (boardId: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}${YJS_PATH}`, rooms.board(boardId), doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { key: keys.facilitator },
      disableBc: true,
    });
    yjs.push({ provider, doc });
    await until(() => provider.synced, 'the facilitator to sync');
    return doc;
  };
  /** Resolves once the server has the facilitator's edits: a second client sees them. */
  const settled = async (boardId: string, check: (doc: Y.Doc) => boolean) => {
    const doc = await facilitatorDoc(boardId);
    await until(() => check(doc), 'the edits to reach the server');
  };

  const phones = [
    await joinPhone(origin, api, meeting.joinCode, meeting.id, { name: P[4], organisation: P[5] }),
    await joinPhone(origin, api, meeting.joinCode, meeting.id, { name: P[6], organisation: P[7] }),
  ];
  try {
    await makeLive(boards.notes);
    for (const text of P) await send(phones[0]!, boards.notes, { type: 'note.post', text });

    const polls = await facilitatorDoc(boards.polls);
    const ask = (question: Parameters<typeof addQuestion>[1]) => {
      const id = addQuestion(polls, question);
      setQuestionStatus(polls, id, 'open');
      return id;
    };
    const open = ask({ type: 'open', text: P[8], settings: { answersPerParticipant: 5 } });
    const words = ask({ type: 'words', text: P[9], settings: { wordsPerParticipant: 3 } });
    const choice = ask({ type: 'choice', text: P[10], options: [P[11], P[12]], settings: { allowOther: true } });
    await settled(boards.polls, (doc) => doc.getMap('questions').size === 3);
    await makeLive(boards.polls);
    // Each phone's full allowance: five open answers and three words.
    for (const [i, text] of P.slice(0, 10).entries()) await send(phones[i % 2]!, boards.polls, { type: 'poll.open', questionId: open, text });
    for (const [i, word] of P.slice(0, 6).entries()) await send(phones[i % 2]!, boards.polls, { type: 'poll.words', questionId: words, words: [word] });
    await send(phones[0]!, boards.polls, { type: 'poll.choice', questionId: choice, optionIds: [], other: P[0] });
    await send(phones[1]!, boards.polls, { type: 'poll.choice', questionId: choice, optionIds: [], other: P[1] });

    await makeLive(boards.dots);
    const dotsView = boardKind('dots')!.view(await facilitatorDoc(boards.dots)) as { sections: { id: string }[] };
    for (const [i, text] of P.slice(0, 10).entries()) await send(phones[i % 2]!, boards.dots, { type: 'item.suggest', sectionId: dotsView.sections[0]!.id, text });

    await makeLive(boards.fishbone);
    const fishboneView = boardKind('fishbone')!.view(await facilitatorDoc(boards.fishbone)) as { categories: { id: string }[] };
    for (const [i, text] of P.entries()) await send(phones[i % 2]!, boards.fishbone, { type: 'fishbone.suggest', categoryId: fishboneView.categories[0]!.id, text });

    await makeLive(boards.cafe);
    const cafeDoc = await facilitatorDoc(boards.cafe);
    goToRound(cafeDoc, 1);
    const { questionId } = cafe.rules(cafeDoc, cafe.settingsSchema.parse({}));
    for (const phone of phones) {
      const seat = await until(
        () => (phone.mines.findLast((m) => m.boardId === boards.cafe)?.mine as { seat?: { table: string } | null } | undefined)?.seat,
        'a seat at a café table',
      );
      for (const text of P.slice(0, 6)) await send(phone, boards.cafe, { type: 'cafe.note', tableId: seat.table, questionId, text });
    }

    const planDoc = await facilitatorDoc(boards.plan);
    addCards(planDoc, [
      { id: 'xssCardA0101', number: 'A01-01', name: P[4] },
      { id: 'xssCardA0102', number: P[6], name: P[5] },
    ]);
    setPlanOption(planDoc, 'voting', true);
    setPlanOption(planDoc, 'commenting', true);
    await settled(boards.plan, (doc) => doc.getMap('cards').size === 2 && doc.getMap('options').get('commenting') === true);
    await makeLive(boards.plan);
    for (const [i, phone] of phones.entries()) {
      await send(phone, boards.plan, { type: 'dot.add', sectionId: CARDS_SECTION, itemId: 'xssCardA0101' });
      for (const text of P.slice(i * 3, i * 3 + 3)) await send(phone, boards.plan, { type: 'plan.comment', cardId: 'xssCardA0101', text });
    }
  } finally {
    for (const phone of phones) phone.socket.close();
    for (const { provider, doc } of yjs) {
      provider.destroy();
      doc.destroy();
    }
  }
  return { meetingId: meeting.id, groupId: group.id, keys, boards, titles, participantCookie: phones[0]!.cookie, makeLive };
}
