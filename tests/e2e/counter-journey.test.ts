import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inViewport, shot } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

/**
 * The counter at the two laptop sizes shops have: a new customer with consent and then a sale,
 * a duplicate phone, a birthday typed as the shop writes it, and two customers sharing the last
 * four digits of their phones. Clicks and keys are counted as the cashier would make them.
 */
const CASHIER = { name: /Andi/, pin: '582914' };

const j = useJourney(async (t) => {
  const { cashierId, ownerId } = await setupShop(t);
  const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'birthday')!.purpose;
  await t.ok('fields:update', { key: 'birthday', enabled: true, purpose });
  for (const [name, phone] of [
    ['Budi Santoso', '0812-7000-4455'],
    ['Citra Lestari', '0813-9000-4455'],
    ['Dewi Anggraini', '0812-7000-3333'],
  ] as const)
    await t.ok('customers:create', { name, phone });
  // The cashier has chosen her own PIN already (her first login is another journey's).
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: CASHIER.pin, newPinConfirm: CASHIER.pin });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
});

/** Whether the element has the keyboard focus (the page's own document; Node knows no DOM). */
function focused(target: Locator): Promise<boolean> {
  return target.evaluate(
    (el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  );
}

/** What the cashier does, counted: clicks and keys other than the characters of what she types. */
function counter(page: Page) {
  const n = { clicks: 0, keys: 0 };
  return {
    n,
    click: async (target: Locator) => {
      n.clicks++;
      await target.click();
    },
    press: async (key: string) => {
      n.keys++;
      await page.keyboard.press(key);
    },
    type: (text: string) => page.keyboard.type(text),
  };
}

const SIZES = [
  { width: 1280, height: 800, tag: '1280', phone: '0857-2100-1001', name: 'Rina Wulandari' },
  { width: 1024, height: 640, tag: '1024', phone: '0857-2100-1002', name: 'Sari Kusuma' },
] as const;

describe('e2e in Chromium: the counter at 1280x800 and 1024x640', () => {
  for (const size of SIZES) {
    it(`${size.width}x${size.height}: new customer with consent, then the sale; Save and consent in view`, async () => {
      const { context, page, watch } = await openAs(j, CASHIER, { width: size.width, height: size.height });
      await page.getByRole('heading', { name: 'Pelanggan', exact: true }).waitFor();
      const c = counter(page);
      await c.click(page.getByRole('button', { name: /Pelanggan baru/ }));
      const form = page.locator('form.panel-form');
      await form.getByLabel('Nama', { exact: true }).waitFor();
      await shot(page, `80-counter-new-customer-${size.tag}`);
      // The whole form's ending is on screen without scrolling: consent and Simpan.
      const save = form.getByRole('button', { name: 'Simpan' });
      expect(await inViewport(page, save)).toBe(true);
      expect(await inViewport(page, form.locator('fieldset.consent-box'))).toBe(true);
      expect(await inViewport(page, form.getByRole('checkbox', { name: /Promosi via WhatsApp/ }))).toBe(true);
      // Name (focused already), Tab, phone, the consent she gave, Enter.
      await c.type(size.name);
      await c.press('Tab');
      await c.type(size.phone);
      await c.click(form.getByRole('checkbox', { name: /Promosi via WhatsApp/ }));
      await c.press('Enter');
      await page.getByRole('heading', { name: size.name }).waitFor();
      // The saved customer opens at the top, "Catat pembelian" on screen and focused.
      const add = page.getByRole('button', { name: /Catat pembelian/ });
      expect(await inViewport(page, add)).toBe(true);
      await expect.poll(() => focused(add)).toBe(true);
      await shot(page, `81-counter-saved-${size.tag}`);
      await c.press('Enter');
      await page.getByLabel('Jumlah (Rp)').waitFor();
      await c.type('25000');
      await c.click(page.getByLabel('Barang (satu per baris)'));
      await c.type('Gula 1 kg');
      await c.click(page.locator('form.inline-form').getByRole('button', { name: 'Simpan' }));
      await page.locator('.purchase-list li').first().waitFor();
      console.log(
        `[counts ${size.tag}] new customer with consent + sale: ${c.n.clicks} clicks, ${c.n.keys} keys`,
      );

      // A birthday as the shop writes it: one field, one Tab stop, 31/02/1990 refused on the spot.
      await page.getByRole('button', { name: /Pelanggan baru/ }).click();
      await form.getByLabel('Nama', { exact: true }).fill(`${size.name} Dua`);
      await form.locator('summary').click();
      const birthday = form.getByLabel('Tanggal lahir');
      await form.getByLabel('Email', { exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await focused(birthday)).toBe(true);
      await page.keyboard.type('31021990');
      expect(await birthday.inputValue()).toBe('31/02/1990');
      await page.keyboard.press('Tab');
      // One stop: the next Tab has left the birthday.
      expect(await focused(birthday)).toBe(false);
      await save.click();
      await expect.poll(() => birthday.getAttribute('aria-invalid')).toBe('true');
      await page
        .getByText(/Tanggal ini tidak ada atau belum lengkap/)
        .first()
        .waitFor();
      await shot(page, `82-counter-birthday-refused-${size.tag}`);
      await birthday.fill('17/08/1990');
      await save.click();
      await page.getByRole('heading', { name: `${size.name} Dua` }).waitFor();
      expect(await page.locator('.customer-detail').innerText()).toMatch(/17/);

      // A phone that is already someone's: the message says whose, with a button to open them.
      await page.getByRole('button', { name: /Pelanggan baru/ }).click();
      await form.getByLabel('Nama', { exact: true }).fill('Budi S');
      await form.getByLabel('Nomor HP').fill('0812 7000 4455');
      await save.click();
      const open = form.getByRole('button', { name: 'Buka Budi Santoso' });
      await open.waitFor();
      expect(await inViewport(page, open)).toBe(true);
      await shot(page, `83-counter-duplicate-phone-${size.tag}`);
      await open.click();
      await page.getByRole('heading', { name: 'Budi Santoso' }).waitFor();
      const detail = await page.locator('.customer-detail').innerText();
      expect(detail).toContain('0812-****-4455');
      expect(detail).not.toContain('7000');

      // Two customers share the last four digits: Enter says so, and the cashier picks one.
      const s = counter(page);
      await s.click(page.getByRole('searchbox'));
      await s.type('4455');
      await expect.poll(() => page.getByTestId('customer-list').getByRole('listitem').count()).toBe(2);
      await s.press('Enter');
      await page.getByText('2 pelanggan cocok, pilih satu.').waitFor();
      // Enter opened neither (it used to open the first row it moved the focus to): Budi, opened
      // above, is still on screen.
      const picked = page.locator('.customer-detail h2');
      expect(await picked.innerText()).toBe('Budi Santoso');
      await shot(page, `84-counter-two-matches-${size.tag}`);
      const rows = await page.getByTestId('customer-list').locator('button strong').allInnerTexts();
      await s.press('ArrowDown');
      await s.press('Enter');
      await expect.poll(() => picked.innerText()).toBe(rows[1]);
      await page.getByRole('button', { name: /Catat pembelian/ }).waitFor();
      await s.click(page.getByRole('button', { name: /Catat pembelian/ }));
      await page.getByLabel('Jumlah (Rp)').waitFor();
      await s.type('12000');
      await s.click(page.getByLabel('Barang (satu per baris)'));
      await s.type('Kopi');
      await s.click(page.locator('form.inline-form').getByRole('button', { name: 'Simpan' }));
      await page.locator('.purchase-list li').first().waitFor();
      console.log(`[counts ${size.tag}] last 4 digits + sale: ${s.n.clicks} clicks, ${s.n.keys} keys`);

      expect(watch.foreign).toEqual([]);
      expect(watch.errors).toEqual([]);
      await context.close();
    });
  }
});
