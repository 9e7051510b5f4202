import * as http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LanClient, LinkError, type ClientTiming, type LinkState } from '../../src/main/lan/client';
import { newIdentity, type LanIdentity } from '../../src/main/lan/identity';
import { lanAddresses } from '../../src/main/lan/interfaces';
import {
  PAIRING_CODE_TTL_MS,
  newPairingCode,
  pairingKey,
  pairingProof,
  proofMatches,
} from '../../src/main/lan/pairing-proof';
import type { LanBackend, PairAttempt, PairResult, RemoteCall, Reply } from '../../src/main/lan/protocol';
import { LanServer, type LanLimits } from '../../src/main/lan/server';
import { TestClock } from '../support/clock';
import { startTlsProxy } from '../support/tls-proxy';

/**
 * The link between the primary and a paired laptop, over real TLS 1.3 on 127.0.0.1 with real
 * identities. The primary's Core is stood in for by a small backend kept in memory here: it pairs
 * like the real one (a one-time code, Argon2id proofs over both fingerprints) and records what the
 * link handed it.
 */

const clock = new TestClock();
let primary: LanIdentity;
let laptop: LanIdentity;
let laptop2: LanIdentity;
let stranger: LanIdentity;
let mallory: LanIdentity;

beforeAll(async () => {
  const now = new Date(clock.now());
  [primary, laptop, laptop2, stranger, mallory] = await Promise.all([
    newIdentity('Laptop utama', now),
    newIdentity('Kasir 2', now),
    newIdentity('Kasir 3', now),
    newIdentity('Orang asing', now),
    newIdentity('Penyadap', now),
  ]);
});

class MemoryBackend implements LanBackend {
  readonly devices = new Map<string, { deviceId: string }>();
  code: { code: string; issuedAt: number; used: boolean } | null = null;
  /** Accepts any client proof: stands for a primary fooled some other way, to show the client checks alone. */
  lax = false;
  readonly pairs: PairAttempt[] = [];
  readonly calls: RemoteCall[] = [];
  readonly gone: string[] = [];
  readonly seenDevices: string[] = [];
  answer: (call: RemoteCall) => Promise<Reply> = (call) =>
    Promise.resolve({
      ok: true,
      value: { input: call.input, deviceId: call.deviceId, windowId: call.windowId },
    });

  /** No file ever waits here (the primary's Core keeps them: lan-files.test.ts). */
  fileStep(): null {
    return null;
  }

  openCode(): string {
    this.code = { code: newPairingCode(), issuedAt: clock.now(), used: false };
    return this.code.code;
  }

  add(identity: LanIdentity, deviceId: string): void {
    this.devices.set(identity.fingerprint, { deviceId });
  }

  revoke(deviceId: string): void {
    for (const [fp, d] of this.devices) if (d.deviceId === deviceId) this.devices.delete(fp);
  }

  deviceFor(fingerprint: string): { deviceId: string } | null {
    return this.devices.get(fingerprint) ?? null;
  }

  /** The owner's pairing screen is open (the code itself may be used or expired: pair() says so). */
  pairingOpen(): boolean {
    return this.code !== null;
  }

  async pair(attempt: PairAttempt): Promise<PairResult> {
    this.pairs.push(attempt);
    const code = this.code;
    if (!code) return { ok: false, reason: 'no_code' };
    if (code.used) return { ok: false, reason: 'used' };
    if (clock.now() - code.issuedAt > PAIRING_CODE_TTL_MS) return { ok: false, reason: 'expired' };
    const { serverFingerprint: s, clientFingerprint: c } = attempt;
    const key = await pairingKey(code.code, s, c);
    if (!this.lax && !proofMatches(pairingProof(key, 'client', s, c), attempt.proof)) {
      return { ok: false, reason: 'wrong' };
    }
    code.used = true;
    const deviceId = `dev-${this.devices.size + 1}`;
    this.devices.set(c, { deviceId });
    return { ok: true, deviceId, serverProof: pairingProof(key, 'server', s, c) };
  }

  dispatchRemote(call: RemoteCall): Promise<Reply> {
    this.calls.push(call);
    return this.answer(call);
  }

  windowGone(deviceId: string, windowId: string): void {
    this.gone.push(`${deviceId}/${windowId}`);
  }

  seen(deviceId: string): void {
    this.seenDevices.push(deviceId);
  }
}

