import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/messages';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * A backup that cannot be used says what is wrong with it: the file is gone, the code is wrong,
 * its salt is damaged, or its first page is damaged. Each is told apart from the others (in the
 * verify result and the restore's error), in both languages.
 */
let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

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
