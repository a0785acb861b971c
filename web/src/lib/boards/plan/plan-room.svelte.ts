import type { PlanView } from '@dilna/shared';
import { PlanRoom } from '$lib/plans/plan-room.svelte.ts';

/**
 * The plan of a board while a view shows it, opened with the meeting's key (the screen's read-only,
 * the facilitator's writing); null until it arrives, and without a key. Opened again when the plan
 * or the key changes.
 */
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

