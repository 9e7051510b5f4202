import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomersPage } from '../../src/renderer/features/customers/CustomersPage';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useJoin } from '../../src/renderer/features/join/join.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { CASHIER_PIN, type TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
let siti: { id: number };
beforeEach(async () => {
  t = core();
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
  siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
  useCustomers.getState().reset();
  useJoin.getState().clear();
});

async function asCashier() {
  const cashier = (await t.ok('users:list', {})).find((u) => u.role === 'cashier')!;
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashier.id, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '482913', newPinConfirm: '482913' });
  await useSession.getState().refresh();
}

describe('joining by WhatsApp at the counter', () => {
  it('a member card scanned into the counter search (the scanner types the code and Enter) opens the member', async () => {
    const programme = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'points',
      rupiahPer: 10_000,
      expiryMonths: null,
      legalBasis: 'consent',
      // Siti joins at the counter here: the card's scan is what is tested.
      joinProof: 'whatsapp_or_counter',
      rewards: [],
    });
    await t.ok('consent:grant', { customerId: siti.id, purposeId: programme.purposeId!, method: 'verbal' });
    await t.ok('members:card', { customerId: siti.id });
    const code = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(t.printer.printed.at(-1)!.html)![1]!;
    await asCashier();
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox'), `${code}{Enter}`);
    await screen.findByRole('heading', { name: 'Siti Aminah' });
  });

  it('the cashier shows the QR, then types the code and the sender’s number from the shop’s phone', async () => {
    await asCashier();
    await useCustomers.getState().open(siti.id);
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Promosi via WhatsApp' }));
    await user.click(screen.getByRole('button', { name: 'Buat kode QR' }));
    const qr = await screen.findByRole('img', { name: /Kode QR yang membuka WhatsApp/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    // What the customer's phone sends: the code is the message's last word.
    const text = new URL(useJoin.getState().started!.link).searchParams.get('text')!;
    const code = text.split(' ').at(-1)!;
    await user.type(screen.getByLabelText('Kode dari pesan'), code);
    await user.type(screen.getByLabelText(/Nomor pengirim/), '+62 812-3456-7890{Enter}');
    await screen.findByText(/Persetujuan tercatat lewat WhatsApp pelanggan/);
    await screen.findByText(/Dikonfirmasi pemiliknya lewat WhatsApp/);
    // The consent history shows how it was given and the message's code (to find it in WhatsApp).
    await user.click(screen.getByRole('button', { name: 'Riwayat persetujuan' }));
    await screen.findByText(new RegExp(`WhatsApp pelanggan \\(kode\\) · Andi · kode pesan ${code}`));
    await waitFor(() => {
      const panel = useCustomers.getState().panel;
      expect(panel.kind === 'view' && panel.customer.consents.map((c) => [c.purposeId, c.method])).toEqual([
        [2, 'whatsapp'],
      ]);
    });
    // What she has agreed to is not asked again; the other purposes still are.
    const join = screen.getByRole('heading', { name: 'Gabung lewat WhatsApp' }).closest('section')!;
    expect(within(join).queryByRole('checkbox', { name: 'Promosi via WhatsApp' })).toBeNull();
    expect(within(join).getByRole('checkbox', { name: 'Promosi via SMS/email' })).toBeTruthy();
  });

  it('a wrong code says so and how many tries are left; nothing is recorded', async () => {
    await asCashier();
    await useCustomers.getState().open(siti.id);
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Promosi via WhatsApp' }));
    await user.click(screen.getByRole('button', { name: 'Buat kode QR' }));
    const text = new URL(useJoin.getState().started!.link).searchParams.get('text')!;
    const code = text.split(' ').at(-1)!;
    const wrong = code[0] === '2' ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    await user.type(await screen.findByLabelText('Kode dari pesan'), wrong);
    await user.type(screen.getByLabelText(/Nomor pengirim/), '0812-3456-7890{Enter}');
    await screen.findByText(/Kode tidak cocok.*Sisa 4 percobaan/);
    expect((await t.ok('consent:history', { customerId: siti.id })).length).toBe(0);
  });
});
