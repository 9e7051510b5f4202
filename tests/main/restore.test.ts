import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/messages';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

/** A shop with customers and one backup on a "USB stick"; returns its path and the code. */
async function shopWithBackup() {
  t = makeCore();
  const ids = await setupShop(t);
  for (const name of ['Ani', 'Budi', 'Cici']) await t.ok('customers:create', { name });
  await t.ok('backups:enable', { code: ids.recoveryCode });
  const usb = tempDir('brankas-usb-');
  others.push(usb);
  t.dialogs.nextFolder = usb.dir;
  const { file } = await t.ok('backups:create', {});
  return { ...ids, backup: join(usb.dir, file) };
}

/** A copy of the backup with one byte flipped at `offset`. */
function damagedCopy(backup: string, offset: number, name: string): string {
  const bytes = Buffer.from(readFileSync(backup));
  bytes[offset] = bytes[offset]! ^ 0x01;
  const path = join(backup, '..', name);
  writeFileSync(path, bytes);
  return path;
}

const wrong = (code: string) => code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
const restore = (code: string) =>
  t.call('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });

/**
 * A backup that cannot be used says what is wrong with it: the file is gone, the code is wrong,
 * its salt is damaged, or its first page is damaged; each told apart, in both languages.
 */
describe('a backup that cannot be used says why', () => {
  it('a missing file: "missing", not "damaged"', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    t.dialogs.nextBackup = backup;
    rmSync(backup);
    expect(await t.ok('backups:verify', {})).toMatchObject({ ok: false, problem: 'missing' });
    t.dialogs.nextBackup = backup;
    expect(await restore(recoveryCode)).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'backup_missing' } },
    });
  });

  it('a damaged salt: "damaged_salt" with the right code, "wrong_code" with a wrong one', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    t.dialogs.nextBackup = damagedCopy(backup, 3, 'salt.brankas');
    expect(await t.ok('backups:verify', { code: recoveryCode })).toMatchObject({
      ok: false,
      problem: 'damaged_salt',
    });
    t.dialogs.nextBackup = damagedCopy(backup, 3, 'salt.brankas');
    expect(await t.ok('backups:verify', { code: wrong(recoveryCode) })).toMatchObject({
      ok: false,
      problem: 'wrong_code',
    });
  });

  it('a damaged first page: "damaged_header", with the kept key and with the code in a restore', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    const broken = damagedCopy(backup, 100, 'page1.brankas');
    t.dialogs.nextBackup = broken;
    expect(await t.ok('backups:verify', {})).toMatchObject({ ok: false, problem: 'damaged_header' });
    t.dialogs.nextBackup = broken;
    expect(await restore(recoveryCode)).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT', details: { reason: 'backup_header_damaged' } },
    });
    // A damaged later page is still "damaged".
    t.dialogs.nextBackup = damagedCopy(backup, 4096 + 100, 'page2.brankas');
    expect(await t.ok('backups:verify', {})).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('a wrong code on a sound file: "wrong code"', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    t.dialogs.nextBackup = backup;
    expect(await restore(wrong(recoveryCode))).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_CODE' },
    });
    // The shop is as it was.
    expect((await t.ok('customers:search', { query: '' })).total).toBe(3);
  });

  it('each is said differently, in Indonesian and in English', () => {
    const cases = [
      ['BAD_FILE', 'backup_missing'],
      ['CORRUPT', 'backup_salt_damaged'],
      ['CORRUPT', 'backup_header_damaged'],
      ['CORRUPT', 'backup_damaged'],
      ['WRONG_RECOVERY_CODE', undefined],
    ] as const;
    for (const lang of ['id', 'en'] as const) {
      const texts = cases.map(([code, reason]) => errorMessage(code, lang, reason ? { reason } : undefined));
      expect(new Set(texts).size, lang).toBe(cases.length);
      expect(texts).not.toContain(errorMessage('CORRUPT', lang));
    }
  });
});

