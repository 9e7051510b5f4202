import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelName } from '../../src/shared/contract';
import { OPTIONAL_FIELDS } from '../../src/shared/domain';
import { ERROR_CODES, type Result } from '../../src/shared/errors';
import { roleHas } from '../../src/shared/roles';
import { OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';
import { makeLoggedCore } from '../support/logged-core';
import { inputSchema, mutantArbitrary, schemaArbitrary, textArbitrary } from '../support/schema-arbitrary';

/**
 * Every channel gets inputs made from its own schema (most valid, a quarter broken in one place),
 * from the owner's session on a seeded shop, with real ids mixed in so calls reach real rows.
 * After every call: a typed result and never INTERNAL, nothing in the core's error log; after
 * every channel: the vault passes `integrity_check` and the audit chain verifies. At least half of
 * all inputs must pass validation and reach the handler, or the fuzz is only testing zod.
 */

/**
 * A longer hunt multiplies every count (BRANKAS_FUZZ_SCALE=5); the default keeps this file near
 * 2 minutes. Time grows faster than the count: exports and the health screen read a vault that
 * the run itself fills.
 */
const SCALE = Number(process.env.BRANKAS_FUZZ_SCALE ?? 1) || 1;
/** Cases per channel: fewer where one call costs a key derivation, a backup or a restore. */
const RUNS = 150;
/** Sequences of 5 to 20 calls on random channels, after the per-channel runs. */
const MIXED_RUNS = 100;
const FEWER: Partial<Record<ChannelName, number>> = {
  'auth:unlock': 60,
  'auth:recoverOwner': 40,
  'auth:changePin': 60,
  'auth:lock': 30,
  'users:create': 60,
  'users:resetPin': 60,
  'incident:rotateKey': 30,
  'backups:enable': 40,
  'backups:create': 25,
  'backups:verify': 40,
  'backups:restore': 20,
  'setup:restore': 40,
  'setup:create': 60,
  'retention:purge': 40,
  'import:open': 60,
  'import:commit': 60,
};

/**
 * Router gates after validation: a call refused here never reached its handler. FORBIDDEN is not
 * one here: every call runs in the owner's session with no recovery code pending (ensureOwner),
 * so only a handler says it (a restriction lifted outside a request, disabling the owner).
 */
const GATES = new Set(['LOCKED', 'PIN_CHANGE_REQUIRED', 'BUSY']);
const STRONG_PINS = ['582914', '730461', '946203', 'kopi susu gula aren'];
const CASHIER_PINS = [
  ['418263', '529374'],
  ['639485', '740596'],
] as const;

let t: TestCore & { logs: string[] };
const state = {
  pin: OWNER_PIN,
  code: '',
  ownerId: '',
  cashierId: '',
  customers: [] as number[],
  purchases: [] as number[],
  requests: [] as number[],
  incidents: [] as number[],
  purposes: [] as number[],
  cashierPinTurn: 0,
};
const tally = new Map<ChannelName, { total: number; reached: number }>();

/** One of the values `pick` returns now (the pools change as the run goes). */
const oneOf = <T>(pick: () => readonly T[]) =>
  fc.nat().map((i) => {
    const all = pick();
    return all[i % all.length]!;
  });

function idPool(channel: ChannelName): () => readonly number[] {
  const domain = channel.split(':')[0];
  if (domain === 'purchases') return () => state.purchases;
  if (domain === 'requests') return () => state.requests;
  if (domain === 'incident') return () => state.incidents;
  if (domain === 'purposes') return () => state.purposes;
  return () => state.customers;
}

function inputsFor(channel: ChannelName): fc.Arbitrary<unknown> {
  const isoDay = fc
    .integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2026, 10, 1) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));
  const byKey: Record<string, fc.Arbitrary<unknown>> = {
    id: fc.oneof(oneOf(idPool(channel)), fc.integer({ min: 1, max: 40 })),
    customerId: oneOf(() => state.customers),
    purposeId: oneOf(() => state.purposes),
    userId: oneOf(() => [state.ownerId, state.cashierId]),
    actorId: oneOf(() => [state.ownerId, state.cashierId]),
    ids: fc.array(
      oneOf(() => state.customers),
      { maxLength: 5 },
    ),
    disableUsers: fc.array(
      oneOf(() => [state.cashierId, state.ownerId]),
      { maxLength: 2 },
    ),
    pin: oneOf(() => [state.pin, ...STRONG_PINS]),
    currentPin: oneOf(() => [state.pin]),
    newPin: fc.constantFrom(...STRONG_PINS),
    newPinConfirm: fc.constantFrom(...STRONG_PINS),
    code: oneOf(() => [state.code]),
    phone: fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `0812${n}`),
    birthday: isoDay,
    version: fc.integer({ min: 1, max: 6 }),
    // Times the shop would give: the last year or so, by the core's clock.
    ...Object.fromEntries(
      ['at', 'receivedAt', 'happenedAt', 'discoveredAt'].map((k) => [
        k,
        fc
          .oneof(fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.integer({ min: 0, max: 400 * 86_400_000 }))
          .map((back) => t.clock.now() - back),
      ]),
    ),
    // The briefing is a few rules, one a line.
    text: fc.array(textArbitrary(10, 80), { minLength: 3, maxLength: 8 }).map((l) => l.join('\n')),
    // Columns of the seeded CSV: name, phone, WhatsApp consent.
    mapping: fc.constantFrom({ name: 0 }, { name: 0, phone: 1 }, { name: 0, phone: 1, consent_whatsapp: 2 }),
  };
  const schema = inputSchema(contract[channel].input);
  return fc.oneof(
    { weight: 3, arbitrary: schemaArbitrary(schema, { byKey }) },
    { weight: 1, arbitrary: mutantArbitrary(schema, { byKey }) },
  );
}

