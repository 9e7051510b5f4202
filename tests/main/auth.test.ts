import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { delayAfter } from '../../src/main/services/auth.service';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('key slots', () => {
  it('opens the vault with the right PIN and refuses a wrong one', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    expect(t.core.vault.isOpen()).toBe(false);

    const wrong = await t.call('auth:unlock', { userId: ownerId, pin: '999111' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PIN', details: { attemptsLeft: 4 } } });
    expect(t.core.vault.isOpen()).toBe(false);

    const right = await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(right).toMatchObject({ id: ownerId, role: 'owner', name: 'Bu Sari' });
    expect(t.core.vault.isOpen()).toBe(true);
  });

  it('a different device secret (another OS account) cannot open PIN slots', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    t.core.dispose();
    const other = makeCore({ dir: t.dir, keyStore: new MemoryKeyStore('memory') });
    const r = await other.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(r).toMatchObject({ ok: false, error: { code: 'DEVICE_CHANGED' } });
    other.core.dispose();
  });

  it('a changed keystore backend is named, and the recovery code gets the owner back in', async () => {
    t = makeCore();
    const { ownerId, cashierId, recoveryCode } = await setupShop(t);
    t.core.dispose();
    // Another protected keystore (a new OS account, a keyring reset): the old secret is gone.
    const moved = makeCore({ dir: t.dir, keyStore: new MemoryKeyStore('kwallet6', true) });
    const denied = await moved.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(denied).toMatchObject({ ok: false, error: { code: 'DEVICE_CHANGED' } });

    const back = await moved.ok('auth:recoverOwner', {
      code: recoveryCode.toLowerCase(),
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(back.id).toBe(ownerId);
    const users = await moved.ok('auth:users', {});
    // Cashier slots depended on the old device secret: shut until the owner resets them.
    expect(users.find((u) => u.id === cashierId)?.disabled).toBe(true);
    await moved.ok('users:resetPin', { userId: cashierId, pin: '246813' });
    await moved.ok('auth:lock', {});
    expect((await moved.ok('auth:unlock', { userId: cashierId, pin: '246813' })).mustChangePin).toBe(true);
    moved.core.dispose();
  });

  it('the recovery code resets a forgotten owner PIN; typing it loosely still works', async () => {
    t = makeCore();
    const { ownerId, recoveryCode } = await setupShop(t);
    await t.ok('auth:lock', {});
    const loose = ` ${recoveryCode.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `;
    const user = await t.ok('auth:recoverOwner', { code: loose, newPin: '481516', newPinConfirm: '481516' });
    expect(user.id).toBe(ownerId);
    await t.ok('auth:lock', {});
    expect((await t.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).ok).toBe(false);
    expect((await t.call('auth:unlock', { userId: ownerId, pin: '481516' })).ok).toBe(true);
  });

  it('a wrong recovery code opens nothing', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('auth:lock', {});
    const r = await t.call('auth:recoverOwner', {
      code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
      newPin: '481516',
      newPinConfirm: '481516',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    expect(t.core.vault.isOpen()).toBe(false);
  });

  it('refuses common and short PINs when they are set', async () => {
    t = makeCore();
    for (const pin of ['123456', '000000', '111111', '121212', '123123', '654321', '12345', 'abc1']) {
      const r = await t.call('setup:create', { shopName: 'T', ownerName: 'O', pin, pinConfirm: pin });
      expect(r.ok ? 'accepted' : r.error.code, pin).toMatch(/WEAK_PIN/);
    }
    const mismatch = await t.call('setup:create', {
      shopName: 'T',
      ownerName: 'O',
      pin: '271828',
      pinConfirm: '271829',
    });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'PIN_MISMATCH' } });
    expect(t.core.auth.isSetup()).toBe(false);
    const { cashierId } = await setupShop(t);
    const weak = await t.call('users:resetPin', { userId: cashierId, pin: '111111' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PIN' } });
    // Only the owner may use a passphrase; a cashier's PIN is digits.
    const letters = await t.call('users:resetPin', { userId: cashierId, pin: 'abcdefgh12' });
    expect(letters).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PIN', details: { reason: 'not_digits' } },
    });
  });
});

describe('lockout', () => {
  it('delays after 5 failures, doubling, and disables a cashier after 10, across restarts', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 1; i <= 4; i++) {
      const r = await t.call('auth:unlock', { userId: cashierId, pin: '000123' });
      expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_PIN', details: { attemptsLeft: 5 - i } } });
    }
    const fifth = await t.call('auth:unlock', { userId: cashierId, pin: '000123' });
    expect(fifth).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED', details: { retryAfterMs: 30_000 } },
    });
    // Even the right PIN waits out the delay.
    const early = await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(early).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });

    // A restart does not reset the counter.
    t.core.dispose();
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    for (let n = 6; n <= 9; n++) {
      again.clock.advance(delayAfter(n - 1));
      const r = await again.call('auth:unlock', { userId: cashierId, pin: '000123' });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'THROTTLED', details: { retryAfterMs: delayAfter(n) } },
      });
    }
    expect(delayAfter(9)).toBe(480_000);
    again.clock.advance(delayAfter(9));
    expect(await again.call('auth:unlock', { userId: cashierId, pin: '000123' })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_DISABLED' },
    });
    again.clock.advance(3_600_000);
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_DISABLED' },
    });

    // The owner resets it; the failures were recorded in the audit chain at the next unlock.
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const audit = await again.ok('audit:list', { limit: 100 });
    const failed = audit.items.filter(
      (e) => e.action === 'auth.unlock' && e.outcome === 'failed' && e.actorId === cashierId,
    );
    expect(failed).toHaveLength(10);
    await again.ok('users:resetPin', { userId: cashierId, pin: '246813' });
    await again.ok('auth:lock', {});
    expect((await again.call('auth:unlock', { userId: cashierId, pin: '246813' })).ok).toBe(true);
    again.core.dispose();
  });

  it('after 10 failures the owner needs the recovery code', async () => {
    t = makeCore();
    const { ownerId, recoveryCode } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let n = 1; n <= 10; n++) {
      t.clock.advance(delayAfter(n - 1));
      await t.call('auth:unlock', { userId: ownerId, pin: '000123' });
    }
    t.clock.advance(3_600_000);
    expect(await t.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_REQUIRED' },
    });
    expect((await t.ok('auth:users', {})).find((u) => u.id === ownerId)?.needsRecovery).toBe(true);
    await t.ok('auth:recoverOwner', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect((await t.ok('auth:users', {})).find((u) => u.id === ownerId)?.needsRecovery).toBe(false);
  });

  it('parallel guesses are all counted', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.call('auth:unlock', { userId: cashierId, pin: `90000${i}` })),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'WRONG_PIN')).toHaveLength(4);
    expect(codes.slice(4).every((c) => c === 'THROTTLED')).toBe(true);
  });
});

