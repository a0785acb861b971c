/** English messages of searching a group's archive; spread into i18n/en.ts. */
export const searchMessagesEn = {
  'search.label': "Search the group's boards and minutes",
  'search.submit': 'Search',
  'search.searching': 'Searching…',
  'search.found': '{count, plural, one {# result found} other {# results found}}',
  'search.none': 'Nothing found',
  'search.minutes': 'Minutes',
  'search.results': 'Search results',
};
