import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newIdentity } from '../../src/main/lan/identity';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { TestClock, wallNow } from '../support/clock';
import { OWNER_PIN, makeCore, setupShop, tempDir } from '../support/fixtures';
import { FAST, WireRig, cashierIn, pairedClient, rawRequest, value } from '../support/lan-wire';
import { LanClient } from '../../src/main/lan/client';
import { recordDirOf } from './crash-support';

/**
 * A sale from a paired laptop, with a process killed (SIGKILL, no clean-up) in the middle: the
 * laptop while its request is in flight, and the primary after the sale's transaction committed
 * but before its reply left. The laptop's retry, under the same requestId, must find the sale
 * there once or write it once: never twice.
 */
const PRIMARY = join(__dirname, 'lan-primary-child.ts');
const CLIENT = join(__dirname, 'lan-client-child.ts');
const sealKey = randomBytes(32);
const work = tempDir('brankas-lan-crash-');
afterAll(() => work.cleanup());

const children: ChildProcess[] = [];
let rig = new WireRig();
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rig.close();
  rig = new WireRig();
});

/** A child process, its output as it comes, and how it ended. */
function run(file: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_c, signal) => resolve(signal)),
  );
  /** The first line matching `re`; a child that dies first or takes a minute fails the test. */
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = out.match(re);
        if (m) {
          waiters.delete(check);
          resolve(m[1] ?? m[0]);
        }
      };
      waiters.add(check);
      check();
      void exited.then(() => setTimeout(() => reject(new Error(`child ended before ${re}: ${out}`)), 50));
      setTimeout(() => reject(new Error(`no ${re} in ${out}`)), 60_000).unref();
    });
  return { child, line, exited, output: () => out };
}

/** The two ways the counter records a sale: an amount typed in, or products from the price list. */
const SALES = {
  'purchases:create': (customerId: number) => ({ customerId, amount: 150_000, items: ['Beras 5 kg'] }),
  'purchases:createFromProducts': (customerId: number) => ({
    customerId,
    lines: [{ productId: 1, quantity: 2 }],
  }),
} as const;
type SaleChannel = keyof typeof SALES;
/** What the sale's reply holds, whichever way it was recorded. */
const SOLD = { amount: 150_000 };

const sale = (customerId: number, requestId: string, channel: SaleChannel = 'purchases:create') =>
  JSON.stringify({ windowId: 'w1', requestId, channel, input: SALES[channel](customerId) });

type SaleReply = { ok: true; value: { id: number } };

