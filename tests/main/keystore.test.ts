import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';
import { LockableKeyring } from '../support/lockable-keyring';

let t: TestCore;
afterEach(() => t?.cleanup());

async function lockedKeyringShop() {
  const keyring = new LockableKeyring();
  t = makeCore({ keyStore: keyring });
  const ids = await setupShop(t);
  await t.ok('auth:lock', {});
  keyring.locked = true;
  return { keyring, ...ids, deviceFile: () => readFileSync(join(t.dir, 'device.json'), 'utf8') };
}

describe('a keystore that is locked or unavailable for now', () => {
  it('is told apart from a changed keystore, and a PIN attempt is not counted', async () => {
    const { keyring, ownerId } = await lockedKeyringShop();
    const r = await t.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    if (!r.ok) expect(r.error.message).toMatch(/terkunci atau tidak tersedia/);

    keyring.locked = false;
    // Unlocking the keyring and retrying is all it takes; no attempt was used up.
    const wrong = await t.call('auth:unlock', { userId: ownerId, pin: '999111' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PIN', details: { attemptsLeft: 4 } } });
    expect((await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).id).toBe(ownerId);
    expect((await t.ok('app:status', {})).keystoreProtected).toBe(true);
  });

  it('recovery never re-seals the device secret unprotected without the owner’s explicit choice', async () => {
    const { keyring, ownerId, cashierId, recoveryCode, deviceFile } = await lockedKeyringShop();
    const before = deviceFile();
    const r = await t.call('auth:recoverOwner', {
      code: recoveryCode,
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    expect(deviceFile()).toBe(before);
    expect(t.core.vault.isOpen()).toBe(false);

    // Once the keyring is unlocked everyone gets in as before, cashiers included.
    keyring.locked = false;
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const audit = await t.ok('audit:list', {});
    expect(
      audit.items.some(
        (i) =>
          i.action === 'auth.recover' && i.outcome === 'denied' && i.detail.reason === 'keystore_unavailable',
      ),
    ).toBe(true);
  });

  it('a wrong recovery code is refused as such while the keystore is down, and nothing is written', async () => {
    const { recoveryCode, deviceFile } = await lockedKeyringShop();
    const before = deviceFile();
    const wrongCode = recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const r = await t.call('auth:recoverOwner', {
      code: wrongCode,
      newPin: '481516',
      newPinConfirm: '481516',
      allowUnprotected: true,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    expect(deviceFile()).toBe(before);
  });

  it('refusals queued while the keystore cannot sign them are kept at the next unlock, marked unverified and without an actor', async () => {
    const { keyring, ownerId, recoveryCode } = await lockedKeyringShop();
    const wrongCode = recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const guess = { code: wrongCode, newPin: '481516', newPinConfirm: '481516' };
    expect(await t.call('auth:recoverOwner', guess)).toMatchObject({ ok: false });
    expect(await t.call('customers:search', { query: '' })).toMatchObject({ error: { code: 'LOCKED' } });

    keyring.locked = false;
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = (await t.ok('audit:list', { limit: 100 })).items;
    // Someone tried a recovery code and a call while the keystore was away: the owner sees both.
    expect(log.filter((e) => e.action === 'auth.recover')).toMatchObject([
      { outcome: 'failed', actorId: null, detail: { unverified: true } },
    ]);
    expect(log.filter((e) => e.action === 'ipc.denied')).toMatchObject([
      { outcome: 'denied', actorId: null, detail: { code: 'LOCKED', unverified: true } },
    ]);
    expect(log.some((e) => e.action === 'audit.queueRejected')).toBe(false);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('with the owner’s explicit choice, recovery keeps the secret unprotected, says so, and audits it', async () => {
    const { ownerId, cashierId, recoveryCode, deviceFile } = await lockedKeyringShop();
    const back = await t.ok('auth:recoverOwner', {
      code: recoveryCode,
      newPin: '481516',
      newPinConfirm: '481516',
      allowUnprotected: true,
    });
    expect(back.id).toBe(ownerId);
    expect(JSON.parse(deviceFile())).toMatchObject({ backend: 'plaintext', protected: false });
    const status = await t.ok('app:status', {});
    expect(status).toMatchObject({ keystoreBackend: 'plaintext', keystoreProtected: false });
    const audit = await t.ok('audit:list', {});
    const entry = audit.items.find((i) => i.action === 'device.resealUnprotected');
    expect(entry).toMatchObject({ outcome: 'ok', detail: { backend: 'plaintext', ownerConsent: true } });
    // Cashier slots were bound to the old secret: shut until the owner resets them.
    const users = await t.ok('auth:users', {});
    expect(users.find((u) => u.id === cashierId)?.disabled).toBe(true);
  });

  it('a shop that never had a keystore recovers without being asked (nothing is lowered)', async () => {
    t = makeCore({ keyStore: new MemoryKeyStore('basic_text', false) });
    const { ownerId, recoveryCode } = await setupShop(t);
    t.core.dispose();
    const other = makeCore({ dir: t.dir, keyStore: new MemoryKeyStore('basic_text', false) });
    const back = await other.ok('auth:recoverOwner', {
      code: recoveryCode,
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(back.id).toBe(ownerId);
    other.core.dispose();
  });
});
