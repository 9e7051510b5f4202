import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { acknowledge } from '../../src/main/services/briefing';
import { App } from '../../src/renderer/App';
import { useBackups } from '../../src/renderer/features/backups/backups.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { connect } from './connect';

const DUE = /^Cadangan terakhir sudah lebih dari 7 hari lalu/;

let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
  useSession.setState({ status: null, lockReason: null, page: 'customers' });
  useBackups.setState({ status: null, progress: null });
});

async function ownerAtWork() {
  t = makeCore();
  const { recoveryCode, ownerId } = await setupShop(t);
  acknowledge(t.core.vault.requireDb(), ownerId, t.clock.now());
  const usb = tempDir('brankas-usb-');
  others.push(usb);
  t.dialogs.nextFolder = usb.dir;
  connect(t);
  render(<App />);
  await screen.findByText(DUE);
  return { recoveryCode, user: userEvent.setup() };
}

describe('the "back up" banner follows the backup', () => {
  it('is gone on every page once the owner\'s backup is written and verified; automatic backup is ticked after "Aktifkan"', async () => {
    const { recoveryCode, user } = await ownerAtWork();
    await user.click(screen.getByRole('button', { name: 'Cadangan' }));
    await user.type(await screen.findByLabelText('Kode pemulihan'), recoveryCode);
    await user.click(screen.getByRole('button', { name: 'Aktifkan' }));
    const auto = await screen.findByRole('checkbox', { name: /Cadangkan otomatis setiap hari/ });
    expect((auto as HTMLInputElement).checked).toBe(true);
    // Until the first backup picks the folder, the page says the daily one waits for it.
    expect(screen.getByText(/^Cadangan otomatis mulai setelah cadangan pertama/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cadangkan sekarang' }));
    await screen.findByText(/selesai dan sudah diperiksa/);
    expect(screen.queryByText(/^Cadangan otomatis mulai setelah cadangan pertama/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Privasi' }));
    await screen.findByRole('heading', { name: 'Privasi' });
    expect(screen.queryByText(DUE)).toBeNull();
  });

  it('an automatic backup that ends while the owner works elsewhere takes the banner away', async () => {
    const { recoveryCode } = await ownerAtWork();
    await t.ok('backups:enable', { code: recoveryCode });
    // As the daily timer would, with nobody on the backups page.
    await t.core.autoBackup('daily');
    await expect.poll(() => screen.queryByText(DUE)).toBeNull();
  });
});
