import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contract, CHANNELS } from '../../src/shared/contract';
import type { ImportProgress } from '../../src/shared/domain';
import { JobRunner } from '../../src/main/lib/long-job';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/** The one shape of long work: import today; purge, backup, restore and key rotation next. */
describe('JobRunner', () => {
  const hooks = () => ({ onHoldWrites: vi.fn(), onReleaseWrites: vi.fn() });

  it('runs one job at a time: a second gets BUSY, and the runner is free again after either ends', async () => {
    const runner = new JobRunner(hooks());
    let release!: () => void;
    const first = runner.run(
      'a',
      () => undefined,
      () => new Promise<string>((r) => (release = () => r('done'))),
    );
    expect(runner.isRunning()).toBe(true);
    await expect(
      runner.run(
        'b',
        () => undefined,
        async () => 'x',
      ),
    ).rejects.toMatchObject({ code: 'BUSY' });
    release();
    expect(await first).toBe('done');
    expect(runner.isRunning()).toBe(false);
    await expect(
      runner.run(
        'c',
        () => undefined,
        async () => {
          throw new Error('boom');
        },
      ),
    ).rejects.toThrow('boom');
    expect(
      await runner.run(
        'd',
        () => undefined,
        async () => 'again',
      ),
    ).toBe('again');
  });

  it('cancel stops the job at its next checkpoint, whatever phase it is in', async () => {
    const runner = new JobRunner(hooks());
    for (const phase of ['reading', 'checking', 'writing']) {
      const seen: string[] = [];
      const job = runner.run(
        phase,
        (p) => seen.push(`${p.phase}:${p.done}`),
        async (j) => {
          for (let i = 0; i < 100; i++) {
            j.progress(phase, i, 100);
            if (i === 3) runner.cancel();
            await j.checkpoint();
          }
          return 'finished';
        },
      );
      await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(seen).toEqual([`${phase}:0`, `${phase}:1`, `${phase}:2`, `${phase}:3`]);
    }
    // Cancel with nothing running changes nothing, and a new job is not pre-cancelled.
    runner.cancel();
    expect(
      await runner.run(
        'e',
        () => undefined,
        async (j) => (await j.checkpoint(), 'ok'),
      ),
    ).toBe('ok');
  });

  it('holds writes only inside holdWrites, and always releases (hooks around it)', async () => {
    const h = hooks();
    const runner = new JobRunner(h);
    await expect(
      runner.run(
        'w',
        () => undefined,
        async (j) => {
          expect(runner.holdsWrites()).toBe(false);
          await j.holdWrites(async () => {
            expect(runner.holdsWrites()).toBe(true);
            expect(h.onHoldWrites).toHaveBeenCalledTimes(1);
            throw new Error('disk full');
          });
        },
      ),
    ).rejects.toThrow('disk full');
    expect(runner.holdsWrites()).toBe(false);
    expect(h.onReleaseWrites).toHaveBeenCalledTimes(1);
  });
});

let t: TestCore;
afterEach(() => t?.cleanup());

function pick(core: TestCore, name: string, content: string): void {
  const path = join(core.dir, '..', `${core.dir.split('/').pop()}-${name}`);
  writeFileSync(path, content);
  core.dialogs.nextOpen = path;
}

