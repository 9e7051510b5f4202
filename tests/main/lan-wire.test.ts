import { afterEach, describe, expect, it } from 'vitest';
import { LanClient, LinkError } from '../../src/main/lan/client';
import { newIdentity, type LanIdentity } from '../../src/main/lan/identity';
import type { Reply } from '../../src/main/lan/protocol';
import { LanServer } from '../../src/main/lan/server';
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

async function primaryOnWire() {
  server = new LanServer({ interfaces: ['127.0.0.1'], port: 0 });
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
