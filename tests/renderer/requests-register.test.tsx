import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PrivacyPage } from '../../src/renderer/features/privacy/PrivacyPage';
import { useSession } from '../../src/renderer/features/session/session.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

describe('the requests register on screen', () => {
  it('the owner picks a flood of open requests and refuses them at once with one reason', async () => {
    const make = () =>
      t.ok('requests:create', {
        type: 'erasure',
        customerId: null,
        requester: 'Pak Joko',
        channel: 'in_person',
        verification: 'KTP dicocokkan',
      });
    for (let i = 0; i < 4; i++) await make();
    await useSession.getState().refresh();
    render(<PrivacyPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Permintaan' }));
    await screen.findByTestId('dismiss-bar');
    // One left out of the selection stays open.
    await user.click(screen.getByRole('button', { name: 'Pilih semua yang tampil' }));
    await user.click(screen.getByRole('checkbox', { name: 'Pilih permintaan #4' }));
    expect(screen.getByText('3 dipilih')).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Tolak yang dipilih' });
    await user.type(
      screen.getByLabelText(/Alasan menolak semuanya/),
      'Dicatat berulang, bukan dari pelanggan',
    );
    await user.click(submit);
    await screen.findByText('3 permintaan ditolak.');
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1 });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
  });
});