describe('restore', () => {
  it('brings the shop back as it was in the backup, with a new owner PIN; cashiers must be reset; the old vault deleted once the restored one is checked', async () => {
    const { backup, recoveryCode, cashierId } = await shopWithBackup();
    await t.ok('customers:create', { name: 'Dodi (after the backup)' });
    t.dialogs.nextBackup = backup;
    const r = await t.ok('backups:restore', {
      code: recoveryCode,
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(r.customers).toBe(3);
    const names = (await t.ok('customers:search', { query: '' })).items.map((c) => c.name).sort();
    expect(names).toEqual(['Ani', 'Budi', 'Cici']);
    const users = await t.ok('auth:users', {});
    expect(users.find((u) => u.id === cashierId)?.disabled).toBe(true);
    // The restored vault opened and passed its checks: what it replaced (old key, old PIN) is gone.
    expect(readdirSync(t.dir).filter((f) => f.includes('.before-restore-'))).toEqual([]);
    expect((await t.ok('app:status', {})).restoreLeftovers).toBeNull();
    const audit = await t.ok('audit:list', { action: 'restore.leftoversDeleted', limit: 5 });
    expect(audit.items.map((i) => i.detail)).toMatchObject([{ when: 'checked' }]);
    await t.ok('auth:lock', {});
    const owner = users.find((u) => u.roleHint === 'owner')!;
    expect((await t.call('auth:unlock', { userId: owner.id, pin: OWNER_PIN })).ok).toBe(false);
    expect((await t.ok('auth:unlock', { userId: owner.id, pin: '481516' })).id).toBe(owner.id);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
    // Backups keep working after a restore (the kept key came back with the vault).
    expect((await t.ok('backups:status', {})).enabled).toBe(true);
  });

  it('a new laptop restores from the setup screen with the file and the code', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    const laptop = makeCore();
    others.push(laptop);
    laptop.dialogs.nextBackup = backup;
    const r = await laptop.ok('setup:restore', {
      code: recoveryCode,
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(r.user.role).toBe('owner');
    expect((await laptop.ok('app:status', {})).setupDone).toBe(true);
    expect((await laptop.ok('customers:search', { query: '' })).total).toBe(3);
    laptop.core.dispose();
  });

  it('a wrong code, a damaged file or a weak PIN change nothing', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:create', { name: 'Dodi' });
    t.dialogs.nextBackup = backup;
    const wrongCode = recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      await t.call('backups:restore', { code: wrongCode, newPin: '481516', newPinConfirm: '481516' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_CODE' },
    });
    expect(
      await t.call('backups:restore', { code: recoveryCode, newPin: '123456', newPinConfirm: '123456' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PIN' },
    });
    const bytes = readFileSync(backup);
    bytes[bytes.length - 300] = bytes[bytes.length - 300]! ^ 0x01;
    writeFileSync(backup, bytes);
    expect(
      await t.call('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT' },
    });
    // The shop is as it was, and the owner still logged in.
    expect((await t.ok('app:status', {})).user?.role).toBe('owner');
    expect((await t.ok('customers:search', { query: '' })).total).toBe(4);
    expect(readdirSync(t.dir).filter((f) => f.includes('restore'))).toEqual([]);
  });

  it('a crash before the commit point leaves the old vault; after it, the next start finishes the restore; and says which', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    const { prepareRestoredVault, stageRestoredSlots, restorePaths } =
      await import('../../src/main/services/backup/restore');
    const { randomBytes } = await import('node:crypto');
    // Before the marker: staged files only.
    t.core.dispose();
    prepareRestoredVault({
      dataDir: t.dir,
      backupPath: backup,
      code: recoveryCode.replace(/-/g, ''),
      newDek: randomBytes(32),
      carry: {},
    });
    stageRestoredSlots(t.dir, '{}');
    const before = makeCore({ dir: t.dir, keyStore: t.keyStore });
    expect((await before.ok('app:status', {})).restoreOutcome).toBe('rolled_back');
    expect(existsSync(restorePaths(t.dir).nextVault)).toBe(false);
    const owner = (await before.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await before.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    expect((await before.ok('customers:search', { query: '' })).total).toBe(3);
    before.core.dispose();
  });
});
