import type {
  Page,
  PurgeResult,
  RetentionPolicy,
  RetentionProgress,
  ReviewItem,
} from '../../../shared/domain';
import { RETENTION_LIMITS } from '../../../shared/domain';
import { addMonthsWib, DAY_MS, startOfDayWib } from '../../../shared/shop-time';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import { runOnWorker, type WorkerFactory } from '../../lib/worker-job';
import type { Clock } from '../../ports/ports';
import type { Db } from '../../vault/database';
import type { VaultState } from '../../vault/vault-state';
import { customerWriter, purgeIndexRemnants } from '../customers.repo';
import { formatPhone, maskPhone } from '../phone';
import { getMeta, setMeta } from '../settings.service';
import { foldText } from '../text';
import { eraseCustomers } from './erase';
import { purgeSteps, type PurgeInput, type PurgeRequest } from './purge';
import { dueCandidates, POLICY_META, readPolicy, scheduleFor } from './schedule';
import { CLOCK_AHEAD_META, ConfirmedTime, HELD_BACK_REPORTED_MS } from '../confirmed-time';

export { readPolicy, scheduleFor } from './schedule';

export type RetentionJob = Job<RetentionProgress['phase']>;

/**
 * Deletion schedules (UU PDP Art. 42-44): the policies, each customer's due date, the review page,
 * keeping past the date with a reason, erasing now, and the automatic purge. Owner only (the
 * router enforces it and audits every call).
 */
export class RetentionService {
  constructor(
    private readonly d: {
      vault: VaultState;
      clock: Clock;
      /** The app run's confirmed time, shared with the backups (one is made when not given). */
      time?: ConfirmedTime;
      nativeBinding?: string;
      /** The long-job worker: the purge runs there, on its own connection (main stays responsive). */
      worker?: WorkerFactory;
      /**
       * Removes files outside the vault that still hold customers (a restore's leftovers): before
       * an erasure by hand, after a purge that erased someone.
       */
      afterErase?: () => void;
    },
  ) {
    this.time = d.time ?? new ConfirmedTime(d.clock, () => (d.vault.isOpen() ? d.vault.requireDb() : null));
  }

  /** The time this run of the app has seen pass (see confirmed-time.ts): the purge acts on it alone. */
  private readonly time: ConfirmedTime;

  private get db(): Db {
    return this.d.vault.requireDb();
  }

  policy(): RetentionPolicy {
    return readPolicy(this.db);
  }

  setPolicy(p: RetentionPolicy): RetentionPolicy {
    const keys = Object.keys(POLICY_META) as (keyof RetentionPolicy)[];
    for (const k of keys) {
      const v = p[k];
      if (!Number.isInteger(v) || v < RETENTION_LIMITS[k].min || v > RETENTION_LIMITS[k].max)
        throw new AppError('VALIDATION', {
          fields: [k],
          issues: [
            {
              field: k,
              reason: !Number.isInteger(v)
                ? 'not_whole'
                : v < RETENTION_LIMITS[k].min
                  ? 'too_small'
                  : 'too_big',
              limit: v < RETENTION_LIMITS[k].min ? RETENTION_LIMITS[k].min : RETENTION_LIMITS[k].max,
            },
          ],
        });
    }
    this.db.transaction(() => {
      for (const k of keys) setMeta(this.db, POLICY_META[k], String(p[k]));
    })();
    return this.policy();
  }

  /** Customers due within `days` (kept ones once their review date is that near), soonest first. */
  review(query: string, days: number, offset: number, limit: number): Page<ReviewItem> {
    const policy = this.policy();
    const now = this.d.clock.now();
    const until = startOfDayWib(now) + (days + 1) * DAY_MS;
    const folded = foldText(query);
    const digits = query.replace(/\D/g, '');
    const matching = dueCandidates(this.db, policy, until)
      .filter(
        (r) =>
          !query.trim() ||
          foldText(r.name).includes(folded) ||
          (digits.length >= 4 && (r.phone_e164 ?? '').endsWith(digits)),
      )
      .map((r) => ({ r, schedule: scheduleFor(policy, r) }))
      .filter((x) => x.schedule.dueAt < until)
      .sort((a, b) => a.schedule.dueAt - b.schedule.dueAt || a.r.id - b.r.id);
    return {
      total: matching.length,
      offset,
      items: matching.slice(offset, offset + limit).map(({ r, schedule }) => ({
        id: r.id,
        name: r.name,
        phone: r.phone_e164 ? maskPhone(formatPhone(r.phone_e164)) : null,
        schedule,
        overdue: schedule.dueAt <= now,
      })),
    };
  }

