import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { nodeFsOps, setFsOps } from '../../src/main/lib/durable-fs';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { verifyBackup } from '../../src/main/services/backup/backup-file';
import { getMeta } from '../../src/main/services/settings.service';
import { checkAllCrashStates, CrashRecorder, type CrashOutcome, type CrashReport } from '../support/crash-fs';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * Each file protocol of the app, recorded step by step, replayed on a model of a disk that loses
 * whatever was not yet fsynced at a power cut (crash-fs.ts), and every resulting state opened by
 * the real app: it must come up as the state before the operation or the state after it, and once
 * the operation has returned, only as the state after it.
 */
let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

const NEW_PIN = '481516';
const reports: Record<string, CrashReport> = {};

/**
 * The OS keystore: one sealing key, and its records (the vault's generation) in a folder of their
 * own, outside the data folder. Operations that write the record are recorded with both folders:
 * a power cut can also land between the vault's write and the record's.
 */
let keystore: { key: Buffer; dir: string };

/**
 * A second start of the app on a crash state's copy of the data folder, with the same keystore
 * (and the crash state's copy of its records, when the operation wrote them).
 */
async function reopen(dataDir: string, recordDir = keystore.dir): Promise<TestCore & { ownerId: string }> {
  const keyStore = new MemoryKeyStore('memory', true, keystore.key, recordDir);
  const again = makeCore({ dir: dataDir, keyStore, clock: t.clock });
  const owner = (await again.ok('auth:users', {})).find((u) => u.roleHint === 'owner');
  if (!owner) {
    again.core.dispose();
    throw new Error('no owner on the lock screen');
  }
  return { ...again, ownerId: owner.id };
}

/** Read straight from the opened vault: a session may be limited (a recovery code to confirm). */
function customerNames(c: TestCore): string[] {
  return c.core.vault
    .requireDb()
    .prepare('SELECT name FROM customers ORDER BY name')
    .pluck()
    .all() as string[];
}

function rotationPending(dir: string): boolean {
  return (
    (JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as { rotation?: unknown }).rotation !==
    undefined
  );
}

async function shop(names = ['Ani', 'Budi', 'Cici']) {
  const records = tempDir('brankas-keystore-');
  others.push(records);
  keystore = { key: randomBytes(32), dir: records.dir };
  t = makeCore({ keyStore: new MemoryKeyStore('memory', true, keystore.key, keystore.dir) });
  const ids = await setupShop(t);
  for (const name of names) await t.ok('customers:create', { name });
  return ids;
}

const OLD: CrashOutcome = { outcome: 'old' };
const NEW: CrashOutcome = { outcome: 'new' };
const problem = (what: string): CrashOutcome => ({ problem: what });

/** No state opened wrong, and the cuts reached each outcome the operation can leave. */
function expectAllGood(name: string, report: CrashReport, sides: ('old' | 'new')[] = ['old', 'new']): void {
  reports[name] = report;
  expect(report.failures).toEqual([]);
  for (const side of sides) expect(report.outcomes[side]).toBeGreaterThan(0);
  expect(Object.keys(report.outcomes).sort()).toEqual([...sides].sort());
}

