import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RestoreForm } from '../../src/renderer/features/backups/RestoreForm';
import { i18next } from '../../src/renderer/i18n';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { memberShopWithBackup, pointsTakenBackFromALostSale } from '../support/member-backup';
import { connect } from './connect';

let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(async () => {
  await i18next.changeLanguage('id');
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

/** The owner on the restore screen: types the code, then picks and verifies this file. */
async function verifyOnScreen(backup: string, recoveryCode: string) {
  t.dialogs.nextBackup = backup;
  connect(t);
  render(<RestoreForm fresh={false} onCancel={() => undefined} />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Kode pemulihan'), recoveryCode);
  await user.click(screen.getByRole('button', { name: 'Pilih dan periksa berkas…' }));
  return user;
}

describe('RestoreForm (real core)', () => {
  it('before the owner confirms, shows what the restore undoes and which decisions it applies again', async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    const siti = await t.ok('customers:create', {
      name: 'Siti Aminah',
      phone: '0812-3456-7890',
      consents: [{ purposeId: 2, method: 'verbal' }],
    });
    const sale = await t.ok('purchases:create', { customerId: siti.id, amount: 15_000, items: ['Teh'] });
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: 2, method: 'verbal' });
    await t.ok('customers:create', { name: 'Dodi', consents: [{ purposeId: 2, method: 'verbal' }] });
    await t.ok('purchases:void', { id: sale.id, reason: 'Salah catat' });
    const { noticeVersion, ...settings } = await t.ok('settings:get', {});
    expect(noticeVersion).toBeGreaterThan(0);
    await t.ok('settings:update', { ...settings, shopAddress: 'Jl. Kenanga 3, Denpasar' });
    const user = await verifyOnScreen(join(usb.dir, file), recoveryCode);
    await screen.findByText(
      'Yang hilang bila cadangan ini dipulihkan (dicatat setelah cadangan, tidak dibawa):',
    );
    expect(screen.getByText('Pelanggan yang ditambahkan: 1')).toBeTruthy();
    // What is lost with them, shown before the owner confirms: Dodi's consent and the new address.
    expect(
      screen.getByText('Persetujuan yang diberikan atau ditarik oleh pelanggan yang ditambahkan: 1'),
    ).toBeTruthy();
    expect(screen.getByText('Pengaturan toko yang diubah (kembali seperti di cadangan): 1')).toBeTruthy();
    expect(screen.getByText('Pembatasan pemakaian data: 1')).toBeTruthy();
    expect(screen.getByText('Penarikan persetujuan: 1')).toBeTruthy();
    expect(screen.getByText('Penjualan yang dibatalkan: 1')).toBeTruthy();
    expect(screen.getByText(/^Catatan audit yang dibawa: \d+$/)).toBeTruthy();
    // Counts only: the preview names no one.
    expect(document.body.textContent).not.toMatch(/Siti|Dodi|Kenanga/);

    await user.type(screen.getByLabelText('PIN baru'), '481516');
    await user.type(screen.getByLabelText('Ulangi PIN baru'), '481516');
    await user.click(screen.getByRole('button', { name: 'Pulihkan sekarang' }));
    await expect
      .poll(async () => (await t.call('customers:get', { id: siti.id })).ok, { timeout: 10_000 })
      .toBe(true);
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
  });

  it("shows the owner's point adjustments kept and lost, and the purposes changed since, in both languages", async () => {
    t = makeCore();
    const { siti, backup, recoveryCode } = await memberShopWithBackup(t, others);
    // The restore undoes the sale since the backup: the 15 points taken back are lost, the gift stays.
    await pointsTakenBackFromALostSale(t, siti.id, 'Hadiah ulang tahun');
    const wa = (await t.ok('purposes:list', {})).find((p) => p.id === 2)!;
    await t.ok('purposes:save', { ...wa, active: false });
    await verifyOnScreen(backup, recoveryCode);
    await screen.findByText(
      'Yang hilang bila cadangan ini dipulihkan (dicatat setelah cadangan, tidak dibawa):',
    );
    expect(
      screen.getByText(
        'Penyesuaian poin oleh pemilik yang tidak berlaku lagi (poin dari penjualan yang hilang sudah tidak ada; saldo tidak boleh di bawah nol): 1',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Penyesuaian poin oleh pemilik (dengan alasannya): 1')).toBeTruthy();
    expect(
      screen.getByText('Tujuan pemrosesan yang ditambah, dihentikan, diganti nama atau dasar hukumnya: 1'),
    ).toBeTruthy();
    // Counts only: no reason, no name.
    expect(document.body.textContent).not.toMatch(/Siti|Hadiah|Salah input/);
    await act(() => i18next.changeLanguage('en'));
    expect(
      screen.getByText(
        "The owner's point adjustments that no longer apply (they took back points of sales that are lost; a balance never goes below zero): 1",
      ),
    ).toBeTruthy();
    expect(screen.getByText("The owner's point adjustments (with their reasons): 1")).toBeTruthy();
    expect(screen.getByText('Purposes added, stopped, renamed or given another legal basis: 1')).toBeTruthy();
  });

  it('a backup it cannot compare with says so, instead of showing nothing', async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    // Written by a newer app (a schema this one does not know): it verifies, but is not compared.
    const db = new Database(join(usb.dir, file));
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = '${recoveryCode.replace(/-/g, '')}'`);
    db.pragma('user_version = 990');
    db.close();
    await verifyOnScreen(join(usb.dir, file), recoveryCode);
    await screen.findByText(/^Cadangan ini tidak dapat dibandingkan dengan data sekarang/);
    expect(
      screen.queryByText(
        'Yang hilang bila cadangan ini dipulihkan (dicatat setelah cadangan, tidak dibawa):',
      ),
    ).toBeNull();
  });
});
