import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryKeyStore,
  MemoryHandoff,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import { verifyBackup } from '../../src/main/services/backup/backup-file';
import { setMeta } from '../../src/main/services/settings.service';
import { OWNER_PIN, TEST_KDF, tempDir } from '../support/fixtures';
import { TestClock, wallNow } from '../support/clock';
import { shopIsoDay } from '../../src/shared/shop-time';
import type { Db } from '../../src/main/vault/database';
import {
  listFiles,
  PARTIAL_BACKUP,
  recordDirOf,
  runChild,
  secretsIn,
  Tally,
  TMP_SKIP,
  RESTORE_LEFTOVERS,
  unexpectedInData,
  type ChildRun,
  type KillPlan,
} from './crash-support';

/**
 * A real child process (crash-child.ts) is killed with SIGKILL in the middle of a backup, a
 * restore, a purge, a key rotation, customer writes and an import: at each named fault point the
 * app passes (the child kills itself there, so the crash lands exactly there), and at a few
 * random moments. After each kill the next start must find a whole vault, say what it did, and
 * leave nothing half-made; no file anywhere the child wrote (data folder, backup folder, its OS
 * temp folder) may hold a plaintext SQLite page or the shop's data in clear. Each suite asserts
 * that every outcome it names was actually seen.
 */
const sealKey = randomBytes(32);
const sealHex = sealKey.toString('hex');
const work = tempDir('brankas-crash-');
const template = join(work.dir, 'template');
const childTmp = join(work.dir, 'child-tmp');
/** A customer whose name and phone must never appear in clear in any file. */
const CANARY_NAME = 'Kanari Zamrud Wulandari';
const CANARY_PHONE = '081299887766';
const CANARIES = [CANARY_NAME, CANARY_PHONE.slice(3)];
/** The template's customers: 1,500, the canary, and one more added after the backup. */
const IN_VAULT = 1502;
const IN_BACKUP = 1501;
const RESTORED_PIN = '481516';
let code = '';
let backupFile = '';

/** A copy of a shop: its data folder and its keystore's records. */
function copyShop(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  if (existsSync(recordDirOf(from))) cpSync(recordDirOf(from), recordDirOf(to), { recursive: true });
}

/** `laterMs`: a start that late after the child's (a backup then gets a file name of its own). */
function openCore(dataDir: string, laterMs = 0) {
  const dialogs = new MemoryDialogs();
  const core = new Core({
    dataDir,
    keyStore: new MemoryKeyStore('memory', true, sealKey, recordDirOf(dataDir)),
    printer: new MemoryPrinter(),
    handoff: new MemoryHandoff(),
    dialogs,
    clock: new TestClock(wallNow() + laterMs),
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: () => undefined,
  });
  const call = (channel: string, input: unknown) =>
    core.dispatch('w', channel, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error?.code}`);
    return r.value as T;
  };
  /** The owner logs in with `pin`; false if the vault does not open with it. */
  const unlock = async (pin: string): Promise<boolean> => {
    const users = await ok<{ id: string; roleHint: string }[]>('auth:users', {});
    const owner = users.find((u) => u.roleHint === 'owner')!;
    return (await call('auth:unlock', { userId: owner.id, pin })).ok;
  };
  return { core, dialogs, ok, call, unlock };
}

/** The typed-back groups of a recovery code, as the owner answers them. */
function answers(digits: string, groups: number[]) {
  return groups.map((g) => ({ group: g, value: digits.slice((g - 1) * 4, g * 4) }));
}

/** No file the child could have written holds a plaintext SQLite page or the canary. */
function expectNoSecrets(dirs: string[], label: string): void {
  for (const dir of [...dirs, childTmp]) {
    for (const f of listFiles(dir, TMP_SKIP))
      expect(secretsIn(join(dir, f), CANARIES), `${label}: ${f}`).toEqual([]);
  }
}

/** After the next start: only allowed files in the data folder, nothing in the child's temp folder. */
function expectNothingHalfMade(data: string, label: string): void {
  expect(unexpectedInData(data), label).toEqual([]);
  expect(listFiles(childTmp, TMP_SKIP), label).toEqual([]);
}

/** Half-made files seen right after a kill, before the next start (for the report). */
function noteLeftovers(tally: Tally, data: string): void {
  for (const f of unexpectedInData(data)) tally.add(f.replace(/\d{6,}/g, 'N'));
}

/** Targeted kills (each listed point once) then `random` kills `ms` after a mark. */
function plans(
  points: string[],
  random: number,
  mark: string,
  maxMs: number,
): (KillPlan & { point?: string })[] {
  return [
    ...points.map((p) => ({ killAt: p.includes('#') ? p : `${p}#1`, point: p.includes('#') ? p : `${p}#1` })),
    ...Array.from({ length: random }, () => ({ killAfter: { mark, ms: Math.floor(Math.random() * maxMs) } })),
  ];
}

