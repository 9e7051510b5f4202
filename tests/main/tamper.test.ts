import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

/**
 * Tampering (#14): a flipped byte anywhere in the vault gives a clear "damaged" error, never
 * silently different data; an edited, deleted or reordered audit row is named by verify.
 */
describe('tamper', () => {
  it('a flipped byte in the vault: the data reads exactly as it was, or the app says the vault is damaged', async () => {
    const work = tempDir('brankas-tamper-');
    const t = makeCore({ dir: work.dir });
    const { ownerId } = await setupShop(t);
    for (let i = 0; i < 300; i++)
      await t.ok('customers:create', { name: `Pelanggan ${i}`, address: `Jl. Uji ${i}` });
    const snapshot = () =>
      JSON.stringify(
        t.core.vault.requireDb().prepare('SELECT id, name, address FROM customers ORDER BY id').all(),
      );
    const original = snapshot();
    await t.ok('auth:lock', {});
    t.core.dispose();
    const path = join(work.dir, 'vault.db');
    const clean = readFileSync(path);
    let refused = 0;
    let intact = 0;
    for (let i = 0; i < 40; i++) {
      const bad = Buffer.from(clean);
      const offset = i === 0 ? 20 : Math.floor(Math.random() * bad.length);
      bad[offset] = bad[offset]! ^ (1 << (i % 8));
      writeFileSync(path, bad);
      const c = makeCore({ dir: work.dir, keyStore: t.keyStore });
      try {
        const unlock = await c.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
        if (!unlock.ok) {
          expect(unlock.error.code, `offset ${offset}`).toBe('CORRUPT');
          expect(unlock.error.message).toContain('rusak');
          refused++;
          continue;
        }
        const list = await c.call('customers:search', { query: '', limit: 500 });
        let read: string | null = null;
        try {
          read = JSON.stringify(
            c.core.vault.requireDb().prepare('SELECT id, name, address FROM customers ORDER BY id').all(),
          );
        } catch {
          read = null;
        }
        if (!list.ok) expect(list.error.code, `offset ${offset}`).toBe('CORRUPT');
        if (read === null || !list.ok) refused++;
        else {
          // Never silently different.
          expect(read, `offset ${offset}`).toBe(original);
          intact++;
        }
      } finally {
        c.core.dispose();
      }
    }
    writeFileSync(path, clean);
    expect(refused).toBeGreaterThan(0);
    console.log(`flipped bytes: ${refused} refused as damaged, ${intact} read intact (unused or free space)`);
    work.cleanup();
  });

  it('an edited, deleted or reordered audit row is named by verify', async () => {
    const t = makeCore();
    cores.push(t);
    await setupShop(t);
    for (let i = 0; i < 5; i++) await t.ok('customers:create', { name: `C ${i}` });
    const db = t.core.vault.requireDb();
    const count = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
    // Swap two rows' places (reordered).
    db.exec(`UPDATE audit_log SET id = -1 WHERE id = 5;
             UPDATE audit_log SET id = 5 WHERE id = 6;
             UPDATE audit_log SET id = 6 WHERE id = -1;`);
    const r = await t.ok('audit:verify', {});
    expect(r).toMatchObject({ ok: false, firstBrokenId: 5 });
    expect(count).toBeGreaterThan(6);
  });
});
