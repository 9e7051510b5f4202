import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { SALE_ITEMS_MAX_CHARS } from '../../src/shared/domain';
import { appendAudit, type AuditEvent } from '../../src/main/services/audit.service';
import type { Db } from '../../src/main/vault/database';
import { shopCsv, shopCsvLine } from '../../src/main/services/csv';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';
import { sourceBackupWorker } from '../support/source-worker';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;

/** Entries as the app writes them (appendAudit: the hash chain), many in one transaction. */
function fill(db: Db, n: number, at: number, make: (i: number) => Partial<AuditEvent> = () => ({})) {
  db.transaction(() => {
    for (let i = 0; i < n; i++)
      appendAudit(db, { at, actor: null, action: 'customer.view', outcome: 'ok', ...make(i) });
  })();
}

/** The cashier at the counter in a second window (first login: a new PIN), the owner stays on w1. */
async function cashierAt(window: string, cashierId: string) {
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN }, window);
  await t.ok(
    'auth:changePin',
    { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' },
    window,
  );
}

describe('a deep audit log is read through indexes and keyset pages', () => {
  it("a customer's entries, an action's entries and the PIN ages on the health screen use an index, not a walk over the log", async () => {
    t = makeCore();
    await setupShop(t);
    const db = t.core.vault.requireDb();
    fill(db, 3000, t.clock.now(), (i) => ({ target: String(1 + (i % 50)) }));
    const seen: string[] = [];
    const original = db.prepare;
    db.prepare = function (this: Db, sql: string) {
      seen.push(sql);
      return original.call(this, sql);
    } as typeof db.prepare;
    try {
      await t.ok('audit:list', { customerId: 7, limit: 20 });
      await t.ok('audit:list', { action: 'users.create' });
      await t.ok('health:get', {});
    } finally {
      db.prepare = original;
    }
    // Reads of the log that pick entries by what they are about. (The usage guard's look at the
    // newest 5,000 entries is bounded by its LIMIT, whatever the log's depth.)
    const picks = [...new Set(seen)].filter(
      (sql) => /\baudit_log\b/.test(sql) && /\bWHERE\b/.test(sql) && !/ORDER BY rowid DESC LIMIT/.test(sql),
    );
    expect(picks.length).toBeGreaterThanOrEqual(4);
    for (const sql of picks) {
      const args = Array.from(sql.match(/\?/g) ?? [], () => '1');
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map(
        (p) => p.detail,
      );
      const onLog = plan.filter((d) => /^(SCAN|SEARCH) (a|audit_log)\b/.test(d));
      expect(onLog.length, sql).toBeGreaterThan(0);
      for (const d of onLog) expect(d, sql).toMatch(/USING (COVERING )?INDEX audit_log_(target|action)\b/);
      // A count (the viewer's total on every page) never reads the table: a customer with 100,000
      // entries would cost main a second per page.
      if (/count\(\*\)/.test(sql)) for (const d of onLog) expect(d, sql).toMatch(/USING COVERING INDEX/);
    }
  });

  it('pages newest first, every entry exactly once, while entries keep arriving between pages', async () => {
    t = makeCore();
    await setupShop(t);
    // The customers the entries are about (a customer's record lists entries since their creation).
    for (const name of ['Siti', 'Budi', 'Wati']) await t.ok('customers:create', { name });
    const db = t.core.vault.requireDb();
    fill(db, 1000, t.clock.now(), (i) => ({ target: String(1 + (i % 3)) }));
    for (const filter of [{}, { customerId: 2 }]) {
      const ids: number[] = [];
      let top = 0;
      let before: number | undefined;
      let pages = 0;
      do {
        const page = await t.ok('audit:list', { limit: 70, ...filter, ...(before ? { before } : {}) });
        if (pages++ === 0) top = page.items[0]!.id;
        ids.push(...page.items.map((e) => e.id));
        // Another window at work between two pages: new entries, some about the same customer.
        fill(db, 25, t.clock.now(), (i) => ({ target: String(1 + (i % 3)) }));
        before = page.next ?? undefined;
      } while (before !== undefined);
      expect(pages).toBeGreaterThan(2);
      // Every entry that was there when the first page was read: once each, newest first.
      const expected = (
        'customerId' in filter
          ? db.prepare(
              "SELECT id FROM audit_log WHERE target = '2' AND action IN ('customer.view', 'customer.create') AND id <= ?",
            )
          : db.prepare('SELECT id FROM audit_log WHERE id <= ?')
      )
        .pluck()
        .all(top) as number[];
      expect(ids).toEqual(expected.sort((a, b) => b - a));
    }
  });
});

