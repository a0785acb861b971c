import * as Y from 'yjs';
import { rooms, type TableDocs } from '@dilna/shared';
import { YRoom } from './yroom.svelte.ts';

/**
 * A board kind's view of its doc and, for kinds with tables (world café), of the tables' docs:
 * each table is a room of its own, opened with the same key the first time the view asks for it,
 * unless the page already has the tables' docs (`given`: a past board from the archive).
 * The view is read again whenever any of these docs changes.
 */
export class BoardView<T> {
  #value = $state<T>() as T;
  /** Not reactive state: the view is, and it is read again whenever any of these docs changes. */
  #tables: Record<string, YRoom> = {};

  constructor(
    readonly doc: Y.Doc,
    readonly boardId: string,
    readonly key: string,
    readonly read: (doc: Y.Doc, tables: TableDocs) => T,
    readonly given?: TableDocs,
  ) {
    doc.on('update', this.#refresh);
    this.#value = read(doc, this.tableDoc);
  }

  get value(): T {
    return this.#value;
  }

  /** A table's doc, its room opened on first use. */
  tableDoc = (tableId: string): Y.Doc => {
    if (this.given) return this.given(tableId);
    if (!Object.hasOwn(this.#tables, tableId)) {
      const room = new YRoom(rooms.table(this.boardId, tableId), this.key);
      room.doc.on('update', this.#refresh);
      this.#tables[tableId] = room;
    }
    return this.#tables[tableId]!.doc;
  };

  destroy(): void {
    this.doc.off('update', this.#refresh);
    for (const room of Object.values(this.#tables)) room.destroy();
    this.#tables = {};
  }

  readonly #refresh = () => {
    this.#value = this.read(this.doc, this.tableDoc);
  };
}
