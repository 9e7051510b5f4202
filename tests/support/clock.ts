import { ManualClock } from '../../src/main/ports/memory-ports';
import { shopIsoDay } from '../../src/shared/shop-time';

/**
 * The one clock of a test: the core runs on it, and whatever else reads the time in that test (the
 * renderer in jsdom, a page in Chromium, the test's own expectations) follows it. Tests never read
 * the machine's clock (a lint rule forbids `Date.now()` and `new Date()` in tests): a test that
 * took "today" from the wall while main ran on a fixed date failed on every day after that date.
 */
export class TestClock extends ManualClock {
  private readonly listeners = new Set<(now: number) => void>();

  /** Calls `listener` with the new time whenever the test moves this clock; returns an unsubscribe. */
  follow(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    listener(this.now());
    return () => this.listeners.delete(listener);
  }

  override advance(ms: number): void {
    super.advance(ms);
    this.emit();
  }

  override setWall(t: number): void {
    super.setWall(t);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l(this.now());
  }
}

/** A day of the shop's calendar (YYYY-MM-DD, WIB) `daysBack` days before the clock's now. */
export function dayBefore(clock: { now(): number }, daysBack: number): string {
  return shopIsoDay(clock.now() - daysBack * 86_400_000);
}

/**
 * The machine's real time, for the few places that compare with something outside the test's
 * clock: file modification times, or a separate process that runs on its own wall clock.
 */
export function wallNow(): number {
  // eslint-disable-next-line no-restricted-syntax -- the one sanctioned read of the machine's clock
  return Date.now();
}
