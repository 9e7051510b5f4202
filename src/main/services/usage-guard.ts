import type { SessionUser } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Db } from '../vault/database';
import type { Auditor } from './auditor';
import { getMeta, setMeta } from './settings.service';

export interface UsageLimits {
  /** Searches a cashier may make per minute. */
  searchesPerMinute: number;
  /** Different customers a cashier may open per hour. */
  customersPerHour: number;
  /**
   * Different customers a cashier's searches may list per hour (names with masked phones),
   * however many searches it took. Default: DEFAULT_SEARCH_BUDGET.searched.
   */
  searchedCustomersPerHour?: number;
  /**
   * Of those, different customers found by the last 4 digits of their phone. A sweep of every
   * ending stays under the search rate and lists everyone; a counter asks one ending per
   * customer served. Default: DEFAULT_SEARCH_BUDGET.phoneEndings.
   */
  phoneEndingCustomersPerHour?: number;
}

/**
 * A busy hour (a customer a minute, half found by name typed letter by letter, half by phone
 * ending) lists about 450 different people in a shop of 1,000 and 30 by ending: both budgets are
 * well above that. A sweep of phone endings lists a new customer every few searches and a sweep
 * of name prefixes a page of new ones per search: both reach their budget within the hour.
 */
export const DEFAULT_SEARCH_BUDGET = { searched: 600, phoneEndings: 120 } as const;

/** Well above a busy counter (a search or two per customer served), far below a copying run. */
export const DEFAULT_LIMITS: UsageLimits = {
  searchesPerMinute: 60,
  customersPerHour: 120,
  searchedCustomersPerHour: DEFAULT_SEARCH_BUDGET.searched,
  phoneEndingCustomersPerHour: DEFAULT_SEARCH_BUDGET.phoneEndings,
};

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** How far back into the audit log a resumed session looks, at most (newest entries first). */
const RESUME_SCAN = 50_000;

/**
 * The guard's hourly windows, kept in the vault so that quitting and starting the app gives no
 * fresh hour: per cashier and kind, [customer id, when] pairs. "When" is on USAGE_RUNNING_META's
 * scale: the time the app has run, added up over its runs (a wall clock moved ahead, or the app
 * closed overnight, ends no window; only an hour of running does).
 */
export const USAGE_WINDOWS_META = 'usage_windows';
/** The app's running time added up over its runs (ms), as last written. */
export const USAGE_RUNNING_META = 'usage_running_ms';
/** Prefix of the other hourly limits' kept times (hourly-limit.ts), on the same scale. */
const USAGE_LIMIT_META = 'usage_limit_';

type WindowKind = 'view' | 'searchResults' | 'phoneEndings';
const WINDOW_KINDS: readonly WindowKind[] = ['view', 'searchResults', 'phoneEndings'];

/**
 * The customers `actor` worked on in the last hour, from the audit log: every entry of a cashier
 * that names a customer is a path that counted as a view (see the handlers). Newest first, and
 * no further back than an hour or RESUME_SCAN entries.
 */
export function openedSince(db: Db, actor: string, since: number): { customerId: number; at: number }[] {
  const out: { customerId: number; at: number }[] = [];
  let scanned = 0;
  for (const row of db
    .prepare('SELECT at, actor, target FROM audit_log ORDER BY id DESC')
    .iterate() as Iterable<{
    at: number;
    actor: string | null;
    target: string | null;
  }>) {
    if (row.at < since || ++scanned > RESUME_SCAN) break;
    if (row.actor === actor && row.target !== null && /^[1-9]\d{0,15}$/.test(row.target)) {
      out.push({ customerId: Number(row.target), at: row.at });
    }
  }
  return out;
}

/**
 * Unusual volume from a cashier is slowed down and reported: past a limit the call is refused
 * (THROTTLED) and one audit entry with counts is written per limit and window, not one per
 * refused call, so the owner sees it without a flood. The owner is never limited. Times are the
 * app's running time (monotonic, added up across runs in the vault): moving the clock, before or
 * after a restart, does not reset a window.
 */
export class UsageGuard {
  private readonly searches = new Map<string, number[]>();
  private readonly views = new Map<string, Map<number, number>>();
  private readonly listed = new Map<string, Map<number, number>>();
  private readonly byEnding = new Map<string, Map<number, number>>();
  private readonly reported = new Map<string, number>();