function isTyped(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const res = r as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (res.ok === true) return 'value' in res;
  return (
    res.ok === false &&
    ERROR_CODES.includes(res.error?.code as never) &&
    typeof res.error?.message === 'string' &&
    res.error.message.length > 0
  );
}

/** The owner's PIN or recovery code moved on when a call that changes them succeeded. */
function follow(channel: ChannelName, input: unknown, r: Result<unknown>): void {
  if (!r.ok) return;
  const i = input as { newPin?: string };
  if (channel === 'auth:changePin' || channel === 'auth:recoverOwner' || channel === 'backups:restore')
    state.pin = i.newPin!;
  if (channel === 'incident:rotateKey')
    state.code = (r.value as { recoveryCode: string }).recoveryCode.replace(/-/g, '');
}

/** Back to an owner session on w1 with nothing pending, whatever the last call did. */
async function ensureOwner(): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const s = t.core.sessions.get('w1');
    if (s && s.user.id === state.ownerId) {
      if (!t.core.lifecycle.recoveryPending()) return;
      const pending = await t.ok('setup:recoveryCode', {});
      state.code = pending.recoveryCode.replace(/-/g, '');
      await t.ok('setup:confirmRecovery', {
        answers: pending.confirmGroups.map((g) => ({
          group: g,
          value: state.code.slice((g - 1) * 4, g * 4),
        })),
      });
      continue;
    }
    const r = await t.call('auth:unlock', { userId: state.ownerId, pin: state.pin });
    if (r.ok) continue;
    if (r.error.code === 'THROTTLED') t.clock.advance((r.error.details?.retryAfterMs ?? 60_000) + 1_000);
    else if (r.error.code === 'RECOVERY_REQUIRED') {
      const pin = STRONG_PINS[attempt % STRONG_PINS.length]!;
      await t.ok('auth:recoverOwner', { code: state.code, newPin: pin, newPinConfirm: pin });
      state.pin = pin;
    } else throw new Error(`owner cannot log in again: ${r.error.code}`);
  }
  throw new Error('owner session not restored');
}

