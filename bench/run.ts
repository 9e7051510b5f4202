import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src/main/core/core';
import { MemoryDialogs, MemoryKeyStore, MemoryPrinter } from '../src/main/core/memory-ports';
import { calibrate } from '../src/main/vault/kdf';

/**
 * Benchmarks, run by `npm run bench` (never as timed unit tests). This first part measures the
 * key-derivation calibration and a real unlock on this machine. The data benchmarks (search,
 * inserts, import against plain SQLite and @journeyapps/sqlcipher) arrive with the customers issue.
 */
async function main() {
  const target = Number(process.env.BRANKAS_KDF_TARGET_MS ?? 500);
  const cal = await calibrate(target);
  const dir = mkdtempSync(join(tmpdir(), 'brankas-bench-'));
  try {
    const core = new Core({
      dataDir: dir,
      keyStore: new MemoryKeyStore(),
      printer: new MemoryPrinter(),
      dialogs: new MemoryDialogs(),
      kdf: { mode: 'fixed', params: cal.params },
    });
    const setup = await core.dispatch('w', 'setup:create', {
      shopName: 'Bench',
      ownerName: 'Owner',
      pin: '271828',
      pinConfirm: '271828',
    });
    if (!setup.ok) throw new Error(setup.error.code);
    const ownerId = (core.status('w').user ?? { id: '' }).id;
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      core.lock('w', 'manual');
      const t0 = performance.now();
      const r = await core.dispatch('w', 'auth:unlock', { userId: ownerId, pin: '271828' });
      runs.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.code);
    }
    core.dispose();
    runs.sort((a, b) => a - b);
    const result = {
      kdf: {
        targetMs: target,
        memoryKiB: cal.params.memoryKiB,
        iterations: cal.params.iterations,
        parallelism: cal.params.parallelism,
        measuredMs: cal.measuredMs,
      },
      unlockMs: { median: Math.round(runs[2]!), min: Math.round(runs[0]!), max: Math.round(runs[4]!) },
    };
    console.log('Argon2id calibration and unlock (this machine)');
    console.table([
      {
        'memory MiB': cal.params.memoryKiB / 1024,
        iterations: cal.params.iterations,
        'derive ms': cal.measuredMs,
        'unlock median ms': result.unlockMs.median,
        'unlock min ms': result.unlockMs.min,
        'unlock max ms': result.unlockMs.max,
      },
    ]);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
