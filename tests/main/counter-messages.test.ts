import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/messages';
import { checkPin } from '../../src/shared/pin-policy';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('PIN rules say what is wrong', () => {
  it('a repeated digit is a repeat, a run is a sequence, an empty PIN is empty', () => {
    expect(checkPin('111111')).toBe('repeated');
    expect(checkPin('000000')).toBe('repeated');
    expect(checkPin('121212')).toBe('common');
    expect(checkPin('343434')).toBe('repeated');
    expect(checkPin('345678')).toBe('sequence');
    expect(checkPin('876543')).toBe('sequence');
    expect(checkPin('')).toBe('empty');
    expect(checkPin('', true)).toBe('empty');
    expect(checkPin('58291a')).toBe('not_digits');
    expect(checkPin('582914')).toBeNull();
    expect(checkPin('582914', false, '582914')).toBe('same_as_current');
    // Full-width digits are the same PIN once normalized.
    expect(checkPin('５８２９１４', false, '582914')).toBe('same_as_current');
  });

  it('main says the rule in both languages', () => {
    expect(errorMessage('WEAK_PIN', 'id', { reason: 'repeated' })).toMatch(/berulang/);
    expect(errorMessage('WEAK_PIN', 'id', { reason: 'repeated' })).not.toMatch(/berurutan/);
    expect(errorMessage('WEAK_PIN', 'en', { reason: 'sequence' })).toMatch(/run of digits/);
    expect(errorMessage('WEAK_PIN', 'id', { reason: 'same_as_current' })).toMatch(/berbeda/);
  });

  it("a cashier's forced first change refuses the PIN the owner set, and a later change its current one", async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    const same = await t.call('auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: CASHIER_PIN,
      newPinConfirm: CASHIER_PIN,
    });
    expect(same).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PIN', details: { reason: 'same_as_current', fields: ['pin'] } },
    });
    if (!same.ok) expect(same.error.message).toMatch(/berbeda dari PIN saat ini/);
    expect((await t.ok('app:status', {})).user?.mustChangePin).toBe(true);
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect(
      await t.call('auth:changePin', { currentPin: '582914', newPin: '582914', newPinConfirm: '582914' }),
    ).toMatchObject({ ok: false, error: { code: 'WEAK_PIN' } });
  });
});

describe('a duplicate phone says whose it is, and only to the window that asked', () => {
  it('the name is in the answer, not in the audit; for a cashier it counts as opening that customer', async () => {
    t = makeCore({ usageLimits: { searchesPerMinute: 60, customersPerHour: 2 } });
    const { cashierId } = await setupShop(t);
    const ids: number[] = [];
    for (const [name, phone] of [
      ['Budi Santoso', '0812-7000-1111'],
      ['Citra Lestari', '0812-7000-2222'],
      ['Dewi Anggraini', '0812-7000-3333'],
    ] as const)
      ids.push((await t.ok('customers:create', { name, phone })).id);
    const owner = await t.call('customers:create', { name: 'X', phone: '0812-7000-1111' });
    expect(owner).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Nomor ini sudah dipakai Budi Santoso.',
        details: { existing: { id: ids[0] } },
      },
    });
    // Not in the log as stored (the owner's view looks names up; the refusal added none).
    const stored = JSON.stringify(t.core.vault.requireDb().prepare('SELECT * FROM audit_log').all());
    expect(stored).not.toContain('Budi');
    // A cashier probing numbers is stopped like one opening customers.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect(await t.call('customers:create', { name: 'Y', phone: '0812-7000-1111' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('customers:create', { name: 'Y', phone: '0812-7000-2222' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const third = await t.call('customers:create', { name: 'Y', phone: '0812-7000-3333' });
    expect(third).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(JSON.stringify(third)).not.toContain('Dewi');
  });
});

describe("the owner's user list shows a locked-out cashier as locked", () => {
  it('ten wrong PINs: "PIN locked" in the list, as on the lock screen, until the owner resets the PIN', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    const { cashierId, ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 0; i < 10; i++) {
      clock.advance(10 * 60_000);
      await t.call('auth:unlock', { userId: cashierId, pin: '999111' });
    }
    expect((await t.ok('auth:users', {})).find((u) => u.id === cashierId)?.disabled).toBe(true);
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const row = (await t.ok('users:list', {})).find((u) => u.id === cashierId)!;
    expect(row).toMatchObject({ active: true, pinLocked: true });
    await t.ok('users:resetPin', { userId: cashierId, pin: '582914' });
    expect((await t.ok('users:list', {})).find((u) => u.id === cashierId)).toMatchObject({
      pinLocked: false,
    });
  });
});

describe('words on paper in the shop’s language', () => {
  it('the recovery card dates itself in Indonesian', async () => {
    t = makeCore({ clock: new TestClock(Date.UTC(2026, 4, 17, 3)) });
    await t.ok('setup:create', {
      shopName: 'Toko Maju',
      ownerName: 'Bu Sari',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    await t.ok('setup:printRecoveryCard', {});
    expect(t.printer.printed.at(-1)?.html).toContain('17 Mei 2026');
  });
});

describe('WhatsApp messages: the customer’s name and line breaks', () => {
  it('{nama} becomes each customer’s name and line breaks are kept in the wa.me link', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', {
      name: 'Yuni Kartika',
      phone: '0813-5555-0101',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    const list = await t.ok('audience:list', {
      channel: 'whatsapp',
      message: 'Halo {nama},\nbesok diskon 10%!',
    });
    const link = list.items[0]!.link!;
    expect(decodeURIComponent(link.split('?text=')[1]!)).toBe('Halo Yuni Kartika,\nbesok diskon 10%!');
  });
});
