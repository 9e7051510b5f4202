import type { Db } from '../../vault/database';
import { getMeta, setMeta } from '../settings.service';
import { purgeIndexRemnants } from '../customers.repo';
import { eraseCustomers } from './erase';
import { insertLedgerRow, type LedgerRow } from './ledger';

/** What the vault being replaced hands to a restore: its deletion ledger and fingerprint key. */
export interface ErasureCarry {
  erasures: LedgerRow[];
  fingerprintKey: string | null;
}

export function erasureCarry(db: Db | null): ErasureCarry {
  if (!db) return { erasures: [], fingerprintKey: null };
  return {
    erasures: db.prepare('SELECT * FROM deletion_ledger ORDER BY at').all() as LedgerRow[],
    fingerprintKey: getMeta(db, 'erasure_fp_key') ?? null,
  };
}

function isCarry(c: unknown): c is ErasureCarry {
  return typeof c === 'object' && c !== null && Array.isArray((c as ErasureCarry).erasures);
}

/**
 * A restore never resurrects: every erasure the current vault's ledger holds is applied to the
 * restored one (the same record: id and creation time), and the ledger travels on in it. When the
 * backup's ledger is part of the current one (the same shop, the usual case) the current
 * fingerprint key is kept too, so every fingerprint still matches.
 */
export function reapplyErasures(db: Db, carry: unknown): void {
  if (!isCarry(carry) || carry.erasures.length === 0) return;
  const carried = new Set(carry.erasures.map((e) => e.id));
  const own = db.prepare('SELECT id FROM deletion_ledger').pluck().all() as string[];
  db.transaction(() => {
    if (carry.fingerprintKey && own.every((id) => carried.has(id)))
      setMeta(db, 'erasure_fp_key', carry.fingerprintKey);
    const match = db.prepare('SELECT id FROM customers WHERE id = ? AND created_at = ?').pluck();
    const ids: number[] = [];
    for (const e of carry.erasures) {
      insertLedgerRow(db, e);
      const id = match.get(e.customer_id, e.customer_created_at) as number | undefined;
      if (id !== undefined) ids.push(id);
    }
    eraseCustomers(db, ids, 'inactive', 0, false);
  })();
  purgeIndexRemnants(db);
}
