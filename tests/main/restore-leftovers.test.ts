import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey } from '../../src/main/vault/database';
import { argon2id, pinWrappingKey, unwrapKey, type KdfParams, type Wrapped } from '../../src/main/vault/kdf';
import { normalizeRecoveryCode } from '../../src/main/vault/recovery-code';
import type { KeyStore } from '../../src/main/ports/ports';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { restoreMarkerKey } from '../../src/main/vault/kdf';
import { restorePaths } from '../../src/main/services/backup/restore';
import { LockableKeyring } from '../support/lockable-keyring';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

const NEW_PIN = '481516';
const cores: TestCore[] = [];
const dirs: { cleanup(): void }[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
  for (const d of dirs.splice(0)) d.cleanup();
});

/**
 * A shop with three customers (one with a phone and an address) and a backup on a "USB stick".
 * `brokenChain`: an audit entry was edited before the backup, so the restored vault fails its
 * check and what the restore set aside stays (until an erasure or a rotation).
 */
async function shopWithBackup(
  opts: { brokenChain?: boolean; keyStore?: KeyStore; faultPoint?: (name: string) => void } = {},
) {
  const t = makeCore({ keyStore: opts.keyStore, faultPoint: opts.faultPoint });
  cores.push(t);
  const ids = await setupShop(t);
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    address: 'Jl. Melati 7, Bandung',
  });
  for (const name of ['Budi', 'Cici']) await t.ok('customers:create', { name });
  await t.ok('backups:enable', { code: ids.recoveryCode });
  if (opts.brokenChain)
    t.core.vault.requireDb().prepare('UPDATE audit_log SET actor = NULL WHERE id = 3').run();
  const usb = tempDir('brankas-usb-');
  dirs.push(usb);
  t.dialogs.nextFolder = usb.dir;
  const { file } = await t.ok('backups:create', {});
  return { t, ...ids, sitiId: siti.id, backup: join(usb.dir, file) };
}

async function restore(t: TestCore, backup: string, code: string) {
  t.dialogs.nextBackup = backup;
  return t.ok('backups:restore', { code, newPin: NEW_PIN, newPinConfirm: NEW_PIN });
}

const LEFTOVER = /\.before-restore-\d+/;

/**
 * The attack of the issue: someone with the data folder puts the files a restore set aside back
 * under their live names and starts the app again.
 */
function putLeftoversBack(dir: string): number {
  const names = readdirSync(dir).filter((f) => LEFTOVER.test(f));
  for (const f of names) {
    rmSync(join(dir, f.replace(LEFTOVER, '')), { force: true });
    copyFileSync(join(dir, f), join(dir, f.replace(LEFTOVER, '')));
  }
  return names.length;
}

