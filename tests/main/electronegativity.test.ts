import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures';

/**
 * Electronegativity (Doyensec's Electron misconfiguration scanner) on our source, offline: its
 * network lookups are answered "offline" at once (scripts/electronegativity-offline.cjs), which
 * also leaves out its check that downloads Electron's release data. Every finding left must be
 * one the README explains; a new one fails here.
 */
const EXPLAINED = ['CSP_GLOBAL_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'PRELOAD_JS_CHECK'];

describe('electronegativity', () => {
  it('finds only what the README explains', () => {
    const t = tempDir('brankas-eneg-');
    try {
      const out = join(t.dir, 'findings.csv');
      execFileSync(
        process.execPath,
        [
          '-r',
          join(process.cwd(), 'scripts', 'electronegativity-offline.cjs'),
          join('node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'),
          '-i',
          'src',
          '-e',
          '45.0.0',
          '-r',
          '-v',
          'false',
          '-o',
          out,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      // A real CSV parse: a finding's sample (the CSP, say) may hold commas, quotes and newlines.
      const rows = Papa.parse<string[]>(readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
      const ids = rows.slice(1).map((row) => row[0]!);
      expect([...new Set(ids)].sort()).toEqual(EXPLAINED);
      const readme = readFileSync('README.md', 'utf8');
      for (const id of EXPLAINED) expect(readme, id).toContain(id);
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
