import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../../src/main/vault/database';
import { migrate, schemaVersion } from '../../src/main/vault/migrate';
import { MIGRATIONS } from '../../src/main/vault/migrations/index';

/**
 * A real encrypted vault at a past schema version (0 = empty, 10 = after 0010, ...), as an older
 * app left it: only the migrations up to that version have run. The caller seeds it, closes it,
 * then opens it through the app's own path to upgrade it.
 */
export function vaultAt(
  dir: string,
  version: number,
  key = randomBytes(32),
): { path: string; key: Buffer; db: Database.Database } {
  if (version !== 0 && !MIGRATIONS.some((m) => m.version === version)) {
    throw new Error(`no migration ${version}`);
  }
  const path = join(dir, `vault-at-${version}.db`);
  const db = new Database(path);
  applyKey(db, key);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  if (schemaVersion(db) !== version) throw new Error(`vault at ${schemaVersion(db)}, wanted ${version}`);
  return { path, key, db };
}
