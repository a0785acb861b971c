import type { promoteMessagesCs } from './promote.cs.ts';

/** English messages of promoting a board's result into a plan; spread into i18n/en.ts. */
export const promoteMessagesEn: Record<keyof typeof promoteMessagesCs, string> = {
  'promote.open': 'Add to plan',
  'promote.title': 'Add a result to a plan',
  'promote.intro': 'The chosen result becomes a development activity card or a measure. The plan keeps a link back to this meeting and activity.',
  'promote.items': 'Result',
  'promote.none': 'This activity has no results that could go into a plan yet.',
  'promote.votes': '{votes, plural, one {# vote} other {# votes}}',
  'promote.inPlan': 'In the plan: {numbers}',
  'promote.noNumber': 'no number',
  'promote.plan': 'Plan',
  'promote.planOption': '{title} ({period})',
  'promote.as': 'Add as',
  'promote.asCard': 'a development activity card',
  'promote.asMeasure': 'a measure',
  'promote.goal': 'Strategic goal',
  'promote.inbox': 'no goal yet (unassigned activities)',
  'promote.pickGoal': '— choose a goal —',
  'promote.noGoals': 'The plan has no goal yet. A measure belongs under a goal; a card can go to the unassigned ones.',
  'promote.loadingGoals': 'Loading the plan’s goals…',
  'promote.submit': 'Add',
  'promote.close': 'Close',
  'promote.done': 'Added to the plan as {number}.',
  'promote.doneInbox': 'Added to the plan’s unassigned activities.',
  'promote.already': 'This result is already in the plan as {number}.',
  'promote.openInPlan': 'Open in the plan',
};
