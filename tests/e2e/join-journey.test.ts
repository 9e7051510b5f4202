import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { shot } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

/**
 * A customer joins by WhatsApp at the counter, at both laptop sizes: the cashier ticks what the
 * customer agrees to, shows the QR, types the code and the sender's number from the shop's phone;
 * then the member card's code typed into the counter search opens the member.
 */
const CASHIER = { name: /Andi/, pin: '582914' };
const SIZES = [
  { width: 1280, height: 800, tag: '1280', name: 'Rina Wulandari', phone: '0857-2100-1001' },
  { width: 1024, height: 640, tag: '1024', name: 'Sari Kusuma', phone: '0857-2100-1002' },
] as const;

const j = useJourney(async (t) => {
  const { cashierId, ownerId } = await setupShop(t);
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
  // The member programme is on: a card is for a customer who joined it.
  await t.ok('loyalty:save', {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: null,
    legalBasis: 'consent',
    rewards: [],
  });
  for (const s of SIZES) await t.ok('customers:create', { name: s.name, phone: s.phone });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: CASHIER.pin, newPinConfirm: CASHIER.pin });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
});

describe('e2e in Chromium: joining by WhatsApp and the member card', () => {
  for (const size of SIZES) {
    it(`${size.width}x${size.height}: QR, code and sender's number; then the card's code finds the member`, async () => {
      const { context, page, watch } = await openAs(j, CASHIER, { width: size.width, height: size.height });
      await page.getByRole('heading', { name: 'Pelanggan', exact: true }).waitFor();
      await page.getByRole('searchbox').fill(size.phone);
      await page
        .getByTestId('customer-list')
        .getByRole('button', { name: new RegExp(size.name) })
        .click();
      await page.getByRole('heading', { name: size.name }).waitFor();
      const panel = page.locator('section.join-panel');
      await panel.getByRole('checkbox', { name: 'Promosi via WhatsApp' }).check();
      await panel.getByRole('checkbox', { name: 'Program member' }).check();
      await panel.getByRole('button', { name: 'Buat kode QR' }).click();
      const qr = panel.getByRole('img', { name: /Kode QR/ });
      await qr.waitFor();
      await qr.scrollIntoViewIfNeeded();
      await shot(page, `90-join-qr-${size.tag}`);
      expect(await axeViolations(page)).toEqual([]);
      // The customer's phone sends the message; the shop's phone shows its code and sender.
      const link = (await panel.locator('.join-link code').textContent()) ?? '';
      const code = new URL(link).searchParams.get('text')!.split(' ').at(-1)!;
      await panel.getByLabel('Kode dari pesan').fill(code);
      await panel.getByLabel(/Nomor pengirim/).fill(size.phone);
      await panel.getByLabel(/Nomor pengirim/).press('Enter');
      await panel.getByText(/Persetujuan tercatat lewat WhatsApp/).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await shot(page, `91-join-done-${size.tag}`);
      // The member card: printed, then its code typed (as a scanner does) opens the member.
      await page.getByRole('button', { name: 'Cetak kartu anggota' }).click();
      await page.getByText(/Kartu anggota dicetak/).waitFor();
      const html = j.t.printer.printed.at(-1)!.html;
      const cardCode = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(html)![1]!;
      const found = () =>
        j.t.core.vault
          .requireDb()
          .prepare("SELECT count(*) FROM audit_log WHERE action = 'members.find' AND outcome = 'ok'")
          .pluck()
          .get() as number;
      const before = found();
      await page.getByRole('searchbox').fill(cardCode);
      await page.getByRole('searchbox').press('Enter');
      await expect.poll(found).toBe(before + 1);
      await page.getByRole('heading', { name: size.name }).waitFor();
      expect(watch.foreign).toEqual([]);
      expect(watch.errors).toEqual([]);
      await context.close();
    });
  }
});