  /** The running time this run started from (read from the vault) and the monotonic time then. */
  private odometer: { base: number; mono: number } | null = null;
  /** Windows changed since they were last written (a long job held the vault's writes). */
  private dirty = false;
  /** Other hourly limits' times not written yet, by key (see keep). */
  private readonly pending = new Map<string, string>();

  constructor(
    private readonly d: {
      clock: Clock;
      auditor: Pick<Auditor, 'record'>;
      /** The open vault, where the windows are kept (absent or null: memory only). */
      vault?: () => Db | null;
      /** False while a long job holds the vault's write transaction: the windows are written later. */
      canWrite?: () => boolean;
    },
    private readonly limits: UsageLimits = DEFAULT_LIMITS,
  ) {}

  /** The app's running time now, over all its runs; the first call reads the kept windows. */
  private now(): number {
    const mono = this.d.clock.monotonic();
    if (!this.odometer) {
      const db = this.d.vault?.() ?? null;
      const kept = db ? Number(getMeta(db, USAGE_RUNNING_META) ?? 0) : 0;
      this.odometer = { base: Number.isFinite(kept) && kept > 0 ? kept : 0, mono };
      if (db) this.load(db);
    }
    return this.odometer.base + Math.max(0, mono - this.odometer.mono);
  }

  /** The windows the vault kept (what is unreadable counts as nothing: a fresh vault). */
  private load(db: Db): void {
    let kept: unknown;
    try {
      kept = JSON.parse(getMeta(db, USAGE_WINDOWS_META) ?? '{}');
    } catch {
      return;
    }
    const now = this.now();
    for (const [userId, kinds] of Object.entries((kept ?? {}) as Record<string, unknown>)) {
      for (const kind of WINDOW_KINDS) {
        const pairs = (kinds as Record<string, unknown> | null)?.[kind];
        if (!Array.isArray(pairs)) continue;
        const seen = this.windows(kind).get(userId) ?? new Map<number, number>();
        for (const pair of pairs as unknown[]) {
          if (!Array.isArray(pair) || !Number.isSafeInteger(pair[0]) || !Number.isFinite(pair[1])) continue;
          // A time past now (not written by this scale) counts as now.
          const at = Math.min(now, pair[1] as number);
          if (now - at < HOUR && (seen.get(pair[0] as number) ?? -Infinity) < at)
            seen.set(pair[0] as number, at);
        }
        this.windows(kind).set(userId, seen);
      }
    }
  }

  /** The running-time scale of the windows (for the other hourly limits, see hourly-limit.ts). */
  runningNow(): number {
    return this.now();
  }

