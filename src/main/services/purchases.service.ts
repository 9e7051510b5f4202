import type { Purchase, PurchasePage } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Db } from '../vault/database';

/** A sale recorded at the counter; it also moves the customer's last activity (for retention). */
export function createPurchase(
  db: Db,
  input: { customerId: number; at?: number; amount: number; items: string[] },
  actor: string,
  now: number,
): Purchase {
  return db.transaction(() => {
    const exists = db.prepare('SELECT restricted FROM customers WHERE id = ?').get(input.customerId) as
      { restricted: number } | undefined;
    if (!exists) throw new AppError('NOT_FOUND');
    // A sale is recorded today or later for an earlier day, never ahead of the clock (a minute's
    // slack for a laptop whose clock is a little behind the one that filled the form).
    if (input.at !== undefined && input.at > now + 60_000)
      throw new AppError('VALIDATION', { fields: ['at'], issues: [{ field: 'at', reason: 'future_date' }] });
    const at = Math.min(input.at ?? now, now);
    const info = db
      .prepare(
        'INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(input.customerId, at, input.amount, JSON.stringify(input.items), actor, now);
    db.prepare('UPDATE customers SET last_activity_at = max(last_activity_at, ?) WHERE id = ?').run(
      at,
      input.customerId,
    );
    return listPurchases(db, input.customerId, 0, 1, Number(info.lastInsertRowid)).items[0]!;
  })();
}

export function listPurchases(
  db: Db,
  customerId: number,
  offset: number,
  limit: number,
  onlyId?: number,
): PurchasePage {
  if (!db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw new AppError('NOT_FOUND');
  const totals = db
    .prepare('SELECT count(*) AS n, coalesce(sum(amount), 0) AS sum FROM purchases WHERE customer_id = ?')
    .get(customerId) as {
    n: number;
    sum: number;
  };
  const rows = db
    .prepare(
      `SELECT p.id, p.at, p.amount, p.items, u.name AS recorded_by FROM purchases p LEFT JOIN users u ON u.id = p.recorded_by
       WHERE p.customer_id = ? ${onlyId ? 'AND p.id = ?' : ''} ORDER BY p.at DESC, p.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...(onlyId ? [customerId, onlyId] : [customerId]), limit, offset) as {
    id: number;
    at: number;
    amount: number;
    items: string;
    recorded_by: string | null;
  }[];
  return {
    total: totals.n,
    totalAmount: totals.sum,
    offset,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      amount: r.amount,
      items: JSON.parse(r.items) as string[],
      recordedBy: r.recorded_by,
    })),
  };
}
