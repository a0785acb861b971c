/** How often countdowns redraw. */
const TICK_MS = 250;

/**
 * Milliseconds to add to this device's clock to get the server's: from the `Date` header of one
 * request (whole seconds, so half a second is added back), halfway through its round trip.
 */
export async function measureServerOffset(): Promise<number> {
  const sent = Date.now();
  const response = await fetch('/api/health', { cache: 'no-store' });
  const received = Date.now();
  const serverTime = Date.parse(response.headers.get('date') ?? '');
  return Number.isNaN(serverTime) ? 0 : serverTime + 500 - (sent + received) / 2;
}

/** "Now" on the server's clock, as reactive state that ticks a few times a second. */
export class ServerClock {
  #now = $state(Date.now());
  readonly #timer: ReturnType<typeof setInterval>;

  /** `serverNow` reads the server's clock (a phone learns it from its state; screens measure it). */
  constructor(readonly serverNow: () => number) {
    this.#now = serverNow();
    this.#timer = setInterval(() => (this.#now = this.serverNow()), TICK_MS);
  }

  /** A clock for screens and consoles, which measure the offset themselves. */
  static measured(): ServerClock {
    let offset = 0;
    void measureServerOffset()
      .then((measured) => (offset = measured))
      .catch(() => undefined);
    return new ServerClock(() => Date.now() + offset);
  }

  get now(): number {
    return this.#now;
  }

  destroy(): void {
    clearInterval(this.#timer);
  }
}

/** mm:ss of a duration, never negative. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
