/**
 * Storage faults and offline editors: a database locked by another connection, a database that
 * refuses writes (as a full disk does), and Yjs editors that edited while offline.
 * A participant gets an error, never a false acknowledgement; editors' changes are not lost.
 */
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rooms, type IntentEnvelope } from '@dilna/shared';
import {
  connectBoard,
  connectPhone,
  join,
  liveNotesMeeting,
  newOpId,
  roundTrip,
  spawnServer,
  startServer,
  tempDataDir,
  useResources,
  waitUntil,
  type ChildServer,
} from './helpers.ts';

const resources = useResources();

/** The server's busy timeout (5 s) plus room for a loaded machine. */
const ACK_TIMEOUT_MS = 15_000;

function openDatabase(dataDir: string): Database.Database {
  return resources.add(new Database(joinPath(dataDir, 'dilna.sqlite')), (db) => db.close());
}

function operationCount(db: Database.Database, opId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM intents WHERE op_id = ?').get(opId) as { n: number }).n;
}

/** The prompt as the database holds it: snapshot plus log, as a restart would load it. */
function storedPrompt(db: Database.Database, docName: string): string {
  const doc = new Y.Doc();
  const snapshot = db.prepare('SELECT state FROM yjs_snapshots WHERE doc_name = ?').get(docName) as { state: Buffer } | undefined;
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const { update } of db.prepare('SELECT "update" FROM yjs_updates WHERE doc_name = ? ORDER BY id').all(docName) as { update: Buffer }[]) {
    Y.applyUpdate(doc, update);
  }
  const text = doc.getText('prompt').toString();
  doc.destroy();
  return text;
}

/** A server process with a live note wall, a phone, an editor and a screen. */
async function meeting() {
  const dataDir = await tempDataDir(resources);
  const server = await spawnServer(resources, dataDir);
  const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
  const joined = await join(server, fixture.joinCode);
  const phone = await connectPhone(resources, server, fixture.meetingId, joined.cookie);
  const editor = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
  const screen = await connectBoard(resources, server, fixture.board.id, fixture.keys.screen);
  const note = (text: string): IntentEnvelope => ({ opId: newOpId(), boardId: fixture.board.id, intent: { type: 'note.post', text } });
  const send = (envelope: IntentEnvelope) => phone.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('intent', envelope);
  return { dataDir, server, fixture, editor, screen, note, send };
}

/**
 * The editor is gone and the process is killed: what the restarted server shows is what it had
 * stored, with no client left to send the change again.
 */
async function restartedPrompt(server: ChildServer, boardId: string, key: string): Promise<string> {
  server.child.kill('SIGKILL');
  await server.exited;
  const restarted = await startServer(resources, { dataDir: server.dataDir });
  const screen = await connectBoard(resources, restarted, boardId, key);
  return screen.doc.getText('prompt').toString();
}

