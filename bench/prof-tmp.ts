import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Core } from '../src/main/core/core';
import { MemoryDialogs, MemoryHandoff, MemoryKeyStore, MemoryPrinter, ManualClock } from '../src/main/ports/memory-ports';
import { loyaltyFigures } from './loyalty';
import { dashboardList, dashboardSummary } from '../src/main/services/dashboard/dashboard';

const N = Number(process.argv[2] ?? 20000);
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'dashprof-'));
  let core!: Core;
  await loyaltyFigures(dir, N, 10, {
    shop: async (d, extra) => {
      core = new Core({ dataDir: d, keyStore: new MemoryKeyStore(), printer: new MemoryPrinter(), handoff: new MemoryHandoff(), dialogs: new MemoryDialogs(), kdf: { mode: 'fixed', params: { alg: 'argon2id', memoryKiB: 8192, iterations: 1, parallelism: 1 } }, ...extra, backupWorker: undefined as unknown as () => Worker });
      const s = (await core.dispatch('w', 'setup:create', { shopName: 'B', ownerName: 'O', pin: '271828', pinConfirm: '271828' })) as any;
      const code = s.value.recoveryCode.replace(/-/g, '');
      await core.dispatch('w', 'setup:confirmRecovery', { answers: s.value.confirmGroups.map((g: number) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })) });
      const orig = core.dispose.bind(core);
      core.dispose = () => {
        const db = core.vault.requireDb();
        const now = Date.UTC(2025, 10, 20, 3);
        const time = (label: string, f: () => unknown) => { const t = performance.now(); const v = f(); console.log(label, Math.round(performance.now() - t), JSON.stringify(v).slice(0, 80)); };
        const S = Array.from({ length: 7 }, (_, i) => Date.UTC(2025, 5 + i, 1) - 7 * 3600000);
        const params = Object.fromEntries(S.map((v, i) => [`s${i}`, v]));
        const bought = [0,1,2,3,4,5].map((i) => `max(at >= @s${i} AND at < @s${i + 1}) AS b${i}`).join(', ');
        const split = [0,1,2,3,4,5].map((i) => `coalesce(sum(b${i} AND first < @s${i}), 0), coalesce(sum(b${i} AND first >= @s${i}), 0)`).join(', ');
        time('V1 current', () => db.prepare(`SELECT ${split} FROM (SELECT min(at) AS first, ${bought} FROM purchases INDEXED BY purchases_standing WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id HAVING max(at) >= @s0)`).raw().get(params));
        time('V2 min only', () => db.prepare(`SELECT count(*) FROM (SELECT customer_id, min(at) FROM purchases INDEXED BY purchases_standing WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id)`).get());
        const v6 = `SELECT ${split} FROM (SELECT ${bought}, CASE WHEN EXISTS (SELECT 1 FROM purchases q INDEXED BY purchases_standing WHERE q.customer_id = w.customer_id AND q.customer_id IS NOT NULL AND q.voided_at IS NULL AND q.at < @s0) THEN 0 ELSE min(at) END AS first FROM purchases w INDEXED BY purchases_standing WHERE at >= @s0 AND at < @s6 AND customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id)`;
        for (let k = 0; k < 3; k++) {
          time('V6 full-index filtered', () => db.prepare(v6).raw().get(params));
          time('V1', () => db.prepare(`SELECT ${split} FROM (SELECT min(at) AS first, ${bought} FROM purchases INDEXED BY purchases_standing WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id HAVING max(at) >= @s0)`).raw().get(params));
          time('V2', () => db.prepare(`SELECT count(*) FROM (SELECT customer_id, min(at) FROM purchases INDEXED BY purchases_standing WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id)`).get());
        }
        console.log(db.prepare(`EXPLAIN QUERY PLAN ${v6}`).all(params).map((r: any) => r.detail));
        orig();
      };
      return { core };
    },
    pinger: () => ({ pings: [0], stop() {} }),
    percentile: () => 0,
    worker: { factory: undefined as unknown as () => Worker, kind: 'none' },
    smoke: true,
  });
}
void main();
