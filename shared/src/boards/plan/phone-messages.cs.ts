/** Czech messages of the plan board that a participant's phone shows; spread into i18n/phone.cs.ts (the rest is in messages.cs.ts). */
export const planPhoneMessagesCs = {
  'board.plan.untitled': 'Karta bez názvu',
  'board.plan.discussed': 'Projednávané karty',
  'board.plan.noCards': 'Zatím se neprobírá žádná karta.',
  'board.plan.votingClosed': 'Hlasování o prioritách je zavřené.',
  'board.plan.commentingClosed': 'Připomínky se teď nepřijímají.',
  'board.plan.maxPerCard': '{count, plural, one {Na jednu kartu můžete dát # tečku.} few {Na jednu kartu můžete dát až # tečky.} other {Na jednu kartu můžete dát až # teček.}}',
  'board.plan.yourComment': 'Připomínka ke kartě {card}',
  'board.plan.sendComment': 'Odeslat připomínku',
  'board.plan.commentSent': 'Připomínka odeslána. Děkujeme!',
  'board.plan.commentsLeft': '{count, plural, =0 {Ke kartě jste poslali všechny připomínky.} one {Můžete poslat ještě # připomínku.} few {Můžete poslat ještě # připomínky.} other {Můžete poslat ještě # připomínek.}}',
} as const;
