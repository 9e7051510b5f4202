import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { OWNER_PIN, setupShop, tempDir } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

let code = '';
const usb = tempDir('brankas-usb-');
afterAll(() => usb.cleanup());

const j = useJourney(async (t) => {
  code = (await setupShop(t)).recoveryCode;
  await t.ok('customers:create', { name: 'Wulan Sari', phone: '0812-7000-1234' });
  t.dialogs.nextFolder = usb.dir;
});

describe('e2e in Chromium: backups', () => {
  it('the owner is reminded, turns backups on with the recovery code, backs up and verifies the file', async () => {
    const { t } = j;
    const { context, page, watch } = await openAs(j, { name: /Bu Sari/, pin: OWNER_PIN });
    await page.getByText(/Cadangan terakhir sudah lebih dari 7 hari/).waitFor();
    await page.getByRole('button', { name: 'Buka Cadangan' }).click();
    await page.getByRole('heading', { name: 'Aktifkan cadangan' }).waitFor();
    await page.getByLabel('Kode pemulihan').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Aktifkan' }).click();
    await page.getByText('Cadangan aktif.').waitFor();
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await page.getByText(/selesai dan sudah diperiksa \(1 pelanggan\)/).waitFor();
    expect(readdirSync(usb.dir).filter((f) => f.endsWith('.brankas'))).toHaveLength(1);
    await expect.poll(() => page.getByText(/Cadangan terakhir sudah lebih dari 7 hari/).count()).toBe(0);
    await shot(page, '30-owner-backup-done');
    await page.setViewportSize({ width: 1024, height: 640 });
    await shot(page, '30-owner-backup-done-1024');

    t.dialogs.nextBackup = `${usb.dir}/${readdirSync(usb.dir)[0]}`;
    await page.getByRole('button', { name: 'Periksa berkas cadangan…' }).click();
    await page.getByText(/utuh: 1 pelanggan/).waitFor();
    await page.getByRole('button', { name: 'Pulihkan dari cadangan…' }).click();
    await page.getByRole('heading', { name: 'Pulihkan dari cadangan' }).waitFor();
    await page.getByLabel('Kode pemulihan').fill(code);
    await page.getByLabel('PIN baru', { exact: true }).fill('481516');
    await page.getByLabel('Ulangi PIN baru').fill('481516');
    await page.getByRole('button', { name: 'Pilih dan periksa berkas…' }).click();
    // What the file holds is shown before anything is replaced.
    await page.getByText(/Toko Maju, dibuat .*1 pelanggan, 0 pembelian/).waitFor();
    await shot(page, '31-owner-restore-preview-1024');
    await page.getByRole('button', { name: 'Pulihkan sekarang' }).click();
    await page.getByRole('heading', { name: 'Pelanggan' }).waitFor();
    await page.getByText('Wulan Sari').waitFor();
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
