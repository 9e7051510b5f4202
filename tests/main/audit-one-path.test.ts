import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Auditing goes through one path: the Auditor (src/main/services/auditor.ts). A channel is
 * audited by the router through Auditor.run, a timed job through Auditor.runAsync, a refusal at
 * the edge through the router; work inside a job's own transaction writes its entries with
 * auditInTransaction. Nothing else may write to the chain itself (appendAudit), and the edge and
 * the channels' handlers may not record entries of their own by hand.
 */
const MAIN = join(__dirname, '../../src/main');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Source without comments: a comment naming the writer is not a call. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const files = sources(MAIN).map((path) => ({
  name: relative(MAIN, path).replace(/\\/g, '/'),
  text: code(path),
}));

/** Modules allowed to touch the chain's writer: where it is defined, and the Auditor. */
const CHAIN_WRITERS = ['services/audit.service.ts', 'services/auditor.ts'];

/**
 * Where an entry is recorded by hand, not around an action: these modules record a refusal or an
 * event they detect themselves (a throttle, an idle lock, a start-up finding, the unlock's steps
 * while the vault opens and its queue is flushed). The edge (app/) and the channels (ipc/) are
 * not among them.
 */
const RECORDS_EVENTS = [
  'core/core.ts',
  'services/auth/lockout.ts',
  'services/auth/pin-change.ts',
  'services/auth/recovery.ts',
  'services/auth/rotation-settle.ts',
  'services/auth/setup.ts',
  'services/auth/unlock.ts',
  'services/backup/restore-commit.ts',
  'services/hourly-limit.ts',
  'services/session-lifecycle.ts',
  'services/usage-guard.ts',
];

describe('auditing goes through one path', () => {
  it('scans the main process (the scan sees its files)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.name === 'services/auditor.ts')).toBe(true);
  });

  it('only the Auditor writes to the hash chain (appendAudit)', () => {
    const direct = files
      .filter((f) => !CHAIN_WRITERS.includes(f.name) && /\bappendAudit\b/.test(f.text))
      .map((f) => f.name);
    expect(direct).toEqual([]);
  });

  it('the edge and the handlers never record an entry by hand: the router and the Auditor do', () => {
    const byHand = files
      .filter((f) => !RECORDS_EVENTS.includes(f.name) && !CHAIN_WRITERS.includes(f.name))
      .filter((f) => /\bauditor\s*\??\.\s*record\s*\(/.test(f.text) || /\bflushPending\s*\(/.test(f.text))
      .map((f) => f.name);
    expect(byHand).toEqual([]);
  });

  it('timed jobs run through the Auditor, not with entries written after them by hand', () => {
    const core = files.find((f) => f.name === 'core/core.ts')!.text;
    for (const job of ['autoPurge', 'autoBackup']) {
      const body = core.slice(
        core.indexOf(`async ${job}(`),
        core.indexOf('\n  }\n', core.indexOf(`async ${job}(`)),
      );
      expect(body, job).toMatch(/auditor\s*\.\s*runAsync\(/);
      expect(body, job).not.toMatch(/\.record\(/);
    }
  });
});
