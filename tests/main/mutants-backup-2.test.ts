import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFsOps, setFsOps, type DurableOp } from '../../src/main/lib/durable-fs';
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
  prepareRestoredVault,
  restorePaths,
  settleInterruptedRestore,
  stageRestoredSlots,
} from '../../src/main/services/backup/restore';
import { erasureCarry } from '../../src/main/services/retention/restore-rule';
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
  const d = tempDir('brankas-mut-backup2-');
  cleanups.push(d.cleanup);
  return d.dir;
}

let key: BackupKey | null = null;
function backupKey(): BackupKey {
  key ??= deriveBackupKey(CODE);
  return key;
}

async function shopAndBackup(fault?: (name: string) => void) {
  const t: TestCore = makeCore();
  cleanups.push(() => t.cleanup());
  await setupShop(t);
  const ids: number[] = [];
  for (const name of ['Ani', 'Budi']) ids.push((await t.ok('customers:create', { name })).id);
  const folder = temp();
  const finalPath = join(folder, 'toko.brankas');
  const write = (vaultPath = join(t.dir, 'vault.db')) =>
    writeBackup({
      vaultPath,
      dek: Buffer.from(t.core.vault.requireDek()),
      finalPath,
      backupKey: backupKey(),
      appVersion: '9.9.9',
      shopName: 'Toko Maju',
      now: t.clock.now(),
      fault,
    });
  return { t, folder, finalPath, write, ids };
}

/**
 * This process's open file descriptors under `dir` (Linux): a handle left open keeps a file locked
 * elsewhere. (SQLite itself keeps a closed connection's descriptor while another connection of the
 * process holds a lock on the same file, so the live vault's folder is not a place to count.)
 */
function openFds(dir: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((l) => l.startsWith(`${dir}/`))
    .sort();
}

/** Runs `fn` with every durable-fs system call recorded (and still made). */
function recording<T>(fn: () => T): { result: T; ops: DurableOp[] } {
  const ops: DurableOp[] = [];
  const previous = setFsOps({
    ...nodeFsOps,
    fsyncFile: (fd, path) => {
      ops.push({ op: 'fsync', path });
      nodeFsOps.fsyncFile(fd, path);
    },
    fsyncDir: (fd, path) => {
      ops.push({ op: 'fsyncDir', path });
      nodeFsOps.fsyncDir(fd, path);
    },
    rename: (from, to) => {
      ops.push({ op: 'rename', from, to });
      nodeFsOps.rename(from, to);
    },
    unlink: (path) => {
      ops.push({ op: 'unlink', path });
      nodeFsOps.unlink(path);
    },
  });
  try {
    return { result: fn(), ops };
  } finally {
    setFsOps(previous);
  }
}

function digestOf(setup: string): string {
  const db = new Database(':memory:');
  db.exec(setup);
  const r = digest(db).sha256;
  db.close();
  return r;
}

describe('digest: every row encoded so that no two different rows read the same', () => {
  it('a NULL keeps its column: (NULL, 1) is not (1, NULL)', () => {
    expect(digestOf('CREATE TABLE a (x, y); INSERT INTO a VALUES (NULL, 1)')).not.toBe(
      digestOf('CREATE TABLE a (x, y); INSERT INTO a VALUES (1, NULL)'),
    );
  });

  it('text holding the separator cannot forge a column boundary', () => {
    expect(digestOf("CREATE TABLE a (x, y); INSERT INTO a VALUES ('a' || char(31) || '#b', 'c')")).not.toBe(
      digestOf("CREATE TABLE a (x, y); INSERT INTO a VALUES ('a', 'b' || char(31) || '#c')"),
    );
  });

  it('a blob holding the separator cannot forge a column boundary', () => {
    expect(digestOf("CREATE TABLE a (x, y); INSERT INTO a VALUES (X'611f2362', X'63')")).not.toBe(
      digestOf("CREATE TABLE a (x, y); INSERT INTO a VALUES (X'61', X'621f2363')"),
    );
  });

  it('numbers are part of the data: 1 is not 2, 1.5 is not 2.5', () => {
    expect(digestOf('CREATE TABLE a (x); INSERT INTO a VALUES (1)')).not.toBe(
      digestOf('CREATE TABLE a (x); INSERT INTO a VALUES (2)'),
    );
    expect(digestOf('CREATE TABLE a (x); INSERT INTO a VALUES (1.5)')).not.toBe(
      digestOf('CREATE TABLE a (x); INSERT INTO a VALUES (2.5)'),
    );
  });

  it('a change in the first rows of a large table counts (every batch is hashed)', () => {
    const many =
      "CREATE TABLE m (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO m SELECT printf('%0100d', i) FROM n";
    // The same length, so that the later batches split at the same rows.
    expect(digestOf(`${many}; UPDATE m SET x = printf('%0100d', 0) WHERE rowid = 2`)).not.toBe(
      digestOf(many),
    );
  });
});

