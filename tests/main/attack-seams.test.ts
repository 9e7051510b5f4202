import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addMonthsWib } from '../../src/shared/shop-time';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

/**
 * Breaks found across the seams between parts built separately: each is a promise of the README
 * that held for each part alone and failed where two of them meet.
 */
const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

const HOUR = 3_600_000;
const CASHIER_NEW_PIN = '582914';

function core(opts: Parameters<typeof makeCore>[0] = {}): TestCore {
  const t = makeCore(opts);
  cores.push(t);
  return t;
}

/** The same data folder, keystore and clock: the app quit and started again. */
function restart(t: TestCore, opts: Parameters<typeof makeCore>[0] = {}): TestCore {
  t.core.dispose();
  return core({ ...opts, dir: t.dir, keyStore: t.keyStore, clock: t.clock });
}

async function asCashier(t: TestCore, cashierId: string): Promise<void> {
  const r = await t.call('auth:lock', {});
  expect(r.ok || r.error.code === 'LOCKED').toBe(true);
  const first = await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  if (first.ok)
    await t.ok('auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: CASHIER_NEW_PIN,
      newPinConfirm: CASHIER_NEW_PIN,
    });
  else await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_NEW_PIN });
}

describe('the search budget and a restart', () => {
  it('quitting and starting the app does not give a cashier a fresh hour of people listed', async () => {
    const usageLimits = {
      searchesPerMinute: 60,
      customersPerHour: 100,
      searchedCustomersPerHour: 3,
      phoneEndingCustomersPerHour: 2,
    };
    let t = core({ usageLimits });
    const { cashierId } = await setupShop(t);
    const names = ['Budi Alfa', 'Budi Bravo', 'Budi Charlie', 'Budi Delta', 'Budi Echo'];
    for (const [i, name] of names.entries())
      await t.ok('customers:create', { name, phone: `0812-3456-70${i}${i}` });
    await asCashier(t, cashierId);
    for (const name of names.slice(0, 3))
      expect((await t.ok('customers:search', { query: name })).items).toHaveLength(1);
    expect(await t.call('customers:search', { query: names[3]! })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    t.clock.advance(60_000);

    t = restart(t, { usageLimits });
    await asCashier(t, cashierId);
    // The same three cost nothing again; a fourth is still over the budget.
    expect((await t.ok('customers:search', { query: names[0]! })).items).toHaveLength(1);
    expect(await t.call('customers:search', { query: names[3]! })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    expect(await t.call('customers:search', { query: names[4]! })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    // An hour after, the budget is free again.
    t.clock.advance(HOUR);
    expect((await t.ok('customers:search', { query: names[3]! })).items).toHaveLength(1);
  });

  it('nor a fresh hour of phone endings', async () => {
    const usageLimits = {
      searchesPerMinute: 60,
      customersPerHour: 100,
      searchedCustomersPerHour: 100,
      phoneEndingCustomersPerHour: 2,
    };
    let t = core({ usageLimits });
    const { cashierId } = await setupShop(t);
    for (let i = 0; i < 4; i++)
      await t.ok('customers:create', { name: `Pelanggan ${i}`, phone: `0812-3456-${1000 + i * 1111}` });
    await asCashier(t, cashierId);
    for (const ending of ['1000', '2111']) await t.ok('customers:search', { query: ending });
    expect(await t.call('customers:search', { query: '3222' })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    t = restart(t, { usageLimits });
    await asCashier(t, cashierId);
    expect(await t.call('customers:search', { query: '3222' })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    // By name the budget of people listed is not spent.
    expect((await t.ok('customers:search', { query: 'Pelanggan 3' })).items).toHaveLength(1);
  });
});

const request = () => ({
  type: 'erasure' as const,
  customerId: null,
  requester: 'Pak Joko',
  channel: 'in_person' as const,
  verification: 'KTP dicocokkan',
});

describe('the requests throttle and a restart', () => {
  it('quitting and starting the app does not give a cashier a fresh hour of requests', async () => {
    let t = core();
    const { cashierId, ownerId } = await setupShop(t);
    await asCashier(t, cashierId);
    for (let i = 0; i < 10; i++) await t.ok('requests:create', request());
    expect(await t.call('requests:create', request())).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    t.clock.advance(60_000);

    t = restart(t);
    await asCashier(t, cashierId);
    const after = await t.call('requests:create', request());
    expect(after).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(after.ok ? 0 : after.error.details?.retryAfterMs).toBe(HOUR - 60_000);

    // An hour after the first, the window has moved on.
    t.clock.advance(HOUR);
    await t.ok('requests:create', request());
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect((await t.ok('requests:list', { status: 'all' })).total).toBe(11);
  });
});

const DAY = 86_400_000;

/** The edge's 15-second timer: a tick, then whatever daily work it started, to its end. */
async function tick(t: TestCore): Promise<void> {
  t.core.tick();
  do await new Promise((r) => setTimeout(r, 2));
  while (t.core.jobs.isRunning());
}

describe('the confirmed clock and a gap the app did not see (sleep, a restart)', () => {
  /** 30 customers, the i-th due (30 + 20·i) days from now by the real time. */
  async function shop(t: TestCore) {
    const ids = await setupShop(t);
    t.core.lifecycle.setAutoLockMinutes(20 * 365 * 24 * 60);
    const db = t.core.vault.requireDb();
    const start = t.clock.now();
    const dueAt = new Map<number, number>();
    for (let i = 0; i < 30; i++) {
      const { id } = await t.ok('customers:create', { name: `Pelanggan ${i}` });
      db.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?').run(
        addMonthsWib(start, -24) + (30 + 20 * i) * DAY,
        id,
      );
      dueAt.set(id, (await t.ok('customers:get', { id })).deletion.dueAt);
    }
    await tick(t);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(30);
    return { ...ids, start, dueAt };
  }

  /**
   * Five minutes really passed, and at most 14 days of unwatched time are ever believed without
   * the owner: the first customer is due in 30 days, so nobody goes. The owner is told the clock
   * is ahead, and no long gap was believed (none is in the log).
   */
  async function expectNobodyEarly(t: TestCore) {
    const left = t.core.vault.requireDb().prepare('SELECT count(*) FROM customers').pluck().get();
    expect(left).toBe(30);
    const health = (await t.ok('health:get', {})).find((h) => h.key === 'deletion')!;
    expect(health.status).toBe('warn');
    expect(Number(health.values.clockAheadDays)).toBeGreaterThan(19 * 44 - 2);
    const gaps = (await t.ok('audit:list', { action: 'clock.gapBelieved' })).items;
    expect(gaps).toEqual([]);
  }

  it('closing the lid with the clock 44 days ahead, again and again, erases nobody before their day', async () => {
    const t = core();
    await shop(t);
    for (let i = 0; i < 20; i++) {
      t.clock.setWall(t.clock.now() + 44 * DAY);
      t.clock.advance(15_000); // a few seconds really pass around the sleep
      t.core.clockResumed();
      await tick(t);
    }
    await expectNobodyEarly(t);
  });

  it('quitting and starting the app with the clock 44 days ahead, again and again, erases nobody before their day', async () => {
    let t = core();
    const { ownerId } = await shop(t);
    for (let i = 0; i < 20; i++) {
      t.clock.setWall(t.clock.now() + 44 * DAY);
      t.clock.advance(15_000);
      t = restart(t);
      await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      await tick(t);
    }
    await expectNobodyEarly(t);
  });

  it('an honest shop (open 6 hours a day, the app quit at night): nights never hold the purge back; two weeks closed for Lebaran wait for one click by the owner, then it catches up', async () => {
    let t = core();
    const { ownerId, start, dueAt } = await shop(t);
    const real = () => t.clock.now();
    // Due a day ago or more and still there (the purge runs once a day).
    const dueButKept = () => {
      const left = new Set(t.core.vault.requireDb().prepare('SELECT id FROM customers').pluck().all());
      return [...dueAt].filter(([id, due]) => left.has(id) && due + DAY <= real()).length;
    };
    for (let day = 0; day < 75; day++) {
      // Closed for two weeks from day 40: the laptop off.
      const closed = day === 40 ? 14 * DAY : 0;
      t.clock.setWall(t.clock.now() + 18 * 3_600_000 + closed);
      t = restart(t);
      await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
      t.core.lifecycle.setAutoLockMinutes(24 * 60);
      if (closed) {
        // A new shop has not run long enough to have two weeks believed: the owner is asked.
        await tick(t);
        const held = (await t.ok('health:get', {})).find((h) => h.key === 'deletion')!;
        expect(Number(held.values.clockAheadDays), 'after Lebaran').toBeGreaterThanOrEqual(13);
        await t.ok('retention:confirmClock', { confirm: true });
      }
      for (let h = 0; h < 3; h++) {
        await tick(t);
        t.clock.advance(2 * 3_600_000);
      }
      await tick(t);
      expect(dueButKept(), `day ${day + 1}`).toBe(0);
      const health = (await t.ok('health:get', {})).find((h) => h.key === 'deletion')!;
      expect(health.values.clockAheadDays ?? '', `day ${day + 1}`).toBeFalsy();
    }
    expect(real() - start).toBeGreaterThan(85 * DAY);
    // The owner confirmed the clock once; no night was long enough to be written to the log.
    expect((await t.ok('audit:list', { action: 'retention.confirmClock' })).total).toBe(1);
    expect((await t.ok('audit:list', { action: 'clock.gapBelieved' })).items).toEqual([]);
    // Those due by then went on their day (30, 50 and 70 days in).
    expect(t.core.vault.requireDb().prepare('SELECT count(*) FROM customers').pluck().get()).toBe(27);
  });
});

describe('backups and the data folder', () => {
  it('a backup is never written into the data folder (it would open with the code a rotation retires there)', async () => {
    const t = core();
    const { recoveryCode } = await setupShop(t);
    await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    await t.ok('backups:enable', { code: recoveryCode });
    const before = readdirSync(t.dir).sort();
    const sub = join(t.dir, 'cadangan');
    mkdirSync(sub);
    for (const folder of [t.dir, sub, `${t.dir}/./cadangan/..`]) {
      t.dialogs.nextFolder = folder;
      const r = await t.call('backups:create', { chooseFolder: true });
      expect(r, folder).toMatchObject({
        ok: false,
        error: { code: 'BAD_FILE', details: { reason: 'folder_is_data' } },
      });
      if (!r.ok) expect(r.error.message).toMatch(/folder data aplikasi/);
    }
    expect(readdirSync(sub)).toEqual([]);
    expect(
      readdirSync(t.dir)
        .filter((f) => f !== 'cadangan')
        .sort(),
    ).toEqual(before);
  });
});
