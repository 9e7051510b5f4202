import type { SessionUser } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Auditor } from './auditor';

export interface UsageLimits {
  /** Searches a cashier may make per minute. */
  searchesPerMinute: number;
  /** Different customers a cashier may open per hour. */
  customersPerHour: number;
}

/** Well above a busy counter (a search or two per customer served), far below a copying run. */
export const DEFAULT_LIMITS: UsageLimits = { searchesPerMinute: 60, customersPerHour: 120 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Unusual volume from a cashier is slowed down and reported: past a limit the call is refused
 * (THROTTLED) and one audit entry with counts is written per limit and window, not one per
 * refused call, so the owner sees it without a flood. The owner is never limited. Times are
 * monotonic: moving the clock does not reset a window.
 */
export class UsageGuard {
  private readonly searches = new Map<string, number[]>();
  private readonly views = new Map<string, Map<number, number>>();
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly d: { clock: Clock; auditor: Pick<Auditor, 'record'> },
    private readonly limits: UsageLimits = DEFAULT_LIMITS,
  ) {}

  search(user: SessionUser): void {
    if (user.role === 'owner') return;
    const now = this.d.clock.monotonic();
    const recent = (this.searches.get(user.id) ?? []).filter((at) => now - at < MINUTE);
    if (recent.length >= this.limits.searchesPerMinute) {
      this.report(user, 'search', recent.length, MINUTE, now);
      throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(recent[0]! + MINUTE - now) });
    }
    recent.push(now);
    this.searches.set(user.id, recent);
  }

  view(user: SessionUser, customerId: number): void {
    if (user.role === 'owner') return;
    const now = this.d.clock.monotonic();
    const opened = this.views.get(user.id) ?? new Map<number, number>();
    for (const [id, at] of opened) if (now - at >= HOUR) opened.delete(id);
    if (!opened.has(customerId) && opened.size >= this.limits.customersPerHour) {
      this.report(user, 'view', opened.size, HOUR, now);
      const oldest = Math.min(...opened.values());
      throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(oldest + HOUR - now) });
    }
    opened.set(customerId, now);
    this.views.set(user.id, opened);
  }

  /** Forgets everything (the vault closed: a new session starts its windows afresh). */
  clear(): void {
    this.searches.clear();
    this.views.clear();
  }

  private report(
    user: SessionUser,
    kind: 'search' | 'view',
    count: number,
    windowMs: number,
    now: number,
  ): void {
    const key = `${user.id}:${kind}`;
    const last = this.reported.get(key);
    if (last !== undefined && now - last < windowMs) return;
    this.reported.set(key, now);
    this.d.auditor.record({
      actor: user.id,
      action: 'usage.limited',
      outcome: 'denied',
      detail: { kind, count, windowMinutes: windowMs / MINUTE },
    });
  }
}
