import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** One row of the index: a board's text (`boardId`), or a meeting's minutes (`boardId` null). */
export interface SearchEntry {
  groupId: string;
  meetingId: string;
  boardId: string | null;
  title: string;
  body: string;
}

export interface SearchRow {
  meetingId: string;
  meetingTitle: string;
  startsAt: string;
  boardId: string | null;
  boardKind: string | null;
  boardTitle: string | null;
  /** The body around the matches, each match between `marks.start` and `marks.end`. */
  snippet: string;
}

/** A board's row or a meeting's minutes row, by the doc it is made of. */
export type IndexedItem = { type: 'board'; id: string } | { type: 'minutes'; id: string };

/** The board id of a minutes row. */
const MINUTES = '';
/** bm25 weights per column (group, meeting, board, title, body): a word in a title counts four times. */
const RANK = sql`bm25(search_index, 0, 0, 0, 4.0, 1.0)`;
/** Words of context the snippet shows around the matches. */
const SNIPPET_WORDS = 14;

/**
 * The full-text index (`search_index`, an FTS5 table that drizzle does not model): the only code
 * that touches it. Rows are looked up by their UNINDEXED ids, i.e. by a scan of the index's content
 * table, which stays cheap at the size of a city's archive (thousands of rows).
 */
export class SearchRepository {
  constructor(private readonly db: Db) {
    // FTS5 leaves a deleted row's words in its index pages until segments are merged; this setting (kept
    // in the index's own config table) overwrites them at once, as secure_delete does for the rest of the file.
    db.run(sql`INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)`);
  }

  /**
   * Writes a board's or a meeting's minutes row, replacing the one there was. It does not wait for a
   * lock: the index is written in the background, and waiting out the busy timeout would hold up
   * everything else the process does. False when the database was locked and nothing was written.
   */
  put(entry: SearchEntry): boolean {
    const boardId = entry.boardId ?? MINUTES;
    const client = this.db.$client;
    const busyTimeout = client.pragma('busy_timeout', { simple: true }) as number;
    client.pragma('busy_timeout = 0');
    try {
      this.db.transaction((tx) => {
        tx.run(sql`DELETE FROM search_index WHERE meeting_id = ${entry.meetingId} AND board_id = ${boardId}`);
        tx.run(sql`INSERT INTO search_index (group_id, meeting_id, board_id, title, body)
          VALUES (${entry.groupId}, ${entry.meetingId}, ${boardId}, ${entry.title}, ${entry.body})`);
      });
      return true;
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      client.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  /** Removes the row of a board or of a meeting's minutes. */
  remove(item: IndexedItem): void {
    const where = item.type === 'board' ? sql`board_id = ${item.id}` : sql`meeting_id = ${item.id} AND board_id = ${MINUTES}`;
    this.db.run(sql`DELETE FROM search_index WHERE ${where}`);
  }

  /** Removes every row of a meeting (its boards and its minutes). */
  removeMeeting(meetingId: string): void {
    this.db.run(sql`DELETE FROM search_index WHERE meeting_id = ${meetingId}`);
  }


  /** Rows whose board or meeting no longer exists (a deletion the process did not live to finish). */
  removeOrphans(): void {
    const orphan = sql`meeting_id NOT IN (SELECT id FROM meetings) OR (board_id <> ${MINUTES} AND board_id NOT IN (SELECT id FROM boards))`;
    this.db.run(sql`DELETE FROM search_index WHERE ${orphan}`);
  }

  /** Boards without a row, and meetings with stored minutes but without a row. */
  missing(): IndexedItem[] {
    const boards = this.db.all<{ id: string }>(sql`SELECT id FROM boards WHERE id NOT IN (SELECT board_id FROM search_index)`);
    const minutes = this.db.all<{ id: string }>(sql`SELECT m.id FROM meetings m
      WHERE m.id NOT IN (SELECT meeting_id FROM search_index WHERE board_id = ${MINUTES})
        AND (EXISTS (SELECT 1 FROM yjs_snapshots WHERE doc_name = 'minutes:' || m.id)
          OR EXISTS (SELECT 1 FROM yjs_updates WHERE doc_name = 'minutes:' || m.id))`);
    return [...boards.map(({ id }) => ({ type: 'board' as const, id })), ...minutes.map(({ id }) => ({ type: 'minutes' as const, id }))];
  }

  /** The best matches of an FTS5 expression among a group's rows, best first. */
  search(groupId: string, expression: string, limit: number, marks: { start: string; end: string }): SearchRow[] {
    return this.db.all<SearchRow>(sql`
      SELECT s.meeting_id AS meetingId, m.title AS meetingTitle, m.starts_at AS startsAt,
        b.id AS boardId, b.kind AS boardKind, b.title AS boardTitle,
        snippet(search_index, 4, ${marks.start}, ${marks.end}, '…', ${SNIPPET_WORDS}) AS snippet
      FROM search_index s
        JOIN meetings m ON m.id = s.meeting_id
        LEFT JOIN boards b ON b.id = s.board_id
      WHERE search_index MATCH ${expression} AND s.group_id = ${groupId} AND (s.board_id = ${MINUTES} OR b.id IS NOT NULL)
      ORDER BY ${RANK}
      LIMIT ${limit}`);
  }
}
