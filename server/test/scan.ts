/** Looking for what should be gone: in every row of the database, and in the bytes of its files. */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';

/** Every table of the SQLite file (FTS5 shadow tables and sqlite_sequence too), every row, every column (blobs as bytes): where each needle occurs. */
export function findInDatabase(file: string, needles: string[]): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const found: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
          for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${needle} in ${name}.${column}`);
        }
      }
    }
    return found;
  } finally {
    db.close();
  }
}

/** The needles that occur in the raw bytes of the database file or its WAL, free pages and old frames included. */
export function findInFiles(file: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const path of [file, `${file}-wal`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${needle} in ${path.endsWith('-wal') ? 'the WAL' : 'the database file'}`);
  }
  return found;
}
