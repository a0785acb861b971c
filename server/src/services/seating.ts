import {
  boardKind,
  parseRoom,
  rooms,
  type MoveSeatBody,
  type ParticipantContext,
  type Seating,
  type SeatingList,
  type TableLinks,
} from '@dilna/shared';
import type { DocRegistry } from '../collab/docs.ts';
import { newId, newKey } from '../ids.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SeatRow } from '../repositories/seats.ts';
import { badRequest, notFound } from './errors.ts';
import type { MeetingsService } from './meetings.ts';
import type { BoardRules, KnownBoard } from './rules.ts';

type SeatingBoard = KnownBoard & { seating: Seating<unknown> };

const noSeat: ParticipantContext = { seat: null };

/**
 * Seats participants at the tables of boards whose kind seats people (world café). The kind
 * decides who sits where; this service keeps the seats in SQLite (who sits where never enters a
 * Y.Doc), follows the round the board's doc is in, places late arrivals, lets the facilitator
 * move people by hand and hands out each table's editor key.
 */
export class SeatingService {
  /** The round each board was last seated for; a doc change to another round seats everyone anew. */
  private readonly seatedRound = new Map<string, number>();
  private readonly seatingKinds = new Map<string, boolean>();

  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly rules: BoardRules,
    private readonly meetings: MeetingsService,
    private readonly notifier: Notifier,
  ) {
    const follow = (name: string) => {
      const room = parseRoom(name);
      if (room?.type === 'board' && this.seats(room.id)) this.followRound(room.id);
    };
    docs.on('load', follow);
    docs.on('update', follow);
  }

  /** Whether a board's kind seats people (boards never change kind, so this is cached). */
  private seats(boardId: string): boolean {
    let seats = this.seatingKinds.get(boardId);
    if (seats === undefined) {
      const board = this.repos.boards.get(boardId);
      seats = !!(board && boardKind(board.kind)?.seating);
      this.seatingKinds.set(boardId, seats);
    }
    return seats;
  }

  /** Where a participant sits this round; a participant not seated yet (a late arrival) is seated now. */
  contextOf(board: KnownBoard, participantId: string): ParticipantContext {
    const seating = board.kind.seating;
    const round = seating ? seating.round(board.rules) : 0;
    if (!seating || round < 1) return noSeat;
    const boardId = board.board.id;
    let seat = this.repos.seats.find(boardId, round, participantId);
    if (!seat || !seating.tables(board.rules).includes(seat.tableId)) {
      this.seatRound({ ...board, seating }, round);
      seat = this.repos.seats.find(boardId, round, participantId);
    }
    return seat ? { seat: { table: seat.tableId, host: seat.host } } : noSeat;
  }

  /** Everyone who joined and where they sit this round, by the name and organisation they gave (facilitator). */
  list(meetingId: string, boardId: string, key: string | undefined): SeatingList {
    const known = this.facilitatorsBoard(meetingId, boardId, key);
    const round = known.seating.round(known.rules);
    const seats = new Map((round >= 1 ? this.repos.seats.listRound(boardId, round) : []).map((s) => [s.participantId, s]));
    return {
      round,
      people: this.repos.participants.listByMeeting(meetingId).map((p, i) => {
        const seat = seats.get(p.id);
        return { seatId: seat?.id ?? null, number: i + 1, name: p.name, organisation: p.organisation, table: seat?.tableId ?? null, host: seat?.host ?? false };
      }),
    };
  }

  /** Moves a person to another table this round, or makes them their table's host (facilitator). */
  move(meetingId: string, boardId: string, key: string | undefined, seatId: string, change: MoveSeatBody): SeatingList {
    const known = this.facilitatorsBoard(meetingId, boardId, key);
    const round = known.seating.round(known.rules);
    const seat = this.repos.seats.get(seatId);
    if (!seat || seat.boardId !== boardId || seat.round !== round) throw notFound('seat');
    if (change.table !== undefined && !known.seating.tables(known.rules).includes(change.table)) throw badRequest('body.table', 'no such table');
    this.repos.seats.update(seatId, {
      ...(change.table !== undefined ? { tableId: change.table } : {}),
      ...(change.host !== undefined ? { host: change.host } : {}),
    });
    this.showSizes(known, round);
    this.notifier.participantsPartChanged(meetingId, boardId);
    return this.list(meetingId, boardId, key);
  }

  /** The editor key of every table, made on first request (facilitator). */
  tableLinks(meetingId: string, boardId: string, key: string | undefined): TableLinks {
    const known = this.facilitatorsBoard(meetingId, boardId, key);
    const keys = new Map(this.repos.tableKeys.listByBoard(boardId).map((k) => [k.tableId, k.key]));
    return known.seating.tables(known.rules).map((table) => {
      let tableKey = keys.get(table);
      if (!tableKey) {
        tableKey = newKey();
        this.repos.tableKeys.insert({ boardId, tableId: table, key: tableKey });
      }
      return { table, key: tableKey };
    });
  }

  private followRound(boardId: string): void {
    const known = this.seatingBoard(boardId);
    if (!known) return;
    const round = known.seating.round(known.rules);
    if (this.seatedRound.get(boardId) === round) return;
    this.seatedRound.set(boardId, round);
    if (round >= 1) this.seatRound(known, round);
  }

  /**
   * Seats everyone of the meeting who has no seat this round. A new round starts from its hosts
   * (they stay); a round under way keeps everyone where they are, so only newcomers are placed.
   */
  private seatRound(known: SeatingBoard, round: number): void {
    const { board, seating } = known;
    const tables = seating.tables(known.rules);
    if (!tables.length) return;
    const current = this.repos.seats.listRound(board.id, round);
    const earlierRows = this.repos.seats.listBefore(board.id, round);
    const earlier = new Map<number, Map<string, string>>();
    for (const row of earlierRows) earlier.set(row.round, (earlier.get(row.round) ?? new Map<string, string>()).set(row.participantId, row.tableId));
    const hostsBefore = earlierRows.filter((r) => r.host && r.round === earlierRows.at(-1)?.round);
    const fixedRows: SeatRow[] = current.length ? current : hostsBefore;
    const hosts = new Set(fixedRows.filter((r) => r.host).map((r) => r.participantId));
    const byParticipant = new Map(current.map((r) => [r.participantId, r]));

    const seated = seating.seat({
      tables,
      people: this.repos.participants.listByMeeting(board.meetingId).map((p) => ({ key: p.id, organisation: p.organisation })),
      earlier: [...earlier.values()],
      fixed: new Map(fixedRows.map((r) => [r.participantId, r.tableId])),
      seed: `${board.id}:${round}`,
    });
    const changed = [...seated]
      .filter(([participantId, table]) => byParticipant.get(participantId)?.tableId !== table)
      .map(([participantId, tableId]) => ({
        id: byParticipant.get(participantId)?.id ?? newId(),
        boardId: board.id,
        participantId,
        round,
        tableId,
        host: hosts.has(participantId),
      }));
    this.repos.seats.save(changed);
    this.showSizes(known, round);
    if (changed.length) this.notifier.participantsPartChanged(board.meetingId, board.id);
  }

  /** Table sizes (counts only) go into the board's doc for screens and editors. */
  private showSizes(known: SeatingBoard, round: number): void {
    const sizes: Record<string, number> = Object.fromEntries(known.seating.tables(known.rules).map((t) => [t, 0]));
    for (const seat of this.repos.seats.listRound(known.board.id, round)) if (Object.hasOwn(sizes, seat.tableId)) sizes[seat.tableId]!++;
    known.seating.showSizes(this.docs.get(rooms.board(known.board.id)), sizes);
  }

  private seatingBoard(boardId: string): SeatingBoard | undefined {
    const known = this.rules.of(boardId);
    return known?.kind.seating ? { ...known, seating: known.kind.seating as Seating<unknown> } : undefined;
  }

  private facilitatorsBoard(meetingId: string, boardId: string, key: string | undefined): SeatingBoard {
    this.meetings.access(meetingId, key, ['facilitator']);
    const known = this.seatingBoard(boardId);
    if (!known || known.board.meetingId !== meetingId) throw notFound('board with tables');
    return known;
  }
}
