import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DashboardPage } from '../../src/renderer/features/dashboard/DashboardPage';
import { fromShopWall } from '../../src/shared/shop-time';
import { useShopCore } from './connect';

const WA = 2;
const wib = (y: number, mo: number, d: number, h = 12) => fromShopWall(y, mo, d, h)!;

describe('DashboardPage: the owner\'s "Pelanggan" view (real core)', () => {
  const core = useShopCore();

  it('shows the figures with their numbers in text, and a birthday list of WhatsApp consenters only', async () => {
    const t = core(); // Sunday 29 November 2026, 10:00 WIB: the week is 23-29 November
    await t.ok('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
    const wa = [{ purposeId: WA, method: 'verbal' as const }];
    const ani = await t.ok('customers:create', {
      name: 'Ani',
      phone: '0812-1111-0001',
      birthday: '1990-11-25',
      consents: wa,
    });
    const budi = await t.ok('customers:create', {
      name: 'Budi',
      phone: '0812-1111-0002',
      birthday: '1988-11-27',
      consents: wa,
    });
    await t.ok('customers:create', { name: 'Cici', phone: '0812-1111-0003', birthday: '1991-11-26' });
    const sale = (customerId: number, at: number) =>
      t.ok('purchases:create', { customerId, at, amount: 20_000, items: ['Kopi'] });
    await sale(ani.id, wib(2026, 10, 10));
    await sale(ani.id, wib(2026, 11, 20));
    await sale(budi.id, wib(2026, 11, 28));

    const user = userEvent.setup();
    render(<DashboardPage />);
    const months = await screen.findByTestId('months-text');
    const lines = within(months)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toHaveLength(6);
    // October: Ani's first; November: Ani came back, Budi is new.
    expect(lines.at(-2)).toMatch(/^Okt 2026 0 kembali, 1 baru$/);
    expect(lines.at(-1)).toMatch(/^Nov 2026 1 kembali, 1 baru$/);
    const tiles = screen.getByRole('list', { name: 'Angka bulan ini' });
    expect(
      within(tiles)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Kembali belanja bulan ini1Bulan lalu: 0',
      'Pelanggan baru bulan ini1Bulan lalu: 1',
      'MemberBelum aktifProgram member belum dibuat',
      'Poin beredarBelum aktifYang masih menjadi utang toko kepada anggota',
      'Hadiah ditukar bulan iniBelum aktifMuncul setelah program member aktif',
    ]);
    expect(within(screen.getByTestId('coverage-text')).getAllByRole('listitem')[0]!.textContent).toBe(
      'Promosi via WhatsApp 2 dari 3 pelanggan (67%)',
    );
    // The charts are drawn (recharts) and hidden from screen readers, which read the text.
    for (const id of ['chart-months', 'chart-coverage']) {
      const svg = screen.getByTestId(id).querySelector('svg');
      expect(svg).not.toBeNull();
      expect(svg!.closest('[aria-hidden="true"]')).not.toBeNull();
    }

    // Birthdays 23-29 November among WhatsApp consenters: Ani (25/11), Budi (27/11); never Cici.
    const list = await screen.findByTestId('dashboard-list');
    await expect
      .poll(() =>
        within(list)
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.textContent?.slice(0, 4)),
      )
      .toEqual(['Ani0', 'Budi']);
    expect(screen.queryByText('Cici')).toBeNull();
    expect(screen.getByRole('button', { name: 'Ulang tahun minggu ini (2)' })).toBeTruthy();

    // Budi withdraws at the counter; the owner's click is refused by main and the list drops him.
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'verbal' });
    await user.click(screen.getByRole('button', { name: 'Buka WhatsApp untuk Budi' }));
    await screen.findByRole('alert');
    await expect.poll(() => screen.queryByRole('cell', { name: 'Budi' })).toBeNull();
    expect(t.handoff.opened).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Buka WhatsApp untuk Ani' }));
    expect(t.handoff.opened.map((u) => new URL(u).pathname)).toEqual(['/6281211110001']);
  });

  it('says stamps, never points, in stamps mode: with the programme on, and after it was turned off', async () => {
    const t = core();
    const stamps = {
      mode: 'stamps' as const,
      rupiahPer: 20_000,
      expiryMonths: null,
      rewards: [{ name: 'Kopi ke-10', cost: 9, discount: 15_000, active: true }],
      // This test is about words, not about how members join: the counter may record consent.
      joinProof: 'whatsapp_or_counter' as const,
    };
    const { purposeId } = await t.ok('loyalty:save', { enabled: true, ...stamps });
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    await t.ok('consent:grant', { customerId: rudi.id, purposeId: purposeId!, method: 'verbal' });
    await t.ok('purchases:create', { customerId: rudi.id, amount: 40_000, items: ['Kopi'] });
    const view = render(<DashboardPage />);
    const tiles = await screen.findByRole('list', { name: 'Angka bulan ini' });
    expect(within(tiles).getAllByRole('listitem')[3]!.textContent).toBe(
      'Stempel beredar1Yang masih menjadi utang toko kepada anggota',
    );
    await screen.findByTestId('list-about');
    expect(document.body.textContent).not.toMatch(/poin/i);
    view.unmount();
    // Turned off, the stamps kept are still owed, and still called stamps.
    await t.ok('loyalty:save', { enabled: false, ...stamps });
    render(<DashboardPage />);
    const off = await screen.findByRole('list', { name: 'Angka bulan ini' });
    expect(within(off).getAllByRole('listitem')[3]!.textContent).toMatch(/^Stempel beredar1/);
    await screen.findByTestId('list-about');
    expect(document.body.textContent).not.toMatch(/poin/i);
  });
});
