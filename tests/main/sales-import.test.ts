import { writeFileSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress, SalesMapping } from '../../src/shared/domain';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';
import { SalesImport } from '../../src/main/services/sales/sales-import';
import { parseSaleItems, parseSaleTime, parseSaleTotal } from '../../src/main/services/sales/sales-parse';
import { sourceXlsxWorker } from '../support/source-worker';
import { buildXlsx, excelDate, sheetXml } from '../support/xlsx';

let t: TestCore;
afterEach(() => t?.cleanup());

function pick(t: TestCore, name: string, content: string | Buffer): void {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
  writeFileSync(path, content);
  t.dialogs.nextOpen = path;
}

/** A moment on the shop's clock (WIB, UTC+7) as the epoch milliseconds main stores. */
const wib = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h - 7, mi);

const db = (t: TestCore) => t.core.vault.requireDb();
const count = (t: TestCore, sql: string) => db(t).prepare(sql).pluck().get() as number;
const snapshot = (t: TestCore) => ({
  purchases: db(t).prepare('SELECT * FROM purchases ORDER BY id').all(),
  receipts: db(t).prepare('SELECT * FROM pos_receipts ORDER BY source, receipt').all(),
  customers: db(t).prepare('SELECT id, last_activity_at FROM customers ORDER BY id').all(),
});

/**
 * A Moka-style "Laporan Penjualan" saved by Excel in Indonesia: a title block above the table,
 * ";" separators, one line per item (the receipt's time and total repeated on each).
 */
const MOKA = [
  'Laporan Penjualan;;;;',
  'Toko Maju;Periode 27/11/2026 - 28/11/2026;;;',
  ';;;;',
  'Tanggal;No. Struk;No. HP Pelanggan;Grand Total;Item',
  '27/11/2026 09:15;S-0001;0812-1111-2222;Rp 25.000;Kopi Susu x2', // Siti (a customer)
  '27/11/2026 09:15;S-0001;0812-1111-2222;Rp 25.000;Roti Bakar', //   second line of the same receipt
  '27/11/2026 10:00;S-0002;0813-9999-0000;Rp 15.000;Es Teh', //        a phone the shop does not know
  '27/11/2026 11:30;S-0003;;40000;Nasi Goreng', //                      no phone at all
  '28/11/2026 08:05;S-0004;+62 812 3333 4444;Rp 1.250.000;Paket Hampers', // Budi (restricted)
  '28/11/2026 09:00;S-0005;0812-1111-2222;Rp 10.000,00;Air Mineral', // Siti again
  '31/11/2026 09:00;S-0006;;Rp 5.000;Permen', //                        no such day
  '28/11/2026 09:30;S-0007;;gratis;Stiker', //                          not an amount
  '28/11/2026 09:45;;;Rp 5.000;Permen', //                              no receipt number
  '30/11/2026 09:00;S-0008;;Rp 5.000;Permen', //                        after "now" (29 Nov)
  '27/11/2026 09:15;S-0001;0812-1111-2222;Rp 99.000;Kopi', //           receipt reused, other total
].join('\r\n');
const MOKA_MAP: SalesMapping = { date: 0, receipt: 1, customerPhone: 2, total: 3, items: 4 };

async function shopWithCustomers(t: TestCore) {
  const ids = await setupShop(t);
  const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-1111-2222' });
  const budi = await t.ok('customers:create', { name: 'Budi', phone: '0812-3333-4444' });
  await t.ok('customers:setRestricted', { id: budi.id, restricted: true });
  return { ...ids, siti, budi };
}

