import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptedVault } from '../support/decrypted-pages';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import {
  backupNow,
  memberShopWithBackup as memberShopAndBackup,
  pointsTakenBackFromALostSale,
} from '../support/member-backup';

/**
 * A restore from an older backup keeps what the owner decided about members and purposes since:
 * the points they gave or took back (with the reason) stay, unless the sales they rested on are
 * undone with the restore (then the preview says they are lost), a purpose stopped, renamed or
 * given another legal basis stays as the notice in force tells customers, and a WhatsApp join code
 * spent or tried since stays spent or tried.
 */
const WA = 2;
const PERSONAL = 4;
const GIFT = 'Xqvbz hadiah ulang tahun Siti Jkwpr';
let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

/** The shop with Siti a member and its backup, on the bundled worker when asked (what the app runs). */
function memberShopWithBackup(worker = false) {
  t = makeCore(
    // The carry crosses to the worker thread sealed, as a message.
    worker ? { backupWorker: () => new Worker(join(__dirname, '../../out/main/backup-worker.js')) } : {},
  );
  return memberShopAndBackup(t, others);
}

/** The owner's restore: the file verified first (the screen shows its preview), then restored. */
async function restore(backup: string, code: string) {
  t.dialogs.nextBackup = backup;
  const checked = await t.ok('backups:verify', { code });
  expect(checked.ok).toBe(true);
  await t.ok('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
  return checked.restorePreview!;
}

const ledger = (customerId: number) =>
  t.core.vault
    .requireDb()
    .prepare('SELECT kind, points, reason FROM loyalty_ledger WHERE customer_id = ? ORDER BY id')
    .all(customerId) as { kind: string; points: number; reason: string | null }[];

const balance = async (customerId: number) => (await t.ok('loyalty:history', { customerId })).status.balance;

async function auditHolds() {
  expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true, firstBrokenId: null });
}

describe("the owner's point adjustments since the backup", () => {
  it('a gift given since the backup stays, with its reason; the preview counts it as applied again', async () => {
    const { siti, backup, recoveryCode } = await memberShopWithBackup();
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 5, reason: GIFT });
    expect(await balance(siti.id)).toBe(13);
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies.pointAdjustments).toBe(1);
    expect(preview.undoes.pointAdjustments).toBe(0);
    expect(await balance(siti.id)).toBe(13);
    expect(ledger(siti.id).at(-1)).toEqual({ kind: 'adjusted', points: 5, reason: GIFT });
    // Restored once: the same adjustment is not carried twice by a second look at the ledger.
    expect(ledger(siti.id).filter((r) => r.kind === 'adjusted')).toHaveLength(1);
    await auditHolds();
  });

  it('points taken back from a sale the restore undoes cannot go below zero: not applied, and the preview says it is lost', async () => {
    const { siti, backup, recoveryCode } = await memberShopWithBackup();
    // Since the backup: a sale earns 10 (18), the owner takes 15 back (3) and gives 2 (5).
    await pointsTakenBackFromALostSale(t, siti.id, GIFT);
    expect(await balance(siti.id)).toBe(5);
    const preview = await restore(backup, recoveryCode);
    // The sale is undone (its 10 points with it): 8 - 15 would be below zero, so it is lost; the
    // gift of 2 still stands.
    expect(preview.undoes).toMatchObject({ purchases: 1, pointAdjustments: 1 });
    expect(preview.reapplies.pointAdjustments).toBe(1);
    expect(await balance(siti.id)).toBe(10);
    expect(ledger(siti.id).map((r) => [r.kind, r.points])).toEqual([
      ['earned', 8],
      ['adjusted', 2],
    ]);
    await auditHolds();
  });

  it('what the restore did is what the preview said: the restore.carried entry counts the same', async () => {
    const { siti, backup, recoveryCode } = await memberShopWithBackup();
    await pointsTakenBackFromALostSale(t, siti.id, GIFT);
    const preview = await restore(backup, recoveryCode);
    const carried = t.core.vault
      .requireDb()
      .prepare("SELECT detail FROM audit_log WHERE action = 'restore.carried' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(carried)).toMatchObject({
      pointAdjustments: preview.reapplies.pointAdjustments,
      pointAdjustmentsUndone: preview.undoes.pointAdjustments,
    });
    expect(preview.reapplies.pointAdjustments).toBe(1);
    expect(preview.undoes.pointAdjustments).toBe(1);
  });

  it("a void between two adjustments: the gift in, the sale's points out, then what is left", async () => {
    const { siti, saleId, backup, recoveryCode } = await memberShopWithBackup();
    // The owner gives 3, then voids the backup's sale (8 out), then takes 2 back: 1 left.
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 3, reason: GIFT });
    t.clock.advance(60_000);
    await t.ok('purchases:void', { id: saleId, reason: 'Salah pelanggan' });
    t.clock.advance(60_000);
    await t.ok('loyalty:adjust', { customerId: siti.id, points: -2, reason: 'Koreksi' });
    expect(await balance(siti.id)).toBe(1);
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies).toMatchObject({ voids: 1, pointAdjustments: 2 });
    expect(preview.undoes.pointAdjustments).toBe(0);
    expect(await balance(siti.id)).toBe(1);
    await auditHolds();
  });

  it('an adjustment made before a void goes back before it: the void takes back only what was left, as it did', async () => {
    const { siti, saleId, backup, recoveryCode } = await memberShopWithBackup();
    // 8 from the sale; the owner gives 4 (12) and takes 6 back (6); the void of the sale can then
    // take back only those 6 of its 8 points (0).
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 4, reason: GIFT });
    t.clock.advance(60_000);
    await t.ok('loyalty:adjust', { customerId: siti.id, points: -6, reason: 'Koreksi' });
    t.clock.advance(60_000);
    await t.ok('purchases:void', { id: saleId, reason: 'Salah pelanggan' });
    expect(await balance(siti.id)).toBe(0);
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies).toMatchObject({ voids: 1, pointAdjustments: 2 });
    expect(preview.undoes.pointAdjustments).toBe(0);
    expect(await balance(siti.id)).toBe(0);
    expect(ledger(siti.id).map((r) => [r.kind, r.points])).toEqual([
      ['earned', 8],
      ['adjusted', 4],
      ['adjusted', -6],
      ['reversed', -6],
    ]);
    await auditHolds();
  });

  it('adjustments of a member who left since never come back, to the last decrypted page', async () => {
    const { siti, memberPurpose, backup, recoveryCode } = await memberShopWithBackup();
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 5, reason: GIFT });
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: memberPurpose, method: 'verbal' });
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies.pointAdjustments).toBe(0);
    expect(ledger(siti.id)).toEqual([]);
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(GIFT))).toBe(false);
    await auditHolds();
  });

  it('an erased member: the ledger and the reason are gone from every decrypted page', async () => {
    const { siti, backup, recoveryCode } = await memberShopWithBackup();
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 5, reason: GIFT });
    await t.ok('customers:erase', { id: siti.id, confirm: true });
    await restore(backup, recoveryCode);
    expect(t.core.vault.requireDb().prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(GIFT))).toBe(false);
    await auditHolds();
  });
});

