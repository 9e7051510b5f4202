import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

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
 * Where an entry is recorded by hand (Auditor.record), not around a call, and why: none of these
 * is the outcome of a channel. The edge (app/), the channels (ipc/) and the auth flows are not
 * among them: a call's entry is the router's, with what the service reported (AppError.audit)
 * and what the handler added (ctx.auditDetail).
 */
const RECORDS_EVENTS: Record<string, string> = {
  'core/core.ts':
    'start-up findings (a rejected restore marker, leftovers deleted, a clock gap) and the vault guard',
  'services/hourly-limit.ts': 'a flood of refused calls summed into one entry with a count',
  'services/lan/primary.ts':
    "a pairing attempt refused, or a call from a device no longer paired: the link's, before any router call",
  'services/session-lifecycle.ts': 'a lock: also an idle or OS lock, which no call makes',
  'services/usage-guard.ts': 'a cashier held back for volume, summed with a count',
};

/**
 * Where a flow notes what it found on its way (Auditor.found), with the vault it holds open:
 * events of another action than the call's.
 */
const FINDS_EVENTS: Record<string, string> = {
  'services/auth/rotation-settle.ts': 'an interrupted key rotation finished or forgotten at an unlock',
  'services/auth/recovery.ts':
    'the device secret re-sealed unprotected, or refused for it while the keystore cannot sign the queue',
  'services/backup/restore-commit.ts': 'a new device secret made by a restore',
};

/**
 * Where the queue joins the chain: the flows that open the vault with a secret, and a long job's
 * end (what waited while it held the writes).
 */
const FLUSHES_QUEUE = ['core/core.ts', 'services/auth/recovery.ts', 'services/auth/unlock.ts'];

/** The entries a source writes by hand, by how (comments already removed). */
function handWritten(text: string): { records: boolean; finds: boolean; flushes: boolean } {
  return {
    records: /\bauditor\s*\??\.\s*record\s*\(/.test(text),
    finds: /\bauditor\s*\??\.\s*found\s*\(/.test(text),
    flushes: /\bflushPending\s*\(/.test(text),
  };
}

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
    const others = files.filter((f) => !CHAIN_WRITERS.includes(f.name));
    const where = (how: 'records' | 'finds' | 'flushes') =>
      others.filter((f) => handWritten(f.text)[how]).map((f) => f.name);
    expect(where('records')).toEqual(Object.keys(RECORDS_EVENTS).sort());
    expect(where('finds')).toEqual(Object.keys(FINDS_EVENTS).sort());
    expect(where('flushes')).toEqual([...FLUSHES_QUEUE].sort());
  });

  it('the scan sees a hand-written entry in a handler', () => {
    const handler = files.find((f) => f.name === 'ipc/handlers/auth.handlers.ts')!.text;
    expect(handWritten(handler)).toEqual({ records: false, finds: false, flushes: false });
    const planted = `${handler}\nauditor.record({ actor: null, action: 'auth.unlock', outcome: 'ok' });`;
    expect(handWritten(planted).records).toBe(true);
    expect(handWritten('c.d.auditor.found({ actor: null })').finds).toBe(true);
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

describe('the lock screen and its flows leave one entry per call, through the router', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  it('setup, unlock, PIN change and recovery: each call one entry, with who the secret proved', async () => {
    t = makeCore();
    const { ownerId, cashierId, recoveryCode } = await setupShop(t);
    await t.ok('auth:lock', {});
    // Refused while locked: the entries wait in the queue and join the chain at the next unlock.
    expect(await t.call('auth:unlock', { userId: cashierId, pin: '000123' })).toMatchObject({ ok: false });
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    const change = { currentPin: '000123', newPin: '582914', newPinConfirm: '582914' };
    expect(await t.call('auth:changePin', change)).toMatchObject({ error: { code: 'WRONG_PIN' } });
    await t.ok('auth:changePin', { ...change, currentPin: CASHIER_PIN });
    await t.ok('auth:lock', {});
    const recover = { code: 'A'.repeat(24), newPin: '481516', newPinConfirm: '481516' };
    expect(await t.call('auth:recoverOwner', recover)).toMatchObject({ ok: false });
    await t.ok('auth:recoverOwner', { ...recover, code: recoveryCode });

    const flows = ['setup.create', 'auth.unlock', 'auth.changePin', 'auth.recover'];
    const log = (await t.ok('audit:list', { limit: 100 })).items
      .filter((e) => flows.includes(e.action))
      .reverse()
      .map((e) => [e.action, e.outcome, e.actorId, e.target, e.detail]);
    const wrongPin = { reason: 'wrong_pin', failures: 1 };
    expect(log).toEqual([
      ['setup.create', 'ok', ownerId, null, { kdfIterations: 1, kdfMemoryKiB: 8192 }],
      ['auth.unlock', 'failed', cashierId, null, wrongPin],
      ['auth.unlock', 'ok', cashierId, null, {}],
      ['auth.changePin', 'failed', cashierId, null, wrongPin],
      ['auth.changePin', 'ok', cashierId, cashierId, {}],
      ['auth.recover', 'failed', null, null, {}],
      ['auth.recover', 'ok', ownerId, null, { deviceChanged: false }],
    ]);
  });
});
