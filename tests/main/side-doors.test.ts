import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelInput, type ChannelName } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import type { UsageLimits } from '../../src/main/services/usage-guard';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';
import { briefingAnswers } from '../support/briefing-answers';
import { SAMPLE as SHARED_SAMPLE } from '../support/channel-matrix';

let t: TestCore;
afterEach(() => t?.cleanup());

const LIMIT = 3;
const LIMITS: UsageLimits = {
  searchesPerMinute: 60,
  customersPerHour: LIMIT,
  searchedCustomersPerHour: LIMIT,
};

/** A customer whose every value is searched for in what a cashier gets back. */
const CANARY = {
  name: 'Kanari Wulandari',
  phone: '0812-7777-4242',
  email: 'kanari.wulan@contoh.id',
  address: 'Jl. Kenari Kuning 7',
  notes: 'Suka kopi tubruk kanari',
  birthday: '1990-04-02',
};
/** Pieces of the canary that no other output may carry (the masked phone keeps only "4242"). */
const CANARY_TRACES = [
  'Wulandari',
  '77774242',
  '7777-4242',
  'kanari.wulan',
  'Kenari Kuning',
  'tubruk',
  '1990-04-02',
];

function carriesCanary(value: unknown): string | null {
  const json = JSON.stringify(value ?? null);
  return CANARY_TRACES.find((s) => json.includes(s)) ?? null;
}

interface Shop {
  canary: number;
  fillers: [number, number, number];
  phones: Map<number, string>;
  names: Map<number, string>;
  /** A sale the owner recorded for each customer (a cashier's receipt or void of it). */
  ownerSale: Map<number, number>;
  cashierId: string;
  ownerId: string;
}

/** Answers the briefing as someone who knows the rules (main may refuse a cashier who has not). */
async function passBriefing(t: TestCore) {
  const rules = (await t.ok('briefing:get', {})).rules;
  const quiz = await t.ok('briefing:quiz', {});
  await t.ok('briefing:answer', { answers: briefingAnswers(rules, quiz.questions) });
}

const CASHIER_NEW_PIN = '582914';

async function asCashier(t: TestCore, cashierId: string) {
  await t.ok('auth:lock', {});
  const first = await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  if (first.ok) {
    await t.ok('auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: CASHIER_NEW_PIN,
      newPinConfirm: CASHIER_NEW_PIN,
    });
    await passBriefing(t);
  } else {
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_NEW_PIN });
  }
}

async function asOwner(t: TestCore, ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: '271828' });
}

/** The canary and three others with full records, a sale by the owner for each; the cashier logged in. */
async function shop(limits: UsageLimits = LIMITS): Promise<Shop> {
  t = makeCore({ usageLimits: limits });
  const { cashierId, ownerId } = await setupShop(t);
  await passBriefing(t);
  for (const key of ['email', 'address', 'notes', 'birthday'] as const) {
    await t.ok('fields:update', { key, enabled: true, purpose: 'Melayani pelanggan dengan baik' });
  }
  const canary = (await t.ok('customers:create', { ...CANARY })).id;
  const phones = new Map<number, string>([[canary, CANARY.phone]]);
  const names = new Map<number, string>([[canary, CANARY.name]]);
  const fillers: number[] = [];
  for (const [i, first] of ['Ayu', 'Bagus', 'Citra'].entries()) {
    const phone = `0813-5555-10${i}${i}`;
    const c = await t.ok('customers:create', {
      name: `${first} Pengisi`,
      phone,
      email: `${first.toLowerCase()}@contoh.id`,
      address: `Jl. Pengisi ${i}`,
      notes: 'Pelanggan tetap',
    });
    fillers.push(c.id);
    phones.set(c.id, phone);
    names.set(c.id, c.name);
  }
  const ownerSale = new Map<number, number>();
  for (const id of [canary, ...fillers]) {
    ownerSale.set(
      id,
      (await t.ok('purchases:create', { customerId: id, amount: 25_000, items: ['Gula 1 kg'] })).id,
    );
  }
  // The price list the counter sells from (product 1).
  await t.ok('products:save', { name: 'Teh manis', price: 5_000, active: true });
  await asCashier(t, cashierId);
  return { canary, fillers: fillers as Shop['fillers'], phones, names, ownerSale, cashierId, ownerId };
}

