import { afterEach, describe, expect, it } from 'vitest';
import type { LanClient } from '../../src/main/lan/client';
import { OWNER_PIN } from '../support/fixtures';
import { WireRig, cashierIn, value } from '../support/lan-wire';

// What main pushes to a window reaches a window on a paired laptop: its lock (by idle on the
// primary, or asked for over the wire) and the progress of the owner's long work.

let rig = new WireRig();
afterEach(async () => {
  await rig.close();
  rig = new WireRig();
});

type Seen = { event: string; payload: unknown }[];

/** Follows a window's events; resolves once the stream is open. */
async function follow(client: LanClient, windowId: string): Promise<Seen> {
  const seen: Seen = [];
  await new Promise<void>((resolve) => {
    client.events(windowId, {
      event: (event, payload) => seen.push({ event, payload }),
      state: (s) => s === 'connected' && resolve(),
    });
  });
  return seen;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`never happened: ${what}`);
}

async function codeOf(client: LanClient, windowId: string): Promise<string> {
  const r = await client.call(windowId, 'customers:search', { query: 'pel' });
  return r.ok ? 'ok' : r.error.code;
}

describe('events over the wire', () => {
  it('idle on the primary locks the remote window, and the laptop hears of it', async () => {
    const { ids, port } = await rig.primary();
    const { client } = await rig.pair(port);
    await cashierIn(client, ids.cashierId, 'w1');
    const seen = await follow(client, 'w1');
    expect(await codeOf(client, 'w1')).toBe('ok');

    const { autoLockMinutes } = await rig.t!.ok('settings:get', {});
    rig.t!.clock.advance(autoLockMinutes * 60_000 + 1000);
    rig.t!.core.tick();
    await until(() => seen.some((e) => e.event === 'session:locked'), 'session:locked on the laptop');
    expect(seen.find((e) => e.event === 'session:locked')?.payload).toEqual({ reason: 'idle' });
    expect(await codeOf(client, 'w1')).toBe('LOCKED');
  });

  it('auth:lock over the wire locks that window only and tells it so', async () => {
    const { ids, port } = await rig.primary();
    const { client } = await rig.pair(port);
    await cashierIn(client, ids.cashierId, 'w1');
    value(await client.call('w2', 'auth:unlock', { userId: ids.cashierId, pin: '582914' }));
    const w1 = await follow(client, 'w1');
    const w2 = await follow(client, 'w2');

    value(await client.call('w1', 'auth:lock', {}));
    await until(() => w1.some((e) => e.event === 'session:locked'), 'session:locked on w1');
    expect(w1.find((e) => e.event === 'session:locked')?.payload).toEqual({ reason: 'manual' });
    expect(await codeOf(client, 'w1')).toBe('LOCKED');
    expect(await codeOf(client, 'w2')).toBe('ok');
    expect(w2.map((e) => e.event)).not.toContain('session:locked');
  });

  it('the owner’s long work on the primary reports its progress to the owner’s remote window, not to a cashier’s', async () => {
    const { ids, port } = await rig.primary();
    const owner = (await rig.pair(port, 'Laptop belakang')).client;
    const cashier = (await rig.pair(port, 'Kasir 2')).client;
    value(await owner.call('o1', 'auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN }));
    await cashierIn(cashier, ids.cashierId, 'c1');
    const ownerSeen = await follow(owner, 'o1');
    const cashierSeen = await follow(cashier, 'c1');

    // The scheduled purge: nobody's call, so its progress goes to every owner's window.
    await rig.t!.core.autoPurge();
    await until(
      () => ownerSeen.some((e) => e.event === 'retention:progress'),
      'progress on the owner’s laptop',
    );
    expect(cashierSeen.map((e) => e.event)).not.toContain('retention:progress');
  });

  it('a remote window that goes away ends its session on the primary', async () => {
    const { ids, port } = await rig.primary();
    const { client, deviceId } = await rig.pair(port);
    await cashierIn(client, ids.cashierId, 'w1');
    let off: () => void = () => undefined;
    await new Promise<void>((resolve) => {
      off = client.events('w1', { event: () => undefined, state: (s) => s === 'connected' && resolve() });
    });
    // The laptop closes the window: its event stream ends.
    off();
    await until(
      () => rig.t!.core.lan.deviceOfWindow(`lan:${deviceId}:w1`) === null,
      'the window gone on the primary',
    );
    expect(await codeOf(client, 'w1')).toBe('LOCKED');
  });
});
