import { afterEach, describe, expect, it } from 'vitest';
import { customerWriter } from '../../src/main/services/customers.repo';
import { eraseCustomers } from '../../src/main/services/retention/erase';
import { purgeSteps, runPurgeRequest } from '../../src/main/services/retention/purge';
import { readPolicy } from '../../src/main/services/retention/schedule';
import { addMonthsWib } from '../../src/shared/shop-time';
import type { RetentionProgress } from '../../src/shared/domain';
import { getMeta, setMeta } from '../../src/main/services/settings.service';
import type { Db } from '../../src/main/vault/database';
import { join } from 'node:path';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/** Two customers with consent and sales, and a third without anything. */
async function shop() {
  t = makeCore();
  await setupShop(t);
  const a = await t.ok('customers:create', {
    name: 'Ani Lestari',
    phone: '0812-1111-2222',
    email: 'ani@contoh.id',
    consents: [{ purposeId: 2, method: 'verbal' }],
  });
  const b = await t.ok('customers:create', { name: 'Budi Santoso', phone: '0813-3333-4444' });
  const c = await t.ok('customers:create', { name: 'Cici' });
  await t.ok('purchases:create', { customerId: a.id, amount: 10_000, items: ['Kopi'] });
  await t.ok('purchases:create', { customerId: a.id, amount: 20_000, items: ['Gula'] });
  await t.ok('purchases:create', { customerId: b.id, amount: 30_000, items: ['Teh'] });
  await t.ok('purchases:create', { customerId: c.id, amount: 5_000, items: ['Air'] });
  const db = t.core.vault.requireDb();
  return { db, a: a.id, b: b.id, c: c.id };
}

const count = (db: Db, sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

/** Everything that still names the customer, table by table. */
function traces(db: Db, id: number) {
  return {
    customer: count(db, 'SELECT count(*) FROM customers WHERE id = ?', id),
    consentState: count(db, 'SELECT count(*) FROM consent_state WHERE customer_id = ?', id),
    consentEvents: count(db, 'SELECT count(*) FROM consent_events WHERE customer_id = ?', id),
    index: count(db, 'SELECT count(*) FROM customers_fts WHERE rowid = ?', id),
    sales: count(db, 'SELECT count(*) FROM purchases WHERE customer_id = ?', id),
  };
}
const GONE = { customer: 0, consentState: 0, consentEvents: 0, index: 0, sales: 0 };

describe('erasure (UU PDP Art. 8, 16: the person goes, the sales stay anonymous)', () => {
  it('erases the persons asked for, everywhere; the others and every sale stay; a missing id is skipped', async () => {
    const { db, a, b, c } = await shop();
    expect(traces(db, a)).toMatchObject({
      customer: 1,
      consentEvents: 1,
      consentState: 1,
      index: 1,
      sales: 2,
    });
    const totalSales = count(db, 'SELECT count(*) FROM purchases');
    const result = db.transaction(() => eraseCustomers(db, [a, 999_999, b], 'owner', t.clock.now()))();
    expect(result).toEqual({ erased: 2, purchasesKept: 3 });
    expect(traces(db, a)).toEqual(GONE);
    expect(traces(db, b)).toEqual(GONE);
    expect(traces(db, c)).toMatchObject({ customer: 1, index: 1, sales: 1 });
    expect(count(db, 'SELECT count(*) FROM purchases')).toBe(totalSales);
    expect(count(db, 'SELECT count(*) FROM purchases WHERE customer_id IS NULL')).toBe(3);
  });

  it('each erasure leaves a ledger row with the date, the reason and keyed fingerprints only', async () => {
    const { db, a, b } = await shop();
    db.transaction(() => eraseCustomers(db, [a, b], 'request', 1234))();
    const rows = db
      .prepare('SELECT customer_id, at, reason, phone_fp, email_fp FROM deletion_ledger ORDER BY customer_id')
      .all() as {
      customer_id: number;
      at: number;
      reason: string;
      phone_fp: string;
      email_fp: string | null;
    }[];
    expect(rows.map((r) => [r.customer_id, r.at, r.reason])).toEqual([
      [a, 1234, 'request'],
      [b, 1234, 'request'],
    ]);
    expect(rows[0]!.phone_fp).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.email_fp).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]!.email_fp).toBeNull();
    expect(JSON.stringify(rows)).not.toMatch(/ani|1111|2222/i);
  });

  it('re-applying an erasure the ledger already holds (a restore) writes no new ledger row', async () => {
    const { db, a } = await shop();
    const result = db.transaction(() => eraseCustomers(db, [a], 'owner', 1, false))();
    expect(result).toEqual({ erased: 1, purchasesKept: 2 });
    expect(traces(db, a)).toEqual(GONE);
    expect(count(db, 'SELECT count(*) FROM deletion_ledger')).toBe(0);
  });

  it('an erasure makes earlier checks stale and marks the search index for its clean-up; erasing no one changes nothing', async () => {
    const { db, a } = await shop();
    const writer = customerWriter(db);
    setMeta(db, 'search_index_dirty', '0');
    const before = writer.generation;
    db.transaction(() => eraseCustomers(db, [999_999], 'owner', 1))();
    expect(writer.generation).toBe(before);
    expect(getMeta(db, 'search_index_dirty')).toBe('0');
    db.transaction(() => eraseCustomers(db, [a], 'owner', 1))();
    expect(writer.generation).toBeGreaterThan(before);
    expect(getMeta(db, 'search_index_dirty')).toBe('1');
  });
});

