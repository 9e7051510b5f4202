import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addMonthsWib } from '../../src/shared/shop-time';
import { ConfirmedTime } from '../../src/main/services/confirmed-time';
import { TestClock } from '../support/clock';
import { makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/**
 * A shop of 40 customers, the i-th due `dueDay(i)` days from now (negative: already due). The app
 * stays open (no idle lock) for the whole test: what is under test is the purge's clock.
 */
async function shop(dueDay: (i: number) => number) {
  const clock = new TestClock();
  const core = (t = makeCore({ clock }));
  await setupShop(core);
  core.core.lifecycle.setAutoLockMinutes(20 * 365 * 24 * 60);
  const db = core.core.vault.requireDb();
  const start = clock.now();
  const dueAt = new Map<number, number>();
  for (let i = 0; i < 40; i++) {
    const { id } = await core.ok('customers:create', { name: `Pelanggan ${i}` });
    db.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?').run(
      addMonthsWib(start, -24) + dueDay(i) * DAY,
      id,
    );
    // The date the schedule shows (not under test here): what the purge must wait for.
    dueAt.set(id, (await core.ok('customers:get', { id })).deletion.dueAt);
  }
  const monoStart = clock.monotonic();
  /** The real time: the start plus the time that really passed (what the test's monotonic clock says). */
  const real = () => start + (clock.monotonic() - monoStart);
  const left = () => new Set(db.prepare('SELECT id FROM customers').pluck().all() as number[]);
  /** Customers erased though the real time had not reached their date. */
  const erasedEarly = () => [...dueAt].filter(([id, due]) => !left().has(id) && due > real());
  /** Customers whose date the real time has reached who are still there. */
  const dueButKept = () => [...dueAt].filter(([id, due]) => left().has(id) && due <= real());
  return { core, clock, db, start, dueAt, real, left, erasedEarly, dueButKept };
}

/** The edge's 15-second timer: a tick, then whatever daily work it started, to its end. */
async function tick(core: TestCore): Promise<void> {
  core.core.tick();
  do await new Promise((r) => setTimeout(r, 2));
  while (core.core.jobs.isRunning());
}

