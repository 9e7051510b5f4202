import type { CustomerListItem, Page } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import { searchCustomers } from './customers.service';
import { enabledFields } from './fields.service';
import { formatPhone, maskPhone, phoneOrNull } from './phone';
import { foldText } from './text';

/** A cashier sees at most this many rows per page, and this many results in all. */
export const COUNTER_PAGE = 20;
export const COUNTER_REACH = 60;

/** A query that is the last 4 digits of a phone (what a sweep of phone endings sends). */
export function isPhoneEnding(query: string): boolean {
  return /^\d{4}$/.test(query.replace(/[\s\-.+()]/g, ''));
}

/**
 * The cashier's search is made for the counter, not for copying the customer list: it needs a
 * name (3+ letters), the last four digits of a phone (what the cashier sees), or the whole
 * number the customer says; never a piece of the hidden middle, never an empty query, and only
 * a few pages. Phones come back masked.
 */
export function counterSearch(db: Db, query: string, offset: number, limit: number): Page<CustomerListItem> {
  const digits = query.replace(/[\s\-.+()]/g, '');
  const byPhone = /^\d+$/.test(digits);
  if (!byPhone && foldText(query).length < 3) {
    throw new AppError('VALIDATION', { fields: ['query'], reason: 'counter_query' });
  }
  if (limit > COUNTER_PAGE || offset + limit > COUNTER_REACH) {
    throw new AppError('VALIDATION', { fields: ['limit'], reason: 'counter_page' });
  }
  if (byPhone) return phoneSearch(db, query, digits, offset, limit);
  const page = searchCustomers(db, query, offset, limit, true);
  return page.total > COUNTER_REACH ? { ...page, total: COUNTER_REACH, capped: true } : page;
}

type Row = { id: number; name: string; phone_e164: string; last_activity_at: number };

function phoneSearch(
  db: Db,
  query: string,
  digits: string,
  offset: number,
  limit: number,
): Page<CustomerListItem> {
  if (!enabledFields(db).has('phone')) return { total: 0, offset, items: [] };
  let rows: Row[];
  if (digits.length === 4) {
    rows = cachedStatement(
      db,
      `SELECT id, name, phone_e164, last_activity_at FROM customers
       WHERE phone_e164 IS NOT NULL AND substr(phone_e164, -4) = ? ORDER BY id DESC LIMIT ?`,
    ).all(digits, COUNTER_REACH + 1) as Row[];
  } else {
    const e164 = phoneOrNull(query);
    if (!e164) throw new AppError('VALIDATION', { fields: ['query'], reason: 'counter_phone' });
    rows = cachedStatement(
      db,
      'SELECT id, name, phone_e164, last_activity_at FROM customers WHERE phone_e164 = ?',
    ).all(e164) as Row[];
  }
  const capped = rows.length > COUNTER_REACH;
  return {
    total: Math.min(rows.length, COUNTER_REACH),
    offset,
    ...(capped ? { capped } : {}),
    items: rows.slice(offset, offset + limit).map((r) => ({
      id: r.id,
      name: r.name,
      phone: maskPhone(formatPhone(r.phone_e164)),
      lastActivityAt: r.last_activity_at,
    })),
  };
}
