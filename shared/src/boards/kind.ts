import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Locale } from '../i18n/index.ts';
import type { MinutesSection } from '../minutes/section.ts';
import type { IntentErrorCode } from '../protocol/errors.ts';

/** An intent the server has accepted and recorded; authors are never passed on. */
export interface AcceptedIntent<Intent> {
  id: string;
  intent: Intent;
  at: string;
}

export type IntentCheck = { ok: true } | { ok: false; code: IntentErrorCode; message: string };

/**
 * One board kind: pure functions over a Y.Doc and the accepted intents.
 * The server and the web hold no kind-specific rules; they call these.
 */
export interface BoardKind<Settings, Intent, Aggregate, View, PhoneView, Mine = unknown> {
  name: string;
  settingsSchema: z.ZodType<Settings, unknown>;
  intentSchema: z.ZodType<Intent, unknown>;
  /** Lay out a new board. */
  init(doc: Y.Doc, settings: Settings): void;
  /** Accept or refuse one participant's intent, given what that participant already did on this board. */
  checkIntent(intent: Intent, previous: Intent[], settings: Settings): IntentCheck;
  /** Fold all accepted intents of a board into what screens may see (no authors). */
  aggregate(accepted: AcceptedIntent<Intent>[]): Aggregate;
  /** Write the aggregate into the board's Y.Doc without undoing editors' changes. */
  project(doc: Y.Doc, aggregate: Aggregate): void;
  /** A plain JSON view for rendering and export. */
  view(doc: Y.Doc): View;
  /** What phones receive of the board: small, and nothing editors alone should see. */
  phoneView(view: View): PhoneView;
  /** What one participant sees of their own part (e.g. notes left to send); only they receive it. */
  mine(previous: Intent[], settings: Settings): Mine;
  /** The board's section of the minutes. */
  toMinutes(view: View, locale: Locale): MinutesSection;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBoardKind = BoardKind<any, any, any, any, any, any>;
