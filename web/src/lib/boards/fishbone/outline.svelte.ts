import { tick } from 'svelte';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  AT_END,
  MAX_CATEGORIES,
  addNode,
  fishbone,
  indentNode,
  moveNode,
  outdentNode,
  removeNode,
  shiftNode,
  undoScope,
  type FishboneNode,
  type FishboneView,
} from '@dilna/shared/boards/fishbone/index';
import { presenceColor } from '$lib/sync/presence.ts';

/** One line of the outline, in the order shown. */
export interface OutlineRow {
  node: FishboneNode;
  parentId: string | null;
  /** 0 for a category, 1–3 for causes. */
  level: number;
  index: number;
}

/** Where another editor is: in which line (or the head), and their selection in its text. */
export interface Presence {
  clientId: number;
  role: string;
  color: string;
  place: string;
  from: number;
  to: number;
}

/** What an editor shares in awareness under this key. */
const PRESENCE_FIELD = 'fishbone';
export const HEAD_PLACE = 'head';


export type DropPosition = 'before' | 'inside' | 'after';

/**
 * The facilitator's or an editor's outliner over one fishbone doc: keyboard commands that call
 * the kind's tree helpers, this user's own undo history, and presence of the others.
 */
export class FishboneOutline {
  readonly doc: Y.Doc;
  readonly #awareness: Awareness | null;
  readonly #undo: Y.UndoManager;
  #view = $state() as FishboneView;
  #canUndo = $state(false);
  #canRedo = $state(false);
  #others = $state<Presence[]>([]);
  /** The line keyboard and toolbar commands act on. */
  #current = $state<string | null>(null);
  #notice = $state<RefusalKey | ''>('');
  #rows = $derived.by(() => {
    const rows: OutlineRow[] = [];
    const walk = (nodes: FishboneNode[], parentId: string | null, level: number) =>
      nodes.forEach((node, index) => {
        rows.push({ node, parentId, level, index });
        walk(node.children, node.id, level + 1);
      });
    walk(this.#view.categories, null, 0);
    return rows;
  });

  constructor(doc: Y.Doc, awareness: Awareness | null) {
    this.doc = doc;
    this.#awareness = awareness;
    this.#view = fishbone.view(doc);
    doc.on('update', this.#onUpdate);
    // It tracks the origin null (the default): this user's own edits. Remote changes arrive with
    // the provider as their origin, so undo never takes back another editor's work.
    this.#undo = new Y.UndoManager(undoScope(doc));
    this.#undo.on('stack-item-added', this.#rememberFocus);
    this.#undo.on('stack-item-popped', this.#restoreFocus);
    this.#undo.on('stack-cleared', this.#onStacks);
    awareness?.on('change', this.#onAwareness);
    this.#onAwareness();
  }

  readonly #onUpdate = () => {
    this.#view = fishbone.view(this.doc);
  };

  readonly #onStacks = () => {
    this.#canUndo = this.#undo.canUndo();
    this.#canRedo = this.#undo.canRedo();
  };

  readonly #rememberFocus = (event: { stackItem: { meta: Map<string, unknown> } }) => {
    event.stackItem.meta.set('place', this.#current);
    this.#onStacks();
  };

  readonly #restoreFocus = (event: { stackItem: { meta: Map<string, unknown> } }) => {
    this.#onStacks();
    const place = event.stackItem.meta.get('place');
    if (typeof place === 'string' && this.rows.some((r) => r.node.id === place)) void this.focus(place);
  };

  readonly #onAwareness = () => {
    if (!this.#awareness) return;
    const others: Presence[] = [];
    for (const [clientId, state] of this.#awareness.getStates()) {
      if (clientId === this.#awareness.clientID) continue;
      const where = (state as Record<string, unknown>)[PRESENCE_FIELD] as { place?: unknown; from?: unknown; to?: unknown } | undefined;
      const user = (state as { user?: { role?: unknown } }).user;
      if (typeof where?.place !== 'string') continue;
      others.push({
        clientId,
        role: typeof user?.role === 'string' ? user.role : 'editor',
        color: presenceColor(clientId),
        place: where.place,
        from: typeof where.from === 'number' ? where.from : 0,
        to: typeof where.to === 'number' ? where.to : 0,
      });
    }
    this.#others = others;
  };

  get view(): FishboneView {
    return this.#view;
  }

  /** Every line in the order shown, with its level and parent. */
  get rows(): OutlineRow[] {
    return this.#rows;
  }

  get canUndo(): boolean {
    return this.#canUndo;
  }

  get canRedo(): boolean {
    return this.#canRedo;
  }

  get current(): string | null {
    return this.#current;
  }

  /** The last thing a command could not do, for a polite live region. */
  get notice(): RefusalKey | '' {
    return this.#notice;
  }

  /** The others who are in `place` (a node id or the head) now. */
  othersIn(place: string): Presence[] {
    return this.#others.filter((p) => p.place === place);
  }

  /** Tells the others where this user's cursor is (or that they left the outline, with null). */
  share(place: string | null, from = 0, to = from): void {
    if (place !== null && place !== HEAD_PLACE) this.#moveTo(place);
    this.#awareness?.setLocalStateField(PRESENCE_FIELD, place === null ? null : { place, from, to });
  }

  /** Enter: a new line after this one at the same level (a cause when the categories are full). */
  addAfter(id: string): void {
    this.#undo.stopCapturing();
    const row = this.#row(id);
    if (!row) return;
    const added =
      row.level === 0 && this.#view.categories.length >= MAX_CATEGORIES
        ? addNode(this.doc, id, 0)
        : addNode(this.doc, row.parentId, row.index + 1);
    if (added) void this.focus(added);
  }

  /** Adds an empty category (or a cause under `parentId`) at the end and puts the cursor in it. */
  append(parentId: string | null): void {
    this.#undo.stopCapturing();
    const added = addNode(this.doc, parentId, AT_END);
    if (added) void this.focus(added);
    else this.#refuse('board.fishbone.refused.categories');
  }

  indent(id: string): void {
    this.#undo.stopCapturing();
    this.#keepFocus(id, indentNode(this.doc, id), 'board.fishbone.refused.indent');
  }

  outdent(id: string): void {
    this.#undo.stopCapturing();
    this.#keepFocus(id, outdentNode(this.doc, id), 'board.fishbone.refused.outdent');
  }

  shift(id: string, direction: -1 | 1): void {
    this.#undo.stopCapturing();
    this.#keepFocus(id, shiftNode(this.doc, id, direction), 'board.fishbone.refused.move');
  }

  /** Removes a line with its causes; the cursor goes to the line above. */
  remove(id: string): void {
    this.#undo.stopCapturing();
    const rows = this.rows;
    const index = rows.findIndex((r) => r.node.id === id);
    if (index < 0) return;
    const next = rows[index - 1] ?? rows.slice(index + 1).find((r) => r.parentId !== id && r.level <= rows[index]!.level);
    removeNode(this.doc, id);
    if (next) void this.focus(next.node.id, 'end');
  }

  /** Drag and drop: puts `id` before, after or inside `targetId`. */
  drop(id: string, targetId: string, position: DropPosition): void {
    this.#undo.stopCapturing();
    const target = this.#row(targetId);
    if (!target || id === targetId) return;
    const moved =
      position === 'inside'
        ? moveNode(this.doc, id, targetId, AT_END)
        : moveNode(
            this.doc,
            id,
            target.parentId,
            this.rows.filter((r) => r.parentId === target.parentId && r.node.id !== id).findIndex((r) => r.node.id === targetId) +
              (position === 'after' ? 1 : 0),
          );
    this.#keepFocus(id, moved, 'board.fishbone.refused.move');
  }

  undo(): void {
    this.#undo.undo();
  }

  redo(): void {
    this.#undo.redo();
  }

  /** Puts the cursor into a line's input once it is rendered (its caret at the end by default). */
  async focus(id: string, caret: number | 'end' = 'end'): Promise<void> {
    this.#moveTo(id);
    await tick();
    const input = document.getElementById(inputId(id));
    if (!(input instanceof HTMLInputElement)) return;
    input.focus();
    const at = caret === 'end' ? input.value.length : Math.min(caret, input.value.length);
    input.setSelectionRange(at, at);
  }

  destroy(): void {
    this.doc.off('update', this.#onUpdate);
    this.#awareness?.off('change', this.#onAwareness);
    this.#awareness?.setLocalStateField(PRESENCE_FIELD, null);
    this.#undo.destroy();
  }

  /** Typing in another line starts a new undo step. */
  #moveTo(id: string): void {
    if (this.#current !== id) this.#undo.stopCapturing();
    this.#current = id;
  }

  #row(id: string): OutlineRow | undefined {
    return this.rows.find((r) => r.node.id === id);
  }

  #keepFocus(id: string, done: boolean, refusal: RefusalKey): void {
    if (!done) return this.#refuse(refusal);
    const input = document.getElementById(inputId(id));
    const caret = input instanceof HTMLInputElement ? (input.selectionStart ?? 'end') : 'end';
    void this.focus(id, caret);
  }

  #refuse(key: RefusalKey): void {
    // Setting the same text again would not be announced twice.
    this.#notice = '';
    void tick().then(() => (this.#notice = key));
  }
}

export type RefusalKey =
  | 'board.fishbone.refused.categories'
  | 'board.fishbone.refused.indent'
  | 'board.fishbone.refused.outdent'
  | 'board.fishbone.refused.move';

/** The id of a line's input, so that commands can put the cursor back after the line moved. */
export const inputId = (id: string) => `fishbone-node-${id}`;