const FAST: Partial<ClientTiming> = {
  connectTimeoutMs: 2_000,
  callTimeoutMs: 2_000,
  retryBaseMs: 20,
  reconnectBaseMs: 50,
  reconnectMaxMs: 200,
};

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function startServer(
  backend: LanBackend,
  limits: Partial<LanLimits> = {},
  port = 0,
): Promise<{ server: LanServer; port: number }> {
  const server = new LanServer({ interfaces: ['127.0.0.1'], port, limits });
  const started = await server.start(primary, backend);
  cleanup.push(() => server.stop());
  return { server, port: started.port };
}

function client(
  port: number,
  identity: LanIdentity = laptop,
  serverFingerprint = primary.fingerprint,
  timing: Partial<ClientTiming> = FAST,
): LanClient {
  const c = new LanClient({ host: '127.0.0.1', port, identity, serverFingerprint, timing });
  cleanup.push(() => c.close());
  return c;
}

async function until(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > ms) throw new Error(`waited ${ms} ms for ${what}`);
    await delay(10);
  }
}

async function linkError(promise: Promise<unknown>): Promise<LinkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LinkError) return error;
    throw error;
  }
  throw new Error('expected a LinkError');
}

/** A bare HTTP/2 connection with a given certificate, to say things LanClient never would. */
function raw(port: number, identity: LanIdentity): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      key: identity.key,
      cert: identity.cert,
      rejectUnauthorized: false,
    });
    cleanup.push(() => session.destroy());
    session.on('error', reject);
    session.once('close', () => reject(new Error('closed before SETTINGS')));
    session.once('remoteSettings', () => resolve(session));
  });
}

function rawRequest(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: string,
  keepOpen = false,
): { stream: http2.ClientHttp2Stream; answer: Promise<{ status: number; text: string }> } {
  const stream = session.request(headers, { endStream: body === undefined && !keepOpen });
  stream.on('error', () => undefined);
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    let status = 0;
    let text = '';
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (text += c));
    stream.on('end', () => resolve({ status, text }));
    stream.on('close', () => reject(new Error(`stream closed, status ${status}`)));
  });
  answer.catch(() => undefined);
  if (body !== undefined) stream.end(body);
  return { stream, answer };
}

function paired(): MemoryBackend {
  const backend = new MemoryBackend();
  backend.add(laptop, 'dev-1');
  backend.add(laptop2, 'dev-2');
  return backend;
}

interface Followed {
  events: Array<{ event: string; payload: unknown }>;
  states: LinkState[];
  errors: Array<LinkError | undefined>;
  stop: () => void;
}

function follow(c: LanClient, windowId: string): Followed {
  const f: Followed = { events: [], states: [], errors: [], stop: () => undefined };
  f.stop = c.events(windowId, {
    event: (event, payload) => f.events.push({ event, payload }),
    state: (state, error) => {
      f.states.push(state);
      f.errors.push(error);
    },
  });
  return f;
}

