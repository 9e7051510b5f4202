import { afterEach, describe, expect, it } from 'vitest';
import { findSensitive } from '../../src/shared/sensitive';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('data minimization: optional fields', () => {
  it('a disabled field is refused by main; turning one off can clear what was stored (audited)', async () => {
    t = makeCore();
    await setupShop(t);
    const fields = await t.ok('fields:list', {});
    expect(fields.filter((f) => f.enabled).map((f) => f.key)).toEqual(['phone', 'email', 'address', 'notes']);
    expect(await t.call('customers:create', { name: 'Ani', gender: 'female' })).toMatchObject({
      ok: false,
      error: { code: 'FIELD_DISABLED', details: { fields: ['gender'] } },
    });
    const a = await t.ok('customers:create', { name: 'Ani', address: 'Jl. Mawar 1' });
    await t.ok('customers:create', { name: 'Budi', address: 'Jl. Melati 2' });
    await t.ok('customers:create', { name: 'Cici' });

    // Off, keeping values: they stay stored, hidden, and the field is no longer accepted.
    await t.ok('fields:update', { key: 'address', enabled: false, purpose: 'Mengantar pesanan.' });
    expect((await t.ok('customers:get', { id: a.id })).address).toBeNull();
    expect(
      t.core.vault.requireDb().prepare('SELECT address FROM customers WHERE id = ?').pluck().get(a.id),
    ).toBe('Jl. Mawar 1');
    expect(await t.call('customers:update', { id: a.id, name: 'Ani', address: 'Baru' })).toMatchObject({
      ok: false,
      error: { code: 'FIELD_DISABLED' },
    });
    // Off with clearing: gone.
    expect(
      await t.ok('fields:update', {
        key: 'address',
        enabled: false,
        purpose: 'Mengantar pesanan.',
        clearStored: true,
      }),
    ).toEqual({ cleared: 2 });
    expect((await t.ok('customers:get', { id: a.id })).address).toBeNull();
    const log = await t.ok('audit:list', {});
    expect(log.items.find((e) => e.action === 'fields.update' && e.detail.cleared === 2)).toBeTruthy();
  });

  it('clearing phones also removes them from the search index', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', { name: 'Ani', phone: '0812-3456-7890' });
    expect((await t.ok('customers:search', { query: '7890' })).total).toBe(1);
    await t.ok('fields:update', { key: 'phone', enabled: false, purpose: 'x-purpose', clearStored: true });
    expect((await t.ok('customers:search', { query: '7890' })).total).toBe(0);
    expect((await t.ok('customers:search', { query: 'ani' })).total).toBe(1);
  });
});

describe('sensitive data in notes', () => {
  it('finds NIK numbers, card numbers (Luhn) and specific-data words', () => {
    expect(findSensitive('NIK 3201 0123 4567 8901')).toContain('nik');
    expect(findSensitive('kartu 4111 1111 1111 1111')).toContain('card');
    expect(findSensitive('kartu 4111 1111 1111 1112')).not.toContain('card');
    expect(findSensitive('Punya diabetes, jangan gula')).toEqual(['health']);
    expect(findSensitive('agama Katolik')).toEqual(['religion']);
    expect(findSensitive('Suka kopi hitam, ukuran L')).toEqual([]);
    expect(findSensitive('telepon 0812-3456-7890')).toEqual([]);
  });

  it('warns first, saves when acknowledged; the owner can make it a hard block', async () => {
    t = makeCore();
    await setupShop(t);
    const warn = await t.call('customers:create', {
      name: 'Dedi',
      notes: 'NIK 3201012345678901, darah tinggi',
    });
    expect(warn).toMatchObject({
      ok: false,
      error: { code: 'SENSITIVE_DATA', details: { kinds: ['nik', 'health'], reason: 'confirm' } },
    });
    if (!warn.ok) expect(warn.error.message).not.toContain('3201');
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    const saved = await t.ok('customers:create', {
      name: 'Dedi',
      notes: 'darah tinggi',
      acknowledgeSensitive: true,
    });
    const log = await t.ok('audit:list', {});
    expect(log.items.find((e) => e.action === 'customer.create')?.detail.sensitiveAcknowledged).toEqual([
      'health',
    ]);

    await t.ok('settings:update', { autoLockMinutes: 5, notesHardBlock: true });
    const blocked = await t.call('customers:create', {
      name: 'Eko',
      notes: 'agama Hindu',
      acknowledgeSensitive: true,
    });
    expect(blocked).toMatchObject({
      ok: false,
      error: { code: 'SENSITIVE_DATA', details: { reason: 'blocked' } },
    });
    // Existing notes that were allowed before do not block unrelated edits.
    expect((await t.call('customers:update', { id: saved.id, name: 'Dedi S.' })).ok).toBe(true);
  });
});

describe('purchases', () => {
  it('recorded with who and when; history and totals; last activity moves', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Fajar' });
    t.clock.advance(3_600_000);
    const p1 = await t.ok('purchases:create', {
      customerId: c.id,
      amount: 150_000,
      items: ['Beras 5 kg', 'Minyak 2 L'],
    });
    t.clock.advance(3_600_000);
    await t.ok('purchases:create', { customerId: c.id, amount: 27_500, items: ['Gula 1 kg'] });
    expect(p1).toMatchObject({ amount: 150_000, items: ['Beras 5 kg', 'Minyak 2 L'], recordedBy: 'Bu Sari' });
    const page = await t.ok('purchases:list', { customerId: c.id });
    expect(page.total).toBe(2);
    expect(page.totalAmount).toBe(177_500);
    expect(page.items[0]?.items).toEqual(['Gula 1 kg']);
    expect((await t.ok('customers:get', { id: c.id })).lastActivityAt).toBe(t.clock.now());
    for (const bad of [{ amount: -1 }, { amount: 1.5 }, { items: [] }]) {
      const r = await t.core.dispatch('w1', 'purchases:create', {
        customerId: c.id,
        amount: 1000,
        items: ['x'],
        ...bad,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await t.call('purchases:create', { customerId: 999, amount: 1, items: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await t.ok('purchases:list', { customerId: c.id })).total).toBe(2);
  });
});

describe('export all customers', () => {
  it('CSV and JSON hold every field, consent and purchase; owner only; audited', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', {
      name: 'Gita',
      phone: '0812-1212-3434',
      consents: [{ purposeId: 2, method: 'verbal' }],
    });
    await t.ok('purchases:create', { customerId: c.id, amount: 5000, items: ['Teh'] });
    expect(await t.ok('customers:export', { format: 'json' })).toEqual({ saved: true, count: 1 });
    const json = JSON.parse(String(t.dialogs.saved.at(-1)?.data)) as {
      customers: { name: string; purchases: unknown[]; consents: unknown[] }[];
    };
    expect(json.customers[0]).toMatchObject({ name: 'Gita', phone: '0812-1212-3434' });
    expect(json.customers[0]?.purchases).toHaveLength(1);
    expect(json.customers[0]?.consents).toHaveLength(1);
    await t.ok('customers:export', { format: 'csv' });
    const csv = String(t.dialogs.saved.at(-1)?.data);
    expect(csv.startsWith('\uFEFFid;nama;telepon')).toBe(true);
    expect(csv).toContain('Gita;0812-1212-3434');
    const log = await t.ok('audit:list', {});
    expect(log.items.filter((e) => e.action === 'customers.export')).toHaveLength(2);
  });
});
