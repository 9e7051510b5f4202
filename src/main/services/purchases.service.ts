import { startOfDayWib } from '../../shared/shop-time';
import type { PurchasePage, RecordedSale, VoidResult } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import { assertUnrestrictedFor, customerWriter } from './customers.repo';
import { reverseSale } from './loyalty/ledger';
import { applySale, quoteSale } from './loyalty/sale';

/**
 * A sale recorded at the counter; it also moves the customer's last activity (for retention).
 * With the member programme on, an active member earns on it and may redeem a reward whose
 * discount goes on the sale, in the same transaction; anyone else earns nothing and the reply
 * says whether to offer membership.
 */
export function createPurchase(
  db: Db,
  input: { customerId: number; at?: number; amount: number; items: string[]; rewardId?: number },
  actor: string,
  now: number,
  /** What the sale's points are dated (the confirmed time: a clock set ahead puts no expiry off). */
  pointsAt = now,
): RecordedSale {
  return db.transaction(() => {
    const exists = db.prepare('SELECT restricted FROM customers WHERE id = ?').get(input.customerId) as
      { restricted: number } | undefined;
    if (!exists) throw new AppError('NOT_FOUND');
    assertUnrestrictedFor(db, exists, actor);
    // A sale is recorded today or later for an earlier day, never ahead of the clock (a minute's
    // slack for a laptop whose clock is a little behind the one that filled the form).
    if (input.at !== undefined && input.at > now + 60_000)
      throw new AppError('VALIDATION', { fields: ['at'], issues: [{ field: 'at', reason: 'future_date' }] });
    const at = Math.min(input.at ?? now, now);
    const loyalty = quoteSale(db, input.customerId, input.amount, now, input.rewardId);
    const id = insertSale(
      db,
      {
        customerId: input.customerId,
        at,
        amount: input.amount,
        items: input.items,
        discount: loyalty.discount,
      },
      actor,
      now,
    );
    applySale(db, input.customerId, id, loyalty, input.rewardId, actor, Math.min(now, pointsAt));
    customerWriter(db).touchActivity(input.customerId, at);
    const sale = listPurchases(db, input.customerId, 0, 1, id, { id: actor, role: 'cashier' }, now).items[0]!;
    return { ...sale, loyalty };
  })();
}

/** Who is asking: a cashier may change only their own sales of the same day (Asia/Jakarta). */
export interface Viewer {
  id: string;
  role: 'owner' | 'cashier';
}

export function mayChange(
  viewer: Viewer | undefined,
  row: { recorded_by_id: string; created_at: number; voided_at: number | null },
  now: number,
): boolean {
  if (!viewer || row.voided_at !== null) return false;
  if (viewer.role === 'owner') return true;
  return row.recorded_by_id === viewer.id && startOfDayWib(row.created_at) === startOfDayWib(now);
}

