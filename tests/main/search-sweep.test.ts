import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/shared/domain';
import { AppError } from '../../src/main/lib/app-error';
import { UsageGuard } from '../../src/main/services/usage-guard';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';
import { briefingAnswers } from '../support/briefing-answers';

let t: TestCore;
afterEach(() => t?.cleanup());

const FIRST = [
  'Siti',
  'Budi',
  'Agus',
  'Dewi',
  'Sri',
  'Rina',
  'Andi',
  'Ayu',
  'Putri',
  'Wahyu',
  'Eko',
  'Dian',
  'Rudi',
];
const FIRST_MORE = [
  'Nur',
  'Indah',
  'Yusuf',
  'Lestari',
  'Joko',
  'Fitri',
  'Hadi',
  'Ratna',
  'Bambang',
  'Yanti',
  'Arif',
  'Mega',
];
const LAST = [
  'Aminah',
  'Santoso',
  'Wijaya',
  'Lestari',
  'Rahayu',
  'Saputra',
  'Hidayat',
  'Kusuma',
  'Pratama',
  'Setiawan',
  'Purnama',
  'Nugroho',
  'Susanti',
  'Hartono',
  'Wibowo',
  'Gunawan',
  'Siregar',
  'Nasution',
  'Harahap',
  'Sinaga',
  'Utami',
  'Permata',
  'Halim',
  'Salim',
  'Fauzi',
  'Ramadhan',
  'Maulana',
  'Syahputra',
  'Anggraini',
  'Puspita',
  'Wulandari',
  'Handoko',
  'Sulistyo',
  'Firmansyah',
  'Kurniawan',
  'Irawan',
  'Budiman',
  'Suryadi',
  'Yulianti',
  'Marlina',
];
const FIRSTS = [...FIRST, ...FIRST_MORE];
const SHOP_SIZE = 1000;

/**
 * A shop of 1,000 customers with common Indonesian names and every phone ending different; the
 * cashier logged in with the default limits (what a real shop runs with).
 */
async function shop(): Promise<{ people: { id: number; name: string; phone: string }[]; ownerId: string }> {
  t = makeCore();
  const { cashierId, ownerId } = await setupShop(t);
  const people: { id: number; name: string; phone: string }[] = [];
  for (let i = 0; i < SHOP_SIZE; i++) {
    const name = `${FIRSTS[i % FIRSTS.length]} ${LAST[Math.floor(i / FIRSTS.length) % LAST.length]}`;
    const phone = `0812-${String(3000 + i)}-${String((i * 7919 + 17) % 10_000).padStart(4, '0')}`;
    people.push({ id: (await t.ok('customers:create', { name, phone })).id, name, phone });
  }
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  const rules = (await t.ok('briefing:get', {})).rules;
  const quiz = await t.ok('briefing:quiz', {});
  await t.ok('briefing:answer', { answers: briefingAnswers(rules, quiz.questions) });
  return { people, ownerId };
}

async function limitedEntries(ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  return (await t.ok('audit:list', { limit: 500, action: 'usage.limited' })).items;
}

