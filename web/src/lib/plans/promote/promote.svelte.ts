import type { Plan, PlanView, PromotableReply, Promotion } from '@dilna/shared';
import { api, ApiError } from '$lib/api.ts';
import { PlanRoom } from '../plan-room.svelte.ts';

export type PromotableEntry = PromotableReply['items'][number];
export type PromoteAs = Promotion['type'];

/** Where the plan editor shows what a result became: a card opened by its anchor, a measure in the plan's goal tree. */
export const promotionHref = (promotion: Pick<Promotion, 'planId' | 'type' | 'id'>) =>
  promotion.type === 'card' ? `/plans/${promotion.planId}#card-${promotion.id}` : `/plans/${promotion.planId}`;

/**
 * Promoting one board's results into a plan: the plans the logged-in account edits that the board's
 * group works on, the board's promotable results with where they already went, and the chosen plan's
 * goals read live from its doc (room `plan:<id>`, opened by the session's cookie; nothing is written there).
 */
export class PromoteState {
  #plans = $state<Plan[] | null>(null);
  #items = $state<PromotableEntry[] | null>(null);
  #room = $state.raw<PlanRoom | null>(null);
  #error = $state('');
  #busy = $state(false);
  #result = $state<{ promotion: Promotion; created: boolean } | null>(null);

  itemId = $state('');
  planId = $state('');
  as = $state<PromoteAs>('card');
  /** '' = no goal yet (a card goes to the inbox). */
  goalId = $state('');

  constructor(
    readonly boardId: string,
    readonly groupId: string,
  ) {}

  /** Editable plans usable by the board's group; null until loaded. */
  get plans(): Plan[] | null {
    return this.#plans;
  }

  get items(): PromotableEntry[] | null {
    return this.#items;
  }

  /** The chosen plan's goals, null until its doc has arrived. */
  get goals(): PlanView['goals'] | null {
    return this.#room?.plan?.goals ?? null;
  }

  get error(): string {
    return this.#error;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get result() {
    return this.#result;
  }

  get ready(): boolean {
    return Boolean(this.itemId && this.planId && (this.as === 'card' || this.goalId) && this.goals !== null);
  }

  /** Which plans the account may promote into (the button shows only when there is one). */
  async loadPlans(): Promise<void> {
    try {
      const plans = await api<Plan[]>('GET', '/plans');
      this.#plans = plans.filter((plan) => plan.canEdit && (plan.groupId === null || plan.groupId === this.groupId));
    } catch {
      this.#plans = [];
    }
  }

  /** When the dialog opens: the board's results as they are now, and the first plan's goals. */
  async open(): Promise<void> {
    this.#error = '';
    this.#result = null;
    await this.#loadItems();
    if (!this.planId || !this.#plans?.some((plan) => plan.id === this.planId)) this.choosePlan(this.#plans?.[0]?.id ?? '');
  }

  choosePlan(planId: string): void {
    if (planId === this.planId && this.#room) return;
    this.#closeRoom();
    this.planId = planId;
    this.goalId = '';
    if (!planId) return;
    this.#room = new PlanRoom(planId, null);
  }

  async promote(): Promise<void> {
    if (!this.ready || this.#busy) return;
    this.#busy = true;
    this.#error = '';
    this.#result = null;
    try {
      const body = { boardId: this.boardId, itemId: this.itemId, as: this.as, goalId: this.goalId || null };
      const before = this.#items?.find((item) => item.itemId === this.itemId)?.promotions ?? [];
      const promotion = await api<Promotion>('POST', `/plans/${this.planId}/promote`, { body });
      this.#result = { promotion, created: !before.some((known) => known.id === promotion.id) };
      await this.#loadItems();
    } catch (err) {
      this.#error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this.#busy = false;
    }
  }

  /** When the dialog closes: the plan's doc is let go. */
  close(): void {
    this.#closeRoom();
    this.planId = '';
  }

  async #loadItems(): Promise<void> {
    try {
      this.#items = (await api<PromotableReply>('GET', `/boards/${this.boardId}/promotable`)).items;
      if (!this.#items.some((item) => item.itemId === this.itemId)) this.itemId = '';
    } catch (err) {
      this.#items = [];
      this.#error = err instanceof ApiError ? err.message : String(err);
    }
  }

  #closeRoom(): void {
    this.#room?.destroy();
    this.#room = null;
  }
}