export function listPurchases(
  db: Db,
  customerId: number,
  offset: number,
  limit: number,
  onlyId?: number,
  viewer?: Viewer,
  now = Date.now(),
): PurchasePage {
  if (!db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw new AppError('NOT_FOUND');
  // Visits and totals count what stands: voided sales stay listed but are left out.
  const totals = db
    .prepare(
      'SELECT count(*) AS n, coalesce(sum(amount - discount), 0) AS sum FROM purchases WHERE customer_id = ? AND voided_at IS NULL',
    )
    .get(customerId) as {
    n: number;
    sum: number;
  };
  const rows = db
    .prepare(
      `SELECT p.id, p.at, p.amount, p.discount, p.items, p.created_at, p.recorded_by AS recorded_by_id, u.name AS recorded_by,
              p.voided_at, v.name AS voided_by, p.void_reason, p.corrects
       FROM purchases p LEFT JOIN users u ON u.id = p.recorded_by LEFT JOIN users v ON v.id = p.voided_by
       WHERE p.customer_id = ? ${onlyId ? 'AND p.id = ?' : ''} ORDER BY p.at DESC, p.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...(onlyId ? [customerId, onlyId] : [customerId]), limit, offset) as {
    id: number;
    at: number;
    amount: number;
    discount: number;
    items: string;
    created_at: number;
    recorded_by_id: string;
    recorded_by: string | null;
    voided_at: number | null;
    voided_by: string | null;
    void_reason: string | null;
    corrects: number | null;
  }[];
  return {
    total: totals.n,
    totalAmount: totals.sum,
    offset,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      amount: r.amount,
      discount: r.discount,
      items: JSON.parse(r.items) as string[],
      recordedBy: r.recorded_by,
      voided: r.voided_at !== null ? { at: r.voided_at, by: r.voided_by, reason: r.void_reason ?? '' } : null,
      corrects: r.corrects,
      canChange: mayChange(viewer, r, now),
    })),
  };
}

/**
 * Voids a sale (kept, with who, when and why), and with `replacement` records the corrected sale
 * in its place, naming the one it corrects. The owner may do it any time; a cashier only for a
 * sale they recorded today. Both in one transaction.
 */
export function voidPurchase(
  db: Db,
  input: {
    id: number;
    reason: string;
    replacement?: { amount: number; items: string[]; rewardId?: number };
  },
  viewer: Viewer,
  now: number,
  /** What the points it returns or earns are dated (see createPurchase). */
  pointsAt = now,
): VoidResult {
  return db.transaction(() => {
    const row = db
      .prepare(
        'SELECT id, customer_id, at, recorded_by AS recorded_by_id, created_at, voided_at FROM purchases WHERE id = ?',
      )
      .get(input.id) as
      | {
          id: number;
          customer_id: number | null;
          at: number;
          recorded_by_id: string;
          created_at: number;
          voided_at: number | null;
        }
      | undefined;
    if (!row || row.customer_id === null) throw new AppError('NOT_FOUND');
    if (row.voided_at !== null) throw new AppError('CONFLICT', { reason: 'already_voided' });
    if (!mayChange(viewer, row, now)) throw new AppError('FORBIDDEN', { reason: 'not_your_sale_today' });
    db.prepare('UPDATE purchases SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(
      now,
      viewer.id,
      input.reason.trim(),
      row.id,
    );
    // The voided sale's points come undone first; a correction then earns (and redeems) as a sale
    // recorded now would.
    const loyalty = reverseSale(db, row.id, viewer.id, Math.min(now, pointsAt));
    // Points already spent cannot go back: voiding their sale would leave the reward they paid for
    // unpaid (a sale rung only to earn them). That is the owner's decision, not the cashier's.
    if (loyalty.notTakenBack > 0 && viewer.role !== 'owner')
      throw new AppError('FORBIDDEN', { reason: 'loyalty_points_spent' });
    let correction: RecordedSale | null = null;
    if (input.replacement) {
      const quote = quoteSale(db, row.customer_id, input.replacement.amount, now, input.replacement.rewardId);
      const info = db
        .prepare(
          'INSERT INTO purchases (customer_id, at, amount, discount, items, recorded_by, created_at, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          row.customer_id,
          row.at,
          input.replacement.amount,
          quote.discount,
          JSON.stringify(input.replacement.items),
          viewer.id,
          now,
          row.id,
        );
      const id = Number(info.lastInsertRowid);
      applySale(
        db,
        row.customer_id,
        id,
        quote,
        input.replacement.rewardId,
        viewer.id,
        Math.min(now, pointsAt),
      );
      correction = { ...listPurchases(db, row.customer_id, 0, 1, id, viewer, now).items[0]!, loyalty: quote };
    }
    customerWriter(db).refreshActivity(row.customer_id);
    return { voided: row.id, customerId: row.customer_id, correction, loyalty };
  })();
}

/** A sale's row only (the caller moves the customer's activity); returns its id. */
export function insertSale(
  db: Db,
  s: { customerId: number | null; at: number; amount: number; items: string[]; discount?: number },
  actor: string,
  now: number,
): number {
  return Number(
    cachedStatement(
      db,
      'INSERT INTO purchases (customer_id, at, amount, discount, items, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(s.customerId, s.at, s.amount, s.discount ?? 0, JSON.stringify(s.items), actor, now).lastInsertRowid,
  );
}

/** An erased customer's sales stay as anonymous sales; returns how many. */
export function anonymizeSales(db: Db, customerId: number): number {
  return cachedStatement(db, 'UPDATE purchases SET customer_id = NULL WHERE customer_id = ?').run(customerId)
    .changes;
}

/** Deletes up to `limit` sales from before `cutoff` (their keeping period ended); returns how many. */
export function deleteSalesBefore(db: Db, cutoff: number, limit: number): number {
  return cachedStatement(
    db,
    'DELETE FROM purchases WHERE id IN (SELECT id FROM purchases WHERE at < ? LIMIT ?)',
  ).run(cutoff, limit).changes;
}

/** A restore re-applies a void decided since the backup (a sale already voided stays as it is). */
export function reapplyVoid(
  db: Db,
  v: { id: number; voided_at: unknown; voided_by: unknown; void_reason: unknown },
): void {
  cachedStatement(
    db,
    'UPDATE purchases SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL',
  ).run(v.voided_at, v.voided_by, v.void_reason, v.id);
}

/** The customer a sale belongs to (null: an anonymous sale; undefined: no such sale). */
export function saleCustomerId(db: Db, purchaseId: number): number | null | undefined {
  return cachedStatement(db, 'SELECT customer_id FROM purchases WHERE id = ?').pluck().get(purchaseId) as
    number | null | undefined;
}