async function ownerId(t: TestCore): Promise<string> {
  return (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!.id;
}

/** Tries to open `path` as a vault under `dek`, on a copy (nothing is written beside the original). */
function opensAsVault(path: string, dek: Buffer): boolean {
  // An empty file (a WAL the checkpoint truncated) holds no page: SQLite opens it as a new,
  // empty database under any key at all, which says nothing about a retired one.
  if (statSync(path).size === 0) return false;
  const scratch = mkdtempSync(join(tmpdir(), 'brankas-probe-'));
  const copy = join(scratch, 'probe.db');
  copyFileSync(path, copy);
  try {
    const db = new Database(copy);
    try {
      applyKey(db, dek);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface AnySlot {
  kind: string;
  id: string;
  userId?: string;
  kdf: KdfParams;
  salt: string;
  wrapped: Wrapped | null;
  next?: Wrapped;
}

/**
 * Every data key `path` gives up when read as a key-slot file, to the PINs (with this device's
 * secret) and the recovery codes: the PIN slots' keys (and a rotation's next key), the recovery
 * slots' and a rotation's new recovery slot.
 */
async function keysFromSlots(
  path: string,
  secrets: { pins: string[]; codes: string[]; device: Buffer },
): Promise<Buffer[]> {
  let file: { slots?: AnySlot[]; rotation?: { recovery?: AnySlot } };
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as typeof file;
  } catch {
    return [];
  }
  if (!file || !Array.isArray(file.slots)) return [];
  const slots = [...file.slots, ...(file.rotation?.recovery ? [file.rotation.recovery] : [])];
  const keys: Buffer[] = [];
  for (const s of slots) {
    // A shut slot (a cashier's after a restore or a rotation) holds no key.
    if (!s.wrapped || !s.salt) continue;
    const aad = `brankas/${s.kind}/${s.id}/${s.kind === 'pin' ? s.userId : ''}`;
    const salt = Buffer.from(s.salt, 'base64');
    if (s.kind === 'pin') {
      for (const pin of secrets.pins) {
        const kek = pinWrappingKey(await argon2id(pin, salt, s.kdf), secrets.device, s.id);
        for (const w of [s.wrapped, s.next]) {
          const k = w ? unwrapKey(kek, w, aad) : null;
          if (k) keys.push(k);
        }
      }
    } else if (s.kind === 'recovery') {
      for (const code of secrets.codes) {
        const k = unwrapKey(await argon2id(normalizeRecoveryCode(code), salt, s.kdf), s.wrapped, aad);
        if (k) keys.push(k);
      }
    }
  }
  return keys;
}

/** Every file in the data folder (and below it). */
function everyFile(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...everyFile(full));
    else out.push(full);
  }
  return out;
}

/**
 * The invariant: no file in the data folder opens as a vault with a retired key, no key-slot file
 * gives a key up to a retired PIN or code, and whatever the live PIN and code open is the live key.
 */
async function expectNothingOpensRetired(
  t: TestCore,
  retired: { keys: Buffer[]; pins: string[]; codes: string[] },
  live: { pins: string[]; codes: string[] },
): Promise<void> {
  const device = t.core.device.load();
  const liveKey = Buffer.from(t.core.vault.requireDek());
  const files = everyFile(t.dir);
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    for (const [i, key] of retired.keys.entries())
      expect(opensAsVault(f, key), `${f} opens with retired key ${i}`).toBe(false);
    const toRetired = await keysFromSlots(f, { pins: retired.pins, codes: retired.codes, device });
    expect(toRetired.length, `${f} opens with a retired PIN or code`).toBe(0);
    for (const k of await keysFromSlots(f, { ...live, device }))
      expect(k.equals(liveKey), `${f} gives a key other than the live one`).toBe(true);
  }
}