  /** What another hourly limit kept in the vault under `key` (undefined: nothing, or locked). */
  kept(key: string): unknown {
    const db = this.d.vault?.() ?? null;
    if (!db) return undefined;
    try {
      return JSON.parse(getMeta(db, `${USAGE_LIMIT_META}${key}`) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps another hourly limit's times (on the running-time scale) in the vault, now if it can. */
  keep(key: string, value: unknown): void {
    this.pending.set(key, JSON.stringify(value));
    this.save();
  }

  private windows(kind: WindowKind): Map<string, Map<number, number>> {
    return kind === 'view' ? this.views : kind === 'searchResults' ? this.listed : this.byEnding;
  }

  /**
   * Writes the windows (the hour's entries) and the running time to the vault: after every
   * change, before the answer goes out, so a kill right after cannot lose what it counted; and
   * when the vault closes (the running time until then counts at the next start).
   */
  save(): void {
    const db = this.d.vault?.() ?? null;
    if (!db || !this.odometer) return;
    if (this.d.canWrite && !this.d.canWrite()) {
      this.dirty = true;
      return;
    }
    const now = this.now();
    const out: Record<string, Partial<Record<WindowKind, [number, number][]>>> = {};
    for (const kind of WINDOW_KINDS) {
      for (const [userId, seen] of this.windows(kind)) {
        const pairs = [...seen].filter(([, at]) => now - at < HOUR);
        if (pairs.length) (out[userId] ??= {})[kind] = pairs;
      }
    }
    db.transaction(() => {
      setMeta(db, USAGE_WINDOWS_META, JSON.stringify(out));
      setMeta(db, USAGE_RUNNING_META, String(Math.floor(now)));
      for (const [key, json] of this.pending) setMeta(db, `${USAGE_LIMIT_META}${key}`, json);
    })();
    this.dirty = false;
    this.pending.clear();
  }

  search(user: SessionUser): void {
    if (user.role === 'owner') return;
    const now = this.now();
    const recent = (this.searches.get(user.id) ?? []).filter((at) => now - at < MINUTE);
    if (recent.length >= this.limits.searchesPerMinute) {
      this.report(user, 'search', recent.length, MINUTE, now);
      throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(recent[0]! + MINUTE - now) });
    }
    recent.push(now);
    this.searches.set(user.id, recent);
  }

  /**
   * Every path that shows or hands off one customer's personal data (the record, its sales, its
   * consent history, a receipt link, a request naming them) calls this first: each different
   * customer counts once per hour.
   */
  view(user: SessionUser, customerId: number): void {
    this.count(user, 'view', this.views, [customerId], this.limits.customersPerHour);
  }

  /**
   * What a search returned: each different customer counts once per hour, however many searches
   * found them (the count is of people listed, not of calls). Over the budget the whole answer
   * is refused.
   */
  listedBySearch(user: SessionUser, customerIds: readonly number[], byPhoneEnding: boolean): void {
    // Both budgets are checked before either counts: a refused answer leaves no trace in them.
    const all = this.limits.searchedCustomersPerHour ?? DEFAULT_SEARCH_BUDGET.searched;
    const endings = this.limits.phoneEndingCustomersPerHour ?? DEFAULT_SEARCH_BUDGET.phoneEndings;
    if (byPhoneEnding) this.count(user, 'phoneEndings', this.byEnding, customerIds, endings, false);
    this.count(user, 'searchResults', this.listed, customerIds, all, false);
    if (byPhoneEnding) this.count(user, 'phoneEndings', this.byEnding, customerIds, endings);
    this.count(user, 'searchResults', this.listed, customerIds, all);
  }

  /**
   * A cashier's session begins: besides the windows the vault kept (read at the first call, on
   * the running-time scale), what the audit log says they opened in the last hour of wall time
   * counts again (entries the kept windows may have missed; a clock moved ahead only makes this
   * part find less). Times in the future (a clock moved back) count as now.
   */
  resume(user: SessionUser, opened: readonly { customerId: number; at: number }[], wallNow: number): void {
    if (user.role === 'owner') return;
    const now = this.now();
    const seen = this.views.get(user.id) ?? new Map<number, number>();
    for (const { customerId, at } of opened) {
      const mono = now - Math.max(0, wallNow - at);
      if (now - mono >= HOUR) continue;
      if ((seen.get(customerId) ?? -Infinity) < mono) seen.set(customerId, mono);
    }
    this.views.set(user.id, seen);
  }

  /** Forgets everything (tests; the app keeps its windows for as long as it runs). */
  clear(): void {
    this.searches.clear();
    this.views.clear();
    this.listed.clear();
    this.byEnding.clear();
  }

  private count(
    user: SessionUser,
    kind: 'view' | 'searchResults' | 'phoneEndings',
    windows: Map<string, Map<number, number>>,
    customerIds: readonly number[],
    limit: number,
    record = true,
  ): void {
    if (user.role === 'owner') return;
    const now = this.now();
    const seen = windows.get(user.id) ?? new Map<number, number>();
    for (const [id, at] of seen) if (now - at >= HOUR) seen.delete(id);
    const fresh = new Set(customerIds.filter((id) => !seen.has(id)));
    if (fresh.size > 0 && seen.size + fresh.size > limit) {
      this.report(user, kind, seen.size, HOUR, now);
      const oldest = seen.size ? Math.min(...seen.values()) : now;
      throw new AppError('THROTTLED', { retryAfterMs: Math.max(1, Math.ceil(oldest + HOUR - now)) });
    }
    if (!record) return;
    for (const id of customerIds) seen.set(id, now);
    windows.set(user.id, seen);
    if (fresh.size > 0 || this.dirty) this.save();
  }

  private report(
    user: SessionUser,
    kind: 'search' | 'view' | 'searchResults' | 'phoneEndings',
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