/** A cashier on w2 who has changed the initial PIN, whatever the owner's calls did to them. */
async function ensureCashier(): Promise<void> {
  const s = t.core.sessions.get('w2');
  if (s && s.user.id === state.cashierId && !s.user.mustChangePin) return;
  await ensureOwner();
  const [initial, own] = CASHIER_PINS[state.cashierPinTurn++ % 2]!;
  await t.ok('users:resetPin', { userId: state.cashierId, pin: initial });
  await t.ok('auth:unlock', { userId: state.cashierId, pin: initial }, 'w2');
  await t.ok('auth:changePin', { currentPin: initial, newPin: own, newPinConfirm: own }, 'w2');
}

async function seed(): Promise<void> {
  const shop = await setupShop(t);
  Object.assign(state, {
    ownerId: shop.ownerId,
    cashierId: shop.cashierId,
    code: shop.recoveryCode.replace(/-/g, ''),
  });
  await t.ok('backups:enable', { code: state.code });
  for (const key of OPTIONAL_FIELDS)
    await t.ok('fields:update', { key, enabled: true, purpose: 'Untuk melayani pelanggan di toko' });
  const purposes = await t.ok('purposes:list', {});
  state.purposes = purposes.map((p) => p.id);
  const asked = purposes.filter((p) => p.legalBasis === 'consent' && p.active).map((p) => p.id);
  for (let i = 0; i < 8; i++) {
    const c = await t.ok('customers:create', {
      name: `Pelanggan Uji ${i}`,
      phone: `0812-7000-${String(1000 + i)}`,
      consents: i % 2 ? asked.slice(0, 2).map((purposeId) => ({ purposeId, method: 'verbal' })) : [],
    });
    state.customers.push(c.id);
    for (let k = 0; k < 2; k++) {
      const p = await t.ok('purchases:create', {
        customerId: c.id,
        amount: 25_000 * (k + 1),
        items: ['Beras 5 kg'],
      });
      state.purchases.push(p.id);
    }
  }
  for (const [i, type] of (
    ['access', 'correction', 'erasure', 'restriction', 'portability'] as const
  ).entries()) {
    const req = await t.ok('requests:create', {
      type,
      customerId: state.customers[i]!,
      channel: 'in_person',
      verification: 'KTP dilihat di kasir',
    });
    state.requests.push(req.id);
  }
  for (const kind of ['lost_laptop', 'staff_misuse'] as const) {
    const inc = await t.ok('incident:create', { kind, description: 'Laptop kasir hilang dari toko' });
    state.incidents.push(inc.id);
  }
  await t.ok('incident:scope', { id: state.incidents[0]!, mode: 'all', categories: ['identity', 'contact'] });
  // A real backup file for verify and restore, and a real CSV for the import steps.
  // Beside the data folder, not in it (a backup folder inside it is refused).
  const usb = `${t.dir}-usb`;
  mkdirSync(usb);
  t.dialogs.nextFolder = usb;
  await t.ok('backups:create', {});
  t.dialogs.nextBackup = findFile(usb, '.brankas');
  const csv = join(t.dir, 'impor.csv');
  writeFileSync(csv, 'nama,telepon,wa\nSiti Impor,0812-5555-0101,ya\nBudi Impor,0813-5555-0202,tidak\n,0,\n');
  t.dialogs.nextOpen = csv;
}

function findFile(dir: string, suffix: string): string | null {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const found = findFile(path, suffix);
      if (found) return found;
    } else if (e.name.endsWith(suffix)) return path;
  }
  return null;
}

