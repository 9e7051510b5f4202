import type {
  DeletionSchedule,
  Page,
  PurgeResult,
  RetentionPolicy,
  RetentionProgress,
  ReviewItem,
} from '../../../shared/domain';
import { RETENTION_LIMITS } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import type { Clock } from '../../ports/ports';
import { cachedStatement, type Db } from '../../vault/database';
import type { VaultState } from '../../vault/vault-state';
import { customerWriter, purgeIndexRemnants } from '../customers.repo';
import { maskPhone, formatPhone } from '../phone';
import { getMeta, noticeVersion, setMeta } from '../settings.service';
import { foldText } from '../text';
import { addMonthsWib, DAY_MS, periodEnd, startOfDayWib } from '../../../shared/calendar';
import { eraseCustomers } from './erase';

export type RetentionJob = Job<RetentionProgress['phase']>;

const DEFAULTS: RetentionPolicy = {
  inactiveMonths: 24,
  consentLapseMonths: 0,
  salesKeepYears: 10,
  keepReviewMonths: 6,
};
const META: Record<keyof RetentionPolicy, string> = {
  inactiveMonths: 'retention_inactive_months',
  consentLapseMonths: 'retention_consent_lapse_months',
  salesKeepYears: 'retention_sales_years',
  keepReviewMonths: 'retention_keep_review_months',
};
/** Customers erased per transaction: a crash loses at most one chunk's work, never half a person. */
const CHUNK = 500;
/**
 * How far one purge may move its date past the last one. A laptop clock set years ahead must not
 * erase every customer at once: each daily run advances at most this much, so a wrong clock
 * erases only what was due within weeks anyway, and the owner has time to notice.
 */
export const MAX_HORIZON_STEP_MS = 45 * DAY_MS;

export function readPolicy(db: Db): RetentionPolicy {
  const out = { ...DEFAULTS };
  for (const k of Object.keys(META) as (keyof RetentionPolicy)[]) {
    const v = Number(getMeta(db, META[k]) ?? NaN);
    // A hand-edited or damaged value falls back to the default rather than to "erase everything".
    if (Number.isInteger(v) && v >= RETENTION_LIMITS[k].min && v <= RETENTION_LIMITS[k].max) out[k] = v;
  }
  return out;
}

/** When a customer is erased, and why. */
export function scheduleFor(
  policy: RetentionPolicy,
  c: { last_activity_at: number; keep_until: number | null; keep_reason: string | null },
): DeletionSchedule {
  const due = periodEnd(c.last_activity_at, policy.inactiveMonths);
  const kept = c.keep_until !== null && c.keep_until > due;
  return {
    dueAt: kept ? startOfDayWib(c.keep_until!) : due,
    basis: kept ? 'kept' : 'inactive',
    lastActivityAt: c.last_activity_at,
    inactiveMonths: policy.inactiveMonths,
    keepReason: c.keep_reason,
  };
}

interface Candidate {
  id: number;
  name: string;
  phone_e164: string | null;
  last_activity_at: number;
  keep_until: number | null;
  keep_reason: string | null;
}

/**
 * Deletion schedules (UU PDP Art. 42-44): the policies, each customer's due date, the review page,
 * keeping past the date with a reason, erasing now, and the automatic purge. Owner only (the
 * router enforces it and audits every call).
 */
export class RetentionService {
  constructor(private readonly d: { vault: VaultState; clock: Clock }) {}

  private get db(): Db {
    return this.d.vault.requireDb();
  }

  policy(): RetentionPolicy {
    return readPolicy(this.db);
  }

  setPolicy(p: RetentionPolicy): RetentionPolicy {
    for (const k of Object.keys(META) as (keyof RetentionPolicy)[]) {
      const v = p[k];
      if (!Number.isInteger(v) || v < RETENTION_LIMITS[k].min || v > RETENTION_LIMITS[k].max)
        throw new AppError('VALIDATION', { fields: [k] });
    }
    this.db.transaction(() => {
      for (const k of Object.keys(META) as (keyof RetentionPolicy)[]) setMeta(this.db, META[k], String(p[k]));
    })();
    return this.policy();
  }

  /** The customer page's line: due date and basis. */
  schedule(customerId: number): DeletionSchedule {
    const c = cachedStatement(
      this.db,
      'SELECT last_activity_at, keep_until, keep_reason FROM customers WHERE id = ?',
    ).get(customerId) as Candidate | undefined;
    if (!c) throw new AppError('NOT_FOUND');
    return scheduleFor(this.policy(), c);
  }

