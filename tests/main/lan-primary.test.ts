import { afterEach, describe, expect, it } from 'vitest';
import { newIdentity, fingerprintOfPem } from '../../src/main/lan/identity';
import {
  normalizePairingCode,
  pairingKey,
  pairingProof,
  PAIRING_CODE_TTL_MS,
} from '../../src/main/lan/pairing-proof';
import type { PairResult, Reply } from '../../src/main/lan/protocol';
import { MemoryLanHost } from '../../src/main/ports/memory-ports';
import type { ChannelInput, ChannelName } from '../../src/shared/contract';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { backupNow } from '../support/member-backup';

// The primary's side of the second counter, called as the LAN link's server calls it: a real Core
// on a real encrypted vault in a temp folder, the server itself replaced by a recording host.

let t: TestCore;
let host: MemoryLanHost;
const others: { cleanup: () => void }[] = [];

afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

async function primary(opts: { dir?: string; faultPoint?: (name: string) => void } = {}) {
  host = new MemoryLanHost();
  t = makeCore({ lanHost: host, ...opts });
  const ids = await setupShop(t);
  const status = await t.ok('lan:enable', { enabled: true });
  expect(status).toMatchObject({ enabled: true, listening: { port: 47110 } });
  return ids;
}

interface Attempt {
  code: string;
  proofFor?: string;
  name?: string;
  clientFp?: string;
}

/** A new laptop's pairing attempt: the proof made from `proofFor` (the code it was told). */
async function attempt(
  a: Attempt,
): Promise<{ result: PairResult; clientFp: string; key: Buffer; serverFp: string }> {
  const clientFp = a.clientFp ?? (await newIdentity('Kasir 2', new Date(t.clock.now()))).fingerprint;
  const serverFp = fingerprintOfPem(host.started!.identity.cert);
  const key = await pairingKey(normalizePairingCode(a.proofFor ?? a.code)!, serverFp, clientFp);
  const result = await t.core.lanBackend.pair({
    clientFingerprint: clientFp,
    serverFingerprint: serverFp,
    name: a.name ?? 'Kasir 2',
    proof: pairingProof(key, 'client', serverFp, clientFp),
  });
  return { result, clientFp, key, serverFp };
}

async function paired(name = 'Kasir 2'): Promise<string> {
  const { code } = await t.ok('lan:newCode', {});
  const { result } = await attempt({ code, name });
  if (!result.ok) throw new Error(`pairing failed: ${result.reason}`);
  fingerprints.set(result.deviceId, fingerprintOf(result.deviceId));
  return result.deviceId;
}

let seq = 0;
const rid = () => `request-${String(++seq).padStart(6, '0')}`;

function remote(
  deviceId: string,
  channel: ChannelName,
  input: unknown,
  opts: { windowId?: string; requestId?: string } = {},
): Promise<Reply> {
  return t.core.lanBackend.dispatchRemote({
    deviceId,
    windowId: opts.windowId ?? 'win-1',
    requestId: opts.requestId ?? rid(),
    channel,
    input,
  });
}

