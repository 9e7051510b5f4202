import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/** A shop with one customer and a cashier logged in (PIN changed), who records a sale. */
async function shopWithSale() {
  const clock = new TestClock();
  t = makeCore({ clock });
  const ids = await setupShop(t);
  const c = await t.ok('customers:create', { name: 'Rudi' });
  const ownersSale = await t.ok('purchases:create', { customerId: c.id, amount: 50_000, items: ['Beras'] });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  const sale = await t.ok('purchases:create', { customerId: c.id, amount: 150_000, items: ['Kopi'] });
  return { ...ids, clock, customerId: c.id, sale, ownersSale };
}

describe('a mistaken sale is voided or corrected, never erased', () => {
  it('the cashier who recorded it may void it the same day; it stays listed, out of the totals', async () => {
    const { customerId, sale, ownersSale } = await shopWithSale();
    const before = await t.ok('purchases:list', { customerId });
    expect(before.items.find((p) => p.id === sale.id)?.canChange).toBe(true);
    expect(before.items.find((p) => p.id === ownersSale.id)?.canChange).toBe(false);
    // Not someone else's sale.
    expect(await t.call('purchases:void', { id: ownersSale.id, reason: 'salah catat' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.ok('purchases:void', { id: sale.id, reason: 'salah pelanggan' })).toMatchObject({
      voided: sale.id,
      correction: null,
    });
    const after = await t.ok('purchases:list', { customerId });
    expect(after).toMatchObject({ total: 1, totalAmount: 50_000 });
    expect(after.items.find((p) => p.id === sale.id)).toMatchObject({
      amount: 150_000,
      voided: { by: 'Andi', reason: 'salah pelanggan' },
      canChange: false,
    });
    expect(await t.call('purchases:void', { id: sale.id, reason: 'lagi' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('the next day only the owner may; a correction replaces it with the original kept and named', async () => {
    const { customerId, sale, clock, ownerId } = await shopWithSale();
    clock.setWall(clock.now() + 86_400_000);
    expect(await t.call('purchases:void', { id: sale.id, reason: 'salah harga' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const r = await t.ok('purchases:void', {
      id: sale.id,
      reason: 'harga salah ketik',
      replacement: { amount: 15_000, items: ['Kopi sachet'] },
    });
    expect(r.correction).toMatchObject({ amount: 15_000, corrects: sale.id, at: sale.at, voided: null });
    const list = await t.ok('purchases:list', { customerId });
    expect(list).toMatchObject({ total: 2, totalAmount: 65_000 });
    expect(list.items.find((p) => p.id === sale.id)?.voided?.reason).toBe('harga salah ketik');
    const entry = (await t.ok('audit:list', { action: 'purchase.void' })).items[0];
    expect(entry).toMatchObject({
      target: String(customerId),
      detail: { purchase: sale.id, amount: 15_000 },
    });
    expect(JSON.stringify(entry)).not.toContain('harga salah ketik');
  });
});