/** Runs the purge's steps to the end; `between` runs at each pause (where main answers other windows). */
function drive(db: Db, at: number, between: (p: RetentionProgress) => void = () => undefined) {
  const steps = purgeSteps(db, { policy: readPolicy(db), at, now: at });
  const seen: RetentionProgress[] = [];
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, seen };
    seen.push(step.value);
    between(step.value);
  }
}

describe('the purge (README: inactive 24 months, consent lapse off by default, sales 10 years)', () => {
  it('erases everyone past the period as inactive, reports each phase, and nothing is held back', async () => {
    const { db } = await shop();
    const at = addMonthsWib(t.clock.now(), 25);
    const { result, seen } = drive(db, at);
    expect(result).toEqual({ erased: 3, consentsLapsed: 0, salesDeleted: 0, heldBack: false });
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(0);
    expect(db.prepare('SELECT DISTINCT reason FROM deletion_ledger').pluck().all()).toEqual(['inactive']);
    const erasing = seen.filter((p) => p.phase === 'erasing');
    expect(erasing[0]).toEqual({ phase: 'erasing', done: 0, total: 3 });
    expect(erasing.at(-1)).toEqual({ phase: 'erasing', done: 3, total: 3 });
    expect(erasing.every((p) => p.done <= p.total)).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'cleaning', done: 1, total: 1 });
    // Consent lapse is off by default: nothing lapses, however old.
    expect(seen.some((p) => p.phase === 'lapsing')).toBe(false);
  });

  it('a customer due earlier today is erased; one due tomorrow is not', async () => {
    const { db, a, b } = await shop();
    const at = addMonthsWib(t.clock.now(), 24) + 86_400_000 / 2;
    // b bought something a day after everyone else's last activity: due a day later.
    db.prepare('UPDATE customers SET last_activity_at = last_activity_at + ? WHERE id = ?').run(
      86_400_000 * 2,
      b,
    );
    drive(db, at);
    expect(traces(db, a).customer).toBe(0);
    expect(traces(db, b).customer).toBe(1);
  });

  it('someone who buys something while the purge runs is no longer due: re-checked inside each transaction', async () => {
    const { db, a, b, c } = await shop();
    const at = addMonthsWib(t.clock.now(), 25);
    const { result } = drive(db, at, (p) => {
      if (p.phase === 'erasing' && p.done === 0)
        db.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?').run(at, b);
    });
    expect(result.erased).toBe(2);
    expect(traces(db, a).customer).toBe(0);
    expect(traces(db, b).customer).toBe(1);
    expect(traces(db, c).customer).toBe(0);
  });

  it('lapses promotional consent past its period and deletes sales past the books period, each phase reported', async () => {
    const { db, a, b } = await shop();
    setMeta(db, 'retention_consent_lapse_months', '12');
    // Not yet due for erasure (24 months), but past the consent period (12 months).
    const at = addMonthsWib(t.clock.now(), 13);
    db.prepare('UPDATE purchases SET at = ? WHERE customer_id = ?').run(addMonthsWib(at, -12 * 11), a);
    const { result, seen } = drive(db, at);
    expect(result).toEqual({ erased: 0, consentsLapsed: 1, salesDeleted: 2, heldBack: false });
    expect(traces(db, a)).toMatchObject({ customer: 1, consentState: 1, sales: 0 });
    expect(count(db, 'SELECT count(*) FROM consent_state WHERE customer_id = ? AND granted = 1', a)).toBe(0);
    expect(traces(db, b).sales).toBe(1);
    expect(seen).toContainEqual({ phase: 'lapsing', done: 1, total: 1 });
    expect(seen).toContainEqual({ phase: 'sales', done: 2, total: 2 });
    expect(seen).toContainEqual({ phase: 'cleaning', done: 0, total: 1 });
    expect(seen.every((p) => p.done <= p.total)).toBe(true);
  });

  it('the freed pages go back to the file system (zeroed by secure_delete), in steps shown as cleaning', async () => {
    const { db } = await shop();
    for (let i = 0; i < 120; i++)
      await t.ok('customers:create', {
        name: `Pelanggan ${i}`,
        notes: `catatan ${i} `.repeat(150).slice(0, 1900),
      });
    const pages = () => db.pragma('page_count', { simple: true }) as number;
    const before = pages();
    const { seen } = drive(db, addMonthsWib(t.clock.now(), 25));
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(pages()).toBeLessThan(before);
    expect(seen.filter((p) => p.phase === 'cleaning').length).toBeGreaterThan(2);
  });

  it('on the worker: its own connection to the vault, the same result, progress reported', async () => {
    const { db } = await shop();
    const at = addMonthsWib(t.clock.now(), 25);
    const seen: RetentionProgress[] = [];
    const result = runPurgeRequest(
      {
        kind: 'purge',
        vaultPath: join(t.dir, 'vault.db'),
        dek: new Uint8Array(t.core.vault.requireDek()),
        input: { policy: readPolicy(db), at, now: at },
      },
      (p) => void seen.push(p),
    );
    expect(result).toEqual({ erased: 3, consentsLapsed: 0, salesDeleted: 0, heldBack: false });
    expect(seen.at(-1)).toEqual({ phase: 'cleaning', done: 1, total: 1 });
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(0);
  });
});
