import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LanClient, LinkError } from '../../src/main/lan/client';
import { newIdentity, type LanIdentity } from '../../src/main/lan/identity';
import type { Reply } from '../../src/main/lan/protocol';
import { LanServer } from '../../src/main/lan/server';
import { ClientCore } from '../../src/main/lan/client-core';
import { tlsLinks } from '../../src/main/lan/tls-link';
import { MemoryHandoff, MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { tempDir } from '../support/fixtures';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

// The primary's real Core behind the real link: mutual TLS 1.3 on 127.0.0.1, a paired laptop
// calling the contract over the wire exactly as its client Core will.

let t: TestCore | undefined;
let server: LanServer | undefined;
const clients: LanClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  t?.cleanup();
  t = undefined;
  server = undefined;
});

const FAST = { connectTimeoutMs: 2000, callTimeoutMs: 3000, tries: 2, retryBaseMs: 20 };

/** A port free right now on 127.0.0.1, so the primary can come back on the same one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function primaryOnWire(fixedPort = 0) {
  server = new LanServer({ interfaces: ['127.0.0.1'], port: fixedPort });
  t = makeCore({ lanHost: server });
  const ids = await setupShop(t);
  const status = await t.ok('lan:enable', { enabled: true });
  return { ids, port: (status as { listening: { port: number } }).listening.port };
}

async function pairLaptop(port: number, name = 'Kasir 2') {
  const identity: LanIdentity = await newIdentity(name, new Date(t!.clock.now()));
  const { code } = await t!.ok('lan:newCode', {});
  const pairing = await LanClient.pair({ host: '127.0.0.1', port, code, name, identity, timing: FAST });
  const client = new LanClient({
    host: '127.0.0.1',
    port,
    identity,
    serverFingerprint: pairing.serverFingerprint,
    timing: FAST,
  });
  clients.push(client);
  return { client, deviceId: pairing.deviceId, identity, code };
}

/** The cashier's first login on the paired laptop, with the initial PIN changed there too. */
async function cashierIn(client: LanClient, cashierId: string, windowId = 'w1') {
  value(await client.call(windowId, 'auth:unlock', { userId: cashierId, pin: CASHIER_PIN }));
  value(
    await client.call(windowId, 'auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: '582914',
      newPinConfirm: '582914',
    }),
  );
}

/**
 * On a paired laptop's own Core: pairs with a fresh code, logs the cashier in (changing her
 * initial PIN to 582914) and records a customer there; returns the customer's id.
 */
