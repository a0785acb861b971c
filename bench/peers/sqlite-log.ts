/**
 * The smallest SQLite persistence for a peer server in the boards benchmark: one table of Yjs
 * updates (or states) per document name, on better-sqlite3 with the same journal settings as
 * Dílna's database (WAL, synchronous NORMAL), so that bytes persisted compare like for like.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function openLog(dataDir: string) {
  const db = new Database(join(dataDir, 'peer.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const select = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY id');
  const replace = db.transaction((doc: string, data: Uint8Array) => {
    db.prepare('DELETE FROM updates WHERE doc = ?').run(doc);
    insert.run(doc, Buffer.from(data));
  });
  return {
    append: (doc: string, data: Uint8Array) => void insert.run(doc, Buffer.from(data)),
    /** Every stored update of a document, oldest first. */
    load: (doc: string) => (select.all(doc) as { data: Buffer }[]).map((r) => new Uint8Array(r.data)),
    /** Keeps one state for the document instead of its updates. */
    replace: (doc: string, data: Uint8Array) => void replace(doc, data),
  };
}
