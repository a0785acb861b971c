import type { Origin } from './origin.ts';

/** Test support: where a card came from, the top item of a dot vote (`change` for another item or board). */
export const testOrigin = (itemId: string, change: Partial<Origin> = {}): Origin => ({
  itemId,
  text: 'Odlehčovací služby',
  context: 'Problémy',
  votes: 7,
  groupId: 'group-000001',
  groupName: 'Senioři',
  meetingId: 'meeting-0001',
  meetingTitle: 'Setkání PS Senioři',
  meetingDate: '2026-03-12T14:00',
  boardId: 'board-000001',
  boardTitle: 'Priority',
  kind: 'dots',
  promotedAt: '2026-03-12T15:10:00.000Z',
  ...change,
});