/** One call, with every check made after it. */
async function fuzzCall(channel: ChannelName, input: unknown, who: number): Promise<void> {
  // A third of the counter's calls come from the cashier's window (their own rules: counter
  // search, usage limits, only their own sale today).
  const permission = contract[channel].permission;
  const windowId = permission !== 'public' && roleHas('cashier', permission) && who === 0 ? 'w2' : 'w1';
  await ensureOwner();
  if (windowId === 'w2') await ensureCashier();
  const r = await t.core.dispatch(windowId, channel, input);
  const logged = t.logs.splice(0);
  const count = tally.get(channel) ?? { total: 0, reached: 0 };
  tally.set(channel, count);
  count.total++;
  // Valid by the channel's schema and past the gates: the handler ran (a handler may itself
  // answer VALIDATION, e.g. a date in the future, and still counts).
  const valid = contract[channel].input.safeParse(input).success;
  if (valid && (r.ok || !GATES.has(r.error.code))) count.reached++;
  expect(isTyped(r)).toBe(true);
  expect(r.ok ? null : r.error.code).not.toBe('INTERNAL');
  expect(logged).toEqual([]);
  if (windowId === 'w1') follow(channel, input, r);
}

/** The vault is sound and its audit chain verifies. */
async function checkVault(): Promise<void> {
  await ensureOwner();
  t.dialogs.saved.length = 0;
  t.printer.printed.length = 0;
  expect(t.core.vault.requireDb().pragma('integrity_check', { simple: true })).toBe('ok');
  expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true });
}

beforeAll(async () => {
  t = makeLoggedCore();
  await seed();
}, 60_000);
afterAll(() => {
  t.cleanup();
  rmSync(`${t.dir}-usb`, { recursive: true, force: true });
});

describe('fuzz: schema-made input on every channel reaches the handlers and gives only typed results', () => {
  for (const channel of CHANNELS) {
    it(
      channel,
      async () => {
        await fc.assert(
          fc.asyncProperty(inputsFor(channel), fc.nat(2), (input, who) => fuzzCall(channel, input, who)),
          { numRuns: Math.round((FEWER[channel] ?? RUNS) * SCALE) },
        );
        await checkVault();
      },
      120_000 * SCALE ** 2,
    );
  }

  it(
    'any channel after any other (erase, then notify; rotate, then back up; ...)',
    async () => {
      const arbitraries = new Map(CHANNELS.map((c) => [c, inputsFor(c)] as const));
      const call = fc
        .constantFrom(...CHANNELS)
        .chain((c) => arbitraries.get(c)!.map((input) => [c, input] as const));
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 5, maxLength: 20 }), fc.nat(2), async (calls, who) => {
          for (const [channel, input] of calls) await fuzzCall(channel, input, who);
        }),
        { numRuns: Math.round(MIXED_RUNS * SCALE) },
      );
      await checkVault();
    },
    180_000 * SCALE ** 2,
  );

  it('at least half of all inputs passed validation and reached a handler', () => {
    let total = 0;
    let reached = 0;
    const rows: string[] = [];
    for (const [channel, c] of tally) {
      total += c.total;
      reached += c.reached;
      rows.push(`${channel} ${c.reached}/${c.total}`);
    }
    console.log(
      `fuzz: ${reached}/${total} inputs reached a handler (${((100 * reached) / total).toFixed(1)}%)`,
    );
    console.log(rows.join('\n'));
    expect(tally.size).toBe(CHANNELS.length);
    expect(reached / total).toBeGreaterThanOrEqual(0.5);
    // And no channel is left mostly at the gate (the weakest sits near half).
    for (const [channel, c] of tally) expect(c.reached / c.total, channel).toBeGreaterThanOrEqual(0.3);
  });

  it('arbitrary channel names and windows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.string(), fc.anything(), async (channel, windowId, input) => {
        const r = await t.core.dispatch(windowId, channel, input);
        const logged = t.logs.splice(0);
        expect(isTyped(r)).toBe(true);
        expect(r.ok ? null : r.error.code).not.toBe('INTERNAL');
        expect(logged).toEqual([]);
      }),
      { numRuns: 200 },
    );
    await ensureOwner();
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
