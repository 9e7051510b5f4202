import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSalt } from '../../src/main/services/backup/backup-file';
import { backupFileName } from '../../src/main/services/backup/backup.service';
import { backupsToDelete, localStamp } from '../../src/main/services/backup/rotation';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;

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

  it('a file dated after now never pushes real backups out, and is not deleted for its name either', () => {
    const now = Date.UTC(2026, 10, 29, 9, 0);
    const name = (at: number) => backupFileName('Toko Maju', at);
    // Seven real daily backups, then a week with the clock a year ahead (names only: not recorded).
    const real = Array.from({ length: 7 }, (_, d) => name(now - d * DAY));
    const future = Array.from({ length: 7 }, (_, d) => name(now + 365 * DAY - d * DAY));
    const gone = backupsToDelete([...real, ...future], 'toko-maju', 7, 4, {
      now: localStamp(now),
      made: new Map(),
    });
    // (Before: the future names took the daily and weekly places and 5 of the 7 real ones went.)
    expect(gone).toEqual([]);
    // Recorded by the vault when they were really made (the week after the real ones): their age
    // is that, whatever their names say; a week later the oldest real days go as usual.
    const made = new Map(future.map((n, d) => [n, localStamp(now + (7 - d) * DAY)]));
    const later = backupsToDelete([...real, ...future], 'toko-maju', 7, 4, {
      now: localStamp(now + 7 * DAY),
      made,
    });
    expect(later.every((n) => real.includes(n))).toBe(true);
    expect(later.length).toBeGreaterThan(0);
    expect(future.filter((n) => later.includes(n))).toEqual([]);
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

  it('enabling backups turns the daily automatic backup on; a schedule the owner chose is kept', async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    expect((await t.ok('backups:status', {})).auto).toBe(false);
    const enabled = await t.ok('backups:enable', { code: recoveryCode });
    expect(enabled.auto).toBe(true);
    // The first backup picks the folder; from then on the daily one runs without a click.
    usb = tempDir('brankas-usb-');
    t.dialogs.nextFolder = usb.dir;
    await t.ok('backups:create', {});
    t.clock.advance(25 * 3600_000);
    await t.ok('auth:touch', {});
    t.core.tick();
    await expect.poll(() => t.core.jobs.isRunning()).toBe(false);
    expect(readdirSync(usb.dir).filter((f) => f.endsWith('.brankas'))).toHaveLength(2);
    // Turned off by the owner, then enabled again (the same code): it stays off.
    await t.ok('backups:schedule', { auto: false, keepDaily: 7, keepWeekly: 4 });
    expect((await t.ok('backups:enable', { code: recoveryCode })).auto).toBe(false);
  });

  it("a finished backup, automatic or the owner's, tells the owner's windows (the banner reads main again)", async () => {
    await shop();
    const heard: unknown[] = [];
    t.core.setEventSink((_w, event, payload) => event === 'backup:finished' && heard.push(payload));
    t.clock.advance(25 * 3600_000);
    await t.ok('auth:touch', {});
    t.core.tick();
    await expect.poll(() => heard.length).toBe(1);
    expect(heard).toEqual([{ ok: true }]);
    await t.ok('backups:create', {});
    expect(heard).toEqual([{ ok: true }, { ok: true }]);
    rmSync(usb!.dir, { recursive: true, force: true });
    t.clock.advance(25 * 3600_000);
    await t.ok('auth:touch', {});
    t.core.tick();
    await expect.poll(() => heard.length).toBe(3);
    expect(heard[2]).toEqual({ ok: false });
  });

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

  it('a week with the clock a year ahead, then put right: the banner shows, backups go on daily, no real one pushed out by a name', async () => {
    await shop();
    const day = async () => {
      t.clock.advance(DAY + 60_000);
      await t.ok('auth:touch', {});
      t.core.tick();
      await expect.poll(() => t.core.jobs.isRunning()).toBe(false);
    };
    const okBackups = async () =>
      (await t.ok('audit:list', { limit: 500 })).items.filter(
        (e) => e.action === 'backups.auto' && e.outcome === 'ok',
      ).length;
    for (let d = 0; d < 7; d++) await day();
    // A week with the clock a year ahead.
    t.clock.setWall(t.clock.now() + 365 * DAY);
    for (let d = 0; d < 7; d++) await day();
    const before = await okBackups();
    // Put right: the last backup (dated next year) is stale, not recent; the owner is told.
    t.clock.setWall(t.clock.now() - 365 * DAY);
    expect((await t.ok('app:status', {})).backupDue).toBe(true);
    const health = (await t.ok('health:get', {})).find((h) => h.key === 'backup');
    expect(health).toMatchObject({ status: 'warn', values: { future: 1 } });
    // 30 days: a backup every day (the first at the next tick, as the stale one does not count).
    await t.ok('auth:touch', {});
    t.core.tick();
    await expect.poll(() => t.core.jobs.isRunning()).toBe(false);
    for (let d = 0; d < 30; d++) await day();
    expect((await okBackups()) - before).toBeGreaterThanOrEqual(30);
    expect((await t.ok('app:status', {})).backupDue).toBe(false);
    // Each of the last 7 days has its backup in the folder; the week's misdated files aged out by
    // when they were really made, as any backup would.
    const files = readdirSync(usb!.dir).filter((f) => f.endsWith('.brankas'));
    for (let d = 0; d < 7; d++)
      expect(files).toContain(backupFileName('Toko Maju', t.clock.now() - d * (DAY + 60_000)));
    const named = (f: string) => {
      const m = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\.brankas$/.exec(f)!;
      return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
    };
    expect(files.filter((f) => named(f) > localStamp(t.clock.now()))).toEqual([]);
  });

  it('a backup the same day after a key rotation keeps the pre-rotation one (the only one the old code opens) until the owner confirms the new code', async () => {
    await shop();
    const pre = readdirSync(usb!.dir).filter((f) => f.endsWith('.brankas'));
    expect(pre).toHaveLength(1);
    const oldSalt = fileSalt(join(usb!.dir, pre[0]!))!.toString('hex');
    t.clock.advance(HOUR);
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
      happenedAt: t.clock.now() - HOUR,
    });
    const rotated = await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    // The closing backup, the same day, under the new key.
    t.clock.advance(HOUR);
    await t.core.beforeQuit();
    const files = () => readdirSync(usb!.dir).filter((f) => f.endsWith('.brankas'));
    expect(files()).toHaveLength(2);
    // (Before: the day's newest only, and the pre-rotation backup was gone.)
    expect(files()).toContain(pre[0]);
    expect(files().filter((f) => fileSalt(join(usb!.dir, f))!.toString('hex') !== oldSalt)).toHaveLength(1);
    // The owner confirms the new code is written down (audited): then rotation may let it go.
    const r = await t.ok('setup:recoveryCode', {});
    expect(r.recoveryCode).toBe(rotated.recoveryCode);
    const code = r.recoveryCode.replace(/-/g, '');
    await t.ok('setup:confirmRecovery', {
      answers: r.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
    });
    t.clock.advance(HOUR);
    await t.ok('backups:create', {});
    expect(files()).toHaveLength(1);
    expect(files()).not.toContain(pre[0]);
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
