import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { fsyncFile } from '../lib/durable-fs';
import { AppError } from '../lib/app-error';
import { toAppError } from '../lib/os-errors';
import { migrate } from './migrate';

export type Db = Database.Database;

/** An upper bound: SQLite fills it only with pages actually read. */
export const CACHE_KIB = 256 * 1024;

export interface OpenOptions {
  /** Path of an Electron-ABI build of the native module (the app); tests use the default. */
  nativeBinding?: string;
}

/**
 * Opens (or creates) the vault as a genuine SQLCipher 4 database keyed with the raw 256-bit DEK.
 * The order of the cipher pragmas matters: without legacy=4 real SQLCipher cannot read the file.
 */
export function openVault(path: string, dek: Buffer, options: OpenOptions = {}): Db {
  if (dek.length !== 32) throw new AppError('INTERNAL');
  // What goes wrong here is named for what it is (a folder that may not be written, a copy of the
  // app holding the file, a full disk, a damaged page): only a page that does not decrypt is
  // CORRUPT. The OS's or SQLite's error is kept as the cause.
  let db: Db;
  try {
    ownerOnlyFiles(path);
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw toAppError(err);
  }
  try {
    applyKey(db, dek);
    // Reading the schema is the first access that decrypts a page: a wrong key fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    throw toAppError(err, 'CORRUPT');
  }
  try {
    // Incremental auto-vacuum lets a purge hand freed pages back in small steps (main stays
    // responsive). A new vault gets it before its first page is written (switching to WAL writes
    // one); an older one is converted once, below.
    const fresh = (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) === 0;
    if (fresh) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    // Sorts, temporary indexes and TEMP tables stay in memory: a temporary file would hold
    // decrypted rows on disk.
    db.pragma('temp_store = MEMORY');
    // Pages in SQLite's cache are already decrypted: a roomy cache (up to 256 MiB, enough for a
    // million customers' tables and indexes) keeps them from being decrypted again on every read.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(db);
    if (!fresh && (db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    }
  } catch (err) {
    db.close();
    throw toAppError(err);
  }
  return db;
}

/**
 * On POSIX the vault and its -wal/-shm are readable by this OS user only (0600). SQLite creates
 * the -wal and -shm with the main file's mode, so an empty vault file is made 0600 first.
 */
export function ownerOnlyFiles(path: string): void {
  if (process.platform === 'win32') return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

/**
 * Writes a copy of the open vault re-encrypted under a new key (breach response), beside it at
 * `tmp`. SQLite3MultipleCiphers cannot rekey a WAL database, and an in-place rekey killed midway
 * was seen to leave a file neither key opens (the fault suite's SIGKILLs): so the copy is made
 * with VACUUM INTO (under the current key), rekeyed with the rollback journal, and fsynced. The
 * caller then swaps it in with a rename, the one atomic step: before it the old key opens the
 * vault, after it the new one.
 */
export function writeRekeyedCopy(
  db: Db,
  oldDek: Buffer,
  newDek: Buffer,
  tmp: string,
  options: OpenOptions = {},
): void {
  const hex = newDek.toString('hex');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AppError('INTERNAL');
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-journal`, { force: true });
  ownerOnlyFiles(tmp);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.prepare('VACUUM INTO ?').run(tmp);
  const copy = new Database(tmp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyKey(copy, oldDek);
    copy.pragma('journal_mode = DELETE');
    copy.pragma(`rekey = "x'${hex}'"`);
    // Proof before the swap: the copy reads under the new key.
    copy.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    copy.close();
  }
  fsyncFile(tmp);
}

export function applyKey(db: Db, dek: Buffer): void {
  const hex = dek.toString('hex');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AppError('INTERNAL');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${hex}'"`);
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement kept for the life of this connection. Compiling SQL costs ~10 us, a tenth
 * of a search: the statements run on every keystroke are prepared once. SQLite recompiles a kept
 * statement by itself if the schema changes.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/**
 * Whether the SQLCipher native module loads: the app must have its Electron-ABI build, and a
 * missing or stale one would otherwise surface as a NODE_MODULE_VERSION error at setup.
 */
export function probeNativeBinding(nativeBinding?: string): 'ok' | 'missing' | 'load_failed' {
  if (nativeBinding !== undefined && !existsSync(nativeBinding)) return 'missing';
  try {
    new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
    return 'ok';
  } catch {
    return 'load_failed';
  }
}
