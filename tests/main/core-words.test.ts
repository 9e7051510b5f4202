import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestClock } from '../support/clock';
import { makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

/**
 * Words main writes outside errors and letters, read from the catalogue's core namespace: the
 * start-up box, the recovery card and the export's columns, word for word as the owner sees them.
 */
const box = vi.hoisted(() => ({
  packaged: false,
  probe: 'missing' as 'ok' | 'missing' | 'load_failed',
  shown: [] as { title: string; body: string }[],
}));
vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return box.packaged;
    },
  },
  dialog: { showErrorBox: (title: string, body: string) => box.shown.push({ title, body }) },
}));
vi.mock('../../src/main/vault/database', async (original) => ({
  ...(await original<object>()),
  probeNativeBinding: () => box.probe,
}));

let t: TestCore | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('the box shown when the encrypted database module cannot load', () => {
  it('says what is wrong and what to do in both languages, before any language is chosen', async () => {
    const { nativeModuleReady } = await import('../../src/main/app/startup-check');
    box.packaged = true;
    box.probe = 'missing';
    expect(nativeModuleReady('/app/sqlcipher.node')).toBe(false);
    box.packaged = false;
    box.probe = 'load_failed';
    expect(nativeModuleReady('/dev/sqlcipher.node')).toBe(false);
    box.probe = 'ok';
    expect(nativeModuleReady('/dev/sqlcipher.node')).toBe(true);
    expect(box.shown).toEqual([
      {
        title: 'Brankas tidak dapat dibuka / Brankas cannot start',
        body:
          'Modul basis data terenkripsi untuk Electron tidak ditemukan. Pasang ulang Brankas dari installer resminya.' +
          '\n\nThe encrypted database module for Electron is missing. Reinstall Brankas from its official installer.' +
          '\n\n/app/sqlcipher.node',
      },
      {
        title: 'Brankas tidak dapat dibuka / Brankas cannot start',
        body:
          'Modul basis data terenkripsi tidak cocok dengan versi Electron ini. Jalankan "npm run native:electron" di folder proyek, lalu "npm start" lagi.' +
          '\n\nThe encrypted database module does not match this Electron version. Run "npm run native:electron" in the project folder, then "npm start" again.' +
          '\n\n/dev/sqlcipher.node',
      },
    ]);
  });
});

describe('the recovery card', () => {
  it.each([
    [
      'id',
      [
        '<title>Kartu Pemulihan Brankas</title>',
        'Toko: <b>Toko &#60;Maju&#62;</b> &middot; Dibuat: 17 Mei 2026',
        'Kode ini membuka brankas dan semua cadangan jika PIN pemilik hilang atau laptop rusak.',
        'Simpan kartu ini di tempat aman, terpisah dari laptop. Jangan difoto atau dikirim lewat chat.',
        'Jika PIN pemilik DAN kode ini hilang, data pelanggan tidak dapat dibuka lagi oleh siapa pun, termasuk pembuat Brankas.',
      ],
    ],
    [
      'en',
      [
        '<title>Brankas Recovery Card</title>',
        'Shop: <b>Toko &#60;Maju&#62;</b> &middot; Created: 17 May 2026',
        "This code opens the vault and every backup if the owner's PIN is lost or the laptop breaks.",
        'Keep this card somewhere safe, away from the laptop. Do not photograph it or send it by chat.',
        "If the owner's PIN AND this code are lost, nobody can open the customer data again, not even the makers of Brankas.",
      ],
    ],
  ] as const)('is printed in the app’s language (%s)', async (language, lines) => {
    t = makeCore({ clock: new TestClock(Date.UTC(2026, 4, 17, 3)) });
    await t.ok('app:setLanguage', { language });
    await t.ok('setup:create', {
      shopName: 'Toko <Maju>',
      ownerName: 'Bu Sari',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    await t.ok('setup:printRecoveryCard', {});
    const card = t.printer.printed.at(-1)!;
    expect(card.name).toBe('brankas-kartu-pemulihan.pdf');
    for (const line of lines) expect(card.html).toContain(line);
  });
});

describe('the export of every customer', () => {
  it('names its columns and yes/no values in Bahasa Indonesia in either language of the app', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('app:setLanguage', { language: 'en' });
    const c = await t.ok('customers:create', {
      name: 'Gita',
      phone: '0812-1212-3434',
      consents: [{ purposeId: 2, method: 'verbal' }],
    });
    await t.ok('consent:withdraw', { customerId: c.id, purposeId: 2, method: 'verbal' });
    await t.ok('customers:export', { format: 'csv' });
    const saved = t.dialogs.saved.at(-1)!;
    expect(saved.name).toMatch(/^pelanggan-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, row] = String(saved.data).replace('\uFEFF', '').split('\n');
    expect(header).toBe(
      'id;nama;telepon;email;alamat;tanggal_lahir;jenis_kelamin;catatan;tag;di_bawah_18;wali;dibatasi;' +
        'persetujuan:Layanan & transaksi;persetujuan:Promosi via WhatsApp;persetujuan:Promosi via SMS/email;' +
        'persetujuan:Personalisasi penawaran;dibuat;aktivitas_terakhir',
    );
    expect(row).toMatch(/^\d+;Gita;0812-1212-3434;;;;;;;tidak;;tidak;;ditarik;;;/);
  });
});
