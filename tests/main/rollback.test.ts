import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { verifyBackup } from '../../src/main/services/backup/backup-file';
import { VaultGuard } from '../../src/main/vault/generation';
import { normalizeRecoveryCode } from '../../src/main/vault/recovery-code';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * A key rotation cannot be rolled back: not by putting the pre-rotation vault files back into the
 * data folder, and not by restoring a pre-rotation backup with the code the rotation retired.
 */
const cores: { cleanup(): void }[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});
const DAY = 86_400_000;
const NEW_PIN = '481516';
/** What someone with the data folder copies away and puts back later. */
const FILES = ['vault.db', 'keyslots.json', 'audit-anchor.json'];

async function shop(opts: Parameters<typeof makeCore>[0] = {}) {
  const t = makeCore(opts);
  cores.push(t);
  const ids = await setupShop(t);
  for (const name of ['Siti Aminah', 'Budi Santoso', 'Wulan Sari']) await t.ok('customers:create', { name });
  return { t, ...ids };
}

/** Copies the vault's files away (locked first, so the vault file is whole and the anchor current). */
async function copyAway(t: TestCore, ownerId: string): Promise<string> {
  await t.ok('auth:lock', {});
  const away = tempDir('brankas-away-');
  cores.push(away);
  for (const f of FILES) if (existsSync(join(t.dir, f))) copyFileSync(join(t.dir, f), join(away.dir, f));
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  return away.dir;
}

function putBack(from: string, dir: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `vault.db${suffix}`), { force: true });
  for (const f of FILES) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(dir, f));
}

