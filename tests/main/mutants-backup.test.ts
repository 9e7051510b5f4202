import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertEncrypted,
  deriveBackupKey,
  digest,
  fileSalt,
  verifyBackup,
  writeBackup,
  type BackupKey,
} from '../../src/main/services/backup/backup-file';
import {
  commitRestore,
  discardRestore,
  prepareRestoredVault,
  restorePaths,
  settleInterruptedRestore,
  stageRestoredSlots,
} from '../../src/main/services/backup/restore';
import { latestVersion } from '../../src/main/vault/migrate';
import { openVault } from '../../src/main/vault/database';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

const CODE = 'ABCD2345EFGH6789JKLM';
/** The restore marker's key (the app derives it from the device secret). */
const MARKER_KEY = randomBytes(32);

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function temp(): string {
  const d = tempDir('brankas-mut-backup-');
  cleanups.push(d.cleanup);
  return d.dir;
}

let key: BackupKey | null = null;
/** One PBKDF2 derivation (256k rounds) for the whole file. */
function backupKey(): BackupKey {
  key ??= deriveBackupKey(CODE);
  return key;
}

/** A shop with a few customers, and a backup of it written with the code's key. */
async function shopAndBackup(opts: { step?: (p: string) => void } = {}) {
  const t: TestCore = makeCore();
  cleanups.push(() => t.cleanup());
  await setupShop(t);
  for (const name of ['Ani', 'Budi', 'Cici']) await t.ok('customers:create', { name });
  const folder = temp();
  const finalPath = join(folder, 'toko.brankas');
  const write = () =>
    writeBackup({
      vaultPath: join(t.dir, 'vault.db'),
      dek: Buffer.from(t.core.vault.requireDek()),
      finalPath,
      backupKey: backupKey(),
      appVersion: '9.9.9',
      shopName: 'Toko Maju',
      now: t.clock.now(),
      step: opts.step,
    });
  return { t, folder, finalPath, write };
}

