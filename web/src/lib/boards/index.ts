import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { BoardKindName, IntentAck, MessageKey, TableDocs } from '@dilna/shared';
import { lazy, type ViewLoader } from './lazy.ts';

/**
 * The board a view shows and the key it was opened with, for kinds that open more rooms or call the
 * API (a world café opens each table's doc and manages seating).
 */
export interface BoardAccess {
  meetingId: string;
  boardId: string;
  key: string;
  isFacilitator: boolean;
}

export interface FacilitatorProps {
  doc: Y.Doc;
  canWrite: boolean;
  /** Participants who joined the meeting, for "23 of 31 answered". */
  participants: number;
  /** Voids the participants' answers of one part of the board (facilitator only; absent for editors). */
  reset?: ((scope: string) => Promise<boolean>) | undefined;
  /** The room's presence: where the other editors are (their role stamped by the server). */
  awareness: Awareness;
  access?: BoardAccess;
}
export interface ProjectorProps {
  doc: Y.Doc;
  access?: BoardAccess;
  /** The tables' docs when the page has them (a past board from the archive); a live projector opens their rooms through `access`. */
  tableDocs?: TableDocs;
  /** A past board is shown as at this moment (ms): its clocks stand still and it calls nobody to act. */
  at?: number;
}
export interface PhoneProps {
  view: unknown;
  mine: unknown;
  open: boolean;
  send: (intent: unknown) => Promise<IntentAck>;
  meetingId: string;
  /** The server's clock now (ms), for countdowns that agree across phones and screens. */
  serverNow: () => number;
}

/** A kind's phone props with its own view, the participant's part (null until it arrives) and its intents. */
export type KindPhoneProps<View, Mine, Intent = unknown> = Omit<PhoneProps, 'view' | 'mine' | 'send'> & {
  view: View;
  mine: Mine | null;
  send: (intent: Intent) => Promise<IntentAck>;
};

export interface BoardViews {
  name: MessageKey;
  description: MessageKey;
  Facilitator: ViewLoader<FacilitatorProps>;
  Projector: ViewLoader<ProjectorProps>;
}

/** The console's and the projector's views of every board kind; one folder per kind (the phone's: phone-views.ts). */
export const boardViews: Record<BoardKindName, BoardViews> = {
  notes: {
    name: 'board.notes.name',
    description: 'board.notes.description',
    Facilitator: lazy(() => import('./notes/Facilitator.svelte')),
    Projector: lazy(() => import('./notes/Projector.svelte')),
  },
  polls: {
    name: 'board.polls.name',
    description: 'board.polls.description',
    Facilitator: lazy(() => import('./polls/Facilitator.svelte')),
    Projector: lazy(() => import('./polls/Projector.svelte')),
  },
  dots: {
    name: 'board.dots.name',
    description: 'board.dots.description',
    Facilitator: lazy(() => import('./dots/Facilitator.svelte')),
    Projector: lazy(() => import('./dots/Projector.svelte')),
  },
  fishbone: {
    name: 'board.fishbone.name',
    description: 'board.fishbone.description',
    Facilitator: lazy(() => import('./fishbone/Facilitator.svelte')),
    Projector: lazy(() => import('./fishbone/Projector.svelte')),
  },
  cafe: {
    name: 'board.cafe.name',
    description: 'board.cafe.description',
    Facilitator: lazy(() => import('./cafe/Facilitator.svelte')),
    Projector: lazy(() => import('./cafe/Projector.svelte')),
  },
  plan: {
    name: 'board.plan.name',
    description: 'board.plan.description',
    Facilitator: lazy(() => import('./plan/Facilitator.svelte')),
    Projector: lazy(() => import('./plan/Projector.svelte')),
  },
};