describe('searches count the people they list, not the calls', () => {
  it('a sweep of every phone ending is throttled after the budget and reported; it no longer lists everyone', async () => {
    const { ownerId } = await shop();
    const seen = new Set<number>();
    const firstHour = new Set<number>();
    let throttled = 0;
    let elapsed = 0;
    // Just under the search rate (60 a minute): every ending from 0000 to 9999, about 3 hours.
    for (let n = 0; n < 10_000; n++) {
      const r = await t.call('customers:search', { query: String(n).padStart(4, '0') });
      t.clock.advance(1_050);
      elapsed += 1_050;
      if (!r.ok) {
        expect(r.error.code).toBe('THROTTLED');
        throttled++;
        continue;
      }
      for (const c of r.value.items) {
        seen.add(c.id);
        if (elapsed <= 3_600_000) firstHour.add(c.id);
      }
    }
    expect(throttled).toBeGreaterThan(0);
    // At most the budget of different people in the first hour (120 by phone ending), and far
    // from the whole list by the end of the sweep.
    expect(firstHour.size).toBeLessThanOrEqual(120);
    expect(seen.size).toBeLessThan(SHOP_SIZE / 2);
    const limited = await limitedEntries(ownerId);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.detail.kind).toBe('phoneEndings');
  }, 120_000);

  it('a busy hour at the counter (a customer a minute, found by name or phone ending) is never throttled', async () => {
    const { people, ownerId } = await shop();
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed / 2_147_483_648);
    let listed = 0;
    for (let k = 0; k < 60; k++) {
      const p = people[Math.floor(random() * people.length)]!;
      const queries =
        k % 2 === 0
          ? [p.phone.slice(-4)]
          : // Typed letter by letter: the screen searches from the third letter on.
            Array.from({ length: p.name.length - 2 }, (_, i) => p.name.slice(0, i + 3)).filter(
              (q) => !q.endsWith(' '),
            );
      let found = false;
      for (const query of queries) {
        const r = await t.call('customers:search', { query });
        expect(r.ok ? 'ok' : r.error.code, `customer ${k}, "${query}"`).toBe('ok');
        if (r.ok) listed += r.value.items.length;
        if (r.ok && r.value.items.some((c) => c.id === p.id)) found = true;
        t.clock.advance(300);
      }
      expect(found).toBe(true);
      // The cashier opens the customer and records the sale.
      expect((await t.call('customers:get', { id: p.id })).ok).toBe(true);
      expect(
        (await t.call('purchases:create', { customerId: p.id, amount: 20_000, items: ['Kopi'] })).ok,
      ).toBe(true);
      t.clock.advance(60_000 - 300 * queries.length);
    }
    expect(listed).toBeGreaterThan(0);
    expect(await limitedEntries(ownerId)).toEqual([]);
  }, 120_000);

  it('locking and unlocking again does not give a cashier a fresh hour', async () => {
    const { people } = await shop();
    for (const p of people.slice(0, 120)) await t.ok('customers:get', { id: p.id });
    expect(await t.call('customers:get', { id: people[120]!.id })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    const cashier = (await t.ok('app:status', {})).user!;
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashier.id, pin: '582914' });
    expect(await t.call('customers:get', { id: people[120]!.id })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
  }, 60_000);
});

describe('the budget of people listed (unit)', () => {
  const cashier: SessionUser = { id: 'c1', name: 'Andi', role: 'cashier', mustChangePin: false };
  const owner: SessionUser = { id: 'o1', name: 'Bu Sari', role: 'owner', mustChangePin: false };
  function guard() {
    const clock = new TestClock();
    const audit: { detail?: Record<string, unknown> }[] = [];
    const g = new UsageGuard(
      { clock, auditor: { record: (e) => void audit.push(e) } },
      {
        searchesPerMinute: 60,
        customersPerHour: 100,
        searchedCustomersPerHour: 5,
        phoneEndingCustomersPerHour: 2,
      },
    );
    return { g, clock, audit };
  }
  const code = (f: () => void) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return e instanceof AppError ? e.code : 'thrown';
    }
  };

  it('counts different people, not searches; the same people listed again cost nothing', () => {
    const { g } = guard();
    for (let i = 0; i < 50; i++) expect(code(() => g.listedBySearch(cashier, [1, 2, 3], false))).toBe('ok');
    expect(code(() => g.listedBySearch(cashier, [4, 5], false))).toBe('ok');
    expect(code(() => g.listedBySearch(cashier, [6], false))).toBe('THROTTLED');
    expect(code(() => g.listedBySearch(cashier, [], false))).toBe('ok');
  });

  it('phone endings have their own, smaller budget; a refused answer counts in neither', () => {
    const { g, audit } = guard();
    expect(code(() => g.listedBySearch(cashier, [1, 2], true))).toBe('ok');
    expect(code(() => g.listedBySearch(cashier, [3], true))).toBe('THROTTLED');
    expect(audit.map((e) => e.detail?.kind)).toEqual(['phoneEndings']);
    // By name the same person passes (3 of 5 listed): the refused answer was not counted.
    expect(code(() => g.listedBySearch(cashier, [3, 4, 5], false))).toBe('ok');
    expect(code(() => g.listedBySearch(cashier, [6], false))).toBe('THROTTLED');
  });

  it('an hour later the budget is free again; the owner is never counted', () => {
    const { g, clock } = guard();
    g.listedBySearch(cashier, [1, 2, 3, 4, 5], false);
    expect(code(() => g.listedBySearch(cashier, [6], false))).toBe('THROTTLED');
    clock.advance(3_600_000);
    expect(code(() => g.listedBySearch(cashier, [6, 7, 8, 9, 10], false))).toBe('ok');
    for (let i = 0; i < 20; i++) g.listedBySearch(owner, [100 + i], true);
  });
});
