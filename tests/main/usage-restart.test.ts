import { afterEach, describe, expect, it } from 'vitest';
import type { UsageLimits } from '../../src/main/services/usage-guard';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const HOUR = 3_600_000;
const LIMITS: UsageLimits = {
  searchesPerMinute: 60,
  customersPerHour: 3,
  searchedCustomersPerHour: 5,
  phoneEndingCustomersPerHour: 2,
};
const NAMES = ['Anggrek', 'Bougenvil', 'Cempaka', 'Dahlia', 'Edelweis', 'Flamboyan', 'Gardenia', 'Heliconia'];
const NEW_PIN = '582914';

/** Eight customers with different names and phone endings; the cashier logged in. */
async function shop() {
  const clock = new TestClock();
  const first = (t = makeCore({ clock, usageLimits: LIMITS }));
  const { cashierId } = await setupShop(first);
  const people: { id: number; name: string; ending: string }[] = [];
  for (const [i, name] of NAMES.entries()) {
    const ending = String(1000 + i * 1111);
    const { id } = await first.ok('customers:create', {
      name: `${name} Pelanggan`,
      phone: `0812-3456-${ending}`,
    });
    people.push({ id, name, ending });
  }
  await first.ok('auth:lock', {});
  await first.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await first.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: NEW_PIN, newPinConfirm: NEW_PIN });
  const s = {
    clock,
    core: first,
    people,
    /** The app quit and started again over the same folder; the cashier unlocks. */
    async restart(killed = false) {
      // Killed: the old process wrote nothing at the end (its core is left as it was).
      if (!killed) s.core.core.dispose();
      const next = makeCore({ dir: first.dir, keyStore: first.keyStore, clock, usageLimits: LIMITS });
      t = { ...next, cleanup: () => (next.core.dispose(), first.cleanup()) } as TestCore;
      s.core = next;
      await next.ok('auth:unlock', { userId: cashierId, pin: NEW_PIN });
    },
    code: async (channel: 'byEnding' | 'byName' | 'open', i: number) => {
      const p = people[i]!;
      const r =
        channel === 'open'
          ? await s.core.call('customers:get', { id: p.id })
          : await s.core.call('customers:search', {
              query: channel === 'byEnding' ? p.ending : p.name,
              offset: 0,
              limit: 20,
            });
      if (r.ok && channel !== 'open') {
        // The search found exactly that one customer (the budget counts people listed).
        expect((r.value as { items: { id: number }[] }).items.map((c) => c.id)).toEqual([p.id]);
      }
      return r.ok ? 'ok' : r.error.code;
    },
  };
  return s;
}

/** Each budget spent: 2 found by ending, 5 listed in all, 3 opened; the next of each refused. */
async function spendTheHour(s: Awaited<ReturnType<typeof shop>>) {
  expect(await s.code('byEnding', 0)).toBe('ok');
  expect(await s.code('byEnding', 1)).toBe('ok');
  expect(await s.code('byEnding', 2)).toBe('THROTTLED');
  for (const i of [2, 3, 4]) expect(await s.code('byName', i)).toBe('ok');
  expect(await s.code('byName', 5)).toBe('THROTTLED');
  for (const i of [0, 1, 2]) expect(await s.code('open', i)).toBe('ok');
  expect(await s.code('open', 3)).toBe('THROTTLED');
}

/** Still spent: new people refused, those already counted this hour still found. */
async function stillSpent(s: Awaited<ReturnType<typeof shop>>, when: string) {
  expect(await s.code('open', 3), `${when}: a fourth opened`).toBe('THROTTLED');
  expect(await s.code('byEnding', 2), `${when}: a third ending`).toBe('THROTTLED');
  expect(await s.code('byName', 5), `${when}: a sixth person listed`).toBe('THROTTLED');
  expect(await s.code('byEnding', 0), `${when}: an ending already found`).toBe('ok');
  expect(await s.code('open', 0), `${when}: one already opened`).toBe('ok');
}

/** The hour over: the next of each budget passes. */
async function freeAgain(s: Awaited<ReturnType<typeof shop>>) {
  expect(await s.code('byEnding', 2)).toBe('ok');
  expect(await s.code('byName', 5)).toBe('ok');
  expect(await s.code('open', 3)).toBe('ok');
}

describe('the usage guard across app restarts', () => {
  it('quitting and starting the app does not give a cashier fresh search budgets; an hour of running does', async () => {
    const s = await shop();
    await spendTheHour(s);
    s.clock.advance(10 * 60_000);
    await s.restart();
    await stillSpent(s, 'after a restart');
    // The hour is counted in time the app ran: 50 more minutes and it is over.
    s.clock.advance(50 * 60_000 + 1000);
    await freeAgain(s);
  });

  it('the clock moved ahead before each restart (or the app closed for the night) does not end the hour', async () => {
    const s = await shop();
    await spendTheHour(s);
    for (const ahead of [2 * HOUR, 30 * 24 * HOUR, 3 * HOUR]) {
      s.clock.setWall(s.clock.now() + ahead);
      await s.restart();
      await stillSpent(s, `${ahead / HOUR} hours ahead`);
      s.clock.advance(5 * 60_000);
    }
    // Time the app runs ends it: the hour began 15 minutes of running ago.
    s.clock.advance(45 * 60_000 + 1000);
    await freeAgain(s);
  });

  it('killed (the power button: nothing written at the end), the hour still counts when it starts again', async () => {
    const s = await shop();
    await spendTheHour(s);
    const killed = s.core;
    s.clock.setWall(s.clock.now() + 2 * HOUR);
    await s.restart(true);
    try {
      await stillSpent(s, 'after a kill');
      s.clock.advance(HOUR);
      await freeAgain(s);
    } finally {
      killed.core.dispose();
    }
  });

  it("a cashier's requests (10 an hour) are not counted afresh after a restart with the clock ahead either", async () => {
    const s = await shop();
    const request = () =>
      s.core.call('requests:create', {
        type: 'erasure',
        customerId: null,
        requester: 'Pak Joko',
        channel: 'in_person',
        verification: 'KTP dicocokkan',
      });
    for (let i = 0; i < 10; i++) expect(await request()).toMatchObject({ ok: true });
    expect(await request()).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    for (const ahead of [2 * HOUR, 0]) {
      s.clock.setWall(s.clock.now() + ahead);
      await s.restart();
      expect(await request(), `${ahead / HOUR} hours ahead`).toMatchObject({
        ok: false,
        error: { code: 'THROTTLED' },
      });
    }
    s.clock.advance(HOUR);
    expect((await request()).ok).toBe(true);
  });
});
