import type { Translate } from '../../i18n/format.ts';
import { colourOf } from './colours.ts';
import type { CafeTable } from './index.ts';

// What a phone shows of a café, apart from the kind so that it loads neither Yjs nor zod.

export const CAFE_NOTE_MAX_LENGTH = 280;

/** Milliseconds left in a round; negative once it is over. */
export const remainingMs = (timer: { startedAt: number | null; minutes: number }, now: number) =>
  timer.startedAt === null ? timer.minutes * 60_000 : timer.startedAt + timer.minutes * 60_000 - now;

/** "Stůl 3 – zelený", or with the facilitator's name "Stůl 3 – Financování (zelený)". */
export function tableLabel(table: Pick<CafeTable, 'number' | 'colour' | 'name'>, t: Translate): string {
  const colour = t(`board.cafe.colour.${colourOf(table.colour).key}`);
  return table.name
    ? t('board.cafe.tableNamed', { number: table.number, name: table.name, colour })
    : t('board.cafe.table', { number: table.number, colour });
}
