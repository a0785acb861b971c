import { boardKind, type Locale } from '@dilna/shared';
import { stringify } from 'csv-stringify/sync';
import type { DocRegistry } from '../collab/docs.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { BoardRow } from '../repositories/boards.ts';
import { notFound } from './errors.ts';
import type { IntentsService } from './intents.ts';
import type { MeetingsService } from './meetings.ts';
import { boardViewOf } from './rules.ts';

/** What a board's participants produced: reset by the facilitator, downloaded as a table. */
export class ResultsService {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly meetings: MeetingsService,
    private readonly intents: IntentsService,
    private readonly notifier: Notifier,
  ) {}

  /** Voids the answers of one part of a board (a question, a section); phones learn their part is empty again. */
  reset(meetingId: string, boardId: string, key: string | undefined, scope: string): { voided: number } {
    this.meetings.access(meetingId, key, ['facilitator']);
    this.boardOf(meetingId, boardId);
    const voided = this.intents.reset(boardId, scope);
    this.notifier.participantsPartChanged(meetingId, boardId);
    return { voided };
  }

  /**
   * The board's results as CSV (UTF-8 with a byte-order mark, which Excel needs to read Czech letters).
   * Participants' text that a spreadsheet would take for a formula (=, +, -, @) gets a leading
   * apostrophe, so that opening the file runs nothing.
   */
  csv(meetingId: string, boardId: string, key: string | undefined, locale: Locale): { filename: string; body: string } {
    this.meetings.access(meetingId, key, ['facilitator', 'editor']);
    const board = this.boardOf(meetingId, boardId);
    const body = resultsCsv(this.docs, board, locale);
    if (body === null) throw notFound('board');
    return { filename: `${fileSafe(board.title) || board.kind}.csv`, body };
  }

  private boardOf(meetingId: string, boardId: string): BoardRow {
    const board = this.repos.boards.get(boardId);
    if (!board || board.meetingId !== meetingId) throw notFound('board');
    return board;
  }
}

/** A board's results as CSV (null for a kind this server does not know). */
export function resultsCsv(docs: DocRegistry, board: BoardRow, locale: Locale): string | null {
  const kind = boardKind(board.kind);
  if (!kind) return null;
  const rows = kind.toTable(boardViewOf(docs, kind, board.id), locale);
  return `\uFEFF${stringify(rows, { escape_formulas: true })}`;
}

/** "Komunitní plán 2023–2027" → "Komunitni-plan-2023-2027": a file name any browser and system takes as it is. */
export const fileSafe = (title: string) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
