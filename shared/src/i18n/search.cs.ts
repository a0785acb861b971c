/** Czech messages of searching a group's archive; spread into i18n/cs.ts. */
export const searchMessagesCs = {
  'search.label': 'Hledat v tabulích a zápisech skupiny',
  'search.submit': 'Hledat',
  'search.searching': 'Hledám…',
  'search.found': '{count, plural, one {Nalezen # výsledek} few {Nalezeny # výsledky} other {Nalezeno # výsledků}}',
  'search.none': 'Nic nenalezeno',
  'search.minutes': 'Zápis',
  'search.results': 'Výsledky hledání',
};
