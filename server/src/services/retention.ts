import type { UserRow } from '../repositories/accounts.ts';
import type { Repositories } from '../repositories/index.ts';
import { newId } from '../ids.ts';
import { HttpError } from './errors.ts';
import type { MeetingsService } from './meetings.ts';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** How long a group keeps its participants' records (names, organisations, seats, who answered what), and the sweep that erases them. */
export class RetentionService {
  constructor(
    private readonly repos: Repositories,
    private readonly meetings: MeetingsService,
  ) {}

  /** The group's setting, for anyone in the group; null keeps the records. */
  get(groupId: string, user: UserRow): { days: number | null } {
    this.meetings.getGroup(groupId, user);
    return { days: this.repos.data.retentionDays(groupId) };
  }

  set(groupId: string, user: UserRow, days: number | null): { days: number | null } {
    if (this.meetings.getGroup(groupId, user).myRole !== 'facilitator') {
      throw new HttpError(403, 'forbidden', "only the group's facilitators change how long it keeps participants' records");
    }
    this.repos.data.setRetentionDays(groupId, days);
    return { days };
  }

  /** Erases the participants' records of every meeting past its group's retention; returns those meetings' ids. */
  sweep(now: Date): string[] {
    const due = this.repos.data.dueForErasure(now);
    for (const { id } of due) this.repos.data.eraseParticipants(id, now.toISOString(), newId);
    return due.map((m) => m.id);
  }

  /** Sweeps now and then every hour, on a timer that keeps no process alive; returns the stop. */
  start(clock: () => Date = () => new Date()): () => void {
    this.sweep(clock());
    const timer = setInterval(() => this.sweep(clock()), SWEEP_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }
}
