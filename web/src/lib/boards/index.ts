import type { Component } from 'svelte';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { BoardKindName, IntentAck, MessageKey } from '@dilna/shared';
import CafeFacilitator from './cafe/Facilitator.svelte';
import CafePhone from './cafe/Phone.svelte';
import CafeProjector from './cafe/Projector.svelte';
import DotsFacilitator from './dots/Facilitator.svelte';
import DotsPhone from './dots/Phone.svelte';
import DotsProjector from './dots/Projector.svelte';
import FishboneFacilitator from './fishbone/Facilitator.svelte';
import FishbonePhone from './fishbone/Phone.svelte';
import FishboneProjector from './fishbone/Projector.svelte';
import NotesFacilitator from './notes/Facilitator.svelte';
import NotesPhone from './notes/Phone.svelte';
import NotesProjector from './notes/Projector.svelte';
import PollsFacilitator from './polls/Facilitator.svelte';
import PollsPhone from './polls/Phone.svelte';
import PollsProjector from './polls/Projector.svelte';

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
  Facilitator: Component<FacilitatorProps>;
  Projector: Component<ProjectorProps>;
  /** Gets the kind's phone view and the participant's own part, as sent by the server. */
  Phone: Component<PhoneProps>;
}

/** The views of every board kind; one folder per kind. */
export const boardViews: Record<BoardKindName, BoardViews> = {
  notes: {
    name: 'board.notes.name',
    description: 'board.notes.description',
    Facilitator: NotesFacilitator,
    Projector: NotesProjector,
    Phone: NotesPhone as unknown as Component<PhoneProps>,
  },
  polls: {
    name: 'board.polls.name',
    description: 'board.polls.description',
    Facilitator: PollsFacilitator,
    Projector: PollsProjector,
    Phone: PollsPhone as unknown as Component<PhoneProps>,
  },
  dots: {
    name: 'board.dots.name',
    description: 'board.dots.description',
    Facilitator: DotsFacilitator,
    Projector: DotsProjector,
    Phone: DotsPhone as unknown as Component<PhoneProps>,
  },
  fishbone: {
    name: 'board.fishbone.name',
    description: 'board.fishbone.description',
    Facilitator: FishboneFacilitator,
    Projector: FishboneProjector,
    Phone: FishbonePhone as unknown as Component<PhoneProps>,
  },
  cafe: {
    name: 'board.cafe.name',
    description: 'board.cafe.description',
    Facilitator: CafeFacilitator,
    Projector: CafeProjector,
    Phone: CafePhone as unknown as Component<PhoneProps>,
  },
};
