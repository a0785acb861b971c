import { timingSafeEqual } from 'node:crypto';
import type { AccessKeys, GroupRole, Role } from '@dilna/shared';
import type { MembershipsRepository, UserRow } from '../repositories/accounts.ts';
import type { MeetingRow } from '../repositories/meetings.ts';

export function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The role a secret link's key grants in a meeting, or null. */
export function roleOf(meeting: MeetingRow, key: string | null | undefined): Role | null {
  if (!key) return null;
  if (same(key, meeting.facilitatorKey)) return 'facilitator';
  if (same(key, meeting.editorKey)) return 'editor';
  if (same(key, meeting.screenKey)) return 'screen';
  return null;
}

/** The links a role may hand on: each role sees its own and the ones below it. */
export function keysFor(meeting: MeetingRow, role: Role): AccessKeys {
  switch (role) {
    case 'facilitator':
      return { facilitator: meeting.facilitatorKey, editor: meeting.editorKey, screen: meeting.screenKey };
    case 'editor':
      return { editor: meeting.editorKey, screen: meeting.screenKey };
    case 'screen':
      return { screen: meeting.screenKey };
  }
}

export const canWrite = (role: Role) => role === 'facilitator' || role === 'editor';

/** What an account may do in a group: an administrator runs every group; others only those they belong to. */
export function groupRoleOf(memberships: MembershipsRepository, user: UserRow, groupId: string): GroupRole | null {
  if (user.role === 'admin') return 'facilitator';
  return memberships.get(groupId, user.id)?.role ?? null;
}

/**
 * A group's plan: its members read it, its facilitators (and administrators) edit it. The
 * community's plan: every account reads it; administrators and whoever facilitates some group edit it.
 */
export function planAccessOf(memberships: MembershipsRepository, user: UserRow, plan: { groupId: string | null }): 'read' | 'edit' | null {
  if (plan.groupId !== null) {
    const role = groupRoleOf(memberships, user, plan.groupId);
    return role === 'facilitator' ? 'edit' : role === 'member' ? 'read' : null;
  }
  if (user.role === 'admin' || memberships.listByUser(user.id).some((m) => m.role === 'facilitator')) return 'edit';
  return 'read';
}

/** A meeting of a group may work on the group's plans and on the community's (no group). */
export const planUsableBy = (plan: { groupId: string | null }, groupId: string): boolean => plan.groupId === null || plan.groupId === groupId;
