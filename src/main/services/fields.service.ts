import { OPTIONAL_FIELDS, type FieldSetting, type OptionalField } from '../../shared/domain';
import type { Db } from '../vault/database';
import { customerWriter, purgeIndexRemnants } from './customers.repo';

/** Stored column(s) behind each optional field, for clearing when the owner turns it off. */
const COLUMNS: Record<OptionalField, string[]> = {
  phone: ['phone_e164'],
  email: ['email'],
  address: ['address'],
  birthday: ['birthday'],
  gender: ['gender'],
  notes: ['notes'],
  tags: ['tags'],
};

export function listFields(db: Db): FieldSetting[] {
  const rows = db.prepare('SELECT key, enabled, purpose FROM field_settings').all() as {
    key: OptionalField;
    enabled: number;
    purpose: string;
  }[];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return OPTIONAL_FIELDS.map((key) => ({
    key,
    enabled: byKey.get(key)?.enabled === 1,
    purpose: byKey.get(key)?.purpose ?? '',
  }));
}

export function enabledFields(db: Db): Set<OptionalField> {
  return new Set(
    listFields(db)
      .filter((f) => f.enabled)
      .map((f) => f.key),
  );
}

/**
 * Turning a field off stops it being shown or accepted; with clearStored, the values already
 * kept are erased too (secure_delete overwrites them on disk). Returns how many customers had one.
 */
export function updateField(
  db: Db,
  input: { key: OptionalField; enabled: boolean; purpose: string; clearStored: boolean },
): { cleared: number } {
  const result = db.transaction(() => {
    db.prepare(
      'INSERT INTO field_settings (key, enabled, purpose) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET enabled = excluded.enabled, purpose = excluded.purpose',
    ).run(input.key, input.enabled ? 1 : 0, input.purpose);
    if (input.enabled || !input.clearStored) return { cleared: 0 };
    // Phone digits live in the search index too: the writer drops them there as well.
    return { cleared: customerWriter(db).clearColumns(COLUMNS[input.key]) };
  })();
  // Cleared means gone: no trigram left in an old index segment, no old page in the WAL.
  if (result.cleared > 0) purgeIndexRemnants(db);
  return result;
}

/** A restore re-applies a field the owner stopped collecting since the backup (its values are cleared apart). */
export function reapplyFieldStopped(db: Db, key: string, purpose: unknown): void {
  db.prepare('UPDATE field_settings SET enabled = 0, purpose = ? WHERE key = ?').run(purpose, key);
}
