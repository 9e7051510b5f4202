import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAudit } from '../../src/renderer/features/audit/audit.store';
import { PurchasesPanel } from '../../src/renderer/features/customers/PurchasesPanel';
import { RequestForm } from '../../src/renderer/features/privacy/RequestForm';
import { onLaptopInZone } from '../support/zone';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const HOUR = 3_600_000;
// The test clock starts at 29 November 2026, 10:00 WIB.
const START = Date.UTC(2026, 10, 29, 3);

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

/**
 * The screens show the shop's day (Asia/Jakarta) whatever zone the laptop is set to: a sale at
 * 23:30 WIB is on the 29th and one at 00:30 WIB on the 30th, on a laptop in Los Angeles (where
 * both are on the 29th, in the morning) and on one in Kiritimati (where both are on the 30th).
 */
for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
  describe(`the window on a laptop set to ${zone}`, () => {
    onLaptopInZone(zone);

    it("lists purchases on the shop's day and time, and the form's date is the shop's today", async () => {
      expect(t.clock.now()).toBe(START);
      const c = await t.ok('customers:create', { name: 'Rudi' });
      t.clock.advance(13.5 * HOUR); // 29 Nov, 23:30 WIB
      await t.ok('purchases:create', { customerId: c.id, amount: 20_000, items: ['Teh'] });
      t.clock.advance(HOUR); // 30 Nov, 00:30 WIB
      await t.ok('purchases:create', { customerId: c.id, amount: 15_000, items: ['Kopi'] });
      render(<PurchasesPanel customerId={c.id} hasPhone />);
      await screen.findByText(/30 Nov 2026,? 00[.:]30/);
      expect(screen.getByText(/29 Nov 2026,? 23[.:]30/)).toBeTruthy();
      // The last visit in the summary is the shop's day too.
      expect(screen.getByText(/terakhir 30 Nov 2026/)).toBeTruthy();
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: /Catat pembelian/ }));
      const date = screen.getByLabelText('Tanggal') as HTMLInputElement;
      expect(date.value).toBe('2026-11-30');
      expect(date.max).toBe('2026-11-30');
      // A sale recorded for an earlier day lands on that day of the shop's calendar.
      await user.clear(date);
      await user.type(date, '2026-11-28');
      await user.type(screen.getByLabelText(/Jumlah/), '5000');
      await user.type(screen.getByLabelText(/Barang/), 'Gula');
      await user.click(screen.getByRole('button', { name: 'Simpan' }));
      await waitFor(async () => expect((await t.ok('purchases:list', { customerId: c.id })).total).toBe(3));
      const earlier = (await t.ok('purchases:list', { customerId: c.id })).items.find(
        (p) => p.amount === 5_000,
      )!;
      // Noon WIB of 28 November.
      expect(earlier.at).toBe(Date.UTC(2026, 10, 28, 5));
    });

    it("a request's received time starts at the shop's minute, and may not pass it", async () => {
      t.clock.advance(14.5 * HOUR); // 30 Nov, 00:30 WIB
      render(<RequestForm />);
      const received = (await screen.findByLabelText('Diterima pada')) as HTMLInputElement;
      expect(received.value).toBe('2026-11-30T00:30');
      expect(received.max).toBe('2026-11-30T00:30');
    });

    it("the audit log's day filter takes whole days of the shop's calendar", async () => {
      t.clock.advance(13.5 * HOUR); // 29 Nov, 23:30 WIB
      await t.ok('customers:create', { name: 'Malam' });
      t.clock.advance(HOUR); // 30 Nov, 00:30 WIB
      await t.ok('customers:create', { name: 'Pagi' });
      const days = async (from: string, to: string) => {
        await useAudit.getState().setFilter({ action: 'customer.create', from, to });
        return useAudit.getState().entries.map((e) => e.at);
      };
      expect(await days('2026-11-30', '2026-11-30')).toEqual([Date.UTC(2026, 10, 29, 17, 30)]);
      expect(await days('2026-11-29', '2026-11-29')).toEqual([Date.UTC(2026, 10, 29, 16, 30)]);
      useAudit.setState({ filter: {}, entries: [] });
    });
  });
}
