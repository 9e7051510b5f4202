import { afterAll, beforeAll } from 'vitest';

// Kept apart from clock.ts, which the crash tests' child processes load outside vitest.

/**
 * Runs the enclosing describe block on a laptop set to `zone` (the process's TZ, which Node and
 * jsdom read at once), and puts the zone back after it: the shop's days must not move with it.
 */
export function onLaptopInZone(zone: string): void {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}