describe('sales from the POS: CSV', () => {
  it('finds the table under a report title, previews counts, and writes nothing until commit', async () => {
    t = makeCore();
    const { siti } = await shopWithCustomers(t);
    const before = snapshot(t);
    pick(t, 'penjualan.csv', `\uFEFF${MOKA}`);
    const preview = await t.ok('sales:open', {});
    expect(preview).toMatchObject({
      format: 'csv',
      headers: ['Tanggal', 'No. Struk', 'No. HP Pelanggan', 'Grand Total', 'Item'],
      rowCount: 11,
    });
    expect(preview.suggested).toEqual(MOKA_MAP);

    const check = await t.ok('sales:check', { columns: preview.suggested, source: 'moka' });
    expect(check).toMatchObject({
      total: 11,
      // S-0001 and S-0005 go to Siti.
      matched: 2,
      // Unknown phone, no phone, and Budi (restricted: Art. 11, not processed further).
      anonymous: 3,
      alreadyImported: 0,
      merged: 1,
      refusedCount: 5,
      refusedBy: { bad_date: 1, bad_total: 1, missing_receipt: 1, future_date: 1, receipt_conflict: 1 },
    });
    // Row numbers as the spreadsheet shows them (the title block counts).
    expect(check.refused).toEqual([
      { row: 11, code: 'bad_date' },
      { row: 12, code: 'bad_total' },
      { row: 13, code: 'missing_receipt' },
      { row: 14, code: 'future_date' },
      { row: 15, code: 'receipt_conflict' },
    ]);
    expect(snapshot(t)).toEqual(before);

    const progress: ImportProgress[] = [];
    t.core.setEventSink((_w, e, p) => e === 'sales:progress' && progress.push(p as ImportProgress));
    const done = await t.ok('sales:commit', { columns: preview.suggested, source: 'moka' });
    expect(done).toEqual({ imported: 5, matched: 2, anonymous: 3, alreadyImported: 0, refused: 5 });
    expect(progress.some((p) => p.phase === 'writing' && p.done === 5 && p.total === 5)).toBe(true);

    // Siti's history: both receipts, at the shop's time, the item lines of S-0001 folded together.
    const history = await t.ok('purchases:list', { customerId: siti.id });
    expect(history.items.map((p) => [p.at, p.amount, p.items])).toEqual([
      [wib(2026, 11, 28, 9, 0), 10_000, ['Air Mineral']],
      [wib(2026, 11, 27, 9, 15), 25_000, ['Kopi Susu x2', 'Roti Bakar']],
    ]);
    // Her last activity moved as a sale at the counter moves it (retention counts from it)...
    expect(db(t).prepare('SELECT last_activity_at FROM customers WHERE id = ?').pluck().get(siti.id)).toBe(
      Math.max(siti.lastActivityAt, wib(2026, 11, 28, 9, 0)),
    );
    // ...and the anonymous sales are kept without anyone: no customer was created from the file.
    expect(count(t, 'SELECT count(*) FROM customers')).toBe(2);
    expect(
      db(t).prepare('SELECT amount FROM purchases WHERE customer_id IS NULL ORDER BY amount').pluck().all(),
    ).toEqual([15_000, 40_000, 1_250_000]);
    expect(count(t, "SELECT count(*) FROM pos_receipts WHERE source = 'moka'")).toBe(5);

    // The audit entry holds counts only: no phone, receipt number, amount or file name.
    const entry = (await t.ok('audit:list', { action: 'sales.commit' })).items[0]!;
    expect(entry.detail).toEqual({
      source: 'moka',
      imported: 5,
      matched: 2,
      anonymous: 3,
      alreadyImported: 0,
      refused: 5,
    });
    const log = JSON.stringify((await t.ok('audit:list', { limit: 500 })).items);
    expect(log).not.toMatch(/0812|S-000|25\.000|penjualan\.csv|Kopi/);
  });

  it('importing the same export again, or an overlapping one, adds no receipt twice', async () => {
    t = makeCore();
    const { siti } = await shopWithCustomers(t);
    pick(t, 'penjualan.csv', MOKA);
    await t.ok('sales:open', {});
    await t.ok('sales:commit', { columns: MOKA_MAP, source: 'moka' });
    const after = snapshot(t);

    // The same file again: everything is already there, nothing changes.
    pick(t, 'penjualan-lagi.csv', MOKA);
    await t.ok('sales:open', {});
    const again = await t.ok('sales:check', { columns: MOKA_MAP, source: 'moka' });
    expect(again).toMatchObject({ matched: 0, anonymous: 0, alreadyImported: 5 });
    expect(await t.ok('sales:commit', { columns: MOKA_MAP, source: 'moka' })).toMatchObject({
      imported: 0,
      alreadyImported: 5,
    });
    expect(snapshot(t)).toEqual(after);

    // The next export overlaps the last day: only the new receipt is added.
    pick(
      t,
      'penjualan-2.csv',
      [
        'Tanggal,No. Struk,No. HP,Total',
        '28/11/2026 09:00,S-0005,0812-1111-2222,10000',
        '28/11/2026 08:05,S-0004,0812-3333-4444,1250000',
        '29/11/2026 09:30,S-0009,0812-1111-2222,"Rp 7.500"',
      ].join('\n'),
    );
    const preview = await t.ok('sales:open', {});
    expect(await t.ok('sales:commit', { columns: preview.suggested, source: 'moka' })).toEqual({
      imported: 1,
      matched: 1,
      anonymous: 0,
      alreadyImported: 2,
      refused: 0,
    });
    expect((await t.ok('purchases:list', { customerId: siti.id })).total).toBe(3);
    expect(count(t, 'SELECT count(*) FROM purchases')).toBe(6);

    // Another POS numbers its receipts on its own: its S-0005 is another sale.
    pick(t, 'majoo.csv', 'Tanggal,No. Struk,Total\n28/11/2026 12:00,S-0005,5000\n');
    const majoo = await t.ok('sales:open', {});
    expect(await t.ok('sales:check', { columns: majoo.suggested, source: 'majoo' })).toMatchObject({
      anonymous: 1,
      alreadyImported: 0,
    });
  });

  it("moves a customer's last activity exactly as a sale at the counter does", async () => {
    t = makeCore();
    await shopWithCustomers(t);
    const wati = await t.ok('customers:create', { name: 'Wati', phone: '0812-7777-8888' });
    const rina = await t.ok('customers:create', { name: 'Rina', phone: '0812-6666-5555' });
    t.clock.advance(10 * 86_400_000);
    const at = wib(2026, 12, 4, 10, 0);
    await t.ok('purchases:create', { customerId: rina.id, at, amount: 5000, items: ['Kopi'] });
    pick(t, 'a.csv', 'Tanggal,No. Struk,No. HP,Total\n04/12/2026 10:00,S-1,0812-7777-8888,5000\n');
    await t.ok('sales:open', {});
    await t.ok('sales:commit', {
      columns: { date: 0, receipt: 1, customerPhone: 2, total: 3 },
      source: 'pawoon',
    });
    const activity = db(t).prepare('SELECT last_activity_at FROM customers WHERE id = ?').pluck();
    expect(activity.get(rina.id)).toBe(at);
    expect(activity.get(wati.id)).toBe(at);
    // The deletion date the owner sees follows from it, the same for both.
    const [w, r] = [
      await t.ok('customers:get', { id: wati.id }),
      await t.ok('customers:get', { id: rina.id }),
    ];
    expect(w.lastActivityAt).toBe(r.lastActivityAt);
    expect(w.deletion).toEqual(r.deletion);
  });

  it('a customer is linked only while the purpose that covers purchases allows it', async () => {
    t = makeCore();
    const { siti } = await shopWithCustomers(t);
    // The owner made keeping purchase history a matter of consent: Siti has not agreed.
    const purposes = await t.ok('purposes:list', {});
    const sales = purposes.find((p) => p.id === 1)!;
    await t.ok('purposes:save', { ...sales, legalBasis: 'consent' });
    const file = 'Tanggal,No. Struk,No. HP,Total\n27/11/2026 09:15,S-1,0812-1111-2222,25000\n';
    pick(t, 'a.csv', file);
    await t.ok('sales:open', {});
    expect(
      await t.ok('sales:check', {
        columns: { date: 0, receipt: 1, customerPhone: 2, total: 3 },
        source: 'other',
      }),
    ).toMatchObject({ matched: 0, anonymous: 1 });
    // Once she agrees, her sales go on her history.
    await t.ok('consent:grant', { customerId: siti.id, purposeId: 1, method: 'verbal' });
    expect(
      await t.ok('sales:check', {
        columns: { date: 0, receipt: 1, customerPhone: 2, total: 3 },
        source: 'other',
      }),
    ).toMatchObject({ matched: 1, anonymous: 0 });
    // Switched off, it covers no one.
    await t.ok('purposes:save', { ...sales, legalBasis: 'consent', active: false });
    expect(
      await t.ok('sales:check', {
        columns: { date: 0, receipt: 1, customerPhone: 2, total: 3 },
        source: 'other',
      }),
    ).toMatchObject({ matched: 0, anonymous: 1 });
  });

  it('does not bring back sales older than the shop keeps sales records', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    // The shop keeps sales for 10 years (the default): 28/11/2016 is past it on 29/11/2026.
    pick(t, 'lama.csv', 'Tanggal,No. Struk,Total\n28/11/2016 09:00,S-1,5000\n30/11/2016 09:00,S-2,5000\n');
    await t.ok('sales:open', {});
    expect(
      await t.ok('sales:check', { columns: { date: 0, receipt: 1, total: 2 }, source: 'ireap' }),
    ).toMatchObject({
      anonymous: 1,
      refused: [{ row: 2, code: 'too_old' }],
    });
  });

  it('writes all new receipts or none: a failure after the last row leaves the vault as it was', async () => {
    let fail = true;
    t = makeCore({
      faultPoint: (name) => {
        if (name === 'sales:written' && fail) throw new Error('disk gone');
      },
    });
    await shopWithCustomers(t);
    const before = snapshot(t);
    pick(t, 'a.csv', MOKA);
    await t.ok('sales:open', {});
    expect(await t.call('sales:commit', { columns: MOKA_MAP, source: 'moka' })).toMatchObject({ ok: false });
    expect(snapshot(t)).toEqual(before);
    // The same file afterwards imports whole.
    fail = false;
    pick(t, 'a.csv', MOKA);
    await t.ok('sales:open', {});
    expect(await t.ok('sales:commit', { columns: MOKA_MAP, source: 'moka' })).toMatchObject({ imported: 5 });
  });

  it('refuses a mapping without date, receipt or total, changing nothing', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    const before = snapshot(t);
    pick(t, 'a.csv', 'Tanggal,No. Struk,Total\n27/11/2026,S-1,25000\n');
    await t.ok('sales:open', {});
    const r = await t.call('sales:commit', { columns: { date: 0, receipt: 1 }, source: 'moka' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: ['total'] } } });
    expect(snapshot(t)).toEqual(before);
  });

  it('a cashier is refused every step, and each refusal is audited', async () => {
    t = makeCore();
    const { cashierId } = await shopWithCustomers(t);
    pick(t, 'a.csv', MOKA);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const before = snapshot(t);
    for (const channel of ['sales:open', 'sales:check', 'sales:commit'] as const) {
      const input = channel === 'sales:open' ? {} : { columns: MOKA_MAP, source: 'moka' };
      const r = await t.call(channel, input as never);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(snapshot(t)).toEqual(before);
    const owner = (await t.ok('auth:users', {}, 'w2')).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN }, 'w2');
    const denied = (await t.ok('audit:list', { action: 'ipc.denied', limit: 50 }, 'w2')).items;
    expect(denied.map((e) => e.detail.channel).sort()).toEqual(['sales:check', 'sales:commit', 'sales:open']);
  });
});

