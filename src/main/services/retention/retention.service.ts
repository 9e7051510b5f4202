import type {
  Page,
  PurgeResult,
  RetentionPolicy,
  RetentionProgress,
  ReviewItem,
} from '../../../shared/domain';
import { RETENTION_LIMITS } from '../../../shared/domain';
import { addMonthsWib, DAY_MS, startOfDayWib } from '../../../shared/calendar';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import { runOnWorker, type WorkerFactory } from '../../lib/worker-job';
import type { Clock } from '../../ports/ports';
import { cachedStatement, type Db } from '../../vault/database';
import type { VaultState } from '../../vault/vault-state';
import { customerWriter, purgeIndexRemnants } from '../customers.repo';
import { formatPhone, maskPhone } from '../phone';
import { getMeta, setMeta } from '../settings.service';
import { foldText } from '../text';
import { eraseCustomers } from './erase';
import { purgeSteps, type PurgeInput, type PurgeRequest } from './purge';
import { dueCandidates, POLICY_META, readPolicy, scheduleFor } from './schedule';

export { readPolicy, scheduleFor } from './schedule';

export type RetentionJob = Job<RetentionProgress['phase']>;

/**
 * How far one purge may move its date past the last one. A laptop clock set years ahead must not
 * erase every customer at once: each daily run advances at most this much, so a wrong clock
 * erases only what was due within weeks anyway, and the owner has time to notice.
 */
export const MAX_HORIZON_STEP_MS = 45 * DAY_MS;

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
      nativeBinding?: string;
      /** The long-job worker: the purge runs there, on its own connection (main stays responsive). */
      worker?: WorkerFactory;
      /**
       * Removes files outside the vault that still hold customers (a restore's leftovers): before
       * an erasure by hand, after a purge that erased someone.
       */
      afterErase?: () => void;
    },
  ) {}

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
    const changed = cachedStatement(
      this.db,
      'UPDATE customers SET keep_until = ?, keep_reason = ? WHERE id = ?',
    ).run(until, reason.trim(), customerId).changes;
    if (changed === 0) throw new AppError('NOT_FOUND');
    customerWriter(this.db).generation++;
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

  /** Whether the daily automatic purge should run now. */
  autoDue(): boolean {
    const last = Number(getMeta(this.db, 'retention_last_run_at') ?? 0);
    const now = this.d.clock.now();
    return now - last >= DAY_MS || now < last;
  }

  /**
   * The purge date: today, but never more than MAX_HORIZON_STEP_MS past the previous purge's date
   * (a clock moved ahead). A clock moved back purges nothing new.
   */
  private horizon(now: number): { at: number; heldBack: boolean } {
    const prev = Number(getMeta(this.db, 'retention_horizon') ?? NaN);
    if (!Number.isFinite(prev)) return { at: now, heldBack: false };
    const cap = prev + MAX_HORIZON_STEP_MS;
    return now > cap ? { at: cap, heldBack: true } : { at: Math.max(now, prev), heldBack: false };
  }

  /** The purge (see purge.ts): on the worker when there is one, else here between event-loop turns. */
  async purge(job: RetentionJob): Promise<PurgeResult> {
    const db = this.db;
    const now = this.d.clock.now();
    const { at, heldBack } = this.horizon(now);
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
      // Customers changed on another connection: checks made before are stale.
      customerWriter(db).generation++;
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
      setMeta(db, 'retention_last_run_at', String(now));
    })();
    if (result.erased > 0) this.d.afterErase?.();
    return { ...result, heldBack };
  }
}
