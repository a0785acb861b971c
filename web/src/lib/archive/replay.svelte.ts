import * as Y from 'yjs';
import { rooms, type BoardDocs, type BoardHistory, type SnapshotReason, type TableDocs } from '@dilna/shared';
import { api } from '$lib/api.ts';

/** A moment of the board's course: one of its snapshots, or now. */
export type Moment = { snapshotId: number; takenAt: string; reason: SnapshotReason } | { snapshotId: null; takenAt: null; reason: 'now' };

/** The board's docs at one moment, static: nothing writes them. */
export interface ShownBoard {
  doc: Y.Doc;
  tableDocs: TableDocs;
  /** The moment (ms) its clocks stand at. */
  at: number;
}

/**
 * A past board and its timeline: the snapshots, oldest first, then now. Each moment's docs are
 * fetched once, when it is first shown; the latest moment asked for is the one shown.
 */
export class BoardReplay {
  #history = $state<BoardHistory | null>(null);
  #position = $state(0);
  #shown = $state.raw<ShownBoard | null>(null);
  #failure = $state<unknown>(null);
  /** Not reactive state: by position, each moment's docs as they load. */
  #loaded: Promise<ShownBoard>[] = [];
  readonly #docs: Y.Doc[] = [];

  constructor(readonly boardId: string) {
    api<BoardHistory>('GET', `/boards/${boardId}/snapshots`)
      .then((history) => {
        this.#history = history;
        this.go(history.snapshots.length);
      })
      .catch((err: unknown) => (this.#failure = err));
  }

  get history(): BoardHistory | null {
    return this.#history;
  }

  get failure(): unknown {
    return this.#failure;
  }

  get moments(): Moment[] {
    const snapshots = this.#history?.snapshots ?? [];
    const now: Moment = { snapshotId: null, takenAt: null, reason: 'now' };
    return [...snapshots.map(({ id, takenAt, reason }): Moment => ({ snapshotId: id, takenAt, reason })), now];
  }

  get position(): number {
    return this.#position;
  }

  get moment(): Moment {
    return this.moments[this.#position]!;
  }

  get shown(): ShownBoard | null {
    return this.#shown;
  }

  go(position: number): void {
    const target = Math.max(0, Math.min(this.moments.length - 1, position));
    this.#position = target;
    this.#load(target)
      .then((shown) => {
        if (this.#position === target) this.#shown = shown;
      })
      .catch((err: unknown) => (this.#failure = err));
  }

  earlier(): void {
    this.go(this.#position - 1);
  }

  later(): void {
    this.go(this.#position + 1);
  }

  destroy(): void {
    for (const doc of this.#docs) doc.destroy();
    this.#loaded = [];
  }

  #decode(state: string | undefined): Y.Doc {
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, Uint8Array.from(atob(state), (c) => c.charCodeAt(0)));
    this.#docs.push(doc);
    return doc;
  }

  #load(position: number): Promise<ShownBoard> {
    let loading = this.#loaded[position];
    if (!loading) {
      const { snapshotId, takenAt } = this.moments[position]!;
      loading = api<BoardDocs>('GET', `/boards/${this.boardId}/docs${snapshotId === null ? '' : `?snapshot=${snapshotId}`}`).then(({ docs }) => {
        const tables: Record<string, Y.Doc> = {};
        return {
          doc: this.#decode(docs[rooms.board(this.boardId)]),
          tableDocs: (tableId) => {
            tables[tableId] ??= this.#decode(docs[rooms.table(this.boardId, tableId)]);
            return tables[tableId];
          },
          at: takenAt === null ? Date.now() : Date.parse(takenAt),
        };
      });
      this.#loaded[position] = loading;
    }
    return loading;
  }
}