describe('what a restore sets aside never undoes an erasure or a key rotation', () => {
  it('the attack: a customer erased after a restore is not read back by putting the set-aside files back and typing the old PIN', async () => {
    const { t, recoveryCode, sitiId, backup } = await shopWithBackup();
    await restore(t, backup, recoveryCode);
    await t.ok('customers:erase', { id: sitiId, confirm: true });
    t.core.dispose();

    putLeftoversBack(t.dir);
    const attacker = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(attacker);
    const unlocked = await attacker.call('auth:unlock', { userId: await ownerId(attacker), pin: OWNER_PIN });
    if (unlocked.ok) {
      const read = await attacker.call('customers:get', { id: sitiId });
      expect(read.ok ? read.value : null, 'the erased customer read back whole').toBeNull();
    }
    expect(unlocked.ok).toBe(false);
  });

  it('the attack after a rotation: the set-aside files open neither with the pre-restore key nor with the retired code', async () => {
    const { t, recoveryCode, ownerId: owner, backup } = await shopWithBackup();
    const preRestore = Buffer.from(t.core.vault.requireDek());
    await restore(t, backup, recoveryCode);
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
      happenedAt: t.clock.now() - 3_600_000,
    });
    await t.ok('incident:rotateKey', { id: incident.id, pin: NEW_PIN });
    const vaults = readdirSync(t.dir).filter((f) => /^vault\.db\.before-restore-\d+$/.test(f));
    for (const f of vaults) expect(opensAsVault(join(t.dir, f), preRestore), f).toBe(false);
    const slotFiles = readdirSync(t.dir).filter((f) => /^keyslots\.json\.before-restore-\d+$/.test(f));
    const device = t.core.device.load();
    for (const f of slotFiles)
      expect(
        await keysFromSlots(join(t.dir, f), { pins: [OWNER_PIN], codes: [recoveryCode], device }),
        f,
      ).toEqual([]);
    expect(owner).toBeTruthy();
  });

  it('invariant (a): after a restore and an erasure, no file in the data folder opens with a retired key or code', async () => {
    const { t, recoveryCode, sitiId, backup } = await shopWithBackup({ brokenChain: true });
    const preRestore = Buffer.from(t.core.vault.requireDek());
    await restore(t, backup, recoveryCode);
    // The restored vault failed its check: the old files were kept, and the owner is told.
    expect((await t.ok('app:status', {})).restoreLeftovers).toMatchObject({ checkFailed: true });
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f)).length).toBeGreaterThan(0);
    await t.ok('customers:erase', { id: sitiId, confirm: true });
    expect((await t.ok('app:status', {})).restoreLeftovers).toBeNull();
    await expectNothingOpensRetired(
      t,
      { keys: [preRestore], pins: [OWNER_PIN], codes: [] },
      { pins: [NEW_PIN], codes: [recoveryCode] },
    );
  });

  it('invariant (b): after a restore and a key rotation, no file in the data folder opens with a retired key or code', async () => {
    const { t, recoveryCode, backup } = await shopWithBackup({ brokenChain: true });
    const preRestore = Buffer.from(t.core.vault.requireDek());
    await restore(t, backup, recoveryCode);
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f)).length).toBeGreaterThan(0);
    const restored = Buffer.from(t.core.vault.requireDek());
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
      happenedAt: t.clock.now() - 3_600_000,
    });
    const rotated = await t.ok('incident:rotateKey', { id: incident.id, pin: NEW_PIN });
    await expectNothingOpensRetired(
      t,
      { keys: [preRestore, restored], pins: [OWNER_PIN], codes: [recoveryCode] },
      { pins: [NEW_PIN], codes: [rotated.recoveryCode] },
    );
    expect(existsSync(join(t.dir, 'vault.db'))).toBe(true);
  });
});

describe('an atomic write killed before its rename', () => {
  it('the sibling it left (older key slots a retired code opens) is gone at the next start; nothing else changes', async () => {
    const t = makeCore();
    cores.push(t);
    const { recoveryCode } = await setupShop(t);
    await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    const retiredKey = Buffer.from(t.core.vault.requireDek());
    t.core.tick(); // writes the anchor
    const oldSlots = readFileSync(join(t.dir, 'keyslots.json'));
    const oldAnchor = readFileSync(join(t.dir, 'audit-anchor.json'));
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
      happenedAt: t.clock.now() - 3_600_000,
    });
    const rotated = await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    t.core.dispose();

    // What a write of an earlier run (another pid) killed between its fsync and its rename leaves.
    const planted = ['keyslots.json.4242.tmp', 'audit-anchor.json.4242.tmp', 'keyslots.restore.json.77.tmp'];
    writeFileSync(join(t.dir, planted[0]!), oldSlots);
    writeFileSync(join(t.dir, planted[1]!), oldAnchor);
    writeFileSync(join(t.dir, planted[2]!), oldSlots);
    // Names the app does not write that way are not its to remove.
    writeFileSync(join(t.dir, 'catatan.txt.4242.tmp'), 'bukan milik aplikasi');
    // Nor a folder under one of its names (it must not stop the start either).
    mkdirSync(join(t.dir, 'device.json.99.tmp'));
    const device = t.core.device.load();
    expect(
      (await keysFromSlots(join(t.dir, planted[0]!), { pins: [], codes: [recoveryCode], device })).length,
      'the planted file really holds slots the retired code opens',
    ).toBe(1);
    const before = new Map(
      everyFile(t.dir)
        .filter((f) => !planted.some((p) => f.endsWith(p)))
        .map((f) => [f, createHash('sha256').update(readFileSync(f)).digest('hex')]),
    );

    const next = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(next);
    for (const p of planted) expect(existsSync(join(t.dir, p)), p).toBe(false);
    expect(existsSync(join(t.dir, 'device.json.99.tmp'))).toBe(true);
    const after = new Map(
      everyFile(t.dir).map((f) => [f, createHash('sha256').update(readFileSync(f)).digest('hex')]),
    );
    expect(after).toEqual(before);

    await next.ok('auth:unlock', { userId: await ownerId(next), pin: OWNER_PIN });
    await expectNothingOpensRetired(
      next,
      { keys: [retiredKey], pins: [], codes: [recoveryCode] },
      { pins: [OWNER_PIN], codes: [rotated.recoveryCode] },
    );
  });
});

