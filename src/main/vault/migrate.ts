import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../lib/app-error';
import { MIGRATIONS, type Migration } from './migrations/index';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Runs every pending migration in one transaction and records the new user_version. A vault
 * written by a newer app is refused by name rather than half-read.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) throw new AppError('VAULT_TOO_NEW');
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  // The pragma is a no-op inside a transaction, so it is switched around it.
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  const keysOff = keysWereOn && pending.some((m) => m.foreignKeysOff);
  if (keysOff) db.pragma('foreign_keys = OFF');
  const violations = () => (keysOff ? (db.pragma('foreign_key_check') as unknown[]).length : 0);
  try {
    db.transaction(() => {
      // Only what the migrations broke: a vault is not refused for an old dangling reference.
      const before = violations();
      for (const m of pending) m.up(db);
      if (violations() > before) throw new AppError('CORRUPT', { reason: 'foreign_keys' });
      db.pragma(`user_version = ${latest}`);
    })();
  } finally {
    if (keysOff) db.pragma('foreign_keys = ON');
  }
  return latest;
}
