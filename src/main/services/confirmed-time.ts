import { DAY_MS } from '../../shared/shop-time';
import type { Clock } from '../ports/ports';
import type { Db } from '../vault/database';
import { getMeta, setMeta } from './settings.service';

/**
 * How much time the computer was off (the shop closed, the laptop asleep) the app believes at a
 * start or a wake without the owner, at most: a reserve that only time the app has seen pass
 * (the monotonic clock, GAP_RESERVE_EARN hours for each hour it ran) fills, up to this, and every
 * believed gap spends. Restarting with the clock moved ahead again and again spends it once;
 * after that a gap waits for the owner's `retention:confirmClock` (which fills it again). A shop
 * that keeps the app open a quarter of the day or more has its nights believed until
 * GAP_BELIEVED_MAX_MS; a 14-day closure goes by itself when the app had run long enough since,
 * else it waits for the owner's one click.
 */
export const GAP_RESERVE_MAX_MS = 14 * DAY_MS;

/**
 * Hours of reserve each hour of running earns: a shop open 6 hours and closed 18 keeps its nights
 * believed. Faster earning does not let a ratchet go further than GAP_BELIEVED_MAX_MS.
 */
export const GAP_RESERVE_EARN = 3;

/** A believed gap longer than this is written to the owner's log (a closure they can recognise). */
export const GAP_AUDITED_MS = 3 * DAY_MS;

/**
 * And in all, between two confirmations by the owner, at most this much unwatched time is
 * believed: the reserve refills with running time, so without this a year of running with the
 * clock moved ahead a little before each restart could put the purge date months ahead. A shop
 * closed every night reaches it in about four months; then the purge waits for the owner's click
 * (the health screen and the deletion page ask), which starts a new period.
 */
export const GAP_BELIEVED_MAX_MS = 60 * DAY_MS;

/**
 * Being held back by more than this is reported (the purge result, its audit entry, the health
 * screen): the wall clock is ahead of the time the app has seen pass.
 */
export const HELD_BACK_REPORTED_MS = DAY_MS;

/** Whole days the wall clock was last seen ahead of the confirmed time (empty: not ahead). */
export const CLOCK_AHEAD_META = 'retention_clock_ahead_days';

/** The latest confirmed wall time, kept in the vault: the next start measures its gap from it. */
export const CONFIRMED_AT_META = 'clock_confirmed_at';
/** What is left of the reserve (ms): absent in a new or older vault, which starts with none. */
export const GAP_RESERVE_META = 'clock_gap_reserve_ms';
/** Unwatched time believed since the owner last confirmed the date (ms). */
export const GAP_BELIEVED_META = 'clock_gap_believed_ms';

/** The reserve and the confirmed time are written at most this often while the app runs. */
const SAVE_EVERY_MS = 60_000;

function metaNumber(db: Db, key: string): number | null {
  const v = Number(getMeta(db, key) ?? NaN);
  return Number.isFinite(v) ? v : null;
}

/**
 * The wall time the app has seen pass: deletion schedules and backup ages are the shop's
 * calendar dates, but a date is acted on only once elapsed time (the monotonic clock, which
 * setting the computer's clock does not move) confirms it. The first reading of a run (or after
 * the laptop woke: the monotonic clock stands still while it sleeps) starts from the last
 * confirmed date (the latest of `since`, what the vault kept and what this run had confirmed),
 * believing the wall ahead of it only as far as the reserve (GAP_RESERVE_MAX_MS) allows;
 * afterwards the confirmed time is the wall, but never more than the start plus the monotonic
 * time elapsed. So a clock set back and nudged, jumped ahead while the app runs, or moved ahead
 * before each of many restarts moves nothing beyond the time the app saw pass and the reserve
 * it earned; a wall clock that is right is followed exactly. One per app run, shared by the
 * purge and the backups.
 */
export class ConfirmedTime {
  private start: { at: number; mono: number } | null = null;
  /**
   * The monotonic time this run (or this wake) began: time since then was watched, even before
   * the first reading (a day the app ran before anything asked the time is not a gap).
   */
  private origin: number;
  /** What this run had confirmed before the laptop slept (a start never believes less). */
  private beforeSleep: number | null = null;
  /** The reserve as this run knows it (null: not read from the vault yet), and when it was filled. */
  private reserve: number | null = null;
  /** Unwatched time believed since the owner last confirmed (read with the reserve). */
  private believedSince = 0;
  private filledAt = 0;
  private savedAt: number | null = null;

