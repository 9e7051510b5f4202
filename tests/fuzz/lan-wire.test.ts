import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelName } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { LinkError } from '../../src/main/lan/client';
import type { Reply } from '../../src/main/lan/protocol';
import { WireRig, cashierIn, rawRequest, value, type Paired } from '../support/lan-wire';
import { inputSchema, mutantArbitrary, schemaArbitrary, textArbitrary } from '../support/schema-arbitrary';
import { COLUMN, MATRIX } from '../support/channel-matrix';

/**
 * Fuzz over the real link: random channel names and inputs through a paired laptop's LanClient,
 * and random framing (bad JSON, wrong types, bodies just under and over the limit, unicode,
 * broken UTF-8) through raw HTTP/2 on the laptop's own certificate. The primary never crashes and
 * logs no error, always answers with a coded error, a refused call changes nothing in the vault,
 * and the laptop's link still serves it afterwards.
 */
const MAX_BODY = 16 * 1024;
const rig = new WireRig();
const logs: string[] = [];
let laptop: Paired;
let port = 0;
const customerIds: number[] = [];

beforeAll(async () => {
  const p = await rig.primary({ limits: { maxBodyBytes: MAX_BODY }, log: (l) => logs.push(l) });
  port = p.port;
  for (const [name, phone] of [
    ['Rina Kabel', '081234567890'],
    ['Budi Santoso', '081398765432'],
    ['Siti Aminah', '085711223344'],
  ] as const)
    customerIds.push((await rig.t!.ok('customers:create', { name, phone })).id);
  laptop = await rig.pair(port);
  await cashierIn(laptop.client, p.ids.cashierId);
}, 60_000);
afterAll(() => rig.close());

/**
 * What the shop holds, without what any call may add (the log, the device's last seen, replies)
 * and without `documents`: the first read of a document kind writes its current version, even
 * when the read itself is refused as NOT_FOUND (a version that does not exist).
 */
const KEPT = [
  'customers',
  'consent_events',
  'purchases',
  'requests',
  'users',
  'purposes',
  'products',
  'field_settings',
  'incidents',
  'deletion_ledger',
  'audience_sends',
  'pos_receipts',
];
function vault(): string {
  const db = rig.t!.core.vault.requireDb();
  const h = createHash('sha256');
  for (const table of KEPT) h.update(JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()));
  return h.digest('hex');
}

const CODES: readonly string[] = ERROR_CODES;
function coded(r: Reply): void {
  if (r.ok) return;
  expect(CODES).toContain(r.error.code);
  expect(r.error.code).not.toBe('INTERNAL');
  expect(typeof r.error.message).toBe('string');
  expect(r.error.message.length).toBeGreaterThan(5);
}

