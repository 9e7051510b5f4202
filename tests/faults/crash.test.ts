import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * SIGKILL at random moments of a backup and of a restore, in a real child process: the backup
 * folder never holds a broken file under a final name, the vault is untouched by a backup, and
 * after a killed restore the next start opens the old vault or the restored one, whole, and says
 * which.
 */
const CHILD = join(__dirname, 'crash-child.ts');
const sealKey = randomBytes(32);
const work = tempDir('brankas-crash-');
const template = join(work.dir, 'template');
let code = '';
let backupFile = '';

function openCore(dataDir: string) {
  const dialogs = new MemoryDialogs();
  const core = new Core({
    dataDir,
    keyStore: new MemoryKeyStore('memory', true, sealKey),
    printer: new MemoryPrinter(),
    handoff: new MemoryHandoff(),
    dialogs,
    clock: new TestClock(wallNow()),
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: () => undefined,
  });
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = (await core.dispatch('w', channel, input)) as {
      ok: boolean;
      value: T;
      error?: { code: string };
    };
    if (!r.ok) throw new Error(`${channel}: ${r.error?.code}`);
    return r.value;
  };
  return { core, dialogs, ok, call: (channel: string, input: unknown) => core.dispatch('w', channel, input) };
}

/** Runs the child until it prints "ready", then kills it after `delayMs`. */
function killDuring(args: string[], delayMs: number): Promise<string> {
  return new Promise((resolve) => {
    // tsx as a loader in this very process (its CLI would fork a grandchild that SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready') && !child.killed) setTimeout(() => child.kill('SIGKILL'), delayMs);
      if (out.includes('restored') || out.includes('purged') || out.includes('imported'))
        child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(out));
  });
}