interface Door {
  /** Which use of the channel hands out the data (a channel may have more than one). */
  label: string;
  channel: ChannelName;
  /** The audit action the call is recorded under, with the customer as the target. */
  action: string;
  /** Searches fill their own budget (customers listed), not the one of customers opened. */
  search?: boolean;
  /** The cashier's call that answers with (or hands off) `about`'s personal data. */
  call(t: TestCore, about: number, s: Shop): Promise<Result<unknown>>;
}

const own = async (t: TestCore, customerId: number) =>
  (await t.ok('purchases:create', { customerId, amount: 10_000, items: ['Teh'] })).id;

/**
 * BY HAND, not derived from the code: every channel a cashier may call whose answer carries (or
 * hands off) a customer's personal data. A channel added to the contract is not here until
 * someone decides; the completeness test below fails if it answers a cashier with the canary.
 */
const DOORS: Door[] = [
  {
    label: 'customers:get (the record)',
    channel: 'customers:get',
    action: 'customer.view',
    call: (t, id) => t.call('customers:get', { id }),
  },
  {
    label: 'customers:revealPhone (the whole phone)',
    channel: 'customers:revealPhone',
    action: 'customer.revealPhone',
    call: (t, id) => t.call('customers:revealPhone', { id }),
  },
  {
    label: 'customers:update (an unchanged name)',
    channel: 'customers:update',
    action: 'customer.update',
    call: (t, id, s) => t.call('customers:update', { id, name: s.names.get(id)! }),
  },
  {
    label: "customers:update (another customer's phone: the answer names its owner)",
    channel: 'customers:update',
    action: 'customer.update',
    call: (t, id, s) =>
      t.call('customers:update', {
        id: s.fillers[1],
        name: s.names.get(s.fillers[1])!,
        phone: s.phones.get(id)!,
      }),
  },
  {
    label: "customers:create (a customer's phone: the answer names its owner)",
    channel: 'customers:create',
    action: 'customer.create',
    call: (t, id, s) => t.call('customers:create', { name: 'Tamu Baru', phone: s.phones.get(id)! }),
  },
  {
    label: 'customers:search (names and masked phones)',
    channel: 'customers:search',
    action: 'customer.search',
    search: true,
    call: (t, id, s) => t.call('customers:search', { query: s.phones.get(id)! }),
  },
  {
    label: 'purchases:list (what the customer bought)',
    channel: 'purchases:list',
    action: 'purchase.list',
    call: (t, customerId) => t.call('purchases:list', { customerId }),
  },
  {
    label: 'purchases:create (a sale tied to the customer)',
    channel: 'purchases:create',
    action: 'purchase.create',
    call: (t, customerId) => t.call('purchases:create', { customerId, amount: 10_000, items: ['Teh'] }),
  },
  {
    label: 'purchases:createFromProducts (a sale from the price list, tied to the customer)',
    channel: 'purchases:createFromProducts',
    action: 'purchase.create',
    call: (t, customerId) =>
      t.call('purchases:createFromProducts', { customerId, lines: [{ productId: 1, quantity: 2 }] }),
  },
  {
    label: 'purchases:receipt (a wa.me link with name and whole phone)',
    channel: 'purchases:receipt',
    action: 'purchase.receipt',
    // Below the limit: the cashier's own sale of a moment ago; past it: the owner's sale.
    call: async (t, id, s) =>
      t.call('purchases:receipt', {
        id: id === s.canary ? s.ownerSale.get(id)! : await own(t, id),
        mode: 'copy',
      }),
  },
  {
    label: 'purchases:void (the sale and its customer)',
    channel: 'purchases:void',
    action: 'purchase.void',
    call: async (t, id, s) =>
      t.call('purchases:void', {
        id: id === s.canary ? s.ownerSale.get(id)! : await own(t, id),
        reason: 'salah ketik',
      }),
  },
  {
    label: 'consent:history (the consent ledger)',
    channel: 'consent:history',
    action: 'consent.history',
    call: (t, customerId) => t.call('consent:history', { customerId }),
  },
  {
    label: "consent:grant (the customer's consent state)",
    channel: 'consent:grant',
    action: 'consent.grant',
    call: (t, customerId) => t.call('consent:grant', { customerId, purposeId: 2, method: 'verbal' }),
  },
  {
    label: "consent:withdraw (the customer's consent state)",
    channel: 'consent:withdraw',
    action: 'consent.withdraw',
    call: (t, customerId) => t.call('consent:withdraw', { customerId, purposeId: 3, method: 'verbal' }),
  },
  {
    label: 'requests:create (the request names the customer)',
    channel: 'requests:create',
    action: 'request.create',
    call: (t, customerId) =>
      t.call('requests:create', {
        type: 'access',
        customerId,
        channel: 'in_person',
        verification: 'KTP dilihat',
      }),
  },
];

