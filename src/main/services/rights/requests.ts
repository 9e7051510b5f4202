import {
  FULFILMENTS_ON_DATA,
  REQUEST_FULFILMENTS,
  type Page,
  type RequestAction,
  type RequestChannel,
  type RequestsSummary,
  type RequestType,
  type RightsRequest,
} from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { consentStates, recordConsent } from '../consent.service';
import { setRestricted } from '../customers.service';
import { isOwner } from '../users.repo';
import { endJoinCodesOf } from '../join.service';

/**
 * The register of customers' requests (UU PDP Art. 14) and its 3 x 24-hour clock. Anyone at the
 * counter records a request; the owner fulfils or refuses it. The deadline is 72 hours from
 * receipt, a span of hours rather than calendar days, so it is the same whatever the laptop's
 * time zone; the screen shows it in the shop's (WIB).
 */
export const DEADLINE_MS = 72 * 3_600_000;
/** "Due soon" on the owner's home: within the last 24 hours before the deadline. */
export const DUE_SOON_MS = 24 * 3_600_000;
/** A request is recorded when it arrives; one older than this is a typing mistake. */
const OLDEST_MS = 30 * 24 * 3_600_000;
/** Clock skew allowed between the staff's "received at" and the laptop's clock. */
const FUTURE_SLACK_MS = 5 * 60_000;
/**
 * How far back anyone may date a request without a reason: a request noted after the customer
 * left, within a shift. It costs the 72-hour deadline at most 4 hours (about 5%); a cashier
 * cannot make a request overdue, or nearly so, at creation. Earlier than that only the owner
 * records it, saying why (kept with the request and shown with it).
 */
export const BACKDATE_GRACE_MS = 4 * 3_600_000;

interface Row {
  id: number;
  type: RequestType;
  customer_id: number | null;
  customer_ref: number | null;
  customer_name: string | null;
  requester: string | null;
  details: string | null;
  received_at: number;
  due_at: number;
  channel: RequestChannel;
  verified_by_name: string | null;
  verification: string;
  status: RightsRequest['status'];
  action: RequestAction | null;
  outcome: string | null;
  closed_at: number | null;
  closed_by_name: string | null;
  created_by_name: string | null;
  received_reason: string | null;
  dismissed: number;
}

const SELECT = `SELECT r.*, c.name AS customer_name, v.name AS verified_by_name, x.name AS closed_by_name,
    k.name AS created_by_name
  FROM requests r LEFT JOIN customers c ON c.id = r.customer_id LEFT JOIN users v ON v.id = r.verified_by
  LEFT JOIN users x ON x.id = r.closed_by LEFT JOIN users k ON k.id = r.created_by`;

function toRequest(r: Row): RightsRequest {
  return {
    id: r.id,
    type: r.type,
    customerId: r.customer_id,
    customerRef: r.customer_ref,
    customerName: r.customer_name,
    requester: r.requester,
    details: r.details,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    channel: r.channel,
    verifiedBy: r.verified_by_name,
    verification: r.verification,
    status: r.status,
    action: r.action,
    outcome: r.outcome,
    closedAt: r.closed_at,
    closedBy: r.closed_by_name,
    createdBy: r.created_by_name,
    receivedReason: r.received_reason,
    dismissed: r.dismissed === 1,
  };
}

export interface NewRequest {
  type: RequestType;
  customerId: number | null;
  requester?: string | null;
  details?: string | null;
  receivedAt?: number;
  channel: RequestChannel;
  verification: string;
  acknowledgeLate?: boolean;
  receivedReason?: string | null;
}

