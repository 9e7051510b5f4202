import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult, Page } from '../../shared/domain';
import type { Db } from '../vault/database';

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
  // A JSON array fixes field order and escaping, so the hash input is unambiguous.
  const body = JSON.stringify([r.id, r.at, r.actor, r.action, r.target, r.outcome, r.detail]);
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

/** Appends one entry to the hash chain. Runs inside the caller's transaction when there is one. */
export function appendAudit(db: Db, e: AuditEvent): void {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
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
  db.prepare(
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

export function listAudit(db: Db, offset: number, limit: number): Page<AuditEntry> {
  const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor
       ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as (Row & { actor_name: string | null })[];
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
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  };
}

/** Walks the chain from the start; names the first entry whose hash or link does not hold. */
export function verifyAudit(db: Db): AuditVerifyResult {
  let prev = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<Row>) {
    if (r.id !== expectedId || r.prev_hash !== prev || entryHash(prev, r) !== r.hash) {
      return { ok: false, checked, firstBrokenId: r.id !== expectedId ? expectedId : r.id, anchor: 'none' };
    }
    prev = r.hash;
    expectedId++;
    checked++;
  }
  return { ok: true, checked, firstBrokenId: null, anchor: 'none' };
}
