/**
 * Counts failed attempts per client address in a leaky bucket. A whole room may share one
 * address, so the bucket is generous to a room's typos yet makes guessing six digits hopeless:
 * at 30 failures a minute a search of the code space takes weeks.
 */
export class FailureThrottle {
  private readonly buckets = new Map<string, { level: number; at: number }>();

  constructor(
    private readonly capacity = 30,
    private readonly leakPerSecond = 0.5,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this client may try now. */
  allows(client: string): boolean {
    return this.level(client) < this.capacity;
  }

  recordFailure(client: string): void {
    this.buckets.set(client, { level: this.level(client) + 1, at: this.now() });
    if (this.buckets.size > 10_000) this.sweep();
  }

  /** Seconds until the next attempt is allowed. */
  retryAfter(client: string): number {
    return Math.ceil((this.level(client) - this.capacity + 1) / this.leakPerSecond);
  }

  private level(client: string): number {
    const bucket = this.buckets.get(client);
    if (!bucket) return 0;
    return Math.max(0, bucket.level - ((this.now() - bucket.at) / 1000) * this.leakPerSecond);
  }

  private sweep(): void {
    for (const client of this.buckets.keys()) if (this.level(client) === 0) this.buckets.delete(client);
  }
}
