import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, watchPage, shopContext } from '../support/browser';
import type { ChromiumPrinter } from '../support/chromium-printer';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { loginAs as login, passBriefing, useJourney } from '../support/journey';
import { pdfText } from '../support/pdf-text';

const j = useJourney(
  async (t) => {
    // The cashier's first reading of the briefing is part of this journey.
    await setupShop(t, { cashierBriefed: false });
    const dewi = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0812-5555-0303',
      address: 'Jl. Kenanga 7, Yogyakarta',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    await t.ok('purchases:create', { customerId: dewi.id, amount: 87_500, items: ['Batik tulis'] });
  },
  { chromiumPrinter: true, briefed: 'owner' },
);

async function lock(page: Page) {
  await page.getByRole('button', { name: /^Kunci$/ }).click();
}

describe('e2e in Chromium: a customer asks what the shop holds on her', () => {
  it('a cashier records the request at the counter; the owner fulfils it and the report PDF holds her data', async () => {
    const { browser, bridge, t } = j;
    const printer = t.printer as ChromiumPrinter;
    const context = await shopContext(browser, { width: 1280, height: 860 }, j.t.clock);
    const page = await context.newPage();
    const watch = watchPage(page, bridge.url.replace(/\/$/, ''));
    await page.goto(bridge.url);

    // Cashier: first login, find Dewi, record her access request.
    await login(page, /Andi/, CASHIER_PIN);
    await page.getByLabel('PIN sekarang').fill(CASHIER_PIN);
    await page.getByLabel('PIN baru', { exact: true }).fill('582914');
    await page.getByLabel('Ulangi PIN baru').fill('582914');
    await page.getByRole('button', { name: 'Ganti PIN' }).click();
    // Her first login: the shop's data rules and their check come before the counter.
    await page.getByTestId('briefing-rules').waitFor();
    await shot(page, '39-cashier-first-briefing');
    await passBriefing(page);
    await page.getByRole('searchbox').fill('dewi');
    await page
      .getByTestId('customer-list')
      .getByRole('button', { name: /Dewi Lestari/ })
      .click();
    await page.getByRole('button', { name: 'Catat permintaan hak' }).click();
    await page.locator('select[name="type"]').selectOption('access');
    // Refused without saying how her identity was checked; the message sits beside the field.
    await page.getByRole('button', { name: 'Catat permintaan', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Cara memeriksa identitas').getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByLabel('Cara memeriksa identitas').fill('KTP dicocokkan dengan nama dan nomor HP');
    await page.getByLabel('Yang diminta (kata-kata pelanggan)').fill('Data apa saja yang disimpan toko?');
    await page.getByRole('button', { name: 'Catat permintaan', exact: true }).click();
    await page.getByText(/Permintaan #1 tercatat/).waitFor();
    await shot(page, '40-cashier-records-request');
    // The cashier cannot open the register.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Privasi/ })
      .click();
    expect(await page.getByRole('tab', { name: 'Permintaan', exact: true }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Pemberitahuan privasi' }).click();
    await page.getByTestId('doc').getByText('Pemberitahuan privasi — Toko Maju').waitFor();
    await shot(page, '41-cashier-notice');
    await lock(page);

    // Owner: the register, most urgent first; fulfil with the report.
    await login(page, /Bu Sari/, OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Privasi/ })
      .click();
    // The owner lands on the health screen: the open request shows there too.
    await expect.poll(() => page.getByTestId('health').innerText()).toContain('1 terbuka, 0 lewat tenggat');
    await shot(page, '41b-owner-privacy-health');
    await page.getByRole('tab', { name: 'Permintaan', exact: true }).click();
    await expect.poll(() => page.getByTestId('requests-summary').innerText()).toContain('1 terbuka');
    await page.getByRole('button', { name: /#1 Melihat & salinan data · Dewi Lestari/ }).click();
    await shot(page, '42-owner-request-open');
    await page.getByRole('button', { name: 'Cetak laporan data (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(1);
    await expect.poll(() => page.getByTestId('requests-summary').innerText()).toContain('0 terbuka');
    const report = await pdfText(new Uint8Array(printer.pdfs[0]!.pdf));
    for (const expected of [
      'Toko Maju',
      'Dewi Lestari',
      '0812-5555-0303',
      'Jl. Kenanga 7',
      'Batik tulis',
      'Andi',
    ]) {
      expect(report, expected).toContain(expected);
    }
    // The answer, printed too.
    await page.getByRole('button', { name: 'Selesai', exact: true }).click();
    const row = page.getByRole('button', { name: /#1 Melihat & salinan data/ });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await page.getByRole('button', { name: 'Cetak jawaban (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(2);
    expect(await pdfText(new Uint8Array(printer.pdfs[1]!.pdf))).toContain('jawaban atas permintaan Anda');
    await shot(page, '43-owner-request-done');

    // The notice and the record of processing, generated and printable.
    await page.getByRole('tab', { name: 'Pemberitahuan privasi' }).click();
    await page.getByTestId('doc').getByText('Hak Anda', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cetak poster kasir (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(3);
    expect(await pdfText(new Uint8Array(printer.pdfs[2]!.pdf))).toContain('Data Anda di Toko Maju');
    // The full notice for a customer who reads English, the screen staying in Bahasa Indonesia;
    // every page says which version and which page it is.
    await page.getByRole('combobox', { name: 'Bahasa cetakan' }).selectOption('en');
    await page.getByRole('button', { name: 'Cetak A4 (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(4);
    const english = await pdfText(new Uint8Array(printer.pdfs[3]!.pdf));
    expect(english).toContain('Privacy notice — Toko Maju');
    expect(english).toMatch(/Privacy notice v\d+ · page 1 of \d+/);
    await shot(page, '44-owner-notice');
    await page.getByRole('tab', { name: 'Catatan pemrosesan' }).click();
    await page.getByTestId('doc').getByText('Langkah keamanan').waitFor();
    await shot(page, '45-owner-record-of-processing');

    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the owner reports a breach and follows it to the end; the 72-hour clock shows until it is closed', async () => {
    const { browser, bridge, t } = j;
    const printer = t.printer as ChromiumPrinter;
    const context = await shopContext(browser, { width: 1280, height: 860 }, j.t.clock);
    const page = await context.newPage();
    const watch = watchPage(page, bridge.url.replace(/\/$/, ''));
    await page.goto(bridge.url);
    await login(page, /Bu Sari/, OWNER_PIN);
    await page.getByTestId('current-user').waitFor();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Privasi/ })
      .click();
    await page.getByRole('tab', { name: 'Insiden' }).click();
    await page.locator('select[name="kind"]').selectOption('lost_backup');
    await page.getByLabel('Apa yang terjadi').fill('Flashdisk berisi cadangan tertinggal di angkot');
    await page.getByRole('button', { name: 'Mulai penanganan insiden' }).click();
    await page.getByText(/Insiden #1: beri tahu pelanggan dan lembaga paling lambat/).waitFor();
    await page.getByRole('button', { name: 'Akhiri semua sesi lain' }).click();
    await page.getByText('Sesi lain sudah diakhiri.').waitFor();
    await page.getByRole('button', { name: 'Semua pelanggan terkena' }).click();
    await expect
      .poll(() => page.getByTestId('incident-affected').innerText())
      .toContain('1 pelanggan terkena');
    const before = printer.pdfs.length;
    await page.getByRole('button', { name: 'Surat (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(before + 1);
    const letter = await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf));
    expect(letter).toContain('Dewi Lestari');
    expect(letter).toContain('Apa yang terjadi');
    await page.getByRole('button', { name: 'Cetak formulir untuk lembaga (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(before + 2);
    expect(await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf))).toContain('Komdigi');
    await shot(page, '46-owner-incident');
    await page.getByLabel('Semua pemberitahuan sudah dikirim').check();
    await page.getByLabel('Catatan evaluasi').fill('Cadangan kini hanya disimpan di lemari terkunci.');
    await page.getByRole('button', { name: 'Tutup insiden' }).click();
    await page.getByText('Insiden yang sudah ditutup').waitFor();
    await expect.poll(() => page.getByText(/Insiden #1 terbuka/).count()).toBe(0);
    await shot(page, '47-owner-incident-closed');
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the owner changes the data rules; the cashier reads them again at the next login', async () => {
    const { browser, bridge } = j;
    const context = await shopContext(browser, { width: 1280, height: 860 }, j.t.clock);
    const page = await context.newPage();
    await page.goto(bridge.url);
    await login(page, /Bu Sari/, OWNER_PIN);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Pengaturan/ })
      .click();
    await expect.poll(() => page.getByTestId('briefing-status').innerText()).toMatch(/Andi: sudah membaca/);
    await page
      .getByLabel('Aturan data toko (satu per baris)')
      .fill(
        'Kunci layar saat pergi.\nJangan memotret layar.\nJangan berbagi data pelanggan.\nLapor pemilik bila ada masalah.',
      );
    await page.getByTestId('briefing-settings').getByRole('button', { name: 'Simpan' }).click();
    // New rules: the owner is not pushed into the check; she reads them from the banner when she decides.
    await page.getByText(/Kasir membaca aturan baru saat login berikutnya/).waitFor();
    await page.getByRole('button', { name: 'Baca arahan' }).click();
    await page.getByTestId('briefing-rules').getByText('Kunci layar saat pergi.').waitFor();
    await passBriefing(page);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Pengaturan/ })
      .click();
    await expect
      .poll(() => page.getByTestId('briefing-status').innerText())
      .toMatch(/Andi: belum membaca versi ini/);
    await shot(page, '49-owner-briefing-settings');
    await page.getByRole('button', { name: /^Kunci$/ }).click();
    await login(page, /Andi/, '582914');
    await page.getByTestId('briefing-rules').getByText('Kunci layar saat pergi.').waitFor();
    await page.getByRole('button', { name: /mulai pertanyaan/ }).click();
    await page.locator('.briefing-quiz li').nth(4).waitFor();
    await shot(page, '48-cashier-briefing-quiz');
    await page.getByRole('button', { name: /^Kunci$/ }).count();
    await context.close();
  });
});
