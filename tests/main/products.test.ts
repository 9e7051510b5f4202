import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src/shared/contract';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/**
 * A shop without a POS: the owner keeps a price list (Kopi susu Rp 15.000, Roti bakar Rp 12.000,
 * Es teh Rp 5.000 hidden), one customer, Rudi; the cashier is logged in unless `asOwner`.
 */
async function shopWithList(asOwner = false) {
  t = makeCore();
  const ids = await setupShop(t);
  const kopi = await t.ok('products:save', { name: 'Kopi susu', price: 15_000, active: true });
  const roti = await t.ok('products:save', { name: 'Roti bakar', price: 12_000, active: true });
  const esTeh = await t.ok('products:save', { name: 'Es teh', price: 5_000, active: false });
  const customerId = (await t.ok('customers:create', { name: 'Rudi' })).id;
  if (!asOwner) {
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  }
  return { ...ids, kopi, roti, esTeh, customerId };
}

async function asOwner(ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
}

/** Everything a refused sale could have touched: the sales, the customer, the price list. */
async function state(customerId: number) {
  const db = t.core.vault.requireDb();
  return {
    sales: db.prepare('SELECT * FROM purchases ORDER BY id').all(),
    customer: db.prepare('SELECT last_activity_at, updated_at FROM customers WHERE id = ?').get(customerId),
    products: db.prepare('SELECT * FROM products ORDER BY id').all(),
  };
}

