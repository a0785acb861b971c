import {
  addCard,
  addGoal,
  addMeasure,
  cardText,
  entriesById,
  goalText,
  measureText,
  moveCard,
  moveGoal,
  moveMeasure,
  planView,
  removeCard,
  removeGoal,
  removeMeasure,
  rooms,
  setCardGoal,
  setCardMember,
  setNumbering,
  type CardSetField,
  type CardTextField,
  type CardView,
  type CatalogueEntry,
  type Catalogues,
  type GoalTextField,
  type NumberingSettings,
  type Plan,
  type PlanExportQuery,
  type PlanView,
} from '@dilna/shared';
import { SvelteSet } from 'svelte/reactivity';
import { api, ApiError } from '$lib/api.ts';
import { i18n } from '$lib/i18n.svelte.ts';
import { loadCatalogues } from './plan-room.svelte.ts';
import { MinutesPresence, type MinutesEditor } from '$lib/minutes/presence.svelte.ts';
import { session } from '$lib/session.svelte.ts';
import { YRoom, YView } from '$lib/sync/yroom.svelte.ts';

/**
 * The plan editor's page: the plan's row (title, whether this user may edit), its Y.Doc (goals,
 * measures, cards; co-edited live, the session cookie authorizes the room) and the catalogues the
 * cards pick from. Edits go through the shared mutators of plans/doc.ts.
 */
export class PlanEditor {
  readonly room: YRoom;
  /** Who else has the plan open, and which goal or card they are in. */
  readonly presence: MinutesPresence;
  readonly #view: YView<PlanView>;
  #plan = $state<Plan | null>(null);
  #catalogues = $state<Catalogues | null>(null);
  readonly #entries = $derived(entriesById(this.#catalogues ?? { targetGroups: [], serviceKinds: [] }));
  #error = $state('');
  #announcement = $state('');
  /** Cards ticked for export. */
  readonly selected = new SvelteSet<string>();

  constructor(readonly planId: string) {
    this.room = new YRoom(rooms.plan(planId), null);
    this.#view = new YView(this.room.doc, planView);
    this.presence = new MinutesPresence(this.room.provider.awareness, session.user?.name);
    void this.#report(async () => {
      [this.#plan, this.#catalogues] = await Promise.all([api<Plan>('GET', `/plans/${planId}`), loadCatalogues()]);
    });
  }

  get plan(): Plan | null {
    return this.#plan;
  }

  /** The plan's row as the server now has it (renamed). */
  set plan(plan: Plan) {
    this.#plan = plan;
  }

  get view(): PlanView {
    return this.#view.value;
  }

  get catalogues(): Catalogues | null {
    return this.#catalogues;
  }

  get error(): string {
    return this.#error;
  }

  get canEdit(): boolean {
    return this.#plan?.canEdit ?? false;
  }

  /** What the live region says after a change the eye may miss (a card's new number). */
  get announcement(): string {
    return this.#announcement;
  }

  card = (cardId: string): CardView | undefined => this.view.cards.find((card) => card.id === cardId);

  /** The cards of a goal in number order; `null` gives the inbox. */
  cardsOf = (goalId: string | null): CardView[] => this.view.cards.filter((card) => card.goalId === goalId);

  /** How a card is named in buttons and headings: its number and name. */
  cardName = (card: CardView): string =>
    [card.number, card.name.trim() || i18n.t('plans.untitledCard')].filter(Boolean).join(' ');

  /** Catalogue entries by id, to show what a card has ticked even when the entry was retired. */
  get entries(): Map<string, CatalogueEntry> {
    return this.#entries;
  }

  goalText = (goalId: string, field: GoalTextField) => goalText(this.room.doc, goalId, field);
  measureText = (measureId: string, field: GoalTextField) => measureText(this.room.doc, measureId, field);
  cardText = (cardId: string, field: CardTextField) => cardText(this.room.doc, cardId, field);

  addGoal = (): string => addGoal(this.room.doc);
  moveGoal = (goalId: string, delta: -1 | 1) => moveGoal(this.room.doc, goalId, delta);
  removeGoal = (goalId: string) => removeGoal(this.room.doc, goalId);
  addMeasure = (goalId: string): string => addMeasure(this.room.doc, goalId);
  moveMeasure = (measureId: string, delta: -1 | 1) => moveMeasure(this.room.doc, measureId, delta);
  removeMeasure = (measureId: string) => removeMeasure(this.room.doc, measureId);
  addCard = (goalId: string | null): string => addCard(this.room.doc, goalId);
  setCardGoal = (cardId: string, goalId: string | null) => setCardGoal(this.room.doc, cardId, goalId);
  setMember = (cardId: string, field: CardSetField, id: string, member: boolean) => setCardMember(this.room.doc, cardId, field, id, member);
  setNumbering = (change: Partial<NumberingSettings>) => setNumbering(this.room.doc, change);

  /** Moves a card within its goal and says its new number (the list renumbers at once). */
  moveCard = (cardId: string, delta: -1 | 1): void => {
    moveCard(this.room.doc, cardId, delta);
    const number = this.card(cardId)?.number;
    if (number) this.#announcement = i18n.t('plans.cardNumberNow', { number });
  };

  removeCard = (cardId: string): void => {
    removeCard(this.room.doc, cardId);
    this.selected.delete(cardId);
  };

  /** The address of an export; the selected cards only when some are ticked. */
  exportHref = (format: PlanExportQuery['format'], part: PlanExportQuery['part']): string => {
    const cards = this.view.cards.filter((card) => this.selected.has(card.id)).map((card) => card.id);
    const only = part === 'cards' && cards.length ? `&cards=${cards.join(',')}` : '';
    return `/api/plans/${this.planId}/export?format=${format}&part=${part}&lang=${i18n.locale}${only}`;
  };

  displayName = (editor: MinutesEditor): string => editor.name || i18n.t('minutes.anonymousEditor');

  destroy(): void {
    this.presence.destroy();
    this.#view.destroy();
    this.room.destroy();
  }

  async #report(work: () => Promise<void>): Promise<void> {
    this.#error = '';
    try {
      await work();
    } catch (err) {
      this.#error = err instanceof ApiError && err.status === 404 ? i18n.t('plans.noAccess') : err instanceof Error ? err.message : String(err);
    }
  }
}