describe('between the commit and the first checked unlock', () => {
  it('the owner is told the old files exist and until when; the next unlock checks the vault and deletes them, audited', async () => {
    let crash = false;
    const { t, recoveryCode, backup } = await shopWithBackup({
      faultPoint: (name) => {
        if (crash && name === 'restore:unmarked') throw new Error('power cut');
      },
    });
    crash = true;
    t.dialogs.nextBackup = backup;
    expect(
      await t.call('backups:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    ).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // The process died there: nothing of it runs again (no dispose).
    const next = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    cores.push(next);
    const status = await next.ok('app:status', {});
    expect(status.restoreLeftovers).toEqual({ since: t.clock.now(), checkFailed: false });
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f)).length).toBeGreaterThan(0);
    // A wrong PIN checks nothing and deletes nothing.
    const owner = await ownerId(next);
    expect((await next.call('auth:unlock', { userId: owner, pin: OWNER_PIN })).ok).toBe(false);
    expect((await next.ok('app:status', {})).restoreLeftovers).not.toBeNull();
    await next.ok('auth:unlock', { userId: owner, pin: NEW_PIN });
    expect((await next.ok('app:status', {})).restoreLeftovers).toBeNull();
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f))).toEqual([]);
    const audit = await next.ok('audit:list', { action: 'restore.leftoversDeleted', limit: 5 });
    expect(audit.items).toMatchObject([{ outcome: 'ok', detail: { when: 'checked' } }]);
  });

  it('a restored vault that fails its check keeps them (banner says so) until an erasure removes them', async () => {
    const { t, recoveryCode, backup } = await shopWithBackup({ brokenChain: true });
    await restore(t, backup, recoveryCode);
    expect((await t.ok('app:status', {})).restoreLeftovers).toMatchObject({ checkFailed: true });
    await t.ok('auth:lock', {});
    // Still failing at the next unlock: kept.
    await t.ok('auth:unlock', { userId: await ownerId(t), pin: NEW_PIN });
    expect((await t.ok('app:status', {})).restoreLeftovers).toMatchObject({ checkFailed: true });
    const budi = (await t.ok('customers:search', { query: 'Budi' })).items[0]!;
    await t.ok('customers:erase', { id: budi.id, confirm: true });
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f))).toEqual([]);
    const audit = await t.ok('audit:list', { action: 'restore.leftoversDeleted', limit: 5 });
    expect(audit.items).toMatchObject([{ detail: { when: 'erasure' } }]);
  });
});

describe('every erasure, not only the owner’s button', () => {
  it('the scheduled purge erasing a customer deletes what a restore set aside', async () => {
    const { t, recoveryCode, backup } = await shopWithBackup({ brokenChain: true });
    await restore(t, backup, recoveryCode);
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f)).length).toBeGreaterThan(0);
    t.core.vault
      .requireDb()
      .prepare("UPDATE customers SET last_activity_at = ? WHERE name = 'Budi'")
      .run(t.clock.now() - 800 * 86_400_000);
    expect(await t.ok('retention:purge', {})).toMatchObject({ erased: 1 });
    expect(readdirSync(t.dir).filter((f) => LEFTOVER.test(f))).toEqual([]);
    const audit = await t.ok('audit:list', { action: 'restore.leftoversDeleted', limit: 5 });
    expect(audit.items).toMatchObject([{ detail: { when: 'erasure' } }]);
  });
});

