import type { Translate } from '../i18n/format.ts';
import type { DotsOptions, DotsSection } from './dots.ts';

// What a dot vote's phone shows, apart from the kind so that it loads neither Yjs nor zod.

export const ITEM_MAX_LENGTH = 200;

/** A section's title, or "List 2" / "Group 2" when it has none yet. */
export function sectionName(section: Pick<DotsSection, 'title'>, index: number, variant: DotsOptions['variant'], t: Translate): string {
  return section.title || t('board.dots.untitled', { variant, number: index + 1 });
}
