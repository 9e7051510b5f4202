import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { shopContext, shot } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop, tempDir } from '../support/fixtures';
import { loginAs, openAs, passBriefing, useJourney } from '../support/journey';
import { shopIsoDay } from '../../src/shared/shop-time';

/**
 * The screens of the promises that must hold across restores, clocks and floods: each reached as
 * the owner or a cashier would, in Bahasa Indonesia, by click and by keyboard.
 */
const DAY = 86_400_000;
const OWNER = { name: /Bu Sari/, pin: OWNER_PIN };
const usb = tempDir('brankas-usb-');
afterAll(() => usb.cleanup());
let code = '';
let backup = '';
let ownerId = '';

const j = useJourney(
  async (t) => {
    const shop = await setupShop(t, { cashierBriefed: false });
    code = shop.recoveryCode;
    ownerId = shop.ownerId;
    await t.ok('backups:enable', { code });
    // Enough entries in the log for a second page of the viewer.
    for (let i = 1; i <= 100; i++) await t.ok('customers:create', { name: `Pelanggan Lama ${i}` });
    const dewi = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0812-5555-0303',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    t.dialogs.nextFolder = usb.dir;
    backup = join(usb.dir, (await t.ok('backups:create', {})).file);
    // Since the backup: Dewi withdrew her consent, a customer came, and a flood of requests.
    await t.ok('consent:withdraw', { customerId: dewi.id, purposeId: 2, method: 'verbal' });
    await t.ok('customers:create', { name: 'Rudi Hartono', phone: '0813-7000-1111' });
    for (let i = 1; i <= 5; i++)
      await t.ok('requests:create', {
        type: 'erasure',
        customerId: null,
        requester: `Pengirim ${i}`,
        details: null,
        channel: 'whatsapp',
        verification: 'tidak bisa diperiksa',
      });
  },
  { briefed: 'owner' },
);

