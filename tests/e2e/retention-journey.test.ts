import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../src/main/services/retention/retention.service';
import { addMonthsWib } from '../../src/shared/shop-time';
import { shot } from '../support/browser';
import { OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

const DAY = 86_400_000;

const j = useJourney(async (t) => {
  await setupShop(t);
  const soon = await t.ok('customers:create', { name: 'Dewi Lestari', phone: '0812-7000-5678' });
  const gone = await t.ok('customers:create', { name: 'Hendra Gunawan', phone: '0813-7000-9999' });
  await t.ok('customers:create', { name: 'Wulan Sari', phone: '0812-7000-1234' });
  await t.ok('purchases:create', { customerId: gone.id, amount: 75_000, items: ['Beras 5 kg'] });
  // Dewi was last seen almost two years ago (due in 12 days); Hendra's two years are over.
  const db = t.core.vault.requireDb();
  const now = t.clock.now();
  db.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?').run(
    addMonthsWib(now, -24) + 12 * DAY,
    soon.id,
  );
  db.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?').run(
    addMonthsWib(now, -24) - 3 * DAY,
    gone.id,
  );
});

describe('e2e in Chromium: deletion schedules', () => {
  it('the owner sets the rules, sees who is due, runs the purge, keeps one with a reason and erases another', async () => {
    const { t } = j;
    const { context, page, watch } = await openAs(j, { name: /Bu Sari/, pin: OWNER_PIN });
    await page.getByRole('button', { name: 'Penghapusan' }).click();
    await page.getByRole('heading', { name: 'Penghapusan data' }).waitFor();
    await page.getByText('Dewi Lestari').waitFor();
    await page.getByText('Hendra Gunawan').waitFor();
    await shot(page, '40-owner-retention');

    // An absurd period is refused beside its field, and nothing is saved.
    const months = page.getByLabel('Hapus pelanggan yang tidak aktif selama (bulan)');
    await months.fill('-3');
    await page.getByRole('button', { name: 'Simpan aturan' }).click();
    await page.getByText('Isi angka bulat 3 sampai 240.').waitFor();
    expect(readPolicy(t.core.vault.requireDb()).inactiveMonths).toBe(24);
    await months.fill('24');
    await page.getByLabel('Persetujuan promosi berakhir setelah (bulan, 0 = tidak pernah)').fill('18');
    await page.getByRole('button', { name: 'Simpan aturan' }).click();
    await page.getByText('Tersimpan', { exact: true }).waitFor();
    expect(readPolicy(t.core.vault.requireDb()).consentLapseMonths).toBe(18);

    await page.getByRole('button', { name: 'Jalankan penghapusan sekarang' }).click();
    await page.getByText(/Selesai: 1 pelanggan dihapus/).waitFor();
    await expect.poll(() => page.getByText('Hendra Gunawan').count()).toBe(0);
    await page.setViewportSize({ width: 1024, height: 640 });
    await shot(page, '40-owner-retention-1024');

    // Dewi, due soon: keep her with a written reason.
    await page.getByRole('button', { name: /Dewi Lestari/ }).click();
    await page.getByRole('heading', { name: 'Jadwal penghapusan' }).waitFor();
    await page.getByText(/Dihapus otomatis pada/).waitFor();
    await page.getByRole('button', { name: 'Tahan dengan alasan' }).click();
    await page.getByLabel('Alasan menyimpan lebih lama').fill('Masih ada sengketa retur barang bulan ini');
    await page.getByRole('button', { name: 'Tahan', exact: true }).click();
    await page.getByText(/Ditahan oleh pemilik sampai/).waitFor();
    await page.getByText('Masih ada sengketa retur barang bulan ini').waitFor();
    await shot(page, '41-customer-kept-1024');

    // Then erase her now: the confirmation says what goes and what stays.
    await page.getByRole('button', { name: 'Hapus sekarang' }).click();
    await page.getByText(/Hapus Dewi Lestari untuk selamanya\?/).waitFor();
    await page.getByText(/penjualan tanpa nama/).waitFor();
    await shot(page, '42-customer-erase-confirm-1024');
    await page.getByRole('button', { name: 'Ya, hapus pelanggan ini' }).click();
    await expect.poll(() => page.getByText('Dewi Lestari').count()).toBe(0);
    expect(t.core.vault.requireDb().prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    // The sale Hendra made is still in the books, with no one attached.
    expect(
      t.core.vault
        .requireDb()
        .prepare('SELECT count(*) FROM purchases WHERE customer_id IS NULL')
        .pluck()
        .get(),
    ).toBe(1);
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