beforeAll(async () => {
  mkdirSync(template);
  const s = openCore(template);
  const setup = await s.ok<{ recoveryCode: string; confirmGroups: number[] }>('setup:create', {
    shopName: 'Toko Uji',
    ownerName: 'Bu Sari',
    pin: OWNER_PIN,
    pinConfirm: OWNER_PIN,
  });
  code = setup.recoveryCode.replace(/-/g, '');
  await s.ok('setup:confirmRecovery', {
    answers: setup.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  for (let i = 0; i < 1500; i++) await s.ok('customers:create', { name: `Pelanggan ${i}` });
  await s.ok('backups:enable', { code });
  const usb = join(work.dir, 'usb');
  mkdirSync(usb);
  s.dialogs.nextFolder = usb;
  const r = await s.ok<{ file: string }>('backups:create', {});
  backupFile = join(usb, r.file);
  // The shop moves on after its backup: 1,501 customers now, 1,500 in the backup.
  await s.ok('customers:create', { name: 'Setelah cadangan' });
  s.core.dispose();
}, 120_000);
afterAll(() => work.cleanup());

async function customerCount(dataDir: string, pin: string): Promise<number | null> {
  const s = openCore(dataDir);
  try {
    const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
    const owner = users.find((u) => u.roleHint === 'owner')!;
    const r = (await s.call('auth:unlock', { userId: owner.id, pin })) as { ok: boolean };
    if (!r.ok) return null;
    expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
    return (await s.ok<{ total: number }>('customers:search', { query: '', limit: 1 })).total;
  } finally {
    s.core.dispose();
  }
}

describe('killed mid-way', () => {
  it('a backup: 50 kills, never a broken file under a final name, the vault untouched', async () => {
    const data = join(work.dir, 'shop-backup');
    cpSync(template, data, { recursive: true });
    const folder = join(work.dir, 'stick');
    mkdirSync(folder);
    for (let i = 0; i < 50; i++) {
      await killDuring(
        ['backup', data, sealKey.toString('hex'), OWNER_PIN, folder],
        Math.floor(Math.random() * 400),
      );
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.brankas'))) {
        expect(verifyBackup(join(folder, f), { code }).ok, f).toBe(true);
      }
    }
    expect(await customerCount(data, OWNER_PIN)).toBe(1501);
  }, 240_000);

  it('a restore run to its end in the child opens with the new PIN and holds the backup', async () => {
    const data = join(work.dir, 'shop-restore-full');
    cpSync(template, data, { recursive: true });
    const out = await killDuring(
      ['restore', data, sealKey.toString('hex'), OWNER_PIN, backupFile, code],
      60_000,
    );
    expect(out).toContain('restored');
    expect(await customerCount(data, OWNER_PIN)).toBeNull();
    expect(await customerCount(data, '481516')).toBe(1500);
  }, 120_000);

  it('a restore: 50 kills, the next start opens the old vault or the restored one, whole, and says which', async () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const data = join(work.dir, `shop-restore-${i}`);
      cpSync(template, data, { recursive: true });
      const delay = Math.floor(Math.random() * 900);
      const childOut = await killDuring(
        ['restore', data, sealKey.toString('hex'), OWNER_PIN, backupFile, code],
        delay,
      );
      const files = readdirSync(data).sort().join(' ');
      const probe = openCore(data);
      const said = (await probe.ok<{ restoreOutcome: string | null }>('app:status', {})).restoreOutcome;
      probe.core.dispose();
      const old = await customerCount(data, OWNER_PIN);
      const restored = await customerCount(data, '481516');
      // Exactly one of them opens, and it is whole.
      expect(
        [old, restored].filter((n) => n !== null),
        `run ${i}`,
      ).toHaveLength(1);
      if (old !== null) expect(old).toBe(1501);
      if (restored !== null)
        expect(restored, `${delay} ms, ${childOut.trim()}, said ${said}, files: ${files}`).toBe(1500);
      outcomes.add(`${old !== null ? 'old' : 'restored'}/${said ?? 'none'}`);
      rmSync(data, { recursive: true, force: true });
    }
    // Said which: a finished swap says 'restored', an undone one 'rolled_back' or nothing to undo.
    for (const o of outcomes)
      expect(['old/none', 'old/rolled_back', 'restored/restored', 'restored/none']).toContain(o);
  }, 300_000);

  it('a purge: 50 kills, the vault whole every time, each due customer wholly there or wholly gone, the next purge finishes', async () => {
    const prepared = join(work.dir, 'shop-purge');
    cpSync(template, prepared, { recursive: true });
    const DUE = 1200;
    {
      const s = openCore(prepared);
      const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
      await s.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
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
        const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
        await s.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
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
        expect(one('SELECT count(*) FROM deletion_ledger')).toBe(1501 - left);
        expect(one('SELECT count(*) FROM customers_fts')).toBe(left);
        // Those still there are whole: consent proof intact for the first 60 if present.
        expect(one('SELECT count(*) FROM consent_events e JOIN customers c ON c.id = e.customer_id')).toBe(
          one('SELECT count(*) FROM customers WHERE id <= 60'),
        );
        expect((await s.ok<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
        return left;
      } finally {
        s.core.dispose();
      }
    };
    // Each kill on a fresh copy: 50 independent points across the whole purge.
    const seen = new Set<number>();
    let data = '';
    for (let i = 0; i < 50; i++) {
      data = join(work.dir, `shop-purge-${i}`);
      cpSync(prepared, data, { recursive: true });
      await killDuring(['purge', data, sealKey.toString('hex'), OWNER_PIN], Math.floor(Math.random() * 200));
      seen.add(await check(data));
      if (i < 49) rmSync(data, { recursive: true, force: true });
    }
    // The next purge finishes the job where the last kill left it.
    const out = await killDuring(['purge', data, sealKey.toString('hex'), OWNER_PIN], 60_000);
    expect(out).toContain('purged');
    expect(await check(data)).toBe(1501 - DUE);
    // The kills landed at different points of the work (not all before or after it).
    expect(seen.size, [...seen].join(' ')).toBeGreaterThan(1);
  }, 300_000);

  it('a key rotation: 50 kills, the vault opens every time with the old key or the new one, whole', async () => {
    const prepared = join(work.dir, 'shop-rotate');
    cpSync(template, prepared, { recursive: true });
    let newKey = 0;
    let finishedAtUnlock = 0;
    let abandonedAtUnlock = 0;
    for (let i = 0; i < 50; i++) {
      const data = join(work.dir, `shop-rotate-${i}`);
      cpSync(prepared, data, { recursive: true });
      const before = readFileSync(join(data, 'keyslots.json'), 'utf8');
      await killDuring(['rotate', data, sealKey.toString('hex'), OWNER_PIN], Math.floor(Math.random() * 400));
      const s = openCore(data);
      try {
        const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
        // Never neither: the owner's PIN opens the vault after every kill.
        await s.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1501);
        const slots = JSON.parse(readFileSync(join(data, 'keyslots.json'), 'utf8'));
        expect(slots.rotation).toBeUndefined();
        if (readFileSync(join(data, 'keyslots.json'), 'utf8') !== before) newKey++;
        const settled = db
          .prepare("SELECT detail FROM audit_log WHERE action = 'key.rotate' ORDER BY id DESC LIMIT 1")
          .pluck()
          .get() as string | undefined;
        if (settled?.includes('completedAfterCrash')) finishedAtUnlock++;
        if (settled?.includes('interrupted')) abandonedAtUnlock++;
      } finally {
        s.core.dispose();
        rmSync(data, { recursive: true, force: true });
      }
    }
    // Kills landed both before and after rotations completed.
    expect(newKey).toBeGreaterThan(0);
    console.log(
      `rotation kills: ${newKey} new key, ${finishedAtUnlock} finished at unlock, ${abandonedAtUnlock} abandoned at unlock`,
    );
  }, 300_000);

  it('customer writes: 50 kills, no acknowledged customer lost, none half-written', async () => {
    const prepared = join(work.dir, 'shop-writes');
    cpSync(template, prepared, { recursive: true });
    let acknowledged = 0;
    for (let i = 0; i < 50; i++) {
      const data = join(work.dir, `shop-writes-${i}`);
      cpSync(prepared, data, { recursive: true });
      const out = await killDuring(
        ['writes', data, sealKey.toString('hex'), OWNER_PIN],
        Math.floor(Math.random() * 400),
      );
      const acks = [...out.matchAll(/wrote (\d+)/g)].map((m) => Number(m[1]));
      const s = openCore(data);
      try {
        const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
        await s.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
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
        rmSync(data, { recursive: true, force: true });
      }
    }
    expect(acknowledged).toBeGreaterThan(0);
    console.log(`customer writes: ${acknowledged} acknowledged across 50 kills, 0 lost`);
  }, 300_000);

  it('an import: 50 kills, all rows or none, the vault whole', async () => {
    const csv = join(work.dir, 'import.csv');
    writeFileSync(
      csv,
      [
        'Nama;No HP',
        ...Array.from({ length: 3000 }, (_, i) => `Impor ${i};0814${String(30_000_000 + i)}`),
      ].join('\r\n'),
    );
    const prepared = join(work.dir, 'shop-import');
    cpSync(template, prepared, { recursive: true });
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const data = join(work.dir, `shop-import-${i}`);
      cpSync(prepared, data, { recursive: true });
      await killDuring(
        ['import', data, sealKey.toString('hex'), OWNER_PIN, csv],
        Math.floor(Math.random() * 1500),
      );
      const s = openCore(data);
      try {
        const users = await s.ok<{ id: string; roleHint: string }[]>('auth:users', {});
        await s.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
        const db = s.core.vault.requireDb();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const imported = db
          .prepare("SELECT count(*) FROM customers WHERE name LIKE 'Impor %'")
          .pluck()
          .get() as number;
        expect([0, 3000]).toContain(imported);
        seen.add(imported);
      } finally {
        s.core.dispose();
        rmSync(data, { recursive: true, force: true });
      }
    }
    console.log(`import kills: outcomes ${[...seen].join(', ')} rows`);
  }, 300_000);
});
