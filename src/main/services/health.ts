import { DAY_MS, startOfDayWib } from '../../shared/shop-time';
import type { HealthItem } from '../../shared/domain';
import type { Db } from '../vault/database';
import { briefingStatus } from './briefing';
import { staleConsents } from './rights/documents';
import { requestsSummary } from './rights/requests';
import { dueCandidates, readPolicy } from './retention/schedule';
import { CLOCK_AHEAD_META } from './confirmed-time';
import { getMeta } from './settings.service';
import { openIncident } from './breach/incidents';

/**
 * When a user's PIN was last set: two reads along the audit log's action and target indexes (a
 * handful of entries each), not a walk over the whole log on every visit to the health screen.
 * The user's own creation counts as the first setting: the owner's PIN is set at set-up, which is
 * not a users.create entry, so without it a PIN made today read as older than a year.
 */
export const LAST_PIN_SQL = `SELECT max(m) FROM (
  SELECT max(at) AS m FROM audit_log WHERE action = 'auth.changePin' AND actor = ? AND outcome = 'ok'
  UNION ALL
  SELECT max(at) FROM audit_log WHERE target = ? AND action IN ('users.create', 'users.resetPin') AND outcome = 'ok'
  UNION ALL
  SELECT created_at FROM users WHERE id = ?
)`;

/**
 * The owner's privacy health screen: the seed's seven points and breach readiness as live
 * status, each with the page that fixes it. Counts only, never names.
 */
export function privacyHealth(
  db: Db,
  now: number,
  keystore: { backend: string; isProtected: boolean },
): HealthItem[] {
  const one = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  const items: HealthItem[] = [];
  const add = (item: HealthItem) => items.push(item);

  // 1. Consent: customers on a promotional list all have a recorded decision; none stale.
  const customers = one('SELECT count(*) FROM customers');
  const decided = one(
    `SELECT count(DISTINCT s.customer_id) FROM consent_state s JOIN purposes p ON p.id = s.purpose_id
     WHERE p.legal_basis = 'consent'`,
  );
  const stale = staleConsents(db, 0, 1).total;
  add({
    key: 'consent',
    status: stale > 0 ? 'warn' : 'ok',
    values: { customers, decided, stale },
    page: 'privacy',
  });

  // 2. Minimization: every field collected has a written purpose.
  const fields = db.prepare('SELECT key, purpose FROM field_settings WHERE enabled = 1').all() as {
    key: string;
    purpose: string;
  }[];
  const noPurpose = fields.filter((f) => f.purpose.trim().length < 5).length;
  add({
    key: 'fields',
    status: noPurpose > 0 ? 'warn' : 'ok',
    values: { enabled: fields.length, noPurpose },
    page: 'settings',
  });

  // 3. Access: users, their PIN age, and who has read the briefing.
  const users = briefingStatus(db, now);
  const unread = users.filter((u) => !u.current).length;
  const lastPin = db.prepare(LAST_PIN_SQL);
  const oldPins = users.filter((u) => {
    const changed = (lastPin.pluck().get(u.userId, u.userId, u.userId) as number | null) ?? 0;
    return now - changed > 365 * DAY_MS;
  }).length;
  add({
    key: 'users',
    status: unread > 0 || oldPins > 0 ? 'warn' : 'ok',
    values: { users: users.length, unread, oldPins },
    page: 'settings',
  });
  const ownerKind = getMeta(db, 'owner_pin_kind');
  add({
    key: 'ownerPin',
    status: ownerKind === 'passphrase' ? 'ok' : 'warn',
    values: { kind: ownerKind ?? 'digits' },
    page: 'settings',
  });
  const autoLock = Number(getMeta(db, 'auto_lock_minutes') ?? 5);
  add({
    key: 'autoLock',
    status: autoLock <= 10 ? 'ok' : 'warn',
    values: { minutes: autoLock },
    page: 'settings',
  });

  // 4. Backups: a verified backup within the week. One dated after now is stale (the clock was
  // wrong when it was made, or is now), never "0 days ago".
  const verified = Number(getMeta(db, 'last_backup_verified_at') ?? 0);
  const future = verified > now ? 1 : 0;
  const days = verified && !future ? Math.floor((now - verified) / DAY_MS) : -1;
  add({
    key: 'backup',
    status: !getMeta(db, 'backup_key') || verified === 0 ? 'bad' : days > 7 || future ? 'warn' : 'ok',
    values: { days, future },
    page: 'backups',
  });

  // 5. Deletion: who is due in the next 30 days, who is kept past their date.
  const policy = readPolicy(db);
  const due = dueCandidates(db, policy, startOfDayWib(now) + 31 * DAY_MS).length;
  const kept = one('SELECT count(*) FROM customers WHERE keep_until IS NOT NULL AND keep_until > ?', now);
  // A wall clock ahead of the time the app has seen pass: the purge waits (it never acts on a
  // jump), and the owner is told to check the computer's date.
  const clockAheadDays = Number(getMeta(db, CLOCK_AHEAD_META) || 0);
  add({
    key: 'deletion',
    status: clockAheadDays > 0 ? 'warn' : 'ok',
    values: { due, kept, clockAheadDays },
    page: 'retention',
  });

  // 6. Customers' requests.
  const requests = requestsSummary(db, now);
  add({
    key: 'requests',
    status: requests.overdue > 0 ? 'bad' : requests.dueSoon > 0 ? 'warn' : 'ok',
    values: { open: requests.open, overdue: requests.overdue },
    page: 'privacy',
  });

  // 7. The device secret's keystore, the audit chain, and breach readiness.
  add({
    key: 'keystore',
    status: keystore.isProtected ? 'ok' : 'bad',
    values: { backend: keystore.backend },
    page: 'settings',
  });
  // A check dated after now (a clock that was ahead) is no check: never "ok" for a year.
  const auditVerified = Number(getMeta(db, 'audit_verified_at') ?? 0);
  const auditChecked = auditVerified > 0 && auditVerified <= now;
  add({
    key: 'audit',
    status: auditChecked && now - auditVerified < 31 * DAY_MS ? 'ok' : 'warn',
    values: { days: auditChecked ? Math.floor((now - auditVerified) / DAY_MS) : -1 },
    page: 'audit',
  });
  const incident = openIncident(db);
  add({
    key: 'breach',
    status: incident ? (incident.dueAt <= now ? 'bad' : 'warn') : getMeta(db, 'shop_contact') ? 'ok' : 'warn',
    values: { open: incident ? 1 : 0, contact: getMeta(db, 'shop_contact') ? 1 : 0 },
    page: 'privacy',
  });
  return items;
}