describe('a sale from a paired laptop, a process killed mid-write', () => {
  it.each(Object.keys(SALES) as SaleChannel[])(
    'the laptop killed while its sale (%s) is in flight: the retry under the same requestId leaves the sale there once',
    async (channel) => {
      const { ids, port } = await rig.primary();
      const t = rig.t!;
      const customer = await t.ok('customers:create', { name: 'Rina Kabel', phone: '081234567890' });
      await t.ok('products:save', { name: 'Beras 5 kg', price: 75_000, active: true });
      const { client, identity } = await rig.pair(port);
      await cashierIn(client, ids.cashierId);
      const body = sale(customer.id, 'sale-laptop-killed-1', channel);

      const laptop = run(CLIENT, [String(port), body], { LAN_KEY: identity.key, LAN_CERT: identity.cert });
      await laptop.line(/^(sent)$/m);
      laptop.child.kill('SIGKILL');
      expect(await laptop.exited).toBe('SIGKILL');
      expect(laptop.output()).not.toMatch(/answered/);

      // The laptop starts again and sends its unanswered sale once more, under the same id.
      const retry = await rawRequest(port, identity, body);
      expect(retry.status).toBe(200);
      const value = (retry.json as SaleReply).value;
      expect(retry.json).toMatchObject({ ok: true, value: SOLD });
      const again = await rawRequest(port, identity, body);
      expect(again.json).toEqual(retry.json);

      const page = await t.ok('purchases:list', { customerId: customer.id });
      expect(page.total).toBe(1);
      expect(page.items.map((p) => p.id)).toEqual([value.id]);
      // The primary lives on, and the link still serves the laptop.
      expect((await client.call('w1', 'customers:search', { query: 'rina' })).ok).toBe(true);
    },
    120_000,
  );

  // Killed after the commit, the sale and its reply are there; killed before it (inside the sale's
  // transaction, its entry not yet written), neither is, and the laptop logs in again and resends.
  it.each([
    ['lan:committed', 'remembered'],
    ['audit:beforeEntry', 'rolled back'],
  ] as const)(
    'the primary killed at %s during a remote sale: after the restart the retry finds it %s, the sale is there once',
    async (point, outcome) => {
      const dir = join(work.dir, `shop-${point.replace(':', '-')}`);
      mkdirSync(dir);
      const keyStore = () => new MemoryKeyStore('memory', true, sealKey, recordDirOf(dir));
      const prep = makeCore({ dir, keyStore: keyStore(), clock: new TestClock(wallNow()) });
      const { cashierId } = await setupShop(prep);
      const customer = await prep.ok('customers:create', { name: 'Rina Kabel', phone: '081234567890' });
      prep.core.dispose();

      const args = [dir, sealKey.toString('hex'), OWNER_PIN];
      const first = run(PRIMARY, ['pair', ...args], { BRANKAS_KILL_AT: point });
      const code = await first.line(/^code (\S+)$/m);
      const port = Number(await first.line(/^listening (\d+)$/m));
      const identity = await newIdentity('Kasir 2', new Date(wallNow()));
      const { client, pairing } = await pairedClient(port, code, 'Kasir 2', identity);
      await cashierIn(client, cashierId);
      client.close();

      first.child.stdin!.write('arm\n');
      await first.line(/^(armed)$/m);
      const body = sale(customer.id, 'sale-primary-killed-1');
      const lost = await rawRequest(port, identity, body).then(
        (r) => `answered ${r.status}`,
        () => 'lost',
      );
      expect(lost).not.toBe('answered 200');
      expect(await first.exited).toBe('SIGKILL');
      expect(first.output().trim().split('\n').at(-1)).toMatch(new RegExp(`^at ${point} \\d+$`));

      // The primary starts again on the same folder; the laptop retries its unanswered sale.
      const second = run(PRIMARY, ['serve', ...args]);
      const port2 = Number(await second.line(/^listening (\d+)$/m));
      if (outcome === 'rolled back') {
        // Nothing was kept, not even the session: the laptop's cashier logs in again, then resends.
        const lost2 = await rawRequest(port2, identity, body);
        expect(lost2.json).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
        const back = new LanClient({
          host: '127.0.0.1',
          port: port2,
          identity,
          serverFingerprint: pairing.serverFingerprint,
          timing: FAST,
        });
        value(await back.call('w1', 'auth:unlock', { userId: cashierId, pin: '582914' }));
        back.close();
      }
      const retry = await rawRequest(port2, identity, body);
      expect(retry.status).toBe(200);
      expect(retry.json).toMatchObject({ ok: true, value: SOLD });
      expect(await rawRequest(port2, identity, body).then((r) => r.json)).toEqual(retry.json);
      if (outcome === 'remembered') {
        // Answered from memory: a new sale is not, the laptop's session ended with the old process.
        const fresh = await rawRequest(port2, identity, sale(customer.id, 'sale-primary-killed-2'));
        expect(fresh.json).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      }
      second.child.kill('SIGKILL');
      await second.exited;

      const after = makeCore({ dir, keyStore: keyStore(), clock: new TestClock(wallNow()) });
      try {
        const owner = (await after.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
        await after.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
        const page = await after.ok('purchases:list', { customerId: customer.id });
        expect(page.total).toBe(1);
        expect(page.items.map((p) => p.id)).toEqual([(retry.json as SaleReply).value.id]);
      } finally {
        after.core.dispose();
      }
    },
    180_000,
  );
});
