import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

/**
 * A shop without a POS: the owner puts the products and prices in Settings, and the cashier
 * records "2 kopi susu + 1 roti bakar" at the counter by tapping them, the total worked out by main.
 */
const OWNER = { name: /Bu Sari/, pin: OWNER_PIN };
const CASHIER = { name: /Andi/, pin: '582914' };

const j = useJourney(async (t) => {
  const { cashierId } = await setupShop(t);
  await t.ok('customers:create', { name: 'Siti Rahmawati', phone: '0812-3456-7890' });
  // The cashier's own PIN already chosen: this journey is about the counter.
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: CASHIER.pin, newPinConfirm: CASHIER.pin });
});

/** The price list's own section of Settings (other sections have their own Save). */
const priceList = (page: Page) => page.getByTestId('products-settings');

async function addProduct(page: Page, name: string, price: string) {
  const list = priceList(page);
  await list.getByRole('button', { name: 'Tambah produk' }).click();
  await list.getByLabel('Nama produk').fill(name);
  await list.getByLabel('Harga (Rp)').fill(price);
  await list.getByRole('button', { name: 'Simpan' }).click();
  await list.getByText('Daftar harga disimpan.').waitFor();
}

describe('e2e in Chromium: the price list, from Settings to the counter', () => {
  it('the owner adds, reprices, hides and reorders products in Settings', async () => {
    const { context, page, watch } = await openAs(j, OWNER);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Pengaturan/ })
      .click();
    const list = priceList(page);
    await list.getByText(/Belum ada produk/).waitFor();
    await addProduct(page, 'Kopi susu', '15rb');
    await addProduct(page, 'Roti bakar', '12.000');
    await addProduct(page, 'Es teh manis', '5000');
    // Repriced, then hidden: it stays for the owner, marked, and leaves the counter.
    await list.getByRole('button', { name: 'Ubah Es teh manis' }).click();
    await list.getByLabel('Harga (Rp)').fill('6rb');
    await list.getByLabel('Dijual (tampil di kasir)').uncheck();
    await list.getByRole('button', { name: 'Simpan' }).click();
    await list.getByText('Daftar harga disimpan.').waitFor();
    await list.getByText('Disembunyikan', { exact: true }).waitFor();
    await list.getByRole('button', { name: 'Naikkan Roti bakar' }).click();
    await expect
      .poll(async () => (await list.locator('li strong').allInnerTexts()).join(', '))
      .toBe('Roti bakar, Kopi susu, Es teh manis');
    await shot(page, '90-owner-price-list');
    // As main keeps it (the test's own window is locked: read from the vault).
    expect(
      j.t.core.vault
        .requireDb()
        .prepare('SELECT name, price, active FROM products ORDER BY sort_order')
        .all(),
    ).toEqual([
      { name: 'Roti bakar', price: 12_000, active: 1 },
      { name: 'Kopi susu', price: 15_000, active: 1 },
      { name: 'Es teh manis', price: 6_000, active: 0 },
    ]);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    await context.close();
  });

  it('the cashier records "2 kopi susu + 1 roti bakar" with taps and keys; main prices it', async () => {
    const { context, page, watch } = await openAs(j, CASHIER);
    await page.getByRole('searchbox').fill('rahma');
    await page
      .getByTestId('customer-list')
      .getByRole('button', { name: /Siti Rahmawati/ })
      .click();
    await page.getByRole('heading', { name: 'Siti Rahmawati' }).waitFor();
    await page.getByRole('button', { name: /Catat pembelian/ }).click();
    const form = page.locator('form').filter({ has: page.getByTestId('product-tiles') });
    const kopi = page.getByRole('button', { name: /^Tambah Kopi susu\s*,\s*Rp 15\.000$/ });
    const roti = page.getByRole('button', { name: /^Tambah Roti bakar\s*,\s*Rp 12\.000$/ });
    await roti.waitFor();
    expect(await page.getByRole('button', { name: /Es teh/ }).count()).toBe(0);
    // The first tile has the focus: Enter adds it, → moves to the next, Enter adds that one.
    await expect.poll(() => roti.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    // A finger does the same: one more tap on Kopi susu raises its quantity to 2.
    await kopi.click();
    await expect.poll(() => page.getByTestId('cart-total').innerText()).toContain('Rp 42.000');
    expect(await page.getByLabel('Jumlah Kopi susu').inputValue()).toBe('2');
    await shot(page, '91-cashier-sale-from-price-list');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('1 x Roti bakar, 2 x Kopi susu').waitFor();
    await page.locator('.purchase-list').getByText('Rp 42.000').waitFor();
    await shot(page, '92-cashier-sale-recorded');
    const db = j.t.core.vault.requireDb();
    expect(db.prepare('SELECT amount, items FROM purchases').all()).toEqual([
      { amount: 42_000, items: '["1 x Roti bakar","2 x Kopi susu"]' },
    ]);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    await context.close();
  });
});
