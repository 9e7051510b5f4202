import type {
  ConsentMethod,
  Customer,
  CustomerInput,
  CustomerListItem,
  OptionalField,
  Page,
} from '../../shared/domain';
import { findSensitive } from '../../shared/sensitive';
import { ageOn, shopIsoDay } from '../../shared/shop-time';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import { consentStates, recordConsent } from './consent.service';
import { enabledFields } from './fields.service';
import { assertUnrestrictedFor, customerWriter, type CustomerRow } from './customers.repo';
import { formatPhone, maskPhone, normalizePhone, reachesWhatsApp, searchDigitsQuery } from './phone';
import { foldText, ftsPhrase } from './text';
import { customerCount, rankOfName, seekPosition, type Seek } from './name-order';
import { erasedBefore } from './retention/ledger';
import { phoneConfirmedAt } from './join.service';
import { readPolicy, scheduleFor } from './retention/schedule';

export interface DbCustomer extends Omit<CustomerRow, 'gender'> {
  gender: 'female' | 'male' | null;
  id: number;
  restricted: number;
  created_at: number;
  updated_at: number;
  last_activity_at: number;
  keep_until: number | null;
  keep_reason: string | null;
}

export interface WriteOptions {
  /** The owner's setting: refuse sensitive data in notes instead of warning. */
  hardBlockSensitive: boolean;
}

function emptyToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/**
 * A customer as the app shows and exports it. A field the shop no longer collects is hidden
 * everywhere (views, exports, audiences) until it is turned back on; its stored value stays until
 * the owner clears it.
 */
export function toCustomer(db: Db, r: DbCustomer, enabled = enabledFields(db)): Customer {
  const on = <T>(field: OptionalField, value: T | null): T | null => (enabled.has(field) ? value : null);
  const phone = on('phone', r.phone_e164);
  const tags = on('tags', r.tags);
  return {
    id: r.id,
    name: r.name,
    phone: phone ? formatPhone(phone) : null,
    phoneE164: phone,
    whatsapp: phone !== null && reachesWhatsApp(phone),
    email: on('email', r.email),
    address: on('address', r.address),
    notes: on('notes', r.notes),
    birthday: on('birthday', r.birthday),
    gender: on('gender', r.gender),
    tags: tags ? (JSON.parse(tags) as string[]) : [],
    isMinor: r.is_minor === 1,
    guardianName: r.guardian_name,
    restricted: r.restricted === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastActivityAt: r.last_activity_at,
    consents: consentStates(db, r.id),
    deletion: scheduleFor(readPolicy(db), r),
    erasedBefore: erasedBefore(db, r.phone_e164, r.email),
    phoneConfirmedAt: phoneConfirmedAt(db, r.id, phone),
  };
}

/**
 * Turns form input into column values. A field the shop does not collect is refused if it has a
 * value; a field left out (undefined) keeps its stored value on update; null or '' clears it.
 */
function prepareFields(db: Db, input: CustomerInput, now: number, opts: WriteOptions, before?: DbCustomer) {
  const enabled = enabledFields(db);
  const given = (k: OptionalField, v: unknown) =>
    v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  const refused = (
    [
      ['phone', input.phone],
      ['email', input.email],
      ['address', input.address],
      ['birthday', input.birthday],
      ['gender', input.gender],
      ['notes', input.notes],
      ['tags', input.tags],
    ] as [OptionalField, unknown][]
  ).filter(([k, v]) => !enabled.has(k) && given(k, v));
  if (refused.length > 0) throw new AppError('FIELD_DISABLED', { fields: refused.map(([k]) => k) });

  const keep = <T>(
    value: T | undefined,
    stored: T | null,
    map: (v: T) => string | null,
  ): string | null | T =>
    value === undefined && before ? stored : value === undefined || value === null ? null : map(value);

  const notes = keep(input.notes, before?.notes ?? null, (v) => emptyToNull(v));
  const kinds = findSensitive(notes as string | null);
  if (
    kinds.length > 0 &&
    notes !== before?.notes &&
    (opts.hardBlockSensitive || !input.acknowledgeSensitive)
  ) {
    throw new AppError('SENSITIVE_DATA', {
      fields: ['notes'],
      kinds,
      reason: opts.hardBlockSensitive ? 'blocked' : 'confirm',
    });
  }
  const phone = keep(input.phone, before?.phone_e164 ?? null, (v) => {
    const t = emptyToNull(v);
    return t ? normalizePhone(t) : null;
  }) as string | null;
  const birthday = keep(input.birthday, before?.birthday ?? null, (v) => emptyToNull(v)) as string | null;
  // Compared as days of the shop's calendar: a baby born today (WIB) is not born in the future.
  if (birthday && (birthday > shopIsoDay(now) || ageOn(birthday, now) > 130)) {
    const future = birthday > shopIsoDay(now);
    throw new AppError('VALIDATION', {
      fields: ['birthday'],
      issues: [{ field: 'birthday', reason: future ? 'future_date' : 'invalid' }],
    });
  }
  const isMinor =
    (birthday !== null && ageOn(birthday, now) < 18) || (input.isMinor ?? before?.is_minor === 1);
  const tags =
    input.tags === undefined && before
      ? before.tags
      : input.tags?.length
        ? JSON.stringify([...new Set(input.tags.map((t) => t.trim()))])
        : null;
  return {
    name: input.name.trim(),
    name_norm: foldText(input.name),
    phone_e164: phone,
    email: keep(input.email, before?.email ?? null, (v) => emptyToNull(v)) as string | null,
    address: keep(input.address, before?.address ?? null, (v) => emptyToNull(v)) as string | null,
    notes: notes as string | null,
    birthday,
    gender: keep(input.gender, before?.gender ?? null, (v) => v) as string | null,
    tags,
    is_minor: isMinor ? 1 : 0,
    guardian_name: keep(input.guardianName, before?.guardian_name ?? null, (v) => emptyToNull(v)) as
      string | null,
    sensitiveAcknowledged: kinds,
  };
}