describe('writeBackup: crash-safe, never a broken file under the final name', () => {
  it('the file is synced before its rename into place, and the folder after it', async () => {
    const { folder, finalPath, write } = await shopAndBackup();
    const { ops } = recording(() => write());
    const partial = `${finalPath}.partial`;
    const i = (o: DurableOp) => ops.findIndex((x) => JSON.stringify(x) === JSON.stringify(o));
    const synced = i({ op: 'fsync', path: partial });
    const renamed = i({ op: 'rename', from: partial, to: finalPath });
    const dirSynced = ops.findIndex((x, n) => n > renamed && x.op === 'fsyncDir' && x.path === folder);
    expect(synced).toBeGreaterThanOrEqual(0);
    expect(renamed).toBeGreaterThan(synced);
    expect(dirSynced).toBeGreaterThan(renamed);
  });

  it('a failure at any point before the rename leaves no file at all; after it, a complete backup', async () => {
    for (const point of ['backup:copied', 'backup:sealed', 'backup:synced']) {
      const { folder, write } = await shopAndBackup((name) => {
        if (name === point) throw new Error('power');
      });
      expect(() => write(), point).toThrow('power');
      expect(readdirSync(folder), point).toEqual([]);
    }
    const { folder, finalPath, write } = await shopAndBackup((name) => {
      if (name === 'backup:renamed') throw new Error('power');
    });
    expect(() => write()).toThrow('power');
    expect(readdirSync(folder)).toEqual(['toko.brankas']);
    expect(verifyBackup(finalPath, { code: CODE }).ok).toBe(true);
  });

  it("a partial file's journal, left by an earlier crash or by this failure, does not stay", async () => {
    const first = await shopAndBackup();
    writeFileSync(`${first.finalPath}.partial-journal`, 'left by a crash');
    first.write();
    expect(readdirSync(first.folder)).toEqual(['toko.brankas']);
    const failing = await shopAndBackup((name) => {
      if (name === 'backup:copied') {
        writeFileSync(`${failing.finalPath}.partial-journal`, 'mid-transaction');
        throw new Error('power');
      }
    });
    expect(() => failing.write()).toThrow('power');
    expect(readdirSync(failing.folder)).toEqual([]);
  });

  it('a missing vault is an error: nothing is created, neither a vault nor a backup', async () => {
    const { t, folder, write } = await shopAndBackup();
    const missing = join(t.dir, 'gone.db');
    expect(() => write(missing)).toThrow();
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves no file handle open (the vault and the backup stay movable and deletable)', async () => {
    const { folder, finalPath, write } = await shopAndBackup();
    write();
    expect(openFds(folder)).toEqual([]);
    verifyBackup(finalPath, { code: CODE });
    verifyBackup(finalPath, { code: 'WRONG' });
    fileSalt(finalPath);
    assertEncrypted(finalPath);
    expect(openFds(folder)).toEqual([]);
  });
});

