import { AppError } from '../lib/app-error';
import type { Db } from '../vault/database';
import { enabledFields } from './fields.service';
import type { Viewer } from './purchases.service';
import { getMeta } from './settings.service';
import { receiptText, waLink } from './whatsapp';
import { standingOf } from './loyalty/programme';
import { text } from '../../shared/i18n/text';

/**
 * A purchase receipt for the customer's WhatsApp, as a wa.me link. It is a service message under
 * the transaction purpose, so it needs no promotional consent; it is still refused when the
 * customer asked for their data to be restricted, for a voided sale, or when the shop does not
 * collect phones. A cashier may send one only for their own sale of the last RECEIPT_MINUTES (the
 * counter moment: the customer is still there); the owner any time. A wider window let a cashier
 * record a sale for any customer id, copy the link (name and whole phone) and void the sale.
 */
export const RECEIPT_MINUTES = 10;

export function receiptLink(
  db: Db,
  purchaseId: number,
  viewer: Viewer,
  now: number,
): { link: string; customerId: number } {
  const row = db
    .prepare(
      `SELECT p.id, p.at, p.amount, p.discount, p.items, p.created_at, p.recorded_by AS recorded_by_id, p.voided_at,
              c.id AS customer_id, c.name, c.phone_e164, c.restricted
       FROM purchases p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?`,
    )
    .get(purchaseId) as
    | {
        id: number;
        at: number;
        amount: number;
        discount: number;
        items: string;
        created_at: number;
        recorded_by_id: string;
        voided_at: number | null;
        customer_id: number;
        name: string;
        phone_e164: string | null;
        restricted: number;
      }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  if (row.voided_at !== null) throw new AppError('CONFLICT', { reason: 'receipt_voided' });
  if (!mayReceipt(viewer, row, now)) throw new AppError('FORBIDDEN', { reason: 'receipt_not_own' });
  if (row.restricted) throw new AppError('CONFLICT', { reason: 'receipt_restricted' });
  if (!row.phone_e164 || !enabledFields(db).has('phone')) {
    throw new AppError('CONFLICT', { reason: 'receipt_no_phone' });
  }
  const text = receiptText({
    shop: getMeta(db, 'shop_name') ?? '',
    name: row.name,
    at: row.at,
    items: JSON.parse(row.items) as string[],
    amount: row.amount,
    discount: row.discount,
    member: memberLine(db, row.customer_id),
  });
  return { link: waLink(row.phone_e164, text), customerId: row.customer_id };
}

/**
 * A member is told their balance on the receipt (checked when the receipt is made: a customer who
 * withdrew since the sale is not a member any more, and a restricted one gets no receipt).
 */
function memberLine(db: Db, customerId: number): { balance: number; unit: string } | null {
  const s = standingOf(db, customerId);
  return s.active ? { balance: s.balance, unit: text('id', `notice.loyalty.unit.${s.mode}`) } : null;
}

function mayReceipt(
  viewer: Viewer,
  row: { recorded_by_id: string; created_at: number },
  now: number,
): boolean {
  if (viewer.role === 'owner') return true;
  const age = now - row.created_at;
  return row.recorded_by_id === viewer.id && age >= 0 && age <= RECEIPT_MINUTES * 60_000;
}
