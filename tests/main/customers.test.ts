import { afterEach, describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, normalizePhone } from '../../src/main/services/phone';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

async function asCashier(t: TestCore, cashierId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}

describe('phone numbers', () => {
  it('every way of writing one number becomes one E.164 number', () => {
    for (const s of [
      '0812-3456-7890',
      '+62 812 3456 7890',
      '6281234567890',
      '0812.3456.7890',
      '0812 3456 7890',
    ]) {
      expect(normalizePhone(s)).toBe('+6281234567890');
    }
    expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
    expect(maskPhone('0812-3456-7890')).toBe('0812-****-7890');
    expect(() => normalizePhone('12345')).toThrow();
  });
});

describe('customers', () => {
  it('add, edit, open; duplicates refused; search by name and by any part of the phone', async () => {
    t = makeCore();
    await setupShop(t);
    const a = await t.ok('customers:create', {
      name: 'José Ramírez',
      phone: '+62 812 3456 7890',
      email: 'jose@example.com',
    });
    await t.ok('customers:create', { name: 'Siti Nurhaliza', phone: '0857-1111-2222' });
    await t.ok('customers:create', { name: 'Budi Santoso' });
    expect(a.phone).toBe('0812-3456-7890');
    const dup = await t.call('customers:create', { name: 'Lain', phone: '081234567890' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { fields: ['phone'] } } });

    const names = async (query: string) =>
      (await t.ok('customers:search', { query })).items.map((c) => c.name);
    expect(await names('jose')).toEqual(['José Ramírez']);
    expect(await names('RAMIR')).toEqual(['José Ramírez']);
    expect(await names('nurha')).toEqual(['Siti Nurhaliza']);
    expect(await names('bu')).toEqual(['Budi Santoso']);
    expect(await names('0812')).toEqual(['José Ramírez']);
    expect(await names('812-3456')).toEqual(['José Ramírez']);
    expect(await names('7890')).toEqual(['José Ramírez']);
    expect(await names('+6285711')).toEqual(['Siti Nurhaliza']);
    expect(await names('zzz')).toEqual([]);
    expect(await names('"or 1=1 --')).toEqual([]);
    expect((await t.ok('customers:search', { query: '' })).total).toBe(3);

    const edited = await t.ok('customers:update', {
      id: a.id,
      name: 'José Ramírez',
      phone: '0813 9999 0000',
    });
    expect(edited.phone).toBe('0813-9999-0000');
    expect(await names('0812')).toEqual([]);
    expect(await names('9999')).toEqual(['José Ramírez']);
    expect((await t.ok('customers:get', { id: a.id })).email).toBe('jose@example.com');
    expect(await t.call('customers:get', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it("a cashier's list and record mask phones; the whole number only on request", async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Dewi Lestari', phone: '0812-3456-7890' });
    expect((await t.ok('customers:search', { query: 'dewi' })).items[0]?.phone).toBe('0812-3456-7890');
    await asCashier(t, cashierId);
    expect((await t.ok('customers:search', { query: 'dewi' })).items[0]?.phone).toBe('0812-****-7890');
    // As the privacy notice says: the record a cashier opens shows the phone masked too.
    expect((await t.ok('customers:get', { id: c.id })).phone).toBe('0812-****-7890');
    expect((await t.ok('customers:revealPhone', { id: c.id })).phone).toBe('0812-3456-7890');
  });

  it('paged results', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 25; i++)
      await t.ok('customers:create', { name: `Pelanggan ${String(i).padStart(2, '0')}` });
    const p1 = await t.ok('customers:search', { query: 'pelanggan', limit: 10 });
    const p3 = await t.ok('customers:search', { query: 'pelanggan', limit: 10, offset: 20 });
    expect(p1.total).toBe(25);
    // A name search walks the index newest first; the full list is alphabetical.
    expect(p1.items.map((i) => i.name)[0]).toBe('Pelanggan 24');
    expect(p3.items).toHaveLength(5);
    const all = await t.ok('customers:search', { query: '', limit: 3 });
    expect(all.items.map((i) => i.name)).toEqual(['Pelanggan 00', 'Pelanggan 01', 'Pelanggan 02']);
  });
});
