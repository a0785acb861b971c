import type { plansApiMessagesCs } from './plans-api.cs.ts';

/** English words the server puts into a plan's exported file names; spread into i18n/en.ts. */
export const plansApiMessagesEn: Record<keyof typeof plansApiMessagesCs, string> = {
  'plans-api.file.cards': 'cards',
  'plans-api.file.outline': 'outline',
};
