import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MarketingPage } from '../../src/renderer/features/marketing/MarketingPage';
import { useShopCore } from './connect';

const WA = 2;

describe('MarketingPage: sent marks and "send & next" (real core)', () => {
  const core = useShopCore();

  it('goes down the list one chat at a time, marks who was sent, and filters the rest', async () => {
    const t = core();
    for (const [name, phone] of [
      ['Ani', '0812-1111-0001'],
      ['Budi', '0812-1111-0002'],
      ['Cici', '0812-1111-0003'],
    ] as const)
      await t.ok('customers:create', { name, phone, consents: [{ purposeId: WA, method: 'verbal' }] });
    await t.ok('customers:create', { name: 'Dodi', phone: '0812-1111-0004' });
    const user = userEvent.setup();
    render(<MarketingPage />);
    await user.type(screen.getByLabelText('Pesan (untuk tautan WhatsApp)'), 'Halo {{nama}}, promo!');
    await screen.findByText('3 penerima · 3 belum dikirim pesan ini');

    // One button in one place: each press opens the next customer's chat (the owner sends there).
    await user.click(await screen.findByRole('button', { name: 'Kirim & berikutnya: Ani' }));
    await user.click(await screen.findByRole('button', { name: 'Kirim & berikutnya: Budi' }));
    await screen.findByRole('button', { name: 'Kirim & berikutnya: Cici' });
    expect(t.handoff.opened.map((u) => new URL(u).pathname)).toEqual(['/6281211110001', '/6281211110002']);
    await screen.findByText('3 penerima · 1 belum dikirim pesan ini');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByTestId('sent-status').textContent)).toEqual([
      expect.stringMatching(/^Terkirim /),
      expect.stringMatching(/^Terkirim /),
      'Belum dikirim',
    ]);

    // "Belum dikirim": only Cici is left.
    await user.click(screen.getByLabelText('Hanya yang belum dikirim'));
    await expect.poll(() => screen.getAllByRole('row').length).toBe(2);
    expect(screen.getByRole('cell', { name: 'Cici' })).toBeTruthy();
    // Copied and sent by hand: the owner marks it; then everyone has it.
    await user.click(screen.getByRole('button', { name: 'Tandai terkirim: Cici' }));
    await screen.findByText('Pesan ini sudah dikirim ke semua penerima.');
    expect(t.handoff.opened).toHaveLength(2);
    // Dodi never consented: never listed, never opened.
    expect(screen.queryByText('Dodi')).toBeNull();
  });
});
