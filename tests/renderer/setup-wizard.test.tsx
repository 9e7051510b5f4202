import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { useSession } from '../../src/renderer/features/session/session.store';
import { makeCore, type TestCore } from '../support/fixtures';
import { connect } from './connect';

let t: TestCore;
afterEach(() => {
  t?.cleanup();
  useSession.setState({ status: null, lockReason: null, page: 'customers' });
});

describe('SetupWizard (against a real core)', () => {
  it('validates each step, creates the vault, and only finishes when the code is typed back', async () => {
    t = makeCore();
    connect(t);
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: 'Selamat datang di Brankas' });

    await user.click(screen.getByRole('button', { name: 'Lanjut' }));
    expect(screen.getAllByText('Wajib diisi')).toHaveLength(2);
    await user.type(screen.getByLabelText('Nama toko'), 'Warung Bu Tini');
    await user.type(screen.getByLabelText('Nama pemilik'), 'Tini');
    await user.click(screen.getByRole('button', { name: 'Lanjut' }));

    await user.type(screen.getByLabelText('PIN atau kata sandi'), '111111');
    await user.type(screen.getByLabelText('Ulangi PIN'), '111111');
    await user.click(screen.getByRole('button', { name: 'Buat brankas' }));
    expect(
      screen.getByText('PIN tidak boleh berupa angka atau pola yang berulang (misalnya 111111).'),
    ).toBeTruthy();
    expect(t.core.auth.isSetup()).toBe(false);

    await user.clear(screen.getByLabelText('PIN atau kata sandi'));
    await user.type(screen.getByLabelText('PIN atau kata sandi'), '271828');
    await user.clear(screen.getByLabelText('Ulangi PIN'));
    await user.type(screen.getByLabelText('Ulangi PIN'), '271829');
    await user.click(screen.getByRole('button', { name: 'Buat brankas' }));
    expect(screen.getByText('Kedua PIN tidak sama.')).toBeTruthy();
    expect(t.core.auth.isSetup()).toBe(false);

    await user.clear(screen.getByLabelText('Ulangi PIN'));
    await user.type(screen.getByLabelText('Ulangi PIN'), '271828');
    await user.click(screen.getByRole('button', { name: 'Buat brankas' }));
    const code = await screen.findByTestId('recovery-code');
    expect(t.core.auth.isSetup()).toBe(true);
    const groups = [...code.querySelectorAll('span')].map((s) => s.lastChild?.textContent ?? '');
    expect(groups.join('')).toMatch(/^[0-9A-Z]{24}$/);

    const next = screen.getByRole('button', { name: 'Lanjut' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await user.click(screen.getByLabelText(/Saya sudah mencatat/));
    await user.click(next);

    const inputs = [...document.querySelectorAll<HTMLInputElement>('input[name^="group"]')];
    expect(inputs).toHaveLength(2);
    for (const input of inputs) await user.type(input, 'XXXX');
    await user.click(screen.getByRole('button', { name: 'Konfirmasi' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Kode pemulihan salah/);
    expect((await t.ok('app:status', {})).recoveryPending).toBe(true);

    for (const input of inputs) {
      const g = Number(input.name.slice(5));
      await user.clear(input);
      await user.type(input, groups[g - 1]!);
    }
    await user.click(screen.getByRole('button', { name: 'Konfirmasi' }));
    // The owner's first login goes on to the staff briefing, before the shop's pages.
    await screen.findByRole('heading', { name: 'Arahan data toko' });
    await waitFor(() => expect(useSession.getState().status?.recoveryPending).toBe(false));
  });
});