describe('the purge date moves only with time the app has seen pass', () => {
  it('the ratchet: five years ahead, nudged back a second before each of 32 ticks: only those due by the real time go, the owner is told', async () => {
    // Five already due; the other 35 fall due every 40 days from tomorrow on (over four years).
    const s = await shop((i) => (i < 5 ? -5 - i : (i - 4) * 40));
    const dueNow = [...s.dueAt].filter(([, due]) => due <= s.start).length;
    expect(dueNow).toBe(5);
    await tick(s.core); // the purge after unlock, with an honest clock
    expect(s.left().size).toBe(35);

    s.clock.setWall(s.start + 5 * YEAR);
    for (let i = 0; i < 32; i++) {
      s.clock.setWall(s.clock.now() - 1000);
      s.clock.advance(15_000);
      await tick(s.core);
      expect(s.erasedEarly(), `tick ${i + 1}`).toEqual([]);
    }
    // Eight minutes really passed: nobody else was due.
    expect(s.left().size).toBe(35);
    // Flagged, not acted on: the health screen says the clock is ahead, in days.
    const health = (await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!;
    expect(health.status).toBe('warn');
    expect(Number(health.values.clockAheadDays)).toBeGreaterThanOrEqual(5 * 365 - 1);
    // The owner running the purge by hand is held back the same way, and told.
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    expect(s.left().size).toBe(35);

    // The clock put right, the shop goes on honestly: each customer goes on their day, not before.
    s.clock.setWall(s.real());
    for (let day = 0; day < 200; day++) {
      s.clock.advance(DAY);
      await tick(s.core);
      expect(s.erasedEarly(), `day ${day + 1}`).toEqual([]);
      expect(s.dueButKept(), `day ${day + 1}`).toEqual([]);
    }
    expect(s.left().size).toBe(35 - 5);
    expect((await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!.status).toBe('ok');
  });

  it('the laptop slept 11 days (the monotonic clock stood still) after 12 days of running: believed when it wakes, like a closed shop; a year is not', async () => {
    // Due 5, 10, 15... days from now.
    const s = await shop((i) => 5 * (i + 1));
    await tick(s.core);
    // Twelve days of running (the reserve for unwatched time fills with them): 5 and 10 go.
    for (let day = 0; day < 12; day++) {
      s.clock.advance(DAY);
      await tick(s.core);
    }
    expect(s.left().size).toBe(38);
    // Asleep: only the wall clock moves. Before the edge says it woke, that is a jump like any other.
    s.clock.setWall(s.clock.now() + 11 * DAY);
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    s.core.core.clockResumed();
    // Day 23: 15 and 20 go.
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 2, heldBack: false });
    // Another sleep, and the clock a year on when it wakes: what is left of the reserve (full at
    // 14 days, 11 spent: 3 days, day 26, so the one due on day 25 goes), not a year; the owner is told.
    s.clock.setWall(s.clock.now() + 365 * DAY);
    s.core.core.clockResumed();
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 1, heldBack: true });
    expect(s.left().size).toBe(35);
  });

  it('a year of random clock jumps (back and ahead, seconds to years) between ticks: nobody erased before the real time makes them due; put right, everyone due goes', async () => {
    // Between two ticks: time really passes (both clocks, 15 s to four days), and maybe someone
    // sets the clock (seconds to years, back or ahead), puts it right, or runs the purge by hand.
    const step = fc.record({
      pass: fc.integer({ min: 15_000, max: 4 * DAY }),
      event: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ kind: 'none' as const, ms: 0 }) },
        {
          weight: 3,
          arbitrary: fc.record({
            kind: fc.constant('jump' as const),
            ms: fc.oneof(
              fc.integer({ min: -120_000, max: 120_000 }),
              fc.integer({ min: -60 * DAY, max: 60 * DAY }),
              fc.integer({ min: -6 * YEAR, max: 6 * YEAR }),
            ),
          }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'correct' as const, ms: 0 }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const, ms: 0 }) },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 300, maxLength: 300 }), async (steps) => {
        t?.cleanup();
        // Due from 10 days ago to about a year ahead, one every 9 days.
        const s = await shop((i) => -10 + 9 * i);
        await tick(s.core);
        for (const [i, { pass, event }] of steps.entries()) {
          if (s.real() - s.start >= YEAR) break;
          s.clock.advance(pass);
          if (event.kind === 'jump') s.clock.setWall(s.clock.now() + event.ms);
          else if (event.kind === 'correct') s.clock.setWall(s.real());
          else if (event.kind === 'purge') await s.core.ok('retention:purge', {});
          await tick(s.core);
          expect(s.erasedEarly(), `step ${i}: ${JSON.stringify(event)}`).toEqual([]);
        }
        // The run covered the year.
        expect(s.real() - s.start).toBeGreaterThanOrEqual(YEAR);
        // Put right and a day of honest running: everyone whose date has come is gone.
        s.clock.setWall(s.real());
        s.clock.advance(DAY);
        await tick(s.core);
        expect(s.erasedEarly()).toEqual([]);
        expect(s.dueButKept()).toEqual([]);
        t?.cleanup();
        t = null;
      }),
      { seed: 20_261_206, numRuns: 4, endOnFailure: true },
    );
  }, 240_000);
});

/**
 * The app closed and started again over the same data folder (what a cashier with the power
 * button does): the old core is gone, a new one opens the vault with the owner's PIN.
 */
async function restart(s: { core: TestCore; clock: TestClock }, ownerId: string): Promise<TestCore> {
  const first = t!;
  s.core.core.dispose();
  const next = makeCore({ dir: first.dir, keyStore: first.keyStore, clock: s.clock });
  // The first core's cleanup removes the folder; the later ones only close their core.
  t = { ...next, cleanup: () => (next.core.dispose(), first.cleanup()) } as TestCore;
  await next.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  next.core.lifecycle.setAutoLockMinutes(20 * 365 * 24 * 60);
  s.core = next;
  return next;
}