/** The child died of SIGKILL, and a targeted kill landed exactly at its point. */
function expectKilledAt(run: ChildRun, point: string | undefined): void {
  expect(run.out, 'the child failed instead of being killed').not.toMatch(/child error|failed/);
  expect(run.signal).toBe('SIGKILL');
  if (point) expect(run.lastPoint).toBe(point.replace('#', ' '));
}

/** The details of the successful entries of `action` in the log (the template holds none). */
function entriesOf(db: Db, action: string): Record<string, unknown>[] {
  return (
    db
      .prepare("SELECT detail FROM audit_log WHERE action = ? AND outcome = 'ok' ORDER BY id")
      .pluck()
      .all(action) as string[]
  ).map((d) => JSON.parse(d) as Record<string, unknown>);
}

beforeAll(async () => {
  mkdirSync(template);
  mkdirSync(childTmp);
  const s = openCore(template);
  const setup = await s.ok<{ recoveryCode: string; confirmGroups: number[] }>('setup:create', {
    shopName: 'Toko Uji',
    ownerName: 'Bu Sari',
    pin: OWNER_PIN,
    pinConfirm: OWNER_PIN,
  });
  code = setup.recoveryCode.replace(/-/g, '');
  await s.ok('setup:confirmRecovery', { answers: answers(code, setup.confirmGroups) });
  for (let i = 0; i < 1500; i++) await s.ok('customers:create', { name: `Pelanggan ${i}` });
  await s.ok('customers:create', { name: CANARY_NAME, phone: CANARY_PHONE });
  await s.ok('backups:enable', { code });
  const usb = join(work.dir, 'usb');
  mkdirSync(usb);
  s.dialogs.nextFolder = usb;
  const r = await s.ok<{ file: string }>('backups:create', {});
  backupFile = join(usb, r.file);
  // The shop moves on after its backup.
  await s.ok('customers:create', { name: 'Setelah cadangan' });
  s.core.dispose();
}, 120_000);
afterAll(() => work.cleanup());

async function customerCount(dataDir: string, pin: string): Promise<number | null> {
  const s = openCore(dataDir);
  try {
    if (!(await s.unlock(pin))) return null;
    expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
    return (await s.ok<{ total: number }>('customers:search', { query: '', limit: 1 })).total;
  } finally {
    s.core.dispose();
  }
}

