import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LanServer } from '../../src/main/lan/server';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import type { ClientDay } from './strace-client-child';
import { canTrace, letters, mobile, phoneForms, probesOf, scanWrites, title, traced } from './strace-support';

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

    const trace = join(work.dir, 'trace.txt');
    const run = await traced(CHILD, JSON.stringify(day), trace);
    expect(run.stdout, run.stderr).toContain(`done served=${customers.length}`);
    expect(run.status, run.stderr).toBe(0);
    // The customers are on the primary, as served.
    const names = primary.core.vault.requireDb().prepare('SELECT name FROM customers').pluck().all();
    for (const c of customers) expect(names).toContain(c.name);

    const stdoutInode = /^stdout (\d+)$/m.exec(run.stdout)?.[1];
    expect(stdoutInode).toBeDefined();
    const filesWritten = new Set<string>();
    let socketBytes = 0;
    const { seen, leaks, control } = await scanWrites(trace, {
      needles,
      stdoutInode: stdoutInode!,
      controlFile: day.controlFile,
      onWrite: (w) => {
        if (w.target.startsWith(day.dataDir)) filesWritten.add(w.target.slice(day.dataDir.length + 1));
        // Sockets other than its stdout: the link to the primary (strace -y names them socket:[inode]).
        if (w.target.startsWith('socket:') && !w.target.endsWith(`:[${stdoutInode}]`))
          socketBytes += w.bytes.length;
      },
    });
    expect(control.stdout.size, 'control on stdout').toBe(probesOf(needles).length);
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
