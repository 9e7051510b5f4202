import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';
import { fromShopWall } from '../../src/shared/shop-time';

/**
 * The owner opens "Dasbor": this month's figures, the two charts with their numbers beside them,
 * and the birthday list, from which one greeting goes out on WhatsApp. Screens at both sizes, axe.
 */
const OWNER = { name: /Bu Sari/, pin: OWNER_PIN };
const WA = 2;
const wib = (y: number, mo: number, d: number) => fromShopWall(y, mo, d, 12)!;

const j = useJourney(async (t) => {
  // The shop and its customers date from May; the journey happens on the clock's own day.
  const today = t.clock.now();
  t.clock.setWall(wib(2026, 5, 20));
  await setupShop(t);
  await t.ok('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
  const people: [string, string | null, boolean, number[]][] = [
    // name, birthday, WhatsApp consent, sale months (2026) — the clock is 29 Nov 2026
    ['Siti Rahmawati', '1990-11-25', true, [6, 8, 10, 11]],
    ['Budi Santoso', '1985-11-27', true, [11]],
    ['Citra Lestari', '1992-03-02', true, [7, 9, 11]],
    ['Dedi Kurniawan', '1991-11-26', false, [9, 10, 11]],
    ['Eka Putri', null, true, [6]],
    ['Fajar Nugroho', '1999-01-12', false, [8, 10]],
  ];
  const ids: number[] = [];
  for (const [name, birthday, wa] of people) {
    const c = await t.ok('customers:create', {
      name,
      phone: `0812-3456-70${String(ids.length + 1).padStart(2, '0')}`,
      birthday,
      consents: wa ? [{ purposeId: WA, method: 'verbal' }] : [],
    });
    ids.push(c.id);
  }
  t.clock.setWall(today);
  for (const [i, [, , , months]] of people.entries())
    for (const m of months)
      await t.ok('purchases:create', {
        customerId: ids[i]!,
        at: wib(2026, m, 11 + i),
        amount: 25_000,
        items: ['Kopi'],
      });
});

describe('e2e in Chromium: the owner\'s "Pelanggan" dashboard', () => {
  it('shows the figures and charts with their numbers, and greets a birthday on WhatsApp', async () => {
    const { context, page, watch } = await openAs(j, OWNER);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Dasbor/ })
      .click();
    await page.getByRole('heading', { name: 'Dasbor Pelanggan' }).waitFor();
    const months = page.getByTestId('months-text');
    await expect
      .poll(async () => (await months.locator('li').allInnerTexts()).at(-1))
      .toBe('Nov 2026 3 kembali, 1 baru');
    await page
      .getByTestId('dashboard-list')
      .getByRole('cell', { name: 'Siti Rahmawati', exact: true })
      .waitFor();
    await shot(page, '95-owner-dashboard');
    // Dedi's birthday is this week too, but he did not agree to WhatsApp: not listed.
    expect(await page.getByTestId('dashboard-list').getByText('Dedi').count()).toBe(0);
    await page.getByRole('button', { name: 'Buka WhatsApp untuk Siti Rahmawati' }).click();
    await page.getByText('WhatsApp dibuka untuk Siti Rahmawati').waitFor();
    expect(j.t.handoff.opened.map((u) => new URL(u).pathname)).toEqual(['/6281234567001']);
    await page.getByRole('button', { name: /Lama tidak datang/ }).click();
    await page.getByLabel('Tidak datang selama').selectOption('12');
    await page.getByTestId('dashboard-list').getByRole('cell', { name: 'Eka Putri', exact: true }).waitFor();
    await shot(page, '96-owner-dashboard-lapsed');
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    await context.close();
  });
});
