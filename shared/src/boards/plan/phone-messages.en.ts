/** English messages of the plan board that a participant's phone shows; spread into i18n/phone.en.ts (the rest is in messages.en.ts). */
export const planPhoneMessagesEn = {
  'board.plan.untitled': 'Untitled card',
  'board.plan.discussed': 'Cards under discussion',
  'board.plan.noCards': 'No card is being discussed yet.',
  'board.plan.votingClosed': 'Priority voting is closed.',
  'board.plan.commentingClosed': 'Comments are not being taken now.',
  'board.plan.maxPerCard': '{count, plural, one {You may put # dot on one card.} other {You may put up to # dots on one card.}}',
  'board.plan.yourComment': 'Comment on card {card}',
  'board.plan.sendComment': 'Send comment',
  'board.plan.commentSent': 'Comment sent. Thank you!',
  'board.plan.commentsLeft': '{count, plural, =0 {You have sent all your comments on this card.} one {You may send # more comment.} other {You may send # more comments.}}',
} as const;
