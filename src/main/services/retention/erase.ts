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
 * Erases customers as persons, inside the caller's transaction: the row (name, phone, email,
 * address, birthday, notes, tags, guardian), its consent ledger and state, its search-index
 * entry; their purchases stay as anonymous sales (customer_id cleared). secure_delete zeroes the
 * freed cells; the index's old segments are dropped by the clean-up (purgeIndexRemnants).
 * `record: false` when re-applying an erasure the ledger already holds (a restore).
 */
export function eraseCustomers(
  db: Db,
  ids: readonly number[],
  reason: ErasureReason,
  now: number,
  record = true,
): { erased: number; purchasesKept: number } {
  const key = record ? fingerprintKey(db) : null;
  const find = cachedStatement(db, 'SELECT id, created_at, phone_e164, email FROM customers WHERE id = ?');
  const anonymize = cachedStatement(db, 'UPDATE purchases SET customer_id = NULL WHERE customer_id = ?');
  const steps = [
    'DELETE FROM consent_state WHERE customer_id = ?',
    'DELETE FROM consent_events WHERE customer_id = ?',
    'DELETE FROM customers_fts WHERE rowid = ?',
    'DELETE FROM customers WHERE id = ?',
  ].map((sql) => cachedStatement(db, sql));
  let erased = 0;
  let purchasesKept = 0;
  for (const id of ids) {
    const c = find.get(id) as Target | undefined;
    if (!c) continue;
    if (key) insertLedgerRow(db, newLedgerRow(key, c, reason, now));
    purchasesKept += anonymize.run(id).changes;
    for (const s of steps) s.run(id);
    erased++;
  }
  if (erased > 0) {
    markIndexDirty(db);
    customerWriter(db).generation++;
  }
  return { erased, purchasesKept };
}
