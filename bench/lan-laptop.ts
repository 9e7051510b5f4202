import { parentPort, workerData } from 'node:worker_threads';
import { LanClient, LinkError, type LanClientOptions } from '../src/main/lan/client';
import type { Reply } from '../src/main/lan/protocol';
import { rng } from './generate';

/**
 * A paired laptop for `npm run bench -- --only-lan`, on a thread of its own: on a real shop's
 * network its link work (TLS, JSON) runs on another machine, so here it stays off the primary's
 * event loop, whose responsiveness the bench measures. It times its own calls and reports them.
 */

export type LaptopRequest =
  | { op: 'call'; seq: number; windowId: string; channel: string; input: unknown }
  | {
      op: 'load';
      seq: number;
      windowId: string;
      terms: string[];
      maxCustomerId: number;
      ms: number;
      perSecond: number;
      seed: number;
    };

export interface LoadResult {
  counts: { search: number; get: number; sale: number };
  okSales: number;
  errors: Record<string, number>;
  latency: number[];
}

export type LaptopAnswer =
  { seq: number; op: 'call'; ms: number; reply: Reply } | { seq: number; op: 'load'; result: LoadResult };

/** The answer, or what went wrong on the link as a short code (for the error count). */
async function call(client: LanClient, windowId: string, channel: string, input: unknown): Promise<Reply> {
  try {
    return await client.call(windowId, channel, input);
  } catch (e) {
    const code = e instanceof LinkError ? `link ${e.kind}${e.reason ? ` ${e.reason}` : ''}` : 'thrown';
    return { ok: false, error: { code, message: '' } };
  }
}

export type LoadSpec = Omit<Extract<LaptopRequest, { op: 'load' }>, 'op' | 'seq'>;

/**
 * A counter at `perSecond` calls, open loop (each call leaves at its time whether or not the one
 * before has answered): search, search, search, open a customer, record a sale. `send` is a paired
 * laptop's link, or (the bench's baseline) the primary's own dispatch.
 */
export function load(
  send: (
    windowId: string,
    channel: string,
    input: unknown,
  ) => Promise<{ ok: true } | { ok: false; error: { code: string } }>,
  req: LoadSpec,
): Promise<LoadResult> {
  const r = rng(req.seed);
  const result: LoadResult = { counts: { search: 0, get: 0, sale: 0 }, okSales: 0, errors: {}, latency: [] };
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  return new Promise<void>((resolve) => {
    let n = 0;
    const tick = () => {
      if (performance.now() - t0 >= req.ms) return resolve();
      const kind = n % 5 < 3 ? 'search' : n % 5 === 3 ? 'get' : 'sale';
      const id = 1 + Math.floor(r() * req.maxCustomerId);
      const [channel, input] =
        kind === 'search'
          ? [
              'customers:search',
              { query: req.terms[Math.floor(r() * req.terms.length)]!, offset: 0, limit: 20 },
            ]
          : kind === 'get'
            ? ['customers:get', { id }]
            : ['purchases:create', { customerId: id, amount: 25_000, items: ['Gula 1 kg'] }];
      const sent = performance.now();
      const p = send(req.windowId, channel, input).then((reply) => {
        result.latency.push(performance.now() - sent);
        result.counts[kind]++;
        if (reply.ok && kind === 'sale') result.okSales++;
        if (!reply.ok) result.errors[reply.error.code] = (result.errors[reply.error.code] ?? 0) + 1;
        pending.delete(p);
      });
      pending.add(p);
      n++;
      setTimeout(tick, Math.max(0, t0 + (n * 1000) / req.perSecond - performance.now()));
    };
    tick();
  })
    .then(() => Promise.all([...pending]))
    .then(() => result);
}

if (parentPort) {
  const port = parentPort;
  const client = new LanClient(workerData as LanClientOptions);
  port.on('message', (req: LaptopRequest | { op: 'close' }) => {
    if (req.op === 'close') {
      client.close();
      port.close();
      return;
    }
    if (req.op === 'call') {
      const t0 = performance.now();
      void call(client, req.windowId, req.channel, req.input).then((reply) =>
        port.postMessage({
          seq: req.seq,
          op: 'call',
          ms: performance.now() - t0,
          reply,
        } satisfies LaptopAnswer),
      );
      return;
    }
    void load((w, c, i) => call(client, w, c, i), req).then((result) =>
      port.postMessage({ seq: req.seq, op: 'load', result } satisfies LaptopAnswer),
    );
  });
}
