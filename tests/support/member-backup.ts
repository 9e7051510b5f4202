import { join } from 'node:path';
import { setupShop, tempDir, type TestCore } from './fixtures';

/**
 * A points programme as an owner sets one up: 1 point per Rp 10.000, a free coffee for 10. The
 * counter may record consent: these tests are about what a restore carries, not how members join.
 */
export const POINTS_PROGRAMME = {
  enabled: true,
  mode: 'points' as const,
  rupiahPer: 10_000,
  expiryMonths: null,
  rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
  joinProof: 'whatsapp_or_counter' as const,
};

/** A shop whose programme is on and Siti a member with 8 points from one sale, then a backup (backupNow). */
export async function memberShopWithBackup(t: TestCore, others: { cleanup(): void }[]) {
  const ids = await setupShop(t);
  const { purposeId } = await t.ok('loyalty:save', POINTS_PROGRAMME);
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    consents: [{ purposeId: 2, method: 'verbal' }],
  });
  await t.ok('consent:grant', { customerId: siti.id, purposeId: purposeId!, method: 'verbal' });
  const sale = await t.ok('purchases:create', { customerId: siti.id, amount: 80_000, items: ['Beras'] });
  const backup = await backupNow(t, ids.recoveryCode, others);
  return { ...ids, siti, saleId: sale.id, memberPurpose: purposeId!, backup };
}

/**
 * Backups on, one written to a USB stick (a temporary folder, cleaned up with `others`); the clock
 * then moves on a minute. Returns the backup's path.
 */
export async function backupNow(t: TestCore, recoveryCode: string, others: { cleanup(): void }[]) {
  await t.ok('backups:enable', { code: recoveryCode });
  const usb = tempDir('brankas-usb-');
  others.push(usb);
  t.dialogs.nextFolder = usb.dir;
  const { file } = await t.ok('backups:create', {});
  t.clock.advance(60_000);
  return join(usb.dir, file);
}

/**
 * Since the backup: a sale of Rp 100.000 earns Siti 10 points (18), the owner takes 15 back (3)
 * and gives 2 with `gift` as the reason (5). A restore undoes the sale, so the 15 cannot be taken
 * from the 8 left and is lost; the gift stays.
 */
export async function pointsTakenBackFromALostSale(t: TestCore, sitiId: number, gift: string) {
  await t.ok('purchases:create', { customerId: sitiId, amount: 100_000, items: ['Minyak'] });
  await t.ok('loyalty:adjust', { customerId: sitiId, points: -15, reason: 'Salah input kasir' });
  await t.ok('loyalty:adjust', { customerId: sitiId, points: 2, reason: gift });
}