async function remoteOk(deviceId: string, channel: ChannelName, input: unknown, windowId?: string) {
  const r = await remote(deviceId, channel, input, { windowId });
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}`);
  return r.value as Record<string, unknown>;
}

/** A cashier logged in on the paired laptop's window (the initial PIN changed first, as locally). */
async function remoteCashier(deviceId: string, cashierId: string, windowId = 'win-1') {
  await remoteOk(deviceId, 'auth:unlock', { userId: cashierId, pin: CASHIER_PIN }, windowId);
  await remoteOk(
    deviceId,
    'auth:changePin',
    { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' },
    windowId,
  );
}

interface Entry {
  id: number;
  actor: string | null;
  action: string;
  outcome: string;
  detail: Record<string, unknown>;
}
function auditSince(id = 0): Entry[] {
  return (
    t.core.vault
      .requireDb()
      .prepare('SELECT id, actor, action, outcome, detail FROM audit_log WHERE id > ? ORDER BY id')
      .all(id) as { id: number; actor: string | null; action: string; outcome: string; detail: string }[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail || '{}') as Record<string, unknown> }));
}
const lastAuditId = () => auditSince().at(-1)?.id ?? 0;
/** Read while the vault is open, kept for a check made while it is closed. */
const fingerprints = new Map<string, string>();
const fingerprintOfStored = (deviceId: string) => fingerprints.get(deviceId)!;
const fingerprintOf = (deviceId: string) =>
  t.core.vault
    .requireDb()
    .prepare('SELECT fingerprint FROM lan_devices WHERE id = ?')
    .pluck()
    .get(deviceId) as string;
const count = (sql: string) => t.core.vault.requireDb().prepare(sql).pluck().get() as number;

describe('pairing a laptop', () => {
  it('the right code pairs once; a second use, a wrong code, an expired one and a sixth try are refused, each audited without the code', async () => {
    await primary();
    expect(t.core.lanBackend.pairingOpen()).toBe(false);
    expect(await attempt({ code: 'AAAAA-AAAAA' })).toMatchObject({
      result: { ok: false, reason: 'no_code' },
    });

    const { code } = await t.ok('lan:newCode', {});
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(t.core.lanBackend.pairingOpen()).toBe(true);
    const ok = await attempt({ code, name: 'Kasir 2' });
    expect(ok.result.ok).toBe(true);
    if (!ok.result.ok) return;
    // The primary proves it knew the code too, over the same two certificates.
    expect(ok.result.serverProof).toBe(pairingProof(ok.key, 'server', ok.serverFp, ok.clientFp));
    expect(t.core.lanBackend.deviceFor(ok.clientFp)).toEqual({ deviceId: ok.result.deviceId });
    // Single use: the same code again (another laptop) is refused.
    expect((await attempt({ code })).result).toEqual({ ok: false, reason: 'used' });
    expect(t.core.lanBackend.pairingOpen()).toBe(false);

    // A wrong code: refused; five wrong proofs void the code, the right one is then refused too.
    const second = await t.ok('lan:newCode', {});
    for (let i = 0; i < 4; i++)
      expect((await attempt({ code: second.code, proofFor: 'BBBBBBBBBB' })).result).toEqual({
        ok: false,
        reason: 'wrong',
      });
    expect((await attempt({ code: second.code, proofFor: 'BBBBBBBBBB' })).result).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect((await attempt({ code: second.code })).result).toEqual({ ok: false, reason: 'throttled' });
    expect(t.core.lanBackend.pairingOpen()).toBe(false);

    // Ten minutes on the app's clock, then the code is void.
    const third = await t.ok('lan:newCode', {});
    expect(third.expiresAt).toBe(t.clock.now() + PAIRING_CODE_TTL_MS);
    t.clock.advance(PAIRING_CODE_TTL_MS);
    expect((await attempt({ code: third.code })).result).toEqual({ ok: false, reason: 'expired' });

    const entries = auditSince().filter((e) => e.action === 'lan.pair');
    expect(entries.map((e) => [e.outcome, e.detail.reason ?? null])).toEqual([
      ['failed', 'no_code'],
      ['ok', null],
      ['failed', 'used'],
      ['failed', 'wrong'],
      ['failed', 'wrong'],
      ['failed', 'wrong'],
      ['failed', 'wrong'],
      ['failed', 'throttled'],
      ['failed', 'throttled'],
      ['failed', 'expired'],
    ]);
    expect(entries.every((e) => e.detail.name === 'Kasir 2')).toBe(true);
    // Never the code, in any entry.
    const all = JSON.stringify(auditSince());
    for (const c of [code, second.code, third.code]) {
      expect(all).not.toContain(c);
      expect(all).not.toContain(c.replace('-', ''));
    }
    expect(await t.ok('lan:devices', {})).toMatchObject([{ name: 'Kasir 2', revokedAt: null }]);
  });

  it('a proof made for another server certificate (a machine in the middle) is refused', async () => {
    await primary();
    const { code } = await t.ok('lan:newCode', {});
    const clientFp = (await newIdentity('Kasir 2', new Date(t.clock.now()))).fingerprint;
    const mitm = await newIdentity('Proxy', new Date(t.clock.now()));
    const key = await pairingKey(normalizePairingCode(code)!, mitm.fingerprint, clientFp);
    const result = await t.core.lanBackend.pair({
      clientFingerprint: clientFp,
      serverFingerprint: mitm.fingerprint,
      name: 'Kasir 2',
      proof: pairingProof(key, 'client', mitm.fingerprint, clientFp),
    });
    expect(result).toEqual({ ok: false, reason: 'wrong' });
    expect(t.core.lanBackend.deviceFor(clientFp)).toBeNull();
  });

  it('the identity is kept inside the vault, made once', async () => {
    await primary();
    const cert = host.started!.identity.cert;
    const stored = t.core.vault.requireDb().prepare('SELECT cert_pem, key_pem FROM lan_identity').get() as {
      cert_pem: string;
      key_pem: string;
    };
    expect(stored.cert_pem).toBe(cert);
    expect(stored.key_pem).toContain('PRIVATE KEY');
    await t.ok('lan:enable', { enabled: false });
    expect(host.started).toBeNull();
    await t.ok('lan:enable', { enabled: true });
    expect(host.started!.identity.cert).toBe(cert);
  });
});

describe("the owner's switch", () => {
  it('shows the address, a short fingerprint and the open code; off ends remote sessions, cuts laptops off and stops listening', async () => {
    const { cashierId } = await primary();
    const fp = fingerprintOfPem(host.started!.identity.cert);
    const code = await t.ok('lan:newCode', {});
    expect(code).toMatchObject({ addresses: ['127.0.0.1'], port: 47110 });
    expect(await t.ok('lan:status', {})).toEqual({
      enabled: true,
      listening: { addresses: ['127.0.0.1'], port: 47110 },
      fingerprint: `${fp.slice(0, 4)} ${fp.slice(4, 8)} ${fp.slice(8, 12)} ${fp.slice(12, 16)}`,
      codeOpenUntil: code.expiresAt,
    });
    const { result } = await attempt({ code: code.code });
    const deviceId = result.ok ? result.deviceId : '';
    await remoteCashier(deviceId, cashierId);
    await t.ok('lan:enable', { enabled: false });
    expect(host.started).toBeNull();
    expect(host.cutOffs).toContain(deviceId);
    expect(t.core.sessions.get(`lan:${deviceId}:win-1`)).toBeUndefined();
    expect(await t.ok('lan:status', {})).toMatchObject({
      enabled: false,
      listening: null,
      codeOpenUntil: null,
    });
    expect(await t.call('lan:newCode', {})).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'lan_off' } },
    });
    expect(
      auditSince()
        .filter((e) => e.action === 'lan.enable')
        .map((e) => e.detail.enabled),
    ).toEqual([true, false]);
    // Off stays off across a restart: nothing listens at the next unlock.
    t.core.lockAll('manual');
    const restarted = new MemoryLanHost();
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock, lanHost: restarted });
    try {
      await again.ok('auth:unlock', { userId: cashierId, pin: '582914' });
      expect(restarted.started).toBeNull();
    } finally {
      again.core.dispose();
    }
  });
});

describe('the record of processing', () => {
  /** The record's security lines that speak of laptops: what it tells a supervisor about counters. */
  async function counterLines(): Promise<{ version: number; lines: string[] }> {
    const doc = await t.ok('docs:current', { kind: 'record' });
    const lines = doc.text.sections.flatMap((s) => s.items ?? []).filter((l) => /laptop/i.test(l));
    return { version: doc.version, lines };
  }
  const laptopsNamed = (lines: string[]) => lines.map((l) => /(\d+) laptop/.exec(l)?.[1]).filter(Boolean);

  it('says whether extra counters are on and how many laptops are paired, in a new version at each change', async () => {
    host = new MemoryLanHost();
    t = makeCore({ lanHost: host });
    await setupShop(t);
    const off = await counterLines();
    // Off: the data is opened only where it is kept, and no count of laptops is claimed.
    expect(off.lines).toHaveLength(1);
    expect(laptopsNamed(off.lines)).toEqual([]);

    await t.ok('lan:enable', { enabled: true });
    await paired('Kasir 2');
    const second = await paired('Kasir 3');
    const two = await counterLines();
    expect(two.version).toBeGreaterThan(off.version);
    expect(laptopsNamed(two.lines)).toEqual([String((await t.ok('lan:devices', {})).length)]);
    expect(laptopsNamed(two.lines)).toEqual(['2']);

    await t.ok('lan:revoke', { deviceId: second });
    const one = await counterLines();
    expect(one.version).toBeGreaterThan(two.version);
    expect(laptopsNamed(one.lines)).toEqual(['1']);

    await t.ok('lan:enable', { enabled: false });
    const offAgain = await counterLines();
    expect(offAgain.version).toBeGreaterThan(one.version);
    expect(offAgain.lines).toEqual(off.lines);
  });
});

describe('remote sessions', () => {
  it('a revoked device is cut off, refused, and its session ended', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    const fp = (t.core.vault
      .requireDb()
      .prepare('SELECT fingerprint FROM lan_devices')
      .pluck()
      .get() as string)!;
    await remoteCashier(deviceId, cashierId);
    const key = `lan:${deviceId}:win-1`;
    expect(t.core.sessions.get(key)).toBeDefined();
    const revoked = await t.ok('lan:revoke', { deviceId });
    expect(revoked.revokedAt).toBe(t.clock.now());
    expect(t.core.lanBackend.deviceFor(fp)).toBeNull();
    expect(host.cutOffs).toContain(deviceId);
    expect(t.core.sessions.get(key)).toBeUndefined();
    // The window is told it was locked, through the link.
    expect(host.events).toContainEqual({
      deviceId,
      windowId: 'win-1',
      event: 'session:locked',
      payload: { reason: 'manual' },
    });
    expect(await remote(deviceId, 'customers:search', { query: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'device_revoked' } },
    });
    const last = auditSince().at(-1)!;
    expect(last).toMatchObject({
      action: 'ipc.denied',
      detail: { reason: 'device_revoked', device: deviceId },
    });
  });

  it("a remote cashier has exactly a cashier's permissions, and every entry of a remote call names the device", async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    const mark = lastAuditId();
    await remoteCashier(deviceId, cashierId);
    const created = await remoteOk(deviceId, 'customers:create', {
      name: 'Rina Marlina',
      phone: '0812-5555-6666',
    });
    await remoteOk(deviceId, 'customers:get', { id: created.id });
    await remoteOk(deviceId, 'purchases:create', { customerId: created.id, amount: 25_000, items: ['Kopi'] });
    for (const owners of ['users:list', 'audit:list', 'customers:erase', 'users:create'] as const) {
      const input =
        owners === 'customers:erase'
          ? { id: created.id, confirm: true }
          : owners === 'users:create'
            ? { name: 'Budi', pin: '582914' }
            : {};
      expect(await remote(deviceId, owners, input), owners).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    await remoteOk(deviceId, 'auth:lock', {});
    const entries = auditSince(mark);
    expect(entries.length).toBeGreaterThan(6);
    for (const e of entries) expect(e.detail.device, `${e.action} ${e.outcome}`).toBe(deviceId);
    // The primary's own window's entries name no device.
    const before = lastAuditId();
    await t.ok('customers:create', { name: 'Dewi Lestari' });
    expect(auditSince(before).every((e) => e.detail.device === undefined)).toBe(true);
  });

  it('what only the primary may do is refused to a remote window (the owner too), audited with the device', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteOk(deviceId, 'auth:unlock', { userId: await ownerId(), pin: OWNER_PIN });
    for (const channel of [
      'backups:create',
      'lan:newCode',
      'lan:revoke',
      'retention:purge',
      'import:open',
    ] as const) {
      const input = channel === 'lan:revoke' ? { deviceId } : {};
      const mark = lastAuditId();
      expect(await remote(deviceId, channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'primary_only' } },
      });
      expect(auditSince(mark)).toMatchObject([
        {
          action: 'ipc.denied',
          outcome: 'denied',
          detail: { channel, reason: 'primary_only', device: deviceId },
        },
      ]);
    }
    // The same channels work on the primary's own window.
    expect(await t.ok('lan:devices', {})).toHaveLength(1);
    expect(cashierId).toBeTruthy();
  });

  it('a retried write with the same id is applied once, also when both tries run at once', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const input = { name: 'Sutarmi Wijayakusuma', phone: '0812-7777-8888' };
    const first = await remote(deviceId, 'customers:create', input, { requestId: 'create-sutarmi-1' });
    const again = await remote(deviceId, 'customers:create', input, { requestId: 'create-sutarmi-1' });
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(count("SELECT count(*) FROM customers WHERE name = 'Sutarmi Wijayakusuma'")).toBe(1);
    const customerId = (first as { value: { id: number } }).value.id;

    const sale = { customerId, amount: 40_000, items: ['Beras 5 kg'] };
    const [a, b] = await Promise.all([
      remote(deviceId, 'purchases:create', sale, { requestId: 'sale-0000001' }),
      remote(deviceId, 'purchases:create', sale, { requestId: 'sale-0000001' }),
    ]);
    const c = await remote(deviceId, 'purchases:create', sale, { requestId: 'sale-0000001' });
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(count(`SELECT count(*) FROM purchases WHERE customer_id = ${customerId}`)).toBe(1);
    // A new id is a new sale.
    await remoteOk(deviceId, 'purchases:create', sale);
    expect(count(`SELECT count(*) FROM purchases WHERE customer_id = ${customerId}`)).toBe(2);
    // A read is just run again, and nothing of it is kept.
    const remembered = count('SELECT count(*) FROM lan_remembered');
    await remote(deviceId, 'customers:get', { id: customerId }, { requestId: 'read-000001' });
    await remote(deviceId, 'customers:get', { id: customerId }, { requestId: 'read-000001' });
    expect(count('SELECT count(*) FROM lan_remembered')).toBe(remembered);
    // Kept briefly: after 15 minutes the tick forgets them (the owner back at the primary).
    t.clock.advance(16 * 60_000);
    t.core.tick();
    await t.ok('auth:unlock', { userId: await ownerIdOf(), pin: OWNER_PIN });
    expect(count('SELECT count(*) FROM lan_remembered')).toBeGreaterThan(0);
    t.core.tick();
    expect(count('SELECT count(*) FROM lan_remembered')).toBe(0);
  });

  it('a write and its remembered reply commit together: a failure between them leaves neither', async () => {
    let failEntry = false;
    const { cashierId } = await primary({
      faultPoint: (name) => {
        if (failEntry && name === 'audit:beforeEntry') throw new Error('killed');
      },
    });
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    failEntry = true;
    const failed = await remote(
      deviceId,
      'customers:create',
      { name: 'Yohana Pratiwi' },
      { requestId: 'create-yohana' },
    );
    failEntry = false;
    expect(failed.ok).toBe(false);
    expect(count("SELECT count(*) FROM customers WHERE name = 'Yohana Pratiwi'")).toBe(0);
    expect(count("SELECT count(*) FROM lan_remembered WHERE request_id = 'create-yohana'")).toBe(0);
    // The retry is then applied (once).
    const retried = await remote(
      deviceId,
      'customers:create',
      { name: 'Yohana Pratiwi' },
      { requestId: 'create-yohana' },
    );
    expect(retried.ok).toBe(true);
    expect(count("SELECT count(*) FROM customers WHERE name = 'Yohana Pratiwi'")).toBe(1);
  });

  it('a primary killed between the commit and the reply answers the retry from memory after it restarts', async () => {
    const folder = tempDir();
    others.push(folder);
    const { cashierId, ownerId } = await primary({ dir: folder.dir });
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const input = { name: 'Kartini Susanti', phone: '0812-9999-0000' };
    // The write commits; its reply never reaches the laptop (the primary dies here).
    const lost = await remote(deviceId, 'customers:create', input, { requestId: 'create-kartini' });
    expect(lost.ok).toBe(true);
    const keyStore = t.keyStore;
    const clock = t.clock;
    t.core.vault.close();
    // The app starts again on the same folder; the owner unlocks the primary.
    host = new MemoryLanHost();
    t = makeCore({ dir: folder.dir, keyStore, clock, lanHost: host });
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(host.started).not.toBeNull();
    const retried = await remote(deviceId, 'customers:create', input, { requestId: 'create-kartini' });
    expect(retried).toEqual(lost);
    expect(count("SELECT count(*) FROM customers WHERE name = 'Kartini Susanti'")).toBe(1);
  });

  it("an erasure forgets what remembered replies said: the erased customer's name is gone from the table", async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const created = await remote(
      deviceId,
      'customers:create',
      { name: 'Sutarmi Wijayakusuma' },
      { requestId: 'create-sutarmi-2' },
    );
    const id = (created as { value: { id: number } }).value.id;
    const texts = () =>
      (
        t.core.vault.requireDb().prepare('SELECT reply FROM lan_remembered').pluck().all() as (
          string | null
        )[]
      ).join('\n');
    expect(texts()).toContain('Sutarmi Wijayakusuma');
    await t.ok('customers:erase', { id, confirm: true });
    expect(texts()).not.toContain('Sutarmi');
    // The retry is still never applied again: it is told the write was done.
    expect(
      await remote(
        deviceId,
        'customers:create',
        { name: 'Sutarmi Wijayakusuma' },
        { requestId: 'create-sutarmi-2' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'reply_forgotten' } } });
    expect(count("SELECT count(*) FROM customers WHERE name LIKE 'Sutarmi%'")).toBe(0);
  });

  it('the key rotation ends every remote session and cuts the laptops off first', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir hilang',
    });
    await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    expect(t.core.sessions.get(`lan:${deviceId}:win-1`)).toBeUndefined();
    expect(host.cutOffs).toContain(deviceId);
    const rotated = auditSince().find((e) => e.action === 'key.rotate');
    expect(rotated?.detail.remoteEnded).toBe(1);
    // Still paired: the laptop reconnects and its cashier logs in again.
    expect(count('SELECT count(*) FROM lan_devices WHERE revoked_at IS NULL')).toBe(1);
    expect(t.core.lanBackend.deviceFor(fingerprintOf(deviceId))).toEqual({ deviceId });
  });

  it("the breach flow's containment can unpair every device", async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir hilang',
    });
    await t.ok('incident:contain', { id: incident.id, endSessions: false, unpairDevices: true });
    expect(await t.ok('lan:devices', {})).toMatchObject([{ id: deviceId, revokedAt: t.clock.now() }]);
    expect(host.cutOffs).toContain(deviceId);
    expect(t.core.sessions.get(`lan:${deviceId}:win-1`)).toBeUndefined();
    expect(auditSince().find((e) => e.action === 'incident.contain')?.detail.devicesUnpaired).toBe(1);
  });

  it('a restore ends every remote session, unpairs every device and drops the identity in the backup', async () => {
    const { cashierId, recoveryCode } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const oldCert = host.started!.identity.cert;
    t.dialogs.nextBackup = await backupNow(t, recoveryCode, others);
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect(t.core.sessions.get(`lan:${deviceId}:win-1`)).toBeUndefined();
    expect(host.cutOffs).toContain(deviceId);
    expect(host.started).toBeNull();
    expect(await t.ok('lan:status', {})).toMatchObject({
      enabled: false,
      listening: null,
      fingerprint: null,
    });
    expect(await t.ok('lan:devices', {})).toMatchObject([{ id: deviceId, revokedAt: expect.any(Number) }]);
    expect(count('SELECT count(*) FROM lan_identity')).toBe(0);
    // Turned on again, the primary has a new identity: every laptop must pair again.
    await t.ok('lan:enable', { enabled: true });
    expect(host.started!.identity.cert).not.toBe(oldCert);
    expect(await remote(deviceId, 'auth:users', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the server goes on listening while the primary is locked: a paired cashier logs in there; an open code goes with the vault', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await t.ok('lan:newCode', {});
    expect(t.core.lanBackend.pairingOpen()).toBe(true);
    await t.ok('auth:lock', {});
    expect(t.core.vault.isOpen()).toBe(false);
    expect(t.core.lanBackend.pairingOpen()).toBe(false);
    expect(host.started).not.toBeNull();
    expect(t.core.lanBackend.deviceFor(fingerprintOfStored(deviceId))).toEqual({ deviceId });
    // The lockout counts on the primary: a wrong PIN from the paired laptop is the primary's.
    expect(await remote(deviceId, 'auth:unlock', { userId: cashierId, pin: '999999' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PIN' },
    });
    await remoteCashier(deviceId, cashierId);
    expect(t.core.vault.isOpen()).toBe(true);
  });

  it('a call with a malformed window or without a request id for a write is refused and changes nothing', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const before = count('SELECT count(*) FROM customers');
    for (const [windowId, requestId] of [
      ['win 1\u0000', 'request-ok-01'],
      ['x'.repeat(65), 'request-ok-02'],
      ['win-1', ''],
      ['win-1', 'short'],
    ] as const)
      expect(
        await t.core.lanBackend.dispatchRemote({
          deviceId,
          windowId,
          requestId,
          channel: 'customers:create',
          input: { name: 'Nadia Putri' },
        }),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(count('SELECT count(*) FROM customers')).toBe(before);
    // An unknown device id (never from the handshake) is refused too.
    expect(await remote('00000000-0000-4000-8000-000000000000', 'auth:users', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('a window that goes away ends its session like a closed window', async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId, 'win-2');
    t.core.lanBackend.seen(deviceId);
    t.core.lanBackend.windowGone(deviceId, 'win-2');
    expect(t.core.sessions.get(`lan:${deviceId}:win-2`)).toBeUndefined();
    expect(auditSince().at(-1)).toMatchObject({ action: 'auth.lock', detail: { device: deviceId } });
    expect(await t.ok('lan:devices', {})).toMatchObject([{ lastSeenAt: t.clock.now() }]);
  });

  it("a remote window's idle lock names the device, and the window is told", async () => {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId, 'win-3');
    // The owner's own window stays busy; the paired laptop's cashier walks away.
    t.clock.advance(4 * 60_000);
    await t.ok('auth:touch', {});
    t.clock.advance(2 * 60_000);
    t.core.tick();
    expect(t.core.sessions.get(`lan:${deviceId}:win-3`)).toBeUndefined();
    const lock = auditSince()
      .filter((e) => e.action === 'auth.lock')
      .at(-1);
    expect(lock).toMatchObject({ actor: cashierId, detail: { reason: 'idle', device: deviceId } });
    expect(host.events.at(-1)).toEqual({
      deviceId,
      windowId: 'win-3',
      event: 'session:locked',
      payload: { reason: 'idle' },
    });
  });
});

async function ownerId(): Promise<string> {
  const status = await t.ok('app:status', {});
  return status.user!.id;
}

/** The owner's id, read at the lock screen. */
async function ownerIdOf(): Promise<string> {
  return (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!.id;
}

describe('two counters and one balance', () => {
  /** A primary with a paired laptop whose cashier is logged in, and the programme on. */
  async function counters(programme: Partial<ChannelInput<'loyalty:save'>>) {
    const { cashierId } = await primary();
    const deviceId = await paired();
    await remoteCashier(deviceId, cashierId);
    const saved = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'points',
      rupiahPer: 10_000,
      expiryMonths: null,
      rewards: [],
      ...programme,
    });
    return { deviceId, programme: saved };
  }

  it("the paired laptop's cashier cannot record a member's consent on their word while joining is by WhatsApp only: refused as at the primary, audited with the device", async () => {
    const { deviceId, programme } = await counters({});
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    const from = lastAuditId();
    const grant = { customerId: rudi.id, purposeId: programme.purposeId!, method: 'verbal' };
    expect(await remote(deviceId, 'consent:grant', grant)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } },
    });
    expect(
      await remote(deviceId, 'customers:create', {
        name: 'Budi',
        consents: [{ purposeId: programme.purposeId!, method: 'paper' }],
      }),
    ).toMatchObject({ ok: false, error: { details: { reason: 'member_whatsapp_only' } } });
    expect(count('SELECT count(*) FROM consent_events')).toBe(0);
    expect(count('SELECT count(*) FROM customers')).toBe(1);
    const refused = auditSince(from).filter((e) => e.detail.reason === 'member_whatsapp_only');
    expect(refused.map((e) => [e.action, e.outcome, e.detail.device])).toEqual([
      ['consent.grant', 'denied', deviceId],
      ['customer.create', 'denied', deviceId],
    ]);
  });

  it('the paired laptop and the primary redeem the same points at the same moment: one reward is given, the other refused, the balance never below zero', async () => {
    const { deviceId, programme } = await counters({
      // Rudi joins at the counter here: the shared balance is what is tested.
      joinProof: 'whatsapp_or_counter',
      rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
    });
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    await t.ok('consent:grant', { customerId: rudi.id, purposeId: programme.purposeId!, method: 'verbal' });
    // 10 points: enough for one reward, not two.
    await t.ok('purchases:create', { customerId: rudi.id, amount: 100_000, items: ['Beras'] });
    const sale = { customerId: rudi.id, amount: 15_000, items: ['Kopi'], rewardId: programme.rewards[0]!.id };
    const [there, here] = await Promise.all([
      remote(deviceId, 'purchases:create', sale),
      t.call('purchases:create', sale),
    ]);
    const outcomes = [there.ok, here.ok].sort();
    expect(outcomes).toEqual([false, true]);
    const refused = (there.ok ? here : there) as { ok: false; error: { code: string; details?: unknown } };
    expect(refused.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'loyalty_balance_low' } });
    expect(count(`SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeemed'`)).toBe(1);
    expect(count(`SELECT coalesce(sum(points), 0) FROM loyalty_ledger WHERE customer_id = ${rudi.id}`)).toBe(
      // 10 earned, 10 redeemed, and the paid Rp 0 of the reward's sale earns nothing.
      0,
    );
    // The refused sale left nothing: one sale with the reward, no second one.
    expect(count(`SELECT count(*) FROM purchases WHERE customer_id = ${rudi.id}`)).toBe(2);
  });
});