/** The notice in force, read straight from the vault (no screen asked for it). */
const latestNotice = () =>
  JSON.parse(
    t.core.vault
      .requireDb()
      .prepare("SELECT inputs FROM documents WHERE kind = 'notice' ORDER BY version DESC LIMIT 1")
      .pluck()
      .get() as string,
  ) as { purposes: { id: number; name: string; basis: string }[] };

describe('purpose changes since the backup', () => {
  it('a purpose the shop stopped stays stopped: no WhatsApp audience, and the notice in force does not name it again', async () => {
    const { backup, recoveryCode } = await memberShopWithBackup();
    const wa = (await t.ok('purposes:list', {})).find((p) => p.id === WA)!;
    await t.ok('purposes:save', { ...wa, active: false });
    const stopped = latestNotice();
    expect(stopped.purposes.map((p) => p.id)).not.toContain(WA);
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies.purposes).toBe(1);
    expect((await t.ok('purposes:list', {})).find((p) => p.id === WA)).toMatchObject({ active: false });
    expect((await t.ok('audience:list', { channel: 'whatsapp' })).items).toEqual([]);
    // The notice customers were told (carried with the restore) describes the restored vault...
    expect(latestNotice()).toEqual(stopped);
    // ...and stays so when the app next asks for it: no version names the stopped purpose again.
    const current = await t.ok('docs:current', { kind: 'notice' });
    expect(JSON.stringify(current.text)).not.toContain(wa.name);
    expect(latestNotice()).toEqual(stopped);
    await auditHolds();
  });

  it("a purpose's new name, description and legal basis stay, as the notice in force prints them", async () => {
    const { backup, recoveryCode } = await memberShopWithBackup();
    const personal = (await t.ok('purposes:list', {})).find((p) => p.id === PERSONAL)!;
    const changed = {
      ...personal,
      name: 'Rekomendasi produk',
      description: 'Menyarankan produk dari riwayat belanja di toko ini.',
      legalBasis: 'legitimate_interest' as const,
    };
    await t.ok('purposes:save', changed);
    const told = latestNotice();
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies.purposes).toBe(1);
    expect((await t.ok('purposes:list', {})).find((p) => p.id === PERSONAL)).toEqual(changed);
    expect(latestNotice()).toEqual(told);
    await t.ok('docs:current', { kind: 'notice' });
    expect(latestNotice()).toEqual(told);
    expect(latestNotice().purposes.find((p) => p.id === PERSONAL)).toMatchObject({
      name: 'Rekomendasi produk',
      basis: 'legitimate_interest',
    });
    await auditHolds();
  });

  it('a purpose added since the backup is counted too; nothing changed counts nothing', async () => {
    const { backup, recoveryCode } = await memberShopWithBackup();
    t.dialogs.nextBackup = backup;
    const unchanged = await t.ok('backups:verify', { code: recoveryCode });
    expect(unchanged.restorePreview!.reapplies.purposes).toBe(0);
    await t.ok('purposes:save', {
      name: 'Undangan acara toko',
      description: 'Mengundang pelanggan ke acara toko.',
      legalBasis: 'consent',
      channel: null,
      active: true,
    });
    const preview = await restore(backup, recoveryCode);
    expect(preview.reapplies.purposes).toBe(1);
    expect((await t.ok('purposes:list', {})).map((p) => p.name)).toContain('Undangan acara toko');
  });
});

