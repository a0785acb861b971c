import { describe, expect, it } from 'vitest';
import { type Board } from '@dilna/shared';
import {
  AT_END,
  acceptSuggestion,
  addNode,
  fishbone,
  moveNode,
  readTree,
  removeNode,
  type FishbonePhoneView,
} from '@dilna/shared/boards/fishbone/index';
import { outline, treeProblems } from '@dilna/shared/boards/fishbone/testing';
import * as Y from 'yjs';
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
  type MeetingFixture,
  type ServerTarget,
} from './helpers.ts';

const resources = useResources();

async function liveFishbone(server: ServerTarget, fixture: MeetingFixture): Promise<Board> {
  const board = expectStatus(
    await server.api<Board>('POST', `/meetings/${fixture.meetingId}/boards`, {
      key: fixture.keys.facilitator,
      body: {
        kind: 'fishbone',
        title: 'Motivace',
        settings: { head: 'Motivovaný zaměstnanec', categories: ['Finance', 'Kultura'], suggestionsPerParticipant: 2 },
      },
    }),
    201,
  );
  await makeLive(server, fixture, board.id);
  return board;
}

const idOf = (doc: Y.Doc, text: string) => {
  const id = [...readTree(doc).entries.keys()].find((key) => (doc.getMap('nodes').get(key) as Y.Map<Y.Text>).get('text')!.toString() === text);
  if (!id) throw new Error(`no node ${text}`);
  return id;
};

describe('fishbone over the real transports', () => {
  it('a phone suggests a cause, the editors see it queued without its author, accept it, and phones see the tree', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await liveFishbone(server, fixture);
    const editor = await connectBoard(resources, server, board.id, fixture.keys.editor);
    const [finance, culture] = [idOf(editor.doc, 'Finance'), idOf(editor.doc, 'Kultura')];

    const participant = await join(server, fixture.joinCode);
    const phone = await connectPhone(resources, server, fixture.meetingId, participant.cookie);
    const suggest = (categoryId: string, text: string) =>
      phone.intent({ opId: newOpId(), boardId: board.id, intent: { type: 'fishbone.suggest', categoryId, text } });

    expect(await suggest('not-a-category', 'Nízké mzdy')).toMatchObject({ ok: false, error: { code: 'unknown_item' } });
    expect(await suggest(finance, 'x'.repeat(201))).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await suggest(finance, 'Nízké mzdy')).toEqual({ ok: true });
    await waitUntil(() => phone.mines.findLast((m) => m.boardId === board.id && (m.mine as { remaining: number }).remaining === 1));

    const queued = await waitUntil(() => fishbone.view(editor.doc).suggestions[0]);
    expect(queued).toMatchObject({ categoryId: finance, text: 'Nízké mzdy', status: 'pending' });
    expect(JSON.stringify(editor.doc.toJSON())).not.toContain(participant.participantId);

    // The secretary accepts it under a cause of her own; every phone then sees it in the tree.
    const salaries = addNode(editor.doc, finance, AT_END, 'Mzdy')!;
    expect(acceptSuggestion(editor.doc, queued.id, salaries)).toBeTruthy();
    const state = await phone.waitForState((s) => JSON.stringify(s.live?.view ?? '').includes('Nízké mzdy'));
    const view = state.live!.view as FishbonePhoneView;
    expect(view.categories.map((c) => [c.text, c.children.map((l1) => [l1.text, l1.children.map((l2) => l2.text)])])).toEqual([
      ['Finance', [['Mzdy', ['Nízké mzdy']]]],
      ['Kultura', []],
    ]);
    expect(JSON.stringify(view)).not.toContain('pending');

    // Rules follow the doc: a category the editors removed takes no more suggestions.
    removeNode(editor.doc, culture);
    await roundTrip(editor);
    expect(await suggest(culture, 'Uzavřené týmy')).toMatchObject({ ok: false, error: { code: 'unknown_item' } });
    // A later projection leaves the accepted suggestion accepted.
    expect(await suggest(finance, 'Chybí benefity')).toEqual({ ok: true });
    await waitUntil(() => fishbone.view(editor.doc).suggestions.length === 2);
    expect(fishbone.view(editor.doc).suggestions.map((s) => s.status)).toEqual(['accepted', 'pending']);
    expect(await suggest(finance, 'Třetí')).toMatchObject({ ok: false, error: { code: 'limit_reached' } });

    const csv = await server.api('GET', `/meetings/${fixture.meetingId}/boards/${board.id}/results.csv?lang=cs`, {
      key: fixture.keys.editor,
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Finance,2,Nízké mzdy');
  });

  it('two editors through the server, one offline for a while, end with the same valid tree', async () => {
    const server = await startServer(resources);
    const fixture = await createMeeting(server);
    const board = await liveFishbone(server, fixture);
    const left = await connectBoard(resources, server, board.id, fixture.keys.facilitator);
    const right = await connectBoard(resources, server, board.id, fixture.keys.editor);
    const a = addNode(left.doc, idOf(left.doc, 'Finance'), AT_END, 'A')!;
    const b = addNode(left.doc, idOf(left.doc, 'Kultura'), AT_END, 'B')!;
    await waitUntil(() => readTree(right.doc).entries.has(b));

    right.provider.disconnect();
    // Offline: the secretary puts A under B and adds a cause under A; meanwhile the facilitator
    // puts B under A and types into A. Together that is a cycle, which the tree must cut.
    expect(moveNode(right.doc, a, b, 0)).toBe(true);
    addNode(right.doc, a, 0, 'written offline');
    expect(moveNode(left.doc, b, a, 0)).toBe(true);
    (left.doc.getMap('nodes').get(a) as Y.Map<Y.Text>).get('text')!.insert(1, ' (online)');
    await roundTrip(left);
    expect(outline(right.doc)).not.toBe(outline(left.doc));

    right.provider.connect();
    await waitUntil(() => right.provider.synced && outline(right.doc) === outline(left.doc), { message: 'the editors to converge' });
    const fresh = await connectBoard(resources, server, board.id, fixture.keys.screen);
    for (const doc of [left.doc, right.doc, fresh.doc]) {
      expect(treeProblems(doc)).toEqual([]);
      expect(outline(doc)).toBe(outline(left.doc));
    }
    expect(outline(left.doc)).toContain('A (online)');
    expect(outline(left.doc)).toContain('written offline');
    expect(outline(left.doc)).toContain('B');
  });
});
