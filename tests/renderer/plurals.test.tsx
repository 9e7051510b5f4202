import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../src/renderer/i18n';
import { en } from '../../src/renderer/i18n/en';

afterEach(() => void i18next.changeLanguage('id'));

/** Every English string, flattened to its dotted key. */
function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

describe('English counts agree with their nouns', () => {
  it('says "1 visit", "1 PIN older than a year", and no customer erased for none', async () => {
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(
      t('purchases.total', { count: 1, amount: 'Rp 5.000', average: 'Rp 5.000', last: 'today' }),
    ).toMatch(/^1 visit · /);
    expect(t('purchases.total', { count: 2, amount: '', average: '', last: '' })).toMatch(/^2 visits · /);
    expect(t('health.items.users.text', { users: 1, unread: 1, oldPins: 1 })).toBe(
      '1 active user; 1 has not read the briefing; 1 PIN older than a year.',
    );
    expect(t('health.items.users.text', { users: 2, unread: 0, oldPins: 2 })).toBe(
      '2 active users; 0 have not read the briefing; 2 PINs older than a year.',
    );
    expect(t('health.items.deletion.text', { due: 0, kept: 0 })).toMatch(
      /^No customer is erased within 30 days;/,
    );
    expect(t('health.items.deletion.text', { due: 1, kept: 0 })).toMatch(
      /^1 customer is erased within 30 days;/,
    );
    expect(t('health.items.backup.text', { days: 1 })).toBe('Last verified backup: 1 day ago.');
    expect(t('customers.count', { count: 1 })).toBe('1 customer');
    expect(t('data.imported', { count: 1 })).toBe('1 customer imported.');
  });

  it('Indonesian keeps one form', async () => {
    await i18next.changeLanguage('id');
    expect(i18next.t('health.items.users.text', { users: 1, unread: 1, oldPins: 1 })).toBe(
      '1 pengguna aktif; 1 belum membaca arahan; 1 PIN berumur lebih dari setahun.',
    );
    expect(
      i18next.t('purchases.total', { count: 1, amount: 'Rp 5.000', average: 'Rp 5.000', last: 'x' }),
    ).toMatch(/^1 kunjungan/);
  });

  it('no English string counts with {{count}} before a plural noun without a singular form', () => {
    const all = leaves(en);
    const keys = new Set(all.map(([k]) => k));
    const bad = all.filter(
      ([k, v]) =>
        /\{\{count\}\} [a-z]+s\b/.test(v) &&
        !k.endsWith('_other') &&
        !keys.has(`${k.replace(/_\w+$/, '')}_one`),
    );
    expect(bad.map(([k]) => k)).toEqual([]);
  });
});
