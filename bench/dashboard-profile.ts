import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ManualClock, MemoryDialogs } from '../src/main/ports/memory-ports';
import { dashboardFigures, dashboardSummary } from '../src/main/services/dashboard/dashboard';
import { keepMonths } from '../src/main/services/dashboard/month-cache';
import { memberPurposeId } from '../src/main/services/dashboard/member-purpose';
import { openVault, type Db } from '../src/main/vault/database';
import type { Result } from '../src/shared/errors';
import { fillShop } from './loyalty';
import { benchShop } from './shop';

/**
 * Where the dashboard's first paint goes (`tsx bench/dashboard-profile.ts [customers] [per]`):
 * each statement of dashboardSummary timed on a new connection (cold) and again (warm), the
 * vault's opening, and the dashboard over a new kept thread.
 */
const COUNT = Number(process.argv[2] ?? 100_000);
const PER = Number(process.argv[3] ?? 10);
const WORKER = resolve(__dirname, '../out/main/backup-worker.js');
const DASHBOARD_WORKER = resolve(__dirname, '../out/main/dashboard-worker.js');

function timedStatements(db: Db, log: { sql: string; ms: number; cpu: number }[]): Db {
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const st = prepare(sql);
    for (const m of ['get', 'all', 'run'] as const) {
      const f = (st as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!.bind(st);
      (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        const t = performance.now();
        const c = process.threadCpuUsage();
        const v = f(...a);
        const cpu = process.threadCpuUsage(c);
        log.push({
          sql: sql.replace(/\s+/g, ' ').slice(0, 80),
          ms: +(performance.now() - t).toFixed(1),
          cpu: +((cpu.user + cpu.system) / 1000).toFixed(1),
        });
        return v;
      };
    }
    return st;
  };
  return db;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'brankas-prof-'));
  const clock = new ManualClock(Date.UTC(2025, 10, 20, 3));
  const { core } = await benchShop(join(dir, 'vault'), new MemoryDialogs(), {
    clock,
    backupWorker: () => new Worker(WORKER),
    dashboardWorker: () => new Worker(DASHBOARD_WORKER),
  });
  const call = async <T>(channel: string, input: unknown) => {
    const r = (await core.dispatch('w', channel, input)) as Result<T>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value;
  };
  try {
    await call('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
    const db = core.vault.requireDb();
    const owner = core.lifecycle.status('w').user?.id ?? '';
    let t = performance.now();
    const sales = fillShop(db, owner, COUNT, PER);
    console.log(`fill ${COUNT} customers ${sales} sales: ${Math.round(performance.now() - t)} ms`);
    const key = Buffer.from(core.vault.requireDek());
    // 1: the reference (nothing kept read); 2: the screen's path before any month is kept (the
    // first open ever); 3: the screen's path with the ended months kept by round 2.
    const rounds = ['reference, all counted', 'first open ever, nothing kept', 'ended months kept'];
    for (const round of [1, 2, 3]) {
      t = performance.now();
      const fresh = openVault(core.vault.path, Buffer.from(key));
      const openMs = performance.now() - t;
      const log: { sql: string; ms: number; cpu: number }[] = [];
      timedStatements(fresh, log);
      for (const pass of ['cold', 'warm']) {
        log.length = 0;
        t = performance.now();
        const input = { now: clock.now(), lapsedWeeks: 8, memberPurposeId: memberPurposeId(fresh) };
        if (round === 1) dashboardSummary(fresh, input);
        else dashboardFigures(fresh, input);
        console.log(
          `\nround ${round} (${rounds[round - 1]}) open ${openMs.toFixed(0)} ms; ${pass} summary ${(performance.now() - t).toFixed(0)} ms`,
        );
        for (const l of log)
          console.log(`  ${String(l.ms).padStart(7)} ms ${String(l.cpu).padStart(7)} cpu  ${l.sql}`);
      }
      if (round === 2) {
        const counted = dashboardFigures(fresh, {
          now: clock.now(),
          lapsedWeeks: 8,
          memberPurposeId: null,
        }).counted!;
        console.log(`kept: ${keepMonths(db, counted)} (${counted.months.length} months)`);
      }
      fresh.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    for (const i of [1, 2, 3]) {
      t = performance.now();
      await call('dashboard:summary', { lapsedWeeks: 8 });
      console.log(`dashboard:summary over the kept thread #${i}: ${Math.round(performance.now() - t)} ms`);
    }
    await call('purchases:create', {
      customerId: 1,
      amount: 15_000,
      items: ['Kopi'],
    });
    t = performance.now();
    await call('dashboard:summary', { lapsedWeeks: 8 });
    console.log(`after a sale: ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    const w = new Worker(WORKER);
    await new Promise((res) => w.once('online', res));
    console.log(`a bare long-job thread comes online: ${Math.round(performance.now() - t)} ms`);
    await w.terminate();
  } finally {
    core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
