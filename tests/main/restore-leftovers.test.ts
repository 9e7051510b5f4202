import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey } from '../../src/main/vault/database';
import { argon2id, pinWrappingKey, unwrapKey, type KdfParams, type Wrapped } from '../../src/main/vault/kdf';
import { normalizeRecoveryCode } from '../../src/main/vault/recovery-code';
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
async function shopWithBackup(opts: { brokenChain?: boolean } = {}) {
  const t = makeCore();
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
      expect(await keysFromSlots(join(t.dir, f), { pins: [OWNER_PIN], codes: [recoveryCode], device }), f).toEqual(
        [],
      );
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
