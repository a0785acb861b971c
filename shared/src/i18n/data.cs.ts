/** Czech messages of a group's data: the archive export, deleting a meeting, the retention of participants' records. */
export const dataMessagesCs = {
  'data.export': 'Stáhnout celý archiv (ZIP)',
  'data.exportHint': 'Zápisy všech setkání (DOCX), výsledky aktivit (CSV) a vše strojově čitelně (JSON). Bez jmen, která účastníci zadali na telefonu, a bez tajných odkazů.',
  'data.delete': 'Smazat setkání',
  'data.deleteNamed': 'Smazat setkání {title}',
  'data.deleteTitle': 'Smazat setkání „{title}“?',
  'data.deleteWhat':
    'Smaže se natrvalo vše, co k setkání patří: aktivity a jejich výsledky, záznamy jejich průběhu, zápis s prezencí a úkoly, účastníci a jejich odpovědi. Vrátit to nejde.',
  'data.deleteConfirmLabel': 'Pro potvrzení napište název setkání: {title}',
  'data.deleteConfirm': 'Smazat natrvalo',
  'data.deleted': 'Setkání {title} je smazáno.',
  'data.participantsErased': 'Záznamy účastníků smazány dne {date}',
  'data.settingsLink': 'Nastavení skupiny',
  'data.settingsTitle': 'Nastavení skupiny {group}',
  'data.retentionTitle': 'Záznamy účastníků',
  'data.retentionLabel': 'Smazat záznamy účastníků po (dnech od setkání)',
  'data.retentionHelp':
    'Po uplynutí lhůty se u setkání smažou jména a organizace, které účastníci zadali na telefonu, jejich rozsazení u stolů a vazba mezi účastníkem a jeho odpověďmi. Výsledky aktivit zůstanou stejné. Zápis včetně prezence, jak ho sepsal zapisovatel, je záznamem setkání a zůstává. Prázdné pole: záznamy se uchovávají.',
  'data.retentionKeep': 'Záznamy účastníků se uchovávají.',
  'data.retentionDays': '{days, plural, one {Záznamy účastníků se mažou # den po setkání.} few {Záznamy účastníků se mažou # dny po setkání.} other {Záznamy účastníků se mažou # dní po setkání.}}',
  'data.retentionSaved': 'Uloženo.',
} as const;
