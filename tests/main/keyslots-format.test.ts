import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeySlotStore } from '../../src/main/vault/keyslots';
import { KEYSLOT_FORMAT, upgradeKeySlotFile } from '../../src/main/vault/keyslots-migrations';
import { makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const slotsPath = () => join(t.dir, 'keyslots.json');
const readFile = () => JSON.parse(readFileSync(slotsPath(), 'utf8')) as Record<string, unknown>;

describe('keyslots.json has a migration path like the vault', () => {
  it('a new shop writes the current format', async () => {
    t = makeCore();
    await setupShop(t);
    expect(readFile().format).toBe(KEYSLOT_FORMAT);
  });

  it('an older format is upgraded step by step on read, written back once, and still unlocks', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    // A future format 2 that renames shopName, and format 3 that adds a field: a file of format 1
    // (today's) goes through both.
    const steps = [
      {
        to: KEYSLOT_FORMAT + 1,
        up: ({ shopName, ...rest }: Record<string, unknown>) => ({ ...rest, shop: shopName }),
      },
      { to: KEYSLOT_FORMAT + 2, up: (f: Record<string, unknown>) => ({ ...f, shopName: f.shop, note: 'x' }) },
    ];
    const store = new KeySlotStore(slotsPath(), steps);
    const file = store.read();
    expect(file.format).toBe(KEYSLOT_FORMAT + 2);
    expect(file.shopName).toBe('Toko Maju');
    const onDisk = readFile();
    expect(onDisk).toMatchObject({ format: KEYSLOT_FORMAT + 2, shopName: 'Toko Maju' });
    // Unknown keys are not kept (zod strips them): the file holds what the schema names.
    expect(onDisk.note).toBeUndefined();
    expect(store.pinSlotFor(ownerId)).toBeDefined();
  });

  it('a file from a newer app is refused by name, a file without a format as corrupt; neither is changed', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    const good = readFileSync(slotsPath(), 'utf8');
    for (const [format, code] of [
      [KEYSLOT_FORMAT + 1, 'VAULT_TOO_NEW'],
      ['1', 'CORRUPT'],
      [0, 'CORRUPT'],
      [null, 'CORRUPT'],
    ] as const) {
      const edited = JSON.stringify({ ...JSON.parse(good), format });
      writeFileSync(slotsPath(), edited);
      const fresh = makeCore({ dir: t.dir, keyStore: t.keyStore });
      const r = await fresh.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      expect(r, String(format)).toMatchObject({ ok: false, error: { code } });
      expect(readFileSync(slotsPath(), 'utf8')).toBe(edited);
      fresh.core.dispose();
    }
    expect(() => upgradeKeySlotFile([])).toThrow(/CORRUPT/);
  });
});