/** Another shop's vault and key slots, staged in `dir` as if a restore had prepared them. */
async function plantOtherVault(dir: string): Promise<TestCore> {
  const other = makeCore();
  cores.push(other);
  await setupShop(other);
  await other.ok('customers:create', { name: 'Pelanggan toko lain' });
  other.core.dispose();
  const p = restorePaths(dir);
  copyFileSync(join(other.dir, 'vault.db'), p.nextVault);
  copyFileSync(join(other.dir, 'keyslots.json'), p.nextSlots);
  return other;
}

/** The marker as this code writes it, for the files staged in `dir`, keyed with `key`. */
function markerWith(dir: string, stamp: number, key: Buffer): string {
  const p = restorePaths(dir);
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const body = { format: 2 as const, stamp, vault: sha(p.nextVault), slots: sha(p.nextSlots) };
  const mac = createHmac('sha256', key)
    .update(JSON.stringify([body.format, body.stamp, body.vault, body.slots]))
    .digest('hex');
  return JSON.stringify({ ...body, mac });
}

describe('restore.json: only a marker this device wrote, for the files beside it, swaps a vault in', () => {
  async function shopClosed() {
    const t = makeCore();
    cores.push(t);
    const ids = await setupShop(t);
    await t.ok('customers:create', { name: 'Siti Aminah' });
    t.core.dispose();
    return { t, ...ids };
  }

  /** The next start keeps the shop's own vault, removes the marker and what it pointed at, says so and audits it. */
  async function expectRefused(t: TestCore, reason: string) {
    const next = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    cores.push(next);
    expect((await next.ok('app:status', {})).restoreOutcome).toBe('marker_rejected');
    const p = restorePaths(t.dir);
    expect([p.marker, p.nextVault, p.nextSlots].filter((f) => existsSync(f))).toEqual([]);
    const owner = await ownerId(next);
    await next.ok('auth:unlock', { userId: owner, pin: OWNER_PIN });
    expect((await next.ok('customers:search', { query: '' })).items.map((c) => c.name)).toEqual([
      'Siti Aminah',
    ]);
    const audit = await next.ok('audit:list', { action: 'restore.markerRejected', limit: 5 });
    expect(audit.items).toMatchObject([{ outcome: 'denied', detail: { reason } }]);
  }

  it('a marker that is not JSON does not stop the app from starting', async () => {
    const { t } = await shopClosed();
    await plantOtherVault(t.dir);
    writeFileSync(restorePaths(t.dir).marker, '{"format": 2, "stamp": 1');
    await expectRefused(t, 'unreadable');
  });

  it('a planted marker (the old unauthenticated form) pointing at another shop’s vault swaps nothing in', async () => {
    const { t } = await shopClosed();
    await plantOtherVault(t.dir);
    writeFileSync(restorePaths(t.dir).marker, JSON.stringify({ format: 1, stamp: 1 }));
    await expectRefused(t, 'unreadable');
  });

  it('a marker keyed with a guessed key, for the planted files, swaps nothing in', async () => {
    const { t } = await shopClosed();
    await plantOtherVault(t.dir);
    writeFileSync(restorePaths(t.dir).marker, markerWith(t.dir, 1, randomBytes(32)));
    await expectRefused(t, 'unauthenticated');
  });

  it('a marker from another device (its own restore, its files) swaps nothing in here', async () => {
    const { t } = await shopClosed();
    const other = await plantOtherVault(t.dir);
    const otherDevice = makeCore({ dir: other.dir, keyStore: other.keyStore });
    cores.push(otherDevice);
    const key = restoreMarkerKey(otherDevice.core.device.load());
    otherDevice.core.dispose();
    writeFileSync(restorePaths(t.dir).marker, markerWith(t.dir, 1, key));
    await expectRefused(t, 'unauthenticated');
  });

  it('this device’s own marker, replayed beside other files, swaps nothing in', async () => {
    const { t } = await shopClosed();
    const mine = makeCore({ dir: t.dir, keyStore: t.keyStore });
    const key = restoreMarkerKey(mine.core.device.load());
    mine.core.dispose();
    await plantOtherVault(t.dir);
    writeFileSync(restorePaths(t.dir).marker, markerWith(t.dir, 1, key));
    // The files change after the marker was made (a vault other than the one it names).
    writeFileSync(restorePaths(t.dir).nextSlots, readFileSync(restorePaths(t.dir).nextSlots, 'utf8') + ' ');
    await expectRefused(t, 'other_files');
  });

  it('a marker that cannot be checked while the keystore is locked changes nothing', async () => {
    const keyring = new LockableKeyring();
    const t = makeCore({ keyStore: keyring });
    cores.push(t);
    await setupShop(t);
    t.core.dispose();
    await plantOtherVault(t.dir);
    writeFileSync(restorePaths(t.dir).marker, 'garbage');
    const before = snapshot(t.dir);
    keyring.locked = true;
    const next = makeCore({ dir: t.dir, keyStore: keyring });
    cores.push(next);
    expect((await next.ok('app:status', {})).restoreOutcome).toBe('marker_unverified');
    next.core.dispose();
    expect(snapshot(t.dir)).toEqual(before);
  });
});

