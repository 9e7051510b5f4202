// @ts-check
import { readFileSync } from 'node:fs';
/**
 * Mutation testing of the modules that carry the app's promises (README "Mutation testing").
 * Each module is measured against the test files that claim to cover it, so a module's score says
 * what its own tests prove, and a run of one module takes minutes, not hours:
 *   npm run mutation                              all modules below in one run
 *   MUTATION_MODULE=router npm run mutation       one module (router, keyslots, unlock, backup,
 *                                                 retention, audit, usage)
 * Results: reports/mutation/<module>.html and .json; a rerun only tests again what changed
 * (incremental file beside them). Two test runners by default (MUTATION_CONCURRENCY).
 * Only the unlock and PIN-check functions of services/auth (unlock.ts, lockout.ts) are mutated
 * (line ranges below); the rest of those modules is setup, recovery and rotation, which other
 * suites cover.
 */

/**
 * `file:start-end` for the function whose first line starts with `from` (to its closing brace at
 * the same indentation), or up to the line before `to`: found by name at each run, so the ranges
 * follow the code instead of going stale when lines above them move.
 */
function span(file, from, to) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(from));
  if (start < 0) throw new Error(`${file}: no line starts with ${JSON.stringify(from)}`);
  let end;
  if (to) {
    end = lines.findIndex((l, i) => i > start && l.startsWith(to)) - 1;
  } else {
    const indent = /^\s*/.exec(lines[start])[0];
    end = lines.findIndex((l, i) => i > start && l === `${indent}}`);
  }
  if (end <= start) throw new Error(`${file}: no end for ${JSON.stringify(from)}`);
  return `${file}:${start + 1}-${end + 1}`;
}

/** Module -> the tests that claim to hold it. */
export const modules = {
  router: {
    mutate: ['src/main/ipc/router.ts'],
    testFiles: ['tests/main/router.test.ts', 'tests/main/mutants-router.test.ts'],
  },
  keyslots: {
    mutate: ['src/main/vault/keyslots.ts'],
    testFiles: [
      'tests/main/keyslots-format.test.ts',
      'tests/main/keystore.test.ts',
      'tests/main/auth.test.ts',
      'tests/main/mutants-keyslots.test.ts',
    ],
  },
  unlock: {
    // delayAfter, unlock, usableSlot, tryPinKeys
    mutate: [
      span('src/main/services/auth/lockout.ts', 'export function delayAfter('),
      span('src/main/services/auth/unlock.ts', 'export async function unlock('),
      span('src/main/services/auth/lockout.ts', 'export function usableSlot('),
      span('src/main/services/auth/lockout.ts', 'export async function tryPinKeys('),
    ],
    testFiles: ['tests/main/auth.test.ts', 'tests/main/mutants-unlock.test.ts'],
  },
  backup: {
    mutate: ['src/main/services/backup/backup-file.ts', 'src/main/services/backup/restore.ts'],
    testFiles: [
      // incident.test.ts also makes backups, but its crash loops take minutes per mutant.
      'tests/main/restore.test.ts',
      'tests/interop/backup.test.ts',
      'tests/main/mutants-backup.test.ts',
      'tests/main/mutants-backup-2.test.ts',
    ],
  },
  retention: {
    mutate: ['src/main/services/retention/erase.ts', 'src/main/services/retention/purge.ts'],
    testFiles: [
      'tests/main/retention.test.ts',
      'tests/main/rights.test.ts',
      'tests/main/mutants-retention.test.ts',
    ],
  },
  audit: {
    // The chain (hash, append, verify) and its anchor; the log's listing and CSV are not promises.
    // tamper.test.ts is left out: its flipped-byte loop covers every append and takes minutes.
    mutate: [
      // From the chain's genesis to the end of append, then verify.
      span('src/main/services/audit.service.ts', 'const GENESIS', '/** Entries of one action'),
      span('src/main/services/audit.service.ts', 'export function verifyAudit('),
      'src/main/services/audit-anchor.ts',
    ],
    testFiles: [
      'tests/main/audit.test.ts',
      'tests/main/hardening.test.ts',
      'tests/main/mutants-audit.test.ts',
    ],
  },
  usage: {
    mutate: ['src/main/services/usage-guard.ts'],
    testFiles: ['tests/main/hardening.test.ts', 'tests/main/mutants-usage.test.ts'],
  },
};

const only = process.env.MUTATION_MODULE;
const chosen = only ? [modules[/** @type {keyof typeof modules} */ (only)]] : Object.values(modules);
if (chosen.some((m) => !m))
  throw new Error(`MUTATION_MODULE must be one of: ${Object.keys(modules).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {
    configFile: 'vitest.stryker.config.mts',
    related: false,
    pool: process.env.MUTATION_POOL ?? 'forks',
  },
  coverageAnalysis: 'perTest',
  checkers: [],
  mutate: chosen.flatMap((m) => m.mutate),
  // Known limit: with testFiles, core 10.1.1 activates static mutants (module-level values such as
  // zod schemas and constants) after the module has loaded (stryker-js#6144), so they show as
  // Survived even when a test kills them; check such survivors by hand (README).
  testFiles: [...new Set(chosen.flatMap((m) => m.testFiles))],
  // Two cores shared with other work: at most two test runners.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  // A rerun after a change tests again only the mutants and tests that changed.
  incremental: true,
  incrementalFile: `reports/mutation/${only ?? 'all'}.incremental.json`,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 20,
  // The sandbox links the shared node_modules (itself a symlink) rather than copying it.
  symlinkNodeModules: true,
  // Every Stryker temp folder: parallel runs must not copy each other's sandboxes.
  ignorePatterns: [
    '/.stryker-tmp*',
    'dist',
    'coverage',
    'test-results',
    'reports',
    'assets',
    'bench',
    'tests/e2e',
  ],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${only ?? 'all'}.html` },
  jsonReporter: { fileName: `reports/mutation/${only ?? 'all'}.json` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