describe('the LAN link: pairing', () => {
  it('pairs over the code, and each side ends with the fingerprint of the certificate the other really holds', async () => {
    const backend = new MemoryBackend();
    const { port } = await startServer(backend);
    const code = backend.openCode();
    const result = await LanClient.pair({
      host: '127.0.0.1',
      port,
      code,
      name: 'Kasir 2',
      identity: laptop,
      timing: FAST,
    });
    expect(result.serverFingerprint).toBe(primary.fingerprint);
    expect(backend.pairs).toHaveLength(1);
    expect(backend.pairs[0]).toMatchObject({
      clientFingerprint: laptop.fingerprint,
      serverFingerprint: primary.fingerprint,
      name: 'Kasir 2',
    });
    expect(backend.deviceFor(laptop.fingerprint)).toEqual({ deviceId: result.deviceId });
    // The pinned connection now works, as that device.
    const c = client(port, laptop, result.serverFingerprint);
    expect(await c.call('w1', 'customers:search', { query: 'ani' })).toEqual({
      ok: true,
      value: { input: { query: 'ani' }, deviceId: result.deviceId, windowId: 'w1' },
    });
    expect(backend.calls[0]?.deviceId).toBe(result.deviceId);
    expect(backend.seenDevices).toEqual([result.deviceId]);
  });

  it('refuses a wrong code, an expired code and a code used a second time, and pairs nobody', async () => {
    const backend = new MemoryBackend();
    const { port } = await startServer(backend);
    const pair = (code: string, identity: LanIdentity) =>
      LanClient.pair({ host: '127.0.0.1', port, code, name: 'Kasir', identity, timing: FAST });

    const code = backend.openCode();
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect(await linkError(pair(wrong, laptop))).toMatchObject({ kind: 'refused', reason: 'wrong' });
    expect(backend.devices.size).toBe(0);

    clock.advance(PAIRING_CODE_TTL_MS + 1_000);
    expect(await linkError(pair(code, laptop))).toMatchObject({ kind: 'refused', reason: 'expired' });
    expect(backend.devices.size).toBe(0);

    const fresh = backend.openCode();
    await pair(fresh, laptop);
    expect(await linkError(pair(fresh, laptop2))).toMatchObject({ kind: 'refused', reason: 'used' });
    expect(backend.deviceFor(laptop2.fingerprint)).toBeNull();
  });

  it('while pairing is open, an unpaired certificate may pair and do nothing else', async () => {
    const backend = paired();
    backend.openCode();
    const { port } = await startServer(backend);
    const session = await raw(port, stranger);
    const call = rawRequest(
      session,
      { ':method': 'POST', ':path': '/call' },
      JSON.stringify({ windowId: 'w1', requestId: 'r1', channel: 'customers:search', input: {} }),
    );
    expect((await call.answer).status).toBe(403);
    const events = rawRequest(session, { ':method': 'GET', ':path': '/events?window=w1' });
    expect((await events.answer).status).toBe(403);
    expect(backend.calls).toEqual([]);
  });
});