/** The CSV an auditor gets, parsed back (';', quoted cells, the BOM). */
function csvRows(data: string | Buffer): string[][] {
  const text = String(data).replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true }).data;
}

describe('the audit export and the customer files, built on the worker', () => {
  it("the export's fast row writer writes every cell as the shop's CSV writer does", () => {
    const tricky = [
      '',
      'a;b',
      'say "hi"',
      'two\nlines',
      'cr\rhere',
      '=1+1',
      '+62',
      '-5',
      '@x',
      '\tt',
      '＝',
      'ok',
      '{"a":"b;c"}',
    ];
    const trusted = new Set([1, 3]);
    for (const a of tricky)
      for (const b of tricky) {
        const cells = [7, a, null, b, -3, b];
        expect(shopCsvLine(cells, trusted), JSON.stringify(cells)).toBe(shopCsv([cells], trusted).slice(1));
      }
  });

  it('the export holds every entry of the log (or of one customer), newest first, with its hash and no names', async () => {
    for (const worker of [undefined, sourceBackupWorker]) {
      t = makeCore({ backupWorker: worker });
      const { cashierId } = await setupShop(t);
      const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
      const budi = await t.ok('customers:create', { name: 'Budi', phone: '0813-1111-2222' });
      await cashierAt('w2', cashierId);
      await t.ok('customers:get', { id: siti.id }, 'w2');
      await t.ok('customers:get', { id: budi.id }, 'w2');
      const db = t.core.vault.requireDb();
      // Stored entries, as the law's record of processing keeps them: who, what, about whom, when.
      const log = db
        .prepare(
          'SELECT id, at, actor, action, target, outcome, detail, hash FROM audit_log ORDER BY id DESC',
        )
        .all() as Record<string, string | number | null>[];
      const asCsv = (e: Record<string, string | number | null>) => [
        String(e.id),
        new Date(e.at as number).toISOString(),
        e.actor ?? '',
        String(e.action),
        e.target ?? '',
        String(e.outcome),
        String(e.detail),
        String(e.hash),
      ];
      expect(await t.ok('audit:export', {})).toEqual({ saved: true, count: log.length });
      const all = csvRows(t.dialogs.saved.at(-1)!.data);
      expect(all[0]).toEqual([
        'id',
        'waktu_utc',
        'pengguna_id',
        'tindakan',
        'sasaran',
        'hasil',
        'rincian',
        'hash',
      ]);
      expect(all.slice(1)).toEqual(log.map(asCsv));
      expect(String(t.dialogs.saved.at(-1)!.data)).not.toMatch(
        /Siti|Budi|81234567890|0812-3456|1111-2222|81311112222|Bu Sari|Andi/,
      );

      await t.ok('audit:export', { customerId: siti.id });
      const mine = csvRows(t.dialogs.saved.at(-1)!.data).slice(1);
      expect(mine.map((r) => r[3])).toEqual(['customer.view', 'customer.create']);
      expect(mine.every((r) => r[4] === String(siti.id))).toBe(true);
      t.cleanup();
    }
  }, 60_000);

  it('the access report and the portability files list what is held about the customer and who looked at it (on the worker)', async () => {
    t = makeCore({ backupWorker: sourceBackupWorker });
    const { cashierId } = await setupShop(t);
    const siti = await t.ok('customers:create', {
      name: 'Siti Aminah',
      phone: '0812-3456-7890',
      consents: [{ purposeId: WA, method: 'paper' }],
    });
    const budi = await t.ok('customers:create', { name: 'Budi Santoso' });
    await t.ok('purchases:create', { customerId: siti.id, amount: 150_000, items: ['Kopi 250 g'] });
    await t.ok('purchases:create', { customerId: budi.id, amount: 9_000, items: ['Garam'] });
    await cashierAt('w2', cashierId);
    await t.ok('customers:get', { id: siti.id }, 'w2');
    const request = (type: 'access' | 'portability') =>
      t.ok('requests:create', {
        type,
        customerId: siti.id,
        receivedAt: t.clock.now(),
        channel: 'in_person',
        verification: 'KTP dicocokkan',
      });
    await t.ok('requests:fulfil', { id: (await request('access')).id, action: 'access_report' });
    const html = t.printer.printed.at(-1)!.html;
    for (const held of ['Siti Aminah', '0812-3456-7890', 'Promosi via WhatsApp', 'Kopi 250 g', '150.000'])
      expect(html, held).toContain(held);
    // Who looked at her data: the cashier by name and role, and what, in words (she reads it).
    expect(html).toMatch(/pukul \d\d\.\d\d WIB — Andi, kasir: membuka data Anda\./);
    for (const other of ['Budi', 'Garam']) expect(html).not.toContain(other);
    // A short history is printed whole: no "older ones not printed" line.
    expect(html).not.toContain('tidak dicetak');

    await t.ok('requests:fulfil', { id: (await request('portability')).id, action: 'portability_export' });
    const [json, csv] = t.dialogs.saved.slice(-2);
    const data = JSON.parse(String(json!.data));
    expect(data.customer).toMatchObject({ name: 'Siti Aminah', phone: '0812-3456-7890' });
    expect(data.purchases).toMatchObject([{ amount: 150_000, items: ['Kopi 250 g'], voided: false }]);
    expect(data.processing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ staff: 'Andi', role: 'cashier', action: 'customer.view', outcome: 'ok' }),
        expect.objectContaining({ staff: 'Bu Sari', role: 'owner', action: 'customer.create' }),
      ]),
    );
    expect(data.totals).toBeUndefined();
    expect(String(csv!.data)).toContain('pelanggan;name;Siti Aminah');
  }, 60_000);
});