describe('channels declare whether they write', () => {
  it('every channel says so; a job holding writes turns exactly the writing ones away', async () => {
    for (const c of CHANNELS) expect(typeof contract[c].writes, c).toBe('boolean');
    const reads = CHANNELS.filter((c) => !contract[c].writes);
    expect(reads).toEqual(
      expect.arrayContaining([
        'customers:search',
        'customers:get',
        'audit:list',
        'auth:lock',
        'import:cancel',
      ]),
    );
    expect(reads).not.toContain('customers:create');
    expect(reads).not.toContain('customers:export');

    // A real job: an import commit holds writes while it writes; a second owner window tries
    // writes and reads meanwhile (each call's verdict is reached before its first await).
    t = makeCore();
    await setupShop(t);
    const regular = await t.ok('customers:create', { name: 'Tamu Lama' });
    pick(
      t,
      'busy.csv',
      [
        'Nama;HP',
        ...Array.from({ length: 5000 }, (_, i) => `Pembeli ${i};0857${String(30_000_000 + i)}`),
      ].join('\n'),
    );
    const preview = await t.ok('import:open', {});
    t.core.beginSession('w2', (await t.ok('app:status', {})).user!);
    let during: Promise<Record<string, unknown>> | undefined;
    t.core.setEventSink((_w, e, p) => {
      if (during || e !== 'import:progress' || (p as ImportProgress).phase !== 'writing') return;
      const calls = {
        'customers:create': t.call('customers:create', { name: 'Saat Impor' }, 'w2'),
        'customers:update': t.call('customers:update', { id: regular.id, name: 'Tamu Baru' }, 'w2'),
        'purchases:create': t.call(
          'purchases:create',
          { customerId: regular.id, amount: 10_000, items: ['Gula'] },
          'w2',
        ),
        'customers:search': t.call('customers:search', { query: '' }, 'w2'),
        'customers:get': t.call('customers:get', { id: regular.id }, 'w2'),
      };
      during = Promise.all(Object.entries(calls).map(async ([c, r]) => [c, await r] as const)).then(
        Object.fromEntries,
      );
    });
    expect(await t.ok('import:commit', { mapping: preview.suggested })).toMatchObject({ imported: 5000 });
    expect(during, 'the import reported its writing phase').toBeDefined();
    const seen = await during!;
    for (const c of ['customers:create', 'customers:update', 'purchases:create'])
      expect(seen[c], c).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(seen['customers:search']).toMatchObject({ ok: true });
    expect(seen['customers:get']).toMatchObject({ ok: true, value: { name: 'Tamu Lama' } });
    // Nothing refused was written; once the job is over, the same write goes through.
    expect((await t.ok('customers:search', { query: 'saat impor' })).total).toBe(0);
    expect(await t.call('customers:create', { name: 'Saat Impor' }, 'w2')).toMatchObject({ ok: true });
  });
});

describe('the import as a long job, through the router', () => {
  it('each step cancelled or failed is audited by the router with its code; other windows keep their entries', async () => {
    t = makeCore();
    await setupShop(t);
    const created = await t.ok('customers:create', { name: 'Tamu Lama' });
    const rows = Array.from({ length: 20_000 }, (_, i) => `Pembeli ${i};0857${String(20_000_000 + i)}`);
    pick(t, 'job.csv', ['Nama;HP', ...rows].join('\n'));
    const file = t.dialogs.nextOpen!;
    const preview = await t.ok('import:open', {});
    // A second owner window that reads (and so writes an audit entry) while the import writes.
    t.core.beginSession('w2', (await t.ok('app:status', {})).user!);

    const cancelIn = (phase: ImportProgress['phase'], alsoView = false) => {
      let done = false;
      t.core.setEventSink((_w, e, p) => {
        if (done || e !== 'import:progress' || (p as ImportProgress).phase !== phase) return;
        done = true;
        if (alsoView) void t.call('customers:get', { id: created.id }, 'w2');
        void t.call('import:cancel', {}, 'w2');
      });
    };
    cancelIn('checking');
    expect(await t.call('import:check', { mapping: preview.suggested })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    cancelIn('writing', true);
    expect(await t.call('import:commit', { mapping: preview.suggested })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    cancelIn('reading');
    t.dialogs.nextOpen = file;
    expect(await t.call('import:open', {})).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // A failed step (a file that is not CSV) is audited too.
    t.core.setEventSink(() => undefined);
    pick(t, 'empty.csv', '\n\n');
    expect(await t.call('import:open', {})).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });

    const log = (await t.ok('audit:list', { limit: 500 })).items;
    const importEntries = log
      .filter((e) => e.action.startsWith('import.'))
      .map((e) => `${e.action}:${e.outcome}:${String(e.detail.code ?? '')}`)
      .reverse();
    expect(importEntries).toEqual([
      'import.open:ok:',
      'import.check:failed:CANCELLED',
      'import.commit:failed:CANCELLED',
      'import.open:failed:CANCELLED',
      'import.open:failed:BAD_FILE',
    ]);
    // The view made by the other window while the import held the transaction survived its rollback.
    expect(log.filter((e) => e.action === 'customer.view' && e.target === String(created.id))).toHaveLength(
      1,
    );
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
