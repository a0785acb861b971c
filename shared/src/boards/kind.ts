import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Locale } from '../i18n/index.ts';
import type { MinutesSection } from '../minutes/section.ts';
import type { PromotableItem } from '../plans/origin.ts';
import type { IntentErrorCode } from '../protocol/errors.ts';

/** An intent the server has accepted and recorded. */
export interface AcceptedIntent<Intent> {
  id: string;
  intent: Intent;
  at: string;
  /**
   * An opaque stand-in for the participant, so that an aggregate can let a later answer replace an
   * earlier one. It must never reach the aggregate's output: votes are anonymous to all but the server.
   */
  by: string;
}

export type IntentCheck = { ok: true } | { ok: false; code: IntentErrorCode; message: string };

export const accept: IntentCheck = { ok: true };
export const refuse = (code: IntentErrorCode, message: string): IntentCheck => ({ ok: false, code, message });

/** The Y.Doc of one of a board's tables (`rooms.table`): a trust boundary of its own. */
export type TableDocs = (tableId: string) => Y.Doc;

/** Where a participant sits in the current round of a board that seats people; null before they are seated. */
export interface Seat {
  table: string;
  /** A table host stays at their table when the others move. */
  host: boolean;
}

/** What the server knows of one participant on one board besides their intents; kinds without seating ignore it. */
export interface ParticipantContext {
  seat: Seat | null;
}

/** One participant as the seating sees them: an opaque key and the organisation they gave ('' if none). */
export interface SeatedPerson {
  key: string;
  organisation: string;
}

export interface SeatingInput {
  /** The board's tables, in order. */
  tables: string[];
  /** Everyone to seat this round. */
  people: SeatedPerson[];
  /** Earlier rounds' seats (person key → table), oldest first. */
  earlier: Map<string, string>[];
  /** People whose table this round is already decided (hosts, or everyone when late arrivals come). */
  fixed: Map<string, string>;
  /** Same seed, same seating: the random source is seeded. */
  seed: string;
}

/**
 * Boards that seat participants at tables, each table with its own Y.Doc and editor link
 * (world café). Who sits where is identity data: the server keeps it in SQLite and never puts it
 * into a Y.Doc; screens see table sizes only.
 */
export interface Seating<Rules> {
  /** The board's tables now, in order. */
  tables(rules: Rules): string[];
  /** The round the board is in (0 before the first); every round has its own seating. */
  round(rules: Rules): number;
  /** A seat (table id) for every person, keeping the fixed ones where they are. */
  seat(input: SeatingInput): Map<string, string>;
  /** Writes how many people sit at each table into the board's doc. */
  showSizes(doc: Y.Doc, sizes: Record<string, number>): void;
}

/**
 * One board kind: pure functions over a Y.Doc and the accepted intents.
 * The server and the web hold no kind-specific rules; they call these.
 * The server always passes `participant` and `tables`; kinds without seats or tables ignore them
 * (they are optional so that such kinds and their tests need not mention them).
 */
/**
 * How a kind continues a past board in a later meeting (see continue.ts). The new board's doc starts
 * as a copy of the old one's (parts keep their ids, so results can be compared item by item) and its
 * projection is emptied; `clear` removes what else belongs to the old meeting's results.
 */
export interface Continuation<View, Reference> {
  /** Empties the copy of the results the projection does not own (flip-chart counts, hand-picked priorities, queues of suggestions). */
  clear(doc: Y.Doc): void;
  /** The old results to show beside the new ones when the votes are kept as a reference: plain JSON. */
  reference(view: View): Reference;
}

export interface BoardKind<Settings, Intent, Aggregate, View, PhoneView, Mine = unknown, Rules = Settings, Reference = unknown> {
  name: string;
  settingsSchema: z.ZodType<Settings, unknown>;
  intentSchema: z.ZodType<Intent, unknown>;
  /** Lay out a new board. */
  init(doc: Y.Doc, settings: Settings): void;
  /**
   * What the intent rule needs to know of the board right now (which questions or items exist and
   * are open, budgets). Editors change it in the doc; the server derives it again after each change.
   * Plain JSON (no Map or Set): the server compares it to notice that a change altered the rules.
   */
  rules(doc: Y.Doc, settings: Settings): Rules;
  /** Accept or refuse one participant's intent, given all that participant already did on this board. */
  checkIntent(intent: Intent, previous: Intent[], rules: Rules, participant?: ParticipantContext): IntentCheck;
  /**
   * The part of the board an intent belongs to (a question, a section), so that the facilitator can
   * reset that part alone. Kinds without parts return ''.
   */
  scopeOf(intent: Intent): string;
  /** Fold all accepted intents of a board into what screens may see (no authors), under the board's rules. */
  aggregate(accepted: AcceptedIntent<Intent>[], rules: Rules): Aggregate;
  /** Write the aggregate into the board's Y.Doc (and its tables' docs) without undoing editors' changes. */
  project(doc: Y.Doc, aggregate: Aggregate, tables?: TableDocs): void;
  /** A plain JSON view for rendering and export (of the board and its tables' docs). */
  view(doc: Y.Doc, tables?: TableDocs): View;
  /** What phones receive of the board: small, and nothing editors alone should see. */
  phoneView(view: View): PhoneView;
  /** What one participant sees of their own part (e.g. notes left to send); only they receive it. */
  mine(previous: Intent[], rules: Rules, participant?: ParticipantContext): Mine;
  /** The board's section of the minutes. */
  toMinutes(view: View, locale: Locale): MinutesSection;
  /** The board's results as table rows for a CSV download, header first; never who answered what. */
  toTable(view: View, locale: Locale): string[][];
  /** Only for kinds that seat participants at tables. */
  seating?: Seating<Rules>;
  continuation: Continuation<View, Reference>;
  /**
   * The results people may promote into a plan (a voted item, a café conclusion, a cause, an open
   * answer), with ids stable within the board. Kinds without such results leave it out.
   */
  promotable?(view: View): PromotableItem[];
  /**
   * The plan a board works on (kind "plan"): the meeting's links may then open that plan's doc
   * (`rooms.plan`): screens read it, facilitator and editor links write it.
   */
  linkedPlan?(settings: Settings): string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBoardKind = BoardKind<any, any, any, any, any, any, any, any>;
