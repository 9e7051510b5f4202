import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { ChromiumPrinter } from '../support/chromium-printer';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';

/**
 * The answer to an access request (UU PDP Art. 7, 32) is a letter the customer reads: every value
 * in words, every date on the shop's clock (WIB), no internal key, flag or timestamp; who looked
 * at the data by name and role; the basis, recipients, retention with their own dates, the source
 * and their rights (Art. 5-13). The answer letter carries letterhead, addressee, date and signer.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The page's words: tags dropped, entities read back, the letterhead style left out. */
function words(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/\n\s*\n+/g, '\n');
}

/** What a customer must never meet in the letter: the app's own keys, flags and raw times. */
const RAW = [
  /\bisMinor\b/,
  /\bguardianName\b/,
  /\brestricted\b/,
  /\bcreatedAt\b|\blastActivityAt\b/,
  /\btrue\b|\bfalse\b/,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
  /\b(customer|consent|purchase|request|retention|audience)\.[a-zA-Z]+\b/,
  /\bowner\b|\bcashier\b/,
  /\bok\b|\bdenied\b/,
  /\blegal_obligation\b|\bconsent\b|\bcontract\b/,
  /\bverbal\b|\bpaper\b/,
  /\bfemale\b/,
  /\bv1\b/,
];

async function shopWithSiti(clock: TestClock, printer?: ChromiumPrinter) {
  t = makeCore({ clock, printer });
  const ids = await setupShop(t);
  for (const key of ['email', 'address', 'birthday', 'gender', 'notes', 'tags'] as const)
    await t.ok('fields:update', { key, enabled: true, purpose: 'Untuk melayani Anda lebih baik.' });
  await t.ok('settings:update', {
    autoLockMinutes: 5,
    notesHardBlock: false,
    shopContact: 'WA 0812-1111-2222',
    shopAddress: 'Jl. Pasar Baru 12\nBandung 40181',
    recipients: 'Kurir JNE (alamat pengiriman)',
  });
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    email: 'siti@example.id',
    address: 'Jl. Melati 5\nCimahi',
    birthday: '1990-03-03',
    gender: 'female',
    notes: 'Suka kopi tanpa gula',
    tags: ['kopi', 'teh'],
    consents: [{ purposeId: WA, method: 'paper' }],
  });
  await t.ok('purchases:create', { customerId: siti.id, amount: 150_000, items: ['Kopi 250 g'] });
  return { ...ids, siti };
}

