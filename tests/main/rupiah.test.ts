import { afterEach, describe, expect, it } from 'vitest';
import { parseRupiah } from '../../src/shared/rupiah';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

describe('amounts as cashiers type them', () => {
  it('understands the usual forms', () => {
    const cases: [string, number | null][] = [
      ['Rp 150.000', 150_000],
      ['150.000', 150_000],
      ['150000', 150_000],
      ['150,000', 150_000],
      ['1.500.000', 1_500_000],
      ['150rb', 150_000],
      ['150 ribu', 150_000],
      ['2k', 2000],
      ['1,5jt', 1_500_000],
      ['1.5 juta', 1_500_000],
      ['Rp1,25jt', 1_250_000],
      ['0', 0],
      ['', null],
      ['abc', null],
      ['15.00', null],
      ['1,5', null],
      ['1.5.0jt', null],
      ['-5000', null],
    ];
    for (const [text, want] of cases) expect(parseRupiah(text), text).toBe(want);
  });
});

let t: TestCore;
afterEach(() => t?.cleanup());

describe('main refuses what is not a sale', () => {
  it('Rp 0 and a day ahead of the clock are refused by field, and nothing is written', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Rudi' });
    expect(await t.call('purchases:create', { customerId: c.id, amount: 0, items: ['Gula'] })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: { issues: [{ field: 'amount', reason: 'too_small', limit: 1 }] },
      },
    });
    const r = await t.call('purchases:create', {
      customerId: c.id,
      amount: 1000,
      items: ['Gula'],
      at: t.clock.now() + 86_400_000,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'at', reason: 'future_date' }] } },
    });
    if (!r.ok) expect(r.error.message).toBe('Periksa: Tanggal (tanggal tidak boleh di masa depan).');
    expect((await t.ok('purchases:list', { customerId: c.id })).total).toBe(0);
  });
});
