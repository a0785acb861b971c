import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Locale } from '../i18n/index.ts';
import type { MinutesSection } from '../minutes/section.ts';
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

/**
 * One board kind: pure functions over a Y.Doc and the accepted intents.
 * The server and the web hold no kind-specific rules; they call these.
 */
export interface BoardKind<Settings, Intent, Aggregate, View, PhoneView, Mine = unknown, Rules = Settings> {
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
  checkIntent(intent: Intent, previous: Intent[], rules: Rules): IntentCheck;
  /**
   * The part of the board an intent belongs to (a question, a section), so that the facilitator can
   * reset that part alone. Kinds without parts return ''.
   */
  scopeOf(intent: Intent): string;
  /** Fold all accepted intents of a board into what screens may see (no authors), under the board's rules. */
  aggregate(accepted: AcceptedIntent<Intent>[], rules: Rules): Aggregate;
  /** Write the aggregate into the board's Y.Doc without undoing editors' changes. */
  project(doc: Y.Doc, aggregate: Aggregate): void;
  /** A plain JSON view for rendering and export. */
  view(doc: Y.Doc): View;
  /** What phones receive of the board: small, and nothing editors alone should see. */
  phoneView(view: View): PhoneView;
  /** What one participant sees of their own part (e.g. notes left to send); only they receive it. */
  mine(previous: Intent[], rules: Rules): Mine;
  /** The board's section of the minutes. */
  toMinutes(view: View, locale: Locale): MinutesSection;
  /** The board's results as table rows for a CSV download, header first; never who answered what. */
  toTable(view: View, locale: Locale): string[][];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBoardKind = BoardKind<any, any, any, any, any, any, any>;
