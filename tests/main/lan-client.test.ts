import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus, EventName, LanClientStatus } from '../../src/shared/domain';
import { CHANNELS, type ChannelInput, type ChannelName, type ChannelOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { errorMessage } from '../../src/shared/messages';
import { ClientCore } from '../../src/main/lan/client-core';
import { newIdentity } from '../../src/main/lan/identity';
import { PAIRING_FILE, PairingStore } from '../../src/main/lan/pairing-store';
import { PairingSwitch } from '../../src/main/lan/pairing-switch';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import type { KeyStore } from '../../src/main/ports/ports';
import { Core } from '../../src/main/core/core';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { InProcessPrimary } from '../support/in-process-link';
import { fileSystemNow, filesSince, hits } from '../support/canary-scan';

const CODE = 'ABCDE-FGHJK';
const NEW_CASHIER_PIN = '582914';

interface Laptop {
  client: ClientCore;
  dir: string;
  keyStore: KeyStore;
  events: { windowId: string; event: EventName; payload: unknown }[];
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    windowId?: string,
  ): Promise<Result<ChannelOutput<C>>>;
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, windowId?: string): Promise<ChannelOutput<C>>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function laptop(primary: InProcessPrimary, opts: { dir?: string; keyStore?: KeyStore } = {}): Laptop {
  const temp = opts.dir ? { dir: opts.dir, cleanup: () => undefined } : tempDir('brankas-client-');
  const keyStore = opts.keyStore ?? new MemoryKeyStore();
  const client = new ClientCore({ dataDir: temp.dir, keyStore, links: primary.factory() });
  const events: Laptop['events'] = [];
  client.setEventSink((windowId, event, payload) => events.push({ windowId, event, payload }));
  cleanups.push(() => {
    client.dispose();
    temp.cleanup();
  });
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>, windowId = 'w1') =>
    client.dispatch(windowId, channel, input) as Promise<Result<ChannelOutput<C>>>;
  return {
    client,
    dir: temp.dir,
    keyStore,
    events,
    call,
    async ok(channel, input, windowId) {
      const r = await call(channel, input, windowId);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
  };
}

/** A set-up shop on the primary (owner on its own window w1), and a paired laptop. */
async function shop(): Promise<{
  t: TestCore;
  primary: InProcessPrimary;
  lap: Laptop;
  ownerId: string;
  cashierId: string;
}> {
  const t = makeCore();
  cleanups.push(() => t.cleanup());
  const { ownerId, cashierId } = await setupShop(t);
  const primary = new InProcessPrimary(t.core);
  const lap = laptop(primary);
  primary.openCode(CODE.replace('-', ''));
  await lap.ok('setup:connect', { address: '127.0.0.1', port: 47_823, code: CODE, name: 'Kasir 2' });
  return { t, primary, lap, ownerId, cashierId };
}

/** The cashier logs in on the laptop's window w1 with their PIN, and changes the owner's initial one. */
async function cashierOn(lap: Laptop, cashierId: string): Promise<void> {
  await lap.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await lap.ok('auth:changePin', {
    currentPin: CASHIER_PIN,
    newPin: NEW_CASHIER_PIN,
    newPinConfirm: NEW_CASHIER_PIN,
  });
}

const lanOf = (s: AppStatus): LanClientStatus | undefined => s.lan;