describe('the LAN link: who may connect', () => {
  it('with no pairing open, an unpaired certificate is dropped at the handshake: not one HTTP/2 frame back', async () => {
    const backend = paired();
    const { port } = await startServer(backend);
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      key: stranger.key,
      cert: stranger.cert,
      rejectUnauthorized: false,
    });
    cleanup.push(() => session.destroy());
    const heard: string[] = [];
    session.on('error', () => undefined);
    session.on('remoteSettings', () => heard.push('settings'));
    const stream = session.request({ ':method': 'GET', ':path': '/events?window=w1' }, { endStream: true });
    stream.on('error', () => undefined);
    stream.on('response', () => heard.push('response'));
    await new Promise((resolve) => session.once('close', resolve));
    expect(heard).toEqual([]);

    const c = client(port, stranger);
    expect(await linkError(c.call('w1', 'customers:search', {}))).toMatchObject({ kind: 'refused' });
    expect(backend.calls).toEqual([]);
    expect(backend.seenDevices).toEqual([]);
  });

  it('speaks TLS 1.3 only: refuses a TLS 1.2 client with a paired certificate, and a TLS 1.2 server', async () => {
    const { port } = await startServer(paired());
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        key: laptop.key,
        cert: laptop.cert,
        maxVersion: 'TLSv1.2',
        rejectUnauthorized: false,
        ALPNProtocols: ['h2'],
      });
      cleanup.push(() => socket.destroy());
      socket.once('secureConnect', () => resolve(`connected with ${socket.getProtocol()}`));
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');

    // And the laptop will not talk TLS 1.2 to a "primary" that offers only that, pinned certificate or not.
    const old = tls.createServer({
      key: primary.key,
      cert: primary.cert,
      maxVersion: 'TLSv1.2',
      ALPNProtocols: ['h2'],
    });
    old.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    const accepted = new Set<net.Socket>();
    old.on('connection', (socket: net.Socket) => accepted.add(socket));
    cleanup.push(
      () =>
        new Promise((resolve) => {
          for (const socket of accepted) socket.destroy();
          old.close(resolve);
        }),
    );
    const c = client((old.address() as net.AddressInfo).port);
    expect(await linkError(c.call('w1', 'customers:search', {}))).toMatchObject({
      kind: 'refused',
      reason: 'tls',
    });
  });

  it('a machine in the middle cannot pair: its proof is refused by the primary, and a fooled primary is refused by the laptop', async () => {
    const backend = new MemoryBackend();
    const { port } = await startServer(backend);
    const proxy = await startTlsProxy({ identity: mallory, target: { host: '127.0.0.1', port } });
    cleanup.push(() => proxy.close());
    const pairThroughProxy = () =>
      LanClient.pair({
        host: '127.0.0.1',
        port: proxy.port,
        code: backend.code?.code ?? '',
        name: 'Kasir 2',
        identity: laptop,
        timing: FAST,
      });

    backend.openCode();
    expect(await linkError(pairThroughProxy())).toMatchObject({ kind: 'refused', reason: 'wrong' });
    // The primary saw the proxy's certificate, not the laptop's.
    expect(backend.pairs[0]?.clientFingerprint).toBe(mallory.fingerprint);
    expect(backend.devices.size).toBe(0);

    // A primary that took any proof: the laptop still sees the server proof was made for other
    // certificates than the ones it saw, and pins nothing.
    backend.lax = true;
    backend.openCode();
    expect(await linkError(pairThroughProxy())).toMatchObject({ kind: 'refused', reason: 'server_proof' });
  });

  it('a machine in the middle cannot sit between paired laptops: the laptop refuses its certificate, the primary refuses the proxy', async () => {
    const backend = paired();
    const { port } = await startServer(backend);
    const proxy = await startTlsProxy({ identity: mallory, target: { host: '127.0.0.1', port } });
    cleanup.push(() => proxy.close());

    const pinned = client(proxy.port, laptop, primary.fingerprint);
    expect(await linkError(pinned.call('w1', 'customers:search', {}))).toMatchObject({
      kind: 'refused',
      reason: 'pin_mismatch',
    });
    // Even a laptop fooled into pinning the proxy gets nothing: the primary drops the proxy's own
    // certificate at the handshake.
    const fooled = client(proxy.port, laptop, mallory.fingerprint);
    expect(await linkError(fooled.call('w1', 'customers:search', {}))).toMatchObject({ kind: 'refused' });
    expect(backend.calls).toEqual([]);
  });

  it('a revoked device is cut off mid-session: its open event stream ends and its next call is refused', async () => {
    const backend = paired();
    const { server, port } = await startServer(backend);
    const c = client(port);
    const f = follow(c, 'w1');
    await until(() => f.states.includes('connected'), 'connected');
    expect(await c.call('w1', 'customers:search', {})).toMatchObject({ ok: true });

    backend.revoke('dev-1');
    server.cutOff('dev-1');
    await until(() => f.states.at(-1) === 'disconnected', 'the event stream to end', 1_000);
    expect(backend.gone).toContain('dev-1/w1');
    expect(await linkError(c.call('w1', 'customers:search', {}))).toMatchObject({ kind: 'refused' });
    expect(backend.calls).toHaveLength(1);
  });

  it('listens only on private IPv4 addresses of the shop network, never on loopback, public or all interfaces', async () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({
      address,
      family,
      internal,
      netmask: '',
      mac: '00:00:00:00:00:00',
      cidr: null,
      ...(family === 'IPv6' ? { scopeid: 0 } : {}),
    });
    const found = lanAddresses({
      lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
      eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
      wlan0: [nic('10.0.0.7', 'IPv4'), nic('172.20.1.2', 'IPv4'), nic('172.32.0.1', 'IPv4')],
      wwan0: [nic('114.4.5.6', 'IPv4'), nic('0.0.0.0', 'IPv4')],
    } as never);
    expect(found.sort()).toEqual(['10.0.0.7', '172.20.1.2', '192.168.1.20']);
    await expect(
      new LanServer({ interfaces: ['0.0.0.0'], port: 0 }).start(primary, paired()),
    ).rejects.toThrow();
  });
});

