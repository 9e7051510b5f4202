import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportCheck } from '../../src/shared/domain';
import { WORKER_MIN_ROWS, type PhoneWorkerFactory } from '../../src/main/services/import/phone-batch';
import { normalizePhone } from '../../src/main/services/phone';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { sourcePhoneWorker } from '../support/source-worker';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.cleanup()));

const ROWS = 8_000;

/**
 * A file big enough for the worker, with every kind of phone problem on both sides of the split
 * (main checks the first 35% of rows itself): invalid, empty, landline (full metadata), a
 * duplicate across the split, a duplicate of a customer already in the vault.
 */
function phoneFile(): string {
  const lines = ['Nama;HP'];
  for (let i = 0; i < ROWS; i++) {
    let phone = `0812${String(10_000_000 + i * 13).padStart(8, '0')}`;
    if (i % 997 === 5) phone = '12345';
    if (i % 1009 === 7) phone = '';
    if (i % 1013 === 9) phone = '(021) 5555-1234'.replace('1234', String(1000 + i).slice(-4));
    if (i === 7_500) phone = '+62 812 1000 0013'; // row 1's number in another spelling
    if (i === 6_000) phone = '0857-7777-8888'; // already in the vault
    if (i === 6_001) phone = 'telepon rumah';
    lines.push(`Pelanggan ${i};${phone}`);
  }
  return lines.join('\n');
}

