import type { SessionUser } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Auditor } from './auditor';

const HOUR = 3_600_000;

/**
 * A cashier's writes of one kind capped per hour, the way the usage guard caps views: past the
 * limit the call is refused (THROTTLED, with when to try again) and one `usage.limited` entry
 * with the count is written per window, not one per refused call. Only what succeeded counts (a
 * form sent back for a typing mistake costs nothing). The owner is never limited; times are
 * monotonic, so moving the clock does not open a new window, and the counts outlive a lock, so
 * logging out and in again does not either.
 */
export class HourlyLimit {
  private readonly done = new Map<string, number[]>();
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly d: { clock: Clock; auditor: Pick<Auditor, 'record'> },
    private readonly kind: string,
    readonly perHour: number,
  ) {}

  /** Runs `work` unless the user is at the limit; counts it when it succeeded. */
  run<T>(user: SessionUser, work: () => T): T {
    if (user.role === 'owner') return work();
    const now = this.d.clock.monotonic();
    const recent = (this.done.get(user.id) ?? []).filter((at) => now - at < HOUR);
    this.done.set(user.id, recent);
    if (recent.length >= this.perHour) {
      this.report(user, recent.length, now);
      throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(recent[0]! + HOUR - now) });
    }
    const out = work();
    recent.push(this.d.clock.monotonic());
    return out;
  }

  private report(user: SessionUser, count: number, now: number): void {
    const last = this.reported.get(user.id);
    if (last !== undefined && now - last < HOUR) return;
    this.reported.set(user.id, now);
    this.d.auditor.record({
      actor: user.id,
      action: 'usage.limited',
      outcome: 'denied',
      detail: { kind: this.kind, count, windowMinutes: HOUR / 60_000 },
    });
  }
}
