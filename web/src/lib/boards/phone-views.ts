import type { BoardKindName } from '@dilna/shared';
import type { PhoneProps } from './index.ts';
import { lazy, type ViewLoader } from './lazy.ts';

/**
 * Each kind's phone view, which gets the kind's phone view of the board and the participant's own
 * part as the server sends them. Apart from boardViews, so that a phone's page does not carry the
 * list of the console's and projector's files to preload with them.
 */
export const phoneViews: Record<BoardKindName, ViewLoader<PhoneProps>> = {
  notes: lazy(() => import('./notes/Phone.svelte')),
  polls: lazy(() => import('./polls/Phone.svelte')),
  dots: lazy(() => import('./dots/Phone.svelte')),
  fishbone: lazy(() => import('./fishbone/Phone.svelte')),
  cafe: lazy(() => import('./cafe/Phone.svelte')),
  plan: lazy(() => import('./plan/Phone.svelte')),
};
