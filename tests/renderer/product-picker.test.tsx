import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerDetail } from '../../src/renderer/features/customers/CustomerDetail';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useProducts } from '../../src/renderer/features/products/products.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
let customerId: number;
beforeEach(async () => {
  t = core();
  // The owner's price list: two on sale, one hidden.
  await t.ok('products:save', { name: 'Kopi susu', price: 15_000, active: true });
  await t.ok('products:save', { name: 'Roti bakar', price: 12_000, active: true });
  await t.ok('products:save', { name: 'Es teh', price: 5_000, active: false });
  customerId = (await t.ok('customers:create', { name: 'Joko Susilo' })).id;
  await useCustomers.getState().open(customerId);
});
afterEach(() => {
  useCustomers.getState().reset();
  useProducts.setState({ products: [] });
});

function Viewed() {
  const panel = useCustomers((s) => s.panel);
  return panel.kind === 'view' ? <CustomerDetail customer={panel.customer} onEdit={() => undefined} /> : null;
}

const stored = () =>
  t.core.vault.requireDb().prepare('SELECT amount, items FROM purchases ORDER BY id').all() as {
    amount: number;
    items: string;
  }[];

async function openSaleForm() {
  render(<Viewed />);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
  await screen.findByRole('button', { name: 'Tambah Kopi susu, Rp 15.000' });
  return user;
}

describe('the sale form taps a sale together from the price list', () => {
  it('"2 kopi susu + 1 roti bakar" by keyboard alone: focus on the first tile, Enter, Enter, →, Enter, save', async () => {
    const user = await openSaleForm();
    const kopi = screen.getByRole('button', { name: 'Tambah Kopi susu, Rp 15.000' });
    const roti = screen.getByRole('button', { name: 'Tambah Roti bakar, Rp 12.000' });
    // The hidden product is not offered.
    expect(screen.queryByRole('button', { name: /Es teh/ })).toBeNull();
    expect(document.activeElement).toBe(kopi);
    // One Tab stop for the whole list: the other tiles are reached by arrow keys.
    expect(kopi.tabIndex).toBe(0);
    expect(roti.tabIndex).toBe(-1);
    await user.keyboard('{Enter}{Enter}{ArrowRight}');
    expect(document.activeElement).toBe(roti);
    expect(roti.tabIndex).toBe(0);
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('cart-total').textContent).toContain('Rp 42.000');
    // Amount and items are not typed for a sale from the list.
    expect(screen.queryByLabelText('Jumlah (Rp)')).toBeNull();
    expect(screen.queryByLabelText(/Barang/)).toBeNull();
    // Saved from the keyboard too: Tab, Tab to the first quantity, Enter (7 keys in all).
    await user.keyboard('{Tab}{Tab}');
    expect(document.activeElement).toBe(screen.getByLabelText('Jumlah Kopi susu'));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Rp 42.000')).toBeTruthy();
    expect(screen.getByText('2 x Kopi susu, 1 x Roti bakar')).toBeTruthy();
    expect(stored()).toEqual([{ amount: 42_000, items: '["2 x Kopi susu","1 x Roti bakar"]' }]);
  });

  it('arrows wrap round, Home and End jump; the focus ring is the tile', async () => {
    const user = await openSaleForm();
    const kopi = screen.getByRole('button', { name: /Tambah Kopi susu/ });
    const roti = screen.getByRole('button', { name: /Tambah Roti bakar/ });
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(roti);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(kopi);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(roti);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(kopi);
  });

  it('tapping raises the quantity; − and + and a typed quantity change it; − at one takes it off', async () => {
    const user = await openSaleForm();
    const kopi = screen.getByRole('button', { name: /Tambah Kopi susu/ });
    await user.click(kopi);
    await user.click(kopi);
    const qty = screen.getByLabelText('Jumlah Kopi susu') as HTMLInputElement;
    expect(qty.value).toBe('2');
    expect(within(kopi).getByText('×2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tambah satu Kopi susu' }));
    expect(qty.value).toBe('3');
    await user.clear(qty);
    await user.type(qty, '12');
    expect(screen.getByTestId('cart-total').textContent).toContain('Rp 180.000');
    await user.clear(qty);
    await user.type(qty, '1');
    await user.click(screen.getByRole('button', { name: 'Hapus Kopi susu dari pesanan' }));
    expect(screen.queryByLabelText('Jumlah Kopi susu')).toBeNull();
    // With the order empty, the typed form is back.
    expect(screen.getByLabelText('Jumlah (Rp)')).toBeTruthy();
  });

  it('a quantity that is not 1 to 999 is marked and nothing is sent', async () => {
    const user = await openSaleForm();
    await user.click(screen.getByRole('button', { name: /Tambah Roti bakar/ }));
    const qty = screen.getByLabelText('Jumlah Roti bakar');
    await user.clear(qty);
    await user.type(qty, '0');
    const before = (await t.ok('audit:list', { limit: 500 })).items.length;
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText(/harus angka bulat 1 sampai 999/)).toBeTruthy();
    expect(qty.getAttribute('aria-invalid')).toBe('true');
    expect(stored()).toEqual([]);
    expect((await t.ok('audit:list', { limit: 500 })).items.length).toBe(before);
  });

  it('a product the owner hid meanwhile: main refuses, the message says so, the order drops it', async () => {
    const user = await openSaleForm();
    const kopi = (await t.ok('products:list', {})).find((p) => p.name === 'Kopi susu')!;
    await user.click(screen.getByRole('button', { name: /Tambah Kopi susu/ }));
    await user.click(screen.getByRole('button', { name: /Tambah Roti bakar/ }));
    await t.ok('products:save', { id: kopi.id, name: 'Kopi susu', price: 15_000, active: false });
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/disembunyikan pemilik/);
    expect(stored()).toEqual([]);
    expect(screen.queryByLabelText('Jumlah Kopi susu')).toBeNull();
    expect(screen.getByTestId('cart-total').textContent).toContain('Rp 12.000');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('1 x Roti bakar')).toBeTruthy();
    expect(stored()).toEqual([{ amount: 12_000, items: '["1 x Roti bakar"]' }]);
  });
});