  /** Customers due within `days` (kept ones included once their review date is that near), soonest first. */
  review(query: string, days: number, offset: number, limit: number): Page<ReviewItem> {
    const policy = this.policy();
    const until = startOfDayWib(this.d.clock.now()) + (days + 1) * DAY_MS;
    const rows = this.candidates(until, policy);
    const folded = foldText(query);
    const digits = query.replace(/\D/g, '');
    const matching = rows
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
        overdue: schedule.dueAt <= this.d.clock.now(),
      })),
    };
  }

  /**
   * Customers who may be due before `until`: the SQL bound is a few days generous (month-end
   * clamping), the exact date is then computed per customer.
   */
  private candidates(until: number, policy: RetentionPolicy): Candidate[] {
    const bound = addMonthsWib(until, -policy.inactiveMonths) + 4 * DAY_MS;
    return cachedStatement(
      this.db,
      `SELECT id, name, phone_e164, last_activity_at, keep_until, keep_reason FROM customers
       WHERE last_activity_at < ? OR (keep_until IS NOT NULL AND keep_until < ?)`,
    ).all(bound, until) as Candidate[];
  }

  /** Keeps a customer past the due date, with the owner's written reason, until a review date. */
  keep(customerId: number, reason: string): void {
    const policy = this.policy();
    const until = addMonthsWib(this.d.clock.now(), policy.keepReviewMonths);
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

  /**
   * The purge: lapses promotional consent past its period, erases due customers, deletes sales
   * older than the books' period, then cleans up (search index merged, WAL truncated, freed pages
   * handed back). Chunked transactions with a checkpoint between: the app keeps answering, a crash
   * leaves every customer wholly present or wholly gone, and the next purge finishes the job.
   */
  async purge(job: RetentionJob): Promise<PurgeResult> {
    const db = this.db;
    const policy = this.policy();
    const now = this.d.clock.now();
    const { at, heldBack } = this.horizon(now);
    const result: PurgeResult = { erased: 0, consentsLapsed: 0, salesDeleted: 0, heldBack };

    if (policy.consentLapseMonths > 0) result.consentsLapsed = await this.lapse(job, db, at, policy);

    const dayEnd = startOfDayWib(at) + DAY_MS;
    const due = this.candidates(dayEnd, policy)
      .filter((c) => scheduleFor(policy, c).dueAt <= at)
      .map((c) => c.id);
    job.progress('erasing', 0, due.length);
    const recheck = cachedStatement(
      db,
      'SELECT last_activity_at, keep_until, keep_reason FROM customers WHERE id = ?',
    );
    for (let i = 0; i < due.length; i += CHUNK) {
      result.erased += db.transaction(() => {
        // Between chunks the counter goes on: someone who just bought something is no longer due.
        const ids = due.slice(i, i + CHUNK).filter((id) => {
          const c = recheck.get(id) as Candidate | undefined;
          return c !== undefined && scheduleFor(policy, c).dueAt <= at;
        });
        return eraseCustomers(db, ids, 'inactive', now);
      })().erased;
      job.progress('erasing', Math.min(i + CHUNK, due.length), due.length);
      await job.checkpoint();
    }

    const salesCutoff = addMonthsWib(at, -12 * policy.salesKeepYears);
    const oldSales = cachedStatement(db, 'SELECT count(*) FROM purchases WHERE at < ?')
      .pluck()
      .get(salesCutoff) as number;
    const deleteSales = cachedStatement(
      db,
      'DELETE FROM purchases WHERE id IN (SELECT id FROM purchases WHERE at < ? LIMIT ?)',
    );
    for (let done = 0; done < oldSales;) {
      job.progress('sales', done, oldSales);
      const n = deleteSales.run(salesCutoff, CHUNK * 10).changes;
      if (n === 0) break;
      done += n;
      result.salesDeleted += n;
      await job.checkpoint();
    }

    await this.cleanUp(job, db);
    db.transaction(() => {
      setMeta(db, 'retention_horizon', String(Math.max(at, Number(getMeta(db, 'retention_horizon') ?? 0))));
      setMeta(db, 'retention_last_run_at', String(now));
    })();
    return result;
  }

  /** Promotional consent not renewed within the period lapses: a 'lapsed' ledger row, state off. */
  private async lapse(job: RetentionJob, db: Db, at: number, policy: RetentionPolicy): Promise<number> {
    const cutoff = addMonthsWib(at, -policy.consentLapseMonths);
    const rows = db
      .prepare(
        `SELECT s.customer_id, s.purpose_id FROM consent_state s
         JOIN consent_events e ON e.id = s.event_id JOIN purposes p ON p.id = s.purpose_id
         WHERE s.granted = 1 AND p.legal_basis = 'consent' AND e.at <= ?`,
      )
      .all(cutoff) as { customer_id: number; purpose_id: number }[];
    if (rows.length === 0) return 0;
    // Recorded in the owner's name: the owner set the policy that made it lapse.
    const owner = db
      .prepare("SELECT id FROM users WHERE role = 'owner' ORDER BY active DESC, created_at LIMIT 1")
      .pluck()
      .get() as string;
    const version = noticeVersion(db);
    const writer = customerWriter(db);
    const now = this.d.clock.now();
    for (let i = 0; i < rows.length; i += CHUNK) {
      db.transaction(() => {
        for (const r of rows.slice(i, i + CHUNK)) {
          writer.recordEvent({
            customerId: r.customer_id,
            purposeId: r.purpose_id,
            action: 'lapsed',
            method: 'policy',
            actor: owner,
            at: now,
            noticeVersion: version,
            guardianName: null,
          });
        }
      })();
      job.progress('lapsing', Math.min(i + CHUNK, rows.length), rows.length);
      await job.checkpoint();
    }
    return rows.length;
  }

  /**
   * After erasing: the search index merged into one segment (no erased trigram survives in an old
   * one), the WAL truncated (it still holds old page images), and freed pages handed back to the
   * file system in steps (secure_delete has already zeroed them).
   */
  private async cleanUp(job: RetentionJob, db: Db): Promise<void> {
    job.progress('cleaning', 0, 1);
    purgeIndexRemnants(db);
    await job.checkpoint();
    for (let i = 0; i < 10_000; i++) {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) break;
      db.pragma('incremental_vacuum(2000)');
      await job.checkpoint();
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    job.progress('cleaning', 1, 1);
  }
}
