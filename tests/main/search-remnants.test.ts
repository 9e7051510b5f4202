import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptedVault, trigrams } from '../support/decrypted-pages';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * An edited or erased value leaves the search index when the row changes (FTS5 secure-delete),
 * not when a background merge gets round to it: by the time the vault locks, no decrypted page
 * holds it, though no timer ran.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const OLD_NAME = 'qzxjwv vkpqz';
const OLD_DIGITS = '81297531864';
const leftovers = (vault: Buffer) => [
  ...trigrams(OLD_NAME.replace(' ', '')).filter((g) => vault.includes(g)),
  // Runs of eight digits: shorter runs turn up by chance in hashes and timestamps.
  ...Array.from({ length: 4 }, (_, i) => OLD_DIGITS.slice(i, i + 8)).filter((g) => vault.includes(g)),
];

describe('old values leave the search index at once', () => {
  it('after an edit and a lock, with no timer run, no trigram of the old name is in any decrypted page', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 50; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    const c = await t.ok('customers:create', { name: 'Qzxjwv Vkpqz', phone: '0812-9753-1864' });
    const key = Buffer.from(t.core.vault.requireDek());
    expect(leftovers(decryptedVault(join(t.dir, 'vault.db'), key)).length).toBeGreaterThan(0); // seen while held
    await t.ok('customers:update', { id: c.id, name: 'Budi Baru', phone: '0813-2222-3333' });
    await t.ok('auth:lock', {});
    expect(leftovers(decryptedVault(join(t.dir, 'vault.db'), key))).toEqual([]);
  });

  it('after an erasure and a lock, no trigram of the erased name or phone is in any decrypted page', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 50; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    const c = await t.ok('customers:create', { name: 'Qzxjwv Vkpqz', phone: '0812-9753-1864' });
    const key = Buffer.from(t.core.vault.requireDek());
    await t.ok('customers:erase', { id: c.id, confirm: true });
    await t.ok('auth:lock', {});
    expect(leftovers(decryptedVault(join(t.dir, 'vault.db'), key))).toEqual([]);
  });

  it('the index still finds the new values and not the old, across more edits', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Qzxjwv Vkpqz', phone: '0812-9753-1864' });
    for (let i = 0; i < 20; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    await t.ok('customers:update', { id: c.id, name: 'Budi Baru', phone: '0813-2222-3333' });
    expect((await t.ok('customers:search', { query: 'qzx' })).total).toBe(0);
    expect((await t.ok('customers:search', { query: '1864' })).total).toBe(0);
    expect((await t.ok('customers:search', { query: 'budi baru' })).total).toBe(1);
    expect((await t.ok('customers:search', { query: 'pelanggan' })).total).toBe(20);
  });
});
