import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/lib/app-error';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { openVault } from '../../src/main/vault/database';
import { errorMessage } from '../../src/shared/messages';
import type { ErrorCode } from '../../src/shared/errors';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * What an owner is told when the vault cannot be opened or written, for real: a second process
 * holding the file, a damaged page behind the right key, vault files given to another OS user, a
 * device secret this account may not read, a full disk. Each answer names what happened (its own
 * code or reason, in Bahasa Indonesia and English) instead of "vault damaged", carries no cause
 * to the renderer, and main keeps the OS's or SQLite's code in its log.
 */

const childScript = join(__dirname, 'vault-errors-child.ts');
const PAGE = 4096;

let t: TestCore | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function lockedShop(opts: { keyStore?: MemoryKeyStore; dir?: string } = {}) {
  const logs: string[] = [];
  t = makeCore({ ...opts, log: (l) => logs.push(l) });
  const { recoveryCode } = await setupShop(t);
  for (let i = 0; i < 150; i++)
    await t.ok('customers:create', { name: `Pelanggan ${i}`, phone: `0813${String(i).padStart(8, '0')}` });
  const dek = Buffer.from(t.core.vault.requireDek());
  const ownerId = (await t.ok('app:status', {})).user!.id;
  await t.ok('auth:lock', {});
  return { t, dek, ownerId, recoveryCode, logs, vault: join(t.dir, 'vault.db') };
}

/** The answer says it in the app's words only: the message of its code and reason, no cause. */
function expectTold(
  answer: unknown,
  code: ErrorCode,
  reason: string | undefined,
  words: { id: RegExp; en: RegExp },
) {
  const details = reason ? { reason } : undefined;
  const said = (answer as { error?: { code?: string; details?: { reason?: string } } }).error;
  expect([said?.code, said?.details?.reason]).toEqual([code, reason]);
  expect(answer).toEqual({
    ok: false,
    error: { code, message: errorMessage(code, 'id', details), ...(details ? { details } : {}) },
  });
  expect(errorMessage(code, 'id', details)).toMatch(words.id);
  expect(errorMessage(code, 'en', details)).toMatch(words.en);
  expect(JSON.stringify(answer)).not.toMatch(/SQLITE|ENOSPC|EACCES|EPERM|cause|Error/);
}