/** Every file of the data folder with its content (to show nothing changed). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of everyFile(dir)) out[f] = createHash('sha256').update(readFileSync(f)).digest('hex');
  return out;
}

describe('the restore path guards the device secret as recovery does', () => {
  it('a keystore that protected the secret and is locked now: the restore is refused clearly and the data folder is unchanged', async () => {
    const keyring = new LockableKeyring();
    const { t, recoveryCode, backup } = await shopWithBackup({ keyStore: keyring });
    t.dialogs.nextBackup = backup;
    keyring.locked = true;
    const before = snapshot(t.dir);
    const r = await t.call('backups:restore', {
      code: recoveryCode,
      newPin: NEW_PIN,
      newPinConfirm: NEW_PIN,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    expect(JSON.parse(readFileSync(join(t.dir, 'device.json'), 'utf8'))).toMatchObject({ protected: true });
    // The owner is still in, with the old vault (the audit of the refusal is the only write).
    expect((await t.ok('customers:search', { query: '' })).total).toBe(3);
    const audit = await t.ok('audit:list', { action: 'backups.restore', limit: 5 });
    expect(audit.items).toMatchObject([{ outcome: 'failed', detail: { code: 'KEYSTORE_UNAVAILABLE' } }]);
    const after = snapshot(t.dir);
    for (const f of Object.keys(before).filter((f) => !/vault\.db(-wal|-shm)?$/.test(f)))
      expect(after[f], f).toBe(before[f]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it('a device secret this keystore cannot unseal: the new one is written only at the commit (a restore failing before it leaves device.json as it was)', async () => {
    const { t, recoveryCode, backup } = await shopWithBackup();
    // A laptop whose data folder holds a device secret sealed by another keystore, nothing else.
    const laptop = tempDir();
    dirs.push(laptop);
    copyFileSync(join(t.dir, 'device.json'), join(laptop.dir, 'device.json'));
    let crash = true;
    const fresh = makeCore({
      dir: laptop.dir,
      keyStore: new MemoryKeyStore(),
      faultPoint: (name) => {
        if (crash && name === 'restore:synced') throw new Error('power cut');
      },
    });
    cores.push(fresh);
    const device = readFileSync(join(laptop.dir, 'device.json'), 'utf8');
    fresh.dialogs.nextBackup = backup;
    expect(
      await fresh.call('setup:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    ).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(readFileSync(join(laptop.dir, 'device.json'), 'utf8')).toBe(device);
    // Without the crash the restore goes through with a new secret, audited.
    crash = false;
    fresh.dialogs.nextBackup = backup;
    await fresh.ok('setup:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN });
    expect(readFileSync(join(laptop.dir, 'device.json'), 'utf8')).not.toBe(device);
    await fresh.ok('auth:unlock', { userId: await ownerId(fresh), pin: NEW_PIN });
    const audit = await fresh.ok('audit:list', { action: 'device.create', limit: 5 });
    expect(audit.items).toMatchObject([{ outcome: 'ok', detail: { reason: 'replaced' } }]);
  });
});
