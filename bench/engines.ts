import sqlcipher from '@journeyapps/sqlcipher';
import PlainDatabase from 'better-sqlite3';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, CACHE_KIB } from '../src/main/vault/database';
import { migrate } from '../src/main/vault/migrate';

/**
 * The three engines the benchmark compares, behind one small async interface so every operation
 * runs the same SQL on each: ours (better-sqlite3-multiple-ciphers as SQLCipher 4), plain
 * better-sqlite3 (no cipher, the speed limit) and @journeyapps/sqlcipher (genuine SQLCipher,
 * asynchronous, the alternative we did not pick).
 */
export interface Engine {
  name: string;
  all(sql: string, params: unknown[]): Promise<unknown[]>;
  run(sql: string, params: unknown[]): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

type SyncDb = Database.Database | PlainDatabase.Database;

function syncEngine(name: string, db: SyncDb): Engine & { db: SyncDb } {
  const cache = new Map<string, ReturnType<SyncDb['prepare']>>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  return {
    name,
    db,
    all: (sql, params) => {
      const s = stmt(sql) as unknown as { all(...a: unknown[]): unknown[] };
      return Promise.resolve(s.all(...params));
    },
    run: (sql, params) => {
      const s = stmt(sql) as unknown as { run(...a: unknown[]): unknown };
      s.run(...params);
      return Promise.resolve();
    },
    exec: (sql) => {
      db.exec(sql);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function pragmas(db: SyncDb): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma(`cache_size = -${CACHE_KIB}`);
}

export function openOurs(path: string, key: Buffer, opts: { incrementalVacuum?: boolean } = {}) {
  const db = new Database(path);
  applyKey(db, key);
  // As the app's vaults: set before the first page is written.
  if (opts.incrementalVacuum) db.pragma('auto_vacuum = INCREMENTAL');
  pragmas(db);
  migrate(db);
  return syncEngine('encrypted (ours)', db);
}

export function openPlain(path: string) {
  const db = new PlainDatabase(path);
  pragmas(db);
  migrate(db as unknown as Database.Database);
  return syncEngine('plain better-sqlite3', db);
}

/** Opens an existing SQLCipher file (a copy of ours) with genuine SQLCipher. */
export async function openJourney(path: string, key: Buffer): Promise<Engine> {
  const db = await new Promise<sqlcipher.Database>((ok, fail) => {
    const d = new sqlcipher.Database(path, (err) => (err ? fail(err) : ok(d)));
  });
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((ok, fail) => db.run(sql, params, (err) => (err ? fail(err) : ok())));
  await run(`PRAGMA key = "x'${key.toString('hex')}'"`);
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = FULL');
  await run('PRAGMA foreign_keys = ON');
  await run(`PRAGMA cache_size = -${CACHE_KIB}`);
  return {
    name: '@journeyapps/sqlcipher',
    all: (sql, params) =>
      new Promise((ok, fail) => db.all(sql, params, (err, rows) => (err ? fail(err) : ok(rows)))),
    run,
    exec: (sql) => new Promise((ok, fail) => db.exec(sql, (err) => (err ? fail(err) : ok()))),
    close: () => new Promise((ok, fail) => db.close((err) => (err ? fail(err) : ok()))),
  };
}
