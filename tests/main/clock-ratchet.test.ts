import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addMonthsWib } from '../../src/shared/calendar';
import { TestClock } from '../support/clock';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

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

  it('the laptop slept 11 days (the monotonic clock stood still): believed when it wakes, like a closed shop; a year is not', async () => {
    // Due 5, 10, 15... days from now.
    const s = await shop((i) => 5 * (i + 1));
    await tick(s.core);
    // Asleep: only the wall clock moves. Before the edge says it woke, that is a jump like any other.
    s.clock.setWall(s.clock.now() + 11 * DAY);
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    s.core.core.clockResumed();
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 2, heldBack: false });
    // Another sleep, and the clock a year on when it wakes: not believed, the owner is told.
    s.clock.setWall(s.clock.now() + 365 * DAY);
    s.core.core.clockResumed();
    expect(await s.core.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    expect(s.left().size).toBe(38);
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