describe('sales from the POS: .xlsx', () => {
  it('reads Excel dates, numbers and text; phones saved as numbers still match', async () => {
    t = makeCore();
    const { siti } = await shopWithCustomers(t);
    pick(
      t,
      'penjualan.xlsx',
      buildXlsx([
        ['Laporan Penjualan majoo'],
        [],
        ['Waktu', 'Nomor Transaksi', 'Telepon', 'Total', 'Produk'],
        [{ date: excelDate(2026, 11, 27, 14, 30) }, 'TRX-1', 6281211112222, 25000, 'Kopi; Roti'],
        ['28/11/2026 08:00', 'TRX-2', '0813-9999-0000', 'Rp 30.000', 'Teh'],
        [{ date: excelDate(2026, 11, 28, 9, 0) }, 'TRX-3', null, true, 'Gula'],
      ]),
    );
    const preview = await t.ok('sales:open', {});
    expect(preview).toMatchObject({ format: 'xlsx', rowCount: 3 });
    expect(preview.suggested).toEqual({ date: 0, receipt: 1, customerPhone: 2, total: 3, items: 4 });
    const done = await t.ok('sales:commit', { columns: preview.suggested, source: 'majoo' });
    // A boolean where the total belongs is the wrong type: that row is refused.
    expect(done).toEqual({ imported: 2, matched: 1, anonymous: 1, alreadyImported: 0, refused: 1 });
    expect((await t.ok('purchases:list', { customerId: siti.id })).items.map((p) => [p.at, p.items])).toEqual(
      [[wib(2026, 11, 27, 14, 30), ['Kopi', 'Roti']]],
    );
  });

  /** Each crafted file is refused by name, in both languages, and nothing changes. */
  async function refused(t: TestCore, content: Buffer | string, reason: string, name = 'laporan.xlsx') {
    const before = snapshot(t);
    pick(t, name, content);
    const r = await t.call('sales:open', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason } } });
    if (!r.ok) expect(r.error.message).toMatch(/Tidak ada data yang diubah/);
    await t.ok('app:setLanguage', { language: 'en' });
    const en = await t.call('sales:open', {});
    if (!en.ok) expect(en.error.message).toMatch(/Nothing was changed/);
    await t.ok('app:setLanguage', { language: 'id' });
    // The earlier file is gone too: a check has nothing to work on.
    expect(await t.call('sales:check', { columns: MOKA_MAP, source: 'moka' })).toMatchObject({ ok: false });
    expect(snapshot(t)).toEqual(before);
  }

  it('refuses crafted files: not a zip, a zip bomb (honest or lying sizes), a million rows, formulas', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    await refused(t, MOKA, 'xlsx_not_zip');
    await refused(t, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 7)]), 'xlsx_not_zip');
    // 120 MB of one character, a few hundred KB packed.
    const bomb = Buffer.alloc(120 * 1024 * 1024, 0x20);
    await refused(t, buildXlsx(bomb), 'xlsx_too_big');
    await refused(t, buildXlsx(bomb, { lieAboutSize: true }), 'xlsx_too_big');
    const million = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row><c><v>1</v></c></row>'.repeat(1_000_000)}</sheetData></worksheet>`;
    await refused(t, buildXlsx(million), 'too_many_sales');
    const withFormula = sheetXml([
      ['Tanggal', 'No. Struk', 'Total'],
      ['27/11/2026', 'S-1', { formula: 'HYPERLINK("http://x","klik")', value: 25000 }],
    ]);
    await refused(t, buildXlsx(withFormula), 'xlsx_formula');
  }, 60_000);

  it('the thread is started with memory limits; one that runs out ends itself, not the app', async () => {
    const asked: WorkerOptions[] = [];
    t = makeCore({
      xlsxWorker: (options) => {
        asked.push(options);
        // Far less memory than reading needs: the thread dies as a crafted file would kill it.
        return sourceXlsxWorker({
          ...options,
          resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
        });
      },
    });
    await shopWithCustomers(t);
    await refused(
      t,
      buildXlsx([
        ['Tanggal', 'No. Struk', 'Total'],
        ['27/11/2026', 'S-1', 25000],
      ]),
      'xlsx_too_big',
    );
    expect(asked[0]?.resourceLimits?.maxOldGenerationSizeMb).toBeGreaterThan(0);
    expect(asked[0]?.resourceLimits?.maxOldGenerationSizeMb).toBeLessThanOrEqual(512);
    // Main answers on.
    expect((await t.ok('customers:search', { query: '' })).total).toBe(2);
  }, 60_000);

  it('a file the thread is still reading after the time limit is refused; the thread is stopped', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    let stopped = false;
    const sales = new SalesImport({
      db: () => t.core.vault.requireDb(),
      dialogs: t.dialogs,
      now: () => t.clock.now(),
      // A thread that never answers, as one stuck on a crafted sheet.
      xlsxWorker: () => {
        const w = new Worker('setInterval(() => {}, 1000)', { eval: true });
        w.on('exit', () => (stopped = true));
        return w;
      },
      xlsxTimeLimitMs: 300,
    });
    pick(t, 'lambat.xlsx', buildXlsx([['Tanggal', 'No. Struk', 'Total']]));
    await expect(
      t.core.jobs.run(
        'sales.open',
        () => undefined,
        (job) => sales.open(job),
      ),
    ).rejects.toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'xlsx_too_big' },
    });
    await expect.poll(() => stopped).toBe(true);
  });

  it('a CSV of a million rows is refused while it is read', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `27/11/2026,S-${i},5000`);
    await refused(t, ['Tanggal,No. Struk,Total', ...rows].join('\n'), 'too_many_sales', 'besar.csv');
  }, 60_000);

  it('a file over the size cap is refused before it is read', async () => {
    t = makeCore();
    await shopWithCustomers(t);
    await refused(t, Buffer.alloc(21 * 1024 * 1024, 1), 'xlsx_too_big');
  });
});

