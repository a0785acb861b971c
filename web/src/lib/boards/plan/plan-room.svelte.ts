import { planView, rooms, type Catalogues, type PlanView } from '@dilna/shared';
import { api } from '$lib/api.ts';
import { YRoom, YView } from '$lib/sync/yroom.svelte.ts';

/**
 * The plan a board works on, opened with the meeting's key: the server lets the links of a meeting
 * with such a board into the plan's room (the screen's read-only, the facilitator's writing).
 */
export class PlanRoom {
  readonly room: YRoom;
  readonly view: YView<PlanView>;

  constructor(planId: string, key: string) {
    this.room = new YRoom(rooms.plan(planId), key);
    this.view = new YView(this.room.doc, planView);
  }

  /** The plan once the server's state has arrived; null before (an empty doc is not an empty plan). */
  get plan(): PlanView | null {
    return this.room.synced ? this.view.value : null;
  }

  destroy(): void {
    this.view.destroy();
    this.room.destroy();
  }
}

/** The plan of a board while a view shows it (null until it arrives, and without a key): opened again when the plan or the key changes. */
export function boardPlan(planId: () => string, key: () => string | undefined): { readonly current: PlanView | null; readonly unreachable: boolean } {
  let room = $state<PlanRoom | null>(null);
  $effect(() => {
    const id = planId();
    const access = key();
    if (!id || !access) return;
    const opened = new PlanRoom(id, access);
    room = opened;
    return () => {
      opened.destroy();
      room = null;
    };
  });
  return {
    get current() {
      return room?.plan ?? null;
    },
    /** The room refused or never answered (the plan was deleted, or the link no longer opens it). */
    get unreachable() {
      return room?.room.unreachable ?? false;
    },
  };
}

/** The catalogues a card's list fields pick from (public: target groups, social service kinds). */
export const loadCatalogues = (): Promise<Catalogues> => api<Catalogues>('GET', '/catalogues');
