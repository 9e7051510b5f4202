import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsToDelete } from '../../src/main/services/backup/rotation';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
let usb: { dir: string; cleanup(): void } | undefined;
afterEach(() => {
  t?.cleanup();
  usb?.cleanup();
});

describe('rotation', () => {
  it('keeps the newest backup of each of the last 7 days and of the last 4 weeks; leaves other files alone', () => {
    const names: string[] = [];
    // Two backups a day for 40 days, ending 2026-11-29.
    for (let d = 0; d < 40; d++) {
      const day = new Date(Date.UTC(2026, 10, 29 - d));
      const ymd = day.toISOString().slice(0, 10).replace(/-/g, '');
      names.push(`brankas-toko-maju-${ymd}-0900.brankas`, `brankas-toko-maju-${ymd}-2100.brankas`);
    }
    names.push('brankas-toko-lain-20261001-0900.brankas', 'catatan.txt');
    const gone = backupsToDelete(names, 'toko-maju', 7, 4);
    const kept = names.filter((n) => !gone.includes(n) && n.startsWith('brankas-toko-maju'));
    // 7 daily (the 21:00 ones of Nov 23-29) + the newest of the 3 earlier weeks.
    expect(kept.filter((n) => n.endsWith('2100.brankas'))).toHaveLength(kept.length);
    expect(kept).toHaveLength(10);
    expect(gone).not.toContain('brankas-toko-lain-20261001-0900.brankas');
    expect(gone).not.toContain('catatan.txt');
  });
});

describe('automatic backups', () => {
  async function shop() {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    await t.ok('customers:create', { name: 'Ani' });
    await t.ok('backups:enable', { code: recoveryCode });
    usb = tempDir('brankas-usb-');
    t.dialogs.nextFolder = usb.dir;
    await t.ok('backups:create', {});
    await t.ok('backups:schedule', { auto: true, keepDaily: 7, keepWeekly: 4 });
  }

  it('run once a day from the edge timer, rotate, and are audited', async () => {
    await shop();
    t.core.tick();
    expect(readdirSync(usb!.dir)).toHaveLength(1); // not yet a day
    for (let day = 1; day <= 10; day++) {
      t.clock.advance(24 * 3600_000 + 60_000);
      // Someone is at work (backups need the open vault: a locked vault's key is not in memory).
      await t.ok('auth:touch', {});
      t.core.tick();
      await expect.poll(() => t.core.jobs.isRunning()).toBe(false);
    }
    const files = readdirSync(usb!.dir).filter((f) => f.endsWith('.brankas'));
    expect(files.length).toBeLessThanOrEqual(7 + 4);
    expect(files.length).toBeGreaterThanOrEqual(7);
    const log = (await t.ok('audit:list', { limit: 500 })).items.filter((e) => e.action === 'backups.auto');
    expect(log.filter((e) => e.outcome === 'ok')).toHaveLength(10);
  });

  it('a failure (the stick pulled) is kept and shown to the owner, then cleared by the next good backup', async () => {
    await shop();
    rmSync(usb!.dir, { recursive: true, force: true });
    t.clock.advance(25 * 3600_000);
    await t.ok('auth:touch', {});
    t.core.tick();
    await expect.poll(() => t.core.jobs.isRunning()).toBe(false);
    await expect.poll(async () => (await t.ok('app:status', {})).backupError).toBe('folder_missing');
    const failed = (await t.ok('audit:list', {})).items.find((e) => e.action === 'backups.auto');
    expect(failed).toMatchObject({ outcome: 'failed', detail: { reason: 'folder_missing' } });
    // Not retried on every tick: an hour later.
    t.clock.advance(60_000);
    await t.ok('auth:touch', {});
    t.core.tick();
    expect(t.core.jobs.isRunning()).toBe(false);
    usb = tempDir('brankas-usb-');
    t.dialogs.nextFolder = usb.dir;
    await t.ok('backups:create', { chooseFolder: true });
    expect((await t.ok('app:status', {})).backupError).toBeNull();
  });

  it('closing the app makes one more backup when they are on', async () => {
    await shop();
    writeFileSync(join(usb!.dir, 'keep.txt'), 'x');
    t.clock.advance(5 * 60_000);
    const before = (await t.ok('backups:status', {})).lastBackupAt!;
    await t.core.beforeQuit();
    expect((await t.ok('backups:status', {})).lastBackupAt).toBeGreaterThan(before);
    const closing = (await t.ok('audit:list', {})).items.find((e) => e.action === 'backups.auto');
    expect(closing).toMatchObject({ outcome: 'ok', detail: { when: 'closing' } });
    // Same day: rotation keeps the newest of the day.
    expect(readdirSync(usb!.dir).filter((f) => f.endsWith('.brankas'))).toHaveLength(1);
  });
});