async function cashierServesOn(client: ClientCore, port: number, cashierId: string): Promise<number> {
  const { code } = await t!.ok('lan:newCode', {});
  const paired = await client.dispatch('w1', 'setup:connect', {
    address: '127.0.0.1',
    port,
    code,
    name: 'Kasir 2',
  });
  expect(paired.ok).toBe(true);
  const unlock = await client.dispatch('w1', 'auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  expect(unlock.ok).toBe(true);
  await client.dispatch('w1', 'auth:changePin', {
    currentPin: CASHIER_PIN,
    newPin: '582914',
    newPinConfirm: '582914',
  });
  const created = await client.dispatch('w1', 'customers:create', {
    name: 'Sari Kopi',
    phone: '081298765432',
  });
  expect(created.ok).toBe(true);
  return (created as { value: { id: number } }).value.id;
}

function value(r: Reply): unknown {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('two counters, one vault: the contract over the wire', () => {
  it('a paired laptop logs a cashier in with her own PIN and serves a customer; the entry names the laptop', async () => {
    const { ids, port } = await primaryOnWire();
    const { client, deviceId } = await pairLaptop(port);

    const users = value(await client.call('w1', 'auth:users', {})) as { id: string }[];
    expect(users.map((u) => u.id)).toContain(ids.cashierId);
    await cashierIn(client, ids.cashierId);
    const created = value(
      await client.call('w1', 'customers:create', { name: 'Rina Kabel', phone: '081234567890' }),
    ) as { id: number };
    expect(created.id).toBeGreaterThan(0);

    // The primary has it, and its audit entry says which laptop it came from.
    await t!.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN });
    const entry = t!.core.vault
      .requireDb()
      .prepare(
        "SELECT actor, detail FROM audit_log WHERE action = 'customer.create' ORDER BY id DESC LIMIT 1",
      )
      .get() as { actor: string; detail: string };
    expect(entry.actor).toBe(ids.cashierId);
    expect(JSON.parse(entry.detail)).toMatchObject({ device: deviceId });
  });

  it('a remote cashier has exactly a cashier’s rights, and the primary-only work stays on the primary', async () => {
    const { ids, port } = await primaryOnWire();
    const { client } = await pairLaptop(port);
    await cashierIn(client, ids.cashierId);
    const users = await client.call('w1', 'users:list', {});
    expect(users.ok ? 'ok' : users.error.code).toBe('FORBIDDEN');

    // Even the owner, from a paired laptop, cannot start a backup there.
    const owner = (await pairLaptop(port, 'Laptop belakang')).client;
    value(await owner.call('w2', 'auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }));
    const backup = await owner.call('w2', 'backups:create', {});
    expect(backup.ok).toBe(false);
    if (!backup.ok) {
      expect(backup.error.code).toBe('FORBIDDEN');
      expect(backup.error.message).not.toMatch(/^FORBIDDEN|primary_only/);
    }
  });

  it('wrong PINs typed on the paired laptop count on the primary', async () => {
    const { ids, port } = await primaryOnWire();
    const { client } = await pairLaptop(port);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await client.call('w1', 'auth:unlock', { userId: ids.cashierId, pin: '000000' });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    // The primary's own lock screen sees the same wait: the counter is the primary's.
    const local = await t!.call('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
    expect(codes).toContain('WRONG_PIN');
    expect(codes.at(-1)).not.toBe('WRONG_PIN');
    expect(local.ok ? 'ok' : local.error.code).toBe('THROTTLED');
  });

  it('a revoked laptop is cut off at once, and a code pairs one laptop only', async () => {
    const { ids, port } = await primaryOnWire();
    const { client, deviceId, code } = await pairLaptop(port);
    await cashierIn(client, ids.cashierId);

    // The same code again, from another laptop: refused.
    const other = await newIdentity('Laptop lain', new Date(t!.clock.now()));
    const again = await LanClient.pair({
      host: '127.0.0.1',
      port,
      code,
      name: 'Laptop lain',
      identity: other,
      timing: FAST,
    }).then(
      () => 'paired',
      (e: unknown) => (e instanceof LinkError ? e.kind : String(e)),
    );
    expect(again).toBe('refused');

    await t!.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }, 'owner-window');
    await t!.ok('lan:revoke', { deviceId }, 'owner-window');
    const after = await client.call('w1', 'customers:search', { query: 'a' }).then(
      (r) => (r.ok ? 'answered' : r.error.code),
      (e: unknown) => (e instanceof LinkError ? e.kind : String(e)),
    );
    expect(['offline', 'refused']).toContain(after);
  });

  it('turned off, the primary listens no more', async () => {
    const { ids, port } = await primaryOnWire();
    const { client } = await pairLaptop(port);
    value(await client.call('w1', 'auth:users', {}));
    await t!.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }, 'owner-window');
    await t!.ok('lan:enable', { enabled: false }, 'owner-window');
    const after = await client.call('w1', 'auth:users', {}).then(
      () => 'answered',
      (e: unknown) => (e instanceof LinkError ? e.kind : String(e)),
    );
    expect(after).toBe('offline');
  });
});

