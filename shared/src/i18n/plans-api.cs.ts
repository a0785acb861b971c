/** Czech words the server puts into a plan's exported file names (ASCII: they go into the plain `filename`); spread into i18n/cs.ts. */
export const plansApiMessagesCs = {
  'plans-api.file.cards': 'karty',
  'plans-api.file.outline': 'osnova',
};
