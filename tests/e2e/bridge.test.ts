import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../support/bridge';
import { makeCore, type TestCore } from '../support/fixtures';

let t: TestCore;
let bridge: Bridge;
beforeAll(async () => {
  t = makeCore();
  bridge = await startBridge(t.core);
});
afterAll(async () => {
  await bridge.close();
  t.cleanup();
});

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(path, bridge.url);
  return new Promise<{ status: number; body: string }>((ok, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers: opts.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

describe('the test bridge guards its loopback transport', () => {
  it('each page load gets its own window token; calls need one', async () => {
    const page1 = await raw('/');
    const page2 = await raw('/');
    const token = (html: string) => /shim-([0-9a-f]{64})\.js/.exec(html)?.[1];
    expect(token(page1.body)).toBeTruthy();
    expect(token(page1.body)).not.toBe(token(page2.body));
    const body = JSON.stringify({ channel: 'app:status', input: {} });
    expect(
      (await raw('/__bridge/rpc', { method: 'POST', body, headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(403);
    expect(
      (await raw('/__bridge/rpc', { method: 'POST', body, headers: { 'x-brankas-window': 'f'.repeat(64) } }))
        .status,
    ).toBe(403);
    const good = await raw('/__bridge/rpc', {
      method: 'POST',
      body,
      headers: { 'x-brankas-window': token(page1.body)! },
    });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { setupDone: false } });
  });

  it('refuses other Host names (DNS rebinding), foreign origins and path escapes', async () => {
    expect((await raw('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    const tok = /shim-([0-9a-f]{64})\.js/.exec((await raw('/')).body)![1]!;
    const body = JSON.stringify({ channel: 'app:status', input: {} });
    expect(
      (
        await raw('/__bridge/rpc', {
          method: 'POST',
          body,
          headers: { 'x-brankas-window': tok, origin: 'http://evil.example' },
        })
      ).status,
    ).toBe(403);
    expect((await raw('/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await raw('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});
