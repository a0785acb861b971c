/** Messages of the fishbone board kind; spread into the catalogues in i18n/cs.ts and i18n/en.ts. */
export const fishboneMessages = {
  cs: {
    'board.fishbone.name': 'Rybí kost (Ishikawa)',
    'board.fishbone.description': 'Strom příčin do tří úrovní, kreslený pro plátno; účastníci navrhují příčiny z telefonu.',
    'board.fishbone.empty': 'Diagram je zatím prázdný.',
    'board.fishbone.unnamedCategory': '(kategorie bez názvu)',
    'board.fishbone.noCauses': 'Zatím bez příčin.',
    'board.fishbone.table.category': 'Kategorie',
    'board.fishbone.table.level': 'Úroveň',
    'board.fishbone.table.cause': 'Příčina',
  },
  en: {
    'board.fishbone.name': 'Fishbone (Ishikawa)',
    'board.fishbone.description': 'A tree of causes three levels deep, drawn for the projector; participants suggest causes from their phones.',
    'board.fishbone.empty': 'The diagram is empty so far.',
    'board.fishbone.unnamedCategory': '(unnamed category)',
    'board.fishbone.noCauses': 'No causes yet.',
    'board.fishbone.table.category': 'Category',
    'board.fishbone.table.level': 'Level',
    'board.fishbone.table.cause': 'Cause',
  },
};