describe('storage faults', () => {
  // Slow by nature: a 1 s lock, then the 5 s busy timeout, then a restart.
  it('a lock shorter than the busy timeout is waited out; a longer one is an error to the phone, and the retry lands once', { timeout: 60_000 }, async () => {
    const { dataDir, server, fixture, editor, screen, note, send } = await meeting();
    const lock = openDatabase(dataDir);

    lock.exec('BEGIN EXCLUSIVE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        lock.exec('COMMIT');
        resolve();
      }, 1000),
    );
    expect(await send(note('Po krátkém zámku'))).toEqual({ ok: true });
    await released;

    lock.exec('BEGIN EXCLUSIVE');
    const held = note('Za dlouhého zámku');
    const ack = await send(held);
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error.code).toBe('server_error');
    // An editor types while the database is still locked: the change reaches the others.
    editor.doc.getText('prompt').insert(0, 'Za zámku: ');
    await waitUntil(() => screen.doc.getText('prompt').toString() === 'Za zámku: Zadání', { timeout: ACK_TIMEOUT_MS, message: 'the screen to see the edit' });
    expect(operationCount(lock, held.opId)).toBe(0);
    lock.exec('COMMIT');

    expect(await send(held)).toEqual({ ok: true });
    expect(await send(held)).toEqual({ ok: true });
    expect(operationCount(lock, held.opId)).toBe(1);
    // The edit made during the lock is stored once the database takes writes again.
    await waitUntil(() => storedPrompt(lock, rooms.board(fixture.board.id)) === 'Za zámku: Zadání', { message: 'the edit to be stored' });
    editor.destroy();
    expect(await restartedPrompt(server, fixture.board.id, fixture.keys.screen)).toBe('Za zámku: Zadání');
  });

  it('a database that refuses writes (as a full disk does): an error to the phone, edits kept and stored once it recovers', { timeout: 60_000 }, async () => {
    const { dataDir, server, fixture, editor, screen, note, send } = await meeting();
    const db = openDatabase(dataDir);
    // Every write the server makes fails with the error a full disk gives.
    const refuse = (table: string) => `CREATE TRIGGER full_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`;
    db.exec(['intents', 'yjs_updates', 'yjs_snapshots'].map(refuse).join('\n'));

    const refused = note('Na plný disk');
    const ack = await send(refused);
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error.code).toBe('server_error');
    editor.doc.getText('prompt').insert(0, 'Na plný disk: ');
    await roundTrip(editor);
    await waitUntil(() => screen.doc.getText('prompt').toString() === 'Na plný disk: Zadání', { message: 'the screen to see the edit' });
    expect(editor.closes).toEqual([]);
    expect(operationCount(db, refused.opId)).toBe(0);

    db.exec(['intents', 'yjs_updates', 'yjs_snapshots'].map((table) => `DROP TRIGGER full_${table};`).join('\n'));
    expect(await send(refused)).toEqual({ ok: true });
    expect(operationCount(db, refused.opId)).toBe(1);
    await waitUntil(() => storedPrompt(db, rooms.board(fixture.board.id)) === 'Na plný disk: Zadání', { message: 'the edit to be stored' });
    editor.destroy();
    expect(await restartedPrompt(server, fixture.board.id, fixture.keys.screen)).toBe('Na plný disk: Zadání');
  });
});

describe('offline editors', () => {
  it('two editors who both changed text and a map while one was offline end with the same doc holding every change, also after a restart', async () => {
    const server = await startServer(resources);
    const fixture = await liveNotesMeeting(server, { prompt: 'Zadání' });
    const online = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);
    const offline = await connectBoard(resources, server, fixture.board.id, fixture.keys.editor);

    offline.provider.disconnect();
    for (let i = 0; i < 20; i++) {
      offline.doc.getText('prompt').insert(0, `off${i} `);
      offline.doc.getMap('extra').set(`off${i}`, i);
      online.doc.getText('prompt').insert(online.doc.getText('prompt').length, ` on${i}`);
      online.doc.getMap('extra').set(`on${i}`, i);
    }
    online.doc.getMap('extra').set('both', 'online');
    offline.doc.getMap('extra').set('both', 'offline');
    await roundTrip(online);
    offline.provider.connect();

    await waitUntil(() => offline.provider.synced && Y.encodeStateVector(offline.doc).join() === Y.encodeStateVector(online.doc).join(), {
      message: 'the two editors to converge',
    });
    const merged = { prompt: online.doc.getText('prompt').toString(), extra: online.doc.getMap('extra').toJSON() };
    expect({ prompt: offline.doc.getText('prompt').toString(), extra: offline.doc.getMap('extra').toJSON() }).toEqual(merged);
    const prompt = online.doc.getText('prompt').toString();
    for (let i = 0; i < 20; i++) {
      expect(prompt).toContain(`off${i} `);
      expect(prompt).toContain(` on${i}`);
      expect(online.doc.getMap('extra').get(`off${i}`)).toBe(i);
      expect(online.doc.getMap('extra').get(`on${i}`)).toBe(i);
    }
    // Concurrent writes to one key: one wins, the same one everywhere.
    expect(['online', 'offline']).toContain(online.doc.getMap('extra').get('both'));

    await roundTrip(offline);
    await server.close();
    const restarted = await startServer(resources, { dataDir: server.dataDir });
    const fresh = await connectBoard(resources, restarted, fixture.board.id, fixture.keys.screen);
    expect({ prompt: fresh.doc.getText('prompt').toString(), extra: fresh.doc.getMap('extra').toJSON() }).toEqual(merged);
  });
});
