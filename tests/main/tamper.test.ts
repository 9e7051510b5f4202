import { createDecipheriv, randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

const PAGE = 4096;
const RESERVE = 80; // SQLCipher 4: a 16-byte IV and a 64-byte HMAC at the end of each page

/** A page of the vault decrypted with the data key (page 1 from byte 16: its first 16 are the salt). */
function page(file: Buffer, n: number, key: Buffer): Buffer {
  const raw = file.subarray((n - 1) * PAGE, n * PAGE);
  const d = createDecipheriv('aes-256-cbc', key, raw.subarray(PAGE - RESERVE, PAGE - RESERVE + 16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(raw.subarray(n === 1 ? 16 : 0, PAGE - RESERVE)), d.final()]);
}

/**
 * The freelist's leaf pages, read from the file as SQLite lays it out: page 1's header names the
 * first trunk page and the count; each trunk lists its leaves. Nothing reads a leaf's content
 * (it is overwritten when reused), so a byte there is the one kind of byte that may change unseen.
 */
function freeLeafPages(file: Buffer, key: Buffer, freelistCount: number): Set<number> {
  const header = page(file, 1, key);
  let trunk = header.readUInt32BE(32 - 16);
  // SQLite's own count agrees with the header read here: the decryption and the layout are right.
  expect(header.readUInt32BE(36 - 16)).toBe(freelistCount);
  const leaves = new Set<number>();
  let trunks = 0;
  while (trunk !== 0) {
    const t = page(file, trunk, key);
    trunks++;
    for (let i = 0; i < t.readUInt32BE(4); i++) leaves.add(t.readUInt32BE(8 + 4 * i));
    trunk = t.readUInt32BE(0);
  }
  expect(trunks + leaves.size).toBe(freelistCount);
  return leaves;
}

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

/**
 * Tampering: a flipped byte anywhere in the vault is named (the unlock refuses it as damaged, or
 * SQLite's integrity check, which verifies each page's HMAC as it reads, fails), unless it lies
 * in a page proven unused; an edited, deleted or reordered audit row is named by verify.
 * (SQLite3 Multiple Ciphers has no PRAGMA cipher_integrity_check; it verifies the HMAC on every
 * page read instead.)
 */
describe('tamper', () => {
  it('a flipped byte in the vault: the integrity check or the unlock names the damage, unless the byte is proven unused', async () => {
    const work = tempDir('brankas-tamper-');
    const t = makeCore({ dir: work.dir });
    const { ownerId } = await setupShop(t);
    const ids: number[] = [];
    for (let i = 0; i < 300; i++)
      ids.push(
        (
          await t.ok('customers:create', {
            name: `Pelanggan ${i}`,
            address: `Jl. Uji ${i}`,
            notes: `Langganan sejak lama, nomor ${i}. `.repeat(40),
          })
        ).id,
      );
    // A run of erased customers leaves whole pages free (no vacuum after a single erasure): unused bytes.
    for (const id of ids.slice(0, 100)) await t.ok('customers:erase', { id, confirm: true });
    const db = t.core.vault.requireDb();
    const snapshot = (d: typeof db) =>
      JSON.stringify(d.prepare('SELECT id, name, address FROM customers ORDER BY id').all());
    const original = snapshot(db);
    const freelistCount = db.pragma('freelist_count', { simple: true }) as number;
    const key = Buffer.from(t.core.vault.requireDek());
    await t.ok('auth:lock', {});
    t.core.dispose();
    const path = join(work.dir, 'vault.db');
    // Closed cleanly: everything is in the main file, no WAL frame could mask a flipped byte.
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
    const clean = readFileSync(path);
    const free = freeLeafPages(clean, key, freelistCount);
    expect(free.size).toBeGreaterThan(5);

    // Random bytes over the whole file, plus some where it matters: the salt, page 1's header, a
    // page's IV and HMAC, and bytes inside free pages.
    const offsets = [5, 20, 100, 2 * PAGE - RESERVE + 3, 3 * PAGE - 20];
    for (let i = 0; i < 30; i++) offsets.push(randomInt(clean.length));
    for (const pg of [...free].slice(0, 8)) offsets.push((pg - 1) * PAGE + randomInt(PAGE));
    const outcome = { refusedAtUnlock: 0, namedByCheck: 0, provenUnused: 0 };
    for (const [i, offset] of offsets.entries()) {
      const bad = Buffer.from(clean);
      bad[offset] = bad[offset]! ^ (1 << (i % 8));
      writeFileSync(path, bad);
      const page = Math.floor(offset / PAGE) + 1;
      const c = makeCore({ dir: work.dir, keyStore: t.keyStore });
      try {
        const unlock = await c.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
        if (!unlock.ok) {
          expect(unlock.error.code, `offset ${offset}`).toBe('CORRUPT');
          expect(unlock.error.message).toContain('rusak');
          outcome.refusedAtUnlock++;
          continue;
        }
        // The check reads every page in use (b-trees, pointer maps, freelist trunks); each read
        // verifies the page's HMAC, so a flipped byte in any of them fails it.
        let check: string;
        try {
          check = c.core.vault.requireDb().pragma('integrity_check', { simple: true }) as string;
        } catch (err) {
          check = (err as { code?: string }).code ?? 'error';
        }
        if (check !== 'ok') {
          outcome.namedByCheck++;
          continue;
        }
        // The check passed: only a byte in a page nothing uses may do that, and the data reads
        // exactly as it was.
        expect(free.has(page), `offset ${offset} (page ${page}) is in use, yet the check passed`).toBe(true);
        expect(snapshot(c.core.vault.requireDb()), `offset ${offset}`).toBe(original);
        expect((await c.ok('customers:search', { query: '', limit: 500 })).total).toBe(200);
        outcome.provenUnused++;
      } finally {
        c.core.dispose();
      }
    }
    writeFileSync(path, clean);
    console.log(
      `flipped bytes: ${offsets.length}; refused at unlock ${outcome.refusedAtUnlock}, named by the integrity check ${outcome.namedByCheck}, in free pages (proven unused) and read intact ${outcome.provenUnused}`,
    );
    expect(outcome.refusedAtUnlock + outcome.namedByCheck).toBeGreaterThan(0);
    expect(outcome.provenUnused).toBeGreaterThan(0);
    work.cleanup();
  });

  it('a damaged page under the paired devices or the server identity: the unlock answers (ok or CORRUPT), the server stays off, the check names it', async () => {
    const work = tempDir('brankas-tamper-lan-');
    const t = makeCore({ dir: work.dir });
    const { ownerId } = await setupShop(t);
    const db = t.core.vault.requireDb();
    const roots = db
      .prepare(
        "SELECT name, rootpage FROM sqlite_master WHERE type = 'table' AND name IN ('lan_identity', 'lan_devices')",
      )
      .all() as { name: string; rootpage: number }[];
    expect(roots.map((r) => r.name).sort()).toEqual(['lan_devices', 'lan_identity']);
    await t.ok('auth:lock', {});
    t.core.dispose();
    const path = join(work.dir, 'vault.db');
    const clean = readFileSync(path);
    try {
      for (const { name, rootpage } of roots) {
        // A byte in the page's encrypted body: its HMAC fails when anything reads the table.
        const bad = Buffer.from(clean);
        const offset = (rootpage - 1) * PAGE + 200;
        bad[offset] = bad[offset]! ^ 0x10;
        writeFileSync(path, bad);
        const c = makeCore({ dir: work.dir, keyStore: t.keyStore });
        try {
          const unlock = await c.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
          if (!unlock.ok) {
            expect(unlock.error.code, name).toBe('CORRUPT');
            continue;
          }
          const status = await c.ok('lan:status', {});
          expect(status.listening, name).toBeNull();
          expect(c.core.vault.requireDb().pragma('integrity_check', { simple: true }), name).not.toBe('ok');
        } finally {
          c.core.dispose();
        }
      }
    } finally {
      writeFileSync(path, clean);
      work.cleanup();
    }
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
