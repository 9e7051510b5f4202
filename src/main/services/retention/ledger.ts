import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../vault/database';
import { cachedStatement } from '../../vault/database';
import { getMeta } from '../settings.service';

/**
 * The deletion ledger: for each erased customer, keyed fingerprints (HMAC-SHA256 with a key kept
 * inside the vault) of the normalized phone and email, the date and the reason. Never the values:
 * without the vault's key a fingerprint cannot be tested against a guessed phone number.
 */
export type ErasureReason = 'inactive' | 'owner' | 'request';

export interface LedgerRow {
  id: string;
  customer_id: number;
  customer_created_at: number;
  phone_fp: string | null;
  email_fp: string | null;
  at: number;
  reason: ErasureReason;
}

export function fingerprintKey(db: Db): Buffer {
  const hex = getMeta(db, 'erasure_fp_key');
  if (!hex) throw new Error('erasure_fp_key missing');
  return Buffer.from(hex, 'hex');
}

/** Phones arrive as E.164 (already normalized); emails are compared trimmed and lower-cased. */
export function fingerprint(key: Buffer, kind: 'phone' | 'email', value: string | null): string | null {
  if (!value) return null;
  const normal = kind === 'email' ? value.trim().toLowerCase() : value;
  return createHmac('sha256', key).update(`${kind}:${normal}`).digest('hex');
}

export function newLedgerRow(
  key: Buffer,
  c: { id: number; created_at: number; phone_e164: string | null; email: string | null },
  reason: ErasureReason,
  now: number,
): LedgerRow {
  return {
    // Unique across vaults (a restore merges ledgers) and ordered by time, so inserts append.
    id: `${now.toString(16).padStart(12, '0')}-${randomBytes(10).toString('hex')}`,
    customer_id: c.id,
    customer_created_at: c.created_at,
    phone_fp: fingerprint(key, 'phone', c.phone_e164),
    email_fp: fingerprint(key, 'email', c.email),
    at: now,
    reason,
  };
}

export function insertLedgerRow(db: Db, r: LedgerRow): void {
  cachedStatement(
    db,
    `INSERT OR IGNORE INTO deletion_ledger (id, customer_id, customer_created_at, phone_fp, email_fp, at, reason)
     VALUES (@id, @customer_id, @customer_created_at, @phone_fp, @email_fp, @at, @reason)`,
  ).run(r);
}

/** When someone with this phone or email was last erased, or null. */
export function erasedBefore(db: Db, phoneE164: string | null, email: string | null): number | null {
  if (!phoneE164 && !email) return null;
  const key = fingerprintKey(db);
  const at = cachedStatement(
    db,
    `SELECT max(at) FROM deletion_ledger WHERE (phone_fp IS NOT NULL AND phone_fp = ?) OR (email_fp IS NOT NULL AND email_fp = ?)`,
  )
    .pluck()
    .get(fingerprint(key, 'phone', phoneE164), fingerprint(key, 'email', email)) as number | null;
  return at ?? null;
}

/** Every fingerprint in the ledger (the import checks a whole file against them in memory). */
export function ledgerFingerprints(db: Db): { key: Buffer; known: Set<string> } {
  const known = new Set<string>();
  for (const r of db.prepare('SELECT phone_fp, email_fp FROM deletion_ledger').all() as {
    phone_fp: string | null;
    email_fp: string | null;
  }[]) {
    if (r.phone_fp) known.add(r.phone_fp);
    if (r.email_fp) known.add(r.email_fp);
  }
  return { key: fingerprintKey(db), known };
}
