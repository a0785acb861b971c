import type { Translate } from '../../i18n/format.ts';

// What a phone shows of a plan board, apart from the kind so that it loads neither Yjs nor zod.

export const PLAN_COMMENT_MAX_LENGTH = 300;
export const COMMENTS_PER_CARD = 3;
/** The one section a plan board's dots name: all its cards share one budget. */
export const CARDS_SECTION = 'cards';

/** A card under discussion as phones and screens name it: its number in the plan and its name, mirrored from the plan. */
export interface DiscussedCard {
  id: string;
  /** "A01-03"; empty while the card sits in the plan's inbox (no goal). */
  number: string;
  name: string;
}

export interface PlanPhoneView {
  budget: number;
  maxPerCard: number;
  voting: boolean;
  commenting: boolean;
  cards: DiscussedCard[];
}

export interface PlanMine {
  /** This participant's dots per card. */
  dots: Record<string, number>;
  bySection: Record<string, number>;
  remaining: number;
  /** Comments this participant may still add, per card under discussion. */
  commentsLeft: Record<string, number>;
}

/** "A01-03 Sociální šatník", or the name alone for a card without a number. */
export const cardLabel = (card: Pick<DiscussedCard, 'number' | 'name'>, t: Translate): string => {
  const name = card.name || t('board.plan.untitled');
  return card.number ? `${card.number} ${name}` : name;
};
