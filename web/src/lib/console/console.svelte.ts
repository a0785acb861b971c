import type { Board, BoardKindName, Locale, MeetingDetail, MeetingDocState, UpdateMeetingBody } from '@dilna/shared';
import type { ContinueMode } from '@dilna/shared/boards/continue';
import { api, ApiError, downloadFile } from '$lib/api.ts';
import { LiveMeeting } from '$lib/sync/meeting.svelte.ts';

type AgendaBoard = MeetingDocState['boards'][number];

/**
 * The facilitator's (or an editor's) console of one meeting: the REST detail (role, links),
 * the live meeting doc (agenda, live board, head count) and the facilitator's controls.
 */
export class MeetingConsole {
  #detail = $state<MeetingDetail | null>(null);
  #error = $state('');
  readonly live: LiveMeeting;

  constructor(
    readonly meetingId: string,
    readonly key: string,
  ) {
    this.live = new LiveMeeting(meetingId, key);
    void this.#run(async () => undefined);
  }

  get detail(): MeetingDetail | null {
    return this.#detail;
  }

  get error(): string {
    return this.#error;
  }

  get isFacilitator(): boolean {
    return this.#detail?.role === 'facilitator';
  }

  get canWrite(): boolean {
    return this.#detail?.role === 'facilitator' || this.#detail?.role === 'editor';
  }

  /** The agenda as the server last wrote it into the meeting doc (falls back to the REST detail). */
  get agenda(): AgendaBoard[] {
    return this.live.state?.boards ?? this.#detail?.boards ?? [];
  }

  get liveBoardId(): string | null {
    return this.live.state ? this.live.state.liveBoardId : (this.#detail?.liveBoardId ?? null);
  }

  goLive = (boardId: string | null) => this.#patchMeeting({ liveBoardId: boardId });
  updateDetails = (details: Pick<UpdateMeetingBody, 'title' | 'startsAt' | 'place' | 'language'>) => this.#patchMeeting(details);

  /** Deletes the meeting and everything of it; true when it is gone. */
  deleteMeeting = async (): Promise<boolean> => {
    this.#error = '';
    try {
      await api('DELETE', `/meetings/${this.meetingId}`, { key: this.key });
      return true;
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
      return false;
    }
  };
  openBoard = (board: Pick<Board, 'id'>) => this.#patchBoard(board, { status: 'open' });
  closeBoard = (board: Pick<Board, 'id'>) => this.#patchBoard(board, { status: 'closed' });
  renameBoard = (board: Pick<Board, 'id'>, title: string) => this.#patchBoard(board, { title });
  removeBoard = (board: Pick<Board, 'id'>) =>
    this.#run(() => api('DELETE', `/meetings/${this.meetingId}/boards/${board.id}`, { key: this.key }));

  /** Voids the participants' answers of one part of a board (a question, a list). */
  resetBoardPart = (board: Pick<Board, 'id'>, scope: string) =>
    this.#run(() => api('POST', `/meetings/${this.meetingId}/boards/${board.id}/reset`, { key: this.key, body: { scope } }));

  /** Saves the board's results as a CSV file. */
  downloadCsv = async (board: Pick<Board, 'id' | 'title'>, locale: Locale): Promise<void> => {
    this.#error = '';
    try {
      await downloadFile(`/meetings/${this.meetingId}/boards/${board.id}/results.csv?lang=${locale}`, this.key, 'results.csv');
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
    }
  };

  moveBoard = (index: number, delta: number) => {
    const ids = this.agenda.map((b) => b.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    return this.#run(() => api('PUT', `/meetings/${this.meetingId}/boards/order`, { key: this.key, body: { boardIds: ids } }));
  };

  /** Adds a board at the end of the agenda and returns it (null when refused). */
  addBoard = async (kind: BoardKindName, title: string, settings: Record<string, unknown> = {}): Promise<Board | null> => {
    let board: Board | null = null;
    const ok = await this.#run(async () => {
      board = await api<Board>('POST', `/meetings/${this.meetingId}/boards`, {
        key: this.key,
        body: { kind, title, settings },
      });
    });
    return ok ? board : null;
  };

  /**
   * Continues a past board of the group at the end of the agenda (see continue.ts); through the
   * login, not the key: only a facilitator of the group reads its past boards.
   */
  continueBoard = async (fromBoardId: string, votes: ContinueMode): Promise<Board | null> => {
    let board: Board | null = null;
    const ok = await this.#run(async () => {
      board = await api<Board>('POST', `/meetings/${this.meetingId}/boards/continue`, { body: { fromBoardId, votes } });
    });
    return ok ? board : null;
  };

  destroy(): void {
    this.live.destroy();
  }

  #patchMeeting(body: UpdateMeetingBody) {
    return this.#run(() => api('PATCH', `/meetings/${this.meetingId}`, { key: this.key, body }));
  }

  #patchBoard(board: Pick<Board, 'id'>, body: Partial<Pick<Board, 'title' | 'status'>>) {
    return this.#run(() => api('PATCH', `/meetings/${this.meetingId}/boards/${board.id}`, { key: this.key, body }));
  }

  /** Runs a change, then reloads the detail; an error is shown instead of thrown. */
  async #run(change: () => Promise<unknown>): Promise<boolean> {
    this.#error = '';
    try {
      await change();
      this.#detail = await api<MeetingDetail>('GET', `/meetings/${this.meetingId}`, { key: this.key });
      return true;
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
      return false;
    }
  }
}
