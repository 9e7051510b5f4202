import type { SalesMapping, SalesRowProblem, SalesSource, SalesTarget } from '../../../shared/domain';
import { addMonthsWib } from '../../../shared/shop-time';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { phoneOrNull } from '../phone';
import { readPolicy } from '../retention/schedule';
import { parseSaleItems, parseSaleTime, parseSaleTotal } from './sales-parse';
import type { SalesJob } from './sales-read';

/**
 * Sales are kept on a customer's history under the purpose that covers recording purchases: the
 * first one the vault was set up with ("Layanan & transaksi", on the basis of the sale itself).
 * If the owner made it a consent purpose, only customers who agreed to it get the link; if it is
 * switched off, no one does.
 */
export const SALES_PURPOSE_ID = 1;

/** Rows between progress reports and event-loop turns. */
export const CHUNK = 1000;

/** One receipt of the file as it would be written. */
export interface PlannedSale {
  receipt: string;
  at: number;
  amount: number;
  items: string[];
  phone: string | null;
}

/** The sales to write (each with its customer or none), and what the file holds besides. */
export interface Plan {
  sales: (PlannedSale & { customerId: number | null })[];
  already: number;
  merged: number;
  refused: { row: number; code: SalesRowProblem }[];
}

/** Every row judged against the file, the vault and the purposes: nothing is written. */
export async function planSales(
  db: Db,
  file: { headers: string[]; rows: string[][]; rowNumbers: number[] },
  mapping: SalesMapping,
  source: SalesSource,
  job: SalesJob,
  now: number,
): Promise<Plan> {
  const required: SalesTarget[] = ['date', 'receipt', 'total'];
  const missing = required.filter((t) => mapping[t] === undefined);
  if (missing.length)
    throw new AppError('VALIDATION', {
      fields: missing,
      issues: missing.map((field) => ({ field, reason: 'required' as const })),
    });
  const outOfRange = (Object.entries(mapping) as [SalesTarget, number][])
    .filter(([, col]) => col >= file.headers.length)
    .map(([t]) => t);
  if (outOfRange.length) throw new AppError('VALIDATION', { fields: outOfRange });

  const cell = (r: string[], t: SalesTarget) =>
    mapping[t] === undefined ? '' : (r[mapping[t]] ?? '').trim();
  // A sale older than the shop keeps sales records is not brought back: the purge would delete it.
  const oldest = addMonthsWib(now, -12 * readPolicy(db).salesKeepYears);
  const refused: Plan['refused'] = [];
  const byReceipt = new Map<string, PlannedSale>();
  let merged = 0;
  for (let i = 0; i < file.rows.length; i++) {
    if (i % CHUNK === 0 && i > 0) {
      job.progress('checking', i, file.rows.length);
      await job.checkpoint();
    }
    const r = file.rows[i]!;
    const row = file.rowNumbers[i]!;
    const receipt = cell(r, 'receipt');
    if (!receipt) {
      refused.push({ row, code: 'missing_receipt' });
      continue;
    }
    if (receipt.length > 100) {
      refused.push({ row, code: 'bad_receipt' });
      continue;
    }
    const at = parseSaleTime(cell(r, 'date'));
    if (at === null || at < Date.UTC(2000, 0, 1)) {
      refused.push({ row, code: 'bad_date' });
      continue;
    }
    // As at the counter: never ahead of the clock (a minute's slack).
    if (at > now + 60_000) {
      refused.push({ row, code: 'future_date' });
      continue;
    }
    if (at < oldest) {
      refused.push({ row, code: 'too_old' });
      continue;
    }
    const amount = parseSaleTotal(cell(r, 'total'));
    if (amount === null || amount > 1_000_000_000_000) {
      refused.push({ row, code: 'bad_total' });
      continue;
    }
    const items = parseSaleItems(cell(r, 'items'));
    const rawPhone = cell(r, 'customerPhone');
    const earlier = byReceipt.get(receipt);
    if (earlier) {
      // A POS that writes one line per item repeats the receipt's time and total on each.
      if (earlier.at !== at || earlier.amount !== amount) {
        refused.push({ row, code: 'receipt_conflict' });
        continue;
      }
      earlier.items.push(...items.slice(0, Math.max(0, 100 - earlier.items.length)));
      merged++;
      continue;
    }
    byReceipt.set(receipt, {
      receipt,
      at,
      amount,
      items: items.slice(0, 100),
      phone: rawPhone ? phoneOrNull(rawPhone) : null,
    });
  }
  job.progress('checking', file.rows.length, file.rows.length);

  const known = db.prepare('SELECT 1 FROM pos_receipts WHERE source = ? AND receipt = ?').pluck();
  const linkTo = customerLinker(db);
  const sales: Plan['sales'] = [];
  let already = 0;
  for (const s of byReceipt.values()) {
    if (known.get(source, s.receipt) !== undefined) {
      already++;
      continue;
    }
    sales.push({ ...s, customerId: s.phone ? linkTo(s.phone) : null });
  }
  return { sales, already, merged, refused };
}

/**
 * Which customer a sale with this phone goes to, or null (an anonymous sale): the customer with
 * that phone, not restricted (Art. 11: their data is not processed further), and only while the
 * purpose that covers recording purchases allows it for them.
 */
function customerLinker(db: Db): (phone: string) => number | null {
  const purpose = db
    .prepare('SELECT legal_basis, active FROM purposes WHERE id = ?')
    .get(SALES_PURPOSE_ID) as { legal_basis: string; active: number } | undefined;
  if (!purpose || purpose.active !== 1) return () => null;
  const byPhone = db.prepare('SELECT id FROM customers WHERE phone_e164 = ? AND restricted = 0').pluck();
  const agreed = db
    .prepare('SELECT 1 FROM consent_state WHERE customer_id = ? AND purpose_id = ? AND granted = 1')
    .pluck();
  const needsConsent = purpose.legal_basis === 'consent';
  return (phone) => {
    const id = byPhone.get(phone) as number | undefined;
    if (id === undefined) return null;
    if (needsConsent && agreed.get(id, SALES_PURPOSE_ID) === undefined) return null;
    return id;
  };
}