function assertPhoneFree(db: Db, e164: string | null, exceptId?: number): void {
  if (!e164) return;
  const hit = db.prepare('SELECT id, name FROM customers WHERE phone_e164 = ?').get(e164) as
    { id: number; name: string } | undefined;
  if (hit && hit.id !== exceptId)
    throw new AppError('CONFLICT', {
      fields: ['phone'],
      reason: 'duplicate_phone',
      existing: { id: hit.id, name: hit.name },
    });
}

export function createCustomer(
  db: Db,
  input: CustomerInput & { consents?: { purposeId: number; method: ConsentMethod }[] },
  actor: string,
  now: number,
  opts: WriteOptions,
): { customer: Customer; sensitive: string[] } {
  return db.transaction(() => {
    const { sensitiveAcknowledged, ...f } = prepareFields(db, input, now, opts);
    assertPhoneFree(db, f.phone_e164);
    const id = customerWriter(db).insert(f, actor, now);
    for (const c of input.consents ?? []) {
      recordConsent(db, {
        customerId: id,
        purposeId: c.purposeId,
        action: 'granted',
        method: c.method,
        actor,
        at: now,
        guardianName: f.guardian_name,
      });
    }
    return { customer: getCustomer(db, id), sensitive: sensitiveAcknowledged };
  })();
}

/** Returns the customer and the names (not values) of the fields that changed, for the audit. */
export function updateCustomer(
  db: Db,
  id: number,
  input: CustomerInput,
  actor: string,
  now: number,
  opts: WriteOptions,
): { customer: Customer; changed: string[]; sensitive: string[] } {
  return db.transaction(() => {
    const before = db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as DbCustomer | undefined;
    if (!before) throw new AppError('NOT_FOUND');
    assertUnrestrictedFor(db, before, actor);
    const { sensitiveAcknowledged, ...f } = prepareFields(db, input, now, opts, before);
    assertPhoneFree(db, f.phone_e164, id);
    const changed = (
      [
        'name',
        'phone_e164',
        'email',
        'address',
        'notes',
        'birthday',
        'gender',
        'tags',
        'is_minor',
        'guardian_name',
      ] as const
    )
      .filter((k) => before[k] !== f[k])
      .map((k) => (k === 'phone_e164' ? 'phone' : k));
    customerWriter(db).update(id, before, f, actor, now);
    return { customer: getCustomer(db, id), changed, sensitive: sensitiveAcknowledged };
  })();
}

export function getCustomer(db: Db, id: number, enabled?: Set<OptionalField>): Customer {
  const r = db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as DbCustomer | undefined;
  if (!r) throw new AppError('NOT_FOUND');
  return toCustomer(db, r, enabled);
}

export function setRestricted(db: Db, id: number, restricted: boolean, now: number): void {
  if (!customerWriter(db).setRestricted(id, restricted, now)) throw new AppError('NOT_FOUND');
}

/** Counting a common search term over a million names is the slow part: stop at this many. */
export const COUNT_CAP = 100;

/** One pass over the index gives both the page and the (capped) count. */
type BrowseRow = { id: number; name: string; phone_e164: string | null; last_activity_at: number };
const BROWSE_COLUMNS = 'SELECT id, name, phone_e164, last_activity_at FROM customers';

