import { planView, rooms, type Catalogues, type PlanView } from '@dilna/shared';
import { api } from '$lib/api.ts';
import { YRoom, YView } from '$lib/sync/yroom.svelte.ts';

/**
 * A plan's doc opened to read it live: with a meeting's key (the server lets the links of a meeting
 * with a board on the plan in) or, without one, by the session's cookie.
 */
export class PlanRoom {
  readonly room: YRoom;
  readonly view: YView<PlanView>;

  constructor(planId: string, key: string | null) {
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

/** The catalogues a card's list fields pick from (public: target groups, social service kinds). */
export const loadCatalogues = (): Promise<Catalogues> => api<Catalogues>('GET', '/catalogues');