describe('a paired laptop: pairing', () => {
  it('pairs with the one-time code only, then shows the primary as connected', async () => {
    const t = makeCore();
    cleanups.push(() => t.cleanup());
    await setupShop(t);
    const primary = new InProcessPrimary(t.core);
    const lap = laptop(primary);
    // Before pairing: not set up, every other call says so.
    const before = await lap.ok('app:status', {});
    expect(before.setupDone).toBe(false);
    expect(lanOf(before)).toEqual({ connected: false, problem: 'not_paired', deviceName: null });
    expect(await lap.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SETUP', message: errorMessage('NOT_SETUP', 'id', { reason: 'not_paired' }) },
    });
    primary.openCode('ABCDEFGHJK');
    const wrong = await lap.call('setup:connect', {
      address: '127.0.0.1',
      code: 'ABCDE-FGHJM',
      name: 'Kasir 2',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'pairing_refused' } },
    });
    expect(readdirSync(lap.dir)).toEqual([]);
    const url = await lap.call('setup:connect', {
      address: 'http://evil.example/x',
      code: CODE,
      name: 'Kasir 2',
    });
    expect(url).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: ['address'] } } });
    const bad = await lap.call('setup:connect', { address: '127.0.0.1', code: 'ABC', name: 'Kasir 2' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: ['code'] } } });
    // Typed in lower case with a space: the same code.
    expect(
      await lap.ok('setup:connect', { address: '127.0.0.1', code: 'abcde fghjk', name: 'Kasir 2' }),
    ).toEqual({
      deviceId: 'device-1',
    });
    expect(readdirSync(lap.dir)).toEqual([PAIRING_FILE]);
    const after = await lap.ok('app:status', {});
    expect(after).toMatchObject({ setupDone: true, shopName: 'Toko Maju', user: null });
    expect(lanOf(after)).toEqual({ connected: true, problem: null, deviceName: 'Kasir 2' });
    // Paired already: a second pairing is refused, the first one kept.
    primary.openCode('ABCDEFGHJK');
    expect(await lap.call('setup:connect', { address: '127.0.0.1', code: CODE, name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'already_paired' } },
    });
  });

  it('the primary refuses to pair or unpair itself, with a clear message', async () => {
    const t = makeCore();
    cleanups.push(() => t.cleanup());
    await setupShop(t);
    const connect = await t.call('setup:connect', { address: '192.168.1.10', code: CODE, name: 'Kasir 2' });
    expect(connect).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'not_a_client' } },
    });
    if (!connect.ok) expect(connect.error.message).toMatch(/laptop utama/);
    const forget = await t.call('lan:forget', {});
    expect(forget).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'not_a_client' } },
    });
  });

  it('a new laptop not set up becomes a paired laptop on setup:connect; a set-up one stays the primary', async () => {
    const t = makeCore();
    cleanups.push(() => t.cleanup());
    await setupShop(t);
    const primary = new InProcessPrimary(t.core);
    const fresh = tempDir('brankas-switch-');
    cleanups.push(fresh.cleanup);
    const keyStore = new MemoryKeyStore();
    const make = () =>
      new PairingSwitch({
        dataDir: fresh.dir,
        primary: () => makeCore({ dir: fresh.dir, keyStore }).core,
        setupPending: (c) => c instanceof Core && !c.slots.exists(),
        client: (language) =>
          new ClientCore({ dataDir: fresh.dir, keyStore, links: primary.factory(), language }),
      });
    const edge = make();
    expect(edge.active()).toBeInstanceOf(Core);
    // The setup screen was switched to English before connecting: the paired laptop stays in it.
    expect((await edge.dispatch('w1', 'app:setLanguage', { language: 'en' })).ok).toBe(true);
    primary.openCode('ABCDEFGHJK');
    expect(
      await edge.dispatch('w1', 'setup:connect', { address: '127.0.0.1', code: CODE, name: 'Kasir 3' }),
    ).toMatchObject({
      ok: true,
    });
    expect(edge.active()).toBeInstanceOf(ClientCore);
    expect(await edge.dispatch('w1', 'app:status', {})).toMatchObject({
      ok: true,
      value: { shopName: 'Toko Maju', language: 'en' },
    });
    edge.dispose();
    // The next start finds the pairing and starts the paired laptop's Core.
    const again = make();
    cleanups.push(() => again.dispose());
    expect(again.active()).toBeInstanceOf(ClientCore);
    // The owner unpairs it: the laptop is a new one again, which may set up a shop of its own.
    const users = (await again.dispatch('w1', 'auth:users', {})) as Result<
      { id: string; roleHint: string }[]
    >;
    const owner = users.ok ? users.value.find((u) => u.roleHint === 'owner')! : null;
    expect((await again.dispatch('w1', 'auth:unlock', { userId: owner!.id, pin: OWNER_PIN })).ok).toBe(true);
    expect((await again.dispatch('w1', 'lan:forget', {})).ok).toBe(true);
    expect(again.active()).toBeInstanceOf(Core);
    expect(readdirSync(fresh.dir)).not.toContain(PAIRING_FILE);
    // A shop set up on this laptop is the primary: connecting is refused by it.
    const primaryEdge = new PairingSwitch({
      dataDir: t.dir,
      primary: () => t.core,
      setupPending: (c) => c instanceof Core && !c.slots.exists(),
      client: () => {
        throw new Error('a set-up primary must not start a client');
      },
    });
    expect(
      await primaryEdge.dispatch('w9', 'setup:connect', { address: '127.0.0.1', code: CODE, name: 'X' }),
    ).toMatchObject({ ok: false, error: { details: { reason: 'not_a_client' } } });
  });
});

