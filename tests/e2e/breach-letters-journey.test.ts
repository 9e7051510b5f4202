import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import type { ChromiumPrinter } from '../support/chromium-printer';
import { OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';
import { pdfText } from '../support/pdf-text';
import { shopIsoMinute } from '../../src/shared/shop-time';

const HOUR = 3_600_000;

const j = useJourney(
  async (t) => {
    await setupShop(t);
    await t.ok('settings:update', {
      autoLockMinutes: 30,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      shopAddress: 'Jl. Melati No. 3, Denpasar',
      recipients: '',
    });
    // Two customers of the same name: their letters must not be mixed up.
    await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0813-2222-1111',
      address: 'Jl. Kenanga 7, Denpasar',
    });
    await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0857-3333-9999',
      address: 'Gg. Mawar 2, Tabanan',
    });
    // A landline: no WhatsApp, a letter only.
    await t.ok('customers:create', { name: 'Warung Sebelah', phone: '(0361) 234567' });
  },
  { chromiumPrinter: true },
);

/** Keeps a printed PDF under test-results (fictional data) so it can be rendered and looked at. */
function keepPdf(name: string, pdf: Buffer): void {
  const dir = join('test-results', 'pdfs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), pdf);
}

describe('e2e in Chromium: breach letters for many customers at once', () => {
  it('records an incident found hours ago, prints one PDF of letters that tells namesakes apart, marks WhatsApp in one step', async () => {
    const { t } = j;
    // The window's session keeps the vault open; the test reads it directly (its own is locked).
    const db = () => t.core.vault.requireDb();
    const notified = () =>
      db()
        .prepare("SELECT count(DISTINCT customer_id) FROM incident_notices WHERE recipient = 'customer'")
        .pluck()
        .get() as number;
    const printer = t.printer as ChromiumPrinter;
    const { context, page, watch } = await openAs(j, { name: /Bu Sari/, pin: OWNER_PIN });
    await page.getByTestId('current-user').waitFor();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Privasi/ })
      .click();
    await page.getByRole('tab', { name: 'Insiden' }).click();

    await page.locator('select[name="kind"]').selectOption('lost_laptop');
    await page.getByLabel('Apa yang terjadi').fill('Laptop kasir dicuri dari toko pada malam hari');
    const now = t.clock.now();
    await page.getByLabel(/Kapan terjadi/).fill(shopIsoMinute(now - 20 * HOUR));
    await page.getByLabel(/Kapan diketahui/).fill(shopIsoMinute(now - 3 * HOUR));
    // Found three hours ago: the form asks why it is recorded only now.
    await page.getByLabel('Mengapa baru dicatat sekarang?').fill('Kasir baru melapor saat toko buka.');
    await shot(page, '60-owner-incident-report-late');
    await page.getByRole('button', { name: 'Mulai penanganan insiden' }).click();
    await page.getByText(/Insiden #1: beri tahu pelanggan dan lembaga paling lambat/).waitFor();

    await page.getByRole('button', { name: 'Semua pelanggan terkena' }).click();
    await expect
      .poll(() => page.getByTestId('incident-affected').innerText())
      .toContain('3 pelanggan terkena');
    // The two Dewis, each with her own number, phone ending and address.
    const people = page.getByTestId('incident-people');
    await expect.poll(() => people.getByText('Dewi Lestari').count()).toBe(2);
    const rows = await people.locator('li').allInnerTexts();
    const dewis = rows.filter((r) => r.includes('Dewi Lestari'));
    expect(dewis[0]).not.toBe(dewis[1]);
    expect(dewis.join('\n')).toMatch(/0813-\*+-1111 · Jl\. Kenanga 7/);
    expect(dewis.join('\n')).toMatch(/0857-\*+-9999 · Gg\. Mawar 2/);
    await shot(page, '61-owner-incident-notify');

    // WhatsApp: the mobiles only; ticked and marked at once.
    await page.getByRole('button', { name: 'Daftar WhatsApp' }).click();
    const wa = page.getByTestId('incident-wa-list');
    await wa.waitFor();
    await expect.poll(() => wa.getByText('Dewi Lestari').count()).toBe(2);
    expect(await wa.getByText('Warung Sebelah').count()).toBe(0);
    await shot(page, '62-owner-incident-whatsapp-list');
    const dewiIds = db()
      .prepare("SELECT id FROM customers WHERE name = 'Dewi Lestari' ORDER BY id")
      .pluck()
      .all() as number[];
    // Only the second Dewi was reached this time.
    await wa.getByRole('checkbox').first().uncheck();
    const marking = wa.getByRole('button', { name: /Tandai \d+ pelanggan sudah diberi tahu/ });
    const markedCount = Number(/Tandai (\d+)/.exec(await marking.innerText())![1]);
    await marking.click();
    await expect.poll(() => notified()).toBe(markedCount);

    // Letters for everyone not yet told: one PDF, one letter per customer.
    const before = printer.pdfs.length;
    const remaining = 3 - markedCount;
    await page
      .getByRole('button', {
        name: `Cetak surat untuk ${remaining} pelanggan yang belum diberi tahu (1 PDF)`,
      })
      .click();
    await expect.poll(() => printer.pdfs.length).toBe(before + 1);
    const pdf = printer.pdfs.at(-1)!;
    keepPdf('breach-letters.pdf', pdf.pdf);
    const text = await pdfText(new Uint8Array(pdf.pdf));
    expect(text.match(/pemberitahuan tentang data pribadi Anda/g)).toHaveLength(remaining);
    expect(text.match(/Alamat: Jl\. Melati No\. 3, Denpasar/g)).toHaveLength(remaining);
    expect(text).toContain('Warung Sebelah');
    // The first Dewi (not reached by WhatsApp) has her letter, with her own number and address.
    expect(dewiIds).toHaveLength(2);
    expect(text).toContain(`Kepada Dewi Lestari · Pelanggan #${dewiIds[0]}`);
    expect(text).toContain('Jl. Kenanga 7, Denpasar');
    expect(text).not.toContain(`Pelanggan #${dewiIds[1]}`);
    expect(text).not.toContain('Gg. Mawar 2');
    // Recorded once the PDF is saved, which the printer reports before the handler returns.
    await expect.poll(() => notified()).toBe(3);
    expect(text).toMatch(/Tanda tangan: _{10,}/);
    await page.getByText(/surat disimpan dalam satu PDF/).waitFor();

    // The authority's form, with the reason it was recorded late.
    await page.getByRole('button', { name: 'Cetak formulir untuk lembaga (PDF)' }).click();
    await expect.poll(() => printer.pdfs.length).toBe(before + 2);
    keepPdf('breach-authority.pdf', printer.pdfs.at(-1)!.pdf);
    const form = await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf));
    expect(form).toContain('Kasir baru melapor saat toko buka.');
    expect(form).toContain('Jl. Melati No. 3, Denpasar');
    expect(form).not.toContain('Kami memberi tahu lembaga yang berwenang');
    await shot(page, '63-owner-incident-notified');

    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
