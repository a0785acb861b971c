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

/** The catalogues a card's list fields pick from (public: target groups, social service kinds). */
export const loadCatalogues = (): Promise<Catalogues> => api<Catalogues>('GET', '/catalogues');
