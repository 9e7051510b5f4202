import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RestoreForm } from '../../src/renderer/features/backups/RestoreForm';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { connect } from './connect';

let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

describe('RestoreForm (real core)', () => {
  it('before the owner confirms, shows what the restore undoes and which decisions it applies again', async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    const siti = await t.ok('customers:create', {
      name: 'Siti Aminah',
      phone: '0812-3456-7890',
      consents: [{ purposeId: 2, method: 'verbal' }],
    });
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: 2, method: 'verbal' });
    await t.ok('customers:create', { name: 'Dodi' });
    t.dialogs.nextBackup = join(usb.dir, file);

    connect(t);
    render(<RestoreForm fresh={false} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Kode pemulihan'), recoveryCode);
    await user.click(screen.getByRole('button', { name: 'Pilih dan periksa berkas…' }));
    await screen.findByText('Yang dibatalkan pemulihan ini (dibuat setelah cadangan):');
    expect(screen.getByText('Pelanggan yang ditambahkan: 1')).toBeTruthy();
    expect(screen.getByText('Pembatasan pemakaian data: 1')).toBeTruthy();
    expect(screen.getByText('Penarikan persetujuan: 1')).toBeTruthy();
    expect(screen.getByText(/^Catatan audit yang dibawa: \d+$/)).toBeTruthy();
    // Counts only: the preview names no one.
    expect(document.body.textContent).not.toMatch(/Siti|Dodi/);

    await user.type(screen.getByLabelText('PIN baru'), '481516');
    await user.type(screen.getByLabelText('Ulangi PIN baru'), '481516');
    await user.click(screen.getByRole('button', { name: 'Pulihkan sekarang' }));
    await expect
      .poll(async () => (await t.call('customers:get', { id: siti.id })).ok, { timeout: 10_000 })
      .toBe(true);
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
  });
});
