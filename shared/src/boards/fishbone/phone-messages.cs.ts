/** Czech messages of the fishbone that a participant's phone shows; spread into i18n/phone.cs.ts (the rest is in messages.cs.ts). */
export const fishbonePhoneMessagesCs = {
  'board.fishbone.unnamedCategory': '(kategorie bez názvu)',
  'board.fishbone.rootCause': 'hlavní příčina',
  'board.fishbone.phone.voteIntro': 'Dejte tečky příčinám, které považujete za hlavní.',
  'board.fishbone.phone.votingClosed': 'Hlasování o příčinách je ukončené.',
  'board.fishbone.phone.category': 'Ke které kategorii?',
  'board.fishbone.phone.cause': 'Vaše příčina',
  'board.fishbone.phone.send': 'Navrhnout příčinu',
  'board.fishbone.phone.sent': 'Odesláno. Facilitátor návrh zařadí.',
  'board.fishbone.phone.remaining': '{count, plural, one {Můžete navrhnout ještě # příčinu.} few {Můžete navrhnout ještě # příčiny.} other {Můžete navrhnout ještě # příčin.}}',
  'board.fishbone.phone.allSent': 'Navrhli jste všechny své příčiny. Děkujeme!',
  'board.fishbone.phone.already': 'V kategorii {category} už je',
} as const;
