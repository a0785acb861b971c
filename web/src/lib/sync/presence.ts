/** Colours of other editors in presence: distinct, dark enough for text on white (WCAG AA), and told apart by their names too. */
const PRESENCE_COLORS = ['#b3261e', '#1e6b35', '#6a1b9a', '#8a4b00', '#00607a', '#a0006b'];

export const presenceColor = (clientId: number): string => PRESENCE_COLORS[clientId % PRESENCE_COLORS.length]!;
