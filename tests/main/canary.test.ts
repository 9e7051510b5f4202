import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { fileSystemNow, filesSince, hits } from '../support/canary-scan';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('canary: no plaintext of a customer anywhere on disk', () => {
  it('not in the data folder, a backup or the OS temp folder, before and after erasure', async () => {
    const since = fileSystemNow() - 1000;
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    const tag = randomBytes(6).toString('hex');
    const name = `Kanari ${tag}`;
    const phone = `0812${String((parseInt(tag.slice(0, 6), 16) % 90_000_000) + 10_000_000)}`;
    const c = await t.ok('customers:create', {
      name,
      phone,
      address: `Jl. Kanari ${tag}`,
      notes: `catatan ${tag}`,
    });
    await t.ok('purchases:create', { customerId: c.id, amount: 50_000, items: [`Barang ${tag}`] });
    await t.ok('backups:enable', { code: recoveryCode });
    // Beside the data folder, not in it (a backup folder inside it is refused).
    const usb = `${t.dir}-usb`;
    mkdirSync(usb);
    onTestFinished(() => rmSync(usb, { recursive: true, force: true }));
    t.dialogs.nextFolder = usb;
    await t.ok('backups:create', { chooseFolder: true });
    const needles = [name, `Jl. Kanari ${tag}`, `catatan ${tag}`, `Barang ${tag}`, phone.slice(1), tag];
    const scan = () => {
      const files = [...filesSince(t.dir, since), ...filesSince(tmpdir(), since)];
      // The vault, its key slots and the backup are among them: the scan is not empty.
      expect(files.some((f) => f.endsWith('vault.db'))).toBe(true);
      expect(files.some((f) => f.endsWith('.brankas'))).toBe(true);
      return hits(files, needles);
    };
    expect(scan()).toEqual([]);
    await t.ok('customers:erase', { id: c.id, confirm: true });
    await t.ok('auth:lock', {});
    expect(scan()).toEqual([]);
  });
});
