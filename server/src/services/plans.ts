import {
  addCard,
  addMeasure,
  boardKind,
  boardKindNames,
  boardKinds,
  planView,
  rooms,
  type BoardKindName,
  type CreatePlanBody,
  type Origin,
  type Plan,
  type PlanView,
  type PromotableItem,
  type PromotableReply,
  type PromoteBody,
  type Promotion,
} from '@dilna/shared';
import type * as Y from 'yjs';
import type { DocRegistry } from '../collab/docs.ts';
import type { YjsIdentity } from '../collab/yjs-server.ts';
import { newId } from '../ids.ts';
import type { UserRow } from '../repositories/accounts.ts';
import type { BoardRow } from '../repositories/boards.ts';
import type { Repositories } from '../repositories/index.ts';
import type { MeetingRow } from '../repositories/meetings.ts';
import type { PlanRow } from '../repositories/plans.ts';
import { canWrite, groupRoleOf, planAccessOf, planUsableBy, roleOf } from './access.ts';
import { HttpError, badRequest, notFound } from './errors.ts';
import { boardViewOf } from './rules.ts';

export type PlanAccess = 'read' | 'edit';

/** The kinds whose boards work on a plan (their meeting's links then open the plan's doc). */
const planLinkingKinds = boardKindNames.filter((name) => boardKinds[name].linkedPlan);

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/**
 * Plans (of a working group, or of the whole community) and who may read or edit them; promoting a
 * meeting's results into a plan, keeping the link back. The plan's content is its Y.Doc, held by
 * the DocRegistry: what the server writes there reaches the editors live.
 */
