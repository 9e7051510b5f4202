import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, watchPage, shopContext } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { loginAs as login, useJourney } from '../support/journey';

const j = useJourney(async (t) => {
  await setupShop(t);
  // Someone already on the WhatsApp list, so the list is never empty in this journey.
  await t.ok('customers:create', {
    name: 'Yuni Kartika',
    phone: '0813-5555-0101',
    consents: [{ purposeId: 2, method: 'paper' }],
  });
});

async function lock(page: Page) {
  await page.getByRole('button', { name: /^Kunci$/ }).click();
}

async function exportWhatsApp(page: Page): Promise<string> {
  const { t } = j;
  await page.getByRole('button', { name: /Pemasaran/ }).click();
  await page.getByTestId('audience-count').waitFor();
  const before = t.dialogs.saved.length;
  await page.getByRole('button', { name: 'Ekspor CSV' }).click();
  await expect.poll(() => t.dialogs.saved.length).toBe(before + 1);
  return String(t.dialogs.saved.at(-1)?.data);
}

describe('e2e in Chromium: consent from the counter to the marketing list', () => {
  it('cashier records WhatsApp consent; owner exports the audience; withdrawal removes the customer', async () => {
    const { browser, bridge } = j;
    const context = await shopContext(browser, { width: 1280, height: 860 }, j.t.clock);
    const page = await context.newPage();
    const watch = watchPage(page, bridge.url.replace(/\/$/, ''));
    await page.goto(bridge.url);

    // Cashier, first login: change PIN, then add a customer with WhatsApp consent only.
    await login(page, /Andi/, CASHIER_PIN);
    await page.getByLabel('PIN sekarang').fill(CASHIER_PIN);
    await page.getByLabel('PIN baru', { exact: true }).fill('582914');
    await page.getByLabel('Ulangi PIN baru').fill('582914');
    await page.getByRole('button', { name: 'Ganti PIN' }).click();
    await page.getByRole('button', { name: /Pelanggan baru/ }).click();
    await page.getByLabel('Nama', { exact: true }).fill('Wulan Sari');
    await page.getByLabel('Nomor HP').fill('0812-7000-1234');
    const boxes = page.locator('.consent-box input[type="checkbox"]');
    expect(await boxes.count()).toBe(3);
    // Unticked by default, each purpose separately.
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
    await page.getByLabel(/Promosi via WhatsApp/).check();
    // Notes are among the optional fields, folded under "Data lain".
    await page.locator('.more-fields summary').click();
    await page.getByLabel('Catatan').fill('Pelanggan punya diabetes');
    await shot(page, '20-cashier-new-customer-consent');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('alert').filter({ hasText: 'kesehatan' }).waitFor();
    await shot(page, '21-cashier-sensitive-warning');
    await page.getByLabel('Catatan').fill('Suka kopi susu');
    await expect.poll(() => page.getByRole('button', { name: 'Simpan tetap' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { name: 'Wulan Sari' }).waitFor();
    await expect.poll(() => page.getByTestId('consent-2').innerText()).toContain('Setuju');
    // A purchase at the counter.
    await page.getByRole('button', { name: /Catat pembelian/ }).click();
    await page.getByLabel('Jumlah (Rp)').fill('150.000');
    await page.getByLabel('Barang (satu per baris)').fill('Beras 5 kg\nMinyak goreng 2 L');
    await page.locator('.detail-section form').getByRole('button', { name: 'Simpan' }).click();
    await page.getByText(/^1 kunjungan · total Rp 150.000 · rata-rata Rp 150.000 · terakhir /).waitFor();
    // Her receipt goes to her WhatsApp with one click: a service message, no promo consent needed.
    await page.getByRole('button', { name: /^Kirim struk pembelian .* lewat WhatsApp$/ }).click();
    await page.getByText('WhatsApp dibuka dengan struknya. Periksa, lalu kirim.').waitFor();
    expect(j.t.handoff.opened).toHaveLength(1);
    expect(decodeURIComponent(j.t.handoff.opened[0]!)).toContain('• Beras 5 kg\n• Minyak goreng 2 L');
    // Fields the shop does not collect are not shown (product preferences are off by default).
    expect(await page.locator('.customer-detail dl').innerText()).not.toContain('Preferensi produk');
    await shot(page, '22-cashier-customer-detail');
    await lock(page);

    // Owner: the WhatsApp audience holds her, with a wa.me link.
    await login(page, /Bu Sari/, OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    let csv = await exportWhatsApp(page);
    expect(csv).toContain('Wulan Sari');
    expect(csv).toContain('https://wa.me/6281270001234');
    await page.getByLabel('Pesan (untuk tautan WhatsApp)').fill('Halo {nama},\nPromo akhir bulan!');
    // One click per customer: WhatsApp opens with her name in the message, or the link is copied.
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Salin tautan WhatsApp untuk Wulan Sari' }).getAttribute('title'),
      )
      .toContain('Promo%20akhir%20bulan!');
    await page.getByRole('button', { name: 'Buka WhatsApp untuk Wulan Sari' }).click();
    await page.getByText('WhatsApp dibuka untuk Wulan Sari. Kirim pesannya di sana.').waitFor();
    expect(j.t.handoff.opened.at(-1)).toBe(
      `https://wa.me/6281270001234?text=${encodeURIComponent('Halo Wulan Sari,\nPromo akhir bulan!')}`,
    );
    await page.getByRole('button', { name: 'Salin tautan WhatsApp untuk Wulan Sari' }).click();
    await expect.poll(() => j.t.handoff.copied.length).toBe(1);
    await shot(page, '23-owner-marketing-whatsapp');
    await lock(page);

    // Cashier records her withdrawal: one click.
    await login(page, /Andi/, '582914');
    await page.getByRole('searchbox').fill('wulan');
    await page
      .getByTestId('customer-list')
      .getByRole('button', { name: /Wulan Sari/ })
      .click();
    await page.getByTestId('consent-2').getByRole('button', { name: 'Tarik persetujuan' }).click();
    // One more tap confirms it.
    await page.getByTestId('consent-2').getByRole('button', { name: 'Ya, tarik' }).click();
    await expect.poll(() => page.getByTestId('consent-2').innerText()).toContain('Ditarik');
    await shot(page, '24-cashier-withdrawal');
    await lock(page);

    // Owner: the next export no longer holds her.
    await login(page, /Bu Sari/, OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    csv = await exportWhatsApp(page);
    expect(csv).not.toContain('Wulan Sari');
    expect(csv).toContain('Yuni Kartika');
    await expect.poll(() => page.getByTestId('audience-count').innerText()).toContain('1 penerima');

    // The audit log shows the consent steps without personal data.
    await page.getByRole('button', { name: /Log audit/ }).click();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.innerText()).toContain('Mengekspor daftar pemasaran');
    const text = await table.innerText();
    expect(text).toMatch(/Andi\s+Mencatat penarikan persetujuan pelanggan #2 \(Wulan Sari\)/);
    const stored = JSON.stringify(j.t.core.vault.requireDb().prepare('SELECT * FROM audit_log').all());
    expect(stored).not.toContain('Wulan');

    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('owner imports a spreadsheet: mapping, per-row problems, progress, commit; settings show fields and purposes', async () => {
    const { t, browser, bridge } = j;
    const csvPath = join(t.dir, '..', `${t.dir.split('/').pop()}-import.csv`);
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `Pelanggan Impor ${i};0813${String(20000000 + i)};${i % 3 === 0 ? 'ya' : ''};`,
    );
    // Two rows with the phones of customers already in the vault: one of the same name (fills on
    // "lengkapi"), one of another name (fills only if the owner ticks that row).
    const inVault = ['Yuni K;0813-5555-0101;;yuni@contoh.id', 'Budi Wijaya;0812-7000-1234;;budi@contoh.id'];
    writeFileSync(
      csvPath,
      `\uFEFF${['Nama;No HP;Setuju WA;Email', ...rows, ';0813-9999-0000;;', 'Rusak;123;;', ...inVault].join('\r\n')}`,
    );
    // Saved by the shop today (the test clock's day): the notice version made at set-up is not newer.
    utimesSync(csvPath, t.clock.now() / 1000, t.clock.now() / 1000);
    t.dialogs.nextOpen = csvPath;
    const context = await shopContext(browser, { width: 1280, height: 900 }, j.t.clock);
    const page = await context.newPage();
    await page.goto(bridge.url);
    await login(page, /Bu Sari/, OWNER_PIN);
    await page.getByRole('button', { name: /Impor & ekspor/ }).click();
    await page.getByRole('button', { name: 'Pilih berkas CSV…' }).click();
    await page.getByTestId('import-file').waitFor();
    expect(await page.locator('select[name="map-name"]').inputValue()).toBe('0');
    expect(await page.locator('select[name="map-consent_whatsapp"]').inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.getByTestId('import-errors').waitFor();
    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('Nama kosong');
    expect(errors).toContain('Nomor HP tidak valid');
    // Each count is the rows listed under it.
    expect(await page.getByTestId('import-summary').innerText()).toBe(
      '1200 dari 1204 baris siap diimpor; 2 baris bermasalah; 2 baris sudah ada di Brankas.',
    );
    expect(await page.getByTestId('import-in-vault').locator('tbody tr').count()).toBe(2);
    // 400 yes cells: the owner is told, and says how that consent was collected.
    await page.getByText(/Berkas ini mencatat 400 persetujuan WhatsApp/).waitFor();
    expect(await page.getByRole('button', { name: 'Impor 1200 baris' }).isDisabled()).toBe(true);
    await page.getByLabel('Bagaimana persetujuan ini dikumpulkan?').selectOption('paper');
    // The notice the customers saw is the owner's choice too: no default.
    expect(await page.getByRole('button', { name: 'Impor 1200 baris' }).isDisabled()).toBe(true);
    await page.getByLabel(/Versi pemberitahuan yang dilihat pelanggan/).selectOption('1');
    await shot(page, '25-owner-import-check');
    await page.getByRole('button', { name: 'Impor 1200 baris' }).click();
    await page.getByText('1200 pelanggan diimpor.').waitFor();
    await shot(page, '26-owner-import-done');
    await page
      .getByRole('button', { name: /Pelanggan/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('customer-count').innerText()).toContain('1.202');
    // Scroll the virtual list to the end: rows are fetched as they come into view.
    await page.getByTestId('customer-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.getByTestId('customer-list').innerText()).toContain('Wulan Sari');
    await shot(page, '27-owner-customers-scrolled');
    await page.getByRole('button', { name: /Pengaturan/ }).click();
    await page.getByRole('heading', { name: 'Data yang dikumpulkan' }).waitFor();
    await shot(page, '28-owner-settings-fields-purposes');
    await context.close();
  });
});
