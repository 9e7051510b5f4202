import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { pingWhileJobRuns } from '../support/main-answers';
import { genuineQuery as genuine, reference } from '../support/reference-sqlcipher';

let t: TestCore;
let out: { dir: string; cleanup: () => void } | undefined;
afterEach(() => {
  t?.cleanup();
  out?.cleanup();
});

const CANARY = { name: 'Kanarius Zulkarnaen', phone: '0812-9876-5432', email: 'kanarius@contoh.id' };

/** A shop with the canary customer and backups enabled with its recovery code. */
async function shopWithBackups() {
  t = makeCore();
  const ids = await setupShop(t);
  await t.ok('customers:create', CANARY);
  await t.ok('purchases:create', {
    customerId: (await t.ok('customers:search', { query: 'kanarius' })).items[0]!.id,
    amount: 150_000,
    items: ['Kopi'],
  });
  await t.ok('backups:enable', { code: ids.recoveryCode.toLowerCase() });
  out = tempDir('brankas-usb-');
  t.dialogs.nextFolder = out.dir;
  return ids;
}

describe('encrypted backups', () => {
  it('back up now writes one .brankas file, verified, named after the shop and time; nothing else is left', async () => {
    await shopWithBackups();
    const r = await t.ok('backups:create', {});
    expect(r.file).toMatch(/^brankas-toko-maju-\d{8}-\d{4}\.brankas$/);
    expect(r.customers).toBe(1);
    expect(readdirSync(out!.dir)).toEqual([r.file]);
    const head = readFileSync(join(out!.dir, r.file)).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    const status = await t.ok('backups:status', {});
    expect(status).toMatchObject({ enabled: true, folder: out!.dir });
    expect(status.lastVerifiedAt).not.toBeNull();
  });

  it.skipIf(!reference.sqlcipher)(
    'genuine SQLCipher opens it with the recovery code only: not without, not with a wrong code, not with the data key',
    async () => {
      const { recoveryCode } = await shopWithBackups();
      const { file } = await t.ok('backups:create', {});
      const path = join(out!.dir, file);
      const code = recoveryCode.replace(/-/g, '');
      const rows = (await genuine(path, `PRAGMA key = '${code}'`, 'SELECT name FROM customers')) as {
        name: string;
      }[];
      expect(rows.map((x) => x.name)).toEqual([CANARY.name]);
      await expect(genuine(path, null, 'SELECT name FROM customers')).rejects.toThrow(/not a database/);
      const wrong = code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      await expect(genuine(path, `PRAGMA key = '${wrong}'`, 'SELECT name FROM customers')).rejects.toThrow(
        /not a database/,
      );
      const dek = Buffer.from(t.core.vault.requireDek()).toString('hex');
      await expect(genuine(path, `PRAGMA key = "x'${dek}'"`, 'SELECT name FROM customers')).rejects.toThrow(
        /not a database/,
      );
    },
  );

  it("no raw byte of the backup holds the canary's name, phone or email (UTF-8 or UTF-16LE)", async () => {
    await shopWithBackups();
    const { file } = await t.ok('backups:create', {});
    const bytes = readFileSync(join(out!.dir, file));
    for (const s of [CANARY.name, 'Kanarius', '98765432', '9876-5432', 'kanarius@', '+6281298765432']) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), s).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le')), `${s} (utf16)`).toBe(false);
    }
  });

  it('verify: a good backup with its manifest; a flipped byte anywhere, a truncated file or a non-Brankas file fail clearly', async () => {
    const { recoveryCode } = await shopWithBackups();
    const { file } = await t.ok('backups:create', {});
    const path = join(out!.dir, file);
    t.dialogs.nextBackup = path;
    const good = await t.ok('backups:verify', {});
    expect(good).toMatchObject({ ok: true, manifest: { shopName: 'Toko Maju', customers: 1, purchases: 1 } });

    const original = readFileSync(path);
    // The salt, page 1's header, a page's IV and HMAC, the middle, the last bytes, and 20 random places.
    const offsets = [
      3,
      20,
      4096 - 70,
      4096 - 20,
      4096 + 100,
      Math.floor(original.length / 2),
      original.length - 1,
    ];
    for (let i = 0; i < 20; i++) offsets.push(Math.floor(Math.random() * original.length));
    for (const offset of offsets) {
      const bad = Buffer.from(original);
      bad[offset] = bad[offset]! ^ 0x01;
      writeFileSync(path, bad);
      const r = await t.ok('backups:verify', { code: recoveryCode });
      expect(r.ok, `byte ${offset}`).toBe(false);
    }
    writeFileSync(path, original.subarray(0, Math.floor(original.length / 2)));
    expect((await t.ok('backups:verify', { code: recoveryCode })).ok).toBe(false);
    // A plain SQLite file is not a Brankas backup.
    const plain = join(out!.dir, 'lain.brankas');
    const db = new Database(plain);
    db.exec('CREATE TABLE x (a); INSERT INTO x VALUES (1)');
    db.close();
    t.dialogs.nextBackup = plain;
    expect((await t.ok('backups:verify', { code: recoveryCode })).ok).toBe(false);
    // The vault was never touched by any of this.
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);
  });

  it('the bundled worker (what the app runs) writes and verifies the same backup off main', async () => {
    let workers = 0;
    t = makeCore({
      backupWorker: () => {
        workers++;
        return new Worker(join(__dirname, '../../out/main/backup-worker.js'));
      },
    });
    const { recoveryCode } = await setupShop(t);
    await t.ok('customers:create', CANARY);
    await t.ok('backups:enable', { code: recoveryCode });
    out = tempDir('brankas-usb-');
    t.dialogs.nextFolder = out.dir;
    // Main answers another window while the worker writes the backup.
    const made = await pingWhileJobRuns(t, 'backup:progress', () => t.ok('backups:create', {}));
    expect(made.ping).toMatchObject({ ok: true });
    expect(made.order).toEqual(['ping', 'job']);
    const { file } = made.result;
    t.dialogs.nextBackup = join(out.dir, file);
    expect(await t.ok('backups:verify', {})).toMatchObject({ ok: true, manifest: { customers: 1 } });
    // Restoring runs there too: main answers while the backup is verified, copied and re-keyed.
    await t.ok('customers:create', { ...CANARY, name: 'Setelah Cadangan', phone: '081377700011' });
    const before = workers;
    const { result, order, phases, ping } = await pingWhileJobRuns(t, 'backup:progress', () =>
      t.call('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' }),
    );
    expect(ping).toMatchObject({ ok: true });
    expect(order).toEqual(['ping', 'job']);
    expect(result).toMatchObject({ ok: true, value: { customers: 1 } });
    expect(phases).toEqual(expect.arrayContaining(['verifying', 'copying', 'sealing', 'syncing']));
    expect(workers).toBe(before + 1);
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);
  });

  it('a missing or read-only folder gives a clear message and leaves nothing behind', async () => {
    await shopWithBackups();
    t.dialogs.nextFolder = join(out!.dir, 'dicabut');
    expect(await t.call('backups:create', { chooseFolder: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'folder_missing' } },
    });
    if (process.platform !== 'win32' && process.getuid?.() !== 0) {
      const ro = join(out!.dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      t.dialogs.nextFolder = ro;
      const r = await t.call('backups:create', { chooseFolder: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
      expect(readdirSync(ro)).toEqual([]);
    }
  });

  it('only the owner: a cashier is refused and the refusal audited; backups need enabling first', async () => {
    t = makeCore();
    const { cashierId, ownerId, recoveryCode } = await setupShop(t);
    expect(await t.call('backups:create', {})).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'backup_not_enabled' } },
    });
    expect(await t.call('backups:enable', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_CODE' },
    });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: '314159' });
    await t.ok('auth:changePin', { currentPin: '314159', newPin: '582914', newPinConfirm: '582914' });
    for (const channel of ['backups:status', 'backups:create', 'backups:verify'] as const) {
      expect(await t.call(channel, {}), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await t.call('backups:enable', { code: recoveryCode })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: '271828' });
    const denied = (await t.ok('audit:list', { limit: 500 })).items.filter(
      (e) => e.action === 'ipc.denied' && String(e.detail.channel).startsWith('backups:'),
    );
    expect(denied).toHaveLength(4);
  });
});
