import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerDetail } from '../../src/renderer/features/customers/CustomerDetail';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { LoyaltySettings } from '../../src/renderer/features/loyalty/LoyaltySettings';
import { useLoyalty } from '../../src/renderer/features/loyalty/loyalty.store';
import { useProducts } from '../../src/renderer/features/products/products.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { SettingsPage } from '../../src/renderer/features/settings/SettingsPage';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});
afterEach(() => {
  useCustomers.getState().reset();
  useProducts.setState({ products: [] });
  useLoyalty.setState({ programme: null });
  useSession.setState({ status: null });
  useShop.setState({ fields: [], purposes: [], loaded: false });
});

const ledger = (customerId: number) =>
  t.core.vault
    .requireDb()
    .prepare('SELECT kind, points FROM loyalty_ledger WHERE customer_id = ? ORDER BY id')
    .all(customerId);

/** The programme on (1 point per Rp 10.000, "Kopi gratis" for 10 points, Rp 15.000 off). */
async function programmeOn() {
  return t.ok('loyalty:save', {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: null,
    // Members here join at the counter (what the screens show of points is what is tested).
    joinProof: 'whatsapp_or_counter',
    rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
  });
}

/** Rudi, a member (consent to the member purpose), with `points` from the owner if given. */
async function member(points?: number) {
  const { purposeId } = await programmeOn();
  const id = (await t.ok('customers:create', { name: 'Rudi' })).id;
  await t.ok('consent:grant', { customerId: id, purposeId: purposeId!, method: 'verbal' });
  if (points) await t.ok('loyalty:adjust', { customerId: id, points, reason: 'Saldo dari kartu lama' });
  return { id, purposeId: purposeId! };
}

function Viewed() {
  const panel = useCustomers((s) => s.panel);
  return panel.kind === 'view' ? <CustomerDetail customer={panel.customer} onEdit={() => undefined} /> : null;
}

