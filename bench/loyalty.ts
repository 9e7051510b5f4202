import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Core } from '../src/main/core/core';
import { ManualClock } from '../src/main/ports/memory-ports';
import { dashboardFigures, dashboardSummary } from '../src/main/services/dashboard/dashboard';
import type { DashboardPage, DashboardSummary } from '../src/shared/domain';
import type { Result } from '../src/shared/errors';
import { foldText } from '../src/main/services/text';
import { openVault, type Db } from '../src/main/vault/database';
import { customers, rng } from './generate';

/** What run.ts lends this section (its shop, its pinger), so both measure the same way. */
/** The owner's PIN of the bench's shop (bench/run.ts sets it up). */
const OWNER_PIN = '271828';

export interface LoyaltyBenchDeps {
  shop(
    dir: string,
    extra: { backupWorker: () => Worker; dashboardWorker?: () => Worker; clock: ManualClock },
  ): Promise<{ core: Core }>;
  pinger(core: Core): { pings: number[]; stop(): void };
  percentile(xs: number[], p: number): number;
  worker: { factory: () => Worker; kind: string };
  /** The dashboard's own thread when built (the app's), else the long-job worker reads for it. */
  dashboardWorker?: () => Worker;
  smoke: boolean;
}

/**
 * The owner's "Pelanggan" dashboard at shop scale (`npm run bench -- --only-loyalty`): N customers
 * with about ten sales each (the generator's two years, 2024-2025), a third with a birthday, about
 * a third agreeing to WhatsApp. First paint is what the screen waits for: the figures and the
 * first list, asked together, answered by main from the long-job worker. Another window pings
 * main every 10 ms meanwhile; its idle pings are the baseline.
 */
