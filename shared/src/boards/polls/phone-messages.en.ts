/** English messages of the poll board that a participant's phone shows; spread into i18n/phone.en.ts (the rest is in messages.en.ts). */
export const pollsPhoneMessagesEn = {
  'board.polls.position': 'Question {position} of {total}',
  'board.polls.notOpenYet': 'This question is not open yet.',
  'board.polls.closedQuestion': 'Answering this question is closed.',
  'board.polls.recorded': 'Your answer has been recorded.',
  'board.polls.change': 'Change my answer',
  'board.polls.wordsHint': '{count, plural, one {Write one word or a short phrase.} other {Write up to # words or short phrases.}}',
  'board.polls.wordN': 'Word {n}',
  'board.polls.yourAnswer': 'Your answer',
  'board.polls.chooseOne': 'Choose one option.',
  'board.polls.chooseSeveral': 'Choose one or more options.',
  'board.polls.otherLabel': 'Other (write it)',
  'board.polls.rankHint': 'Tap the options in order, most important first. Tap again to undo.',
  'board.polls.rankedAs': '{label}, position {place}',
  'board.polls.send': 'Send answer',
};
