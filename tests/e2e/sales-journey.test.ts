import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';
import { buildXlsx, excelDate } from '../support/xlsx';

/** A majoo-style export as the owner downloads it: a title block, then one row per receipt. */
const EXPORT = buildXlsx([
  ['Laporan Penjualan', null, null, null, null],
  ['Toko Maju · 27/11/2026 - 28/11/2026'],
  [],
  ['Tanggal', 'No. Struk', 'No. HP Pelanggan', 'Grand Total', 'Produk'],
  [{ date: excelDate(2026, 11, 27, 9, 15) }, 'TRX-001', '0812-1111-2222', 25000, 'Kopi Susu x2, Roti Bakar'],
  [{ date: excelDate(2026, 11, 27, 10, 0) }, 'TRX-002', '0813-9999-0000', 15000, 'Es Teh'],
  [{ date: excelDate(2026, 11, 28, 8, 5) }, 'TRX-003', null, 40000, 'Nasi Goreng'],
  ['28/11/2026 09:00', 'TRX-004', '0812-1111-2222', 'gratis', 'Stiker'],
]);

const j = useJourney(async (t) => {
  await setupShop(t);
  await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-1111-2222' });
});

describe('e2e in Chromium: sales from the POS, imported twice', () => {
  it('the owner imports a POS export; the same export again adds nothing', async () => {
    const { t } = j;
    const file = join(t.dir, '..', `${t.dir.split('/').pop()}-penjualan-majoo.xlsx`);
    writeFileSync(file, EXPORT);
    const { context, page, watch } = await openAs(j, { name: /Bu Sari/, pin: OWNER_PIN });
    await page.getByRole('button', { name: /Impor & ekspor/ }).click();
    const sales = page.getByTestId('sales-import');
    await sales.getByRole('heading', { name: 'Penjualan dari POS' }).waitFor();

    const importOnce = async (first: boolean) => {
      t.dialogs.nextOpen = file;
      await sales.getByRole('button', { name: 'Pilih laporan penjualan (.csv/.xlsx)' }).click();
      await sales.getByTestId('sales-file').waitFor();
      // The table under the report's title is found and its columns mapped.
      expect(await sales.locator('select[name="sales-map-receipt"]').inputValue()).toBe('1');
      expect(await sales.locator('select[name="sales-map-customerPhone"]').inputValue()).toBe('2');
      // Checking waits for the POS to be named (receipt numbers are unique within one POS).
      if (first) {
        expect(await sales.getByRole('button', { name: 'Periksa' }).isDisabled()).toBe(true);
        await sales.getByLabel('POS asal').selectOption('majoo');
      }
      // The table shows dates as the shop writes them, Excel dates too.
      expect(await sales.locator('table').first().innerText()).toContain('27/11/2026 09:15');
      await sales.getByRole('button', { name: 'Periksa' }).click();
      await sales.getByTestId('sales-check').waitFor();
      return sales.getByTestId('sales-check').innerText();
    };

    const first = await importOnce(true);
    expect(first).toContain('Masuk riwayat pelanggan: 1');
    expect(first).toMatch(/Penjualan tanpa nama .*: 2/);
    expect(first).toContain('Baris ditolak: 1');
    expect(await sales.getByTestId('sales-refused').innerText()).toContain('Total bukan jumlah rupiah');
    await shot(page, '70-owner-sales-check');
    await sales.getByRole('button', { name: 'Impor 3 penjualan' }).click();
    await sales.getByText(/Penjualan diimpor: 3 \(1 ke riwayat pelanggan, 2 tanpa nama\)/).waitFor();
    await shot(page, '71-owner-sales-done');

    const db = t.core.vault.requireDb();
    const counts = () => db.prepare('SELECT count(*) FROM purchases').pluck().get();
    expect(counts()).toBe(3);

    // The same export a second time: every receipt is known, nothing to import.
    const second = await importOnce(false);
    expect(second).toContain('Sudah pernah diimpor (dilewati): 3');
    expect(second).toContain('Tidak ada penjualan baru di berkas ini.');
    expect(await sales.getByRole('button', { name: /^Impor \d+ penjualan$/ }).count()).toBe(0);
    await shot(page, '72-owner-sales-again');
    expect(counts()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);

    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
