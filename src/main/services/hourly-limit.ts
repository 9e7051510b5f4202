import type { SessionUser } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Auditor } from './auditor';
import type { UsageGuard } from './usage-guard';

const HOUR = 3_600_000;

/**
 * A cashier's writes of one kind capped per hour, the way the usage guard caps views: past the
 * limit the call is refused (THROTTLED, with when to try again) and one `usage.limited` entry
 * with the count is written per window, not one per refused call. Only what succeeded counts (a
 * form sent back for a typing mistake costs nothing). The owner is never limited; times are
 * monotonic (added up across runs when kept in the vault), so moving the clock does not open a
 * new window, and the counts outlive a lock and a restart, so logging out and in again or
 * quitting and starting the app does not either.
 */
export class HourlyLimit {
  private readonly done = new Map<string, number[]>();
  private readonly reported = new Map<string, number>();
  private loaded = false;

  constructor(
    private readonly d: {
      clock: Clock;
      auditor: Pick<Auditor, 'record'>;
      /**
       * Where the counts outlive the app (the usage guard's running-time scale and the vault):
       * quitting and starting the app, even with the clock moved ahead, opens no new window.
       */
      store?: Pick<UsageGuard, 'runningNow' | 'kept' | 'keep'>;
    },
    private readonly kind: string,
    readonly perHour: number,
  ) {}

  private now(): number {
    return this.d.store ? this.d.store.runningNow() : this.d.clock.monotonic();
  }

  /** The counts the vault kept (once per run; what is unreadable counts as nothing). */
  private load(now: number): void {
    if (this.loaded || !this.d.store) return;
    this.loaded = true;
    const kept = this.d.store.kept(this.kind);
    if (typeof kept !== 'object' || kept === null) return;
    for (const [userId, times] of Object.entries(kept as Record<string, unknown>)) {
      if (!Array.isArray(times)) continue;
      const valid = times
        .filter((at): at is number => Number.isFinite(at))
        .map((at) => Math.min(now, at))
        .filter((at) => now - at < HOUR);
      this.done.set(
        userId,
        [...valid, ...(this.done.get(userId) ?? [])].sort((a, b) => a - b),
      );
    }
  }

  /** Runs `work` unless the user is at the limit; counts it when it succeeded. */
  run<T>(user: SessionUser, work: () => T): T {
    if (user.role === 'owner') return work();
    const now = this.now();
    this.load(now);
    const recent = (this.done.get(user.id) ?? []).filter((at) => now - at < HOUR);
    this.done.set(user.id, recent);
    if (recent.length >= this.perHour) {
      this.report(user, recent.length, now);
      throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(recent[0]! + HOUR - now) });
    }
    const out = work();
    recent.push(this.now());
    this.d.store?.keep(this.kind, Object.fromEntries(this.done));
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