export async function loyaltyFigures(dir: string, count: number, purchasesPer: number, d: LoyaltyBenchDeps) {
  // Late November 2025, inside the generated sales: this month and the ones before it have buyers.
  const clock = new ManualClock(Date.UTC(2025, 10, 20, 3));
  const { core } = await d.shop(join(dir, 'loyalty-vault'), {
    backupWorker: d.worker.factory,
    dashboardWorker: d.dashboardWorker,
    clock,
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
    const t0 = performance.now();
    const sales = fillShop(db, owner, count, purchasesPer);
    const fillMs = Math.round(performance.now() - t0);

    const idle = d.pinger(core);
    await new Promise((res) => setTimeout(res, d.smoke ? 200 : 2000));
    idle.stop();

    // CPU time of the whole process (main, workers, GC) beside the wall time: on a shared machine
    // the wall time also counts the waits for a core.
    const timed = async <T>(work: () => Promise<T>) => {
      const ping = d.pinger(core);
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      const value = await work();
      const ms = performance.now() - t1;
      const c = process.cpuUsage(c1);
      ping.stop();
      return { value, ms: Math.round(ms), cpu: Math.round((c.user + c.system) / 1000), pings: ping.pings };
    };
    const summaryCall = () => call<DashboardSummary>('dashboard:summary', { lapsedWeeks: 8 });
    const birthdaysCall = () => call<DashboardPage>('dashboard:list', { list: 'birthdays', lapsedWeeks: 8 });
    // First paint is the figures answered (the screen draws them, the list follows). The first
    // open (the worker starts and reads a cold vault) and then again (as after a send); pings over
    // all of them for the p99.
    const RUNS = d.smoke ? 2 : 10;
    const paints: { ms: number; cpu: number; pings: number[] }[] = [];
    let summary: DashboardSummary | null = null;
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(summaryCall);
      paints.push(run);
      summary = run.value;
    }
    // A sale recorded between two opens: SQLite drops the kept connection's cache when the vault
    // changed, so this open decrypts its pages again (the thread stays).
    const afterSale: { ms: number; pings: number[] }[] = [];
    const someone = db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').pluck().get() as number;
    for (let i = 0; i < (d.smoke ? 1 : 5); i++) {
      await call('purchases:create', { customerId: someone, amount: 15_000, items: ['Kopi'] });
      afterSale.push(await timed(summaryCall));
    }
    // A sale entered late for last month (a receipt typed in after the month ended): last
    // month's kept figures go, and the next open counts it again with this one.
    const afterBackdated: { ms: number; pings: number[] }[] = [];
    for (let i = 0; i < (d.smoke ? 1 : 3); i++) {
      await call('purchases:create', {
        customerId: someone,
        at: clock.now() - (35 + i) * 86_400_000,
        amount: 15_000,
        items: ['Kopi'],
      });
      afterBackdated.push(await timed(summaryCall));
    }
    // The app's daily case: the owner opens the screen with no thread running and nothing of the
    // vault in SQLite's cache (the thread ended, as after a lock or a restart), the ended months
    // kept by an earlier open. Each time a new thread, a new connection.
    const coldOpens: { ms: number; cpu: number; pings: number[] }[] = [];
    for (let i = 0; i < (d.smoke ? 1 : 3); i++) {
      core.reports.cancelAll();
      await new Promise((res) => setTimeout(res, d.smoke ? 50 : 500));
      coldOpens.push(await timed(summaryCall));
    }
    const lists: { ms: number; pings: number[] }[] = [];
    let birthdays: DashboardPage | null = null;
    for (let i = 0; i < (d.smoke ? 1 : 5); i++) {
      const run = await timed(birthdaysCall);
      lists.push(run);
      birthdays = run.value;
    }
    const together = await timed(() => Promise.all([summaryCall(), birthdaysCall()]));
    const lapsed = await timed(() =>
      call<DashboardPage>('dashboard:list', { list: 'lapsed', lapsedWeeks: 8 }),
    );
    // Baselines: the same figures on main, on a fresh connection (a cold cache: every page
    // decrypted, as the worker's own connection does) and on main's warm one; all six months
    // counted (nothing kept read), and with the ended ones kept.
    const onMain = (kept: boolean, cold: boolean) => {
      const key = Buffer.from(core.vault.requireDek());
      const conn = cold ? openVault(core.vault.path, key) : db;
      key.fill(0);
      const input = { now: clock.now(), lapsedWeeks: 8, memberPurposeId: null };
      const t = performance.now();
      if (kept) dashboardFigures(conn, input);
      else dashboardSummary(conn, input);
      const took = Math.round(performance.now() - t);
      if (cold) conn.close();
      return took;
    };
    const coldMs = onMain(false, true);
    const warmMs = onMain(false, false);
    const coldKeptMs = onMain(true, true);
    const warmKeptMs = onMain(true, false);
    // The owner logs in again: the login starts the dashboard's thread and reads the figures once
    // in the background, and the owner reaches the screen a few seconds later (here 3 s).
    await call('auth:lock', {});
    await call('auth:unlock', { userId: owner, pin: OWNER_PIN });
    await new Promise((res) => setTimeout(res, d.smoke ? 100 : 3000));
    const afterLogin = await timed(summaryCall);
    const allPings = [
      ...paints,
      ...afterSale,
      ...afterBackdated,
      ...coldOpens,
      afterLogin,
      ...lists,
      together,
      lapsed,
    ].flatMap((x) => x.pings);
    const ms = paints.map((x) => x.ms);
    const median = d.percentile(ms.slice(1), 50);
    const s = summary!;
    return {
      worker: `${d.worker.kind}${d.dashboardWorker ? ', its own dashboard thread' : ''}`,
      customers: s.customers,
      sales,
      'fill ms (setup, not a figure)': fillMs,
      'idle ping p99 ms (baseline)': +d.percentile(idle.pings, 99).toFixed(2),
      'first paint, first open ever (new thread, cold vault, no month kept yet: all six counted) ms': ms[0]!,
      'first paint, cold open (new thread, cold vault, ended months kept), each ms': coldOpens
        .map((x) => x.ms)
        .join(' / '),
      'first paint CPU ms, all threads, cold open (worst)': Math.max(...coldOpens.map((x) => x.cpu)),
      'first paint, median of the next opens ms': median,
      'first paint, worst ms': Math.max(...ms),
      'first paint CPU ms, all threads (median of the next opens)': d.percentile(
        paints.slice(1).map((x) => x.cpu),
        50,
      ),
      'load average (1 min) at the end': +loadavg()[0]!.toFixed(2),
      'first paint after a sale was recorded, median ms': d.percentile(
        afterSale.map((x) => x.ms),
        50,
      ),
      'first paint after a sale entered late for last month, each ms': afterBackdated
        .map((x) => x.ms)
        .join(' / '),
      "first paint 3 s after the owner's login (the thread warmed at login) ms": afterLogin.ms,
      'birthdays list answered, median ms': d.percentile(
        lists.map((x) => x.ms),
        50,
      ),
      'figures and list asked together ms': together.ms,
      'lapsed list (8 weeks) ms': lapsed.ms,
      'the figures on main, fresh connection (cold), all six months counted ms': coldMs,
      'the figures on main, warm cache, all six months counted ms': warmMs,
      'the figures on main, fresh connection (cold), ended months kept ms': coldKeptMs,
      'the figures on main, warm cache, ended months kept ms': warmKeptMs,
      'ping p99 ms while computing': +d.percentile(allPings, 99).toFixed(2),
      pings: allPings.length,
      'returning this month / new': `${s.months.at(-1)!.returning} / ${s.months.at(-1)!.new}`,
      'birthdays this week (WhatsApp consenters)': birthdays!.total,
      'not seen for 8 weeks (WhatsApp consenters)': s.lapsed.total,
      firstPaintMs: Math.max(
        ...ms.slice(1),
        ...coldOpens.map((x) => x.ms),
        ...afterSale.map((x) => x.ms),
        ...afterBackdated.map((x) => x.ms),
        afterLogin.ms,
      ),
      firstOpenEverMs: ms[0]!,
      firstPaintMedianMs: median,
      pingP99Ms: +d.percentile(allPings, 99).toFixed(2),
    };
  } finally {
    core.dispose();
  }
}

