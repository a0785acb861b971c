import * as Y from 'yjs';
import { rooms } from '@dilna/shared';
import { cafe, tablesOf, type CafeView } from '@dilna/shared/boards/cafe/index';
import { YRoom } from '$lib/sync/yroom.svelte.ts';

/**
 * A café's board doc together with its tables' docs (each table is a room of its own, opened with
 * the same key), and the café's view of all of them, live.
 */
export class CafeRooms {
  #view = $state<CafeView>() as CafeView;
  /** Not reactive state: the view is, and it is refreshed whenever any of these docs changes. */
  #tables: Record<string, YRoom> = {};
  readonly #empty = new Y.Doc();

  constructor(
    readonly doc: Y.Doc,
    readonly boardId: string,
    readonly key: string,
  ) {
    doc.on('update', this.#followTables);
    this.#followTables();
  }

  get view(): CafeView {
    return this.#view;
  }

  /** A table's doc (an empty one until its room exists). */
  tableDoc = (tableId: string): Y.Doc => (Object.hasOwn(this.#tables, tableId) ? this.#tables[tableId]!.doc : this.#empty);

  destroy(): void {
    this.doc.off('update', this.#followTables);
    for (const room of Object.values(this.#tables)) room.destroy();
    this.#tables = {};
  }

  readonly #refresh = () => {
    this.#view = cafe.view(this.doc, this.tableDoc);
  };

  /** Opens the rooms of tables that appeared and closes those of tables that were removed. */
  readonly #followTables = () => {
    const ids = tablesOf(this.doc)
      .toArray()
      .map((t) => String(t.get('id')));
    for (const [id, room] of Object.entries(this.#tables)) {
      if (ids.includes(id)) continue;
      room.destroy();
      delete this.#tables[id];
    }
    for (const id of ids) {
      if (Object.hasOwn(this.#tables, id)) continue;
      const room = new YRoom(rooms.table(this.boardId, id), this.key);
      room.doc.on('update', this.#refresh);
      this.#tables[id] = room;
    }
    this.#refresh();
  };
}
