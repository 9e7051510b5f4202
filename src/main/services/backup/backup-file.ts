import { fsyncDir, fsyncFile, renameOnly, unlinkDurable } from '../../lib/durable-fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../lib/app-error';
import { applyKey } from '../../vault/database';

/**
 * A backup is a genuine SQLCipher 4 database keyed with the recovery code as its passphrase
 * (SQLCipher's own PBKDF2-HMAC-SHA512, 256,000 iterations), so any SQLCipher 4 tool opens it with
 * the code and nothing else. The app does not keep the code: when the owner enables backups it
 * derives the passphrase key for one random salt and keeps that key inside the encrypted vault;
 * every backup is written with that key and salt (SQLCipher's raw key-and-salt form), which is
 * exactly what the code derives.
 *
 * Made with VACUUM INTO (the copy is encrypted with the vault's key as it is written), then
 * re-keyed to the backup key: never SQLite's backup API, never a copy of vault.db and its -wal
 * (both can leave plaintext or unopenable files with this library).
 */
export const SQLCIPHER_KDF_ITER = 256_000;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
export const MANIFEST = 'brankas_backup_manifest';

export interface BackupKey {
  key: Buffer;
  salt: Buffer;
}

export interface Manifest {
  format: 1;
  appVersion: string;
  schemaVersion: number;
  createdAt: number;
  shopName: string;
  counts: Record<string, number>;
  sha256: string;
}

/** The key SQLCipher derives from the (normalized) recovery code for this salt. */
export function deriveBackupKey(normalizedCode: string, salt = randomBytes(16)): BackupKey {
  return { key: pbkdf2Sync(normalizedCode, salt, SQLCIPHER_KDF_ITER, 32, 'sha512'), salt };
}

/** Tables whose rows make up the shop's data (the search index is rebuilt from customers). */
function dataTables(db: Database.Database): { name: string; order: string }[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'customers_fts%' AND name <> ? ORDER BY name`,
    )
    .all(MANIFEST) as { name: string; sql: string }[];
  // A WITHOUT ROWID table is read in its primary key's order, which a plain scan follows.
  return rows.map((r) => ({ name: r.name, order: /WITHOUT\s+ROWID/i.test(r.sql) ? '' : ' ORDER BY rowid' }));
}

/**
 * One row as unambiguous text: values joined by a unit separator, with NULL, numbers, text and
 * blobs marked apart (about twice as fast as JSON for a million purchases).
 */
function rowText(row: unknown[]): string {
  let out = '';
  for (const v of row) {
    if (v === null) out += '\u001fN';
    else if (typeof v === 'string') out += `\u001fS${v.length}:${v}`;
    else if (Buffer.isBuffer(v)) out += `\u001fB${v.toString('base64')}`;
    else out += `\u001f#${String(v)}`;
  }
  return `${out}\n`;
}

/** Row counts and one SHA-256 over every row of every data table, in a stable order. */
export function digest(db: Database.Database): { counts: Record<string, number>; sha256: string } {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  // Rows are fed to the hash in batches: a million tiny updates cost more than the hashing.
  let batch = '';
  for (const { name: table, order } of dataTables(db)) {
    let n = 0;
    batch += `\n#${table}\n`;
    for (const row of db.prepare(`SELECT * FROM "${table}"${order}`).raw().iterate() as Iterable<unknown[]>) {
      batch += rowText(row);
      if (batch.length > 65_536) {
        hash.update(batch);
        batch = '';
      }
      n++;
    }
    counts[table] = n;
  }
  hash.update(batch);
  return { counts, sha256: hash.digest('hex') };
}

export interface WriteBackupInput {
  vaultPath: string;
  dek: Buffer;
  finalPath: string;
  backupKey: BackupKey;
  appVersion: string;
  shopName: string;
  now: number;
  nativeBinding?: string;
  /** Called between steps; may throw (cancel). */
  step?: (phase: 'copying' | 'sealing' | 'syncing') => void;
  /** Crash tests only: called by name between the steps below (in-process runs only). */
  fault?: (name: string) => void;
}