describe('two counters, one vault: the paired laptop’s own Core over TLS', () => {
  it('pairs with the code, serves a customer, says when the primary is gone and comes back by itself', async () => {
    const { ids, port } = await primaryOnWire(await freePort());
    const folder = tempDir('brankas-client-');
    const events: { event: string; payload: unknown }[] = [];
    const handoff = new MemoryHandoff();
    const client = new ClientCore({
      dataDir: folder.dir,
      keyStore: new MemoryKeyStore(),
      links: tlsLinks,
      handoff,
    });
    client.setEventSink((_w, event, payload) => events.push({ event, payload }));
    try {
      const customerId = await cashierServesOn(client, port, ids.cashierId);

      // The receipt of a sale made at this counter opens WhatsApp here, not on the primary.
      const sale = await client.dispatch('w1', 'purchases:create', {
        customerId,
        amount: 25_000,
        items: ['Kopi'],
      });
      const saleId = (sale as { value: { id: number } }).value.id;
      const receipt = await client.dispatch('w1', 'purchases:receipt', { id: saleId, mode: 'open' });
      expect(receipt.ok).toBe(true);
      await vi.waitFor(() => expect(handoff.opened).toHaveLength(1));
      expect(handoff.opened[0]).toMatch(/^https:\/\/wa\.me\/6281298765432\?text=/);
      expect(t!.handoff.opened).toEqual([]);
      // The link went to this laptop's main, never to its window.
      expect(events.some((e) => e.event === 'lan:handoff')).toBe(false);

      // The primary goes away: a plain error in the laptop's language, and the state event.
      await server!.stop();
      const away = await client.dispatch('w1', 'customers:search', { query: 'Sari' });
      expect(away.ok ? 'answered' : away.error.code).toBe('PRIMARY_OFFLINE');
      if (!away.ok) expect(away.error.message).toMatch(/laptop utama tidak terhubung/);
      expect(
        events.some(
          (e) => e.event === 'lan:connection' && (e.payload as { state: string }).state === 'disconnected',
        ),
      ).toBe(true);

      // Back on the same port: the laptop reaches it again without pairing again.
      await t!.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }, 'owner-window');
      await t!.ok('lan:enable', { enabled: false }, 'owner-window');
      await t!.ok('lan:enable', { enabled: true }, 'owner-window');
      // Turning it off ended the laptop's session: the link answers again, and she logs in again.
      const locked = await client.dispatch('w1', 'customers:search', { query: 'Sari' });
      expect(locked.ok ? 'answered' : locked.error.code).toBe('LOCKED');
      const again = await client.dispatch('w1', 'auth:unlock', { userId: ids.cashierId, pin: '582914' });
      expect(again.ok).toBe(true);
      const found = await client.dispatch('w1', 'customers:search', { query: 'Sari' });
      expect(found.ok).toBe(true);
      const states = events
        .filter((e) => e.event === 'lan:connection')
        .map((e) => (e.payload as { state: string }).state);
      expect(states.at(-1)).toBe('connected');
    } finally {
      client.dispose();
      folder.cleanup();
    }
  });
});

describe('a write whose answer was lost', () => {
  it('saved again from the form that kept it, after the link failed, it is applied once; a later same sale is a new one', async () => {
    const port = await freePort();
    let pullThePlug: (() => void) | null = null;
    server = new LanServer({ interfaces: ['127.0.0.1'], port });
    // The primary commits the sale and then loses the link before its answer leaves: the laptop's
    // tries all fail, and it cannot know whether the sale was made.
    t = makeCore({
      lanHost: server,
      faultPoint: (name) => {
        if (name !== 'lan:committed' || !pullThePlug) return;
        const pull = pullThePlug;
        pullThePlug = null;
        pull();
      },
    });
    const ids = await setupShop(t);
    await t.ok('lan:enable', { enabled: true });
    const folder = tempDir('brankas-client-');
    const client = new ClientCore({ dataDir: folder.dir, keyStore: new MemoryKeyStore(), links: tlsLinks });
    const sales = () => t!.core.vault.requireDb().prepare('SELECT count(*) FROM purchases').pluck().get();
    try {
      const customerId = await cashierServesOn(client, port, ids.cashierId);
      const deviceId = (await t.ok('lan:devices', {}))[0]!.id;
      const unlock = (pin: string) => client.dispatch('w1', 'auth:unlock', { userId: ids.cashierId, pin });
      const sale = { customerId, amount: 25_000, items: ['Kopi susu'] };

      pullThePlug = () => {
        server!.cutOff(deviceId);
        void server!.stop();
      };
      const lost = await client.dispatch('w1', 'purchases:create', sale);
      expect(lost.ok ? 'answered' : lost.error.code).toBe('PRIMARY_OFFLINE');
      // The cashier is told it may be saved, and that saving again is safe.
      if (!lost.ok) expect(lost.error.message).toMatch(/belum pasti ini tersimpan.*tidak tercatat dua kali/);
      expect(sales()).toBe(1);

      // The owner brings the server back; the link's drop ended the cashier's session there.
      await t.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }, 'owner-window');
      await t.ok('lan:enable', { enabled: false }, 'owner-window');
      await t.ok('lan:enable', { enabled: true }, 'owner-window');
      await vi.waitFor(async () => expect((await unlock('582914')).ok).toBe(true), { timeout: 10_000 });

      // Save pressed again on the form that kept the sale: the primary answers from memory.
      const again = await client.dispatch('w1', 'purchases:create', sale);
      expect(again.ok).toBe(true);
      expect(sales()).toBe(1);
      // Answered: the next same sale is another coffee, made as a new one.
      const next = await client.dispatch('w1', 'purchases:create', sale);
      expect(next.ok).toBe(true);
      expect(sales()).toBe(2);
    } finally {
      client.dispose();
      folder.cleanup();
    }
  }, 30_000);
});
