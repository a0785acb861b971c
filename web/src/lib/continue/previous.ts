import type { Translate } from '@dilna/shared';
import { rankLabel, type DotsReference } from '@dilna/shared/boards/dots';

/** „minule 7 hlasů · 2. místo“ beside an item of a continued dot vote; „minule nebyla“ for an item added since. */
export function previousDots(reference: DotsReference, itemId: string, t: Translate): string {
  const previous = reference.items[itemId];
  return previous ? t('continue.dots.previous', { votes: previous.total, rank: rankLabel(previous.rank, previous.tie) }) : t('continue.dots.previousNone');
}
