import { hash } from 'node:crypto';
import type { AuditPage, AuditVerifyResult } from '../../shared/domain';
import { words } from '../../shared/i18n/text';
import { shopCsv, shopCsvLine } from './csv';
import { cachedStatement, type Db } from '../vault/database';

export type Outcome = 'ok' | 'denied' | 'failed';

export interface AuditEvent {
  at: number;
  actor: string | null;
  action: string;
  /** An id (customer number, user id), never a name or phone. */
  target?: string | null;
  outcome: Outcome;
  /** Non-personal facts: which fields changed, error codes, counts. */
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

interface Row {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: Outcome;
  detail: string;
  prev_hash: string;
  hash: string;
}

function entryHash(prev: string, r: Omit<Row, 'hash' | 'prev_hash'>): string {
  return hashOf(prev, r.id, r.at, r.actor, r.action, r.target, r.outcome, r.detail);
}

function hashOf(
  prev: string,
  id: number,
  at: number,
  actor: string | null,
  action: string,
  target: string | null,
  outcome: string,
  detail: string,
): string {
  // A JSON array fixes field order and escaping, so the hash input is unambiguous.
  const body = JSON.stringify([id, at, actor, action, target, outcome, detail]);
  // One-shot hashing (node:crypto `hash`) is several times cheaper per entry than createHash.
  return hash('sha256', `${prev}\n${body}`, 'hex');
}

/** Appends one entry to the hash chain. Runs inside the caller's transaction when there is one. */
export function appendAudit(db: Db, e: AuditEvent): void {
  const last = cachedStatement(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target ?? null,
    outcome: e.outcome,
    detail: JSON.stringify(e.detail ?? {}),
  };
  const prev = last?.hash ?? GENESIS;
  cachedStatement(
    db,
    `INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, prev_hash, hash)
     VALUES (@id, @at, @actor, @action, @target, @outcome, @detail, @prev, @hash)`,
  ).run({ ...row, prev, hash: entryHash(prev, row) });
}

/** Entries of one action in the last days, looking back over the newest 5,000 entries at most. */
export function countRecent(db: Db, action: string, since: number): number {
  return db
    .prepare(
      `SELECT count(*) FROM (SELECT action, at FROM audit_log ORDER BY rowid DESC LIMIT 5000)
       WHERE action = ? AND at >= ?`,
    )
    .pluck()
    .get(action, since) as number;
}

/** What the owner narrows the log to: one user, one kind of action, a span of days. */
export interface AuditFilter {
  actorId?: string;
  /** Entries about this customer (their id is the target of a customer action). */
  customerId?: number;
  action?: string;
  from?: number;
  to?: number;
}

/** Actions whose target is a customer's id: the owner sees that customer's name beside it. */
const CUSTOMER_ACTIONS =
  /^(customer\.|consent\.|purchase\.|retention\.keep|audience\.whatsapp|audience\.markSent|request\.)/;
const CUSTOMER_ACTIONS_SQL = `(a.action LIKE 'customer.%' OR a.action LIKE 'consent.%' OR a.action LIKE 'purchase.%'
  OR a.action = 'retention.keep' OR a.action IN ('audience.whatsapp', 'audience.markSent')
  OR a.action LIKE 'request.%')`;

/** The filter as SQL over `audit_log a`; every branch can use an index or the id order. */
function auditWhere(filter: AuditFilter): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.actorId) {
    where.push('a.actor = ?');
    args.push(filter.actorId);
  }
  if (filter.customerId !== undefined) {
    // Only since this customer was created: an old vault may have given an erased person's id
    // to someone new, and the new customer's record must not list the old one's entries.
    where.push(
      `a.target = ? AND ${CUSTOMER_ACTIONS_SQL} AND a.at >= (SELECT created_at FROM customers WHERE id = ?)`,
    );
    args.push(String(filter.customerId), filter.customerId);
  }
  if (filter.action) {
    where.push('a.action = ?');
    args.push(filter.action);
  }
  if (filter.from !== undefined) {
    where.push('a.at >= ?');
    args.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('a.at < ?');
    args.push(filter.to);
  }
  return { where, args };
}