describe('Settings -> Program member (against a real core)', () => {
  it('the owner turns it on in plain words; main makes the member purpose and a new notice version', async () => {
    const before = (await t.ok('docs:current', { kind: 'notice' })).version;
    render(<LoyaltySettings />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Nyalakan program member'));
    const per = screen.getByLabelText('1 poin untuk setiap (Rp)');
    await user.clear(per);
    await user.type(per, '10rb');
    await user.type(screen.getByLabelText('Poin hangus setelah (bulan)'), '12');
    await user.click(screen.getByRole('button', { name: 'Tambah hadiah' }));
    await user.type(screen.getByLabelText('Nama hadiah'), 'Kopi gratis');
    await user.type(screen.getByLabelText('Harga (poin)'), '10');
    await user.type(screen.getByLabelText('Potongan (Rp)'), '15.000');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText(`Program member disimpan. Pemberitahuan privasi versi ${before + 1} berlaku.`);
    // Shown back as rupiah are written at the counter, grouped.
    expect(screen.getByLabelText<HTMLInputElement>('1 poin untuk setiap (Rp)').value).toBe('10.000');
    expect(screen.getByLabelText<HTMLInputElement>('Potongan (Rp)').value).toBe('15.000');
    expect(await t.ok('loyalty:get', {})).toMatchObject({
      enabled: true,
      mode: 'points',
      rupiahPer: 10_000,
      expiryMonths: 12,
      rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
    });
    expect((await t.ok('purposes:list', {})).map((p) => p.name)).toContain('Program member');
  });

  it('turned on in a window already open, the member purpose is offered at once (the same window serves the counter)', async () => {
    await useShop.getState().load();
    expect(useShop.getState().purposes.map((p) => p.name)).not.toContain('Program member');
    render(<LoyaltySettings />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Nyalakan program member'));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText(/Program member disimpan\. Pemberitahuan privasi versi \d+ berlaku\./);
    // The join panel and the consent boxes read the purposes from this store.
    expect(useShop.getState().purposes.map((p) => p.name)).toContain('Program member');
  });

  it('on the Settings page, the notice version "Umum" states follows the save', async () => {
    const before = (await t.ok('docs:current', { kind: 'notice' })).version;
    useSession.setState({ status: await t.ok('app:status', {}) });
    render(<SettingsPage />);
    const user = userEvent.setup();
    const version = await screen.findByTestId('notice-version');
    expect(version.textContent).toContain(`versi ${before} `);
    await user.click(await screen.findByLabelText('Nyalakan program member'));
    const form = screen.getByTestId('loyalty-settings');
    await user.click(within(form).getByRole('button', { name: 'Simpan' }));
    await within(form).findByText(
      `Program member disimpan. Pemberitahuan privasi versi ${before + 1} berlaku.`,
    );
    expect(screen.getByTestId('notice-version').textContent).toContain(`versi ${before + 1} `);
  });

  it('a reward left half-filled is pointed out and nothing is saved', async () => {
    render(<LoyaltySettings />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Nyalakan program member'));
    await user.click(screen.getByRole('button', { name: 'Tambah hadiah' }));
    await user.type(screen.getByLabelText('Nama hadiah'), 'Kopi gratis');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText(/Lengkapi setiap hadiah/);
    expect((await t.ok('loyalty:get', {})).enabled).toBe(false);
  });
});

describe('the sale form and the customer page', () => {
  it("a member: balance, a reward chosen, main's quote shown before saving, then saved with the discount", async () => {
    const { id } = await member(12);
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    const block = await screen.findByTestId('member-block');
    await within(block).findByText('Saldo: 12 poin');
    await user.type(screen.getByLabelText('Jumlah (Rp)'), '45.000');
    await user.selectOptions(
      screen.getByLabelText('Tukar hadiah'),
      'Kopi gratis — 10 poin, potongan Rp 15.000',
    );
    await screen.findByText(
      'Didapat 3 poin · potongan Rp 15.000 · bayar Rp 30.000 · saldo setelah: 5 poin',
      {},
      { timeout: 2000 },
    );
    await user.type(screen.getByLabelText('Barang (satu per baris)'), 'Beras 5 kg');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText('Tersimpan. Didapat 3 poin; saldo sekarang: 5 poin.');
    expect(ledger(id)).toEqual([
      { kind: 'adjusted', points: 12 },
      { kind: 'redeemed', points: -10 },
      { kind: 'earned', points: 3 },
    ]);
    expect(t.core.vault.requireDb().prepare('SELECT amount, discount FROM purchases').all()).toEqual([
      { amount: 45_000, discount: 15_000 },
    ]);
    // The customer's points history shows it, newest first, with the owner's reason.
    const points = await screen.findByTestId('points-panel');
    await within(points).findByText('Saldo: 5 poin');
    expect(within(points).getByText(/Disesuaikan pemilik · Saldo dari kartu lama/)).toBeTruthy();
  });

  it('not a member: one short prompt to offer membership, and the sale earns nothing', async () => {
    await programmeOn();
    const id = (await t.ok('customers:create', { name: 'Sari' })).id;
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    await screen.findByText(/Belum member\. Tawarkan program member/, {}, { timeout: 2000 });
    expect(screen.queryByLabelText('Tukar hadiah')).toBeNull();
  });

  it('a member who withdrew is not prompted for membership again: the counter says why instead', async () => {
    const { id, purposeId } = await member();
    await t.ok('consent:withdraw', { customerId: id, purposeId, method: 'verbal' });
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    const said = await screen.findByTestId('member-no-offer', {}, { timeout: 2000 });
    expect(said.textContent).toBe(
      'Sudah keluar dari program member: jangan ditawari lagi. Bila pelanggan sendiri ingin bergabung kembali, pemilik yang mengurusnya.',
    );
    expect(screen.queryByText(/Tawarkan program member/)).toBeNull();
    // Not mistaken for a restricted customer either.
    expect(screen.queryByText(/dibatasi/)).toBeNull();
  });

  it("voiding a member's sale says its points were undone, and the points list follows", async () => {
    const { id } = await member();
    await t.ok('purchases:create', { customerId: id, amount: 30_000, items: ['Beras'] });
    useSession.setState({ status: await t.ok('app:status', {}) });
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    const points = await screen.findByTestId('points-panel');
    await within(points).findByText('Saldo: 3 poin');
    await user.click(await screen.findByRole('button', { name: 'Batalkan' }));
    await user.type(screen.getByLabelText('Alasan'), 'Salah pelanggan');
    await user.click(screen.getByRole('button', { name: 'Batalkan pembelian ini' }));
    await screen.findByText('Poin penjualan itu ikut dibatalkan: -3 poin.');
    await within(points).findByText('Saldo: 0 poin');
    expect(ledger(id)).toEqual([
      { kind: 'earned', points: 3 },
      { kind: 'reversed', points: -3 },
    ]);
  });

  it("the owner adjusts a member's points with a reason on the customer's page", async () => {
    const { id } = await member();
    useSession.setState({ status: await t.ok('app:status', {}) });
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    const points = await screen.findByTestId('points-panel');
    await user.click(within(points).getByRole('button', { name: 'Sesuaikan' }));
    await user.type(within(points).getByLabelText('Tambah atau kurangi (misalnya 5 atau -5)'), '7');
    await user.type(within(points).getByLabelText('Alasan'), 'Hadiah pembukaan toko');
    await user.click(within(points).getByRole('button', { name: 'Simpan' }));
    await within(points).findByText('Saldo disesuaikan: 7 poin.');
    expect(ledger(id)).toEqual([{ kind: 'adjusted', points: 7 }]);
  });

  it('withdrawing from the member purpose says first what the balance becomes; afterwards the points are gone', async () => {
    const { id, purposeId } = await member(12);
    await useShop.getState().load();
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    const points = await screen.findByTestId('points-panel');
    await within(points).findByText('Saldo: 12 poin');
    const row = screen.getByTestId(`consent-${purposeId}`);
    await user.click(within(row).getByRole('button', { name: 'Tarik persetujuan' }));
    expect(within(row).getByRole('note').textContent).toBe(
      'Saldo 12 poin pelanggan ini hangus dan catatan poin dihapus saat itu juga. Catatan pembeliannya tetap.',
    );
    await user.click(within(row).getByRole('button', { name: 'Ya, tarik' }));
    await within(points).findByText('Saldo: 0 poin');
    expect(ledger(id)).toEqual([]);
  });

  it('in stamps mode every line about the balance says stamps, never points: panel, void, withdrawal, settings', async () => {
    const { purposeId } = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'stamps',
      rupiahPer: 20_000,
      expiryMonths: null,
      rewards: [{ name: 'Kopi ke-10', cost: 9, discount: 15_000, active: true }],
      joinProof: 'whatsapp_or_counter',
    });
    const id = (await t.ok('customers:create', { name: 'Rudi' })).id;
    await t.ok('consent:grant', { customerId: id, purposeId: purposeId!, method: 'verbal' });
    await t.ok('purchases:create', { customerId: id, amount: 30_000, items: ['Kopi'] });
    useSession.setState({ status: await t.ok('app:status', {}) });
    await useShop.getState().load();
    await useCustomers.getState().open(id);
    const view = render(<Viewed />);
    const user = userEvent.setup();
    const points = await screen.findByTestId('points-panel');
    await within(points).findByText('Saldo: 1 stempel');
    expect(within(points).getByRole('heading').textContent).toBe('Stempel member');
    await user.click(await screen.findByRole('button', { name: 'Batalkan' }));
    await user.type(screen.getByLabelText('Alasan'), 'Salah pelanggan');
    await user.click(screen.getByRole('button', { name: 'Batalkan pembelian ini' }));
    await screen.findByText('Stempel penjualan itu ikut dibatalkan: -1 stempel.');
    await within(points).findByText('Saldo: 0 stempel');
    // With nothing left, the withdrawal's confirmation still names stamps.
    const row = screen.getByTestId(`consent-${purposeId!}`);
    await user.click(within(row).getByRole('button', { name: 'Tarik persetujuan' }));
    expect(within(row).getByRole('note').textContent).toBe(
      'Stempel member pelanggan ini hangus dan catatannya dihapus saat itu juga.',
    );
    expect(document.body.textContent).not.toMatch(/poin/i);
    view.unmount();
    // The owner's settings in stamps mode.
    render(<LoyaltySettings />);
    const expiry = await screen.findByLabelText('Stempel hangus setelah (bulan)');
    expect(expiry).toBeTruthy();
    expect(screen.getByText('Kosongkan bila stempel tidak pernah hangus.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Nama hadiah'));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText(
      'Lengkapi setiap hadiah: nama, harga dalam stempel (angka bulat), dan potongan dalam rupiah.',
    );
  });

  it('a reward the balance does not reach cannot be picked at the counter', async () => {
    const { id } = await member(4);
    await useCustomers.getState().open(id);
    render(<Viewed />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    await within(await screen.findByTestId('member-block')).findByText(
      'Saldo: 4 poin',
      {},
      { timeout: 2000 },
    );
    const option = screen.getByRole<HTMLOptionElement>('option', { name: /^Kopi gratis/ });
    expect(option.disabled).toBe(true);
  });
});