describe('on the bundled worker (what the app runs)', () => {
  it('the preview and the restore carry the adjustments and the stopped purpose the same way', async () => {
    const { siti, backup, recoveryCode } = await memberShopWithBackup(true);
    await pointsTakenBackFromALostSale(t, siti.id, GIFT);
    const wa = (await t.ok('purposes:list', {})).find((p) => p.id === WA)!;
    await t.ok('purposes:save', { ...wa, active: false });
    const preview = await restore(backup, recoveryCode);
    expect(preview.undoes.pointAdjustments).toBe(1);
    expect(preview.reapplies).toMatchObject({ pointAdjustments: 1, purposes: 1 });
    expect(await balance(siti.id)).toBe(10);
    expect((await t.ok('purposes:list', {})).find((p) => p.id === WA)).toMatchObject({ active: false });
    await auditHolds();
  });
});

describe('how members join, set since the backup', () => {
  it('a backup made while the counter could record members does not bring that back: the counter is refused after the restore', async () => {
    // The backup: members could join at the counter.
    const { recoveryCode, backup, memberPurpose } = await memberShopWithBackup();
    const { rewards, purposeId: _, ...form } = await t.ok('loyalty:get', {});
    await t.ok('loyalty:save', { ...form, rewards, joinProof: 'whatsapp' });
    await restore(backup, recoveryCode);
    expect((await t.ok('loyalty:get', {})).joinProof).toBe('whatsapp');
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    expect(
      await t.call('consent:grant', { customerId: rudi.id, purposeId: memberPurpose, method: 'verbal' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } } });
  });
});

describe('a join code since the backup', () => {
  const SITI = '0812-3456-7890';
  /** Siti's join started before the backup (her code open in it); the backup's path and code. */
  async function codeOpenInBackup() {
    t = makeCore();
    const ids = await setupShop(t);
    const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
    await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: SITI });
    const { link } = await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] });
    const text = new URL(link).searchParams.get('text')!;
    const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)![1]!;
    const backup = await backupNow(t, ids.recoveryCode, others);
    return { siti, code, recoveryCode: ids.recoveryCode, backup };
  }

  it('used since stays used: the message the customer sent once records nothing a second time', async () => {
    const { siti, code, recoveryCode, backup } = await codeOpenInBackup();
    await t.ok('join:confirm', { customerId: siti.id, code, sender: SITI });
    await restore(backup, recoveryCode);
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
    });
    const events = await t.ok('consent:history', { customerId: siti.id });
    expect(events.filter((e) => e.proofCode === code)).toHaveLength(1);
  });

  it('a join started since the backup is remembered: the counter is not prompted to offer membership again within the quiet days', async () => {
    t = makeCore();
    const ids = await setupShop(t);
    const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
    await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
    const { purposeId } = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'points',
      rupiahPer: 10_000,
      expiryMonths: null,
      rewards: [],
    });
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: SITI });
    const backup = await backupNow(t, ids.recoveryCode, others);
    const quote = () => t.ok('loyalty:quote', { customerId: siti.id, amount: 20_000 });
    expect(await quote()).toMatchObject({ offer: true });
    // Asked since the backup; she did not send the message.
    const { link } = await t.ok('join:start', { customerId: siti.id, purposeIds: [purposeId!] });
    const text = new URL(link).searchParams.get('text')!;
    const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)![1]!;
    expect(await quote()).toMatchObject({ offer: false, offerWithheld: 'asked' });
    await restore(backup, ids.recoveryCode);
    expect(await quote()).toMatchObject({ offer: false, offerWithheld: 'asked' });
    // Remembered only: the code itself did not come back to life with the restore.
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
    });
    await auditHolds();
  });

  it('the wrong tries since still count: a restore gives no one more guesses', async () => {
    const { siti, code, recoveryCode, backup } = await codeOpenInBackup();
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    const tries = async () => t.call('join:confirm', { customerId: siti.id, code: wrong, sender: SITI });
    await tries();
    const second = await tries();
    await restore(backup, recoveryCode);
    const third = await tries();
    expect(third).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const left = (r: typeof second) =>
      r.ok ? null : (r.error.details as { attemptsLeft: number }).attemptsLeft;
    expect(left(third)).toBe(left(second)! - 1);
  });
});
