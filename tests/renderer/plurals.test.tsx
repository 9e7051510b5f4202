import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../src/renderer/i18n';
import { ui as en } from '../../src/shared/i18n/en/ui';

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

  it('restores, imports, requests, incidents, the briefing and the audit log count as English does', async () => {
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(
      t('backups.restoreWhat', {
        file: 'b.brankas',
        shop: 'Toko',
        when: 'today',
        customers: 1,
        purchases: 1,
      }),
    ).toBe('b.brankas: Toko, made today, 1 customer, 1 purchase.');
    expect(
      t('backups.restoreWhat', {
        file: 'b.brankas',
        shop: 'Toko',
        when: 'today',
        customers: 2,
        purchases: 0,
      }),
    ).toBe('b.brankas: Toko, made today, 2 customers, 0 purchases.');
    expect(t('data.checked', { valid: 1, total: 1, problems: 1, inVault: 1 })).not.toMatch(
      /\b1 (rows|problems)\b/,
    );
    expect(t('data.checked', { valid: 1, total: 1, problems: 1, inVault: 1 })).toBe(
      'Rows ready to import: 1 of 1; rows with problems: 1; rows already in Brankas: 1.',
    );
    expect(t('salesImport.file', { name: 'majoo.xlsx', rows: 1 })).toBe('majoo.xlsx · 1 row');
    expect(t('salesImport.checked', { total: 1 })).toBe('Check of 1 row:');
    expect(t('data.file', { name: 'a.csv', rows: 1, encoding: 'UTF-8', delimiter: ',' })).toMatch(
      / 1 row · /,
    );
    expect(t('health.items.consent.text', { decided: 1, customers: 1, stale: 0 })).not.toMatch(/1 customers/);
    expect(t('health.items.autoLock.text', { minutes: 1 })).toBe('After 1 minute idle.');
    expect(t('incident.noticesDone', { customers: 1, authority: 'no' })).not.toMatch(/1 customers/);
    expect(t('privacy.dueBanner', { overdue: 1, dueSoon: 0 })).toMatch(/^1 customer's request is overdue/);
    expect(t('privacy.dueBanner', { overdue: 2, dueSoon: 0 })).toMatch(/^2 customers' requests are overdue/);
    expect(t('briefing.failed', { count: 1 })).toMatch(/^1 answer is not right yet\./);
    expect(t('retention.result', { erased: 1, lapsed: 1, sales: 1 })).toBe(
      'Done. Customers erased: 1; consents ended: 1; old sales deleted: 1.',
    );
    expect(t('audit.actions.purchase.create', { target: ' #12' })).toBe('Recorded a sale to customer #12');
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

/** Interpolated values that are words, never counts (a name, a file, a date...). */
const NOT_COUNTS = new Set([
  'name',
  'file',
  'field',
  'fields',
  'shop',
  'when',
  'date',
  'purpose',
  'reason',
  'backend',
  'who',
  'method',
  'kinds',
  'status',
  'channel',
  'code',
  'folder',
  'target',
  'role',
  'kind',
  'contact',
  'authority',
  'encoding',
  'delimiter',
  'how',
  'happened',
  'discovered',
  'version',
  'basis',
  'groups',
  'age',
  'amount',
  'average',
  'last',
  'percent',
  'id',
  'n',
  'since',
  'min',
  'max',
  'type',
  'path',
]);

/** Words that end in "s" but are no plural noun. */
const NOT_PLURALS = new Set(['is', 'was', 'has', 'does', 'this', 'its', 'as', 'us', 'yes', 'his']);

describe('every English text that takes a count', () => {
  it('goes through the plural rules (_one/_other), or reads as a label with the number last', () => {
    const all = leaves(en);
    const bad = all.flatMap(([k, v]) =>
      // The number and the (at most two) words after it: "{{n}} customers", "{{n}} idle minutes".
      [...v.matchAll(/\{\{(\w+)\}\} ([A-Za-z/']+(?: [A-Za-z/']+)?)/g)]
        .filter(([, name, words]) => {
          if (NOT_COUNTS.has(name!)) return false;
          // {{count}} in a key of its own plural forms is chosen by the count.
          if (name === 'count' && /_(zero|one|other)$/.test(k)) return false;
          return words!
            .split(' ')
            .map((w) => w.replace(/'$/, '').toLowerCase())
            .some((w) => /s$/.test(w) && !NOT_PLURALS.has(w));
        })
        .map(([m]) => `${k}: ${m}`),
    );
    expect(bad).toEqual([]);
  });
});
