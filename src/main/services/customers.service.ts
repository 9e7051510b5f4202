import type { Customer, CustomerInput, CustomerListItem, Page } from '../../shared/domain';
import { AppError } from '../core/app-error';
import type { Db } from '../vault/database';
import { formatPhone, maskPhone, normalizePhone, phoneSearchDigits } from './phone';
import { foldText, ftsPhrase } from './text';

interface DbCustomer {
  id: number;
  name: string;
  phone_e164: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number;
}

function emptyToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function toCustomer(r: DbCustomer): Customer {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone_e164 ? formatPhone(r.phone_e164) : null,
    phoneE164: r.phone_e164,
    email: r.email,
    address: r.address,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastActivityAt: r.last_activity_at,
  };
}

/** An optional field left out (undefined) keeps its stored value; null or '' clears it. */
function prepareFields(input: CustomerInput, before?: DbCustomer) {
  const keep = <K extends 'email' | 'address' | 'notes'>(k: K) =>
    input[k] === undefined && before ? before[k] : emptyToNull(input[k]);
  const phone = emptyToNull(input.phone);
  return {
    name: input.name.trim(),
    name_norm: foldText(input.name),
    phone_e164:
      input.phone === undefined && before ? before.phone_e164 : phone ? normalizePhone(phone) : null,
    email: keep('email'),
    address: keep('address'),
    notes: keep('notes'),
  };
}

function assertPhoneFree(db: Db, e164: string | null, exceptId?: number): void {
  if (!e164) return;
  const hit = db.prepare('SELECT id FROM customers WHERE phone_e164 = ?').get(e164) as
    { id: number } | undefined;
  if (hit && hit.id !== exceptId)
    throw new AppError('CONFLICT', { fields: ['phone'], reason: 'duplicate_phone' });
}

function indexCustomer(db: Db, id: number, nameNorm: string, e164: string | null): void {
  db.prepare('DELETE FROM customers_fts WHERE rowid = ?').run(id);
  db.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)').run(
    id,
    nameNorm,
    e164 ? phoneSearchDigits(e164) : '',
  );
}

export function createCustomer(db: Db, input: CustomerInput, actor: string, now: number): Customer {
  const f = prepareFields(input);
  return db.transaction(() => {
    assertPhoneFree(db, f.phone_e164);
    const info = db
      .prepare(
        `INSERT INTO customers (name, name_norm, phone_e164, email, address, notes,
           created_at, updated_at, last_activity_at, created_by, updated_by)
         VALUES (@name, @name_norm, @phone_e164, @email, @address, @notes, @now, @now, @now, @actor, @actor)`,
      )
      .run({ ...f, now, actor });
    const id = Number(info.lastInsertRowid);
    indexCustomer(db, id, f.name_norm, f.phone_e164);
    return getCustomer(db, id);
  })();
}

/** Returns the customer and the names (not values) of the fields that changed, for the audit. */
export function updateCustomer(
  db: Db,
  id: number,
  input: CustomerInput,
  actor: string,
  now: number,
): { customer: Customer; changed: string[] } {
  return db.transaction(() => {
    const before = db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as DbCustomer | undefined;
    if (!before) throw new AppError('NOT_FOUND');
    const f = prepareFields(input, before);
    assertPhoneFree(db, f.phone_e164, id);
    const changed = (['name', 'phone_e164', 'email', 'address', 'notes'] as const)
      .filter((k) => before[k] !== f[k])
      .map((k) => (k === 'phone_e164' ? 'phone' : k));
    db.prepare(
      `UPDATE customers SET name = @name, name_norm = @name_norm, phone_e164 = @phone_e164,
         email = @email, address = @address, notes = @notes, updated_at = @now, updated_by = @actor
       WHERE id = @id`,
    ).run({ ...f, now, actor, id });
    indexCustomer(db, id, f.name_norm, f.phone_e164);
    return { customer: getCustomer(db, id), changed };
  })();
}

export function getCustomer(db: Db, id: number): Customer {
  const r = db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as DbCustomer | undefined;
  if (!r) throw new AppError('NOT_FOUND');
  return toCustomer(r);
}

/**
 * Name search is substring, case- and accent-insensitive (trigram index over folded names);
 * a query of 4+ digits searches every form of the phone number. Queries shorter than a trigram
 * fall back to a name prefix.
 */
export function searchCustomers(
  db: Db,
  query: string,
  offset: number,
  limit: number,
  maskPhones: boolean,
): Page<CustomerListItem> {
  const digits = query.replace(/[\s\-.+()]/g, '');
  const folded = foldText(query);
  let where = '';
  let params: (string | number)[] = [];
  if (/^\d{4,}$/.test(digits)) {
    where = 'WHERE c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)';
    params = [`phone_digits : ${ftsPhrase(digits)}`];
  } else if (folded.length >= 3) {
    where = 'WHERE c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)';
    params = [`name_norm : ${ftsPhrase(folded)}`];
  } else if (folded.length > 0) {
    where = "WHERE c.name_norm LIKE ? ESCAPE '\\'";
    params = [`${folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%`];
  }
  const total = (db.prepare(`SELECT count(*) AS n FROM customers c ${where}`).get(...params) as { n: number })
    .n;
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.phone_e164, c.last_activity_at FROM customers c ${where}
       ORDER BY c.name_norm, c.id LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as Pick<DbCustomer, 'id' | 'name' | 'phone_e164' | 'last_activity_at'>[];
  return {
    total,
    offset,
    items: rows.map((r) => {
      const display = r.phone_e164 ? formatPhone(r.phone_e164) : null;
      return {
        id: r.id,
        name: r.name,
        phone: display && maskPhones ? maskPhone(display) : display,
        lastActivityAt: r.last_activity_at,
      };
    }),
  };
}