async function nav(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

describe('e2e in Chromium: promises that hold (restores, clocks, floods)', () => {
  it('the lock screen says a restore left data behind; a checked unlock removes it', async () => {
    const { t } = j;
    const leftover = join(t.dir, `vault.db.before-restore-${t.clock.now() - 3_600_000}`);
    writeFileSync(leftover, 'old vault');
    const ctx = await shopContext(j.browser, { width: 1280, height: 800 }, t.clock);
    const lock = await ctx.newPage();
    await lock.goto(j.bridge.url);
    await lock.getByRole('heading', { name: 'Siapa yang bertugas?' }).waitFor();
    await lock.getByText(/Data dari sebelum pemulihan .* masih ada di folder data/).waitFor();
    await shot(lock, '60-lock-restore-leftovers');
    await lock.getByRole('button', { name: /Bu Sari/ }).click();
    await lock.locator('.pin-input').pressSequentially(OWNER_PIN);
    await lock.keyboard.press('Enter');
    await lock.getByTestId('current-user').waitFor();
    expect(existsSync(leftover)).toBe(false);
    expect(await lock.getByText(/Data dari sebelum pemulihan/).count()).toBe(0);
    await ctx.close();
  });

  it('the owner refuses a flood of requests at once, by keyboard and click', async () => {
    const { context, page, watch } = await openAs(j, OWNER);
    await nav(page, /Privasi/);
    await page.getByRole('tab', { name: 'Permintaan', exact: true }).click();
    await expect.poll(() => page.getByTestId('requests-summary').innerText()).toContain('5 terbuka');
    const selectAll = page.getByRole('button', { name: 'Pilih semua yang tampil' });
    await selectAll.focus();
    await page.keyboard.press('Enter');
    await page.getByText('5 dipilih').waitFor();
    // One of them is kept: unticked by click.
    await page.getByRole('checkbox', { name: 'Pilih permintaan #5' }).click();
    await page.getByText('4 dipilih').waitFor();
    const submit = page.getByRole('button', { name: 'Tolak yang dipilih' });
    await page.getByLabel('Alasan menolak semuanya (minimal 10 huruf)').fill('spam');
    expect(await submit.isDisabled()).toBe(true);
    await page
      .getByLabel('Alasan menolak semuanya (minimal 10 huruf)')
      .fill('Dikirim berulang dari nomor yang sama, bukan pelanggan');
    await shot(page, '61-owner-requests-bulk-dismiss');
    await submit.click();
    await page.getByText('4 permintaan ditolak.').waitFor();
    await expect.poll(() => page.getByTestId('requests-summary').innerText()).toContain('1 terbuka');
    await shot(page, '62-owner-requests-dismissed');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the owner records a late request with a reason, and re-records a withdrawn consent with a note', async () => {
    const { t } = j;
    const { context, page, watch } = await openAs(j, OWNER);
    await page.getByRole('searchbox').fill('dewi');
    await page
      .getByTestId('customer-list')
      .getByRole('button', { name: /Dewi Lestari/ })
      .click();
    await page.getByRole('heading', { name: 'Dewi Lestari' }).waitFor();

    // Consent she withdrew: the owner is asked how she asked again.
    await page.getByTestId('consent-2').getByRole('button', { name: 'Catat persetujuan' }).click();
    const note = page.getByLabel(/Pelanggan pernah menarik .* Bagaimana dan kapan ia memintanya lagi/);
    await note.waitFor();
    await shot(page, '63-owner-consent-asked-again');
    // The question has the focus: the owner types the answer and presses Enter.
    await expect.poll(() => note.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('Datang ke toko 6 Des, minta promo lagi lewat WA');
    await page.keyboard.press('Enter');
    await expect.poll(() => note.count()).toBe(0);
    await expect.poll(() => page.getByTestId('consent-2').innerText()).toMatch(/Setuju/);

    // A request recorded two days after it came: the owner says why.
    await page.getByRole('button', { name: 'Catat permintaan hak' }).click();
    // The form reads its time on the shop's clock (WIB).
    const local = `${shopIsoDay(t.clock.now() - 2 * DAY)}T10:00`;
    await page.locator('input[name="receivedAt"]').fill(local);
    const reason = page.getByLabel('Mengapa baru dicatat sekarang');
    await reason.waitFor();
    await page.getByLabel('Cara memeriksa identitas').fill('KTP dicocokkan');
    await reason.fill('Surat baru dibuka hari ini');
    await shot(page, '64-owner-request-backdated');
    await page.getByRole('button', { name: 'Catat permintaan', exact: true }).click();
    await page.getByText(/Permintaan #\d+ tercatat/).waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the audit log loads more entries on request', async () => {
    const { context, page, watch } = await openAs(j, OWNER);
    await nav(page, /Log audit/);
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const rows = () => table.locator('tbody tr').count();
    await expect.poll(rows).toBeGreaterThan(0);
    const first = await rows();
    const more = page.getByRole('button', { name: 'Muat lebih banyak' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(rows).toBeGreaterThan(first);
    await shot(page, '65-owner-audit-more');
    // Logging in from the lock screen leaves no refused call in the log (no activity ping while locked).
    expect(await table.innerText()).not.toMatch(/belum masuk/);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('backup problems say what they are; the restore form shows what it undoes and re-applies', async () => {
    const { t } = j;
    const { context, page, watch } = await openAs(j, OWNER);
    await nav(page, /Cadangan/);
    // A file that is gone.
    t.dialogs.nextBackup = join(usb.dir, 'hilang.brankas');
    await page.getByRole('button', { name: 'Periksa berkas cadangan…' }).click();
    await page.getByText(/hilang\.brankas tidak ditemukan lagi/).waitFor();
    await shot(page, '66-owner-backup-missing');
    // A damaged start of the file, with the right code in the restore form.
    const bytes = Buffer.from(readFileSync(backup));
    bytes[3] = bytes[3]! ^ 0x01;
    const damaged = join(usb.dir, 'rusak.brankas');
    writeFileSync(damaged, bytes);
    await page.getByRole('button', { name: 'Pulihkan dari cadangan…' }).click();
    await page.getByRole('heading', { name: 'Pulihkan dari cadangan' }).waitFor();
    await page.getByLabel('Kode pemulihan').fill(code);
    await page.getByLabel('PIN baru', { exact: true }).fill('481516');
    await page.getByLabel('Ulangi PIN baru').fill('481516');
    t.dialogs.nextBackup = damaged;
    await page.getByRole('button', { name: 'Pilih dan periksa berkas…' }).click();
    await page.getByText(/Kode pemulihan benar, tetapi awal berkas rusak\.brankas/).waitFor();
    await shot(page, '67-owner-restore-salt-damaged');
    // The real backup: what the restore takes back and what it applies again.
    t.dialogs.nextBackup = backup;
    await page.getByRole('button', { name: 'Pilih dan periksa berkas…' }).click();
    await page
      .getByText('Yang hilang bila cadangan ini dipulihkan (dicatat setelah cadangan, tidak dibawa):')
      .waitFor();
    await page.getByText(/Pelanggan yang ditambahkan: 1/).waitFor();
    await page.getByText(/Penarikan persetujuan: 1/).waitFor();
    await page.getByText(/Permintaan pelanggan dan jawabannya: \d+/).waitFor();
    await shot(page, '68-owner-restore-preview');
    expect(readdirSync(usb.dir).length).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('a cashier whose briefing is due sees only the briefing', async () => {
    const { context, page } = await openAs(j, { name: /Andi/, pin: CASHIER_PIN });
    await page.getByLabel('PIN sekarang').fill(CASHIER_PIN);
    await page.getByLabel('PIN baru', { exact: true }).fill('582914');
    await page.getByLabel('Ulangi PIN baru').fill('582914');
    await page.getByRole('button', { name: 'Ganti PIN' }).click();
    await page.getByTestId('briefing-rules').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    await shot(page, '72-cashier-briefing-gate');
    // She can step away (Kunci, by keyboard); at the next login the briefing is still first.
    await page.getByRole('button', { name: 'Kunci', exact: true }).focus();
    await page.keyboard.press('Enter');
    await loginAs(page, /Andi/, '582914');
    await page.getByTestId('briefing-rules').waitFor();
    await passBriefing(page);
    await context.close();
  });

  it('a backup from before a key rotation, with the retired code: refused until the owner ticks the choice', async () => {
    const { t } = j;
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const incident = await t.ok('incident:create', { kind: 'lost_backup', description: 'Flashdisk hilang' });
    await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    const fresh = await t.ok('setup:recoveryCode', {});
    const groups = fresh.recoveryCode.replace(/-/g, '');
    await t.ok('setup:confirmRecovery', {
      answers: fresh.confirmGroups.map((g) => ({ group: g, value: groups.slice((g - 1) * 4, g * 4) })),
    });
    await t.ok('auth:lock', {});
    const { context, page, watch } = await openAs(j, OWNER);
    await nav(page, /Cadangan/);
    await page.getByRole('button', { name: 'Pulihkan dari cadangan…' }).click();
    await page.getByLabel('Kode pemulihan').fill(code);
    await page.getByLabel('PIN baru', { exact: true }).fill('481516');
    await page.getByLabel('Ulangi PIN baru').fill('481516');
    t.dialogs.nextBackup = backup;
    await page.getByRole('button', { name: 'Pilih dan periksa berkas…' }).click();
    await page.getByRole('button', { name: 'Pulihkan sekarang' }).click();
    const choice = page.getByLabel(/Pulihkan dan buat kode baru/);
    await choice.waitFor();
    await choice.focus();
    await page.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    await shot(page, '68b-owner-restore-retired-code');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('a clock ahead holds the purge back; the health screen says so; the owner confirms the clock', async () => {
    const { t } = j;
    t.clock.setWall(t.clock.now() + 40 * DAY);
    const { context, page, watch } = await openAs(j, OWNER);
    await nav(page, /Penghapusan/);
    await page.getByRole('heading', { name: 'Penghapusan data' }).waitFor();
    await page.getByRole('button', { name: 'Jalankan penghapusan sekarang' }).click();
    await page.getByText(/Jam komputer lebih maju dari waktu yang benar-benar dilalui Brankas/).waitFor();
    const confirm = page.getByRole('button', { name: 'Tanggal dan jam sekarang sudah benar' });
    await confirm.waitFor();
    await shot(page, '69-owner-purge-held-back');
    await nav(page, /Privasi/);
    await expect
      .poll(() => page.getByTestId('health').innerText())
      .toMatch(/Jam komputer \d+ hari lebih maju/);
    await shot(page, '70-owner-health-clock-ahead');
    await nav(page, /Penghapusan/);
    await page.getByRole('button', { name: 'Jalankan penghapusan sekarang' }).click();
    // The page's buttons wait while the purge runs: Enter on a busy button does nothing.
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Dicatat\. Jalankan penghapusan lagi/).waitFor();
    await shot(page, '71-owner-clock-confirmed');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("the owner's screen says leftovers stay when the restored vault fails its check", async () => {
    const { t } = j;
    // A log entry changed offline: the check after unlock fails, the leftovers stay.
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    t.core.vault.requireDb().prepare("UPDATE audit_log SET action = 'customers.export' WHERE id = 3").run();
    await t.ok('auth:lock', {});
    writeFileSync(join(t.dir, `keyslots.json.before-restore-${t.clock.now() - 3_600_000}`), '{}');
    const context = await shopContext(j.browser, { width: 1280, height: 800 }, t.clock);
    // Records whether the customer list ever says "no customers yet" while it loads: right after
    // a restore that reads as if the shop's data were gone.
    await context.addInitScript({
      content: `new MutationObserver(() => {
        if (document.body && document.body.innerText.includes('Belum ada pelanggan')) window.sawEmpty = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });`,
    });
    const page = await context.newPage();
    await page.goto(j.bridge.url);
    await loginAs(page, OWNER.name, OWNER.pin);
    await page.getByText(/brankas yang dipulihkan tidak lolos pemeriksaan/).waitFor();
    await expect.poll(() => page.getByTestId('customer-count').innerText()).toBe('102 pelanggan');
    expect(await page.evaluate('window.sawEmpty === true')).toBe(false);
    await shot(page, '73-owner-leftovers-check-failed');
    await context.close();
  });

  it('in English the same screens are English: the lock-screen banner and the restore preview', async () => {
    const { t } = j;
    const context = await shopContext(j.browser, { width: 1280, height: 800 }, t.clock);
    const page = await context.newPage();
    await page.goto(j.bridge.url);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByText(/The data from before the restore of .* is still in the data folder/).waitFor();
    await shot(page, '74-lock-restore-leftovers-en');
    await page.getByRole('button', { name: /Bu Sari/ }).click();
    await page.locator('.pin-input').fill(OWNER_PIN);
    await page.keyboard.press('Enter');
    await nav(page, /Backups/);
    await page.getByRole('button', { name: /Restore from a backup/ }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByLabel('New PIN', { exact: true }).fill('481516');
    await page.getByLabel('Repeat the new PIN').fill('481516');
    t.dialogs.nextBackup = backup;
    await page.getByRole('button', { name: /Choose and verify/ }).click();
    await page
      .getByText('What is lost if this backup is restored (recorded after the backup, not carried):')
      .waitFor();
    await shot(page, '75-owner-restore-preview-en');
    await context.close();
  });
});