describe('restarts (and wakes) do not move the purge date by themselves', () => {
  /** A shop as above, over which the test restarts the app; `left` reads the open core's vault. */
  async function restartableShop(dueDay: (i: number) => number) {
    const clock = new TestClock();
    const first = (t = makeCore({ clock }));
    const { ownerId } = await setupShop(first);
    first.core.lifecycle.setAutoLockMinutes(20 * 365 * 24 * 60);
    const start = clock.now();
    const dueAt = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      const { id } = await first.ok('customers:create', { name: `Pelanggan ${i}` });
      first.core.vault
        .requireDb()
        .prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?')
        .run(addMonthsWib(start, -24) + dueDay(i) * DAY, id);
      dueAt.set(id, (await first.ok('customers:get', { id })).deletion.dueAt);
    }
    const monoStart = clock.monotonic();
    const s = {
      core: first,
      clock,
      ownerId,
      start,
      dueAt,
      real: () => start + (clock.monotonic() - monoStart),
      left: () =>
        new Set(s.core.core.vault.requireDb().prepare('SELECT id FROM customers').pluck().all() as number[]),
      erasedEarly: () => [...dueAt].filter(([id, due]) => !s.left().has(id) && due > s.real()),
      dueButKept: () => [...dueAt].filter(([id, due]) => s.left().has(id) && due <= s.real()),
      restart: () => restart(s, ownerId),
    };
    return s;
  }

  it('the restart ratchet: 30 times the clock 44 days ahead (under the 45 a start used to believe), restart, unlock, tick: nobody goes before the real time, the owner is told', async () => {
    // Five already due; the other 35 every 20 days from tomorrow on.
    const s = await restartableShop((i) => (i < 5 ? -5 - i : (i - 4) * 20));
    await tick(s.core);
    expect(s.left().size).toBe(35);
    for (let i = 0; i < 30; i++) {
      s.clock.setWall(s.clock.now() + 44 * DAY);
      s.clock.advance(60_000);
      await s.restart();
      await tick(s.core);
      s.clock.advance(15_000);
      await tick(s.core);
      expect(s.erasedEarly(), `restart ${i + 1}`).toEqual([]);
    }
    expect(s.left().size).toBe(35);
    const health = (await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!;
    expect(health.status).toBe('warn');
    expect(Number(health.values.clockAheadDays)).toBeGreaterThanOrEqual(30 * 44 - 1);
    // The same by sleeping and waking the laptop instead of restarting it.
    for (let i = 0; i < 30; i++) {
      s.clock.setWall(s.clock.now() + 44 * DAY);
      s.core.core.clockResumed();
      s.clock.advance(15_000);
      await tick(s.core);
      expect(s.erasedEarly(), `wake ${i + 1}`).toEqual([]);
    }
    expect(s.left().size).toBe(35);
  }, 60_000);
  it("an honest shop, open 12 hours and closed 12 every day: the nights are believed; closed 14 and 60 days, believed as far as the reserve goes, the rest waits for the owner's one click and catches up", async () => {
    // Due every 3 days from 3 days on (120 days). The clock is right throughout: the real time is the wall.
    const s = await restartableShop((i) => 3 * (i + 1));
    const early = () => [...s.dueAt].filter(([id, due]) => !s.left().has(id) && due > s.clock.now());
    const late = () => [...s.dueAt].filter(([id, due]) => s.left().has(id) && due <= s.clock.now());
    const deletionHealth = async () => (await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!;
    await tick(s.core);
    /** Days of 12 hours open (ticks each hour) and a night closed (the app quit, started the next morning). */
    const days = async (n: number) => {
      for (let day = 0; day < n; day++) {
        for (let h = 0; h < 12; h++) {
          s.clock.advance(3_600_000);
          await tick(s.core);
        }
        s.clock.setWall(s.clock.now() + 12 * 3_600_000);
        await s.restart();
        await tick(s.core);
        expect(early(), `day ${day + 1}`).toEqual([]);
        expect(late(), `day ${day + 1}`).toEqual([]);
      }
    };
    await days(10);
    expect((await deletionHealth()).status).toBe('ok');
    const owner = async () => {
      expect(await s.core.ok('retention:confirmClock', { confirm: true })).toMatchObject({
        clockAheadDays: expect.any(Number),
      });
      await tick(s.core);
    };
    /** Closed `closed` days; `byItself` of them are believed without the owner (the reserve). */
    const closedFor = async (closed: number, byItself: number) => {
      const due = (until: number) =>
        [...s.dueAt].filter(([id, at]) => s.left().has(id) && at <= until).length;
      // A day open, then closed from the evening on.
      for (let h = 0; h < 12; h++) {
        s.clock.advance(3_600_000);
        await tick(s.core);
      }
      const before = s.left().size;
      const reopened = s.clock.now() + closed * DAY;
      const expected = due(s.clock.now() + byItself * DAY);
      s.clock.setWall(reopened);
      await s.restart();
      await tick(s.core);
      expect(before - s.left().size, `closed ${closed} days`).toBe(expected);
      expect(early()).toEqual([]);
      const health = await deletionHealth();
      if (byItself === closed) {
        expect(late()).toEqual([]);
        expect(health.status).toBe('ok');
        return;
      }
      // Held: the owner sees by how much the clock is ahead of the time Brankas saw pass.
      expect(health.status).toBe('warn');
      expect(Number(health.values.clockAheadDays)).toBe(Math.floor(closed - byItself));
      // One click: the purge catches up with the calendar, the warning goes.
      await owner();
      expect(late(), `closed ${closed} days, after the click`).toEqual([]);
      expect(early()).toEqual([]);
      expect((await deletionHealth()).status).toBe('ok');
    };
    // A new shop starts with no reserve; each 12-hour day earns 36 hours (3 per hour run) and its
    // night spends 12: after ten days and one more day open, 11.5 days. The first fortnight closed
    // is believed that far; the rest waits for the owner.
    await closedFor(14, 11.5);
    // The click filled the reserve (14 days) and the nights, as long as the days, keep it full:
    // the next 14-day closure goes on by itself.
    await days(10);
    await closedFor(14, 14);
    // That closure spent it; fourteen days (a day net each) fill it again: of 60 days closed, 14
    // are believed (26 believed since the click, under the 60-day cap), the rest waits.
    await days(14);
    await closedFor(60, 14);
    // After the click, 60 days closed again: 14 believed by themselves, the rest waits.
    await days(3);
    await closedFor(60, 14);
    await days(2);
    expect(s.left().size).toBeLessThan(40 - 30);
  }, 120_000);

  it('after the owner confirmed the date (the reserve full), restarting with the clock ahead gains 14 days once, never more', async () => {
    // Due every 10 days from 5 days on.
    const s = await restartableShop((i) => 5 + 10 * i);
    await tick(s.core);
    await s.core.ok('retention:confirmClock', { confirm: true });
    for (let i = 0; i < 20; i++) {
      s.clock.setWall(s.clock.now() + 44 * DAY);
      s.clock.advance(60_000);
      await s.restart();
      await tick(s.core);
      // Only those due within the real time plus the 14 days of reserve.
      expect(
        [...s.dueAt].filter(([id, due]) => !s.left().has(id) && due > s.real() + 14 * DAY),
        `restart ${i + 1}`,
      ).toEqual([]);
    }
    // The one due in 5 days; the next (15 days) waits for time to pass.
    expect(s.left().size).toBe(39);
  }, 60_000);

  it('a slow ratchet: 14 days of running, then the clock 14 days ahead at a restart, eight times: the purge date gets at most 60 days ahead in all, then waits for the owner', async () => {
    // Due every 10 days from 5 days on.
    const s = await restartableShop((i) => 5 + 10 * i);
    await tick(s.core);
    for (let round = 0; round < 8; round++) {
      for (let day = 0; day < 14; day++) {
        s.clock.advance(DAY);
        await tick(s.core);
      }
      s.clock.setWall(s.clock.now() + 14 * DAY);
      await s.restart();
      await tick(s.core);
      expect(
        [...s.dueAt].filter(([id, due]) => !s.left().has(id) && due > s.real() + 60 * DAY),
        `round ${round + 1}`,
      ).toEqual([]);
    }
    // 112 days really passed and the clock is 224 days on: the purge stopped at 60 days ahead.
    const due = (until: number) => [...s.dueAt].filter(([, at]) => at <= until).length;
    expect(40 - s.left().size).toBe(due(s.real() + 60 * DAY));
    const health = (await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!;
    expect(health.status).toBe('warn');
    expect(Number(health.values.clockAheadDays)).toBe(224 - 112 - 60);
  }, 60_000);

  it('an honest shop closed every night for months: asked once, after about four months (60 days of nights believed), never anything early', async () => {
    // Due every 5 days from 3 days on (200 days).
    const s = await restartableShop((i) => 3 + 5 * i);
    const early = () => [...s.dueAt].filter(([id, due]) => !s.left().has(id) && due > s.clock.now());
    const late = () => [...s.dueAt].filter(([id, due]) => s.left().has(id) && due <= s.clock.now() - DAY);
    const warns = async () =>
      (await s.core.ok('health:get', {})).find((h) => h.key === 'deletion')!.status === 'warn';
    await tick(s.core);
    let askedOn: number | null = null;
    for (let day = 1; day <= 130; day++) {
      s.clock.advance(12 * 3_600_000);
      await tick(s.core);
      s.clock.setWall(s.clock.now() + 12 * 3_600_000);
      await s.restart();
      await tick(s.core);
      expect(early(), `day ${day}`).toEqual([]);
      if (askedOn === null && (await warns())) {
        askedOn = day;
        await s.core.ok('retention:confirmClock', { confirm: true });
        await tick(s.core);
      }
      expect(late(), `day ${day}`).toEqual([]);
    }
    expect(askedOn).toBeGreaterThanOrEqual(120);
    expect(askedOn).toBeLessThanOrEqual(124);
    expect(late()).toEqual([]);
  }, 120_000);
});

describe('the time the app ran is watched from its start, not from the first reading', () => {
  it('a day the app ran before anything asked the time is watched time, not a gap spent from the reserve', () => {
    const clock = new TestClock();
    const lastConfirmed = clock.now();
    const time = new ConfirmedTime(clock);
    clock.advance(DAY);
    expect(time.read(lastConfirmed)).toEqual({ wall: clock.now(), confirmed: clock.now() });
    // Only the wall moved (set ahead): not watched, and no reserve to believe it from.
    const time2 = new ConfirmedTime(clock);
    clock.setWall(clock.now() + DAY);
    expect(time2.read(lastConfirmed + DAY).confirmed).toBe(lastConfirmed + DAY);
  });
});