export function createRequest(db: Db, request: NewRequest, actor: string, now: number): RightsRequest {
  const input = { ...request, receivedAt: request.receivedAt ?? now };
  if (input.receivedAt > now + FUTURE_SLACK_MS) {
    throw new AppError('VALIDATION', {
      fields: ['receivedAt'],
      issues: [{ field: 'receivedAt', reason: 'future_date' }],
    });
  }
  if (input.receivedAt < now - OLDEST_MS) {
    throw new AppError('VALIDATION', { fields: ['receivedAt'], reason: 'request_too_old' });
  }
  const backdated = input.receivedAt < now - BACKDATE_GRACE_MS;
  const reason = input.receivedReason?.trim() || null;
  if (backdated && !isOwner(db, actor)) {
    throw new AppError('FORBIDDEN', { fields: ['receivedAt'], reason: 'request_backdate_owner' });
  }
  const dueAt = input.receivedAt + DEADLINE_MS;
  if (dueAt <= now && !input.acknowledgeLate) {
    throw new AppError('VALIDATION', { fields: ['receivedAt'], reason: 'request_late' });
  }
  if (backdated && (reason === null || reason.length < 10)) {
    throw new AppError('VALIDATION', {
      fields: ['receivedReason'],
      issues: [{ field: 'receivedReason', reason: reason === null ? 'required' : 'too_short', limit: 10 }],
    });
  }
  if (input.customerId === null && !input.requester?.trim()) {
    throw new AppError('VALIDATION', {
      fields: ['requester'],
      issues: [{ field: 'requester', reason: 'required' }],
    });
  }
  if (
    input.customerId !== null &&
    !db.prepare('SELECT 1 FROM customers WHERE id = ?').get(input.customerId)
  ) {
    throw new AppError('NOT_FOUND');
  }
  const info = db
    .prepare(
      `INSERT INTO requests (type, customer_id, customer_ref, requester, details, received_at, due_at, channel,
         verified_by, verification, created_by, created_at, received_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.type,
      input.customerId,
      input.customerId,
      input.customerId === null ? input.requester!.trim() : null,
      input.details?.trim() || null,
      input.receivedAt,
      dueAt,
      input.channel,
      actor,
      input.verification.trim(),
      actor,
      now,
      backdated ? reason : null,
    );
  // Asking to withdraw answers any WhatsApp code still open for the customer: only one made after
  // it is their asking again (whatever time the request was recorded at).
  if (input.type === 'withdrawal' && input.customerId !== null) endJoinCodesOf(db, input.customerId, now);
  return getRequest(db, Number(info.lastInsertRowid));
}

export function getRequest(db: Db, id: number): RightsRequest {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toRequest(row);
}

/** Open requests by deadline (the most urgent first); closed ones newest first. */
export function listRequests(
  db: Db,
  filter: { status: 'open' | 'closed' | 'all'; customerId?: number },
  offset: number,
  limit: number,
): Page<RightsRequest> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.status === 'open') where.push("r.status = 'open'");
  if (filter.status === 'closed') where.push("r.status <> 'open'");
  if (filter.customerId !== undefined) {
    where.push('r.customer_id = ?');
    args.push(filter.customerId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = filter.status === 'open' ? 'r.due_at, r.id' : 'r.received_at DESC, r.id DESC';
  const total = db
    .prepare(`SELECT count(*) FROM requests r ${clause}`)
    .pluck()
    .get(...args) as number;
  const rows = db
    .prepare(`${SELECT} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as Row[];
  return { total, offset, items: rows.map(toRequest) };
}

export function requestsSummary(db: Db, now: number): RequestsSummary {
  const r = db
    .prepare(
      `SELECT count(*) AS open, coalesce(sum(due_at <= @now), 0) AS overdue,
              coalesce(sum(due_at > @now AND due_at <= @soon), 0) AS due_soon, min(due_at) AS next_due
       FROM requests WHERE status = 'open'`,
    )
    .get({ now, soon: now + DUE_SOON_MS }) as {
    open: number;
    overdue: number;
    due_soon: number;
    next_due: number | null;
  };
  return { open: r.open, overdue: r.overdue, dueSoon: r.due_soon, nextDueAt: r.next_due };
}

/**
 * Checks that `action` may fulfil this request now, before anything is done: the request is
 * open, the action fits its type, and actions on data have a customer.
 */
export function checkFulfil(db: Db, id: number, action: RequestAction, note: string | null | undefined) {
  const req = getRequest(db, id);
  if (req.status !== 'open') throw new AppError('CONFLICT', { reason: 'request_closed' });
  if (!REQUEST_FULFILMENTS[req.type].includes(action)) {
    throw new AppError('VALIDATION', { fields: ['action'], reason: 'request_action' });
  }
  if (FULFILMENTS_ON_DATA.has(action) && req.customerId === null) {
    throw new AppError('CONFLICT', { reason: 'request_no_customer' });
  }
  if (action === 'done' && !note?.trim()) {
    throw new AppError('VALIDATION', { fields: ['note'], issues: [{ field: 'note', reason: 'required' }] });
  }
  return req;
}

/** The consent method a request's channel stands for (how the withdrawal reached the shop). */
const METHOD: Record<RequestChannel, 'verbal' | 'paper' | 'digital'> = {
  in_person: 'verbal',
  phone: 'verbal',
  letter: 'paper',
  whatsapp: 'digital',
};

/**
 * The parts of a fulfilment that change the vault, in one transaction with closing the request
 * (erasure runs through the retention service, printing and saving files at the edge first).
 */
export function applyAndClose(
  db: Db,
  req: RightsRequest,
  action: RequestAction,
  outcome: string | null,
  actor: string,
  now: number,
): void {
  db.transaction(() => {
    if (action === 'withdraw') {
      for (const s of consentStates(db, req.customerId!)) {
        if (!s.granted) continue;
        recordConsent(db, {
          customerId: req.customerId!,
          purposeId: s.purposeId,
          action: 'withdrawn',
          method: METHOD[req.channel],
          actor,
          at: now,
        });
      }
    }
    if (action === 'restrict') setRestricted(db, req.customerId!, true, now);
    if (action === 'lift_restriction') setRestricted(db, req.customerId!, false, now);
    close(db, req.id, 'done', action, outcome, actor, now);
  })();
}

export function close(
  db: Db,
  id: number,
  status: 'done' | 'refused',
  action: RequestAction | null,
  outcome: string | null,
  actor: string,
  now: number,
): void {
  const changed = db
    .prepare(
      "UPDATE requests SET status = ?, action = ?, outcome = ?, closed_at = ?, closed_by = ? WHERE id = ? AND status = 'open'",
    )
    .run(status, action, outcome?.trim() || null, now, actor, id).changes;
  if (changed !== 1) throw new AppError('CONFLICT', { reason: 'request_closed' });
}

/** Refuses an open request; the reason is kept and shown in the answer to the customer. */
export function refuse(db: Db, id: number, reason: string, actor: string, now: number): void {
  const req = getRequest(db, id);
  if (req.status !== 'open') throw new AppError('CONFLICT', { reason: 'request_closed' });
  close(db, id, 'refused', null, reason, actor, now);
}

/**
 * Refuses many open requests at once with one reason: a flood recorded to bury the genuine ones
 * is cleared without a refusal each. Requests already closed (or unknown) are left as they are and
 * counted as skipped; all in one transaction.
 */
export function dismissRequests(
  db: Db,
  ids: readonly number[],
  reason: string,
  actor: string,
  now: number,
): { dismissed: number[]; skipped: number } {
  return db.transaction(() => {
    const stmt = db.prepare(
      "UPDATE requests SET status = 'refused', action = NULL, outcome = ?, closed_at = ?, closed_by = ?, dismissed = 1 WHERE id = ? AND status = 'open'",
    );
    const unique = [...new Set(ids)];
    const dismissed = unique.filter((id) => stmt.run(reason.trim(), now, actor, id).changes === 1);
    return { dismissed, skipped: unique.length - dismissed.length };
  })();
}

/** The audit entries of the customer's edits since a correction request came in (its "link"). */
export function correctionEdits(db: Db, customerId: number, since: number): number[] {
  return db
    .prepare(
      "SELECT id FROM audit_log WHERE action = 'customer.update' AND target = ? AND outcome = 'ok' AND at >= ? ORDER BY id",
    )
    .pluck()
    .all(String(customerId), since) as number[];
}

/** The columns a request's answer sets (a restore carries them for requests answered since the backup). */
export const ANSWER_COLUMNS = ['status', 'action', 'outcome', 'closed_at', 'closed_by'] as const;

/** A restore re-applies the answer given since the backup to a request it holds. */
export function reapplyAnswer(db: Db, r: Record<string, unknown>): void {
  db.prepare(
    `UPDATE requests SET ${ANSWER_COLUMNS.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`,
  ).run(Object.fromEntries(['id', ...ANSWER_COLUMNS].map((k) => [k, r[k]])));
}
