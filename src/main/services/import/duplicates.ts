import { fingerprint, ledgerFingerprints } from '../retention/ledger';
import { FILLABLE_FIELDS, type FillableField, type ImportInVaultRow } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { customerWriter } from '../customers.repo';
import type { InVaultRow, PreparedRow } from './row-check';

/**
 * Whether a row names the same person as the customer with its phone: the same name, or one
 * written shorter (every word the start of the other's: "Budi S" and "Budi Santoso"). A phone is
 * shared in families and shops, so another name never fills someone else's record by itself.
 */
function sameName(a: string, b: string): boolean {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  if (x.length === 0 || x.length !== y.length) return a === b;
  return x.every((w, i) => w.startsWith(y[i]!) || y[i]!.startsWith(w));
}

/** A row already in the vault as listed, with the fields it would write. */
export interface PlannedFill extends ImportInVaultRow {
  prepared: PreparedRow | null;
}

/**
 * What each row already in the vault would do, in file order: fill (same name), confirm (another
 * name), nothing (no empty field left: the customer's are set, or an earlier same-name row of the
 * file fills them first) or invalid (the row has other problems).
 */
export function planFills(db: Db, rows: readonly InVaultRow[]): PlannedFill[] {
  const byPhone = db.prepare(
    `SELECT id, name, name_norm, ${FILLABLE_FIELDS.join(', ')} FROM customers WHERE phone_e164 = ?`,
  );
  const claimed = new Map<number, Set<FillableField>>();
  const out: PlannedFill[] = [];
  for (const r of rows) {
    const c = byPhone.get(r.phone) as
      (Record<FillableField, string | null> & { id: number; name: string; name_norm: string }) | undefined;
    if (!c) continue;
    const base = { row: r.row, customerId: c.id, name: c.name, fileName: r.name, prepared: r.fields };
    const p = r.fields;
    if (!p) {
      out.push({ ...base, status: 'invalid', fields: [] });
      continue;
    }
    const taken = claimed.get(c.id) ?? new Set<FillableField>();
    const fields = FILLABLE_FIELDS.filter((f) => c[f] === null && p[f] !== null && !taken.has(f));
    const status = fields.length === 0 ? 'nothing' : sameName(c.name_norm, p.name_norm) ? 'fill' : 'confirm';
    if (status === 'fill') {
      for (const f of fields) taken.add(f);
      claimed.set(c.id, taken);
    }
    out.push({ ...base, status, fields });
  }
  return out;
}

/**
 * Fills the customers' empty fields from these rows (each row only the fields it was listed with),
 * never overwriting a value and never touching the name, the phone or consent. Returns how many
 * rows changed their customer.
 */
export function fillEmptyFields(db: Db, rows: readonly PlannedFill[], actor: string, now: number): number {
  const writer = customerWriter(db);
  let changed = 0;
  for (const r of rows) {
    if (!r.prepared) continue;
    // Only the fields the owner was shown for this row (an earlier row may fill the others).
    const values = Object.fromEntries(
      FILLABLE_FIELDS.map((f) => [f, r.fields.includes(f) ? r.prepared![f] : null]),
    ) as Record<FillableField, string | null>;
    if (writer.fillEmpty(r.customerId, values, actor, now)) changed++;
  }
  return changed;
}

/**
 * Rows whose phone or email matches someone erased before (the deletion ledger's fingerprints):
 * a warning in the check, never a block; the owner asks them for consent anew.
 */
export function countPreviouslyErased(
  db: Db,
  rows: readonly { phone_e164: string | null; email: string | null }[],
): number {
  const { key, known } = ledgerFingerprints(db);
  if (known.size === 0) return 0;
  return rows.filter(
    (r) =>
      known.has(fingerprint(key, 'phone', r.phone_e164) ?? '') ||
      known.has(fingerprint(key, 'email', r.email) ?? ''),
  ).length;
}

/**
 * Duplicate check against the vault: one pass over the phone index into a set when the vault is
 * not much bigger than the file, else one indexed lookup per row.
 */
export function existingPhones(db: Db, fileRows: number): (phone: string) => boolean {
  const count = (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  if (count <= fileRows * 4) {
    const set = new Set(
      db.prepare('SELECT phone_e164 FROM customers WHERE phone_e164 IS NOT NULL').pluck().all() as string[],
    );
    return (phone) => set.has(phone);
  }
  const lookup = db.prepare('SELECT 1 FROM customers WHERE phone_e164 = ?').pluck();
  return (phone) => lookup.get(phone) !== undefined;
}

/**
 * The rows already in the vault that this commit fills: same-name rows on `duplicates: 'fill'`,
 * and rows with another name only where the owner confirmed that row for the customer shown
 * (a confirmation naming anything else is refused). Also returns the confirmed rows.
 */
export function fillsToWrite(
  planned: readonly PlannedFill[],
  duplicates: 'skip' | 'fill',
  confirmFill: readonly { row: number; customerId: number }[],
): { fills: PlannedFill[]; confirmed: Set<number> } {
  // A confirmation names a row listed with another name and the customer the owner was shown.
  const confirmable = new Map(planned.filter((r) => r.status === 'confirm').map((r) => [r.row, r]));
  const confirmed = new Set<number>();
  for (const c of confirmFill) {
    if (confirmable.get(c.row)?.customerId !== c.customerId)
      throw new AppError('VALIDATION', { fields: ['confirmFill'], reason: 'fill_not_confirmable' });
    confirmed.add(c.row);
  }
  const fills = planned.filter((r) => (r.status === 'fill' && duplicates === 'fill') || confirmed.has(r.row));
  return { fills, confirmed };
}
