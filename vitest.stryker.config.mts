import { defineConfig } from 'vitest/config';

/**
 * Vitest for StrykerJS only: the main-process tests, without the slow suites (faults, fuzz,
 * e2e), one fork at a time so a mutation run leaves the shared cores to the other work.
 */
export default defineConfig({
  test: {
    name: 'main',
    environment: 'node',
    include: ['tests/main/**/*.test.ts', 'tests/interop/**/*.test.ts'],
    exclude: ['tests/faults/**', 'tests/fuzz/**', 'tests/e2e/**', '**/node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
