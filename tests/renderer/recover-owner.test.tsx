import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RecoverOwner } from '../../src/renderer/features/lock/RecoverOwner';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { LockableKeyring } from '../support/lockable-keyring';
import { connect } from './connect';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('RecoverOwner with the system keystore locked (real core)', () => {
  it('says to unlock and retry; re-sealing unprotected only after the owner ticks the warned choice', async () => {
    const keyring = new LockableKeyring();
    t = makeCore({ keyStore: keyring });
    const { recoveryCode } = await setupShop(t);
    await t.ok('auth:lock', {});
    keyring.locked = true;
    connect(t);
    render(<RecoverOwner onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Kode pemulihan'), recoveryCode);
    await user.type(screen.getByLabelText('PIN baru'), '481516');
    await user.type(screen.getByLabelText('Ulangi PIN baru'), '481516');
    await user.click(screen.getByRole('button', { name: 'Pulihkan' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/terkunci atau tidak tersedia/);
    expect(screen.getByText(/coba lagi \(disarankan\)/)).toBeTruthy();
    const choice = screen.getByRole('checkbox', { name: /Lanjutkan tanpa penyimpanan kunci sistem/ });
    expect((choice as HTMLInputElement).checked).toBe(false);
    expect(t.core.vault.isOpen()).toBe(false);

    await user.click(choice);
    await user.click(screen.getByRole('button', { name: 'Pulihkan' }));
    await expect.poll(() => t.core.vault.isOpen()).toBe(true);
    expect((await t.ok('app:status', {})).keystoreProtected).toBe(false);
  });
});
