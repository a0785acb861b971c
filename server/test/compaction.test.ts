import { describe, expect, it } from 'vitest';
import { rooms } from '@dilna/shared';
import {
  connectBoard,
  liveNotesMeeting,
  startServer,
  storedDoc,
  useResources,
  waitUntil,
  type TestServer,
  type YjsClient,
} from './helpers.ts';

const resources = useResources();

/** Types `count` characters, one update each, as a person typing would. */
function type(client: YjsClient, count: number, offset = 0): void {
  const text = client.doc.getText('prompt');
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(65 + ((i + offset) % 26)));
}

async function contentAfterRestart(server: TestServer, boardId: string, key: string): Promise<string> {
  await server.close();
  const restarted = await startServer(resources, { dataDir: server.dataDir });
  const client = await connectBoard(resources, restarted, boardId, key);
  const text = client.doc.getText('prompt').toString();
  client.destroy();
  await restarted.close();
  return text;
}

describe('compaction of the Yjs update log', () => {
  it('folds a long log into a snapshot while the doc is in use, and the content survives', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: '' });
    const room = rooms.board(fixture.board.id);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const watcher = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);

    type(editor, 100);
    await waitUntil(() => watcher.doc.getText('prompt').length === 100);
    const early = storedDoc(server.dataDir, room);
    expect(early.snapshotUpTo).toBeNull();
    expect(early.updates).toBeGreaterThanOrEqual(100);

    type(editor, 600, 100);
    const expected = editor.doc.getText('prompt').toString();
    await waitUntil(() => watcher.doc.getText('prompt').toString() === expected, { timeout: 10_000 });
    const compacted = storedDoc(server.dataDir, room);
    expect(compacted.snapshotUpTo).not.toBeNull();
    // 700 updates went in; at most one compaction interval's worth is left as a log.
    expect(compacted.updates).toBeLessThan(500);

    editor.destroy();
    watcher.destroy();
    expect(await contentAfterRestart(server, fixture.board.id, fixture.keys.screen)).toBe(expected);
  });

  it('compacts a doc when it is unloaded after its last user leaves, and keeps appending after', async () => {
    const server = await startServer(resources, { docIdleUnloadMs: 50 });
    const fixture = await liveNotesMeeting(server, { prompt: 'Start:' });
    const room = rooms.board(fixture.board.id);
    const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    type(editor, 30);
    const expected = editor.doc.getText('prompt').toString();
    const watcher = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    await waitUntil(() => watcher.doc.getText('prompt').toString() === expected);
    expect(storedDoc(server.dataDir, room).updates).toBeGreaterThanOrEqual(30);

    editor.destroy();
    watcher.destroy();
    await waitUntil(
      () => {
        const stored = storedDoc(server.dataDir, room);
        return stored.snapshotUpTo !== null && stored.updates === 0;
      },
      { message: 'the idle doc to be compacted on unload' },
    );

    // Loaded again from the snapshot alone, and edited further.
    const back = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    expect(back.doc.getText('prompt').toString()).toBe(expected);
    back.doc.getText('prompt').insert(0, '>');
    const check = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
    await waitUntil(() => check.doc.getText('prompt').toString() === `>${expected}`);
    expect(storedDoc(server.dataDir, room).updates).toBeGreaterThanOrEqual(1);

    back.destroy();
    check.destroy();
    expect(await contentAfterRestart(server, fixture.board.id, fixture.keys.screen)).toBe(`>${expected}`);
  });
});