describe('backup file: a genuine SQLCipher file, checked page by page and row by row', () => {
  it('a written backup is encrypted, complete under its final name only, and verifies with the code or the kept key', async () => {
    const { t, folder, finalPath, write } = await shopAndBackup();
    const written = write();
    expect(readdirSync(folder)).toEqual(['toko.brankas']);
    expect(written.path).toBe(finalPath);
    expect(written.bytes).toBe(statSync(finalPath).size);
    expect(readFileSync(finalPath).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(written.manifest).toMatchObject({
      format: 1,
      appVersion: '9.9.9',
      schemaVersion: latestVersion(),
      createdAt: t.clock.now(),
      shopName: 'Toko Maju',
    });
    expect(written.manifest.counts.customers).toBe(3);
    // The search index is rebuilt from customers, and the manifest is not its own content.
    expect(Object.keys(written.manifest.counts).filter((n) => /fts|manifest/.test(n))).toEqual([]);
    expect(verifyBackup(finalPath, { code: CODE })).toEqual({ ok: true, manifest: written.manifest });
    expect(verifyBackup(finalPath, backupKey())).toEqual({ ok: true, manifest: written.manifest });
    expect(fileSalt(finalPath)).toEqual(backupKey().salt);
  });

  it('a cancel at any step leaves nothing under the final name and no partial file', async () => {
    for (const phase of ['copying', 'sealing', 'syncing']) {
      const { folder, write } = await shopAndBackup({
        step: (p) => {
          if (p === phase) throw new Error('cancelled');
        },
      });
      expect(write, phase).toThrow('cancelled');
      expect(readdirSync(folder), phase).toEqual([]);
    }
  });

  it('a wrong code, a damaged page, a changed row or a file that is not a backup are told apart', async () => {
    const { finalPath, write, folder } = await shopAndBackup();
    write();
    expect(verifyBackup(finalPath, { code: 'WRONG' })).toEqual({ ok: false, problem: 'wrong_code' });
    expect(verifyBackup(finalPath, { key: randomBytes(32), salt: backupKey().salt })).toEqual({
      ok: false,
      problem: 'wrong_code',
    });
    expect(verifyBackup(join(folder, 'missing.brankas'), { code: CODE })).toEqual({
      ok: false,
      problem: 'missing',
    });

    // A row changed by someone who has the code (the pages are sound, the rows are not).
    const edited = join(folder, 'edited.brankas');
    writeFileSync(edited, readFileSync(finalPath));
    withCode(edited, (db) => db.exec("UPDATE customers SET name = 'Eko' WHERE name = 'Ani'"));
    expect(verifyBackup(edited, { code: CODE })).toEqual({ ok: false, problem: 'damaged' });

    // A row removed: the counts no longer match either.
    const cut = join(folder, 'cut.brankas');
    writeFileSync(cut, readFileSync(finalPath));
    withCode(cut, (db) => db.exec("DELETE FROM customers WHERE name = 'Ani'"));
    expect(verifyBackup(cut, { code: CODE })).toEqual({ ok: false, problem: 'damaged' });

    // A SQLCipher file under the same code, but not a Brankas backup.
    const foreign = join(folder, 'foreign.db');
    withCode(foreign, (db) => db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)'));
    expect(verifyBackup(foreign, { code: CODE })).toEqual({ ok: false, problem: 'not_brankas' });

    // A manifest table without the manifest row.
    const empty = join(folder, 'empty.brankas');
    writeFileSync(empty, readFileSync(finalPath));
    withCode(empty, (db) => db.exec('DELETE FROM brankas_backup_manifest'));
    expect(verifyBackup(empty, { code: CODE })).toEqual({ ok: false, problem: 'not_brankas' });

    // A flipped byte in the last page: SQLCipher's page HMAC fails on read.
    const flipped = join(folder, 'flipped.brankas');
    const bytes = Buffer.from(readFileSync(finalPath));
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x01;
    writeFileSync(flipped, bytes);
    expect(verifyBackup(flipped, { code: CODE })).toEqual({ ok: false, problem: 'damaged' });
  });

  it('a plain SQLite file is never left as a backup', () => {
    const dir = temp();
    const plain = join(dir, 'plain.db');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => assertEncrypted(plain)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    const sealed = join(dir, 'sealed.db');
    withCode(sealed, (d) => d.exec('CREATE TABLE t (x)'));
    expect(() => assertEncrypted(sealed)).not.toThrow();
  });

  it('the salt is the first 16 bytes; a missing or shorter file has none', () => {
    const dir = temp();
    const f = join(dir, 'f');
    writeFileSync(f, Buffer.from('0123456789abcdefXYZ'));
    expect(fileSalt(f)?.toString()).toBe('0123456789abcdef');
    writeFileSync(f, Buffer.from('short'));
    expect(fileSalt(f)).toBeNull();
    expect(fileSalt(join(dir, 'missing'))).toBeNull();
  });

  it('the digest tells apart values a careless encoding would mix up, and table boundaries', () => {
    const d = (setup: string) => {
      const db = new Database(':memory:');
      db.exec(setup);
      const r = digest(db);
      db.close();
      return r;
    };
    const base = d("CREATE TABLE a (x, y); INSERT INTO a VALUES ('ab', '')");
    expect(base.counts).toEqual({ a: 1 });
    const variants = [
      "CREATE TABLE a (x, y); INSERT INTO a VALUES ('a', 'b')",
      "CREATE TABLE a (x, y); INSERT INTO a VALUES ('ab', NULL)",
      "CREATE TABLE a (x, y); INSERT INTO a VALUES ('ab', 'N')",
      "CREATE TABLE a (x, y); INSERT INTO a VALUES ('ab', 0)",
      "CREATE TABLE a (x, y); INSERT INTO a VALUES ('ab', X'')",
      "CREATE TABLE b (x, y); INSERT INTO b VALUES ('ab', '')",
    ].map((s) => d(s).sha256);
    expect(new Set([base.sha256, ...variants]).size).toBe(variants.length + 1);
    expect(d('CREATE TABLE a (x); INSERT INTO a VALUES (1)').sha256).not.toBe(
      d("CREATE TABLE a (x); INSERT INTO a VALUES ('1')").sha256,
    );
    expect(d("CREATE TABLE a (x); INSERT INTO a VALUES (X'00')").sha256).not.toBe(
      d("CREATE TABLE a (x); INSERT INTO a VALUES (X'01')").sha256,
    );
    // Rows moved from one table into the next are a change.
    expect(d('CREATE TABLE a (x); CREATE TABLE b (x); INSERT INTO a VALUES (1), (2)').sha256).not.toBe(
      d('CREATE TABLE a (x); CREATE TABLE b (x); INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)').sha256,
    );
    // The same content inserted in another order is the same data (rowid order, key order).
    const rows = (order: string) =>
      d(`CREATE TABLE k (id TEXT PRIMARY KEY, v) WITHOUT ROWID; INSERT INTO k VALUES ${order}`);
    expect(rows("('b', 2), ('a', 1)")).toEqual(rows("('a', 1), ('b', 2)"));
    // Many rows (past one hashing batch) digest the same as the same rows again.
    const many =
      "CREATE TABLE m (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO m SELECT printf('%0200d', i) FROM n";
    const once = d(many);
    expect(once.counts).toEqual({ m: 20000 });
    expect(d(many).sha256).toBe(once.sha256);
    expect(d(`${many}; UPDATE m SET x = 'z' WHERE rowid = 1`).sha256).not.toBe(once.sha256);
  });
});

describe('restore: the new vault is staged beside the old one; a marker is the commit point', () => {
  it('prepares the restored vault under a new key, the old vault untouched, with the owner and cashiers named', async () => {
    const { t, finalPath, write } = await shopAndBackup();
    write();
    await t.ok('users:create', { name: 'Dewi', pin: '582914' });
    const before = readFileSync(join(t.dir, 'vault.db'));
    const newDek = randomBytes(32);
    const phases: string[] = [];
    const r = prepareRestoredVault({
      dataDir: t.dir,
      backupPath: finalPath,
      code: CODE,
      newDek,
      carry: {},
      step: (p) => void phases.push(p),
    });
    expect(phases).toEqual(['verifying', 'copying', 'sealing', 'syncing']);
    expect(r.owner.name).toBe('Bu Sari');
    // The cashier made after the backup is not in it.
    expect(r.cashiers.map((c) => c.name)).toEqual(['Andi']);
    expect(readFileSync(join(t.dir, 'vault.db')).equals(before)).toBe(true);
    const p = restorePaths(t.dir);
    const restored = openVault(p.nextVault, newDek);
    expect(restored.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
    expect(
      restored
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'brankas_backup_manifest'")
        .pluck()
        .get(),
    ).toBe(0);
    restored.close();
  });

  it('a wrong code or a backup from a newer app: refused by name, nothing staged', async () => {
    const { t, finalPath, write, folder } = await shopAndBackup();
    write();
    const input = { dataDir: t.dir, code: CODE, newDek: randomBytes(32), carry: {} };
    expect(() => prepareRestoredVault({ ...input, backupPath: finalPath, code: 'WRONG' })).toThrow(
      expect.objectContaining({ code: 'WRONG_RECOVERY_CODE' }),
    );
    const newer = join(folder, 'newer.brankas');
    writeFileSync(newer, readFileSync(finalPath));
    withCode(newer, (db) => {
      const m = JSON.parse(db.prepare('SELECT value FROM brankas_backup_manifest').pluck().get() as string);
      db.prepare("UPDATE brankas_backup_manifest SET value = ? WHERE key = 'manifest'").run(
        JSON.stringify({ ...m, schemaVersion: latestVersion() + 1 }),
      );
    });
    expect(() => prepareRestoredVault({ ...input, backupPath: newer })).toThrow(
      expect.objectContaining({ code: 'VAULT_TOO_NEW' }),
    );
    const cut = join(folder, 'cut.brankas');
    writeFileSync(cut, readFileSync(finalPath));
    withCode(cut, (db) => db.exec("DELETE FROM customers WHERE name = 'Ani'"));
    expect(() => prepareRestoredVault({ ...input, backupPath: cut })).toThrow(
      expect.objectContaining({ code: 'CORRUPT', details: { reason: 'backup_damaged' } }),
    );
    expect(existsSync(restorePaths(t.dir).nextVault)).toBe(false);
  });

  it('a backup whose owner is gone cannot be used: CORRUPT, and the staged copy is removed', async () => {
    const { t, finalPath, write, folder } = await shopAndBackup();
    write();
    const ownerless = join(folder, 'ownerless.brankas');
    writeFileSync(ownerless, readFileSync(finalPath));
    // Re-sealed with a matching manifest, so only the missing owner is wrong.
    withCode(ownerless, (db) => {
      db.exec("UPDATE users SET active = 0 WHERE role = 'owner'");
      const m = JSON.parse(db.prepare('SELECT value FROM brankas_backup_manifest').pluck().get() as string);
      db.exec('DROP TABLE brankas_backup_manifest');
      const fresh = digest(db);
      db.exec('CREATE TABLE brankas_backup_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
      db.prepare("INSERT INTO brankas_backup_manifest VALUES ('manifest', ?)").run(
        JSON.stringify({ ...m, ...fresh }),
      );
    });
    expect(verifyBackup(ownerless, { code: CODE }).ok).toBe(true);
    expect(() =>
      prepareRestoredVault({
        dataDir: t.dir,
        backupPath: ownerless,
        code: CODE,
        newDek: randomBytes(32),
        carry: {},
      }),
    ).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
    expect(existsSync(restorePaths(t.dir).nextVault)).toBe(false);
  });

  /** A data folder with an old vault (and its WAL files), old slots and anchor, and a staged restore. */
  function staged(): string {
    const dir = temp();
    const p = restorePaths(dir);
    for (const [f, text] of [
      [p.vault, 'old vault'],
      [`${p.vault}-wal`, 'old wal'],
      [`${p.vault}-shm`, 'old shm'],
      [p.slots, 'old slots'],
      [p.anchor, 'old anchor'],
      [p.nextVault, 'new vault'],
    ] as const)
      writeFileSync(f, text);
    stageRestoredSlots(dir, 'new slots');
    return dir;
  }

  it('nothing staged: nothing to settle', () => {
    const dir = temp();
    expect(discardRestore(dir)).toBe(false);
    expect(settleInterruptedRestore(dir, MARKER_KEY).outcome).toBeNull();
  });

  it('a crash before the marker: the staged files go, the old vault stays in use', () => {
    const dir = staged();
    const p = restorePaths(dir);
    writeFileSync(`${p.nextVault}-wal`, 'x');
    writeFileSync(`${p.nextVault}-shm`, 'x');
    expect(settleInterruptedRestore(dir, MARKER_KEY).outcome).toBe('rolled_back');
    expect(readdirSync(dir).sort()).toEqual([
      'audit-anchor.json',
      'keyslots.json',
      'vault.db',
      'vault.db-shm',
      'vault.db-wal',
    ]);
    expect(readFileSync(p.vault, 'utf8')).toBe('old vault');
  });

  it('commit swaps both files in, keeps the old ones (vault, WAL files, slots, anchor) aside under the stamp', () => {
    const dir = staged();
    const p = restorePaths(dir);
    commitRestore(dir, 42, MARKER_KEY);
    expect(readFileSync(p.vault, 'utf8')).toBe('new vault');
    expect(readFileSync(p.slots, 'utf8')).toBe('new slots');
    expect(readdirSync(dir).sort()).toEqual([
      'audit-anchor.json.before-restore-42',
      'keyslots.json',
      'keyslots.json.before-restore-42',
      'vault.db',
      'vault.db.before-restore-42',
      'vault.db.before-restore-42-shm',
      'vault.db.before-restore-42-wal',
    ]);
    expect(readFileSync(`${p.vault}.before-restore-42-wal`, 'utf8')).toBe('old wal');
    expect(readFileSync(`${p.slots}.before-restore-42`, 'utf8')).toBe('old slots');
  });

  it('a crash after the marker, half-way through the swap: the next start finishes it', () => {
    const dir = staged();
    const p = restorePaths(dir);
    // The vault was already swapped when the power went.
    expect(() =>
      commitRestore(dir, 7, MARKER_KEY, (name) => {
        if (name === 'restore:vault-in') throw new Error('power');
      }),
    ).toThrow('power');
    expect(readFileSync(`${p.vault}.before-restore-7`, 'utf8')).toBe('old vault');
    expect(existsSync(p.nextVault)).toBe(false);
    expect(settleInterruptedRestore(dir, MARKER_KEY).outcome).toBe('restored');
    expect(readFileSync(p.vault, 'utf8')).toBe('new vault');
    expect(readFileSync(p.slots, 'utf8')).toBe('new slots');
    expect(readFileSync(`${p.slots}.before-restore-7`, 'utf8')).toBe('old slots');
    expect(existsSync(p.marker)).toBe(false);
    expect(existsSync(p.nextSlots)).toBe(false);
  });
});

/** Opens a SQLCipher 4 file with the code as passphrase (as any SQLCipher tool would) and changes it. */
function withCode(path: string, change: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = '${CODE}'`);
    change(db);
  } finally {
    db.close();
  }
}