describe('verifyBackup never writes', () => {
  // Was 'damaged' before: a missing file is said to be missing.
  it('a missing file is missing and is not created', () => {
    const missing = join(temp(), 'nope.brankas');
    expect(verifyBackup(missing, { code: CODE })).toEqual({ ok: false, problem: 'missing' });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('prepareRestoredVault: refusals named, cleanup on error, rules applied', () => {
  it('a wrong code points at the code field; a SQLCipher file that is not a backup is not_brankas', async () => {
    const { t, folder, finalPath, write } = await shopAndBackup();
    write();
    const input = { dataDir: t.dir, newDek: randomBytes(32), carry: {} };
    expect(() => prepareRestoredVault({ ...input, backupPath: finalPath, code: 'WRONG' })).toThrow(
      expect.objectContaining({ code: 'WRONG_RECOVERY_CODE', details: { fields: ['code'] } }),
    );
    const foreign = join(folder, 'foreign.db');
    const db = new Database(foreign);
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = '${CODE}'`);
    db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    expect(() => prepareRestoredVault({ ...input, backupPath: foreign, code: CODE })).toThrow(
      expect.objectContaining({ code: 'CORRUPT', details: { reason: 'not_brankas' } }),
    );
    expect(existsSync(restorePaths(t.dir).nextVault)).toBe(false);
  });

  it('starts from nothing staged (stale slots of an earlier attempt go); the copy is owner-only and closed', async () => {
    const { t, finalPath, write } = await shopAndBackup();
    write();
    chmodSync(finalPath, 0o644);
    const p = restorePaths(t.dir);
    stageRestoredSlots(t.dir, 'stale slots of an abandoned restore');
    // Owner-only from the moment it exists, not only once it is opened as a vault.
    let modeWhenCopied = -1;
    prepareRestoredVault({
      dataDir: t.dir,
      backupPath: finalPath,
      code: CODE,
      newDek: randomBytes(32),
      carry: {},
      fault: (name) => {
        if (name === 'restore:copied') modeWhenCopied = statSync(p.nextVault).mode & 0o077;
      },
    });
    expect(modeWhenCopied).toBe(0);
    expect(openFds(t.dir).filter((f) => f.includes('vault.restore'))).toEqual([]);
    expect(existsSync(p.nextSlots)).toBe(false);
    expect(statSync(p.nextVault).mode & 0o077).toBe(0);
  });

  it('a crash at any point of the preparation: the next start removes what was staged, the old vault stays', async () => {
    const { t, finalPath, write } = await shopAndBackup();
    write();
    const p = restorePaths(t.dir);
    const vaultBefore = readFileSync(p.vault);
    for (const point of ['restore:verified', 'restore:copied', 'restore:rekeyed', 'restore:checked']) {
      expect(() =>
        prepareRestoredVault({
          dataDir: t.dir,
          backupPath: finalPath,
          code: CODE,
          newDek: randomBytes(32),
          carry: {},
          fault: (name) => {
            if (name === point) throw new Error('power');
          },
        }),
      ).toThrow('power');
      settleInterruptedRestore(t.dir, MARKER_KEY);
      expect(
        readdirSync(t.dir).filter((f) => f.includes('restore')),
        point,
      ).toEqual([]);
    }
    expect(readFileSync(p.vault).equals(vaultBefore)).toBe(true);
  });

  it('a customer erased after the backup does not come back', async () => {
    const { t, finalPath, write, ids } = await shopAndBackup();
    write();
    await t.ok('customers:erase', { id: ids[0]!, confirm: true });
    const newDek = randomBytes(32);
    prepareRestoredVault({
      dataDir: t.dir,
      backupPath: finalPath,
      code: CODE,
      newDek,
      carry: { erasure: erasureCarry(t.core.vault.requireDb()) },
    });
    const restored = openVault(restorePaths(t.dir).nextVault, newDek);
    const names = restored.prepare('SELECT name FROM customers ORDER BY name').pluck().all();
    restored.close();
    expect(names).toEqual(['Budi']);
  });
});

describe('commit and finish: synced before the marker, the marker goes last', () => {
  function staged(): string {
    const dir = temp();
    const p = restorePaths(dir);
    writeFileSync(p.vault, 'old vault');
    writeFileSync(p.slots, 'old slots');
    writeFileSync(p.nextVault, 'new vault');
    stageRestoredSlots(dir, 'new slots');
    return dir;
  }

  it('both staged files are synced, and their names, before the marker is written', () => {
    const dir = staged();
    const p = restorePaths(dir);
    const { ops } = recording(() => commitRestore(dir, 5, MARKER_KEY));
    const marker = ops.findIndex((o) => o.op === 'rename' && o.to === p.marker);
    expect(marker).toBeGreaterThan(0);
    const before = ops.slice(0, marker);
    expect(before).toContainEqual({ op: 'fsync', path: p.nextVault });
    expect(before).toContainEqual({ op: 'fsync', path: p.nextSlots });
    const lastFileSync = Math.max(
      ...[p.nextVault, p.nextSlots].map((f) => before.findIndex((o) => o.op === 'fsync' && o.path === f)),
    );
    expect(before.slice(lastFileSync).some((o) => o.op === 'fsyncDir' && o.path === dir)).toBe(true);
    // The swap reaches the disk before the marker is removed.
    const unmark = ops.findIndex((o) => o.op === 'unlink' && o.path === p.marker);
    const slotsIn = ops.findIndex((o) => o.op === 'rename' && o.from === p.nextSlots);
    expect(unmark).toBeGreaterThan(slotsIn);
    expect(ops.slice(slotsIn, unmark).some((o) => o.op === 'fsyncDir' && o.path === dir)).toBe(true);
    expect(existsSync(p.marker)).toBe(false);
  });

  it('a rollback removes every staged file (the journal too), then syncs the folder', () => {
    const dir = staged();
    const p = restorePaths(dir);
    writeFileSync(`${p.nextVault}-journal`, 'x');
    const { result, ops } = recording(() => settleInterruptedRestore(dir, MARKER_KEY).outcome);
    expect(result).toBe('rolled_back');
    expect(readdirSync(dir).sort()).toEqual(['keyslots.json', 'vault.db']);
    const lastUnlink = ops.map((o) => o.op).lastIndexOf('unlink');
    expect(lastUnlink).toBeGreaterThanOrEqual(0);
    expect(ops.slice(lastUnlink).some((o) => o.op === 'fsyncDir' && o.path === dir)).toBe(true);
  });

  it('a crash at each point of the commit: before the marker it rolls back, after it forward', () => {
    const points: [string, 'rolled_back' | 'restored' | null][] = [
      ['restore:synced', 'rolled_back'],
      ['restore:marked', 'restored'],
      ['restore:vault-aside', 'restored'],
      ['restore:vault-in', 'restored'],
      ['restore:slots-aside', 'restored'],
      ['restore:slots-in', 'restored'],
      ['restore:unmarked', null],
    ];
    for (const [point, outcome] of points) {
      const dir = staged();
      const p = restorePaths(dir);
      expect(
        () =>
          commitRestore(dir, 3, MARKER_KEY, (name) => {
            if (name === point) throw new Error('power');
          }),
        point,
      ).toThrow('power');
      expect(settleInterruptedRestore(dir, MARKER_KEY).outcome, point).toBe(outcome);
      const forward = outcome !== 'rolled_back';
      expect(readFileSync(p.vault, 'utf8'), point).toBe(forward ? 'new vault' : 'old vault');
      expect(readFileSync(p.slots, 'utf8'), point).toBe(forward ? 'new slots' : 'old slots');
      expect(
        [p.marker, p.nextVault, p.nextSlots].filter((f) => existsSync(f)),
        point,
      ).toEqual([]);
    }
  });

  it('a crash after the whole swap but before the marker went: the next start only removes the marker', () => {
    const dir = staged();
    const p = restorePaths(dir);
    expect(() =>
      commitRestore(dir, 9, MARKER_KEY, (name) => {
        if (name === 'restore:slots-in') throw new Error('power');
      }),
    ).toThrow('power');
    expect(existsSync(p.marker)).toBe(true);
    expect(settleInterruptedRestore(dir, MARKER_KEY).outcome).toBe('restored');
    expect(readFileSync(p.vault, 'utf8')).toBe('new vault');
    expect(readFileSync(p.slots, 'utf8')).toBe('new slots');
    expect(readFileSync(`${p.vault}.before-restore-9`, 'utf8')).toBe('old vault');
    expect(readFileSync(`${p.slots}.before-restore-9`, 'utf8')).toBe('old slots');
    expect(existsSync(p.marker)).toBe(false);
  });
});
