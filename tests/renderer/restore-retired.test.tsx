import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { RestoreForm } from '../../src/renderer/features/backups/RestoreForm';
import { makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';
import { connect } from './connect';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('RestoreForm with a code a key rotation retired (real core)', () => {
  it('says the code is retired and restores only after the owner ticks the choice; then a new code is due', async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    await t.ok('backups:enable', { code: recoveryCode });
    // Beside the data folder, not in it (a backup folder inside it is refused).
    const usb = `${t.dir}-usb`;
    mkdirSync(usb);
    onTestFinished(() => rmSync(usb, { recursive: true, force: true }));
    t.dialogs.nextFolder = usb;
    const backup = join(usb, (await t.ok('backups:create', { chooseFolder: true })).file);
    const incident = await t.ok('incident:create', { kind: 'lost_backup', description: 'Flashdisk hilang' });
    const rotated = await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    const code = rotated.recoveryCode.replace(/-/g, '');
    const confirm = await t.ok('setup:recoveryCode', {});
    await t.ok('setup:confirmRecovery', {
      answers: confirm.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
    });
    await t.ok('customers:create', { name: 'Dodi' });
    t.dialogs.nextBackup = backup;

    connect(t);
    render(<RestoreForm fresh={false} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Kode pemulihan'), recoveryCode);
    await user.type(screen.getByLabelText('PIN baru'), '481516');
    await user.type(screen.getByLabelText('Ulangi PIN baru'), '481516');
    await user.click(screen.getByRole('button', { name: 'Pilih dan periksa berkas…' }));
    await user.click(await screen.findByRole('button', { name: 'Pulihkan sekarang' }));
    // No second file dialog: the restore uses the file just verified.
    t.dialogs.nextBackup = null;

    expect((await screen.findByRole('alert')).textContent).toMatch(/sudah dihentikan saat kunci diganti/);
    const choice = screen.getByRole('checkbox', { name: /Pulihkan dan buat kode baru/ });
    expect((choice as HTMLInputElement).checked).toBe(false);
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);

    await user.click(choice);
    await user.click(screen.getByRole('button', { name: 'Pulihkan sekarang' }));
    await expect.poll(async () => (await t.ok('app:status', {})).recoveryPending).toBe(true);
    expect(t.core.vault.requireDb().prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });
});