/**
 * Writes the backup under a temporary name in the target folder, fsyncs it, renames it into
 * place and fsyncs the folder: after a crash there is either no file under the final name or a
 * complete one. The vault is only read.
 */
export function writeBackup(input: WriteBackupInput): { path: string; manifest: Manifest; bytes: number } {
  const tmp = `${input.finalPath}.partial`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-journal`, { force: true });
  const opts = input.nativeBinding ? { nativeBinding: input.nativeBinding } : {};
  try {
    input.step?.('copying');
    const source = new Database(input.vaultPath, { ...opts, readonly: true, fileMustExist: true });
    try {
      applyKey(source, input.dek);
      source.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      source.close();
    }
    input.fault?.('backup:copied');
    input.step?.('sealing');
    const copy = new Database(tmp, opts);
    let manifest: Manifest;
    try {
      applyKey(copy, input.dek);
      copy.pragma('journal_mode = DELETE');
      const { counts, sha256 } = digest(copy);
      manifest = {
        format: 1,
        appVersion: input.appVersion,
        schemaVersion: copy.pragma('user_version', { simple: true }) as number,
        createdAt: input.now,
        shopName: input.shopName,
        counts,
        sha256,
      };
      copy.exec(`CREATE TABLE ${MANIFEST} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
      copy
        .prepare(`INSERT INTO ${MANIFEST} (key, value) VALUES ('manifest', ?)`)
        .run(JSON.stringify(manifest));
      const { key, salt } = input.backupKey;
      copy.pragma(`rekey = "x'${key.toString('hex')}${salt.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    input.fault?.('backup:sealed');
    input.step?.('syncing');
    assertEncrypted(tmp);
    fsyncFile(tmp);
    input.fault?.('backup:synced');
    renameOnly(tmp, input.finalPath);
    input.fault?.('backup:renamed');
    fsyncDir(dirname(input.finalPath));
    input.fault?.('backup:written');
    return { path: input.finalPath, manifest, bytes: statSync(input.finalPath).size };
  } catch (err) {
    unlinkDurable(tmp);
    rmSync(`${tmp}-journal`, { force: true });
    throw err;
  }
}

/** Refuses to leave a file that starts like a plain SQLite database. */
export function assertEncrypted(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    if (head.equals(SQLITE_HEADER)) throw new AppError('INTERNAL', { reason: 'backup_not_encrypted' });
  } finally {
    closeSync(fd);
  }
}

/**
 * What is wrong with a backup, as the owner needs to hear it: the file is gone; the code does not
 * open it; its salt (the first 16 bytes) or its first page is damaged though the code is right;
 * another part is damaged; it is not a Brankas backup.
 */
export type BackupProblem =
  'missing' | 'wrong_code' | 'damaged_salt' | 'damaged_header' | 'damaged' | 'not_brankas';

export type VerifyResult = { ok: true; manifest: Manifest } | { ok: false; problem: BackupProblem };

/**
 * Opens a backup with the code (or the kept key when the salt matches), checks every page
 * (SQLCipher's per-page HMAC fails on any flipped byte) and SQLite's integrity, then recomputes
 * the manifest's counts and hash. Never writes.
 */
export function verifyBackup(
  path: string,
  secret: { code: string } | BackupKey,
  nativeBinding?: string,
  /** The key the vault keeps for its backups, if any: tells a damaged salt from a wrong code. */
  kept?: BackupKey | null,
): VerifyResult {
  if (!existsSync(path)) return { ok: false, problem: 'missing' };
  let db: Database.Database | null = null;
  try {
    db = new Database(path, {
      ...(nativeBinding ? { nativeBinding } : {}),
      readonly: true,
      fileMustExist: true,
    });
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    if ('code' in secret) db.pragma(`key = '${secret.code.replace(/'/g, "''")}'`);
    else db.pragma(`key = "x'${secret.key.toString('hex')}${secret.salt.toString('hex')}'"`);
    try {
      // Reads page 1 only (the header): a wrong code fails here, a damaged later page does not.
      db.pragma('schema_version', { simple: true });
    } catch {
      // A wrong code and a damaged first page look the same to SQLCipher: the next page tells.
      return { ok: false, problem: firstPageProblem(path, secret, kept ?? null) };
    }
    try {
      const row = db.prepare(`SELECT value FROM ${MANIFEST} WHERE key = 'manifest'`).pluck().get() as
        string | undefined;
      if (!row) return { ok: false, problem: 'not_brankas' };
      const manifest = JSON.parse(row) as Manifest;
      if ((db.pragma('integrity_check', { simple: true }) as string) !== 'ok')
        return { ok: false, problem: 'damaged' };
      const { counts, sha256 } = digest(db);
      if (sha256 !== manifest.sha256 || JSON.stringify(counts) !== JSON.stringify(manifest.counts)) {
        return { ok: false, problem: 'damaged' };
      }
      return { ok: true, manifest };
    } catch (err) {
      if (/no such table/.test(String((err as Error).message))) return { ok: false, problem: 'not_brankas' };
      return { ok: false, problem: 'damaged' };
    }
  } finally {
    db.close();
  }
}

