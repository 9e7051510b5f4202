import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/** Every file under `dir` changed since `since` (bounded: the OS temp folder may be large). */
function filesSince(dir: string, since: number, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      const s = statSync(p);
      if (s.isDirectory()) filesSince(p, since, out, depth + 1);
      else if (s.isFile() && s.mtimeMs >= since && s.size < 200 * 1024 * 1024) out.push(p);
    } catch {
      // Gone meanwhile (another test's temp file).
    }
  }
  return out;
}

/**
 * The time the file system stamps on a file written now: file times come from the kernel's clock,
 * which is not the test's clock (and not the process's, when the suite runs at another date).
 */
function fileSystemNow(): number {
  const marker = join(tmpdir(), `brankas-canary-mark-${process.pid}`);
  writeFileSync(marker, '');
  const at = statSync(marker).mtimeMs;
  rmSync(marker);
  return at;
}

function hits(files: string[], needles: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    let data: Buffer;
    try {
      data = readFileSync(f);
    } catch {
      continue;
    }
    for (const n of needles) {
      if (data.includes(Buffer.from(n, 'utf8')) || data.includes(Buffer.from(n, 'utf16le')))
        found.push(`${f}: ${n}`);
    }
  }
  return found;
}

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