describe('after a power cut at any point, the app opens the old or the new state', () => {
  it('key slots: a PIN change leaves the old PIN or the new one working', async () => {
    await shop();
    const rec = new CrashRecorder([t.dir]);
    await rec.record(() =>
      t.ok('auth:changePin', { currentPin: OWNER_PIN, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    );
    const report = await checkAllCrashStates(rec, [t.dir], async ([dir], final) => {
      const c = await reopen(dir!);
      try {
        if ((await c.call('auth:unlock', { userId: c.ownerId, pin: NEW_PIN })).ok) {
          return customerNames(c).length === 3 ? NEW : problem('new PIN, customers missing');
        }
        if (final) return problem('the PIN change returned but the new PIN does not open');
        if (!(await c.call('auth:unlock', { userId: c.ownerId, pin: OWNER_PIN })).ok)
          return problem('neither PIN opens');
        return customerNames(c).length === 3 ? OLD : problem('old PIN, customers missing');
      } finally {
        c.core.dispose();
      }
    });
    expectAllGood('key slots', report);
    // Each write of the slots: a sibling written and synced, renamed over, the folder synced.
    expect(rec.ops.map((o) => o.op).join(' ')).toMatch(/^(create write fsync rename fsyncDir ?)+$/);
  });

  it('anchor: the audit chain still verifies against the anchor written at lock', async () => {
    await shop();
    await t.ok('auth:lock', {});
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    await t.ok('customers:create', { name: 'Dodi' });
    const rec = new CrashRecorder([t.dir]);
    await rec.record(() => t.ok('auth:lock', {}));
    const anchor = readFileSync(join(t.dir, 'audit-anchor.json'));
    const report = await checkAllCrashStates(rec, [t.dir], async ([dir], final) => {
      const path = join(dir!, 'audit-anchor.json');
      const isNew = existsSync(path) && readFileSync(path).equals(anchor);
      if (final && !isNew) return problem('the lock returned but its anchor was lost');
      const c = await reopen(dir!);
      try {
        await c.ok('auth:unlock', { userId: c.ownerId, pin: OWNER_PIN });
        const verify = await c.ok('audit:verify', {});
        if (!verify.ok) return problem(`audit verify failed (anchor ${verify.anchor})`);
        return isNew ? NEW : OLD;
      } finally {
        c.core.dispose();
      }
    });
    expectAllGood('anchor', report);
  });

  it('backup write: the folder holds the old backups and, complete or not at all, the new one', async () => {
    const { recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    await t.ok('backups:create', {});
    const db = t.core.vault.requireDb();
    const key = {
      key: Buffer.from(getMeta(db, 'backup_key')!, 'hex'),
      salt: Buffer.from(getMeta(db, 'backup_salt')!, 'hex'),
    };
    t.clock.advance(86_400_000);
    await t.ok('customers:create', { name: 'Dodi' });
    const rec = new CrashRecorder([usb.dir]);
    await rec.record(() => t.ok('backups:create', {}));
    const report = await checkAllCrashStates(rec, [usb.dir], async ([dir], final) => {
      const backups = readdirSync(dir!).filter((f) => f.endsWith('.brankas'));
      for (const f of backups) {
        const v = verifyBackup(join(dir!, f), key);
        if (!v.ok) return problem(`a file under a backup's name does not open: ${v.problem}`);
      }
      if (backups.length < 1) return problem('the earlier backup is gone');
      if (final && backups.length < 2) return problem('the backup returned but is not on the disk');
      return backups.length === 2 ? NEW : OLD;
    });
    expectAllGood('backup write', report);
    // SQLite wrote the file; the app syncs it, renames it into place and syncs the folder.
    expect(rec.ops.map((o) => o.op).join(' ')).toMatch(/fsync rename fsyncDir$/);
  });

  it('restore commit: the old vault with the old PIN, or the restored one with the new PIN', async () => {
    const { recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    await t.ok('customers:create', { name: 'Dodi (after the backup)' });
    t.dialogs.nextBackup = join(usb.dir, file);
    const rec = new CrashRecorder([t.dir, keystore.dir]);
    await rec.record(() =>
      t.ok('backups:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    );
    const report = await checkAllCrashStates(rec, [t.dir, keystore.dir], async ([dir, records], final) => {
      // Past its marker a restore rolls forward (restore.ts).
      const committed = existsSync(join(dir!, 'restore.json'));
      const c = await reopen(dir!, records);
      try {
        if ((await c.call('auth:unlock', { userId: c.ownerId, pin: NEW_PIN })).ok) {
          const names = customerNames(c);
          return names.length === 3 ? NEW : problem(`restored vault has ${names.length} customers`);
        }
        if (final) return problem('the restore returned but the restored vault does not open');
        if (committed) return problem('the marker was on the disk but the restore did not finish');
        if (existsSync(join(dir!, 'restore.json'))) return problem('marker left after settling');
        if (!(await c.call('auth:unlock', { userId: c.ownerId, pin: OWNER_PIN })).ok)
          return problem('neither PIN opens');
        const names = customerNames(c);
        return names.length === 4 ? OLD : problem(`old vault has ${names.length} customers`);
      } finally {
        c.core.dispose();
      }
    });
    expectAllGood('restore commit', report);
  }, 120_000);

  it('state marker: a start-up finishing a restore cut off after its marker ends with the restored vault', async () => {
    const { recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    await t.ok('customers:create', { name: 'Dodi (after the backup)' });
    t.dialogs.nextBackup = join(usb.dir, file);
    // The process dies at the first step of the swap: the marker (synced) is all there is.
    const vault = join(t.dir, 'vault.db');
    const real = setFsOps({
      ...nodeFsOps,
      rename: (from, to) => {
        if (from === vault) throw new Error('power cut');
        nodeFsOps.rename(from, to);
      },
    });
    try {
      const r = await t.call('backups:restore', {
        code: recoveryCode,
        newPin: NEW_PIN,
        newPinConfirm: NEW_PIN,
      });
      expect(r.ok).toBe(false);
    } finally {
      setFsOps(real);
    }
    t.core.dispose();
    expect(existsSync(join(t.dir, 'restore.json'))).toBe(true);
    const rec = new CrashRecorder([t.dir]);
    await rec.record(async () => {
      const start = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
      expect((await start.ok('app:status', {})).restoreOutcome).toBe('restored');
      start.core.dispose();
    });
    const report = await checkAllCrashStates(rec, [t.dir], async ([dir]) => {
      const c = await reopen(dir!);
      try {
        if (!(await c.call('auth:unlock', { userId: c.ownerId, pin: NEW_PIN })).ok)
          return problem('the restored vault does not open with the new PIN');
        const names = customerNames(c);
        return names.length === 3 ? NEW : problem(`restored vault has ${names.length} customers`);
      } finally {
        c.core.dispose();
      }
    });
    expectAllGood('state marker', report, ['new']);
  }, 120_000);

  it('rotation swap: the vault opens with the owner PIN and keeps its data, the rotation settled', async () => {
    await shop();
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop dicuri dari toko',
    });
    const oldSalt = readFileSync(join(t.dir, 'vault.db')).subarray(0, 16);
    const rec = new CrashRecorder([t.dir, keystore.dir]);
    await rec.record(() => t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN }));
    const report = await checkAllCrashStates(rec, [t.dir, keystore.dir], async ([dir, records], final) => {
      const vault = readFileSync(join(dir!, 'vault.db'));
      const isNew = !vault.subarray(0, 16).equals(oldSalt);
      if (final && (!isNew || rotationPending(dir!)))
        return problem('the rotation returned but is not on the disk');
      const c = await reopen(dir!, records);
      try {
        const r = await c.call('auth:unlock', { userId: c.ownerId, pin: OWNER_PIN });
        if (!r.ok) return problem(`the owner PIN does not open: ${r.error.code}`);
        if (customerNames(c).length !== 3) return problem('customers missing');
        if (rotationPending(dir!)) return problem('rotation not settled at unlock');
        return isNew ? NEW : OLD;
      } finally {
        c.core.dispose();
      }
    });
    expectAllGood('rotation swap', report);
  }, 120_000);

  afterAll(() => {
    console.log(
      Object.entries(reports)
        .map(
          ([k, r]) =>
            `${k}: ${r.points} cut points, ${r.generated} crash states, ${r.distinct} distinct opened ` +
            `(old ${r.outcomes.old ?? 0}, new ${r.outcomes.new ?? 0}), ${r.sampled} cuts sampled`,
        )
        .join('\n'),
    );
  });
});