describe('a sale tapped from the price list is priced in main', () => {
  it('"2 kopi susu + 1 roti bakar": main sets the total and the items from the list, audited', async () => {
    const s = await shopWithList();
    const sale = await t.ok('purchases:createFromProducts', {
      customerId: s.customerId,
      lines: [
        { productId: s.kopi.id, quantity: 2 },
        { productId: s.roti.id, quantity: 1 },
      ],
    });
    expect(sale).toMatchObject({
      amount: 42_000,
      items: ['2 x Kopi susu', '1 x Roti bakar'],
      recordedBy: 'Andi',
    });
    const list = await t.ok('purchases:list', { customerId: s.customerId });
    expect(list).toMatchObject({ total: 1, totalAmount: 42_000 });
    await asOwner(s.ownerId);
    const entry = (await t.ok('audit:list', { action: 'purchase.create' })).items[0];
    expect(entry).toMatchObject({
      actorId: s.cashierId,
      target: String(s.customerId),
      outcome: 'ok',
      detail: { items: 2, fromProducts: true },
    });
  });

  it('a cashier cannot send a price or a total: the sale is refused and nothing changes', async () => {
    const s = await shopWithList();
    const before = await state(s.customerId);
    for (const input of [
      { customerId: s.customerId, lines: [{ productId: s.kopi.id, quantity: 2, price: 1 }] },
      { customerId: s.customerId, amount: 2, lines: [{ productId: s.kopi.id, quantity: 2 }] },
      { customerId: s.customerId, items: ['2 x Kopi susu'], lines: [{ productId: s.kopi.id, quantity: 2 }] },
    ]) {
      expect(
        await t.call(
          'purchases:createFromProducts',
          input as unknown as ChannelInput<'purchases:createFromProducts'>,
        ),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await state(s.customerId)).toEqual(before);
  });

  it('an unknown or hidden product refuses the whole sale: nothing is written, the refusal audited', async () => {
    const s = await shopWithList();
    const before = await state(s.customerId);
    // The good line first: it must not be kept either.
    expect(
      await t.call('purchases:createFromProducts', {
        customerId: s.customerId,
        lines: [
          { productId: s.kopi.id, quantity: 1 },
          { productId: 999, quantity: 1 },
        ],
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'product_unknown' } } });
    const hidden = await t.call('purchases:createFromProducts', {
      customerId: s.customerId,
      lines: [
        { productId: s.roti.id, quantity: 1 },
        { productId: s.esTeh.id, quantity: 3 },
      ],
    });
    expect(hidden).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'product_hidden' } },
    });
    // Said in both languages, without a name or a price.
    if (!hidden.ok) {
      expect(hidden.error.message).toMatch(/disembunyikan|tidak dijual/i);
      expect(hidden.error.message).not.toContain('Es teh');
    }
    expect(await state(s.customerId)).toEqual(before);
    await asOwner(s.ownerId);
    const failed = (await t.ok('audit:list', { action: 'purchase.create' })).items.filter(
      (e) => e.outcome === 'failed',
    );
    expect(failed.map((e) => e.target)).toEqual([String(s.customerId), String(s.customerId)]);
  });

  it('quantities: whole, 1 to 999, each product once, 1 to 20 lines; anything else refused, nothing changed', async () => {
    const s = await shopWithList();
    const before = await state(s.customerId);
    const bad = [
      [{ productId: s.kopi.id, quantity: 0 }],
      [{ productId: s.kopi.id, quantity: -2 }],
      [{ productId: s.kopi.id, quantity: 1.5 }],
      [{ productId: s.kopi.id, quantity: 1000 }],
      [{ productId: s.kopi.id, quantity: Number.NaN }],
      [{ productId: s.kopi.id, quantity: '2' }],
      [{ productId: s.kopi.id }],
      [],
      [
        { productId: s.kopi.id, quantity: 1 },
        { productId: s.kopi.id, quantity: 1 },
      ],
      Array.from({ length: 21 }, (_, i) => ({ productId: i + 1, quantity: 1 })),
    ];
    for (const lines of bad) {
      const r = await t.call('purchases:createFromProducts', {
        customerId: s.customerId,
        lines,
      } as unknown as ChannelInput<'purchases:createFromProducts'>);
      expect(r, JSON.stringify(lines)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await state(s.customerId)).toEqual(before);
    // The bounds themselves are fine.
    const big = await t.ok('purchases:createFromProducts', {
      customerId: s.customerId,
      lines: [{ productId: s.roti.id, quantity: 999 }],
    });
    expect(big).toMatchObject({ amount: 999 * 12_000, items: ['999 x Roti bakar'] });
  });

  it('a new price counts from the next sale on; a sale already made keeps its total and text', async () => {
    const s = await shopWithList(true);
    const first = await t.ok('purchases:createFromProducts', {
      customerId: s.customerId,
      lines: [{ productId: s.kopi.id, quantity: 2 }],
    });
    await t.ok('products:save', { id: s.kopi.id, name: 'Kopi susu gula aren', price: 18_000, active: true });
    const second = await t.ok('purchases:createFromProducts', {
      customerId: s.customerId,
      lines: [{ productId: s.kopi.id, quantity: 2 }],
    });
    expect(second).toMatchObject({ amount: 36_000, items: ['2 x Kopi susu gula aren'] });
    const list = await t.ok('purchases:list', { customerId: s.customerId });
    expect(list.items.find((p) => p.id === first.id)).toMatchObject({
      amount: 30_000,
      items: ['2 x Kopi susu'],
    });
    expect(list.totalAmount).toBe(66_000);
  });

  it('a cashier cannot sell to a customer whose data is restricted, from the list either', async () => {
    const s = await shopWithList(true);
    await t.ok('customers:setRestricted', { id: s.customerId, restricted: true });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: s.cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const before = await state(s.customerId);
    expect(
      await t.call('purchases:createFromProducts', {
        customerId: s.customerId,
        lines: [{ productId: s.kopi.id, quantity: 1 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await state(s.customerId)).toEqual(before);
  });
});

describe('the owner keeps the price list; the counter reads it', () => {
  it('the cashier reads the list (hidden ones marked) but cannot change it; the attempts are audited denials', async () => {
    const s = await shopWithList();
    expect(await t.ok('products:list', {})).toEqual([
      { id: s.kopi.id, name: 'Kopi susu', price: 15_000, active: true },
      { id: s.roti.id, name: 'Roti bakar', price: 12_000, active: true },
      { id: s.esTeh.id, name: 'Es teh', price: 5_000, active: false },
    ]);
    const before = await state(s.customerId);
    expect(
      await t.call('products:save', { id: s.kopi.id, name: 'Kopi susu', price: 1, active: true }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('products:move', { id: s.esTeh.id, direction: 'up' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await state(s.customerId)).toEqual(before);
    await asOwner(s.ownerId);
    const denied = (await t.ok('audit:list', { action: 'ipc.denied' })).items.map((e) => e.detail.channel);
    expect(denied).toEqual(expect.arrayContaining(['products:save', 'products:move']));
  });

  it('add, rename, reprice, hide and reorder: each change audited with what changed', async () => {
    const s = await shopWithList(true);
    await t.ok('products:save', { id: s.roti.id, name: 'Roti bakar keju', price: 14_000, active: true });
    await t.ok('products:save', { id: s.kopi.id, name: 'Kopi susu', price: 15_000, active: false });
    const moved = await t.ok('products:move', { id: s.esTeh.id, direction: 'up' });
    expect(moved.map((p) => p.name)).toEqual(['Kopi susu', 'Es teh', 'Roti bakar keju']);
    // At the top it stays at the top.
    await t.ok('products:move', { id: s.esTeh.id, direction: 'up' });
    const top = await t.ok('products:move', { id: s.esTeh.id, direction: 'up' });
    expect(top.map((p) => p.name)).toEqual(['Es teh', 'Kopi susu', 'Roti bakar keju']);
    expect(top.find((p) => p.id === s.kopi.id)?.active).toBe(false);

    const saves = (await t.ok('audit:list', { action: 'product.save' })).items;
    expect(saves.map((e) => e.detail)).toEqual([
      { product: s.kopi.id, created: false, changed: ['active'], price: 15_000, active: false },
      { product: s.roti.id, created: false, changed: ['name', 'price'], price: 14_000, active: true },
      {
        product: s.esTeh.id,
        created: true,
        changed: ['name', 'price', 'active'],
        price: 5_000,
        active: false,
      },
      {
        product: s.roti.id,
        created: true,
        changed: ['name', 'price', 'active'],
        price: 12_000,
        active: true,
      },
      {
        product: s.kopi.id,
        created: true,
        changed: ['name', 'price', 'active'],
        price: 15_000,
        active: true,
      },
    ]);
    expect(saves.every((e) => e.actorId === s.ownerId && e.outcome === 'ok')).toBe(true);
    const moves = (await t.ok('audit:list', { action: 'product.move' })).items;
    expect(moves).toHaveLength(3);
    expect(moves[0]!.detail).toEqual({ product: s.esTeh.id, direction: 'up' });
  });

  it('the list holds at most 200 products: the 201st is refused by name, hiding or editing still works', async () => {
    const s = await shopWithList(true);
    const add = t.core.vault
      .requireDb()
      .prepare(
        'INSERT INTO products (name, price, sort_order, created_at, updated_at) VALUES (?, 1000, 10 + ?, 0, 0)',
      );
    for (let i = 4; i <= 200; i++) add.run(`Produk ${i}`, i);
    const before = await state(s.customerId);
    const full = await t.call('products:save', { name: 'Satu lagi', price: 1_000, active: true });
    expect(full).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'products_full' } },
    });
    if (!full.ok) expect(full.error.message).toMatch(/200 produk/);
    expect(await state(s.customerId)).toEqual(before);
    expect(
      await t.ok('products:save', { id: s.kopi.id, name: 'Kopi susu', price: 16_000, active: false }),
    ).toMatchObject({ price: 16_000, active: false });
  });

  it('bad entries are refused with a reason and change nothing', async () => {
    const s = await shopWithList(true);
    const before = await state(s.customerId);
    // The same name in another case would show two tiles that look alike.
    const dup = await t.call('products:save', { name: 'KOPI SUSU', price: 9_000, active: true });
    expect(dup).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'product_name_taken' } },
    });
    if (!dup.ok) expect(dup.error.message).toMatch(/nama produk ini sudah ada/i);
    expect(
      await t.call('products:save', { id: s.roti.id, name: 'kopi susu', price: 9_000, active: true }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    for (const input of [
      { name: '', price: 5_000, active: true },
      { name: 'Teh', price: 0, active: true },
      { name: 'Teh', price: -5_000, active: true },
      { name: 'Teh', price: 1_500.5, active: true },
      { name: 'Teh', price: 100_000_001, active: true },
      { name: 'x'.repeat(61), price: 5_000, active: true },
      // A product's name goes into WhatsApp receipts: no links.
      { name: 'Promo www.contoh.id', price: 5_000, active: true },
      { name: 'Teh\u202e', price: 5_000, active: true },
    ]) {
      expect(await t.call('products:save', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(await t.call('products:save', { id: 999, name: 'Teh', price: 5_000, active: true })).toMatchObject(
      {
        ok: false,
        error: { code: 'NOT_FOUND' },
      },
    );
    expect(await t.call('products:move', { id: 999, direction: 'down' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await state(s.customerId)).toEqual(before);
  });
});