function thrownBy(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('opening the vault says what happened', () => {
  it('a vault held by another process (a second copy of the app) is "in use", not damaged', async () => {
    const { dek, ownerId, logs, vault } = await lockedShop();
    // Another process opens the vault with its key and holds it exclusively, as a second copy of
    // Brankas in the middle of a write (or one in exclusive mode) would.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3-multiple-ciphers');
         const db = new D(process.argv[1]);
         db.pragma("cipher = 'sqlcipher'"); db.pragma('legacy = 4');
         db.pragma("key = \\"x'" + process.argv[2] + "'\\"");
         db.pragma('locking_mode = EXCLUSIVE');
         db.exec('BEGIN EXCLUSIVE');
         process.stdout.write('held\\n');
         process.stdin.on('data', () => process.exit(0));`,
        vault,
        dek.toString('hex'),
      ],
      { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const answer = await t!.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      expectTold(answer, 'VAULT_IN_USE', undefined, {
        id: /dipakai program lain.*Brankas kedua.*tidak rusak.*Tutup program itu/,
        en: /in use by another program.*second Brankas.*not damaged.*Close that program/,
      });
      // Main keeps the cause: SQLite's own code, in its log and on the error openVault throws.
      expect(logs).toContain('[brankas] VAULT_IN_USE in auth:unlock: SqliteError (SQLITE_BUSY)');
      const err = thrownBy(() => openVault(vault, Buffer.from(dek)));
      expect(err.code).toBe('VAULT_IN_USE');
      expect((err.cause as { code?: string }).code).toBe('SQLITE_BUSY');
    } finally {
      holder.stdin!.end('bye\n');
      await new Promise((r) => holder.once('exit', r));
    }
    // Once the other copy lets go, the same PIN opens the same vault: it was never damaged.
    expect((await t!.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).ok).toBe(true);
    expect((await t!.ok('customers:search', { query: '' })).total).toBe(150);
  }, 60_000);

  it('a damaged page behind the right key is said to be damage, with the way back (a backup)', async () => {
    const { dek, ownerId, logs, vault } = await lockedShop();
    // The users table's root page: page 1 still decrypts (the key is right), this one fails its HMAC.
    const db = openVault(vault, Buffer.from(dek));
    const page = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'users'")
      .pluck()
      .get() as number;
    db.close();
    expect(page).toBeGreaterThan(1);
    const fd = openSync(vault, 'r+');
    writeSync(fd, randomBytes(64), 0, 64, (page - 1) * PAGE + 200);
    closeSync(fd);

    const answer = await t!.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expectTold(answer, 'CORRUPT', 'vault_damaged', {
      id: /Kunci brankas benar.*rusak.*Jangan hapus.*cadangan terbaru.*kode pemulihan/,
      en: /key is right.*damaged.*Do not delete.*latest backup.*recovery code/,
    });
    expect(logs).toContain('[brankas] CORRUPT in auth:unlock: SqliteError (SQLITE_CORRUPT)');
    // A first page that does not decrypt (a wrong key looks the same) stays plain CORRUPT.
    const wrong = thrownBy(() => openVault(vault, randomBytes(32)));
    expect([wrong.code, wrong.details]).toEqual(['CORRUPT', undefined]);
    expect((wrong.cause as { code?: string }).code).toBe('SQLITE_NOTADB');
  }, 60_000);
});

/** Unprivileged user namespaces: the child runs without root's power over file rights. */
const canMapUser =
  process.platform === 'linux' &&
  spawnSync('unshare', ['-U', '--map-user=1000', '--map-group=1000', 'true'], { stdio: 'ignore' }).status ===
    0;
const canMount =
  process.platform === 'linux' && spawnSync('unshare', ['-Urm', 'true'], { stdio: 'ignore' }).status === 0;
for (const [can, why] of [
  [canMapUser, 'unshare -U --map-user is not available: the file-rights tests need Linux user namespaces'],
  [canMount, 'unshare -Urm is not available: the full-disk test needs Linux user namespaces'],
] as const) {
  if (can) continue;
  if (process.env.BRANKAS_CI_STRICT) throw new Error(why);
  console.warn(`skipped: ${why}`);
}

function runChild(unshare: string[], args: string[]) {
  const run = spawnSync('unshare', [...unshare, process.execPath, '--import', 'tsx', childScript, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as {
    unlock: unknown;
    recover?: unknown;
    create?: unknown;
    unlockAfterOk?: boolean;
    lockedUser?: unknown;
    lockedVaultOpen?: boolean;
    afterTotal?: number;
    retryOk?: boolean;
    logs: string[];
  };
}

/** Another OS user: the test runs as root, so rights are checked in a child that is not root. */
const OTHER_UID = 12345;

describe.skipIf(!canMapUser)('vault files this account may not use', () => {
  it('vault files owned by another OS user (the app once run as administrator) say so, and nothing is called damaged', async () => {
    const work = tempDir('brankas-rights-');
    const sealKey = randomBytes(32);
    const dataDir = join(work.dir, 'data');
    const records = join(work.dir, 'keystore');
    try {
      const keyStore = new MemoryKeyStore('memory', true, sealKey, records);
      const { ownerId, recoveryCode } = await lockedShop({ keyStore, dir: dataDir });
      t!.core.dispose();
      // The unprivileged child (its uid is ours, mapped) must reach the folder, not own this file.
      chmodSync(work.dir, 0o755);
      const args = ['access', dataDir, sealKey.toString('hex'), records, ownerId, recoveryCode];
      const asUser = ['-U', '--map-user=1000', '--map-group=1000'];

      const vault = join(dataDir, 'vault.db');
      chownSync(vault, OTHER_UID, OTHER_UID);
      chmodSync(vault, 0o644);
      const held = runChild(asUser, args);
      expectTold(held.unlock, 'NO_ACCESS', 'no_permission', {
        id: /tidak diizinkan membaca atau menulis berkas di folder datanya.*tidak rusak.*Kembalikan izin/,
        en: /not allowed to read or write files in its data folder.*not damaged.*rights to that folder again/,
      });
      expect(held.logs).toContain('[brankas] NO_ACCESS in auth:unlock: Error (EPERM)');
      chownSync(vault, 0, 0);

      // The key slots likewise: a file it may not read is not a damaged one.
      const slots = join(dataDir, 'keyslots.json');
      chownSync(slots, OTHER_UID, OTHER_UID);
      chmodSync(slots, 0o600);
      const slotsHeld = runChild(asUser, args);
      expectTold(slotsHeld.unlock, 'NO_ACCESS', 'no_permission', {
        id: /tidak diizinkan membaca atau menulis/,
        en: /not allowed to read or write/,
      });
      expect(slotsHeld.logs).toContain('[brankas] NO_ACCESS in auth:unlock: Error (EACCES)');
      chownSync(slots, 0, 0);

      // The device secret is there, but this account may not read it: not a changed device (whose
      // answer is the recovery code, which would replace the secret and shut the cashiers out).
      const device = join(dataDir, 'device.json');
      const sealedBefore = readFileSync(device);
      chownSync(device, OTHER_UID, OTHER_UID);
      chmodSync(device, 0o600);
      const secret = runChild(asUser, args);
      expectTold(secret.unlock, 'NO_ACCESS', 'device_secret', {
        id: /Kunci perangkat.*tidak boleh dibaca.*tidak berubah: jangan pakai kode pemulihan/,
        en: /device key is there.*may not read it.*has not changed: do not use the recovery code/,
      });
      expect(secret.logs).toContain('[brankas] NO_ACCESS in auth:unlock: Error (EACCES)');
      // Nor does the recovery code replace it: the same answer, and the sealed file is untouched.
      expectTold(secret.recover, 'NO_ACCESS', 'device_secret', {
        id: /Kunci perangkat/,
        en: /device key is there/,
      });
      chownSync(device, 0, 0);
      expect(readFileSync(device)).toEqual(sealedBefore);

      // Its rights given back, the same PIN opens the same vault: nothing was damaged or replaced.
      expect(runChild(asUser, args).unlock).toMatchObject({ ok: true });
    } finally {
      work.cleanup();
    }
  }, 120_000);
});

describe.skipIf(!canMount)('a read-only data folder', () => {
  it('the app starts and the unlock says the folder is read-only; writable again, the vault opens as it was', () => {
    const work = tempDir('brankas-vault-ro-');
    try {
      const seen = runChild(['-Urm'], ['readonly', work.dir]);
      expectTold(seen.unlock, 'NO_ACCESS', 'read_only', {
        id: /hanya bisa dibaca \(read-only\).*tidak rusak.*bisa ditulisi lagi/,
        en: /read-only.*not damaged.*writable again/,
      });
      expect(seen.logs).toContain('[brankas] NO_ACCESS in auth:unlock: Error (EROFS)');
      expect(seen.unlockAfterOk).toBe(true);
      expect(seen.afterTotal).toBe(20);
    } finally {
      work.cleanup();
    }
  }, 120_000);
});

describe.skipIf(!canMount)('a full disk under the vault', () => {
  it('a write and an unlock on a full disk say the disk is full; freed, everything works as before', () => {
    const work = tempDir('brankas-vault-full-');
    try {
      const seen = runChild(['-Urm'], ['full', work.dir]);
      for (const answer of [seen.create, seen.unlock]) {
        expectTold(answer, 'DISK_FULL', undefined, {
          id: /Penyimpanan laptop ini penuh.*tidak rusak dan tidak ada yang diubah.*Kosongkan ruang/,
          en: /storage is full.*not damaged and nothing was changed.*Free some space/,
        });
      }
      expect(seen.logs).toContain('[brankas] DISK_FULL in customers:create: SqliteError (SQLITE_FULL)');
      expect(
        seen.logs.some((l) => /^\[brankas\] DISK_FULL in auth:unlock: .*\((ENOSPC|SQLITE_FULL)\)$/.test(l)),
      ).toBe(true);
      // Locking on a full disk still locks (its entry is what could not be written).
      expect([seen.lockedUser, seen.lockedVaultOpen]).toEqual([null, false]);
      expect(seen.unlockAfterOk).toBe(true);
      expect(seen.afterTotal).toBe(20);
      expect(seen.retryOk).toBe(true);
    } finally {
      work.cleanup();
    }
  }, 120_000);
});
