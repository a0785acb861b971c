import type { Translate } from '@dilna/shared';
import { rankLabel } from '@dilna/shared/boards/dot-budget';

/**
 * „minule 7 hlasů · 2. místo“ beside an item of a continued dot vote (or a cause of a continued
 * fishbone's voting); „minule nebyla“ for one added since.
 */
export function previousVotes(previous: Record<string, { total: number; rank: number; tie: number }>, id: string, t: Translate): string {
  const item = previous[id];
  return item ? t('continue.dots.previous', { votes: item.total, rank: rankLabel(item.rank, item.tie) }) : t('continue.dots.previousNone');
}