  /** `vault`: the open vault, where the reserve and the confirmed time are kept (null: locked). */
  constructor(
    private readonly clock: Clock,
    private readonly vault: () => Db | null = () => null,
    /** Told of every believed gap over GAP_AUDITED_MS (the owner's log): its length and the reserve left. */
    private readonly believedGap: (gapMs: number, reserveLeftMs: number) => void = () => {},
  ) {
    this.origin = clock.monotonic();
  }

  /** The wall clock now and the latest wall time confirmed; `since` is the vault's last confirmed date. */
  read(since: number | null): { wall: number; confirmed: number } {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const db = this.vault();
    this.fill(mono, db);
    if (!this.start) {
      const kept = db ? metaNumber(db, CONFIRMED_AT_META) : null;
      const known = [since, kept, this.beforeSleep].filter((v): v is number => v !== null);
      // The wall clock when this run began, as far as the time watched since tells.
      const began = wall - Math.max(0, mono - this.origin);
      let at = began;
      if (known.length > 0) {
        const from = Math.max(...known);
        // Behind the last confirmed date: nothing moves until the app sees time pass. Ahead:
        // believed as far as the reserve goes, the rest held (the owner is told, and confirms).
        const allowed = Math.max(0, Math.min(this.reserve ?? 0, GAP_BELIEVED_MAX_MS - this.believedSince));
        const believed = Math.min(Math.max(0, began - from), allowed);
        this.reserve = (this.reserve ?? 0) - believed;
        this.believedSince += believed;
        at = from + believed;
        if (believed > GAP_AUDITED_MS) this.believedGap(believed, this.reserve);
      }
      this.start = { at, mono: this.origin };
      this.savedAt = null;
    }
    const confirmed = Math.min(wall, this.start.at + Math.max(0, mono - this.start.mono));
    this.save(db, mono, confirmed);
    return { wall, confirmed };
  }

  /**
   * The confirmed time now for the open vault, from its purge horizon (as the timed jobs read it):
   * what member points count from, so a clock set ahead does not put their expiry off.
   */
  confirmedNow(db: Db): number {
    const since = Number(getMeta(db, 'retention_horizon') ?? NaN);
    return this.read(Number.isFinite(since) ? since : null).confirmed;
  }

  /** The owner confirmed the computer's date and time: from now on, the wall as it is. */
  believeWall(): void {
    const mono = this.clock.monotonic();
    this.start = { at: this.clock.now(), mono };
    this.reserve = GAP_RESERVE_MAX_MS;
    this.believedSince = 0;
    this.filledAt = mono;
    this.savedAt = null;
    this.save(this.vault(), mono, this.start.at, true);
  }

  /**
   * The laptop woke from sleep: the monotonic clock stood still while it slept, so the time slept
   * is a gap like the app being closed; the next reading starts again from what was confirmed.
   */
  resumed(): void {
    if (this.start) this.beforeSleep = this.read(null).confirmed;
    this.start = null;
    this.origin = this.clock.monotonic();
  }

  /** Time seen pass fills the reserve (read from the vault the first time). */
  private fill(mono: number, db: Db | null): void {
    if (this.reserve === null) {
      if (!db) return;
      this.reserve = Math.min(GAP_RESERVE_MAX_MS, Math.max(0, metaNumber(db, GAP_RESERVE_META) ?? 0));
      this.believedSince = Math.max(0, metaNumber(db, GAP_BELIEVED_META) ?? 0);
      this.filledAt = mono;
      return;
    }
    this.reserve = Math.min(
      GAP_RESERVE_MAX_MS,
      this.reserve + GAP_RESERVE_EARN * Math.max(0, mono - this.filledAt),
    );
    this.filledAt = mono;
  }

  /**
   * Keeps the reserve and the latest confirmed time in the vault: at a start, then once a minute
   * (a crash loses at most a minute of reserve, never gives any).
   */
  private save(db: Db | null, mono: number, confirmed: number, owner = false): void {
    if (!db || this.reserve === null) return;
    if (this.savedAt !== null && mono - this.savedAt < SAVE_EVERY_MS) return;
    const kept = metaNumber(db, CONFIRMED_AT_META);
    db.transaction(() => {
      setMeta(db, GAP_RESERVE_META, String(Math.floor(this.reserve!)));
      setMeta(db, GAP_BELIEVED_META, String(Math.ceil(this.believedSince)));
      // Never moved back (a clock set back while running lowers the wall, not what was
      // confirmed), unless the owner says the wall is right.
      const at = owner || kept === null ? confirmed : Math.max(kept, confirmed);
      setMeta(db, CONFIRMED_AT_META, String(at));
    })();
    this.savedAt = mono;
  }
}
