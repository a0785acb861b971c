import type { archiveMessagesCs } from './archive.cs.ts';

/** English messages of a group's archive and of replaying a past board; spread into i18n/en.ts. */
export const archiveMessagesEn: Record<keyof typeof archiveMessagesCs, string> = {
  'archive.upcoming': 'Upcoming meetings',
  'archive.past': 'Past meetings',
  'archive.noUpcoming': 'No meeting is planned.',
  'archive.noPast': 'No meeting has taken place yet.',
  'archive.boards': 'Activities',
  'archive.noBoards': 'No activities.',
  'archive.snapshots': '{count, plural, one {# recorded moment} other {# recorded moments}}',
  'archive.editMinutes': 'Open the minutes',
  'archive.noMinutes': 'not written yet.',
  'pastBoard.meeting': '{title}, {date}',
  'pastBoard.readOnly': 'Read only: the activity as it was at the meeting.',
  'pastBoard.timeline': "The activity's course",
  'pastBoard.earlier': 'Earlier state',
  'pastBoard.later': 'Later state',
  'pastBoard.current': 'Current state',
  'pastBoard.reason.opened': 'opened',
  'pastBoard.reason.interval': 'in progress',
  'pastBoard.reason.closed': 'closed',
  'pastBoard.at': '{time}, {reason}',
  'pastBoard.step': 'State {position} of {count}',
  'pastBoard.noSnapshots': "This activity's course was not recorded; it is shown as it is now.",
  'pastBoard.notFound': 'This activity does not exist, or you have no access to it.',
};
