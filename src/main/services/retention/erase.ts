import type { Db } from '../../vault/database';
import { cachedStatement } from '../../vault/database';
import { forgetSends } from '../audience.service';
import { consentLedger } from '../consent.service';
import { customerWriter } from '../customers.repo';
import { anonymizeSales } from '../purchases.service';
import { forgetReplyTexts } from '../lan/lan-store';
import { forgetLedger } from '../loyalty/ledger';
import { refreshNoticeIfLedgerGone } from '../rights/documents';
import { fingerprintKey, insertLedgerRow, newLedgerRow, type ErasureReason } from './ledger';

interface Target {
  id: number;
  created_at: number;
  name_norm: string;
  phone_e164: string | null;
  email: string | null;
}

/**
 * Erases customers as persons, one at a time inside the caller's transaction: the row (name,
 * phone, email, address, birthday, notes, tags, guardian), its consent ledger and state, its
 * search-index entry; their purchases stay as anonymous sales (customer_id cleared). secure_delete
 * zeroes the freed cells and FTS5's secure-delete takes the entry out of the index's pages; the
 * clean-up (purgeIndexRemnants) drops the old page images the WAL still holds. `record: false` when re-applying an erasure the ledger already holds (a
 * restore). Returns the eraser and its running totals.
 */
export function eraser(db: Db, reason: ErasureReason, now: number, record = true) {
  const key = record ? fingerprintKey(db) : null;
  const find = cachedStatement(
    db,
    'SELECT id, created_at, name_norm, phone_e164, email FROM customers WHERE id = ?',
  );
  const writer = customerWriter(db);
  const ledger = consentLedger(db);
  const totals = { erased: 0, purchasesKept: 0 };
  const erase = (id: number): boolean => {
    const c = find.get(id) as Target | undefined;
    if (!c) return false;
    if (key) insertLedgerRow(db, newLedgerRow(key, c, reason, now));
    totals.purchasesKept += anonymizeSales(db, id);
    forgetSends(db, id);
    // A remote write's remembered reply may name them (see lan-store).
    forgetReplyTexts(db);
    ledger.forget(id);
    forgetLedger(db, id);
    writer.erase(c);
    // Not while a restore re-applies an erasure: the restored vault's notice follows at its unlock.
    if (record) refreshNoticeIfLedgerGone(db, now);
    totals.erased++;
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
