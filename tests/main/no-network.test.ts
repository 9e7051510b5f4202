import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => {
  vi.restoreAllMocks();
  t?.cleanup();
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('no network', () => {
  it('a whole working day in the core opens no socket and looks up no host', async () => {
    const calls: string[] = [];
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function () {
      calls.push('net.connect');
      throw new Error('network used');
    });
    vi.spyOn(dns, 'lookup').mockImplementation((() => calls.push('dns.lookup')) as never);
    vi.spyOn(http, 'request').mockImplementation((() => calls.push('http.request')) as never);
    vi.spyOn(https, 'request').mockImplementation((() => calls.push('https.request')) as never);
    vi.spyOn(globalThis, 'fetch').mockImplementation((() => calls.push('fetch')) as never);

    t = makeCore();
    const { cashierId } = await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Tanpa Jaringan', phone: '0812-2222-3333' });
    await t.ok('customers:get', { id: c.id });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    await t.ok('customers:search', { query: 'tanpa' });
    expect(calls).toEqual([]);
  });

  it('no source file in the app reaches for the network, but the link between paired laptops', () => {
    // The shop's own second counter: mutual TLS to a pinned laptop on the shop's network only
    // (src/main/lan/server.ts listens, client.ts connects); nothing else may open a socket.
    const LINK = ['src/main/lan/server.ts', 'src/main/lan/client.ts'];
    const offenders = files('src')
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => !LINK.includes(f.replace(/\\/g, '/')))
      .filter((f) => {
        // A type-only import opens nothing (it is gone from the built code).
        const src = readFileSync(f, 'utf8').replace(/^import type [^;]*;$/gm, '');
        return /from ['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]|\bfetch\(|XMLHttpRequest|new WebSocket|EventSource\(/.test(
          src,
        );
      });
    expect(offenders).toEqual([]);
    // The link itself is there and is what the exception names.
    for (const f of LINK) expect(readFileSync(f, 'utf8')).toMatch(/from 'node:http2'/);
  });
});
