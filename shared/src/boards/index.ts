import { fishbone } from './fishbone/index.ts';
import { cafe } from './cafe/index.ts';
import type { AnyBoardKind } from './kind.ts';
import { dots } from './dots.ts';
import { notes } from './notes.ts';
import { plan } from './plan/index.ts';
import { polls } from './polls/index.ts';

/** Every board kind the product knows; adding a kind means adding it here. */
export const boardKinds = { notes, polls, dots, fishbone, cafe, plan } satisfies Record<string, AnyBoardKind>;
export type BoardKindName = keyof typeof boardKinds;
export const boardKindNames = Object.keys(boardKinds) as [BoardKindName, ...BoardKindName[]];

export function boardKind(name: string): AnyBoardKind | undefined {
  return Object.hasOwn(boardKinds, name) ? boardKinds[name as BoardKindName] : undefined;
}
