import type { MoveSeatBody, SeatingList, TableLinks } from '@dilna/shared';
import { api, ApiError } from '$lib/api.ts';

/** The facilitator's view of who sits where this round (REST: seating is never in a Y.Doc). */
export class SeatingConsole {
  #list = $state<SeatingList | null>(null);
  #links = $state<TableLinks | null>(null);
  #error = $state('');

  constructor(
    readonly meetingId: string,
    readonly boardId: string,
    readonly key: string,
  ) {}

  get list(): SeatingList | null {
    return this.#list;
  }

  get links(): TableLinks | null {
    return this.#links;
  }

  get error(): string {
    return this.#error;
  }

  refresh = () => this.#run(async () => (this.#list = await api<SeatingList>('GET', this.#path('seats'), { key: this.key })));

  move = (seatId: string, change: MoveSeatBody) =>
    this.#run(async () => (this.#list = await api<SeatingList>('PATCH', this.#path(`seats/${seatId}`), { key: this.key, body: change })));

  loadLinks = () => this.#run(async () => (this.#links = await api<TableLinks>('GET', this.#path('tables'), { key: this.key })));

  #path(rest: string): string {
    return `/meetings/${this.meetingId}/boards/${this.boardId}/${rest}`;
  }

  async #run(work: () => Promise<unknown>): Promise<void> {
    this.#error = '';
    try {
      await work();
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
    }
  }
}