/**
 * BY HAND: channels whose answer carries customers' personal data that only the owner may call
 * (the owner is never limited). A cashier must be refused each of them.
 */
const OWNER_ONLY_DOORS: ChannelName[] = [
  'customers:export',
  'audience:list',
  'audience:export',
  'audience:whatsapp',
  'audience:markSent',
  'dashboard:list',
  'import:open',
  'import:check',
  'import:commit',
  'import:saveErrors',
  'sales:open',
  'sales:check',
  'sales:commit',
  'audit:list',
  'audit:export',
  'requests:list',
  'requests:get',
  'requests:fulfil',
  'requests:refuse',
  'requests:answer',
  'incident:affected',
  'incident:notify',
  'incident:letters',
  'incident:whatsappList',
  'incident:markNotified',
  'incident:scope',
  'retention:review',
  'docs:staleConsents',
  'backups:create',
  'backups:restore',
];

/** What the owner sees in the log: entries by the cashier. */
async function cashierLog(s: Shop) {
  await asOwner(t, s.ownerId);
  const items = (await t.ok('audit:list', { limit: 500 })).items.filter((e) => e.actorId === s.cashierId);
  return items;
}

describe('every way a cashier reaches a customer is counted and audited', () => {
  for (const door of DOORS) {
    it(`${door.label}: audited with the customer; past the limit THROTTLED and reported`, async () => {
      const s = await shop();
      const [first, second, third] = s.fillers;
      // Below the limit: answered (or refused on its merits), never THROTTLED, and audited.
      const r = await door.call(t, first, s);
      expect(r.ok ? 'ok' : r.error.code, door.label).not.toBe('THROTTLED');
      // Fill the hour with two more different customers, the same way a cashier would see them.
      for (const id of [second, third]) {
        const fill = door.search
          ? await t.call('customers:search', { query: s.phones.get(id)! })
          : await t.call('customers:get', { id });
        expect(fill.ok).toBe(true);
      }
      const past = await door.call(t, s.canary, s);
      expect(past, door.label).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
      expect(carriesCanary(past)).toBeNull();
      expect(carriesCanary([t.handoff.copied, t.handoff.opened])).toBeNull();

      const log = await cashierLog(s);
      const entry = log.find((e) => e.action === door.action && (door.search || e.target === String(first)));
      expect(entry, `${door.label}: ${door.action} about customer ${first}`).toBeDefined();
      expect(
        log.some((e) => e.action === 'usage.limited' && e.outcome === 'denied'),
        `${door.label}: the refusal is reported`,
      ).toBe(true);
    });
  }

  it('customers:update answers only what the form sent, not the stored record', async () => {
    const s = await shop();
    const r = await t.ok('customers:update', { id: s.canary, name: CANARY.name });
    expect(r.name).toBe(CANARY.name);
    expect(JSON.stringify(r)).not.toMatch(/7777|kanari\.wulan|Kenari Kuning|tubruk|1990-04-02/);
    const edited = await t.ok('customers:update', {
      id: s.canary,
      name: CANARY.name,
      phone: '0812 7777 4243',
    });
    // As stored, in the mask a cashier sees phones in (the notice says so).
    expect(edited.phone).toBe('0812-****-4243');
    expect(edited.phoneE164).toBeNull();
    expect(JSON.stringify(edited)).not.toMatch(/kanari\.wulan|Kenari Kuning|tubruk|1990-04-02/);
  });

  it("a cashier's receipt only for their own sale of the last few minutes; the owner's any time", async () => {
    const s = await shop({ searchesPerMinute: 60, customersPerHour: 120 });
    const sale = await own(t, s.fillers[0]);
    expect((await t.call('purchases:receipt', { id: sale, mode: 'copy' })).ok).toBe(true);
    expect(await t.call('purchases:receipt', { id: s.ownerSale.get(s.canary)!, mode: 'copy' })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    t.clock.advance(11 * 60_000);
    expect(await t.call('purchases:receipt', { id: sale, mode: 'copy' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(carriesCanary([t.handoff.copied, t.handoff.opened])).toBeNull();
    await asOwner(t, s.ownerId);
    expect((await t.call('purchases:receipt', { id: s.ownerSale.get(s.canary)!, mode: 'copy' })).ok).toBe(
      true,
    );
  });

  it('sale, receipt, void over sequential ids stops at the limit', async () => {
    const s = await shop({ searchesPerMinute: 60, customersPerHour: 10 });
    await asOwner(t, s.ownerId);
    for (let i = 0; i < 20; i++)
      await t.ok('customers:create', { name: `Urut ${i}`, phone: `0857-1000-${2000 + i}` });
    await asCashier(t, s.cashierId);
    let links = 0;
    for (let id = 1; id <= 24; id++) {
      const sale = await t.call('purchases:create', { customerId: id, amount: 1000, items: ['x'] });
      if (!sale.ok) continue;
      if ((await t.call('purchases:receipt', { id: sale.value.id, mode: 'copy' })).ok) links++;
      await t.call('purchases:void', { id: sale.value.id, reason: 'salah ketik' });
    }
    expect(links).toBeLessThanOrEqual(10);
    expect(t.handoff.copied).toHaveLength(links);
  });

  it('quitting and starting the app, or locking and unlocking, does not give a cashier a fresh hour', async () => {
    const s = await shop();
    for (const id of s.fillers) await t.ok('customers:get', { id });
    expect(await t.call('customers:get', { id: s.canary })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: s.cashierId, pin: CASHIER_NEW_PIN });
    expect(await t.call('purchases:list', { customerId: s.canary })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    await t.ok('auth:lock', {});
    // A new process on the same data folder (the guard's memory is gone).
    const fresh = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock, usageLimits: LIMITS });
    try {
      await fresh.ok('auth:unlock', { userId: s.cashierId, pin: CASHIER_NEW_PIN });
      expect(await fresh.call('customers:get', { id: s.canary })).toMatchObject({
        ok: false,
        error: { code: 'THROTTLED' },
      });
      // One already opened this hour still opens; an hour later the canary does too.
      expect((await fresh.call('customers:get', { id: s.fillers[0] })).ok).toBe(true);
      t.clock.advance(3_600_000);
      expect((await fresh.call('customers:get', { id: s.canary })).ok).toBe(true);
    } finally {
      fresh.core.dispose();
    }
  });

  it('a cashier is refused every owner-only channel that carries personal data', async () => {
    await shop();
    for (const channel of OWNER_ONLY_DOORS) {
      const r = await t.call(channel, SAMPLE(1)[channel] as never);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

/**
 * A valid input for every channel (the shared matrix's), aimed at the canary: its id, its phone
 * as the query, its name as an edit, and the record as the document.
 */
function SAMPLE(canary: number): { [C in ChannelName]: ChannelInput<C> } {
  return {
    ...SHARED_SAMPLE,
    'app:setLanguage': { language: 'id' },
    'customers:create': { name: 'Pelanggan Baru', phone: '0899-1234-5678' },
    'customers:update': { id: canary, name: CANARY.name },
    'customers:get': { id: canary },
    'customers:revealPhone': { id: canary },
    'customers:search': { query: CANARY.phone },
    'customers:setRestricted': { id: canary, restricted: true },
    'customers:erase': { id: canary, confirm: true },
    'purchases:create': { customerId: canary, amount: 150000, items: ['Beras 5 kg'] },
    'purchases:list': { customerId: canary },
    'purchases:createFromProducts': { customerId: canary, lines: [{ productId: 1, quantity: 2 }] },
    'products:save': { id: 1, name: 'Teh manis', price: 6_000, active: true },
    'products:move': { id: 1, direction: 'down' },
    'docs:current': { kind: 'record' },
    'docs:print': { kind: 'record' },
    'requests:create': {
      type: 'access',
      customerId: canary,
      channel: 'in_person',
      verification: 'KTP dilihat',
    },
    'requests:fulfil': { id: 1, action: 'access_report' },
    'requests:answer': { id: 1, mode: 'copy' },
    'requests:dismiss': { ids: [1], reason: 'Permintaan ganda dari satu orang' },
    'incident:contain': { id: 1, endSessions: false },
    'incident:notify': { id: 1, to: 'customer', customerId: canary, mode: 'copy' },
    'incident:letters': { id: 1, customerIds: [canary] },
    'incident:markNotified': { id: 1, customerIds: [canary], channel: 'whatsapp' },
    'retention:review': { query: 'kanari' },
    'retention:keep': { id: canary, reason: 'Sengketa pembayaran yang belum selesai' },
    'consent:grant': { customerId: canary, purposeId: 2, method: 'verbal' },
    'consent:withdraw': { customerId: canary, purposeId: 2, method: 'verbal' },
    'consent:history': { customerId: canary },
    'audience:list': { channel: 'whatsapp' },
    'audience:whatsapp': { customerId: canary, message: '', mode: 'copy' },
    'audience:markSent': { customerId: canary, message: '', sent: true },
  };
}

describe('the list is complete: no other channel answers a cashier with personal data', () => {
  it('every channel not on the list, called as a cashier, carries none of the canary', async () => {
    const s = await shop({ searchesPerMinute: 600, customersPerHour: 1000 });
    // The canary is on record everywhere it can be: a sale, consent, a request, an incident.
    await asOwner(t, s.ownerId);
    await t.ok('consent:grant', { customerId: s.canary, purposeId: 2, method: 'verbal' });
    await t.ok('requests:create', { ...SAMPLE(s.canary)['requests:create'] });
    await t.ok('incident:create', { kind: 'lost_laptop', description: 'Laptop tertinggal di angkot' });
    await asCashier(t, s.cashierId);
    const input = SAMPLE(s.canary);
    // The detector can fail: a listed door does hand the canary over.
    expect(carriesCanary(await t.call('customers:get', { id: s.canary }))).not.toBeNull();

    const listed = new Set<ChannelName>(DOORS.map((d) => d.channel));
    // Ending the session goes last, so every other call is made as the cashier.
    const order = [...CHANNELS.filter((c) => c !== 'auth:lock'), 'auth:lock' as const];
    for (const channel of order) {
      if (listed.has(channel)) continue;
      const before = outputs();
      const r = await t.call(channel, input[channel] as never);
      const after = outputs();
      expect(carriesCanary(r), channel).toBeNull();
      expect(carriesCanary(after.slice(before.length)), `${channel} (handed off)`).toBeNull();
      // Still the cashier (a channel that ended the session would hide the others).
      if (channel !== 'auth:lock') expect((await t.ok('app:status', {})).user?.role, channel).toBe('cashier');
    }
  });
});

/** Everything handed to the system so far: links opened or copied, files printed or saved. */
function outputs(): string[] {
  return [
    ...t.handoff.opened,
    ...t.handoff.copied,
    ...t.printer.printed.map((p) => p.html),
    ...t.dialogs.saved.map((f) => String(f.data)),
  ];
}