describe('how POS exports write dates, totals and items', () => {
  it('reads dates day first on the shop clock (WIB), Excel date numbers, and refuses the rest', () => {
    expect(parseSaleTime('05/12/2026')).toBe(wib(2026, 12, 5));
    expect(parseSaleTime('05/12/2026 14:30')).toBe(wib(2026, 12, 5, 14, 30));
    expect(parseSaleTime('5-12-2026, 14.30.15')).toBe(wib(2026, 12, 5, 14, 30) + 15_000);
    expect(parseSaleTime('2026-12-05 14:30:00')).toBe(wib(2026, 12, 5, 14, 30));
    expect(parseSaleTime('5 Des 2026 14:30')).toBe(wib(2026, 12, 5, 14, 30));
    expect(parseSaleTime('05 Agt 2026')).toBe(wib(2026, 8, 5));
    expect(parseSaleTime(String(excelDate(2026, 12, 5, 14, 30)))).toBe(wib(2026, 12, 5, 14, 30));
    for (const bad of ['', '12/31/2026', '31/02/2026', '5 Foo 2026', '25000', '05/12/2026 25:00'])
      expect(parseSaleTime(bad)).toBeNull();
  });

  it('reads totals in whole rupiah and refuses refunds, cents and words', () => {
    for (const [text, value] of [
      ['Rp 25.000', 25_000],
      ['25000', 25_000],
      ['25,000', 25_000],
      ['Rp25.000,00', 25_000],
      ['25000.00', 25_000],
      ['1.250.000', 1_250_000],
      ['0', 0],
    ] as const)
      expect(parseSaleTotal(text)).toBe(value);
    for (const bad of ['-25000', '(25.000)', '25000.5', 'gratis', '', 'TRUE'])
      expect(parseSaleTotal(bad)).toBeNull();
  });

  it('splits items and drops hidden characters', () => {
    expect(parseSaleItems('Kopi Susu x2, Roti Bakar; Es Teh\n')).toEqual([
      'Kopi Susu x2',
      'Roti Bakar',
      'Es Teh',
    ]);
    expect(parseSaleItems('Ko\u202epi\u0000')).toEqual(['Ko pi']);
  });
});