const PAGE_SIZE = 4096;
const SALT_SIZE = 16;
/** SQLCipher 4's page reserve: a 16-byte IV, then a 64-byte HMAC-SHA512. */
const IV_SIZE = 16;
const HMAC_SIZE = 64;

/**
 * Whether page `pgno` of a SQLCipher 4 file carries a valid HMAC under this key and salt (the
 * HMAC key is SQLCipher's: PBKDF2-SHA512 of the key over the salt masked with 0x3a, 2 rounds; the
 * HMAC covers the page's ciphertext and IV, then the page number little-endian).
 */
function pageAuthentic(path: string, pgno: number, { key, salt }: BackupKey): boolean {
  const page = Buffer.alloc(PAGE_SIZE);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, page, 0, PAGE_SIZE, (pgno - 1) * PAGE_SIZE) !== PAGE_SIZE) return false;
  } finally {
    closeSync(fd);
  }
  const end = PAGE_SIZE - IV_SIZE - HMAC_SIZE + IV_SIZE;
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const pg = Buffer.alloc(4);
  pg.writeUInt32LE(pgno);
  const mac = createHmac('sha512', hmacKey)
    .update(page.subarray(pgno === 1 ? SALT_SIZE : 0, end))
    .update(pg)
    .digest();
  return timingSafeEqual(mac, page.subarray(end, end + HMAC_SIZE));
}

/**
 * Page 1 did not open. With the right code page 2 still does (the first page is damaged); with
 * the key the vault keeps, page 2 opens under the kept salt when the file's salt is damaged.
 * Without that key a damaged salt cannot be told from a wrong code (the key is derived from both).
 */
function firstPageProblem(
  path: string,
  secret: { code: string } | BackupKey,
  kept: BackupKey | null,
): BackupProblem {
  const salt = fileSalt(path);
  if (!salt) return 'damaged';
  const key = 'code' in secret ? deriveBackupKey(secret.code, Buffer.from(salt)).key : secret.key;
  if (pageAuthentic(path, 2, { key, salt })) return 'damaged_header';
  if (kept && !kept.salt.equals(salt)) {
    const codeFits =
      'code' in secret ? deriveBackupKey(secret.code, Buffer.from(kept.salt)).key.equals(kept.key) : true;
    if (codeFits && pageAuthentic(path, 2, kept)) return 'damaged_salt';
  }
  return 'wrong_code';
}

/** The 16-byte salt at the start of a SQLCipher file (to tell whether the kept key fits it). */
export function fileSalt(path: string): Buffer | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const salt = Buffer.alloc(16);
      return readSync(fd, salt, 0, 16, 0) === 16 ? salt : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}
