import { afterEach, describe, expect, it } from 'vitest';
import { fileStamp } from '../../src/main/ipc/handlers/deps';
import { backupFileName } from '../../src/main/services/backup/backup.service';
import { backupsToDelete, localStamp } from '../../src/main/services/backup/rotation';
import { checkRow } from '../../src/main/services/import/row-check';
import { mayChange } from '../../src/main/services/purchases.service';
import { parseSaleTime } from '../../src/main/services/sales/sales-parse';
import { parseBirthday } from '../../src/shared/shop-date';
import { ageOn, shopDay, shopIsoDay, shopWall, startOfDayWib } from '../../src/shared/shop-time';
import { TestClock } from '../support/clock';
import { onLaptopInZone } from '../support/zone';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * The shop's day is Asia/Jakarta's (WIB, UTC+7) whatever zone the laptop is set to. Each block runs
 * with the process's zone set to a laptop far west (Los Angeles, UTC-8: 23:30 WIB is still the
 * morning of the same day there, 00:30 WIB the previous day) and far east (Kiritimati, UTC+14:
 * 23:30 WIB is already the next day there), and names the same shop days.
 */
// 5 December 2026, 23:30 WIB, and 6 December 2026, 00:30 WIB: one hour apart, two shop days.
const LATE = Date.UTC(2026, 11, 5, 16, 30);
const EARLY = Date.UTC(2026, 11, 5, 17, 30);

let t: TestCore | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
  describe(`a laptop set to ${zone} names the shop's days in WIB`, () => {
    onLaptopInZone(zone);

    it('the zone really is set (otherwise this block would prove nothing)', () => {
      const expected = zone === 'America/Los_Angeles' ? 480 : -840;
      // eslint-disable-next-line no-restricted-properties -- checks the laptop's zone on purpose
      expect(new Date(LATE).getTimezoneOffset()).toBe(expected);
    });

    it('a sale at 23:30 WIB is on the 5th, one at 00:30 WIB on the 6th: different days', () => {
      expect(shopIsoDay(LATE)).toBe('2026-12-05');
      expect(shopIsoDay(EARLY)).toBe('2026-12-06');
      expect(shopWall(LATE)).toMatchObject({ year: 2026, month: 12, day: 5, hour: 23, minute: 30 });
      expect(shopWall(EARLY)).toMatchObject({ year: 2026, month: 12, day: 6, hour: 0, minute: 30 });
      expect(startOfDayWib(EARLY) - startOfDayWib(LATE)).toBe(86_400_000);
      expect(shopDay(LATE, 'id')).toBe('5 Desember 2026');
      expect(shopDay(EARLY, 'en')).toBe('6 December 2026');
      // A cashier may change their own sale only on the day it was recorded.
      const sale = { recorded_by_id: 'c1', created_at: LATE, voided_at: null };
      const cashier = { id: 'c1', role: 'cashier' as const };
      expect(mayChange(cashier, sale, LATE + 20 * 60_000)).toBe(true);
      expect(mayChange(cashier, sale, EARLY)).toBe(false);
      // A sale the POS wrote at 00:30 is read on the shop's clock.
      expect(parseSaleTime('06/12/2026 00:30')).toBe(EARLY);
      expect(parseSaleTime('05/12/2026 23:30')).toBe(LATE);
    });

    it('backup file names carry the WIB date and time, and rotation counts the WIB days', () => {
      expect(backupFileName('Toko Maju', LATE)).toBe('brankas-toko-maju-20261205-2330.brankas');
      expect(backupFileName('Toko Maju', EARLY)).toBe('brankas-toko-maju-20261206-0030.brankas');
      expect(localStamp(LATE)).toBe(Date.UTC(2026, 11, 5, 23, 30));
      // One kept per day: 23:30 and 00:30 are two days, so keeping two days keeps both.
      const names = [LATE - 3_600_000, LATE, EARLY].map((at) => backupFileName('Toko Maju', at));
      expect(
        backupsToDelete(names, 'toko-maju', 2, 0, {
          now: localStamp(EARLY),
          made: new Map(names.map((n, i) => [n, localStamp([LATE - 3_600_000, LATE, EARLY][i]!)])),
        }),
      ).toEqual([names[0]]);
    });

    it("exported files are stamped with the shop's day", () => {
      const clock = new TestClock(EARLY);
      expect(fileStamp(clock)).toBe('2026-12-06');
      clock.setWall(LATE);
      expect(fileStamp(clock)).toBe('2026-12-05');
    });

    it("an age turns on the shop's day: at 00:30 WIB on the birthday the customer is a year older", () => {
      expect(ageOn('2008-12-06', LATE)).toBe(17);
      expect(ageOn('2008-12-06', EARLY)).toBe(18);
      // Importing a customer born on the 6th, at 00:30 WIB on their 18th birthday: an adult.
      // (A minor's consent needs a guardian a spreadsheet cannot show: the row would be refused.)
      const row = ['Rina', '0812-1111-2222', '06/12/2008', 'ya'];
      const mapping = { name: 0, phone: 1, birthday: 2, consent_whatsapp: 3 };
      expect(checkRow(row, mapping, EARLY).others).toEqual([]);
      expect(checkRow(row, mapping, EARLY).fields).toMatchObject({ is_minor: 0 });
      expect(checkRow(row, mapping, LATE).others).toEqual([{ field: 'row', code: 'guardian_required' }]);
      // Two-digit years are read against the shop's year: at 00:30 WIB on 1 January 2027, 27 is 2027.
      const newYear = Date.UTC(2026, 11, 31, 17, 30);
      expect(parseBirthday('01/01/27', newYear)).toBe('2027-01-01');
    });

    it('a baby born today (WIB) is recorded at 00:30 WIB, not refused as a birthday in the future', async () => {
      t = makeCore({ clock: new TestClock(EARLY) });
      await setupShop(t);
      const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'birthday')!.purpose;
      await t.ok('fields:update', { key: 'birthday', enabled: true, purpose });
      const c = await t.ok('customers:create', {
        name: 'Bayi',
        birthday: '2026-12-06',
        guardianName: 'Ibu Sari',
      });
      expect(c.birthday).toBe('2026-12-06');
      // The next day is still in the future, and refused.
      const r = await t.call('customers:create', { name: 'Esok', birthday: '2026-12-07' });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    });
  });
}
