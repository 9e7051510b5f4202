import { randomUUID } from 'node:crypto';
import type { Db } from '../../vault/database';
import { cachedStatement } from '../../vault/database';
import type { Reply } from '../../lan/protocol';

/**
 * The one writer of the second counter's tables (see migration 0210): the primary's identity,
 * its paired devices and the replies to remote writes it remembers.
 */

export interface StoredIdentity {
  key: string;
  cert: string;
  fingerprint: string;
  enabled: boolean;
}

export interface DeviceRow {
  id: string;
  name: string;
  fingerprint: string;
  pairedAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

/** How long a remote write's reply is kept for its retries: a client retries within seconds. */
export const REMEMBER_MS = 15 * 60_000;

export function readIdentity(db: Db): StoredIdentity | null {
  const row = cachedStatement(
    db,
    'SELECT key_pem, cert_pem, fingerprint, enabled FROM lan_identity WHERE id = 1',
  ).get() as { key_pem: string; cert_pem: string; fingerprint: string; enabled: number } | undefined;
  return row
    ? { key: row.key_pem, cert: row.cert_pem, fingerprint: row.fingerprint, enabled: row.enabled === 1 }
    : null;
}

/**
 * What the record of processing says about the second counter: whether the server is on, and how
 * many paired laptops (not revoked) may open the customers through it.
 */
export function counterFacts(db: Db): { enabled: boolean; devices: number } {
  const enabled = cachedStatement(db, 'SELECT enabled FROM lan_identity WHERE id = 1').pluck().get();
  const devices = cachedStatement(db, 'SELECT count(*) FROM lan_devices WHERE revoked_at IS NULL')
    .pluck()
    .get() as number;
  return { enabled: enabled === 1, devices };
}

export function saveIdentity(
  db: Db,
  id: { key: string; cert: string; fingerprint: string },
  now: number,
): void {
  cachedStatement(
    db,
    'INSERT INTO lan_identity (id, key_pem, cert_pem, fingerprint, enabled, created_at) VALUES (1, ?, ?, ?, 0, ?)',
  ).run(id.key, id.cert, id.fingerprint, now);
}

export function setEnabled(db: Db, enabled: boolean): void {
  cachedStatement(db, 'UPDATE lan_identity SET enabled = ? WHERE id = 1').run(enabled ? 1 : 0);
}

const DEVICE_COLUMNS =
  'id, name, fingerprint, paired_at AS pairedAt, last_seen_at AS lastSeenAt, revoked_at AS revokedAt';

export function listDevices(db: Db): DeviceRow[] {
  return cachedStatement(
    db,
    `SELECT ${DEVICE_COLUMNS} FROM lan_devices ORDER BY paired_at, id`,
  ).all() as DeviceRow[];
}

export function getDevice(db: Db, id: string): DeviceRow | null {
  return (
    (cachedStatement(db, `SELECT ${DEVICE_COLUMNS} FROM lan_devices WHERE id = ?`).get(id) as DeviceRow) ??
    null
  );
}

/**
 * A newly paired device. A certificate paired before (revoked since, or the same laptop pairing
 * again) keeps its row: its fingerprint is unique, and it is paired anew under the same id.
 */
export function addDevice(db: Db, name: string, fingerprint: string, now: number): string {
  const existing = cachedStatement(db, 'SELECT id FROM lan_devices WHERE fingerprint = ?')
    .pluck()
    .get(fingerprint) as string | undefined;
  if (existing) {
    cachedStatement(
      db,
      'UPDATE lan_devices SET name = ?, paired_at = ?, last_seen_at = NULL, revoked_at = NULL WHERE id = ?',
    ).run(name, now, existing);
    return existing;
  }
  const id = randomUUID();
  cachedStatement(db, 'INSERT INTO lan_devices (id, name, fingerprint, paired_at) VALUES (?, ?, ?, ?)').run(
    id,
    name,
    fingerprint,
    now,
  );
  return id;
}

export function markSeen(db: Db, id: string, at: number): void {
  cachedStatement(db, 'UPDATE lan_devices SET last_seen_at = ? WHERE id = ?').run(at, id);
}

/** Revokes one device (true if it was paired); its remembered replies go with it. */
export function revokeDevice(db: Db, id: string, now: number): boolean {
  const changed = cachedStatement(
    db,
    'UPDATE lan_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  ).run(now, id).changes;
  cachedStatement(db, 'DELETE FROM lan_remembered WHERE device_id = ?').run(id);
  return changed > 0;
}

/** Revokes every device still paired; returns their ids. */
export function revokeAll(db: Db, now: number): string[] {
  const ids = cachedStatement(db, 'SELECT id FROM lan_devices WHERE revoked_at IS NULL')
    .pluck()
    .all() as string[];
  for (const id of ids) revokeDevice(db, id, now);
  return ids;
}

/**
 * A restored vault pairs nothing: the backup holds the identity key and the devices paired when
 * it was made, which would let a laptop the owner has since revoked (or given away) back in.
 * Every device is unpaired, the identity goes (a new one is made at the next enable, so every
 * laptop pairs again and pins the new certificate), and no remembered reply survives.
 */
export function forgetPairingOnRestore(db: Db, now: number): void {
  revokeAll(db, now);
  cachedStatement(db, 'DELETE FROM lan_remembered').run();
  cachedStatement(db, 'DELETE FROM lan_identity').run();
}

/** The remembered reply of a write, or undefined if none; `null` when an erasure forgot its text. */
export function rememberedReply(
  db: Db,
  deviceId: string,
  requestId: string,
  now: number,
): Reply | null | undefined {
  const row = cachedStatement(
    db,
    'SELECT reply, at FROM lan_remembered WHERE device_id = ? AND request_id = ?',
  ).get(deviceId, requestId) as { reply: string | null; at: number } | undefined;
  if (!row || now - row.at > REMEMBER_MS) return undefined;
  return row.reply === null ? null : (JSON.parse(row.reply) as Reply);
}

/** Inside the write's own transaction (with its audit entry): the reply a retry gets. */
export function rememberReply(db: Db, deviceId: string, requestId: string, reply: Reply, now: number): void {
  cachedStatement(
    db,
    'INSERT OR REPLACE INTO lan_remembered (device_id, request_id, reply, at) VALUES (?, ?, ?, ?)',
  ).run(deviceId, requestId, JSON.stringify(reply), now);
}

/**
 * Replies older than REMEMBER_MS (or dated ahead of a clock set back) are deleted. Returns how
 * many went.
 */
export function forgetOldReplies(db: Db, now: number): number {
  return cachedStatement(db, 'DELETE FROM lan_remembered WHERE at < ? OR at > ?').run(now - REMEMBER_MS, now)
    .changes;
}

/**
 * An erasure (a request, the purge, a restore re-applying one) forgets every remembered reply's
 * text, as any of them may name the erased customer: the keys stay, so a late retry is still
 * never written twice, but it is told the write was done instead of being shown its reply.
 */
export function forgetReplyTexts(db: Db): void {
  cachedStatement(db, 'UPDATE lan_remembered SET reply = NULL WHERE reply IS NOT NULL').run();
}
