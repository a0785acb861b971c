import type { Awareness } from 'y-protocols/awareness';
import { presenceColor } from '$lib/sync/presence.ts';

const NAME_STORAGE = 'dilna.displayName';
/**
 * The awareness field of the minutes page. The server overwrites `user` with the role the access key
 * gives; the name people know each other by is theirs to type, so it lives beside it.
 */
const FIELD = 'minutes';

export interface MinutesEditor {
  clientId: number;
  /** The typed display name, '' when they gave none. */
  name: string;
  /** The role the server vouches for (facilitator, editor). */
  role: string;
  color: string;
  /** The part of the minutes being edited (see `MinutesPresence.enter`), '' when none. */
  place: string;
}

/**
 * Who else has the minutes open and where they write: each editor shares a display name
 * (asked once, remembered in this browser) and the part of the minutes in focus.
 */
export class MinutesPresence {
  readonly #awareness: Awareness;
  #name = $state(localStorage.getItem(NAME_STORAGE) ?? '');
  #place = '';
  #others = $state<MinutesEditor[]>([]);

  /** `accountName`: the logged-in account's name (a plan's editors), shown instead of a typed one. */
  constructor(awareness: Awareness, accountName?: string) {
    this.#awareness = awareness;
    if (accountName) this.#name = accountName;
    awareness.on('change', this.#onChange);
    this.#share();
  }

  get name(): string {
    return this.#name;
  }

  get color(): string {
    return presenceColor(this.#awareness.clientID);
  }

  /** The others on the page, in the order they came. */
  get others(): MinutesEditor[] {
    return this.#others;
  }

  /** Who else is at a place, for the marker beside it. */
  at = (place: string): MinutesEditor[] => this.#others.filter((editor) => editor.place === place);

  /** Another editor as the carets of the rich text show them. */
  editor = (clientId: number): MinutesEditor | undefined => this.#others.find((editor) => editor.clientId === clientId);

  setName(name: string): void {
    this.#name = name.trim();
    localStorage.setItem(NAME_STORAGE, this.#name);
    this.#share();
  }

  /** This editor is now in a part of the minutes: a field's or an agenda item's place name. */
  enter(place: string): void {
    if (place === this.#place) return;
    this.#place = place;
    this.#share();
  }

  destroy(): void {
    this.#awareness.off('change', this.#onChange);
  }

  #share(): void {
    this.#awareness.setLocalStateField(FIELD, { name: this.#name, place: this.#place });
  }

  readonly #onChange = () => {
    const others: MinutesEditor[] = [];
    for (const [clientId, state] of this.#awareness.getStates()) {
      const shared = (state as Record<string, unknown>)[FIELD] as { name?: unknown; place?: unknown } | undefined;
      const role = (state as { user?: { role?: unknown } }).user?.role;
      if (clientId === this.#awareness.clientID || !shared) continue;
      others.push({
        clientId,
        name: typeof shared.name === 'string' && shared.name.trim() ? shared.name.trim().slice(0, 60) : '',
        role: typeof role === 'string' ? role : 'editor',
        color: presenceColor(clientId),
        place: typeof shared.place === 'string' ? shared.place : '',
      });
    }
    this.#others = others;
  };
}

/** A focusin/focusout handler telling the others which part of the page this editor is in: the nearest `data-place`. */
export const trackPlace =
  (presence: () => MinutesPresence | undefined) =>
  (event: FocusEvent): void => {
    const target = event.type === 'focusin' ? event.target : event.relatedTarget;
    const place = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-place]')?.dataset.place : undefined;
    presence()?.enter(place ?? '');
  };
