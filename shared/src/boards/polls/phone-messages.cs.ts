/** Czech messages of the poll board that a participant's phone shows; spread into i18n/phone.cs.ts (the rest is in messages.cs.ts). */
export const pollsPhoneMessagesCs = {
  'board.polls.position': 'Otázka {position} z {total}',
  'board.polls.notOpenYet': 'Otázka zatím není otevřená.',
  'board.polls.closedQuestion': 'Odpovídání na tuto otázku je uzavřené.',
  'board.polls.recorded': 'Vaše odpověď je zaznamenaná.',
  'board.polls.change': 'Změnit odpověď',
  'board.polls.wordsHint': '{count, plural, one {Napište jedno slovo nebo krátké spojení.} few {Napište až # slova nebo krátká spojení.} other {Napište až # slov nebo krátkých spojení.}}',
  'board.polls.wordN': '{n}. slovo',
  'board.polls.yourAnswer': 'Vaše odpověď',
  'board.polls.chooseOne': 'Vyberte jednu možnost.',
  'board.polls.chooseSeveral': 'Vyberte jednu nebo více možností.',
  'board.polls.otherLabel': 'Jiné (napište)',
  'board.polls.rankHint': 'Ťukejte na možnosti v pořadí od nejdůležitější. Opětovným ťuknutím pořadí zrušíte.',
  'board.polls.rankedAs': '{label}, pořadí {place}',
  'board.polls.send': 'Odeslat odpověď',
} as const;