  /** Keeps a customer past the due date, with the owner's written reason, until a review date. */
  keep(customerId: number, reason: string): void {
    const until = addMonthsWib(this.d.clock.now(), this.policy().keepReviewMonths);
    if (!customerWriter(this.db).setKeep(customerId, until, reason.trim())) throw new AppError('NOT_FOUND');
  }

  /** Erase now (the owner, from the customer page; later also a customer's erasure request). */
  eraseNow(
    customerId: number,
    reason: 'owner' | 'request' = 'owner',
  ): { erased: number; purchasesKept: number } {
    const db = this.db;
    // First: no crash after the erasure can leave them holding the erased customer.
    if (db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) this.d.afterErase?.();
    const result = db.transaction(() => eraseCustomers(db, [customerId], reason, this.d.clock.now()))();
    if (result.erased === 0) throw new AppError('NOT_FOUND');
    purgeIndexRemnants(db);
    return result;
  }

  /** The last purge date and the confirmed time now (the purge never moves its date back). */
  private confirmedNow(): { wall: number; at: number } {
    const prev = Number(getMeta(this.db, 'retention_horizon') ?? NaN);
    const { wall, confirmed } = this.time.read(Number.isFinite(prev) ? prev : null);
    const at = Number.isFinite(prev) ? Math.max(prev, confirmed) : confirmed;
    // The owner sees (health screen) a wall clock ahead of what the app has seen pass, in whole
    // days; written only when that changes, not at every tick.
    const ahead = wall - at > HELD_BACK_REPORTED_MS ? String(Math.floor((wall - at) / DAY_MS)) : '';
    if ((getMeta(this.db, CLOCK_AHEAD_META) ?? '') !== ahead) setMeta(this.db, CLOCK_AHEAD_META, ahead);
    return { wall, at };
  }

  /**
   * Whether the daily automatic purge should run now: a confirmed day since the last one. A clock
   * set back or ahead makes nothing due (the clock ratchet: each nudge back used to count as due).
   */
  autoDue(): boolean {
    const last = Number(getMeta(this.db, 'retention_last_run_at') ?? NaN);
    if (!Number.isFinite(last)) return true;
    const { at } = this.confirmedNow();
    // A last run dated after the confirmed time (written by a wrong clock) is stale, not "recent".
    return at - last >= DAY_MS || last > at;
  }

  /**
   * The owner confirmed the computer's date and time are right: the wall clock now is believed
   * (for the backups too). Returns how many whole days it was ahead of the confirmed time.
   */
  confirmClock(): { clockAheadDays: number } {
    const { wall, at } = this.confirmedNow();
    this.time.believeWall();
    setMeta(this.db, CLOCK_AHEAD_META, '');
    return { clockAheadDays: Math.max(0, Math.floor((wall - at) / DAY_MS)) };
  }

  /** The purge (see purge.ts): on the worker when there is one, else here between event-loop turns. */
  async purge(job: RetentionJob): Promise<PurgeResult> {
    const db = this.db;
    const { wall: now, at } = this.confirmedNow();
    const heldBack = now - at > HELD_BACK_REPORTED_MS;
    const input: PurgeInput = { policy: this.policy(), at, now };
    let result: PurgeResult;
    if (this.d.worker) {
      const request: PurgeRequest = {
        kind: 'purge',
        vaultPath: this.d.vault.path,
        dek: Buffer.from(this.d.vault.requireDek()),
        nativeBinding: this.d.nativeBinding,
        input,
      };
      // The worker defers checkpoints to its end; main must not start one of the growing WAL
      // either (it would stall main for as long as it takes).
      db.pragma('wal_autocheckpoint = 0');
      try {
        result = (await runOnWorker(this.d.worker, job, request, (m) =>
          job.progress(m.phase as RetentionProgress['phase'], m.done ?? 0, m.total ?? 1),
        )) as PurgeResult;
      } finally {
        (request.dek as Buffer).fill(0);
        if (this.d.vault.isOpen()) db.pragma('wal_autocheckpoint = 1000');
      }
      customerWriter(db).changedElsewhere();
    } else {
      const steps = purgeSteps(db, input);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          result = step.value;
          break;
        }
        job.progress(step.value.phase, step.value.done, step.value.total);
        await job.checkpoint();
      }
    }
    db.transaction(() => {
      setMeta(db, 'retention_horizon', String(Math.max(at, Number(getMeta(db, 'retention_horizon') ?? 0))));
      setMeta(db, 'retention_last_run_at', String(at));
    })();
    if (result.erased > 0) this.d.afterErase?.();
    return { ...result, heldBack };
  }
}