/** The owner types back the recovery code on screen; returns it. */
async function confirmCode(t: TestCore): Promise<string> {
  const r = await t.ok('setup:recoveryCode', {});
  const code = r.recoveryCode.replace(/-/g, '');
  await t.ok('setup:confirmRecovery', {
    answers: r.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  return r.recoveryCode;
}

async function rotate(t: TestCore): Promise<string> {
  const incident = await t.ok('incident:create', { kind: 'lost_backup', description: 'Flashdisk hilang' });
  await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
  return confirmCode(t);
}

async function backupTo(t: TestCore, folder: string): Promise<string> {
  t.dialogs.nextFolder = folder;
  return join(folder, (await t.ok('backups:create', { chooseFolder: true })).file);
}

describe('a key rotation cannot be rolled back', () => {
  it('the pre-rotation vault.db and keyslots.json (and audit anchor) put back do not open with the owner PIN', async () => {
    const { t, ownerId, recoveryCode } = await shop();
    const old = await copyAway(t, ownerId);
    await rotate(t);
    await t.ok('auth:lock', {});
    const current = tempDir('brankas-current-');
    cores.push(current);
    for (const f of FILES) copyFileSync(join(t.dir, f), join(current.dir, f));

    putBack(old, t.dir);
    const next = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(next);
    const refused = await next.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT', details: { reason: 'vault_rolled_back' } },
    });
    // Said in words, and never opened as the current vault.
    if (!refused.ok) expect(refused.error.message).toMatch(/salinan lama|old copy/);
    expect(next.core.vault.isOpen()).toBe(false);
    expect((await next.ok('app:status', {})).user).toBeNull();
    // The retired recovery code does not open it either (with a new PIN).
    expect(
      await next.call('auth:recoverOwner', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    ).toMatchObject({ ok: false, error: { code: 'CORRUPT', details: { reason: 'vault_rolled_back' } } });
    expect(next.core.vault.isOpen()).toBe(false);
    next.core.dispose();

    // The current files back: they open, and the log says what was refused (twice), audited.
    putBack(current.dir, t.dir);
    const back = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(back);
    await back.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await back.ok('audit:list', { action: 'vault.rollback' });
    expect(log.items.map((e) => e.outcome)).toEqual(['denied', 'denied']);
    expect((await back.ok('audit:verify', {})).ok).toBe(true);
    back.core.dispose();
  });

  it('restoring a pre-rotation backup with the retired code is refused until the owner chooses; then a fresh code, and new backups do not open with the retired one', async () => {
    const { t, ownerId, recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = join(t.dir, '..', `${t.dir.split('/').pop()}-usb`);
    mkdirSync(usb);
    cores.push({ cleanup: () => rmSync(usb, { recursive: true, force: true }) });
    const before = await backupTo(t, usb);
    const newCode = await rotate(t);
    await t.ok('customers:create', { name: 'Dodi (after the rotation)' });

    // Refused: nothing changes (the current vault, its four customers, the new code).
    t.dialogs.nextBackup = before;
    const refused = await t.call('backups:restore', {
      code: recoveryCode,
      newPin: NEW_PIN,
      newPinConfirm: NEW_PIN,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_CODE', details: { reason: 'retired_code' } },
    });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(4);
    // One refused call, one entry: the denial and its rule (not also a failure for the same call).
    const denials = (await t.ok('audit:list', { action: 'backups.restore' })).items;
    expect(denials.map((e) => [e.outcome, e.detail])).toEqual([['denied', { reason: 'retired_code' }]]);

    // The owner's choice: the backup comes back, the retired code does not.
    t.dialogs.nextBackup = before;
    const r = await t.ok('backups:restore', {
      code: recoveryCode,
      newPin: NEW_PIN,
      newPinConfirm: NEW_PIN,
      acceptRetiredCode: true,
    });
    expect(r).toMatchObject({ customers: 3, newRecoveryCode: true, rotationsSince: 1 });
    expect((await t.ok('app:status', {})).recoveryPending).toBe(true);
    const fresh = await confirmCode(t);
    // The restore is one entry, saying the retired code was the owner's choice and a fresh one came.
    const restored = (await t.ok('audit:list', { action: 'backups.restore' })).items.filter(
      (e) => e.outcome === 'ok',
    );
    expect(restored.map((e) => e.detail)).toEqual([
      {
        customers: 3,
        retiredCodeAccepted: true,
        rotationsSince: 1,
        retiredCode: true,
        freshCodeIssued: true,
        ownerChoice: true,
      },
    ]);
    const norm = normalizeRecoveryCode;
    expect([norm(recoveryCode), norm(newCode)]).not.toContain(norm(fresh));
    // Neither old code opens the restored vault's recovery slot (backups:enable checks it).
    for (const code of [recoveryCode, newCode])
      expect(await t.call('backups:enable', { code })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_RECOVERY_CODE' },
      });
    // The rotation the backup predates is in the restored log.
    expect((await t.ok('audit:list', { action: 'key.rotateCarried' })).items).toHaveLength(1);

    // New backups open with the fresh code only.
    t.clock.advance(DAY);
    const after = await backupTo(t, usb);
    expect(verifyBackup(after, { code: norm(recoveryCode) })).toMatchObject({
      ok: false,
      problem: 'wrong_code',
    });
    expect(verifyBackup(after, { code: norm(fresh) })).toMatchObject({ ok: true });

    // And after a restart the restored vault opens (the restore moved the generation forward).
    await t.ok('auth:lock', {});
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(again);
    await again.ok('auth:unlock', { userId: ownerId, pin: NEW_PIN });
    expect((await again.ok('customers:search', { query: '' })).total).toBe(3);
    again.core.dispose();
  });

  it('the keystore record removed: the vault opens (a new keystore must not lock the owner out) but the log says so', async () => {
    const records = tempDir('brankas-keystore-');
    cores.push(records);
    const key = randomBytes(32);
    const { t, ownerId } = await shop({ keyStore: new MemoryKeyStore('memory', true, key, records.dir) });
    await rotate(t);
    await t.ok('auth:lock', {});
    t.core.dispose();
    for (const f of readdirSync(records.dir)) rmSync(join(records.dir, f));
    const next = makeCore({ dir: t.dir, keyStore: new MemoryKeyStore('memory', true, key, records.dir) });
    cores.push(next);
    await next.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await next.ok('audit:list', { action: 'vault.generation' });
    expect(log.items.map((e) => [e.outcome, e.detail])).toEqual([
      ['failed', expect.objectContaining({ reason: 'record_missing' })],
    ]);
    next.core.dispose();
  });

  it('a code replaced before it was confirmed is retired too', async () => {
    const { t, ownerId } = await shop();
    await rotate(t);
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk kedua hilang',
    });
    const shown = (await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN })).recoveryCode;
    // A restart before the owner typed it back: a new code replaces the one shown.
    await t.ok('auth:lock', {});
    const next = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(next);
    await next.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const replacement = await confirmCode(next);
    expect(normalizeRecoveryCode(replacement)).not.toBe(normalizeRecoveryCode(shown));
    // Read from the keystore's record, as the next restore reads it.
    const guard = new VaultGuard({ keyStore: t.keyStore, clock: t.clock, audit: () => undefined });
    expect(await guard.isRetired(normalizeRecoveryCode(shown))).toBe(true);
    expect(await guard.isRetired(normalizeRecoveryCode(replacement))).toBe(false);
    next.core.dispose();
  });

  it('a slot made before fingerprints existed is retired too', async () => {
    const { t, recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    cores.push(usb);
    const before = await backupTo(t, usb.dir);
    // An older version's key slots: the recovery slot carries no fingerprint.
    const path = join(t.dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      slots: { kind: string; fingerprint?: unknown }[];
    };
    for (const s of file.slots) delete s.fingerprint;
    writeFileSync(path, JSON.stringify(file));
    t.core.slots.reload();
    await rotate(t);
    t.dialogs.nextBackup = before;
    expect(
      await t.call('backups:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_CODE', details: { reason: 'retired_code' } },
    });
  });

  it('a restore moves the generation forward: the vault it replaced does not open if put back; the restored one does', async () => {
    const { t, ownerId, recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    cores.push(usb);
    const backup = await backupTo(t, usb.dir);
    await t.ok('customers:create', { name: 'Dodi (after the backup)' });
    const replaced = await copyAway(t, ownerId);
    t.dialogs.nextBackup = backup;
    const r = await t.ok('backups:restore', { code: recoveryCode, newPin: NEW_PIN, newPinConfirm: NEW_PIN });
    expect(r).toMatchObject({ customers: 3, newRecoveryCode: false, rotationsSince: 0 });
    await t.ok('auth:lock', {});
    const restored = tempDir('brankas-restored-');
    cores.push(restored);
    for (const f of FILES)
      if (existsSync(join(t.dir, f))) copyFileSync(join(t.dir, f), join(restored.dir, f));

    putBack(replaced, t.dir);
    rmSync(join(t.dir, 'audit-anchor.json'), { force: true });
    const next = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(next);
    expect(await next.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT', details: { reason: 'vault_rolled_back' } },
    });
    next.core.dispose();
    putBack(restored.dir, t.dir);
    const back = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(back);
    await back.ok('auth:unlock', { userId: ownerId, pin: NEW_PIN });
    expect((await back.ok('customers:search', { query: '' })).total).toBe(3);
    back.core.dispose();
  });

  it('a restore cut short after its commit point finishes at the next start and opens (the generation was set before the commit)', async () => {
    let armed = false;
    const keyStore = new MemoryKeyStore();
    const { t, recoveryCode } = await shop({
      keyStore,
      faultPoint: (name) => {
        if (armed && name === 'restore:marked') throw new Error('crash');
      },
    });
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    cores.push(usb);
    const backup = await backupTo(t, usb.dir);
    // The rotation raises the keystore's number above the backup's.
    await rotate(t);
    armed = true;
    t.dialogs.nextBackup = backup;
    const crashed = await t.call('backups:restore', {
      code: recoveryCode,
      newPin: NEW_PIN,
      newPinConfirm: NEW_PIN,
      acceptRetiredCode: true,
    });
    expect(crashed.ok).toBe(false);
    t.core.dispose();
    const next = makeCore({ dir: t.dir, keyStore });
    cores.push(next);
    expect((await next.ok('app:status', {})).restoreOutcome).toBe('restored');
    const owner = (await next.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await next.ok('auth:unlock', { userId: owner.id, pin: NEW_PIN });
    expect((await next.ok('customers:search', { query: '' })).total).toBe(3);
    next.core.dispose();
  });
});

