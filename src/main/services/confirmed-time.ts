import { DAY_MS } from '../../shared/calendar';
import type { Clock } from '../ports/ports';

/**
 * How far ahead of the last confirmed date (the last purge, the last backup) the wall clock may be
 * when the app starts or the laptop wakes, and still be believed: the shop was closed (holidays)
 * while nothing ran to watch the time pass. More than this, or any time backward, is not acted on:
 * what depends on it waits for time the app sees pass.
 */
export const MAX_START_GAP_MS = 45 * DAY_MS;

/**
 * Being held back by more than this is reported (the purge result, its audit entry, the health
 * screen): the wall clock is ahead of the time the app has seen pass.
 */
export const HELD_BACK_REPORTED_MS = DAY_MS;

/** Whole days the wall clock was last seen ahead of the confirmed time (empty: not ahead). */
export const CLOCK_AHEAD_META = 'retention_clock_ahead_days';

/**
 * The wall time the app has seen pass: deletion schedules and backup ages are the shop's
 * calendar dates, but a date is acted on only once elapsed time (the monotonic clock, which
 * setting the computer's clock does not move) confirms it. The first reading of a run (or after
 * the laptop woke: the monotonic clock stands still while it sleeps) starts from the wall if it is
 * at most MAX_START_GAP_MS past the last confirmed date (`since`), else from that date; afterwards
 * the confirmed time is the wall, but never more than the start plus the monotonic time elapsed.
 * So a clock set back and nudged, or jumped ahead while the app runs, moves nothing; a wall clock
 * that is right is followed exactly. One per app run, shared by the purge and the backups.
 */
export class ConfirmedTime {
  private start: { at: number; mono: number } | null = null;
  /** What this run had confirmed before the laptop slept (a start never believes less). */
  private beforeSleep: number | null = null;

  constructor(private readonly clock: Clock) {}

  /** The wall clock now and the latest wall time confirmed; `since` is the vault's last confirmed date. */
  read(since: number | null): { wall: number; confirmed: number } {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    if (!this.start) {
      const from =
        since === null ? this.beforeSleep : Math.max(since, this.beforeSleep ?? Number.NEGATIVE_INFINITY);
      const believed = from === null || (wall >= from && wall - from <= MAX_START_GAP_MS);
      this.start = { at: believed ? wall : from, mono };
    }
    const elapsed = Math.max(0, mono - this.start.mono);
    return { wall, confirmed: Math.min(wall, this.start.at + elapsed) };
  }

  /** The owner confirmed the computer's date and time: from now on, the wall as it is. */
  believeWall(): void {
    this.start = { at: this.clock.now(), mono: this.clock.monotonic() };
  }

  /**
   * The laptop woke from sleep: the monotonic clock stood still while it slept, so the time slept
   * is a gap like the app being closed; the next reading starts again from what was confirmed.
   */
  resumed(): void {
    if (this.start) this.beforeSleep = this.read(null).confirmed;
    this.start = null;
  }
}
