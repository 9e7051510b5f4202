import { afterEach, describe, expect, it } from 'vitest';
import { LanClient, LinkError } from '../../src/main/lan/client';
import { newIdentity } from '../../src/main/lan/identity';
import { CASHIER_PIN, OWNER_PIN, type TestCore } from '../support/fixtures';
import { FAST, WireRig, cashierIn, value } from '../support/lan-wire';

// The primary's real Core behind the real link: mutual TLS 1.3 on 127.0.0.1, a paired laptop
// calling the contract over the wire exactly as its client Core will.

let rig = new WireRig();
let t: TestCore | undefined;

afterEach(async () => {
  await rig.close();
  rig = new WireRig();
  t = undefined;
});

async function primaryOnWire() {
  const p = await rig.primary();
  t = rig.t;
  return p;
}

const pairLaptop = (port: number, name?: string) => rig.pair(port, name);

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