/**
 * The bench's shop: `count` customers with about `purchasesPer` sales each over 2024-2025, a third
 * with a birthday, consents as the generator draws them. Written straight into the vault in one
 * transaction (setup, not measured), then checkpointed so a new connection starts cold.
 */
export function fillShop(db: Db, owner: string, count: number, purchasesPer: number): number {
  const start = Date.UTC(2024, 0, 1);
  const r = rng(7);
  let sales = 0;
  db.transaction(() => {
    const person = db.prepare(
      `INSERT INTO customers (name, name_norm, phone_e164, birthday, created_at, updated_at,
         last_activity_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sale = db.prepare(
      'INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const event = db.prepare(
      `INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version)
       VALUES (?, ?, ?, 'verbal', ?, ?, 1)`,
    );
    const state = db.prepare(
      `INSERT INTO consent_state (customer_id, purpose_id, granted, event_id) VALUES (?, ?, ?, ?)
       ON CONFLICT(customer_id, purpose_id) DO UPDATE SET granted = excluded.granted, event_id = excluded.event_id`,
    );
    for (const c of customers(count, 42, purchasesPer)) {
      const last = Math.max(start, ...c.purchases.map((p) => p.at));
      const birthday =
        r() < 0.35
          ? `${1960 + Math.floor(r() * 45)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`
          : null;
      const id = Number(
        person.run(c.name, foldText(c.name), c.e164, birthday, start, start, last, owner, owner)
          .lastInsertRowid,
      );
      for (const p of c.purchases) sale.run(id, p.at, p.amount, JSON.stringify(p.items), owner, p.at);
      sales += c.purchases.length;
      for (const g of c.consents) {
        state.run(
          id,
          g.purposeId,
          1,
          Number(event.run(id, g.purposeId, 'granted', owner, start).lastInsertRowid),
        );
        if (!g.granted)
          state.run(
            id,
            g.purposeId,
            0,
            Number(event.run(id, g.purposeId, 'withdrawn', owner, start + 1).lastInsertRowid),
          );
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('shrink_memory');
  return sales;
}