describe('the LAN link: bounds', () => {
  it('answers 413 to a body over 256 KiB before the sender has finished, and takes one just under it', async () => {
    const backend = paired();
    const { port } = await startServer(backend);
    const session = await raw(port, laptop);
    // No declared length, and the stream is never ended: the server must stop on its own count.
    const { stream, answer } = rawRequest(session, { ':method': 'POST', ':path': '/call' }, undefined, true);
    const chunk = 'x'.repeat(16 * 1024);
    for (let sent = 0; sent < 300 * 1024; sent += chunk.length) stream.write(chunk);
    expect((await answer).status).toBe(413);
    // A declared length over the bound is refused before any byte is read.
    const declared = rawRequest(
      session,
      { ':method': 'POST', ':path': '/call', 'content-length': 1_000_000 },
      undefined,
      true,
    );
    expect((await declared.answer).status).toBe(413);
    expect(backend.calls).toEqual([]);

    const c = client(port);
    const big = 'y'.repeat(250 * 1024);
    expect(await c.call('w1', 'customers:update', { note: big })).toMatchObject({ ok: true });
    expect(
      await linkError(c.call('w1', 'customers:update', { note: `${big}${'y'.repeat(8 * 1024)}` })),
    ).toMatchObject({
      kind: 'protocol',
      reason: '413',
    });
    expect(backend.calls).toHaveLength(1);
  });

  it('answers 408 to a request whose body stalls, and closes a connection that says nothing', async () => {
    const backend = paired();
    const { port } = await startServer(backend, {
      bodyTimeoutMs: 300,
      idleTimeoutMs: 600,
      handshakeTimeoutMs: 300,
    });
    const session = await raw(port, laptop);
    const { stream, answer } = rawRequest(session, { ':method': 'POST', ':path': '/call' }, undefined, true);
    stream.write('{"windowId":"w1",');
    expect((await answer).status).toBe(408);
    expect(backend.calls).toEqual([]);

    // The same connection, now silent, is closed after the idle time.
    await new Promise((resolve) => session.once('close', resolve));

    // A TCP connection that never starts TLS is closed after the handshake time.
    const socket = net.connect(port, '127.0.0.1');
    cleanup.push(() => socket.destroy());
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('close', resolve));
  });

  it('keeps a window that only listens alive with heartbeats past the idle time', async () => {
    const backend = paired();
    const { server, port } = await startServer(backend, { idleTimeoutMs: 600, heartbeatMs: 100 });
    const c = client(port);
    const f = follow(c, 'w1');
    await until(() => f.states.includes('connected'), 'connected');
    await delay(1_500);
    expect(f.states).toEqual(['connected']);
    server.emit({ deviceId: 'dev-1', windowId: 'w1', event: 'customers:changed', payload: 1 });
    await until(() => f.events.length === 1, 'the event');
  });

  it('refuses connections past the bound before any TLS work, and takes new ones once some close', async () => {
    const { port } = await startServer(paired(), { maxConnections: 2 });
    const open = (): Promise<{ socket: tls.TLSSocket; ok: boolean }> =>
      new Promise((resolve) => {
        const socket = tls.connect({
          host: '127.0.0.1',
          port,
          key: laptop.key,
          cert: laptop.cert,
          rejectUnauthorized: false,
          ALPNProtocols: ['h2'],
        });
        cleanup.push(() => socket.destroy());
        socket.once('secureConnect', () => resolve({ socket, ok: true }));
        socket.once('error', () => resolve({ socket, ok: false }));
        socket.once('close', () => resolve({ socket, ok: false }));
      });
    const first = await open();
    const second = await open();
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect((await open()).ok).toBe(false);
    first.socket.destroy();
    // Once the server has seen that one close, there is room again.
    let again = false;
    for (let i = 0; i < 40 && !again; i++) {
      await delay(50);
      again = (await open()).ok;
    }
    expect(again).toBe(true);
  });

  it('holds one connection to the advertised number of open streams', async () => {
    const { port } = await startServer(paired(), { maxStreamsPerSession: 2 });
    const session = await raw(port, laptop);
    expect(session.remoteSettings.maxConcurrentStreams).toBe(2);
    const answered: string[] = [];
    for (const w of ['a', 'b', 'c']) {
      const s = session.request({ ':method': 'GET', ':path': `/events?window=${w}` }, { endStream: true });
      s.on('error', () => undefined);
      s.on('response', () => answered.push(w));
    }
    await until(() => answered.length === 2, 'two streams');
    await delay(300);
    // The third is held back (or reset by the server if a client sends it anyway), never served.
    expect(answered.sort()).toEqual(['a', 'b']);
  });

  it('answers 400 to a body that is not JSON and 404 to a route it does not have', async () => {
    const backend = paired();
    const { port } = await startServer(backend);
    const session = await raw(port, laptop);
    expect(
      (await rawRequest(session, { ':method': 'POST', ':path': '/call' }, '{"windowId":').answer).status,
    ).toBe(400);
    expect(
      (
        await rawRequest(
          session,
          { ':method': 'POST', ':path': '/call' },
          JSON.stringify({ windowId: 'w 1', requestId: 'r' }),
        ).answer
      ).status,
    ).toBe(400);
    expect((await rawRequest(session, { ':method': 'GET', ':path': '/vault' }).answer).status).toBe(404);
    expect((await rawRequest(session, { ':method': 'GET', ':path': '/call' }).answer).status).toBe(404);
    expect(backend.calls).toEqual([]);
  });
});