describe('an access report stays bounded however long the history', () => {
  it('1,500 sales of 20 KB: the report prints the newest, says how many there are and where the rest is', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    const db = t.core.vault.requireDb();
    // Sales as the old limits let a cashier record them: 100 items of 200 characters each.
    const big = JSON.stringify(
      Array.from({ length: 100 }, (_, i) => `${'Barang panjang '.repeat(13)}${i}`.slice(0, 200)),
    );
    const at = t.clock.now() - 86_400_000;
    db.transaction(() => {
      const ins = db.prepare(
        'INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (let i = 0; i < 1500; i++) ins.run(siti.id, at + i, 1000 + i, big, ownerId, at + i);
      // And 600 consent decisions (granted, withdrawn, granted again...).
      const ev = db.prepare(
        "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version) VALUES (?, 2, ?, 'verbal', ?, ?, 1)",
      );
      for (let i = 0; i < 600; i++) ev.run(siti.id, i % 2 ? 'withdrawn' : 'granted', ownerId, at + i);
    })();
    fill(db, 1200, t.clock.now(), () => ({ actor: ownerId, target: String(siti.id) }));
    await t.ok('purchases:create', { customerId: siti.id, amount: 77_000, items: ['Teh celup'] });
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    const html = t.printer.printed.at(-1)!.html;
    // Bounded: the whole history printed was 31 MB; now well under a megabyte.
    expect(html.length).toBeLessThan(1_000_000);
    // It still says everything it must: who she is, the newest sale, how many there are in all,
    // and where the ones not printed are.
    expect(html).toContain('Siti Aminah');
    expect(html).toContain('Teh celup');
    expect(html).toContain('Ditampilkan 500 pembelian terbaru dari 1.501');
    expect(html).toContain('1.001 yang lebih lama tidak dicetak di sini');
    expect(html).toContain('berkas portabilitas data');
    expect(html).toMatch(/Ditampilkan 500 catatan pemrosesan terbaru dari 1\.2\d\d/);
    expect(html).toContain('Ditampilkan 500 catatan persetujuan terbaru dari 600');
    // A long item list is cut, saying by how much.
    expect(html).toMatch(/… \(\+[\d.]+ karakter\)/);
  }, 60_000);

  it("a sale's items are capped in all: a clear error, and nothing is recorded", async () => {
    t = makeCore();
    await setupShop(t);
    const siti = await t.ok('customers:create', { name: 'Siti Aminah' });
    // Eleven items of 200 characters: each within its own limit, 2,200 characters in all.
    const items = Array.from({ length: 11 }, (_, i) => `${'x'.repeat(195)}${String(i).padStart(5, '0')}`);
    const r = await t.call('purchases:create', { customerId: siti.id, amount: 10_000, items });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: { fields: ['items'], issues: [{ field: 'items', reason: 'too_long' }] },
      },
    });
    expect(r.ok ? null : r.error.details?.issues?.[0]?.limit).toBe(SALE_ITEMS_MAX_CHARS);
    expect(SALE_ITEMS_MAX_CHARS).toBeLessThan(items.join('').length);
    expect((await t.ok('purchases:list', { customerId: siti.id })).items).toEqual([]);
    // Up to the cap is a sale.
    const fits = items.slice(0, 10);
    expect(fits.join('').length).toBeLessThanOrEqual(SALE_ITEMS_MAX_CHARS);
    await t.ok('purchases:create', { customerId: siti.id, amount: 10_000, items: fits });
  });
});
