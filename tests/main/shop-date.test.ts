import { describe, expect, it } from 'vitest';
import { parseBirthday, shopDate, typingDate } from '../../src/shared/shop-date';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { afterEach } from 'vitest';

let t: TestCore | undefined;
afterEach(() => t?.cleanup());

// 6 Dec 2026, noon WIB.
const NOW = Date.UTC(2026, 11, 6, 5);

describe('dates as the shop writes them, day first', () => {
  it('reads dd/mm/yyyy and refuses dates that do not exist', () => {
    expect(parseBirthday('17/08/1990', NOW)).toBe('1990-08-17');
    expect(parseBirthday('17081990', NOW)).toBe('1990-08-17');
    expect(parseBirthday('1/2/1990', NOW)).toBe('1990-02-01');
    expect(parseBirthday('29/02/2024', NOW)).toBe('2024-02-29');
    expect(parseBirthday('31/02/1990', NOW)).toBe('invalid');
    expect(parseBirthday('29/02/2023', NOW)).toBe('invalid');
    expect(parseBirthday('00/01/1990', NOW)).toBe('invalid');
    expect(parseBirthday('17/13/1990', NOW)).toBe('invalid');
    expect(parseBirthday('17/08', NOW)).toBe('invalid');
    expect(parseBirthday('  ', NOW)).toBeNull();
    expect(shopDate('1990-08-17')).toBe('17/08/1990');
  });

  it('puts the slashes in as it is typed, never twice, and leaves deleting alone', () => {
    const type = (keys: string) => [...keys].reduce((v, k) => typingDate(v, v + k), '');
    expect(type('17081990')).toBe('17/08/1990');
    expect(type('17/08/1990')).toBe('17/08/1990');
    expect(type('1/8/1990')).toBe('1/8/1990');
    expect(type('170819901')).toBe('17/08/1990');
    expect(typingDate('17/', '17')).toBe('17');
    expect(typingDate('', '17081990')).toBe('17/08/1990');
  });

  it('main refuses a birthday that does not exist, whatever the window sends, and writes nothing', async () => {
    t = makeCore();
    await setupShop(t);
    const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'birthday')!.purpose;
    await t.ok('fields:update', { key: 'birthday', enabled: true, purpose });
    for (const birthday of ['1990-02-31', '31/02/1990', '1990-13-01']) {
      const r = await t.call('customers:create', { name: 'Rina', birthday });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(r.ok ? [] : r.error.details?.fields).toContain('birthday');
    }
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    expect((await t.ok('customers:create', { name: 'Rina', birthday: '1990-08-17' })).birthday).toBe(
      '1990-08-17',
    );
  });
});
