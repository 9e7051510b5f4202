import { makeCore, type TestCore } from './fixtures';

/**
 * A test core whose error log is kept: a fuzz run asserts that nothing at all was logged (an
 * internal error is logged before it is hidden behind INTERNAL).
 */
export function makeLoggedCore(): TestCore & { logs: string[] } {
  const logs: string[] = [];
  return Object.assign(makeCore({ log: (line) => logs.push(line) }), { logs });
}
