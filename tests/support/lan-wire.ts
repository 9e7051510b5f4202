import http2 from 'node:http2';
import { LanClient } from '../../src/main/lan/client';
import { newIdentity, type LanIdentity } from '../../src/main/lan/identity';
import type { LanFileLimits, Reply } from '../../src/main/lan/protocol';
import { LanServer, type LanLimits } from '../../src/main/lan/server';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from './fixtures';

/**
 * A real primary Core behind a real LanServer on 127.0.0.1, and real paired laptops: the set-up
 * of every test of the contract over the wire.
 */
export const FAST = { connectTimeoutMs: 2000, callTimeoutMs: 3000, tries: 2, retryBaseMs: 20 };

export interface Paired {
  client: LanClient;
  deviceId: string;
  identity: LanIdentity;
  code: string;
  serverFingerprint: string;
}

export class WireRig {
  t: TestCore | undefined;
  server: LanServer | undefined;
  readonly clients: LanClient[] = [];

  /** The primary set up (owner logged in on its own window w1), the link on. */
  /** `port`: a fixed one, for a primary that must come back where its laptops look (default: any). */
  async primary(
    opts: {
      limits?: Partial<LanLimits>;
      log?: (line: string) => void;
      port?: number;
      lanFiles?: LanFileLimits;
    } = {},
  ) {
    this.server = new LanServer({ interfaces: ['127.0.0.1'], port: opts.port ?? 0, limits: opts.limits });
    this.t = makeCore({ lanHost: this.server, log: opts.log, lanFiles: opts.lanFiles });
    const ids = await setupShop(this.t);
    const status = await this.t.ok('lan:enable', { enabled: true });
    return { ids, port: (status as { listening: { port: number } }).listening.port };
  }

  async pair(port: number, name = 'Kasir 2'): Promise<Paired> {
    const t = this.t!;
    const identity = await newIdentity(name, new Date(t.clock.now()));
    const { code } = await t.ok('lan:newCode', {});
    const { client, pairing } = await pairedClient(port, code, name, identity);
    this.clients.push(client);
    return {
      client,
      deviceId: pairing.deviceId,
      identity,
      code,
      serverFingerprint: pairing.serverFingerprint,
    };
  }

  async close(): Promise<void> {
    for (const c of this.clients.splice(0)) c.close();
    await this.server?.stop();
    this.t?.cleanup();
    this.t = undefined;
    this.server = undefined;
  }
}

/** The cashier's first login on the paired laptop, with the initial PIN changed there too. */
export async function cashierIn(client: Pick<LanClient, 'call'>, cashierId: string, windowId = 'w1') {
  value(await client.call(windowId, 'auth:unlock', { userId: cashierId, pin: CASHIER_PIN }));
  value(
    await client.call(windowId, 'auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: '582914',
      newPinConfirm: '582914',
    }),
  );
}

/** Pairs `identity` with the primary at `port` using `code`, and the client pinned to it. */
export async function pairedClient(port: number, code: string, name: string, identity: LanIdentity) {
  const pairing = await LanClient.pair({ host: '127.0.0.1', port, code, name, identity, timing: FAST });
  const client = new LanClient({
    host: '127.0.0.1',
    port,
    identity,
    serverFingerprint: pairing.serverFingerprint,
    timing: FAST,
  });
  return { client, pairing };
}

export function value(r: Reply): unknown {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * One raw HTTP/2 request on a paired laptop's own certificate, bytes exactly as given: what a
 * hostile or broken client could send, and a retry under a requestId of the test's choosing.
 */
export function rawRequest(
  port: number,
  identity: { key: string; cert: string },
  body: string | Buffer,
  path = '/call',
  /** Called once the whole request has been handed to the connection. */
  sent?: () => void,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      key: identity.key,
      cert: identity.cert,
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      rejectUnauthorized: false,
    });
    session.on('error', reject);
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const req = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/json',
      'content-length': data.length,
    });
    let status = 0;
    const chunks: Buffer[] = [];
    req.on('response', (h) => (status = Number(h[':status'])));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', (e) => {
      session.destroy();
      reject(e);
    });
    req.on('end', () => {
      session.close();
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      resolve({ status, json });
    });
    req.end(data, () => sent?.());
  });
}
