import type { DeletionSchedule, RetentionPolicy } from '../../../shared/domain';
import { RETENTION_LIMITS } from '../../../shared/domain';
import { addMonthsWib, DAY_MS, periodEnd, startOfDayWib } from '../../../shared/shop-time';
import { cachedStatement, type Db } from '../../vault/database';
import { getMeta } from '../settings.service';

const DEFAULTS: RetentionPolicy = {
  inactiveMonths: 24,
  consentLapseMonths: 0,
  salesKeepYears: 10,
  keepReviewMonths: 6,
};
export const POLICY_META: Record<keyof RetentionPolicy, string> = {
  inactiveMonths: 'retention_inactive_months',
  consentLapseMonths: 'retention_consent_lapse_months',
  salesKeepYears: 'retention_sales_years',
  keepReviewMonths: 'retention_keep_review_months',
};

export function readPolicy(db: Db): RetentionPolicy {
  const out = { ...DEFAULTS };
  for (const k of Object.keys(POLICY_META) as (keyof RetentionPolicy)[]) {
    const v = Number(getMeta(db, POLICY_META[k]) ?? NaN);
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

export interface Candidate {
  id: number;
  name: string;
  phone_e164: string | null;
  last_activity_at: number;
  keep_until: number | null;
  keep_reason: string | null;
}

/**
 * Customers who may be due before `until`: the SQL bound is a few days generous (month-end
 * clamping), the exact date is then computed per customer with scheduleFor.
 */
export function dueCandidates(db: Db, policy: RetentionPolicy, until: number): Candidate[] {
  const bound = addMonthsWib(until, -policy.inactiveMonths) + 4 * DAY_MS;
  return cachedStatement(
    db,
    // Two indexed halves rather than one OR, which would scan every customer.
    `SELECT id, name, phone_e164, last_activity_at, keep_until, keep_reason FROM customers
     WHERE last_activity_at < ?
     UNION
     SELECT id, name, phone_e164, last_activity_at, keep_until, keep_reason FROM customers
     WHERE keep_until IS NOT NULL AND keep_until < ?`,
  ).all(bound, until) as Candidate[];
}
