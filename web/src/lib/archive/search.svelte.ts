import type { SearchHit, SearchResults } from '@dilna/shared';
import { api, ApiError } from '$lib/api.ts';

/** A pause in typing this long runs the search. */
const TYPING_PAUSE_MS = 350;
/** The longest query the API takes. */
export const MAX_QUERY_LENGTH = 200;

/** Searching one group's archive: what is typed, the hits of the latest query, and whether it runs. */
export class ArchiveSearchState {
  #query = $state('');
  #hits = $state.raw<SearchHit[] | null>(null);
  #searching = $state(false);
  #error = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to older queries that arrive late are dropped. */
  #latest = 0;

  constructor(private readonly groupId: () => string) {}

  get query(): string {
    return this.#query;
  }

  /** The hits of the last query that was answered; null before any. */
  get hits(): SearchHit[] | null {
    return this.#hits;
  }

  get searching(): boolean {
    return this.#searching;
  }

  get error(): string {
    return this.#error;
  }

  /** What is typed; the search runs after a pause. */
  type(query: string): void {
    this.#query = query;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), TYPING_PAUSE_MS);
  }

  /** Enter: search now. */
  submit(): void {
    clearTimeout(this.#timer);
    void this.#run();
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#latest++;
  }

  async #run(): Promise<void> {
    const q = this.#query.trim();
    const ticket = ++this.#latest;
    if (!q) {
      this.#hits = null;
      this.#searching = false;
      return;
    }
    this.#searching = true;
    try {
      const results = await api<SearchResults>('GET', `/groups/${this.groupId()}/search?q=${encodeURIComponent(q)}`);
      if (ticket !== this.#latest) return;
      this.#hits = results.hits;
      this.#error = '';
    } catch (err) {
      if (ticket === this.#latest) this.#error = err instanceof ApiError ? err.message : String(err);
    } finally {
      if (ticket === this.#latest) this.#searching = false;
    }
  }
}