/** A shop whose one customer, Dewi, came from a file with her consent under `noticeVersion`. */
async function importDewi(clock: TestClock, noticeVersion: number): Promise<number> {
  t = makeCore({ clock });
  await setupShop(t);
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-pelanggan.csv`);
  writeFileSync(path, 'Nama;No HP;Persetujuan WA\r\nDewi Lestari;0813-2222-3333;ya\r\n');
  t.dialogs.nextOpen = path;
  const preview = await t.ok('import:open', {});
  await t.ok('import:commit', { mapping: preview.suggested, consent: { method: 'paper', noticeVersion } });
  return (await t.ok('customers:search', { query: 'dewi' })).items[0]!.id;
}

async function cashierOpens(cashierId: string, ownerId: string, customerId: number) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  await t.ok('customers:get', { id: customerId });
  const req = await t.ok('requests:create', {
    type: 'access',
    customerId,
    receivedAt: t.clock.now(),
    channel: 'in_person',
    verification: 'KTP dicocokkan',
  });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  return req;
}

describe('the access report is a letter the customer can read', () => {
  it('says every kept field in words, the basis, recipients, retention dates, source, who looked (WIB) and the rights; no raw key', async () => {
    // 5 December 2026, 14:05 WIB.
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti, cashierId, ownerId } = await shopWithSiti(clock);
    // A field the shop stopped collecting still holds her value: the vault holds it, so the letter says it.
    await t.ok('fields:update', { key: 'email', enabled: false, purpose: 'Tidak dipakai lagi.' });
    clock.advance(2 * HOUR);
    const req = await cashierOpens(cashierId, ownerId, siti.id);
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    const html = t.printer.printed.at(-1)!.html;
    const text = words(html);

    for (const raw of RAW) expect(text, String(raw)).not.toMatch(raw);
    for (const expected of [
      // Letterhead, addressee, date, signer.
      'Toko Maju',
      'Jl. Pasar Baru 12',
      'Bandung 40181',
      'WA 0812-1111-2222',
      'Kepada Yth.',
      'Jl. Melati 5',
      'Cimahi',
      '5 Desember 2026',
      'Bu Sari',
      'Pemilik Toko Maju',
      // What we hold, in words.
      'Nama: Siti Aminah',
      'Nomor HP: 0812-3456-7890',
      'Email: siti@example.id',
      'Tanggal lahir: 3 Maret 1990',
      'Jenis kelamin: Perempuan',
      'Catatan: Suka kopi tanpa gula',
      'Preferensi produk: kopi, teh',
      'Anda tercatat sebagai orang dewasa (18 tahun atau lebih).',
      'Pemakaian data Anda tidak dibatasi.',
      // Why, and on what basis; her consent with its date and method.
      'Promosi via WhatsApp',
      'Dasarnya: persetujuan Anda (UU PDP Pasal 20 ayat 2 huruf a).',
      'Alamat: Jl. Melati 5, Cimahi',
      'Anda memberi persetujuan pada 5 Desember 2026 pukul 14.05 WIB, dengan formulir kertas, dicatat oleh Bu Sari.',
      // Who receives it.
      'Kurir JNE (alamat pengiriman)',
      'Anda memberi persetujuan untuk Promosi via WhatsApp, dengan formulir kertas, dicatat oleh Bu Sari (pemberitahuan privasi versi',
      // How long: 24 months after her last activity (the sale at 14.05 on 5 Dec 2026).
      'data Anda kami hapus pada 5 Desember 2028',
      'Catatan penjualan (tanggal, barang, jumlah) kami simpan 10 tahun',
      // Where it came from.
      'Anda sendiri memberikan data ini kepada kami di toko. Bu Sari (pemilik toko) mencatatnya pada 5 Desember 2026 pukul 14.05 WIB.',
      // Who looked, when, in the shop's time.
      '5 Desember 2026 pukul 16.05 WIB — Andi, kasir: membuka data Anda.',
      'Andi, kasir: mencatat permintaan Anda tentang data Anda.',
      'Bu Sari, pemilik toko: mencatat Anda sebagai pelanggan.',
      // Rights and how to ask, compensation and complaint included.
      '(Pasal 5)',
      '(Pasal 12)',
      '(Pasal 13)',
      'paling lambat 3 x 24 jam',
      'Komdigi',
      // Purchases appended, amounts the shop's way.
      'Kopi 250 g',
      '150.000',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("says an edit's fields in words, a kept customer's hold, an import as the source, and a minor's guardian", async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    // Imported: no counter entry made her; her consent came with the file.
    const dewi = await importDewi(clock, 1);
    await t.ok('customers:update', {
      id: dewi,
      name: 'Dewi Lestari',
      isMinor: true,
      guardianName: 'Ibu Ratna',
    });
    // A short period, so that holding her for the review months keeps her past her due date.
    await t.ok('retention:setPolicy', {
      inactiveMonths: 3,
      consentLapseMonths: 12,
      salesKeepYears: 10,
      keepReviewMonths: 6,
    });
    await t.ok('retention:keep', { id: dewi, reason: 'Pesanan kue pernikahan belum lunas' });
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: dewi,
      receivedAt: clock.now(),
      channel: 'whatsapp',
      verification: 'Nomor WhatsApp cocok',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    const text = words(t.printer.printed.at(-1)!.html);
    for (const raw of RAW) expect(text, String(raw)).not.toMatch(raw);
    expect(text).toContain('Anda tercatat sebagai anak di bawah 18 tahun; wali Anda: Ibu Ratna.');
    expect(text).toMatch(
      /Bu Sari, pemilik toko: mengubah data Anda: usia \(anak atau dewasa\), nama orang tua\/wali\./,
    );
    expect(text).toContain('Pemilik toko menahan data Anda lebih lama dari biasanya');
    expect(text).toContain('sampai 5 Juni 2027, dengan alasan: Pesanan kue pernikahan belum lunas');
    // Her consent lapses by the policy: its own date.
    expect(text).toContain(
      'Persetujuan Anda untuk Promosi via WhatsApp berlaku 12 bulan: bila tidak Anda perbarui, berakhir pada 5 Desember 2027.',
    );
    expect(text).toContain('menahan data Anda dari penghapusan terjadwal');
    expect(text).toContain(
      'dimasukkan ke aplikasi ini dengan mengimpor berkas pada 5 Desember 2026 pukul 14.05 WIB',
    );
    expect(text).toContain('dengan formulir kertas, dari berkas yang diimpor toko');
  });

  it("names a consent given under the shop's own notice outside Brankas, and the promotions sent to her", async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const dewi = await importDewi(clock, 0);
    clock.advance(DAY);
    await t.ok('audience:whatsapp', { customerId: dewi, message: 'Promo kopi minggu ini', mode: 'open' });
    clock.advance(DAY);
    await t.ok('audience:whatsapp', { customerId: dewi, message: 'Promo teh bulan ini', mode: 'open' });
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: dewi,
      receivedAt: clock.now(),
      channel: 'whatsapp',
      verification: 'Nomor WhatsApp cocok',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    const text = words(t.printer.printed.at(-1)!.html);
    expect(text).toContain('(pemberitahuan privasi toko di luar Brankas)');
    expect(text).not.toMatch(/versi 0\b/);
    // The marks are data the shop keeps about her: the letter says them, dated on the shop's clock.
    expect(text).toContain(
      'Pesan promosi yang kami kirim kepada Anda lewat WhatsApp: 2 kali, terakhir 7 Desember 2026',
    );
  });

  it('is in the language the owner picks for this customer, whatever the screen shows', async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti, cashierId, ownerId } = await shopWithSiti(clock);
    const req = await cashierOpens(cashierId, ownerId, siti.id);
    // The screen is in Indonesian; she reads English.
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report', language: 'en' });
    const en = words(t.printer.printed.at(-1)!.html);
    expect(en).toContain('Your personal data at Toko Maju');
    expect(en).toContain('Birthday: 3 March 1990');
    expect(en).toContain('Andi, cashier: opened your data.');
    expect(en).toContain('5 December 2026 at 14:05 WIB');
    expect(en).not.toContain('Tanggal lahir');
    expect(t.printer.printed.at(-1)!.html).toContain('<html lang="en">');
    // The answer letter too, and its WhatsApp text; the screen's language when none is picked.
    await t.ok('requests:answer', { id: req.id, mode: 'print', language: 'en' });
    const answer = words(t.printer.printed.at(-1)!.html);
    expect(answer).toContain('to see and get a copy of your data');
    expect(answer).toContain('Yours sincerely,');
    await t.ok('requests:answer', { id: req.id, mode: 'copy', language: 'en' });
    expect(decodeURIComponent(t.handoff.copied.at(-1)!)).toContain('We prepared a report');
    await t.ok('requests:answer', { id: req.id, mode: 'print' });
    expect(words(t.printer.printed.at(-1)!.html)).toContain('melihat dan mendapat salinan data Anda');
    expect(
      await t.call('requests:answer', { id: req.id, mode: 'print', language: 'fr' } as never),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('in English, one older sale left out and one character cut are each said in the singular', async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti, ownerId } = await shopWithSiti(clock);
    // The report prints the newest 500 sales: with 501 in all, exactly one older sale is left out.
    // The newest sale's items are one character longer than the report prints of them.
    const db = t.core.vault.requireDb();
    const at = clock.now() - DAY;
    db.transaction(() => {
      const ins = db.prepare(
        'INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (let i = 0; i < 499; i++) ins.run(siti.id, at + i, 1000, '["Teh"]', ownerId, at + i);
    })();
    const items = ['Kopi bubuk '.repeat(18).trim(), 'Teh melati '.repeat(9) + 'dan'];
    const listed = items.join(', ');
    expect(listed.length).toBe(301);
    await t.ok('purchases:create', { customerId: siti.id, amount: 5000, items });
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      receivedAt: clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report', language: 'en' });
    const en = words(t.printer.printed.at(-1)!.html).replace(/\s+/g, ' ');
    expect(en).toContain('Showing the newest 500 of 501 purchases. The 1 older one is not printed here;');
    expect(en).toContain(`${listed.slice(0, 300)}… (+1 character)`);
    expect(en).not.toMatch(/1 older ones|\+1 characters/);
  });

  it('the answer letter has the letterhead, her name and address, the date and a signature line', async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti, cashierId, ownerId } = await shopWithSiti(clock);
    const req = await cashierOpens(cashierId, ownerId, siti.id);
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    clock.advance(DAY);
    await t.ok('requests:answer', { id: req.id, mode: 'print' });
    const html = t.printer.printed.at(-1)!.html;
    const text = words(html);
    for (const expected of [
      'Toko Maju',
      'Jl. Pasar Baru 12',
      'WA 0812-1111-2222',
      'Kepada Yth.',
      'Siti Aminah',
      'Jl. Melati 5',
      '6 Desember 2026',
      'Hormat kami,',
      'Bu Sari',
      'Pemilik Toko Maju',
    ])
      expect(text, expected).toContain(expected);
    expect(html).toContain('class="sign"');
    // Her address stays off the WhatsApp text (a link carries it through other hands).
    await t.ok('requests:answer', { id: req.id, mode: 'copy' });
    expect(decodeURIComponent(t.handoff.copied.at(-1)!)).not.toContain('Jl. Melati');
  });
});

describe('the answer to an erasure', () => {
  it('is addressed by the request once her name is erased, and still signed', async () => {
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti } = await shopWithSiti(clock);
    const req = await t.ok('requests:create', {
      type: 'erasure',
      customerId: siti.id,
      receivedAt: clock.now(),
      channel: 'whatsapp',
      verification: 'Nomor WhatsApp cocok',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'erase' });
    await t.ok('requests:answer', { id: req.id, mode: 'print' });
    const text = words(t.printer.printed.at(-1)!.html);
    expect(text).toContain(`Pemohon permintaan nomor ${req.id}`);
    expect(text).not.toContain('Siti');
    expect(text).not.toContain('Jl. Melati');
    expect(text).toContain('Data Anda sudah kami hapus.');
    expect(text).toContain('Pemilik Toko Maju');
  });
});

describe('the printed letters, rendered', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it('read back from the PDF, and saved as PNG to look at', async () => {
    browser = await launchChromium();
    const printer = new ChromiumPrinter(() => browser!);
    const clock = new TestClock(Date.UTC(2026, 11, 5, 7, 5));
    const { siti, cashierId, ownerId } = await shopWithSiti(clock, printer);
    const req = await cashierOpens(cashierId, ownerId, siti.id);
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    await t.ok('requests:answer', { id: req.id, mode: 'print' });
    // And in English, as the owner may pick for her.
    await t.ok('requests:answer', { id: req.id, mode: 'print', language: 'en' });
    const english = (await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf))).replace(/\s+/g, ' ');
    expect(english).toContain('Yours sincerely,');
    expect(english).toContain('Owner, Toko Maju');
    const [report, answer] = printer.pdfs.slice(-3, -1);
    const reportText = (await pdfText(new Uint8Array(report!.pdf))).replace(/\s+/g, ' ');
    expect(reportText).toContain('Tanggal lahir: 3 Maret 1990');
    expect(reportText).toContain('Andi, kasir: membuka data Anda.');
    expect(reportText).not.toMatch(/customer\.view|isMinor|\d{4}-\d{2}-\d{2}T/);
    const answerText = (await pdfText(new Uint8Array(answer!.pdf))).replace(/\s+/g, ' ');
    expect(answerText).toContain('Hormat kami,');
    expect(answerText).toContain('Pemilik Toko Maju');

    // For a person to look at: each letter as an A4-wide page.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const names = ['access-report', 'answer-letter', 'answer-letter-en'];
    const printed = printer.printed.slice(-3);
    for (const [i, { pdf }] of printer.pdfs.slice(-3).entries())
      writeFileSync(join(SCREENSHOT_DIR, `${names[i]}.pdf`), pdf);
    for (const [i, name] of names.entries()) {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 794, height: 1123 },
      });
      const page = await context.newPage();
      await page.setContent(printed[i]!.html);
      writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), await page.screenshot({ fullPage: true }));
      await context.close();
    }
  }, 60_000);
});
