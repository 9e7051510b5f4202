import type { Db } from '../../vault/database';
import { cachedStatement } from '../../vault/database';
import { customerWriter, markIndexDirty } from '../customers.repo';
import { fingerprintKey, insertLedgerRow, newLedgerRow, type ErasureReason } from './ledger';

interface Target {
  id: number;
  created_at: number;
  phone_e164: string | null;
  email: string | null;
}

/**
 * Erases customers as persons, one at a time inside the caller's transaction: the row (name,
 * phone, email, address, birthday, notes, tags, guardian), its consent ledger and state, its
 * search-index entry; their purchases stay as anonymous sales (customer_id cleared). secure_delete
 * zeroes the freed cells; the index's old segments are dropped by the clean-up
 * (purgeIndexRemnants). `record: false` when re-applying an erasure the ledger already holds (a
 * restore). Returns the eraser and its running totals.
 */
export function eraser(db: Db, reason: ErasureReason, now: number, record = true) {
  const key = record ? fingerprintKey(db) : null;
  const find = cachedStatement(db, 'SELECT id, created_at, phone_e164, email FROM customers WHERE id = ?');
  const anonymize = cachedStatement(db, 'UPDATE purchases SET customer_id = NULL WHERE customer_id = ?');
  const steps = [
    'DELETE FROM consent_state WHERE customer_id = ?',
    'DELETE FROM consent_events WHERE customer_id = ?',
    'DELETE FROM customers_fts WHERE rowid = ?',
    'DELETE FROM customers WHERE id = ?',
  ].map((sql) => cachedStatement(db, sql));
  const totals = { erased: 0, purchasesKept: 0 };
  const erase = (id: number): boolean => {
    const c = find.get(id) as Target | undefined;
    if (!c) return false;
    if (key) insertLedgerRow(db, newLedgerRow(key, c, reason, now));
    totals.purchasesKept += anonymize.run(id).changes;
    for (const s of steps) s.run(id);
    if (totals.erased++ === 0) {
      markIndexDirty(db);
      customerWriter(db).generation++;
    }
    return true;
  };
  return { erase, totals };
}

/** Erases the given customers (inside the caller's transaction); see eraser. */
export function eraseCustomers(
  db: Db,
  ids: readonly number[],
  reason: ErasureReason,
  now: number,
  record = true,
): { erased: number; purchasesKept: number } {
  const e = eraser(db, reason, now, record);
  for (const id of ids) e.erase(id);
  return e.totals;
}