async function checkWith(phoneWorker?: PhoneWorkerFactory): Promise<{ t: TestCore; check: ImportCheck }> {
  const t = makeCore({ phoneWorker });
  cores.push(t);
  await setupShop(t);
  await t.ok('customers:create', { name: 'Lama', phone: '0857 7777 8888' });
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-phones.csv`);
  writeFileSync(path, phoneFile());
  t.dialogs.nextOpen = path;
  const preview = await t.ok('import:open', {});
  const check = await t.ok('import:check', { mapping: preview.suggested });
  return { t, check };
}

describe('phone validation on a worker thread', () => {
  it('gives exactly the check main gives alone, and the worker really answers', async () => {
    const alone = await checkWith(undefined);
    let answered = 0;
    const counting: PhoneWorkerFactory = () => {
      const w = sourcePhoneWorker();
      w.once('message', () => answered++);
      return w;
    };
    const helped = await checkWith(counting);
    expect(answered).toBe(1);
    expect(helped.check).toEqual(alone.check);
    const codes = new Set(alone.check.errors.map((e) => e.code));
    expect([...codes].sort()).toEqual(['duplicate_in_file', 'duplicate_in_vault', 'invalid_phone']);
    expect(alone.check.errors.find((e) => e.code === 'duplicate_in_file')?.row).toBe(7_502);
    expect(alone.check.errors.find((e) => e.code === 'duplicate_in_vault')?.row).toBe(6_002);
    // And the write: the same rows, found by phone.
    const preview = { mapping: { name: 0, phone: 1 } };
    expect(await helped.t.ok('import:commit', preview)).toMatchObject({ imported: helped.check.valid });
    const found = await helped.t.ok('customers:search', { query: `0812${String(10_000_000 + 7_000 * 13)}` });
    expect(found.items.map((c) => c.name)).toEqual(['Pelanggan 7000']);
  });

  it('a worker that cannot start, crashes or answers nonsense changes nothing but the speed', async () => {
    const alone = await checkWith(undefined);
    const broken: PhoneWorkerFactory[] = [
      () => {
        throw new Error('no threads here');
      },
      () => new Worker('throw new Error("boom")', { eval: true }),
      () =>
        new Worker(
          "require('node:worker_threads').parentPort.on('message', () => require('node:worker_threads').parentPort.postMessage(['x']))",
          { eval: true },
        ),
      () => new Worker('process.exit(3)', { eval: true }),
    ];
    for (const factory of broken) expect((await checkWith(factory)).check).toEqual(alone.check);
  });

  it('a big file: phones of the suggested column are validated while it is read', async () => {
    // ~1.6 MB: several of the parser's 256 kB slices. The other number column is not suggested.
    const lines = ['Nama;HP;Nomor Lain;Alamat'];
    for (let i = 0; i < 24_000; i++) {
      const phone = i % 499 === 3 ? 'bukan nomor' : `0857${String(20_000_000 + i * 7).padStart(8, '0')}`;
      const other = i % 601 === 5 ? '0857-2000-0000' : `0813${String(30_000_000 + i * 3)}`;
      lines.push(`Pembeli ${i};${phone};${other};"Jl. Kenanga Raya No. ${i}, RT 03/RW 07, Kel. Sukamaju"`);
    }
    const run = async (phoneColumn: number, phoneWorker?: PhoneWorkerFactory) => {
      const t = makeCore({ phoneWorker });
      cores.push(t);
      await setupShop(t);
      const path = join(t.dir, '..', `${t.dir.split('/').pop()}-big.csv`);
      writeFileSync(path, lines.join('\n'));
      t.dialogs.nextOpen = path;
      const preview = await t.ok('import:open', {});
      expect(preview.suggested.phone).toBe(1);
      return t.ok('import:check', { mapping: { ...preview.suggested, phone: phoneColumn } });
    };
    let started = 0;
    let answers = 0;
    const counting: PhoneWorkerFactory = () => {
      started++;
      const w = sourcePhoneWorker();
      w.on('message', () => answers++);
      return w;
    };
    // Kept column: the thread started while reading is the one that answers, a slice at a time.
    expect(await run(1, counting)).toEqual(await run(1));
    expect(started).toBe(1);
    expect(answers).toBeGreaterThan(1);
    // The owner maps the other column: the early work is dropped, a fresh thread checks that one.
    started = 0;
    const other = await run(2, counting);
    expect(other).toEqual(await run(2));
    expect(started).toBe(2);
    expect(other.errors.some((e) => e.code === 'duplicate_in_file')).toBe(true);
    // The thread started while reading answers once, wrongly, then dies: everything it said is
    // thrown away. (If it is dead before the check begins, the check starts an honest one.)
    let spawned = 0;
    const diesFirst: PhoneWorkerFactory = () =>
      spawned++ > 0
        ? sourcePhoneWorker()
        : new Worker(
            `const { parentPort } = require('node:worker_threads'); let n = 0;
             parentPort.on('message', (m) => { if (n++) process.exit(1); parentPort.postMessage(m.map(() => '')); });`,
            { eval: true },
          );
    expect(await run(1, diesFirst)).toEqual(await run(1));
  });

  it('small files, or no phone column, start no thread', async () => {
    let started = 0;
    const t = makeCore({
      phoneWorker: () => {
        started++;
        return sourcePhoneWorker();
      },
    });
    cores.push(t);
    await setupShop(t);
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-small.csv`);
    const small = ['Nama;HP', ...Array.from({ length: WORKER_MIN_ROWS - 1 }, (_, i) => `A ${i};`)];
    writeFileSync(path, small.join('\n'));
    t.dialogs.nextOpen = path;
    const preview = await t.ok('import:open', {});
    await t.ok('import:check', { mapping: preview.suggested });
    expect(started).toBe(0);
    // Big enough for a thread while reading, but the phone column is left out of the mapping.
    const big = [
      'Nama;HP',
      ...Array.from({ length: 40_000 }, (_, i) => `Nama Pelanggan Nomor ${i};08123${i}`),
    ];
    writeFileSync(path, big.join('\n'));
    t.dialogs.nextOpen = path;
    await t.ok('import:open', {});
    expect(started).toBe(1);
    expect((await t.ok('import:check', { mapping: { name: 0 } })).valid).toBe(40_000);
    expect(started).toBe(1);
  });

  it('the bundled worker the app starts (out/main/phone-worker.js) validates like main', async () => {
    const built = resolve(__dirname, '../../out/main/phone-worker.js');
    expect(existsSync(built), 'run `npm run build` first (npm test does)').toBe(true);
    const phones = ['0812-3456-7890', '+62 21 5555 1234', '62 857 0000 1111', 'abc', '', '0812'];
    const worker = new Worker(built);
    const out = await new Promise<unknown>((ok, fail) => {
      worker.once('message', ok);
      worker.once('error', fail);
      worker.postMessage(phones);
    });
    await worker.terminate();
    const expected = phones.map((p) => {
      try {
        return p ? normalizePhone(p) : '';
      } catch {
        return '';
      }
    });
    expect(out).toEqual(expected);
    expect(expected.filter(Boolean)).toHaveLength(3);
  });
});
