import type { Settings, SettingsView } from '../../shared/domain';
import type { Db } from '../vault/database';
import { AppError } from '../lib/app-error';
import { formatPhone, normalizePhone, reachesWhatsApp } from './phone';

/**
 * The shop's settings and facts about the vault, kept as key/value rows in `meta`. This module is
 * the only one that writes that table (vault/table-owners.ts); the others call it.
 */
export function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
    ?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function deleteMeta(db: Db, ...keys: string[]): void {
  const stmt = db.prepare('DELETE FROM meta WHERE key = ?');
  for (const key of keys) stmt.run(key);
}

/** What a new vault starts with (written in setup's transaction). */
export function initSettings(db: Db, shopName: string, now: number): void {
  setMeta(db, 'shop_name', shopName);
  setMeta(db, 'created_at', String(now));
  setMeta(db, 'recovery_confirmed', '0');
  setMeta(db, 'auto_lock_minutes', '5');
}

export function readSettings(db: Db): SettingsView {
  return {
    autoLockMinutes: Number(getMeta(db, 'auto_lock_minutes') ?? 5),
    notesHardBlock: getMeta(db, 'notes_hard_block') === '1',
    shopContact: getMeta(db, 'shop_contact') ?? '',
    shopAddress: getMeta(db, 'shop_address') ?? '',
    recipients: getMeta(db, 'recipients') ?? '',
    breachAuthority: getMeta(db, 'breach_authority') ?? '',
    shopWhatsApp: shopWhatsApp(db) ? formatPhone(shopWhatsApp(db)!) : '',
    noticeVersion: noticeVersion(db),
  };
}

/** Saves the settings; returns them and the names (not values) of those that changed, for the audit. */
export function updateSettings(
  db: Db,
  input: Settings,
): { settings: SettingsView; changed: (keyof Settings)[] } {
  const before = readSettings(db);
  // Checked before anything is written: a number WhatsApp cannot reach changes nothing.
  const whatsapp = input.shopWhatsApp === undefined ? undefined : shopWhatsAppOf(input.shopWhatsApp);
  db.transaction(() => {
    if (whatsapp !== undefined) setMeta(db, 'shop_whatsapp', whatsapp);
    setMeta(db, 'auto_lock_minutes', String(input.autoLockMinutes));
    setMeta(db, 'notes_hard_block', input.notesHardBlock ? '1' : '0');
    setMeta(db, 'shop_contact', input.shopContact.trim());
    setMeta(db, 'shop_address', input.shopAddress.trim());
    setMeta(db, 'breach_authority', input.breachAuthority.trim());
    // One recipient per line, blank lines dropped.
    setMeta(
      db,
      'recipients',
      input.recipients
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean)
        .join('\n'),
    );
  })();
  const after = readSettings(db);
  // The number is compared as stored (typed with or without spaces, it is the same number).
  const changed = (Object.keys(input) as (keyof Settings)[]).filter((k) =>
    k === 'shopWhatsApp' ? before[k] !== after[k] : before[k] !== input[k],
  );
  return { settings: after, changed };
}

/** The shop's WhatsApp number in E.164, or null when the owner has not set it. */
export function shopWhatsApp(db: Db): string | null {
  return getMeta(db, 'shop_whatsapp') || null;
}

/** The number as typed, in E.164 ('' clears it); a number WhatsApp cannot reach is refused. */
function shopWhatsAppOf(typed: string): string {
  if (typed.trim() === '') return '';
  let e164: string;
  try {
    e164 = normalizePhone(typed);
  } catch {
    throw new AppError('INVALID_PHONE', { fields: ['shopWhatsApp'] });
  }
  if (!reachesWhatsApp(e164))
    throw new AppError('CONFLICT', { reason: 'wa_not_mobile', fields: ['shopWhatsApp'] });
  return e164;
}

/** What heads every letter the shop signs: its name, postal address and contact (each may be empty). */
export function letterhead(db: Db): { name: string; address: string; contact: string } {
  return {
    name: getMeta(db, 'shop_name') ?? '',
    address: getMeta(db, 'shop_address') ?? '',
    contact: getMeta(db, 'shop_contact') ?? '',
  };
}

/**
 * The privacy notice version in force, recorded with every consent: the latest generated one
 * (rights/documents.ts makes a new one whenever a setting it depends on changes).
 */
export function noticeVersion(db: Db): number {
  return (
    (db.prepare("SELECT max(version) FROM documents WHERE kind = 'notice'").pluck().get() as number | null) ??
    1
  );
}

/** True until the owner has typed back the recovery code shown at setup. */
export function recoveryPending(db: Db): boolean {
  return getMeta(db, 'recovery_confirmed') === '0';
}

export function confirmRecovery(db: Db): void {
  setMeta(db, 'recovery_confirmed', '1');
  deleteMeta(db, 'recovery_incident');
}

/**
 * The recovery code was replaced by one the owner has not typed back yet: they are asked to
 * confirm it, and no backup is keyed from the old one (backups wait for the new code).
 */
export function awaitNewRecoveryCode(db: Db): void {
  setMeta(db, 'recovery_confirmed', '0');
  deleteMeta(db, 'backup_key', 'backup_salt');
}

/**
 * The incident whose key rotation made the code now waiting to be confirmed, if it was one: the
 * owner is told the code belongs to that incident and comes back to it once the code is confirmed.
 */
export function recoveryIncident(db: Db): number | null {
  return recoveryPending(db) ? Number(getMeta(db, 'recovery_incident') ?? '') || null : null;
}

export function markRecoveryIncident(db: Db, incidentId: number): void {
  setMeta(db, 'recovery_incident', String(incidentId));
}
