import { hash } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult, Page } from '../../shared/domain';
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
const CUSTOMER_ACTIONS = /^(customer\.|consent\.|purchase\.|retention\.keep|audience\.whatsapp|request\.)/;
const CUSTOMER_ACTIONS_SQL = `(a.action LIKE 'customer.%' OR a.action LIKE 'consent.%' OR a.action LIKE 'purchase.%'
  OR a.action = 'retention.keep' OR a.action = 'audience.whatsapp' OR a.action LIKE 'request.%')`;

/**
 * The log for the owner, newest first, filtered. The log keeps ids only; staff and customer names
 * are looked up now (the owner may see both), so an erased customer's entries name no one.
 */
export function listAudit(db: Db, offset: number, limit: number, filter: AuditFilter = {}): Page<AuditEntry> {
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
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM audit_log a ${clause}`)
    .pluck()
    .get(...args) as number;
  const rows = db
    .prepare(
      `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor
       ${clause} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, offset) as (Row & { actor_name: string | null })[];
  const customer = db.prepare('SELECT name, created_at FROM customers WHERE id = ?');
  const nameAt = (target: string, at: number) => {
    const c = customer.get(Number(target)) as { name: string; created_at: number } | undefined;
    return c && at >= c.created_at ? c.name : null;
  };
  return {
    total,
    offset,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor,
      actorName: r.actor_name,
      action: r.action,
      target: r.target,
      targetName:
        r.target && CUSTOMER_ACTIONS.test(r.action) && /^\d+$/.test(r.target) ? nameAt(r.target, r.at) : null,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  };
}

/** The actions the log holds (for the owner's filter). */
export function auditActions(db: Db): string[] {
  return db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[];
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

/**
 * The log (filtered) as CSV rows for an auditor: ids only. Names are looked up only on screen;
 * details hold non-personal facts by construction (see AuditEvent).
 */
export function auditCsvRows(db: Db, filter: AuditFilter = {}): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ['id', 'waktu_utc', 'pengguna_id', 'tindakan', 'sasaran', 'hasil', 'rincian', 'hash'],
  ];
  for (let offset = 0; ; offset += 1000) {
    const page = listAudit(db, offset, 1000, filter);
    for (const e of page.items) {
      const hash = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(e.id) as string;
      rows.push([
        e.id,
        new Date(e.at).toISOString(),
        e.actorId,
        e.action,
        e.target,
        e.outcome,
        JSON.stringify(e.detail),
        hash,
      ]);
    }
    if (offset + 1000 >= page.total) break;
  }
  return rows;
}