describe('killed mid-way', () => {
  it('a backup, at each of its points and at random: never a broken file under a final name, a finished one verifies, the next backup clears what is half-made', async () => {
    const POINTS = [
      'backup:cleared',
      'backup:copied',
      'backup:sealed',
      'backup:synced',
      'backup:renamed',
      'backup:written',
      'backup:verified',
      'backup:rotated',
    ];
    const FINAL_FROM = POINTS.indexOf('backup:renamed');
    const data = join(work.dir, 'shop-backup');
    copyShop(template, data);
    const outcomes = new Tally();
    const leftovers = new Tally();
    // Random kills land after the copy, while it is being sealed (the longest step).
    for (const [i, plan] of plans(POINTS, 6, 'at backup:copied 1', 300).entries()) {
      const folder = join(work.dir, `stick-${i}`);
      mkdirSync(folder);
      const run = await runChild(['backup', data, sealHex, OWNER_PIN, folder], plan, childTmp);
      const label = `${plan.point ?? `random, last ${run.lastPoint}`}`;
      expectKilledAt(run, plan.point);
      expectNoSecrets([data, folder], label);
      const names = listFiles(folder);
      const finals = names.filter((n) => n.endsWith('.brankas'));
      for (const f of finals) expect(verifyBackup(join(folder, f), { code }).ok, `${label}: ${f}`).toBe(true);
      for (const n of names.filter((x) => !x.endsWith('.brankas'))) {
        expect(n, label).toMatch(PARTIAL_BACKUP);
        leftovers.add(n.endsWith('-journal') ? '.partial-journal' : '.partial');
      }
      if (plan.point) {
        const finished = POINTS.indexOf(plan.point.split('#')[0]!) >= FINAL_FROM;
        expect(finals, label).toHaveLength(finished ? 1 : 0);
      }
      outcomes.add(finals.length > 0 ? 'finished, verifies' : 'no file under a final name');
      // The next start: the vault untouched and whole; the next backup (an hour later, under a
      // name of its own) clears what is half-made.
      const s = openCore(data, 3_600_000);
      try {
        expect(await s.unlock(OWNER_PIN)).toBe(true);
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
        expect((await s.ok<{ total: number }>('customers:search', { query: '', limit: 1 })).total).toBe(
          IN_VAULT,
        );
        s.dialogs.nextFolder = folder;
        await s.ok('backups:create', { chooseFolder: true });
      } finally {
        s.core.dispose();
      }
      const after = listFiles(folder);
      expect(
        after.filter((n) => !n.endsWith('.brankas')),
        label,
      ).toEqual([]);
      for (const f of after) expect(verifyBackup(join(folder, f), { code }).ok, `${label}: ${f}`).toBe(true);
      expectNothingHalfMade(data, label);
      rmSync(folder, { recursive: true, force: true });
    }
    expect(outcomes.get('no file under a final name')).toBeGreaterThan(0);
    expect(outcomes.get('finished, verifies')).toBeGreaterThan(0);
    console.log(`backup kills: ${outcomes}; left in the folder until the next backup: ${leftovers}`);
  }, 300_000);

  it('a restore run to its end in the child opens with the new PIN and holds the backup', async () => {
    const data = join(work.dir, 'shop-restore-full');
    copyShop(template, data);
    const run = await runChild(['restore', data, sealHex, OWNER_PIN, backupFile, code], {}, childTmp);
    expect(run.out).toContain('restored');
    expect(await customerCount(data, OWNER_PIN)).toBeNull();
    expect(await customerCount(data, RESTORED_PIN)).toBe(IN_BACKUP);
    expectNothingHalfMade(data, 'full restore');
  }, 120_000);

  it('a restore, at each step of its commit and at random: the next start rolls back before the marker and forward after it, whole, and says which', async () => {
    // [point, the vault that opens next, what the start says]
    const EXPECTED: Record<string, ['old' | 'restored', string]> = {
      'restore:verified': ['old', 'none'],
      'restore:copied': ['old', 'rolled_back'],
      'restore:rekeyed': ['old', 'rolled_back'],
      'restore:checked': ['old', 'rolled_back'],
      'restore:synced': ['old', 'rolled_back'],
      'restore:marked': ['restored', 'restored'],
      'restore:vault-aside': ['restored', 'restored'],
      'restore:vault-in': ['restored', 'restored'],
      'restore:slots-aside': ['restored', 'restored'],
      'restore:slots-in': ['restored', 'restored'],
      'restore:unmarked': ['restored', 'none'],
    };
    const outcomes = new Tally();
    const leftovers = new Tally();
    // Random kills: anywhere, and soon after the copy (while it is re-keyed).
    const all = [
      ...plans(Object.keys(EXPECTED), 3, 'ready', 900),
      ...plans([], 3, 'at restore:copied 1', 150),
    ];
    for (const [i, plan] of all.entries()) {
      const data = join(work.dir, `shop-restore-${i}`);
      copyShop(template, data);
      const run = await runChild(['restore', data, sealHex, OWNER_PIN, backupFile, code], plan, childTmp);
      const label = plan.point ?? `random, last ${run.lastPoint}`;
      expectKilledAt(run, plan.point);
      expectNoSecrets([data], label);
      noteLeftovers(leftovers, data);
      const probe = openCore(data);
      const status = await probe.ok<{ restoreOutcome: string | null; restoreLeftovers: unknown }>(
        'app:status',
        {},
      );
      const said = status.restoreOutcome ?? 'none';
      probe.core.dispose();
      // Before the first unlock the restore's leftovers may be there, and the lock screen says so.
      expect(unexpectedInData(data, { checkedUnlock: false }), label).toEqual([]);
      const setAside = listFiles(data).some((f) => RESTORE_LEFTOVERS.test(f));
      expect(status.restoreLeftovers !== null, label).toBe(setAside);
      const old = await customerCount(data, OWNER_PIN);
      const restored = await customerCount(data, RESTORED_PIN);
      // Exactly one of them opens, and it is whole.
      expect(
        [old, restored].filter((n) => n !== null),
        label,
      ).toHaveLength(1);
      if (old !== null) expect(old, label).toBe(IN_VAULT);
      if (restored !== null) expect(restored, label).toBe(IN_BACKUP);
      const which = old !== null ? 'old' : 'restored';
      if (plan.point) expect([which, said], label).toEqual(EXPECTED[plan.point.split('#')[0]!]);
      else
        expect(['old/none', 'old/rolled_back', 'restored/restored', 'restored/none']).toContain(
          `${which}/${said}`,
        );
      outcomes.add(
        said === 'rolled_back'
          ? 'rolled back'
          : said === 'restored'
            ? 'rolled forward'
            : `${which}, nothing to settle`,
      );
      expectNothingHalfMade(data, label);
      rmSync(data, { recursive: true, force: true });
    }
    // Both branches of the start-up settle ran.
    expect(outcomes.get('rolled back')).toBeGreaterThan(0);
    expect(outcomes.get('rolled forward')).toBeGreaterThan(0);
    console.log(`restore kills: ${outcomes}; found before the next start: ${leftovers}`);
  }, 300_000);

  it('a purge, between its transactions and at random: the vault whole every time, each due customer wholly there or wholly gone, the next purge finishes', async () => {
    const prepared = join(work.dir, 'shop-purge');
    copyShop(template, prepared);
    const DUE = 1200;
    {
      const s = openCore(prepared);
      expect(await s.unlock(OWNER_PIN)).toBe(true);
      for (let id = 1; id <= 60; id++)
        await s.ok('consent:grant', { customerId: id, purposeId: 2, method: 'verbal' });
      const db = s.core.vault.requireDb();
      db.prepare('UPDATE customers SET last_activity_at = ? WHERE id <= ?').run(
        wallNow() - 3 * 365 * 86_400_000,
        DUE,
      );
      setMeta(db, 'retention_horizon', String(wallNow() - 86_400_000));
      s.core.dispose();
    }
    const check = async (data: string) => {
      const s = openCore(data);
      try {
        expect(await s.unlock(OWNER_PIN)).toBe(true);
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const one = (sql: string) => db.prepare(sql).pluck().get() as number;
        // No orphans: consent rows and index entries only for customers who are there.
        expect(
          one('SELECT count(*) FROM consent_events WHERE customer_id NOT IN (SELECT id FROM customers)'),
        ).toBe(0);
        expect(
          one('SELECT count(*) FROM consent_state WHERE customer_id NOT IN (SELECT id FROM customers)'),
        ).toBe(0);
        expect(one('SELECT count(*) FROM customers_fts WHERE rowid NOT IN (SELECT id FROM customers)')).toBe(
          0,
        );
        const left = one('SELECT count(*) FROM customers');
        // Each erased one has exactly one ledger row, written in the same transaction.
        expect(one('SELECT count(*) FROM deletion_ledger')).toBe(IN_VAULT - left);
        expect(one('SELECT count(*) FROM customers_fts')).toBe(left);
        // Those still there are whole: consent proof intact for the first 60 if present.
        expect(one('SELECT count(*) FROM consent_events e JOIN customers c ON c.id = e.customer_id')).toBe(
          one('SELECT count(*) FROM customers WHERE id <= 60'),
        );
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
        return IN_VAULT - left;
      } finally {
        s.core.dispose();
      }
    };
    // The purge reports progress between its transactions: before the first erasure, after the
    // first slice of erasures, and once cleaning up (every due customer erased by then).
    const EXPECTED: Record<string, (erased: number) => boolean> = {
      'purge:erasing#1': (n) => n === 0,
      'purge:erasing#2': (n) => n > 0,
      'purge:cleaning#1': (n) => n === DUE,
    };
    const outcomes = new Tally();
    const leftovers = new Tally();
    let data = '';
    const all = plans(Object.keys(EXPECTED), 4, 'ready', 200);
    for (const [i, plan] of all.entries()) {
      data = join(work.dir, `shop-purge-${i}`);
      copyShop(prepared, data);
      const run = await runChild(['purge', data, sealHex, OWNER_PIN], plan, childTmp);
      const label = plan.point ?? `random, last ${run.lastPoint}`;
      expectKilledAt(run, plan.point);
      expectNoSecrets([data], label);
      noteLeftovers(leftovers, data);
      const erased = await check(data);
      if (plan.point) expect(EXPECTED[plan.point]!(erased), `${label}: ${erased} erased`).toBe(true);
      outcomes.add(erased === 0 ? 'none erased' : erased === DUE ? 'all due erased' : 'some erased');
      expectNothingHalfMade(data, label);
      if (i < all.length - 1) rmSync(data, { recursive: true, force: true });
    }
    expect(outcomes.get('none erased')).toBeGreaterThan(0);
    expect(outcomes.get('all due erased')).toBeGreaterThan(0);
    // The next purge finishes the job where the last kill left it.
    const out = await runChild(['purge', data, sealHex, OWNER_PIN], {}, childTmp);
    expect(out.out).toContain('purged');
    expect(await check(data)).toBe(DUE);
    console.log(`purge kills: ${outcomes}; found before the next start: ${leftovers}`);
  }, 300_000);

  it('key rotations, one after another, each confirmed: killed at each step, the owner always gets in and always holds a recovery code that opens the vault', async () => {
    // What the next start must do for a kill at each point of the n-th rotation.
    const EXPECTED: Record<string, 'abandoned' | 'finished at unlock' | 'new key'> = {
      'rotate:prepared#1': 'abandoned',
      'rotate:copied#1': 'abandoned',
      'rotate:rekeyed#1': 'finished at unlock',
      // The old code retired (the keystore's record raised), the slots not yet finished.
      'rotate:retired#1': 'finished at unlock',
      'rotate:confirm-pending#1': 'finished at unlock',
      'rotate:finished#1': 'new key',
      'rotate:prepared#3': 'abandoned',
      'rotate:copied#3': 'abandoned',
      'rotate:rekeyed#3': 'finished at unlock',
      'rotate:finished#3': 'new key',
    };
    const outcomes = new Tally();
    const leftovers = new Tally();
    let rotations = 0;
    let expectedRotations = 0;
    for (const [i, plan] of plans(Object.keys(EXPECTED), 6, 'ready', 600).entries()) {
      const data = join(work.dir, `shop-rotate-${i}`);
      copyShop(template, data);
      const run = await runChild(['rotate', data, sealHex, OWNER_PIN], plan, childTmp);
      const label = plan.point ?? `random, last ${run.lastPoint}`;
      expectKilledAt(run, plan.point);
      expectNoSecrets([data], label);
      noteLeftovers(leftovers, data);
      // Each finished rotation was confirmed in the child, so the next one could start.
      const confirmed = [...run.out.matchAll(/^rotated (\d+) (\S+)$/gm)].map((m) => m[2]!);
      rotations += confirmed.length;
      if (plan.point) {
        const nth = Number(plan.point.split('#')[1]);
        expect(confirmed, label).toHaveLength(nth - 1);
        expectedRotations += nth - 1;
      }
      // The code the owner last wrote down and typed back.
      const held = confirmed.at(-1) ?? code;
      const s = openCore(data);
      try {
        // Never neither: the owner's PIN opens the vault after every kill.
        expect(await s.unlock(OWNER_PIN), label).toBe(true);
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(IN_VAULT);
        expect(JSON.parse(readFileSync(join(data, 'keyslots.json'), 'utf8')).rotation).toBeUndefined();
        const settled = (
          db.prepare("SELECT detail FROM audit_log WHERE action = 'key.rotate'").pluck().all() as string[]
        ).join(' ');
        const heldOpens = await s.core.auth.checkRecoveryCode(held).then(
          () => true,
          () => false,
        );
        const pending = (await s.ok<{ recoveryPending: boolean }>('app:status', {})).recoveryPending;
        const outcome = settled.includes('interrupted')
          ? 'abandoned'
          : settled.includes('completedAfterCrash')
            ? 'finished at unlock'
            : heldOpens
              ? 'nothing to settle'
              : 'new key';
        if (plan.point) expect(outcome, label).toBe(EXPECTED[plan.point]);
        outcomes.add(outcome);
        if (outcome === 'abandoned' || outcome === 'nothing to settle') {
          // The old key stays: so does the code the owner holds.
          expect(heldOpens, label).toBe(true);
          expect(pending, label).toBe(false);
        } else {
          // A new key whose code the owner never saw: the app must ask for a new code to be
          // written down, and that code must open the vault.
          expect(heldOpens, label).toBe(false);
          expect(pending, `${label}: the owner is asked to confirm a new code`).toBe(true);
          const shown = await s.ok<{ recoveryCode: string; confirmGroups: number[] }>(
            'setup:recoveryCode',
            {},
          );
          const digits = shown.recoveryCode.replace(/-/g, '');
          await s.ok('setup:confirmRecovery', { answers: answers(digits, shown.confirmGroups) });
          await expect(s.core.auth.checkRecoveryCode(digits), label).resolves.toBe(digits);
        }
      } finally {
        s.core.dispose();
      }
      expectNothingHalfMade(data, label);
      rmSync(data, { recursive: true, force: true });
    }
    expect(rotations).toBeGreaterThanOrEqual(expectedRotations);
    expect(expectedRotations).toBe(8);
    for (const o of ['abandoned', 'finished at unlock', 'new key'])
      expect(outcomes.get(o), o).toBeGreaterThan(0);
    console.log(
      `rotation kills: ${outcomes}; ${rotations} rotations finished and confirmed in the children; found before the next start: ${leftovers}`,
    );
  }, 300_000);

  it('customer writes, killed at random: no acknowledged customer lost, none half-written', async () => {
    const prepared = join(work.dir, 'shop-writes');
    copyShop(template, prepared);
    const WRITE_KILLS = 8;
    let acknowledged = 0;
    const leftovers = new Tally();
    for (let i = 0; i < WRITE_KILLS; i++) {
      const data = join(work.dir, `shop-writes-${i}`);
      copyShop(prepared, data);
      const run = await runChild(
        ['writes', data, sealHex, OWNER_PIN],
        { killAfter: { mark: 'ready', ms: Math.floor(Math.random() * 400) } },
        childTmp,
      );
      expectKilledAt(run, undefined);
      expectNoSecrets([data], `writes ${i}`);
      noteLeftovers(leftovers, data);
      const acks = [...run.out.matchAll(/wrote (\d+)/g)].map((m) => Number(m[1]));
      const s = openCore(data);
      try {
        expect(await s.unlock(OWNER_PIN)).toBe(true);
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const names = new Set(
          db.prepare("SELECT name FROM customers WHERE name LIKE 'Tulis %'").pluck().all() as string[],
        );
        for (const n of acks) expect(names.has(`Tulis ${n}`), `Tulis ${n}`).toBe(true);
        acknowledged += acks.length;
        // Every customer is whole: in the search index, with its audit entry.
        const one = (sql: string) => db.prepare(sql).pluck().get() as number;
        expect(one('SELECT count(*) FROM customers_fts')).toBe(one('SELECT count(*) FROM customers'));
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
      } finally {
        s.core.dispose();
      }
      expectNothingHalfMade(data, `writes ${i}`);
      rmSync(data, { recursive: true, force: true });
    }
    expect(acknowledged).toBeGreaterThan(0);
    console.log(
      `customer writes: ${acknowledged} acknowledged across ${WRITE_KILLS} kills, 0 lost; found before the next start: ${leftovers}`,
    );
  }, 300_000);

  it('customer writes, killed between the change and its audit entry: no customer without its entry, no entry without its customer', async () => {
    const prepared = join(work.dir, 'shop-entries');
    copyShop(template, prepared);
    // The log as the child finds it: every later customer.create entry is one of the child's.
    const before = openCore(prepared);
    let logEnd = 0;
    try {
      expect(await before.unlock(OWNER_PIN)).toBe(true);
      logEnd = before.core.vault.requireDb().prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    } finally {
      before.core.dispose();
    }
    // The hook sits after the handler wrote the customer and before the entry is written.
    const runs = plans(['audit:beforeEntry#2', 'audit:beforeEntry#5'], 3, 'ready', 300);
    let killedBetween = 0;
    for (const [i, plan] of runs.entries()) {
      const data = join(work.dir, `shop-entries-${i}`);
      copyShop(prepared, data);
      const run = await runChild(['writes', data, sealHex, OWNER_PIN], plan, childTmp);
      const label = plan.point ?? `random ${plan.killAfter?.ms} ms`;
      expectKilledAt(run, plan.point);
      if (run.lastPoint?.startsWith('audit:beforeEntry')) killedBetween++;
      const s = openCore(data);
      try {
        expect(await s.unlock(OWNER_PIN), label).toBe(true);
        const db = s.core.vault.requireDb();
        const written = db
          .prepare("SELECT CAST(id AS TEXT) FROM customers WHERE name LIKE 'Tulis %' ORDER BY id")
          .pluck()
          .all() as string[];
        const entries = db
          .prepare(
            `SELECT target FROM audit_log WHERE action = 'customer.create' AND outcome = 'ok'
             AND id > ? ORDER BY CAST(target AS INTEGER)`,
          )
          .pluck()
          .all(logEnd) as string[];
        // Each customer the child wrote has exactly its one entry, and each entry its customer.
        expect(entries, label).toEqual(written);
        if (plan.point) {
          // Entries written before "ready" (the owner's login) pass the same point first.
          const beforeReady = (run.out.split(/^ready$/m)[0]!.match(/^at audit:beforeEntry \d+$/gm) ?? [])
            .length;
          expect(written.length, label).toBe(Number(plan.point.split('#')[1]) - 1 - beforeReady);
        }
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok, label).toBe(true);
      } finally {
        s.core.dispose();
      }
      rmSync(data, { recursive: true, force: true });
    }
    expect(killedBetween).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it('an import, around its transaction and at random: all rows and their entry or neither, both seen, the vault whole', async () => {
    const csv = join(work.dir, 'import.csv');
    writeFileSync(
      csv,
      [
        'Nama;No HP',
        ...Array.from({ length: 3000 }, (_, i) => `Impor ${i};0814${String(30_000_000 + i)}`),
      ].join('\r\n'),
    );
    const EXPECTED: Record<string, number> = {
      'import:begun': 0,
      'import:written': 0,
      'import:committed': 3000,
    };
    const prepared = join(work.dir, 'shop-import');
    copyShop(template, prepared);
    const outcomes = new Tally();
    const leftovers = new Tally();
    for (const [i, plan] of plans(Object.keys(EXPECTED), 4, 'ready', 3000).entries()) {
      const data = join(work.dir, `shop-import-${i}`);
      copyShop(prepared, data);
      const run = await runChild(['import', data, sealHex, OWNER_PIN, csv], plan, childTmp);
      const label = plan.point ?? `random, last ${run.lastPoint}`;
      expectKilledAt(run, plan.point);
      expectNoSecrets([data], label);
      noteLeftovers(leftovers, data);
      const s = openCore(data);
      try {
        expect(await s.unlock(OWNER_PIN)).toBe(true);
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const imported = db
          .prepare("SELECT count(*) FROM customers WHERE name LIKE 'Impor %'")
          .pluck()
          .get() as number;
        expect([0, 3000], label).toContain(imported);
        if (plan.point) expect(imported, label).toBe(EXPECTED[plan.point.split('#')[0]!]);
        // The import's one entry commits with its rows: both there, or neither.
        expect(entriesOf(db, 'import.commit'), label).toEqual(imported === 0 ? [] : [{ imported: 3000 }]);
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok, label).toBe(true);
        outcomes.add(imported === 0 ? 'none' : 'all rows');
      } finally {
        s.core.dispose();
      }
      expectNothingHalfMade(data, label);
      rmSync(data, { recursive: true, force: true });
    }
    expect(outcomes.get('none')).toBeGreaterThan(0);
    expect(outcomes.get('all rows')).toBeGreaterThan(0);
    console.log(`import kills: ${outcomes}; found before the next start: ${leftovers}`);
  }, 300_000);

  it('sales from a POS export, around their transaction and at random: all sales and their entry or neither', async () => {
    const csv = join(work.dir, 'sales.csv');
    // Sales of two days ago on the shop's clock: inside what the shop keeps, never ahead of it.
    const day = shopIsoDay(wallNow() - 2 * 24 * 60 * 60 * 1000);
    writeFileSync(
      csv,
      [
        'Tanggal,No. Struk,No. HP,Total',
        ...Array.from({ length: 3000 }, (_, i) => `${day} 09:00,S-${i},,${1000 + i}`),
      ].join('\r\n'),
    );
    const EXPECTED: Record<string, number> = {
      'sales:begun': 0,
      'sales:written': 0,
      'sales:committed': 3000,
    };
    const prepared = join(work.dir, 'shop-sales');
    copyShop(template, prepared);
    const outcomes = new Tally();
    for (const [i, plan] of plans(Object.keys(EXPECTED), 3, 'ready', 2000).entries()) {
      const data = join(work.dir, `shop-sales-${i}`);
      copyShop(prepared, data);
      const run = await runChild(['sales', data, sealHex, OWNER_PIN, csv], plan, childTmp);
      const label = plan.point ?? `random, last ${run.lastPoint}`;
      expectKilledAt(run, plan.point);
      const s = openCore(data);
      try {
        expect(await s.unlock(OWNER_PIN)).toBe(true);
        const db = s.core.vault.requireDb();
        const sales = db
          .prepare("SELECT count(*) FROM pos_receipts WHERE source = 'moka'")
          .pluck()
          .get() as number;
        expect([0, 3000], label).toContain(sales);
        if (plan.point) expect(sales, label).toBe(EXPECTED[plan.point.split('#')[0]!]);
        expect(
          entriesOf(db, 'sales.commit').map((d) => d.imported),
          label,
        ).toEqual(sales === 0 ? [] : [3000]);
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok, label).toBe(true);
        outcomes.add(sales === 0 ? 'none' : 'all sales');
      } finally {
        s.core.dispose();
      }
      rmSync(data, { recursive: true, force: true });
    }
    expect(outcomes.get('none')).toBeGreaterThan(0);
    expect(outcomes.get('all sales')).toBeGreaterThan(0);
  }, 300_000);
});
