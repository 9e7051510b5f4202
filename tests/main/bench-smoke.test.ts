import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The benchmark is only run by hand, so nothing would notice when a change to the app breaks it:
 * its smoke mode runs every section on tiny sizes here (the built workers in out/ come from the
 * build `npm test` runs first). No figure is checked, only that every section did its work.
 */
const ROOT = join(__dirname, '../..');
const SECTIONS = [
  'kdf',
  'engines',
  'import',
  'crafted',
  'backup',
  'purge',
  'browse',
  'audit',
  'lan',
  'loyalty',
];

describe('npm run bench', () => {
  it('runs every section to its end (smoke sizes)', () => {
    expect(existsSync(join(ROOT, 'out/main/backup-worker.js')), 'out/ is built').toBe(true);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 150_000,
    });
    const done = [...run.stdout.matchAll(/^smoke: (\w+) ok /gm)].map((m) => m[1]);
    const why = run.stderr.slice(-2000);
    expect(done, why).toEqual(SECTIONS);
    expect(run.status, why).toBe(0);
  }, 180_000);
});
