import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shopIsoDay } from '../../src/shared/shop-time';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/** Makes the chain refuse entries of one action (as a full disk or a damaged page would). */
function refuseEntries(t: TestCore, action: string): void {
  t.core.vault
    .requireDb()
    .prepare(
      `CREATE TEMP TRIGGER refuse_entry BEFORE INSERT ON main.audit_log WHEN NEW.action = '${action}'
       BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    )
    .run();
}

/** The file the next open dialog picks. */
function pick(t: TestCore, name: string, content: string): void {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
  writeFileSync(path, content);
  t.dialogs.nextOpen = path;
}

const count = (t: TestCore, sql: string) => t.core.vault.requireDb().prepare(sql).pluck().get() as number;

describe('a write and its audit entry commit together', () => {
  it('a customer whose entry cannot be written is not kept, and the owner is told it failed', async () => {
    t = makeCore({ log: () => undefined });
    await setupShop(t);
    refuseEntries(t, 'customer.create');
    const r = await t.call('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    expect(r.ok).toBe(false);
    const db = t.core.vault.requireDb();
    expect(db.prepare("SELECT count(*) FROM customers WHERE name = 'Siti Aminah'").pluck().get()).toBe(0);
    // The search index holds no trace of it either.
    expect(
      db.prepare("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'Siti'").pluck().get(),
    ).toBe(0);
    // The next write goes on as usual, with its entry.
    db.exec('DROP TRIGGER temp.refuse_entry');
    const c = await t.ok('customers:create', { name: 'Budi Santoso' });
    const log = await t.ok('audit:list', { action: 'customer.create', limit: 10 });
    expect(log.items.map((e) => [e.target, e.outcome])).toEqual([[String(c.id), 'ok']]);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('a change and its entry are one transaction: the entry is written before the change commits', async () => {
    t = makeCore();
    await setupShop(t);
    const db = t.core.vault.requireDb();
    // Seen from inside the entry's insert: the customer it names is written but not committed.
    const seen: boolean[] = [];
    db.function('in_tx', () => {
      seen.push(db.inTransaction);
      return 1;
    });
    db.prepare(
      `CREATE TEMP TRIGGER watch_entry BEFORE INSERT ON main.audit_log WHEN NEW.action = 'customer.update'
       BEGIN SELECT in_tx(); END`,
    ).run();
    const c = await t.ok('customers:create', { name: 'Siti Aminah' });
    await t.ok('customers:update', { id: c.id, name: 'Siti Aminah Putri' });
    expect(seen).toEqual([true]);
    expect(db.inTransaction).toBe(false);
  });

  it('a handler that awaits a hand-off commits its last write with its entry: a WhatsApp send not recorded is not marked sent', async () => {
    t = makeCore({ log: () => undefined });
    await setupShop(t);
    const WHATSAPP_PROMOTIONS = 2;
    const ani = await t.ok('customers:create', {
      name: 'Ani',
      phone: '0812-1111-0001',
      consents: [{ purposeId: WHATSAPP_PROMOTIONS, method: 'verbal' }],
    });
    const message = 'Halo {nama}, promo kopi minggu ini!';
    refuseEntries(t, 'audience.whatsapp');
    const r = await t.call('audience:whatsapp', { customerId: ani.id, message, mode: 'open' });
    expect(r.ok).toBe(false);
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM audience_sends').pluck().get()).toBe(0);
    db.exec('DROP TRIGGER temp.refuse_entry');
    await t.ok('audience:whatsapp', { customerId: ani.id, message, mode: 'open' });
    expect(db.prepare('SELECT count(*) FROM audience_sends').pluck().get()).toBe(1);
    // One entry for the call that went through (the refused one left none to find).
    const log = await t.ok('audit:list', { action: 'audience.whatsapp', limit: 10 });
    expect(log.items.map((e) => [e.outcome, e.target, e.detail.markedSent])).toEqual([
      ['ok', String(ani.id), true],
    ]);
  });

  it('an import whose entry cannot be written keeps none of its customers; with the entry it keeps all', async () => {
    t = makeCore({ log: () => undefined });
    await setupShop(t);
    const file = ['Nama;No HP', 'Siti Aminah;0812-1111-2222', 'Budi;0812-3333-4444'].join('\n');
    pick(t, 'pelanggan.csv', file);
    const preview = await t.ok('import:open', {});
    refuseEntries(t, 'import.commit');
    const r = await t.call('import:commit', { mapping: preview.suggested });
    expect(r.ok).toBe(false);
    expect(count(t, 'SELECT count(*) FROM customers')).toBe(0);
    t.core.vault.requireDb().exec('DROP TRIGGER temp.refuse_entry');
    await t.ok('import:commit', { mapping: preview.suggested });
    expect(count(t, 'SELECT count(*) FROM customers')).toBe(2);
    const log = await t.ok('audit:list', { action: 'import.commit', limit: 10 });
    // One entry, the import's that stayed, with its count (the refused try's are refused too).
    expect(log.items.map((e) => [e.outcome, e.detail.imported])).toEqual([['ok', 2]]);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('sales whose entry cannot be written are not kept; with the entry they all are', async () => {
    t = makeCore({ log: () => undefined });
    await setupShop(t);
    const day = shopIsoDay(t.clock.now() - 2 * 24 * 60 * 60 * 1000);
    const file = ['Tanggal,No. Struk,No. HP,Total', `${day} 09:00,S-1,,10000`, `${day} 10:00,S-2,,25000`];
    pick(t, 'penjualan.csv', file.join('\n'));
    const preview = await t.ok('sales:open', {});
    refuseEntries(t, 'sales.commit');
    const r = await t.call('sales:commit', { columns: preview.suggested, source: 'moka' });
    expect(r.ok).toBe(false);
    expect(count(t, 'SELECT count(*) FROM purchases')).toBe(0);
    expect(count(t, 'SELECT count(*) FROM pos_receipts')).toBe(0);
    t.core.vault.requireDb().exec('DROP TRIGGER temp.refuse_entry');
    await t.ok('sales:commit', { columns: preview.suggested, source: 'moka' });
    expect(count(t, 'SELECT count(*) FROM pos_receipts')).toBe(2);
    const log = await t.ok('audit:list', { action: 'sales.commit', limit: 10 });
    // One entry, the import's that stayed, with its count (the refused try's are refused too).
    expect(log.items.map((e) => [e.outcome, e.detail.imported])).toEqual([['ok', 2]]);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
