/** English messages of the fishbone that a participant's phone shows; spread into i18n/phone.en.ts (the rest is in messages.en.ts). */
export const fishbonePhoneMessagesEn = {
  'board.fishbone.unnamedCategory': '(unnamed category)',
  'board.fishbone.rootCause': 'root cause',
  'board.fishbone.phone.voteIntro': 'Give your dots to the causes you think are the root ones.',
  'board.fishbone.phone.votingClosed': 'Voting on the causes has ended.',
  'board.fishbone.phone.category': 'For which category?',
  'board.fishbone.phone.cause': 'Your cause',
  'board.fishbone.phone.send': 'Suggest the cause',
  'board.fishbone.phone.sent': 'Sent. The facilitator will place it.',
  'board.fishbone.phone.remaining': '{count, plural, one {You can suggest # more cause.} other {You can suggest # more causes.}}',
  'board.fishbone.phone.allSent': 'You have suggested all your causes. Thank you!',
  'board.fishbone.phone.already': 'Already in {category}',
};