describe('a laptop whose pairing cannot be read', () => {
  it('may be set up as a shop of its own (the useless pairing goes); a locked keystore keeps it', async () => {
    const fresh = tempDir('brankas-switch-');
    cleanups.push(fresh.cleanup);
    const other = makeCore();
    cleanups.push(() => other.cleanup());
    const keyStore = new MemoryKeyStore();
    writeFileSync(join(fresh.dir, PAIRING_FILE), 'garbage');
    const primaries: TestCore[] = [];
    const edge = new PairingSwitch({
      dataDir: fresh.dir,
      primary: () => {
        const t = makeCore({ dir: fresh.dir, keyStore });
        primaries.push(t);
        return t.core;
      },
      setupPending: (c) => c instanceof Core && !c.slots.exists(),
      client: (language) =>
        new ClientCore({
          dataDir: fresh.dir,
          keyStore,
          links: new InProcessPrimary(other.core).factory(),
          language,
        }),
    });
    cleanups.push(() => edge.dispose());
    expect(edge.active()).toBeInstanceOf(ClientCore);
    const setup = await edge.dispatch('w1', 'setup:create', {
      shopName: 'Toko Baru',
      ownerName: 'Bu Ani',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    expect(setup.ok).toBe(true);
    expect(edge.active()).toBeInstanceOf(Core);
    expect(readdirSync(fresh.dir)).not.toContain(PAIRING_FILE);
    expect(primaries).toHaveLength(1);

    // A pairing sealed by a keystore that is only locked now is not thrown away.
    const kept = tempDir('brankas-switch-');
    cleanups.push(kept.cleanup);
    const identity = await newIdentity('Kasir 4', new Date(0));
    const sealedBy = new MemoryKeyStore('memory', true, Buffer.alloc(32, 7));
    new PairingStore(kept.dir, sealedBy).save({
      identity,
      primary: { host: '127.0.0.1', port: 47_823, fingerprint: identity.fingerprint },
      deviceId: 'device-9',
      name: 'Kasir 4',
      language: 'id',
    });
    const locked = new MemoryKeyStore('memory', false, Buffer.alloc(32, 7));
    const lockedEdge = new PairingSwitch({
      dataDir: kept.dir,
      primary: () => {
        throw new Error('a locked keystore must not turn a paired laptop into a primary');
      },
      setupPending: () => true,
      client: () =>
        new ClientCore({
          dataDir: kept.dir,
          keyStore: locked,
          links: new InProcessPrimary(other.core).factory(),
        }),
    });
    cleanups.push(() => lockedEdge.dispose());
    const refused = await lockedEdge.dispatch('w1', 'setup:create', {
      shopName: 'Toko Baru',
      ownerName: 'Bu Ani',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    expect(readdirSync(kept.dir)).toEqual([PAIRING_FILE]);
  });
});

describe('a paired laptop: the primary decides', () => {
  it('a cashier logs in with their PIN; wrong PINs count on the primary, with the same lockout', async () => {
    const { t, lap, cashierId } = await shop();
    await t.ok('auth:lock', {});
    for (let i = 0; i < 3; i++) {
      const r = await lap.call('auth:unlock', { userId: cashierId, pin: '000000' });
      expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_PIN', details: { attemptsLeft: 4 - i } } });
    }
    // The primary's own lock screen counts the laptop's three: one more wrong there leaves one.
    expect(await t.call('auth:unlock', { userId: cashierId, pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PIN', details: { attemptsLeft: 1 } },
    });
    expect(await lap.call('auth:unlock', { userId: cashierId, pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    // Throttled on the primary too, even with the right PIN.
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN }, 'w2')).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    t.clock.advance(10 * 60_000);
    await cashierOn(lap, cashierId);
    expect((await lap.ok('app:status', {})).user).toMatchObject({ id: cashierId, role: 'cashier' });
  });

  it("the role matrix is the primary's, and its refusals are audited there", async () => {
    const { t, lap, cashierId } = await shop();
    expect(await lap.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    await cashierOn(lap, cashierId);
    for (const [channel, input] of [
      ['users:list', {}],
      ['audit:list', {}],
      ['backups:create', {}],
      ['customers:export', { format: 'csv' }],
      ['incident:contain', { id: 1, endSessions: true }],
    ] as const) {
      expect(await lap.call(channel as ChannelName, input as never), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    // The owner's laptop window may; and the laptop cannot unpair itself for a cashier.
    expect(await lap.call('lan:forget', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(readdirSync(lap.dir)).toEqual([PAIRING_FILE]);
    const log = await t.ok('audit:list', { action: 'ipc.denied', limit: 100 });
    expect(
      log.items
        .filter((e) => e.actorId === cashierId)
        .map((e) => e.detail.channel)
        .sort(),
    ).toEqual(['audit:list', 'backups:create', 'customers:export', 'incident:contain', 'users:list'].sort());
  });

  it('every other channel goes to the primary unchanged, and gets the answer its own window gets', async () => {
    const { t, primary, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: NEW_CASHIER_PIN });
    const own: readonly string[] = ['app:status', 'app:setLanguage', 'setup:connect', 'lan:forget'];
    // Locking goes last: after it both windows are only at the lock screen.
    const channels = [...CHANNELS.filter((c) => !own.includes(c) && c !== 'auth:lock'), 'auth:lock' as const];
    const answer = (r: Result<unknown>) => (r.ok ? 'ok' : `${r.error.code} ${r.error.message}`);
    for (const channel of channels) {
      primary.received.length = 0;
      const viaLaptop = await lap.call(channel, {} as never);
      expect(primary.received, channel).toEqual([channel]);
      expect(answer(viaLaptop), channel).toBe(answer(await t.call(channel, {} as never)));
    }
    // Not a channel: the primary's router says so, not the laptop.
    primary.received.length = 0;
    expect(await lap.client.dispatch('w1', 'customers:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(primary.received).toEqual(['customers:drop']);
  });

  it('writes and reads go through the link; errors are said in the laptop language', async () => {
    const { t, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    const c = await lap.ok('customers:create', { name: 'Rina Lestari', phone: '0812-3456-7801' });
    await lap.ok('purchases:create', { customerId: c.id, amount: 75_000, items: ['Gula 1 kg'] });
    // The primary's own window sees what the laptop wrote.
    expect((await t.ok('customers:search', { query: 'Rina' })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await t.ok('purchases:list', { customerId: c.id })).items).toHaveLength(1);
    expect((await lap.ok('customers:get', { id: c.id })).name).toBe('Rina Lestari');
    // The laptop's language is its own: the primary stays in Bahasa Indonesia.
    await lap.ok('app:setLanguage', { language: 'en' });
    expect((await t.ok('app:status', {})).language).toBe('id');
    expect((await lap.ok('app:status', {})).language).toBe('en');
    const dup = await lap.call('customers:create', { name: 'Rina L', phone: '0812-3456-7801' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!dup.ok) expect(dup.error.message).toBe(errorMessage('CONFLICT', 'en', dup.error.details));
    expect(t.core.sessions.get('device-1/w1')?.user.id).toBe(cashierId);
  });

  it("the primary's events reach the laptop's window", async () => {
    const { t, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    await lap.ok('customers:search', { query: '' }, 'w2').catch(() => undefined);
    t.core.lockAll('os-lock');
    expect(lap.events.filter((e) => e.event === 'session:locked')).toEqual([
      { windowId: 'w1', event: 'session:locked', payload: { reason: 'os-lock' } },
    ]);
  });
});

describe('a paired laptop: the primary goes away and comes back', () => {
  it('PRIMARY_OFFLINE with its message and a lan:connection event; back up, it works without pairing again', async () => {
    const { primary, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    await lap.ok('app:status', {});
    await lap.ok('app:status', {}, 'w2');
    lap.events.length = 0;
    primary.setDown(true);
    expect(lap.events).toEqual([
      { windowId: 'w1', event: 'lan:connection', payload: { state: 'disconnected' } },
      { windowId: 'w2', event: 'lan:connection', payload: { state: 'disconnected' } },
    ]);
    const r = await lap.call('customers:create', { name: 'Dewi', phone: '0813-2222-3333' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'PRIMARY_OFFLINE',
        details: { reason: 'unsure' },
        message:
          'Laptop utama tidak terhubung sebelum menjawab, jadi belum pasti ini tersimpan. Yang sudah diisi tetap ada: setelah tersambung, simpan sekali lagi. Bila disimpan lagi dalam 10 menit dari layar ini, Brankas memastikan tidak tercatat dua kali.',
      },
    });
    // The lock screen says so; the cashier's window is not shown as logged out.
    const status = await lap.ok('app:status', {});
    expect(lanOf(status)).toMatchObject({ connected: false, problem: null });
    expect(status.user?.id).toBe(cashierId);
    await lap.ok('app:setLanguage', { language: 'en' });
    const en = await lap.call('customers:search', { query: '' });
    expect(!en.ok && en.error.message).toMatch(/main laptop is not connected/);
    lap.events.length = 0;
    primary.setDown(false);
    expect(lap.events.map((e) => e.payload)).toEqual([{ state: 'connected' }, { state: 'connected' }]);
    // The same session on the primary: no new pairing, no new login.
    await lap.ok('customers:create', { name: 'Dewi', phone: '0813-2222-3333' });
    expect(lanOf(await lap.ok('app:status', {}))).toMatchObject({ connected: true });
  });

  it('a call that timed out says the primary is away; a garbled answer is an error, not data', async () => {
    const { primary, lap } = await shop();
    await lap.ok('auth:users', {});
    lap.events.length = 0;
    primary.failNext = 'timeout';
    expect(await lap.call('auth:users', {})).toMatchObject({ ok: false, error: { code: 'PRIMARY_OFFLINE' } });
    expect(lap.events.map((e) => e.payload)).toEqual([{ state: 'disconnected' }]);
    primary.failNext = 'protocol';
    expect(await lap.call('auth:users', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await lap.ok('auth:users', {});
    expect(lap.events.map((e) => e.payload)).toEqual([{ state: 'disconnected' }, { state: 'connected' }]);
  });

  it("closing the laptop's window or quitting ends its sessions on the primary", async () => {
    const { t, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    await lap.ok('auth:unlock', { userId: cashierId, pin: NEW_CASHIER_PIN }, 'w2');
    expect(t.core.sessions.get('device-1/w1')).toBeTruthy();
    lap.client.lock('w1', 'manual');
    await vi.waitFor(() => expect(t.core.sessions.get('device-1/w1')).toBeUndefined());
    expect(t.core.sessions.get('device-1/w2')?.user.id).toBe(cashierId);
    lap.client.lockAll('suspend');
    await vi.waitFor(() => expect(t.core.sessions.get('device-1/w2')).toBeUndefined());
  });

  it('a laptop the owner revoked is told so, and may then forget its pairing', async () => {
    const { primary, lap } = await shop();
    primary.revoke('device-1');
    const r = await lap.call('auth:users', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PRIMARY_OFFLINE', details: { reason: 'refused' } },
    });
    expect(lanOf(await lap.ok('app:status', {}))).toMatchObject({ connected: false, problem: 'revoked' });
    await lap.ok('lan:forget', {});
    expect(readdirSync(lap.dir)).toEqual([]);
    expect(lanOf(await lap.ok('app:status', {}))).toMatchObject({ problem: 'not_paired' });
  });

  it('the owner unpairs the laptop; a cashier may not; while the primary is away it stays paired', async () => {
    const { primary, lap, cashierId } = await shop();
    primary.setDown(true);
    expect(await lap.call('lan:forget', {})).toMatchObject({ ok: false, error: { code: 'PRIMARY_OFFLINE' } });
    primary.setDown(false);
    expect(await lap.call('lan:forget', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await cashierOn(lap, cashierId);
    expect(await lap.call('lan:forget', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await lap.ok('auth:lock', {});
    const owner = (await lap.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await lap.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    await lap.ok('lan:forget', {});
    expect(readdirSync(lap.dir)).toEqual([]);
    expect(await lap.call('customers:search', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SETUP' },
    });
  });
});

describe('a paired laptop: nothing personal on its disk', () => {
  it("canary: a cashier's session leaves no customer byte in its data folder or the temp folder", async () => {
    const since = fileSystemNow() - 1000;
    const { t, lap, cashierId } = await shop();
    await cashierOn(lap, cashierId);
    const tag = randomBytes(6).toString('hex');
    const names = [`Kanari ${tag}`, `Kenari ${tag}`];
    const phones = names.map(
      (_, i) => `0812${String(((parseInt(tag.slice(0, 6), 16) + i) % 90_000_000) + 10_000_000)}`,
    );
    const ids: number[] = [];
    for (const [i, name] of names.entries()) {
      ids.push(
        (await lap.ok('customers:create', { name, phone: phones[i]!, address: `Jl. Kanari ${tag}` })).id,
      );
    }
    expect((await lap.ok('customers:search', { query: tag })).total).toBe(2);
    expect((await lap.ok('customers:get', { id: ids[0]! })).name).toBe(names[0]);
    await lap.ok('purchases:create', { customerId: ids[0]!, amount: 50_000, items: [`Barang ${tag}`] });
    await lap.ok('auth:lock', {});
    // The laptop's folder holds the pairing and nothing else.
    expect(readdirSync(lap.dir)).toEqual([PAIRING_FILE]);
    const needles = [...names, ...phones, tag];
    const files = [
      ...filesSince(lap.dir, since),
      // The primary's folder is the vault's (encrypted, its own canary test): the rest of the temp folder.
      ...filesSince(tmpdir(), since).filter((f) => !f.startsWith(t.dir)),
    ];
    expect(files.some((f) => f.startsWith(lap.dir))).toBe(true);
    expect(hits(files, needles)).toEqual([]);
  });

  it('the pairing file is sealed: no key, certificate, fingerprint, address or device id in clear', async () => {
    const { primary, lap } = await shop();
    const raw = readFileSync(join(lap.dir, PAIRING_FILE));
    // What is in it, read back through the keystore only (this OS account's).
    const loaded = new PairingStore(lap.dir, lap.keyStore).load();
    if (loaded.state !== 'paired') throw new Error(`not paired: ${loaded.state}`);
    const { identity } = loaded.pairing;
    const keyBody = identity.key.split('\n')[1]!;
    // An encoding is not a seal: the sealed part read as base64 shows none of it either.
    const inner = Buffer.from((JSON.parse(raw.toString('utf8')) as { sealed: string }).sealed, 'base64');
    for (const clear of [
      'BEGIN',
      'PRIVATE',
      'CERTIFICATE',
      keyBody,
      identity.fingerprint,
      primary.fingerprint,
      '127.0.0.1',
      'device-1',
      'Kasir 2',
    ]) {
      expect(raw.includes(Buffer.from(clear)), clear).toBe(false);
      expect(inner.includes(Buffer.from(clear)), clear).toBe(false);
    }
    const again = new ClientCore({ dataDir: lap.dir, keyStore: lap.keyStore, links: primary.factory() });
    cleanups.push(() => again.dispose());
    const status = (await again.dispatch('w1', 'app:status', {})) as Result<AppStatus>;
    expect(status.ok && lanOf(status.value)).toEqual({
      connected: true,
      problem: null,
      deviceName: 'Kasir 2',
    });
  });

  it('a tampered, foreign, garbled or missing pairing file is "not paired" with a clear message, never a crash', async () => {
    const { primary, lap } = await shop();
    const path = join(lap.dir, PAIRING_FILE);
    const good = readFileSync(path, 'utf8');
    const open = async (keyStore: KeyStore = lap.keyStore) => {
      const c = new ClientCore({ dataDir: lap.dir, keyStore, links: primary.factory() });
      cleanups.push(() => c.dispose());
      const status = (await c.dispatch('w1', 'app:status', {})) as Result<AppStatus>;
      const call = await c.dispatch('w1', 'customers:search', { query: '' });
      return { status: status.ok ? status.value : null, call };
    };
    const file = JSON.parse(good) as { sealed: string };
    const sealed = Buffer.from(file.sealed, 'base64');
    sealed[sealed.length - 5]! ^= 1;
    writeFileSync(path, JSON.stringify({ ...file, sealed: sealed.toString('base64') }));
    const tampered = await open();
    expect(tampered.status).toMatchObject({
      setupDone: false,
      lan: { problem: 'pairing_unreadable', connected: false },
    });
    expect(tampered.call).toEqual({
      ok: false,
      error: {
        code: 'NOT_SETUP',
        message: errorMessage('NOT_SETUP', 'id', { reason: 'pairing_unreadable' }),
        details: { reason: 'pairing_unreadable' },
      },
    });
    writeFileSync(path, '{"format":1,');
    expect((await open()).status?.lan?.problem).toBe('pairing_unreadable');
    writeFileSync(path, good);
    // Another OS account's keystore cannot open it.
    expect((await open(new MemoryKeyStore())).status?.lan?.problem).toBe('pairing_unreadable');
    // The same keystore, locked right now: not damage, the file is kept.
    expect((await open(new MemoryKeyStore('memory', false))).status?.lan?.problem).toBe(
      'keystore_unavailable',
    );
    expect(readFileSync(path, 'utf8')).toBe(good);
    rmSync(path);
    expect((await open()).status?.lan?.problem).toBe('not_paired');
    // A laptop whose pairing was unreadable pairs again.
    writeFileSync(path, 'garbage');
    const fresh = laptop(primary, { dir: lap.dir, keyStore: lap.keyStore });
    primary.openCode('ABCDEFGHJK');
    await fresh.ok('setup:connect', { address: '127.0.0.1', code: CODE, name: 'Kasir 2' });
    expect((await fresh.ok('app:status', {})).lan?.connected).toBe(true);
  });
});
