import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchCustomers } from '../../src/main/services/customers.service';
import { buildNow, SPAN, spineReady } from '../../src/main/services/name-order';
import { foldText } from '../../src/main/services/text';
import { openVault, type Db } from '../../src/main/vault/database';
import { tempDir } from '../support/fixtures';

/**
 * The customer list's positions come from an in-memory spine of the name index (name-order.ts)
 * instead of OFFSET. Whatever happens to the customers table, on this connection or another,
 * every page must be exactly what OFFSET gives.
 */
const INSERT = `INSERT INTO customers (name, name_norm, address, created_at, updated_at, last_activity_at, created_by, updated_by)
  VALUES (?, ?, '', 1, 1, 1, 't', 't')`;
// Letters whose UTF-8 order differs from their UTF-16 order (U+FF21 vs an astral emoji) on purpose.
const ALPHABET = ['a', 'b', 'c', 'z', 'é', 'Ａ', '😀', ' '];

function insert(db: Db, name: string): void {
  db.prepare(INSERT).run(name, foldText(name) || name);
}

function truth(db: Db, folded: string, offset: number, limit: number) {
  const where = folded ? 'WHERE name_norm >= ? AND name_norm < ?' : '';
  const params = folded ? [folded, `${folded}\u{10FFFF}`] : [];
  const ids = db
    .prepare(`SELECT id FROM customers ${where} ORDER BY name_norm, id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, limit, offset) as number[];
  const total = db
    .prepare(`SELECT count(*) FROM customers ${where}`)
    .pluck()
    .get(...params) as number;
  return { ids, total };
}

function expectSame(db: Db, query: string, offset: number, limit: number): void {
  const page = searchCustomers(db, query, offset, limit, false);
  const t = truth(db, foldText(query), offset, limit);
  expect({ ids: page.items.map((i) => i.id), total: page.total }).toEqual(t);
}

const settle = () => new Promise<void>((r) => setImmediate(r));
async function untilReady(db: Db): Promise<void> {
  for (let i = 0; i < 1000 && !spineReady(db); i++) await settle();
}

describe('browsing customers by name without OFFSET', () => {
  let t: ReturnType<typeof tempDir>;
  let path: string;
  let key: Buffer;
  let db: Db;
  beforeEach(() => {
    t = tempDir();
    path = join(t.dir, 'v.db');
    key = randomBytes(32);
    db = openVault(path, key);
    db.prepare("INSERT INTO users VALUES ('t', 'T', 'owner', 1, 0, 0, 0)").run();
    db.transaction(() => {
      for (let i = 0; i < 3 * SPAN + 17; i++)
        insert(db, `${ALPHABET[i % ALPHABET.length]}${(i * 7919) % 1000}`);
    })();
  });
  afterEach(() => {
    if (db.open) db.close();
    t.cleanup();
  });

  it('builds in the background after the first browse and then gives the same pages as OFFSET', async () => {
    expectSame(db, '', 0, 40);
    expect(spineReady(db)).toBe(false);
    await untilReady(db);
    expect(spineReady(db)).toBe(true);
    for (const offset of [0, 1, SPAN - 1, SPAN, 2 * SPAN + 5, 3 * SPAN + 16, 3 * SPAN + 17, 5000]) {
      expectSame(db, '', offset, 40);
    }
    for (const q of ['a', 'b', 'é', 'z9', '😀', 'Ａ']) {
      for (const offset of [0, 3, 100, 400]) expectSame(db, q, offset, 25);
    }
  });

  it('stays exact through inserts, deletes and renames on this connection and writes by another', () => {
    buildNow(db);
    const other = openVault(path, key);
    try {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              op: fc.constantFrom('insert', 'crowd', 'delete', 'rename', 'other'),
              n: fc.integer({ min: 1, max: 40 }),
              seed: fc.nat(),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          fc.array(fc.tuple(fc.constantFrom('', 'a', 'c', '😀'), fc.nat(), fc.integer({ min: 1, max: 60 })), {
            minLength: 1,
            maxLength: 6,
          }),
          (ops, reads) => {
            for (const { op, n, seed } of ops) {
              const ids = db.prepare('SELECT id FROM customers').pluck().all() as number[];
              const pick = (k: number) => ids[(seed + k * 31) % ids.length]!;
              if (op === 'insert')
                for (let k = 0; k < n; k++) insert(db, `${ALPHABET[(seed + k) % 8]}x${seed}`);
              // Many names falling into one bucket make it split.
              if (op === 'crowd')
                db.transaction(() => {
                  for (let k = 0; k < n * 60; k++) insert(db, `aaa${seed}`);
                })();
              if (op === 'delete')
                for (let k = 0; k < n; k++) db.prepare('DELETE FROM customers WHERE id = ?').run(pick(k));
              if (op === 'rename') {
                for (let k = 0; k < n; k++) {
                  const name = `${ALPHABET[(seed + k) % 8]}r${k}`;
                  db.prepare('UPDATE customers SET name = ?, name_norm = ? WHERE id = ?').run(
                    name,
                    foldText(name),
                    pick(k),
                  );
                }
              }
              if (op === 'other') {
                other.prepare('DELETE FROM customers WHERE id = ?').run(pick(0));
                insert(other, `b other ${seed}`);
              }
            }
            for (const [q, at, limit] of reads) {
              const total = truth(db, foldText(q), 0, 1).total;
              expectSame(db, q, total ? at % (total + 5) : 0, limit);
            }
            // A write by the other connection leaves the spine to be rebuilt; build it now so the
            // next round exercises it again.
            if (!spineReady(db)) buildNow(db);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      other.close();
    }
  }, 120_000);

  it('rolled-back writes leave the spine as it was', () => {
    buildNow(db);
    const before = searchCustomers(db, '', 2000, 10, false);
    expect(() =>
      db.transaction(() => {
        for (let k = 0; k < 50; k++) insert(db, `aaa rollback ${k}`);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(searchCustomers(db, '', 2000, 10, false)).toEqual(before);
    expect(spineReady(db)).toBe(true);
  });

  it('keeps the change log in memory, never in a file', () => {
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
  });
});
