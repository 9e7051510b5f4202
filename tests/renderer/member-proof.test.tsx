import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomersPage } from '../../src/renderer/features/customers/CustomersPage';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useJoin } from '../../src/renderer/features/join/join.store';
import { LoyaltySettings } from '../../src/renderer/features/loyalty/LoyaltySettings';
import { useLoyalty } from '../../src/renderer/features/loyalty/loyalty.store';
import type { LoyaltyJoinProof } from '../../src/shared/domain';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

/**
 * The screens say what main enforces: while members join only by their own WhatsApp, the member
 * purpose is not a box the cashier ticks or a button that records it, but the way to that join.
 */
const core = useShopCore();
let t: TestCore;
let siti: { id: number };
let memberPurpose = 0;

async function programme(joinProof?: LoyaltyJoinProof) {
  const p = await t.ok('loyalty:save', {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: null,
    ...(joinProof ? { joinProof } : {}),
    rewards: [],
  });
  memberPurpose = p.purposeId!;
}

beforeEach(async () => {
  t = core();
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
  siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
  useCustomers.getState().reset();
  useJoin.getState().clear();
  useJoin.getState().takeOffer();
  useLoyalty.setState({ programme: null, standing: null });
});

const memberRow = () => screen.findByTestId(`consent-${memberPurpose}`);

describe('the member purpose while joining is by WhatsApp only', () => {
  it('the consent panel says so and offers the join instead of recording it; the join panel has it ticked', async () => {
    await programme();
    await useCustomers.getState().open(siti.id);
    render(<CustomersPage />);
    const user = userEvent.setup();
    const row = await memberRow();
    await within(row).findByText('Hanya lewat WhatsApp dari ponsel pelanggan');
    expect(within(row).queryByRole('button', { name: 'Catat persetujuan' })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Gabung lewat WhatsApp' }));
    const join = screen.getByRole('heading', { name: 'Gabung lewat WhatsApp' }).closest('section')!;
    await waitFor(() =>
      expect(within(join).getByRole<HTMLInputElement>('checkbox', { name: 'Program member' }).checked).toBe(
        true,
      ),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(within(join).getByRole('button', { name: 'Buat kode QR' })),
    );
    // Other purposes are still recorded at the counter.
    expect(
      within(screen.getByTestId('consent-2')).getByRole('button', { name: 'Catat persetujuan' }),
    ).toBeTruthy();
  });

  it("the new customer's form shows the member box as WhatsApp only, and saving then joining opens the join with it ticked", async () => {
    await programme();
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Pelanggan baru/ }));
    const only = await screen.findByTestId('member-whatsapp-only');
    const box = within(only).getByRole<HTMLInputElement>('checkbox', { name: 'Program member' });
    expect(box.disabled).toBe(true);
    expect(within(only).getByText('Hanya lewat WhatsApp dari ponsel pelanggan')).toBeTruthy();
    await user.type(screen.getByLabelText('Nama'), 'Budi Santoso');
    await user.type(screen.getByLabelText('Nomor HP'), '0812-1111-2222');
    await user.click(within(only).getByRole('button', { name: 'Simpan, lalu Gabung lewat WhatsApp' }));
    await screen.findByRole('heading', { name: 'Budi Santoso' });
    const join = screen.getByRole('heading', { name: 'Gabung lewat WhatsApp' }).closest('section')!;
    await waitFor(() =>
      expect(within(join).getByRole<HTMLInputElement>('checkbox', { name: 'Program member' }).checked).toBe(
        true,
      ),
    );
    // Saved without the member consent (main would have refused it).
    const budi = useCustomers.getState().panel;
    expect(budi.kind === 'view' && budi.customer.consents).toEqual([]);
  });

  it('with counter consent allowed, the member purpose is recorded at the counter as before', async () => {
    await programme('whatsapp_or_counter');
    await useCustomers.getState().open(siti.id);
    render(<CustomersPage />);
    const user = userEvent.setup();
    const row = await memberRow();
    await user.click(await within(row).findByRole('button', { name: 'Catat persetujuan' }));
    await within(row).findByRole('button', { name: 'Tarik persetujuan' });
    expect(within(row).queryByText('Hanya lewat WhatsApp dari ponsel pelanggan')).toBeNull();
  });
});

describe('Settings → Program member', () => {
  it('the owner chooses how joining is proven; WhatsApp only is chosen for a new programme, and the choice is saved', async () => {
    render(<LoyaltySettings />);
    const user = userEvent.setup();
    const only = await screen.findByRole<HTMLInputElement>('radio', {
      name: /Hanya lewat WhatsApp dari ponsel pelanggan/,
    });
    expect(only.checked).toBe(true);
    await user.click(screen.getByLabelText('Nyalakan program member'));
    await user.click(
      screen.getByRole('radio', { name: /WhatsApp, atau persetujuan lisan\/kertas yang dicatat kasir/ }),
    );
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText(/Program member disimpan/);
    expect((await t.ok('loyalty:get', {})).joinProof).toBe('whatsapp_or_counter');
  });
});