describe('a crash anywhere in a rotation never locks the owner out, and the rotation holds once done', () => {
  const points = [
    'rotate:prepared',
    'rotate:copied',
    'rotate:rekeyed',
    'rotate:retired',
    'rotate:confirm-pending',
    'rotate:finished',
  ] as const;
  for (const point of points) {
    it(`a crash at ${point}`, async () => {
      let armed = false;
      const keyStore = new MemoryKeyStore();
      const { t, ownerId, recoveryCode } = await shop({
        keyStore,
        faultPoint: (name) => {
          if (armed && name === point) throw new Error('crash');
        },
      });
      await t.ok('backups:enable', { code: recoveryCode });
      const usb = tempDir('brankas-usb-');
      cores.push(usb);
      const before = await backupTo(t, usb.dir);
      const old = await copyAway(t, ownerId);
      const incident = await t.ok('incident:create', { kind: 'lost_laptop', description: 'Laptop dicuri' });
      armed = true;
      expect((await t.call('incident:rotateKey', { id: incident.id, pin: OWNER_PIN })).ok).toBe(false);
      t.core.dispose();

      const next = makeCore({ dir: t.dir, keyStore });
      cores.push(next);
      await next.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      const rekeyed = !['rotate:prepared', 'rotate:copied'].includes(point);
      if ((await next.ok('app:status', {})).recoveryPending) await confirmCode(next);
      expect((await next.ok('customers:search', { query: '' })).total).toBe(3);
      // Restarted again: still opens.
      await next.ok('auth:lock', {});
      next.core.dispose();
      const again = makeCore({ dir: t.dir, keyStore });
      cores.push(again);
      await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      // Once the vault was re-keyed, the old code is retired for restores.
      again.dialogs.nextBackup = before;
      const restore = await again.call('backups:restore', {
        code: recoveryCode,
        newPin: NEW_PIN,
        newPinConfirm: NEW_PIN,
      });
      if (rekeyed)
        expect(restore).toMatchObject({ ok: false, error: { details: { reason: 'retired_code' } } });
      else expect(restore.ok).toBe(true);
      again.core.dispose();
      if (!rekeyed) return;
      // And the pre-rotation files put back do not open.
      putBack(old, t.dir);
      const rolled = makeCore({ dir: t.dir, keyStore });
      cores.push(rolled);
      expect(await rolled.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).toMatchObject({
        ok: false,
        error: { code: 'CORRUPT', details: { reason: 'vault_rolled_back' } },
      });
      rolled.core.dispose();
    });
  }
});
