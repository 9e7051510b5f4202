import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { genuineQuery as query, reference } from '../support/reference-sqlcipher';

let t: TestCore;
afterEach(() => t?.cleanup());

const CANARY = {
  name: 'Kanarius Zulkarnaen',
  phone: '0812-9876-5432',
  email: 'kanarius@contoh.id',
  address: 'Jalan Kenari Unik 77',
};

describe.skipIf(!reference.sqlcipher)('interop with genuine SQLCipher 4', () => {
  it('opens the vault with the data key and reads a customer; without it, cannot', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', CANARY);
    const hex = Buffer.from(t.core.vault.requireDek()).toString('hex');
    await t.ok('auth:lock', {});
    const path = join(t.dir, 'vault.db');

    const rows = await query(path, `PRAGMA key = "x'${hex}'"`, 'SELECT name, phone_e164 FROM customers');
    expect(rows).toEqual([{ name: CANARY.name, phone_e164: '+6281298765432' }]);
    const version = await query(path, `PRAGMA key = "x'${hex}'"`, 'PRAGMA cipher_version');
    expect(JSON.stringify(version)).toMatch(/4\.\d+/);

    await expect(query(path, null, 'SELECT count(*) FROM customers')).rejects.toThrow(/not a database/);
    const wrong = 'ab'.repeat(32);
    await expect(query(path, `PRAGMA key = "x'${wrong}'"`, 'SELECT count(*) FROM customers')).rejects.toThrow(
      /not a database/,
    );
  });
});

describe('nothing plaintext on disk', () => {
  function scan(dir: string): string[] {
    const needles = [CANARY.name, 'Kanarius', '98765432', '9876-5432', 'kanarius@', 'Kenari Unik'];
    const hits: string[] = [];
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      for (const n of needles) {
        if (bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')))
          hits.push(`${f}: ${n}`);
      }
    }
    return hits;
  }

  it('no file in the data folder holds the canary, open (WAL) or closed', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', CANARY);
    await t.ok('customers:update', { id: c.id, ...CANARY, notes: 'Suka kopi Kanarius' });
    await t.ok('customers:get', { id: c.id });
    await t.ok('customers:search', { query: 'kanarius' });
    const files = readdirSync(t.dir);
    expect(files).toEqual(
      expect.arrayContaining(['vault.db', 'vault.db-wal', 'keyslots.json', 'device.json']),
    );
    expect(scan(t.dir)).toEqual([]);
    await t.ok('auth:lock', {});
    expect(scan(t.dir)).toEqual([]);
    // The key slot file holds staff display names and key material, never customer data.
    expect(readFileSync(join(t.dir, 'keyslots.json'), 'utf8')).not.toMatch(/Kanarius|customers/);
  });
});
