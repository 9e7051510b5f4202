import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machine that ran every
    // file one after another. The main and renderer files use their own temp folders, ports and
    // vaults, so two run side by side.
    maxWorkers: 2,
    // The second pass at another date (scripts/test-at-date.sh) writes its own report.
    reporters: [
      'default',
      ['json', { outputFile: process.env.BRANKAS_VITEST_JSON ?? 'test-results/vitest.json' }],
    ],
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: [
            'tests/main/**/*.test.ts',
            'tests/interop/**/*.test.ts',
            'tests/fuzz/**/*.test.ts',
            'tests/faults/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.tsx'],
          setupFiles: ['tests/renderer/setup.ts'],
          // Some screens run against a real core (real vault, real KDF): as long as main's.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
