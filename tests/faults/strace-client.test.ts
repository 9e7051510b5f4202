import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LanServer } from '../../src/main/lan/server';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import type { ClientDay } from './strace-client-child';
import { canTrace, letters, mobile, phoneForms, title, traced, writesIn } from './strace-support';

/**
 * Nothing personal on a paired laptop, byte by byte: its own Core runs in a child under strace,
 * serving canary customers through the primary (a real Core and LanServer in this process) over
 * the real mutual-TLS link. No canary may appear in any write of the child — to a file, a pipe or
 * the link's socket (where TLS must have encrypted it) — and the only file it writes in its data
 * folder is its sealed pairing. The positive control (canaries written on purpose to stdout and
 * one file) shows the scanner finds them where they are.
 */
const CHILD = join(__dirname, 'strace-client-child.ts');
const NEW_PIN = '602413';

describe.skipIf(!canTrace)('every byte a paired laptop writes', () => {
  const work = tempDir('brankas-strace-client-');
  let primary: TestCore | undefined;
  const server = new LanServer({ interfaces: ['127.0.0.1'], port: 0 });
  afterAll(async () => {
    await server.stop();
    primary?.cleanup();
    work.cleanup();
  });

  it('serving canary customers through the link writes none of them anywhere, in any form', async () => {
    primary = makeCore({ lanHost: server });
    const { cashierId, ownerId } = await setupShop(primary);
    const port = (await primary.ok('lan:enable', { enabled: true })).listening!.port;
    // The cashier has chosen her own PIN already; the owner shows the code while logged in.
    await primary.ok('auth:lock', {});
    await primary.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await primary.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: NEW_PIN, newPinConfirm: NEW_PIN });
    await primary.ok('auth:lock', {});
    await primary.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const { code } = await primary.ok('lan:newCode', {});

    const customers = Array.from({ length: 3 }, () => {
      const tag = letters(10);
      const phone = mobile('0812');
      return {
        name: `Sri ${title(tag)}`,
        phone: `${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`,
        address: `Jl. Kenari ${title(letters(9))} No. 7`,
        notes: `suka ${letters(9)}`,
        item: `Kebaya ${letters(9)}`,
      };
    });
    const needles = [
      ...new Set([
        ...customers.flatMap((c) => [c.name, c.name.toLowerCase(), c.address, c.notes, c.item]),
        ...customers.flatMap((c) => phoneForms(c.phone.replace(/\D/g, ''))),
      ]),
    ];
    const day: ClientDay = {
      dataDir: join(work.dir, 'laptop'),
      controlFile: join(work.dir, 'control.txt'),
      controls: needles,
      port,
      code,
      cashierId,
      pin: NEW_PIN,
      customers,
    };
    mkdirSync(day.dataDir);
    const probes = needles.flatMap((n) =>
      (['utf8', 'utf16le'] as const).map((enc) => ({ label: `${n} (${enc})`, bytes: Buffer.from(n, enc) })),
    );
    const longest = Math.max(...probes.map((p) => p.bytes.length));

    const trace = join(work.dir, 'trace.txt');
    const run = await traced(CHILD, JSON.stringify(day), trace);
    expect(run.stdout, run.stderr).toContain(`done served=${customers.length}`);
    expect(run.status, run.stderr).toBe(0);
    // The customers are on the primary, as served.
    const names = primary.core.vault.requireDb().prepare('SELECT name FROM customers').pluck().all();
    for (const c of customers) expect(names).toContain(c.name);

    const seen = {
      truncated: 0,
      blind: [] as string[],
      epollRings: 0,
      unread: [] as string[],
      unnamed: new Set<string>(),
    };
    const stdoutInode = /^stdout (\d+)$/m.exec(run.stdout)?.[1];
    expect(stdoutInode).toBeDefined();
    const leaks: string[] = [];
    const control = { stdout: new Set<string>(), file: new Set<string>() };
    const tails = new Map<string, Buffer>();
    const filesWritten = new Set<string>();
    let socketBytes = 0;
    for await (const w of writesIn(trace, seen)) {
      if (w.target.startsWith(day.dataDir)) filesWritten.add(w.target.slice(day.dataDir.length + 1));
      // Sockets other than its stdout: the link to the primary (strace -y names them socket:[inode]).
      if (w.target.startsWith('socket:') && !w.target.endsWith(`:[${stdoutInode}]`))
        socketBytes += w.bytes.length;
      const isControl =
        (w.fd === 1 &&
          w.target.endsWith(`:[${stdoutInode}]`) &&
          w.bytes.subarray(0, 8).toString() === 'control ') ||
        w.target === day.controlFile;
      const key = `${w.fd}<${w.target}>`;
      const scanned = isControl ? w.bytes : Buffer.concat([tails.get(key) ?? Buffer.alloc(0), w.bytes]);
      tails.set(key, isControl ? Buffer.alloc(0) : scanned.subarray(-(longest - 1)));
      for (const p of probes) {
        if (!scanned.includes(p.bytes)) continue;
        if (!isControl) leaks.push(`${w.syscall} to ${key}: ${p.label}`);
        else (w.target === day.controlFile ? control.file : control.stdout).add(p.label);
      }
    }
    expect(control.stdout.size, 'control on stdout').toBe(probes.length);
    expect([...control.file].sort()).toEqual(needles.map((n) => `${n} (utf8)`).sort());
    // It really talked to the primary over the socket (and what it sent is in the scan above).
    expect(socketBytes).toBeGreaterThan(4_000);
    expect(seen.truncated).toBe(0);
    expect(seen.unread).toEqual([]);
    expect(seen.blind).toEqual([]);
    expect(leaks).toEqual([]);
    // Its data folder holds its sealed pairing and nothing else, then and now.
    for (const f of filesWritten) expect(f).toMatch(/^lan-pairing\.json(\.\d+\.tmp)?$/);
    expect(readdirSync(day.dataDir)).toEqual(['lan-pairing.json']);
  }, 240_000);
});