export class PlansService {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
  ) {}

  accessOf(user: UserRow, plan: PlanRow): PlanAccess | null {
    return planAccessOf(this.repos.memberships, user, plan);
  }

  list(user: UserRow): Plan[] {
    return this.repos.plans.list().flatMap((plan) => {
      const access = this.accessOf(user, plan);
      return access ? [toPlan(plan, access)] : [];
    });
  }

  create(user: UserRow, body: CreatePlanBody): Plan {
    if (body.groupId === null) {
      if (user.role !== 'admin') throw forbidden('only an administrator creates a community plan');
    } else {
      const role = this.repos.groups.get(body.groupId) && groupRoleOf(this.repos.memberships, user, body.groupId);
      if (!role) throw notFound('group');
      if (role !== 'facilitator') throw forbidden("only the group's facilitators create its plans");
    }
    const row = this.repos.plans.insert({ id: newId(), groupId: body.groupId, title: body.title, period: body.period, createdBy: user.id });
    return toPlan(row, 'edit');
  }

  get(planId: string, user: UserRow): Plan {
    const { plan, access } = this.readable(planId, user);
    return toPlan(plan, access);
  }

  update(planId: string, user: UserRow, patch: { title?: string; period?: string }): Plan {
    const plan = this.editable(planId, user);
    return toPlan(this.repos.plans.update(plan.id, patch), 'edit');
  }

  /** Administrators and a group plan's facilitators delete it, with its doc; whoever has it open is disconnected. */
  delete(planId: string, user: UserRow): void {
    const { plan, access } = this.readable(planId, user);
    if (user.role !== 'admin' && (plan.groupId === null || access !== 'edit')) {
      throw forbidden(plan.groupId === null ? 'only an administrator deletes a community plan' : "only the group's facilitators delete its plans");
    }
    this.docs.delete(rooms.plan(planId));
    this.repos.plans.delete(planId);
  }

  /** The plan and the caller's access; to an account that may not read it, it does not exist. */
  readable(planId: string, user: UserRow): { plan: PlanRow; access: PlanAccess } {
    const plan = this.repos.plans.get(planId);
    const access = plan && this.accessOf(user, plan);
    if (!plan || !access) throw notFound('plan');
    return { plan, access };
  }

  private editable(planId: string, user: UserRow): PlanRow {
    const { plan, access } = this.readable(planId, user);
    if (access !== 'edit') throw forbidden('this account reads the plan but does not edit it');
    return plan;
  }

  /** The plan's content now (the doc held, or restored for this look alone). */
  view(planId: string): PlanView {
    return this.withDoc(planId, planView);
  }

  private withDoc<T>(planId: string, read: (doc: Y.Doc) => T): T {
    const { doc, done } = this.docs.peek(rooms.plan(planId));
    try {
      return read(doc);
    } finally {
      done();
    }
  }

  /**
   * Who may open a plan's Yjs room: an account by its session (editors write, readers read; presence
   * shows the account's name), or a link of a meeting with a board that works on the plan, when the
   * plan is usable by that meeting's group (facilitator and editor links write, the screen reads).
   * Either is checked again while the connection lasts, and ends when it no longer holds.
   */
  authorizeRoom(room: string, planId: string, key: string | null, session: () => UserRow | null): YjsIdentity | { status: 401 | 404 } {
    const plan = this.repos.plans.get(planId);
    if (!plan) return { status: 404 };
    const role = key ? this.linkRoleOf(plan, key) : null;
    // Still a link of a meeting with a board on this plan (the board may be removed, the plan deleted).
    const linkStillAllowed = () => {
      const current = this.repos.plans.get(planId);
      return current !== undefined && this.linkRoleOf(current, key!) === role;
    };
    if (role) return { room, canWrite: canWrite(role), user: { role, name: role }, stillAllowed: linkStillAllowed };
    const user = session();
    if (!user) return { status: 401 };
    const access = this.accessOf(user, plan);
    if (!access) return { status: 404 };
    // The same session, still of an account with the same access to a plan that still exists.
    const stillAllowed = () => {
      const now = session();
      const current = this.repos.plans.get(planId);
      return now !== null && current !== undefined && this.accessOf(now, current) === access;
    };
    return { room, canWrite: access === 'edit', user: { role: access === 'edit' ? 'editor' : 'reader', name: user.name }, stillAllowed };
  }

  private linkRoleOf(plan: PlanRow, key: string) {
    for (const board of this.repos.boards.listByKinds(planLinkingKinds)) {
      if (boardKind(board.kind)?.linkedPlan?.(board.settings) !== plan.id) continue;
      const meeting = this.repos.meetings.get(board.meetingId);
      const role = meeting && planUsableBy(plan, meeting.groupId) ? roleOf(meeting, key) : null;
      if (role) return role;
    }
    return null;
  }

  /** A board's results that can go into a plan, each with where it already went (in the plans the caller reads). */
  promotable(boardId: string, user: UserRow): PromotableReply {
    const { board, meeting } = this.readableBoard(boardId, user);
    const items = this.itemsOf(board);
    const plans = this.repos.plans.listUsableBy(meeting.groupId).filter((plan) => this.accessOf(user, plan));
    const promotions = plans.flatMap((plan) => this.withDoc(plan.id, (doc) => promotionsIn(plan, planView(doc), board.id)));
    return {
      items: items.map((item) => ({
        ...item,
        promotions: promotions.filter((p) => p.itemId === item.itemId).map(({ promotion }) => promotion),
      })),
    };
  }

  /**
   * Makes a board's result a card or a measure of the plan, with its origin built here from the board
   * as it is now. The same item promoted to the same plan as the same type again gives what it made before.
   */
  promote(planId: string, user: UserRow, body: PromoteBody, now = new Date()): { created: boolean; promotion: Promotion } {
    const plan = this.editable(planId, user);
    const { board, meeting } = this.readableBoard(body.boardId, user);
    if (!planUsableBy(plan, meeting.groupId)) throw badRequest('body.boardId', "the board's meeting belongs to a group that does not work on this plan");
    const item = this.itemsOf(board).find((candidate) => candidate.itemId === body.itemId);
    if (!item) throw badRequest('body.itemId', 'no such result on this board');
    const doc = this.docs.get(rooms.plan(plan.id));
    const before = planView(doc);
    const existing = promotionsIn(plan, before, board.id).find((p) => p.itemId === item.itemId && p.promotion.type === body.as);
    if (existing) return { created: false, promotion: existing.promotion };
    if (body.goalId !== null && !before.goals.some((goal) => goal.id === body.goalId)) throw badRequest('body.goalId', 'no such goal in this plan');
    const origin: Origin = {
      ...item,
      groupId: meeting.groupId,
      groupName: this.repos.groups.get(meeting.groupId)?.name ?? '',
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      meetingDate: meeting.startsAt,
      boardId: board.id,
      boardTitle: board.title,
      kind: board.kind as BoardKindName,
      promotedAt: now.toISOString(),
    };
    const id = body.as === 'card' ? addCard(doc, body.goalId, { name: item.text }, origin) : addMeasure(doc, body.goalId!, { title: item.text }, origin);
    const made = promotionsIn(plan, planView(doc), board.id).find((p) => p.promotion.id === id)!;
    return { created: true, promotion: made.promotion };
  }

  private itemsOf(board: BoardRow): PromotableItem[] {
    const kind = boardKind(board.kind);
    if (!kind?.promotable) return [];
    return kind.promotable(boardViewOf(this.docs, kind, board.id));
  }

  /** A board in a group the account belongs to; to anyone else it does not exist. */
  private readableBoard(boardId: string, user: UserRow): { board: BoardRow; meeting: MeetingRow } {
    const board = this.repos.boards.get(boardId);
    const meeting = board && this.repos.meetings.get(board.meetingId);
    if (!board || !meeting || !groupRoleOf(this.repos.memberships, user, meeting.groupId)) throw notFound('board');
    return { board, meeting };
  }
}

const toPlan = (row: PlanRow, access: PlanAccess): Plan => ({
  id: row.id,
  groupId: row.groupId,
  groupName: row.groupName,
  title: row.title,
  period: row.period,
  createdAt: row.createdAt,
  canEdit: access === 'edit',
});

/** The cards and measures of a plan that came from a board's items. */
function promotionsIn(plan: PlanRow, view: PlanView, boardId: string): { itemId: string; promotion: Promotion }[] {
  const from = (origins: Origin[]) => origins.filter((origin) => origin.boardId === boardId);
  const base = { planId: plan.id, planTitle: plan.title };
  return [
    ...view.cards.flatMap((card) =>
      from(card.origins).map((origin) => ({ itemId: origin.itemId, promotion: { ...base, type: 'card' as const, id: card.id, number: card.number, title: card.name } })),
    ),
    ...view.goals.flatMap((goal) =>
      goal.measures.flatMap((measure) =>
        from(measure.origins).map((origin) => ({
          itemId: origin.itemId,
          promotion: { ...base, type: 'measure' as const, id: measure.id, number: measure.number, title: measure.title },
        })),
      ),
    ),
  ];
}
