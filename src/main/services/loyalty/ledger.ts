import type { LoyaltyEntry, LoyaltyKind, LoyaltyUndo } from '../../../shared/domain';
import { periodEnd } from '../../../shared/shop-time';
import { AppError } from '../../lib/app-error';
import { cachedStatement, type Db } from '../../vault/database';

/**
 * The points ledger (loyalty_ledger): this module is its one writer (vault/table-owners.ts).
 * Rows are appended, never edited; a customer's balance is their sum and can never go below
 * zero (checked here, and by a trigger in the vault).
 */
export interface LedgerRow {
  customerId: number;
  kind: LoyaltyKind;
  points: number;
  purchaseId?: number | null;
  rewardId?: number | null;
  reverses?: number | null;
  reason?: string | null;
  actor: string | null;
  at: number;
}

/** Whether any customer has points recorded (the notice says so even while the programme is off). */
export function hasLedger(db: Db): boolean {
  return db.prepare('SELECT 1 FROM loyalty_ledger LIMIT 1').get() !== undefined;
}

export function balanceOf(db: Db, customerId: number): number {
  return cachedStatement(db, 'SELECT coalesce(sum(points), 0) FROM loyalty_ledger WHERE customer_id = ?')
    .pluck()
    .get(customerId) as number;
}

export function appendEntry(db: Db, e: LedgerRow): number {
  if (!Number.isSafeInteger(e.points) || e.points === 0) throw new AppError('INTERNAL');
  if (e.points < 0 && balanceOf(db, e.customerId) + e.points < 0)
    throw new AppError('CONFLICT', { reason: 'loyalty_balance_low' });
  return Number(
    cachedStatement(
      db,
      `INSERT INTO loyalty_ledger (customer_id, kind, points, purchase_id, reward_id, reverses, reason, recorded_by, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.customerId,
      e.kind,
      e.points,
      e.purchaseId ?? null,
      e.rewardId ?? null,
      e.reverses ?? null,
      e.reason ?? null,
      e.actor,
      e.at,
    ).lastInsertRowid,
  );
}

export function historyOf(
  db: Db,
  customerId: number,
  offset: number,
  limit: number,
): { total: number; items: LoyaltyEntry[] } {
  const total = cachedStatement(db, 'SELECT count(*) FROM loyalty_ledger WHERE customer_id = ?')
    .pluck()
    .get(customerId) as number;
  const rows = cachedStatement(
    db,
    `SELECT l.id, l.kind, l.points, l.purchase_id, r.name AS reward_name, l.reason, u.name AS recorded_by, l.at
     FROM loyalty_ledger l LEFT JOIN loyalty_rewards r ON r.id = l.reward_id LEFT JOIN users u ON u.id = l.recorded_by
     WHERE l.customer_id = ? ORDER BY l.id DESC LIMIT ? OFFSET ?`,
  ).all(customerId, limit, offset) as {
    id: number;
    kind: LoyaltyKind;
    points: number;
    purchase_id: number | null;
    reward_name: string | null;
    reason: string | null;
    recorded_by: string | null;
    at: number;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      points: r.points,
      purchaseId: r.purchase_id,
      rewardName: r.reward_name,
      reason: r.reason,
      recordedBy: r.recorded_by,
      at: r.at,
    })),
  };
}

/**
 * What a sale did to the points and has not been taken back yet, in the order a reversal takes it
 * back: its redemption first, then its earned points.
 */
export function saleRowsStanding(
  db: Db,
  purchaseId: number,
): { id: number; customer_id: number; kind: LoyaltyKind; points: number }[] {
  return cachedStatement(
    db,
    `SELECT l.id, l.customer_id, l.kind, l.points FROM loyalty_ledger l
     WHERE l.purchase_id = ? AND l.kind IN ('earned', 'redeemed')
       AND NOT EXISTS (SELECT 1 FROM loyalty_ledger r WHERE r.reverses = l.id)
     ORDER BY CASE l.kind WHEN 'redeemed' THEN 0 ELSE 1 END, l.id`,
  ).all(purchaseId) as { id: number; customer_id: number; kind: LoyaltyKind; points: number }[];
}

/**
 * Takes back what one sale did to the points: its redemption returns, then its earned points go
 * out again. Earned points the customer already spent elsewhere or that expired cannot go out
 * twice: the balance stops at zero and the reply says how many were not taken back. A sale whose
 * rows were already taken back (or that never had any) changes nothing.
 */
export function reverseSale(db: Db, purchaseId: number, actor: string, now: number): LoyaltyUndo {
  const rows = saleRowsStanding(db, purchaseId);
  let change = 0;
  let notTakenBack = 0;
  for (const r of rows) {
    let points = -r.points;
    if (points < 0) {
      const can = Math.min(-points, balanceOf(db, r.customer_id));
      notTakenBack += -points - can;
      points = -can;
    }
    if (points === 0) continue;
    appendEntry(db, {
      customerId: r.customer_id,
      kind: 'reversed',
      points,
      purchaseId,
      reverses: r.id,
      actor,
      at: now,
    });
    change += points;
  }
  return { change, notTakenBack };
}

/**
 * Expires what is due on the shop's calendar: points earned (or returned) on a day expire at the
 * start of the same day `months` later (periodEnd). Spending takes the oldest points first, so
 * what expires for a customer is what is left of their due credits after everything they spent,
 * expired or lost before: max(0, due credits + all debits). Run again, it adds nothing.
 */
export function expireDue(db: Db, months: number, now: number): { customers: number; points: number } {
  // No period of `months` calendar months is shorter than `months` x 27 days (31 Jan 23:59 to the
  // start of 28 Feb is 27 days and a minute): newer credits are surely not due; for the older
  // ones the calendar decides.
  const older = now - months * 27 * 86_400_000;
  const credits = db
    .prepare(
      'SELECT customer_id, points, at FROM loyalty_ledger WHERE points > 0 AND at < ? ORDER BY customer_id',
    )
    .all(older) as { customer_id: number; points: number; at: number }[];
  const due = new Map<number, number>();
  for (const c of credits) {
    if (periodEnd(c.at, months) <= now) due.set(c.customer_id, (due.get(c.customer_id) ?? 0) + c.points);
  }
  const debits = cachedStatement(
    db,
    'SELECT coalesce(sum(points), 0) FROM loyalty_ledger WHERE customer_id = ? AND points < 0',
  ).pluck();
  let customers = 0;
  let points = 0;
  for (const [customerId, credit] of due) {
    const left = Math.min(credit + (debits.get(customerId) as number), balanceOf(db, customerId));
    if (left <= 0) continue;
    appendEntry(db, { customerId, kind: 'expired', points: -left, actor: null, at: now });
    customers++;
    points += left;
  }
  return { customers, points };
}

/**
 * The customer's ledger goes (withdrawal from the member purpose, erasure): processing for that
 * purpose stops, so the points are forfeited with the record of them. Returns the balance lost.
 */
export function forgetLedger(db: Db, customerId: number): number {
  const balance = balanceOf(db, customerId);
  cachedStatement(db, 'DELETE FROM loyalty_ledger WHERE customer_id = ?').run(customerId);
  return balance;
}