/** How many entries the filter matches (by index for a customer or an action). */
export function countAudit(db: Db, filter: AuditFilter = {}): number {
  const { where, args } = auditWhere(filter);
  // The whole log: ids run 1, 2, 3... without a gap (the chain check holds them to it), so the
  // newest id is the count, without counting a million entries on every page.
  if (!where.length)
    return cachedStatement(db, 'SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
  return db
    .prepare(`SELECT count(*) FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
    .pluck()
    .get(...args) as number;
}

/**
 * Up to `limit` entries older than the entry `before` (none: from the newest), newest first. A
 * keyset on the id, never OFFSET: each page costs the same however deep it is, and entries
 * written between pages (they get higher ids) neither repeat nor push an entry past a page.
 */
export function auditRowsBefore(
  db: Db,
  before: number | undefined,
  limit: number,
  filter: AuditFilter = {},
): Row[] {
  const { where, args } = auditWhere(filter);
  if (before !== undefined) {
    where.push('a.id < ?');
    args.push(before);
  }
  return db
    .prepare(
      `SELECT a.* FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC LIMIT ?`,
    )
    .all(...args, limit) as Row[];
}

/** Every entry the filter matches, newest first, a keyset slice at a time. */
export function* auditSlices(db: Db, filter: AuditFilter = {}, size = 5000): Generator<Row[]> {
  let before: number | undefined;
  for (;;) {
    const rows = auditRowsBefore(db, before, size, filter);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    before = rows.at(-1)!.id;
  }
}

/**
 * The log for the owner, newest first, filtered, one page after the entry `before`. The log keeps
 * ids only; staff and customer names are looked up now (the owner may see both), so an erased
 * customer's entries name no one.
 */
export function listAudit(
  db: Db,
  before: number | undefined,
  limit: number,
  filter: AuditFilter = {},
): AuditPage {
  const rows = auditRowsBefore(db, before, limit + 1, filter);
  const more = rows.length > limit;
  if (more) rows.pop();
  const staffName = cachedStatement(db, 'SELECT name FROM users WHERE id = ?').pluck();
  const customer = cachedStatement(db, 'SELECT name, created_at FROM customers WHERE id = ?');
  // A customer's name labels only entries made since they were created (see auditWhere).
  const nameAt = (target: string, at: number) => {
    const c = customer.get(Number(target)) as { name: string; created_at: number } | undefined;
    return c && at >= c.created_at ? c.name : null;
  };
  return {
    total: countAudit(db, filter),
    next: more ? rows.at(-1)!.id : null,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor,
      actorName: r.actor ? ((staffName.get(r.actor) as string | undefined) ?? null) : null,
      action: r.action,
      target: r.target,
      targetName:
        r.target && CUSTOMER_ACTIONS.test(r.action) && /^\d+$/.test(r.target) ? nameAt(r.target, r.at) : null,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  };
}

/**
 * The actions the log holds (for the owner's filter): one step along the action index per
 * distinct action, not a walk over every entry.
 */
export function auditActions(db: Db): string[] {
  return cachedStatement(
    db,
    `WITH RECURSIVE next(action) AS (
       SELECT min(action) FROM audit_log
       UNION ALL
       SELECT (SELECT min(action) FROM audit_log WHERE action > next.action) FROM next
       WHERE next.action IS NOT NULL
     )
     SELECT action FROM next WHERE action IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
}

/**
 * Walks the chain from the start, or from an entry already checked (`from`: its id and hash);
 * names the first entry whose hash or link does not hold.
 */
export function verifyAudit(db: Db, from?: { count: number; hash: string }): AuditVerifyResult {
  let prev = from && from.count > 0 ? from.hash : GENESIS;
  let expectedId = (from?.count ?? 0) + 1;
  let checked = 0;
  // Rows as arrays, not objects: a million entries are checked in a few seconds.
  const rows = db
    .prepare(
      'SELECT id, at, actor, action, target, outcome, detail, prev_hash, hash FROM audit_log WHERE id >= ? ORDER BY id',
    )
    .raw()
    .iterate(expectedId) as Iterable<
    [number, number, string | null, string, string | null, string, string, string, string]
  >;
  for (const [id, at, actor, action, target, outcome, detail, prevHash, stored] of rows) {
    if (
      id !== expectedId ||
      prevHash !== prev ||
      hashOf(prev, id, at, actor, action, target, outcome, detail) !== stored
    ) {
      return { ok: false, checked, firstBrokenId: id !== expectedId ? expectedId : id, anchor: 'none' };
    }
    prev = stored;
    expectedId++;
    checked++;
  }
  return { ok: true, checked, firstBrokenId: null, anchor: 'none' };
}

/** Columns the app writes itself (time, user id, details as JSON, hash): not formula-neutralized. */
const CSV_TRUSTED = new Set([1, 2, 6, 7]);

/**
 * The log (filtered, newest first) as a CSV file for an auditor: ids only. Names are looked up
 * only on screen; details hold non-personal facts by construction (see AuditEvent) and are the
 * JSON stored with the entry. Read in keyset slices (rows as arrays) inside one read transaction
 * (one snapshot), each slice written to bytes at once, so a million entries take seconds; it runs
 * on the long-job worker (see services/reports.ts).
 */
export function auditCsv(db: Db, filter: AuditFilter = {}, slice = 5000): { data: Buffer; count: number } {
  const { where, args } = auditWhere(filter);
  const page = db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.action, a.target, a.outcome, a.detail, a.hash FROM audit_log a
       WHERE ${[...where, 'a.id < ?'].join(' AND ')} ORDER BY a.id DESC LIMIT ?`,
    )
    .raw();
  return db.transaction(() => {
    // Indonesian column names whatever the app's language: a fixed file format (see the catalogue).
    const parts = [Buffer.from(shopCsv([words('id').core.auditCsv.columns], CSV_TRUSTED))];
    let count = 0;
    for (let before = Number.MAX_SAFE_INTEGER; ;) {
      const rows = page.all(...args, before, slice) as [number, number, ...(string | null)[]][];
      let text = '';
      for (const r of rows) {
        r[1] = new Date(r[1]).toISOString() as never;
        text += shopCsvLine(r, CSV_TRUSTED);
      }
      parts.push(Buffer.from(text));
      count += rows.length;
      if (rows.length < slice) break;
      before = rows.at(-1)![0];
    }
    return { data: Buffer.concat(parts), count };
  })();
}