describe('the LAN link: calls and events', () => {
  it('retries a call that timed out under the same requestId, and a new call gets a new one', async () => {
    const backend = paired();
    const answered = new Set<string>();
    backend.answer = async (call) => {
      if (!answered.has(call.requestId)) {
        answered.add(call.requestId);
        await delay(1_000);
      }
      return { ok: true, value: 'dicatat' };
    };
    const { port } = await startServer(backend);
    const c = client(port, laptop, primary.fingerprint, { ...FAST, callTimeoutMs: 300, tries: 3 });
    expect(await c.call('w1', 'sales:record', { total: 15_000 })).toEqual({ ok: true, value: 'dicatat' });
    expect(backend.calls).toHaveLength(2);
    expect(backend.calls[0]?.requestId).toBe(backend.calls[1]?.requestId);
    expect(backend.calls[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);

    await c.call('w1', 'sales:record', { total: 20_000 });
    expect(new Set(backend.calls.map((call) => call.requestId)).size).toBe(2);
  });

  it('gives up with "timeout" after its tries, and "offline" when nothing listens', async () => {
    const backend = paired();
    backend.answer = () => new Promise(() => undefined);
    const { server, port } = await startServer(backend);
    const c = client(port, laptop, primary.fingerprint, { ...FAST, callTimeoutMs: 200, tries: 2 });
    expect(await linkError(c.call('w1', 'sales:record', {}))).toMatchObject({ kind: 'timeout' });
    expect(backend.calls).toHaveLength(2);
    await server.stop();
    expect(await linkError(c.call('w1', 'sales:record', {}))).toMatchObject({ kind: 'offline' });
  });

  it("delivers each event to its own device's own window only, and tells the primary when a window goes", async () => {
    const backend = paired();
    const { server, port } = await startServer(backend);
    const one = client(port, laptop);
    const two = client(port, laptop2);
    const oneW1 = follow(one, 'w1');
    const oneW2 = follow(one, 'w2');
    const twoW1 = follow(two, 'w1');
    await until(() => [oneW1, oneW2, twoW1].every((f) => f.states.includes('connected')), 'three windows');

    server.emit({ deviceId: 'dev-1', windowId: 'w1', event: 'customers:changed', payload: { id: 7 } });
    server.emit({ deviceId: 'dev-2', windowId: 'w1', event: 'job:progress', payload: { done: 3 } });
    server.emit({ deviceId: 'dev-1', windowId: 'w9', event: 'customers:changed', payload: { id: 8 } });
    await until(() => oneW1.events.length === 1 && twoW1.events.length === 1, 'both events');
    await delay(100);
    expect(oneW1.events).toEqual([{ event: 'customers:changed', payload: { id: 7 } }]);
    expect(twoW1.events).toEqual([{ event: 'job:progress', payload: { done: 3 } }]);
    expect(oneW2.events).toEqual([]);

    // The laptop closes a window: its session on the primary ends; the others stay.
    oneW2.stop();
    await until(() => backend.gone.length === 1, 'the window to be gone');
    expect(backend.gone).toEqual(['dev-1/w2']);
  });

  it('reconnects by itself after the primary restarts, and says so', async () => {
    const backend = paired();
    const first = await startServer(backend);
    const c = client(first.port);
    const f = follow(c, 'w1');
    await until(() => f.states.includes('connected'), 'connected');

    await first.server.stop();
    await until(() => f.states.at(-1) === 'disconnected', 'disconnected');
    expect(f.errors.at(-1)?.kind).toBe('offline');
    expect(backend.gone).toEqual(['dev-1/w1']);

    const second = await startServer(backend, {}, first.port);
    await until(() => f.states.at(-1) === 'connected', 'connected again');
    expect(f.states).toEqual(['connected', 'disconnected', 'connected']);
    second.server.emit({ deviceId: 'dev-1', windowId: 'w1', event: 'customers:changed', payload: null });
    await until(() => f.events.length === 1, 'the event after the restart');
    expect(await c.call('w1', 'customers:search', {})).toMatchObject({ ok: true });
  });
});