describe('cashier first login and sessions', () => {
  it('a new cashier must change the initial PIN before anything else', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    const user = await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(user.mustChangePin).toBe(true);
    expect(await t.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_CHANGE_REQUIRED' },
    });
    const changed = await t.ok('auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: '582914',
      newPinConfirm: '582914',
    });
    expect(changed.mustChangePin).toBe(false);
    expect((await t.call('customers:search', { query: 'siti' })).ok).toBe(true);
    await t.ok('auth:lock', {});
    expect((await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).ok).toBe(false);
    expect((await t.call('auth:unlock', { userId: cashierId, pin: '582914' })).ok).toBe(true);
  });

  it('auto-locks after the idle time and zeroes the key', async () => {
    t = makeCore();
    await setupShop(t);
    const events: string[] = [];
    t.core.setEventSink(
      (w, e, p) => e === 'session:locked' && events.push(`${w}:${e}:${(p as { reason: string }).reason}`),
    );
    await t.ok('settings:update', { autoLockMinutes: 2, notesHardBlock: false });
    t.clock.advance(60_000);
    t.core.tick();
    expect(t.core.vault.isOpen()).toBe(true);
    await t.ok('auth:touch', {});
    t.clock.advance(119_000);
    t.core.tick();
    expect(t.core.vault.isOpen()).toBe(true);
    t.clock.advance(2_000);
    t.core.tick();
    expect(t.core.vault.isOpen()).toBe(false);
    expect(() => t.core.vault.requireDek()).toThrow();
    expect(events).toEqual(['w1:session:locked:idle']);
    expect(await t.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
  });

  it('OS lock or sleep ends every session', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN }, 'w2');
    t.core.lockAll('os-lock');
    expect(t.core.vault.isOpen()).toBe(false);
    expect((await t.ok('app:status', {}, 'w2')).user).toBeNull();
  });

  it('a disabled cashier cannot log in and their key is gone from the slot file', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('users:disable', { userId: cashierId });
    const slot = t.core.slots.pinSlotFor(cashierId);
    expect(slot?.wrapped).toBeNull();
    await t.ok('auth:lock', {});
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_DISABLED' },
    });
  });
});

describe('setup', () => {
  it('refuses a second setup and holds other work until the recovery code is confirmed', async () => {
    t = makeCore();
    const s = await t.ok('setup:create', {
      shopName: 'Toko',
      ownerName: 'Bu Sari',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    expect(s.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(s.confirmGroups).toHaveLength(2);
    expect(await t.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const wrong = await t.call('setup:confirmRecovery', {
      answers: s.confirmGroups.map((g) => ({ group: g, value: 'ZZZZ' })),
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    const printed = await t.ok('setup:printRecoveryCard', {});
    expect(printed.saved).toBe(true);
    expect(t.printer.printed[0]?.html).toContain(s.recoveryCode.split('-')[0]);
    expect(t.printer.printed[0]?.html).not.toMatch(/<script|https?:/);
    const code = s.recoveryCode.replace(/-/g, '');
    await t.ok('setup:confirmRecovery', {
      answers: s.confirmGroups.map((g) => ({
        group: g,
        value: code.slice((g - 1) * 4, g * 4).toLowerCase(),
      })),
    });
    expect((await t.call('customers:search', { query: '' })).ok).toBe(true);
    expect(
      await t.call('setup:create', { shopName: 'X', ownerName: 'Y', pin: '582914', pinConfirm: '582914' }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_SETUP' } });
  });

  it('after a restart before confirming, the owner gets a new code and the old one stops working', async () => {
    t = makeCore();
    const s = await t.ok('setup:create', {
      shopName: 'Toko',
      ownerName: 'Bu Sari',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    const ownerId = (await t.ok('app:status', {})).user!.id;
    t.core.dispose();
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect((await again.ok('app:status', {})).recoveryPending).toBe(true);
    const fresh = await again.ok('setup:recoveryCode', {});
    expect(fresh.recoveryCode).not.toBe(s.recoveryCode);
    await again.ok('auth:lock', {});
    expect(
      await again.call('auth:recoverOwner', {
        code: s.recoveryCode,
        newPin: '582914',
        newPinConfirm: '582914',
      }),
    ).toMatchObject({ ok: false });
    expect(
      (
        await again.call('auth:recoverOwner', {
          code: fresh.recoveryCode,
          newPin: '582914',
          newPinConfirm: '582914',
        })
      ).ok,
    ).toBe(true);
    again.core.dispose();
  });
});
