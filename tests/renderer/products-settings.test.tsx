import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProductsSettings } from '../../src/renderer/features/settings/ProductsSettings';
import { useProducts } from '../../src/renderer/features/products/products.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});
afterEach(() => useProducts.setState({ products: [] }));

const stored = () =>
  t.core.vault.requireDb().prepare('SELECT name, price, active FROM products ORDER BY sort_order').all();

async function add(user: ReturnType<typeof userEvent.setup>, name: string, price: string) {
  await user.click(screen.getByRole('button', { name: 'Tambah produk' }));
  await user.type(screen.getByLabelText('Nama produk'), name);
  await user.type(screen.getByLabelText('Harga (Rp)'), price);
  await user.click(screen.getByRole('button', { name: 'Simpan' }));
  await screen.findByText('Daftar harga disimpan.');
}

describe('the owner keeps the price list in Settings (against a real core)', () => {
  it('adds with "15rb" prices, hides, reorders; each change reaches main and its audit', async () => {
    render(<ProductsSettings />);
    const user = userEvent.setup();
    await screen.findByText(/Belum ada produk/);
    await add(user, 'Kopi susu', '15rb');
    await add(user, 'Roti bakar', '12.000');
    await user.click(screen.getByRole('button', { name: 'Ubah Kopi susu' }));
    await user.click(screen.getByLabelText('Dijual (tampil di kasir)'));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText('Disembunyikan');
    await user.click(screen.getByRole('button', { name: 'Naikkan Roti bakar' }));
    await expect
      .poll(() => screen.getAllByRole('listitem').map((li) => within(li).getByRole('strong').textContent))
      .toEqual(['Roti bakar', 'Kopi susu']);
    expect(stored()).toEqual([
      { name: 'Roti bakar', price: 12_000, active: 1 },
      { name: 'Kopi susu', price: 15_000, active: 0 },
    ]);
    expect((await t.ok('audit:list', { limit: 50 })).items.slice(0, 4).map((e) => e.action)).toEqual([
      'product.move',
      'product.save',
      'product.save',
      'product.save',
    ]);
  });

  it('a price that is not an amount, or a name the list already has, is refused and nothing changes', async () => {
    await t.ok('products:save', { name: 'Kopi susu', price: 15_000, active: true });
    render(<ProductsSettings />);
    const user = userEvent.setup();
    await screen.findByText('Kopi susu');
    await user.click(screen.getByRole('button', { name: 'Tambah produk' }));
    await user.type(screen.getByLabelText('Nama produk'), 'KOPI SUSU');
    await user.type(screen.getByLabelText('Harga (Rp)'), 'gratis');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText(/Isi harga dari Rp 1/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Harga (Rp)'));
    await user.type(screen.getByLabelText('Harga (Rp)'), '9rb');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Nama produk ini sudah ada/);
    expect(stored()).toEqual([{ name: 'Kopi susu', price: 15_000, active: 1 }]);
  });
});