/** Rows `skip` entries on from a seek (see name-order.ts): one index seek, no long OFFSET walk. */
function rowsFrom(db: Db, seek: Seek, limit: number): BrowseRow[] {
  return (
    seek.start
      ? cachedStatement(
          db,
          `${BROWSE_COLUMNS} WHERE (name_norm, id) >= (?, ?) ORDER BY name_norm, id LIMIT ? OFFSET ?`,
        ).all(seek.start.name, seek.start.id, limit, seek.skip)
      : cachedStatement(db, `${BROWSE_COLUMNS} ORDER BY name_norm, id LIMIT ? OFFSET ?`).all(limit, seek.skip)
  ) as BrowseRow[];
}

/**
 * Everyone by name (empty query) or everyone whose name starts with a short query. Positions come
 * from the name-order spine when it is ready; until then (just after unlock) OFFSET gives the same
 * rows, more slowly.
 */
function browseByName(
  db: Db,
  folded: string,
  offset: number,
  limit: number,
): { rows: BrowseRow[]; total: number } {
  const lo = folded ? rankOfName(db, folded) : 0;
  const hi = folded ? rankOfName(db, `${folded}\u{10FFFF}`) : customerCount(db);
  if (lo !== null && hi !== null) {
    const total = hi - lo;
    const take = Math.max(0, Math.min(limit, total - offset));
    const seek = take > 0 ? seekPosition(db, lo + offset) : null;
    return { rows: seek ? rowsFrom(db, seek, take) : [], total };
  }
  if (folded) {
    const range = [folded, `${folded}\u{10FFFF}`];
    const rows = cachedStatement(
      db,
      `${BROWSE_COLUMNS} WHERE name_norm >= ? AND name_norm < ? ORDER BY name_norm, id LIMIT ? OFFSET ?`,
    ).all(...range, limit, offset) as BrowseRow[];
    const total = cachedStatement(db, 'SELECT count(*) FROM customers WHERE name_norm >= ? AND name_norm < ?')
      .pluck()
      .get(...range) as number;
    return { rows, total };
  }
  return {
    rows: rowsFrom(db, { start: null, skip: offset }, limit),
    total: cachedStatement(db, 'SELECT count(*) FROM customers').pluck().get() as number,
  };
}

export const SEARCH_IDS_SQL =
  'SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid DESC LIMIT ?';

export function rowsByIdsSql(n: number): string {
  return `SELECT id, name, phone_e164, last_activity_at FROM customers WHERE id IN (${Array(n).fill('?').join(',')})`;
}

/**
 * Name search is substring, case- and accent-insensitive (trigram index over folded names),
 * newest customers first; a query of 4+ digits searches every form of the phone number. Queries
 * shorter than a trigram match name prefixes; an empty query lists everyone by name.
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
  type Row = { id: number; name: string; phone_e164: string | null; last_activity_at: number };
  let rows: Row[];
  let total: number;
  let capped = false;
  const match = /^\d{4,}$/.test(digits)
    ? `phone_digits : ${ftsPhrase(searchDigitsQuery(digits))}`
    : folded.length >= 3
      ? `name_norm : ${ftsPhrase(folded)}`
      : null;
  if (match) {
    // Walk the index newest-first and stop at the cap: no sort, no full count, over any number of matches.
    const want = offset + Math.max(limit, COUNT_CAP) + 1;
    const ids = cachedStatement(db, SEARCH_IDS_SQL).pluck().all(match, want) as number[];
    capped = ids.length === want;
    total = capped ? want - 1 : ids.length;
    const pageIds = ids.slice(offset, offset + limit);
    const byId = new Map(
      pageIds.length
        ? (cachedStatement(db, rowsByIdsSql(pageIds.length)).all(...pageIds) as Row[]).map((r) => [r.id, r])
        : [],
    );
    rows = pageIds.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
  } else {
    ({ rows, total } = browseByName(db, folded, offset, limit));
  }
  const phoneOn = enabledFields(db).has('phone');
  return {
    total,
    offset,
    ...(capped ? { capped } : {}),
    items: rows.map((r) => {
      const display = phoneOn && r.phone_e164 ? formatPhone(r.phone_e164) : null;
      return {
        id: r.id,
        name: r.name,
        phone: display && maskPhones ? maskPhone(display) : display,
        lastActivityAt: r.last_activity_at,
      };
    }),
  };
}

/** A customer's phone (E.164); null when they have none, undefined when there is no such customer. */
export function customerPhone(db: Db, id: number): string | null | undefined {
  return cachedStatement(db, 'SELECT phone_e164 FROM customers WHERE id = ?').pluck().get(id) as
    string | null | undefined;
}

/** What a letter to the customer needs: their name and where to reach them. */
export function customerContact(
  db: Db,
  id: number,
): { id: number; name: string; phone_e164: string | null; address: string | null } | undefined {
  return cachedStatement(db, 'SELECT id, name, phone_e164, address FROM customers WHERE id = ?').get(id) as
    { id: number; name: string; phone_e164: string | null; address: string | null } | undefined;
}