/** The laptop still works: a cashier's search answers. */
async function usable(): Promise<void> {
  const r = await laptop.client.call('w1', 'customers:search', { query: 'rina' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

// The session's own channels stay out: a random lock, PIN change or wrong PINs would end the
// session or throttle it, and every later call would only test the lock screen.
const SESSION = new Set<ChannelName>(['auth:lock', 'auth:changePin', 'auth:unlock', 'auth:recoverOwner']);
const FUZZED = CHANNELS.filter((c) => !SESSION.has(c));

/** The counter's channels (a cashier's), most of the time: the others are only refused. */
const COUNTER = FUZZED.filter((c) => MATRIX[c][COLUMN.cashier] === 'Y');
/** A real customer's id (filled in beforeAll), so calls reach real rows. */
const real = fc.nat().map((i) => customerIds[i % Math.max(1, customerIds.length)] ?? 1);
const ids = { customerId: real, id: real };

const known = fc
  .oneof({ arbitrary: fc.constantFrom(...COUNTER), weight: 3 }, fc.constantFrom(...FUZZED))
  .chain((channel) => {
    const schema = inputSchema(contract[channel].input);
    return fc.tuple(
      fc.constant<unknown>(channel),
      fc.oneof(
        { arbitrary: schemaArbitrary(schema, { byKey: ids, maxArray: 20 }), weight: 3 },
        mutantArbitrary(schema, { byKey: ids, maxArray: 20 }),
        fc.anything(),
      ),
    );
  });

const unknown = fc.tuple(
  fc.oneof(
    textArbitrary(0, 40),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('__proto__', 'constructor', 'customers:create ', 'CUSTOMERS:CREATE', 'lan:enable\u0000'),
    fc.anything(),
  ),
  fc.anything(),
);

const call = fc.oneof({ arbitrary: known, weight: 4 }, unknown);

describe('fuzz over the wire', () => {
  it('random channels and inputs through the laptop: coded answers, refusals change nothing', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(call, async ([channel, input]) => {
        const before = vault();
        const r = await laptop.client.call('w1', channel, input).catch((e: unknown) => {
          // What JSON cannot carry (an undefined channel) is refused by the link itself: a 400.
          if (e instanceof LinkError && e.kind === 'protocol' && e.reason === '400') return null;
          throw e;
        });
        if (r) coded(r);
        if (!r?.ok) expect(vault()).toBe(before);
        const outcome =
          r === null ? 'link-400' : r.ok ? (vault() === before ? 'ok' : 'ok-written') : r.error.code;
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
      { numRuns: 500 },
    );
    // Not only the gates: many calls reached their handler (answered, or refused by the handler
    // itself after reading the vault), so "a refusal changes nothing" is tested where it matters.
    const gate = new Set(['FORBIDDEN', 'VALIDATION', 'UNKNOWN_CHANNEL', 'link-400']);
    const reached = [...seen].filter(([k]) => !gate.has(k)).reduce((n, [, v]) => n + v, 0);
    expect(reached, [...seen].join(' ')).toBeGreaterThan(50);
    expect(seen.get('FORBIDDEN') ?? 0).toBeGreaterThan(5);
    expect(seen.get('VALIDATION') ?? 0).toBeGreaterThan(5);
    expect(logs).toEqual([]);
    await usable();
  }, 300_000);

  const envelope = (over: Record<string, unknown>) =>
    JSON.stringify({ windowId: 'w1', requestId: 'fuzz-request-1', channel: 'customers:create', ...over });
  /** A call's body padded with a name of `n` characters to exactly `size` bytes. */
  const sized = (size: number, ch = 'a') => {
    const empty = envelope({ input: { name: '', phone: '081234567890' } });
    const pad = ch.repeat(Math.floor((size - Buffer.byteLength(empty)) / Buffer.byteLength(ch)));
    return envelope({ input: { name: pad, phone: '081234567890' } });
  };

  const framing = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .record({
        windowId: fc.oneof(fc.anything(), fc.constant('w1')),
        requestId: fc.oneof(fc.anything(), fc.constant('fuzz-request-2')),
        channel: fc.anything(),
        input: fc.anything(),
      })
      .map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constantFrom(
      '{',
      '{"windowId":"w1","requestId":"fuzz-request-3","channel":"customers:create","input":',
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      sized(MAX_BODY - 1),
      sized(MAX_BODY + 1),
      sized(MAX_BODY - 4, '😀'),
      sized(MAX_BODY + 400, 'é'),
      sized(MAX_BODY * 4),
    ),
  );

  it('random framing through raw HTTP/2: a status and a coded body, the vault unchanged, the link usable', async () => {
    await fc.assert(
      fc.asyncProperty(framing, async (body) => {
        const before = vault();
        const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        const res = await rawRequest(port, laptop.identity, body);
        if (size > MAX_BODY) expect(res.status).toBe(413);
        else expect([200, 400]).toContain(res.status);
        if (res.status === 200) {
          coded(res.json as Reply);
          if (!(res.json as Reply).ok) expect(vault()).toBe(before);
        } else {
          expect(res.json).toMatchObject({ error: expect.any(String) });
          expect(vault()).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
    expect(logs).toEqual([]);
    await usable();
    value(await laptop.client.call('w1', 'customers:search', { query: 'rina' }));
  }, 300_000);

  it('random bodies on the link’s other paths: refused with a status, nothing changed, the link usable', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        '/pair',
        '/events',
        // Main-to-main: no file waits for this laptop, so nothing is there to take or answer.
        '/file',
        '/file',
        '/',
        '/call/',
        '/CALL',
        '/call?window=w1',
        '/%2e%2e/call',
        '/pair#x',
      ),
      fc.string({ maxLength: 40 }).map((p) => `/${encodeURIComponent(p)}`),
    );
    await fc.assert(
      fc.asyncProperty(paths, framing, async (path, body) => {
        const before = vault();
        const res = await rawRequest(port, laptop.identity, body, path);
        if (res.status === 200) coded(res.json as Reply);
        else expect([400, 403, 404, 405, 413]).toContain(res.status);
        if (res.status !== 200 || !(res.json as Reply).ok) expect(vault()).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(logs).toEqual([]);
    await usable();
  }, 300_000);
});
