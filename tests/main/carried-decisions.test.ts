import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { digest, MANIFEST } from '../../src/main/services/backup/backup-file';
import { decryptedVault } from '../support/decrypted-pages';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * A restore brings back lost data, never a decision taken back: each decision a customer or the
 * law made after the backup still holds once that backup is restored, and the audit entries made
 * since stay in a chain that verifies.
 */
const WA = 2;
const ADDRESS = 'Jl. Kenanga Nomor 17, Blok Q';
const CICI_ADDRESS = 'Gang Melati 5, RT 03 RW 11';
let t: TestCore;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});

async function shopWithBackup(worker = false, beforeBackup?: (c: { siti: { id: number } }) => Promise<void>) {
  t = makeCore(
    // The bundled worker thread (what the app runs): the carry crosses to it sealed, as a message.
    worker ? { backupWorker: () => new Worker(join(__dirname, '../../out/main/backup-worker.js')) } : {},
  );
  const ids = await setupShop(t);
  const customer = (name: string, phone: string, address = ADDRESS) =>
    t.ok('customers:create', { name, phone, address, consents: [{ purposeId: WA, method: 'verbal' }] });
  const siti = await customer('Siti Aminah', '0812-3456-7890');
  const budi = await customer('Budi Santoso', '0812-1111-2222');
  const cici = await customer('Cici Lestari', '0812-3333-4444', CICI_ADDRESS);
  await beforeBackup?.({ siti });
  await t.ok('backups:enable', { code: ids.recoveryCode });
  const usb = tempDir('brankas-usb-');
  others.push(usb);
  t.dialogs.nextFolder = usb.dir;
  const { file } = await t.ok('backups:create', {});
  t.clock.advance(60_000);
  return { ...ids, siti, budi, cici, backup: join(usb.dir, file) };
}

/** The owner's restore: the file verified first (the screen shows what it holds), then restored. */
async function restore(backup: string, code: string) {
  t.dialogs.nextBackup = backup;
  const checked = await t.ok('backups:verify', { code });
  expect(checked.ok).toBe(true);
  await t.ok('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
  return checked;
}

const whatsappAudience = async () =>
  (await t.ok('audience:list', { channel: 'whatsapp' })).items.map((m) => m.name).sort();

async function auditHolds() {
  const verify = await t.ok('audit:verify', {});
  expect(verify).toMatchObject({ ok: true, firstBrokenId: null });
}

describe('a restore keeps the decisions made since the backup', () => {
  it('a restricted customer stays restricted: out of the WhatsApp audience', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    expect(await whatsappAudience()).toEqual(['Budi Santoso', 'Cici Lestari']);
    await restore(backup, recoveryCode);
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
    expect(await whatsappAudience()).toEqual(['Budi Santoso', 'Cici Lestari']);
    await auditHolds();
  });

  it('a withdrawn consent stays withdrawn, with its ledger row', async () => {
    const { budi, backup, recoveryCode } = await shopWithBackup();
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'paper' });
    await restore(backup, recoveryCode);
    expect(await whatsappAudience()).toEqual(['Cici Lestari', 'Siti Aminah']);
    const history = await t.ok('consent:history', { customerId: budi.id });
    expect(history.map((e) => [e.purposeId, e.action, e.method])).toEqual(
      expect.arrayContaining([[WA, 'withdrawn', 'paper']]),
    );
    const state = (await t.ok('customers:get', { id: budi.id })).consents.find((c) => c.purposeId === WA);
    expect(state?.granted).toBe(false);
    await auditHolds();
  });

  it('a cleared address stays empty, and is gone from every decrypted page of the restored vault', async () => {
    const { cici, backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:update', { id: cici.id, name: cici.name, phone: cici.phone, address: null });
    await restore(backup, recoveryCode);
    const after = await t.ok('customers:get', { id: cici.id });
    expect(after.address).toBeNull();
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(CICI_ADDRESS))).toBe(false);
    // The others' addresses came back (the restore still restores).
    const others = t.core.vault
      .requireDb()
      .prepare('SELECT count(*) FROM customers WHERE address = ?')
      .pluck()
      .get(ADDRESS);
    expect(others).toBe(2);
    await auditHolds();
  });

  it('an objection answered after the backup is still in the register, answered', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    const req = await t.ok('requests:create', {
      type: 'objection',
      customerId: siti.id,
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'done', note: 'Tidak lagi dipakai untuk promosi' });
    await restore(backup, recoveryCode);
    expect(await t.ok('requests:get', { id: req.id })).toMatchObject({
      type: 'objection',
      customerId: siti.id,
      status: 'done',
      action: 'done',
      outcome: 'Tidak lagi dipakai untuk promosi',
    });
    await auditHolds();
  });

  it('a customer kept past the date keeps the written reason', async () => {
    const { budi, backup, recoveryCode } = await shopWithBackup();
    await t.ok('retention:keep', { id: budi.id, reason: 'Sengketa garansi masih berjalan' });
    await restore(backup, recoveryCode);
    const row = t.core.vault
      .requireDb()
      .prepare('SELECT keep_reason, keep_until FROM customers WHERE id = ?')
      .get(budi.id) as { keep_reason: string | null; keep_until: number | null };
    expect(row.keep_reason).toBe('Sengketa garansi masih berjalan');
    expect(row.keep_until).toBeGreaterThan(t.clock.now());
    await auditHolds();
  });

  it('an open request and the answered ones survive, with their request.fulfil audit entries', async () => {
    const { siti, budi, cici, backup, recoveryCode } = await shopWithBackup();
    const open = await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    const restrict = await t.ok('requests:create', {
      type: 'restriction',
      customerId: budi.id,
      channel: 'letter',
      verification: 'Surat bertanda tangan',
    });
    await t.ok('requests:fulfil', { id: restrict.id, action: 'restrict' });
    const withdraw = await t.ok('requests:create', {
      type: 'withdrawal',
      customerId: cici.id,
      channel: 'whatsapp',
      verification: 'Nomor HP sama',
    });
    await t.ok('requests:fulfil', { id: withdraw.id, action: 'withdraw' });
    expect((await t.ok('audit:list', { action: 'request.fulfil' })).total).toBe(2);
    await restore(backup, recoveryCode);
    expect(await t.ok('requests:get', { id: open.id })).toMatchObject({
      status: 'open',
      customerId: siti.id,
    });
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1 });
    expect(await t.ok('requests:get', { id: restrict.id })).toMatchObject({
      status: 'done',
      action: 'restrict',
    });
    expect(await t.ok('requests:get', { id: withdraw.id })).toMatchObject({
      status: 'done',
      action: 'withdraw',
    });
    // What the answers did holds too.
    expect(await whatsappAudience()).toEqual(['Siti Aminah']);
    const fulfils = await t.ok('audit:list', { action: 'request.fulfil' });
    expect(fulfils.total).toBe(2);
    // The audit viewer still names the customer an entry is about.
    expect(fulfils.items.map((e) => e.targetName).sort()).toEqual(['Budi Santoso', 'Cici Lestari']);
    expect((await t.ok('audit:list', { action: 'request.create' })).total).toBe(3);
    await auditHolds();
  });

  it('an incident recorded after the backup is still there, with its notices', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    const incident = await t.ok('incident:create', {
      kind: 'wrong_recipient',
      description: 'Daftar pelanggan terkirim ke grup WhatsApp yang salah',
    });
    await t.ok('incident:scope', { id: incident.id, mode: 'list', ids: [siti.id], categories: ['contact'] });
    await t.ok('incident:notify', { id: incident.id, to: 'customer', customerId: siti.id, mode: 'print' });
    await restore(backup, recoveryCode);
    const list = await t.ok('incident:list', {});
    expect(list.map((i) => [i.id, i.kind, i.description, i.affected, i.notices])).toEqual([
      [
        incident.id,
        'wrong_recipient',
        'Daftar pelanggan terkirim ke grup WhatsApp yang salah',
        1,
        { customers: 1, authority: 0 },
      ],
    ]);
    await auditHolds();
  });

  it('a correction the customer asked for stays corrected; its old name and phone are not found', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    const req = await t.ok('requests:create', {
      type: 'correction',
      customerId: siti.id,
      channel: 'in_person',
      verification: 'KTP dicocokkan',
      details: 'Nama dan nomor HP salah ketik',
    });
    await t.ok('customers:update', {
      id: siti.id,
      name: 'Siti Aminah Putri',
      phone: '0813-9876-5432',
      address: ADDRESS,
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'done', note: 'Nama dan nomor HP dibetulkan' });
    await restore(backup, recoveryCode);
    expect(await t.ok('customers:get', { id: siti.id })).toMatchObject({
      name: 'Siti Aminah Putri',
      phone: '0813-9876-5432',
    });
    expect((await t.ok('customers:search', { query: '3456-7890' })).total).toBe(0);
    expect((await t.ok('customers:search', { query: '9876' })).items.map((c) => c.id)).toEqual([siti.id]);
    await auditHolds();
  });

  it('a field the shop stopped collecting stays off, its values gone; a disabled cashier stays disabled', async () => {
    const { cashierId, backup, recoveryCode } = await shopWithBackup();
    await t.ok('fields:update', {
      key: 'address',
      enabled: false,
      purpose: 'Tidak lagi mengantar pesanan',
      clearStored: true,
    });
    await t.ok('users:disable', { userId: cashierId });
    await restore(backup, recoveryCode);
    expect((await t.ok('fields:list', {})).find((f) => f.key === 'address')?.enabled).toBe(false);
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM customers WHERE address IS NOT NULL').pluck().get()).toBe(0);
    expect((await t.ok('users:list', {})).find((u) => u.id === cashierId)?.active).toBe(false);
    await auditHolds();
  });

  it('the audit entries since the backup are the same entries, and the chain verifies', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: WA, method: 'verbal' });
    const before = (await t.ok('audit:list', { limit: 500 })).items;
    await restore(backup, recoveryCode);
    const after = (await t.ok('audit:list', { limit: 500 })).items;
    const strip = (e: (typeof before)[number]) => [e.id, e.at, e.action, e.target, e.outcome];
    // Every entry there before the restore is still there, the same, and then the restore's own.
    expect(after.slice(-before.length).map(strip)).toEqual(before.map(strip));
    const newer = after.slice(0, after.length - before.length).map((e) => e.action);
    expect(newer).toEqual(expect.arrayContaining(['restore.carried', 'backups.restore']));
    const carried = after.find((e) => e.action === 'restore.carried')!;
    expect(carried.detail).toMatchObject({ restrictions: 1, consentWithdrawals: 1, audit: 'verbatim' });
    await auditHolds();
  });
});

/** Siti's sale of the next day, in the backup; her last activity is that sale's day. */
const saleInBackup = (sale: { id: number }) => async (c: { siti: { id: number } }) => {
  t.clock.advance(24 * 3_600_000);
  Object.assign(
    sale,
    await t.ok('purchases:create', { customerId: c.siti.id, amount: 25_000, items: ['Beras'] }),
  );
};

describe('a sale voided or corrected since the backup', () => {
  it('stays voided: out of her totals, and her last activity and deletion date are as after the void', async () => {
    const sale = { id: 0 };
    const { siti, backup, recoveryCode } = await shopWithBackup(false, saleInBackup(sale));
    const withSale = await t.ok('customers:get', { id: siti.id });
    expect(withSale.lastActivityAt).toBeGreaterThan(siti.createdAt);
    await t.ok('purchases:void', { id: sale.id, reason: 'Salah pelanggan' });
    const afterVoid = await t.ok('customers:get', { id: siti.id });
    // The void moved her activity back to before the sale (a voided sale is not activity).
    expect(afterVoid.lastActivityAt).toBeLessThan(withSale.lastActivityAt);
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    expect(checked.restorePreview?.reapplies).toMatchObject({ voids: 1, saleCorrections: 0 });
    expect(checked.restorePreview?.undoes.purchases).toBe(0);
    await restore(backup, recoveryCode);
    const page = await t.ok('purchases:list', { customerId: siti.id });
    expect(page.items.map((p) => [p.id, p.voided?.reason ?? null])).toEqual([[sale.id, 'Salah pelanggan']]);
    expect(page.totalAmount).toBe(0);
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after.lastActivityAt).toBe(afterVoid.lastActivityAt);
    expect(after.deletion).toEqual(afterVoid.deletion);
    await auditHolds();
  });

  it('a consent withdrawn since the backup is activity still: her last activity and deletion date stay', async () => {
    const { budi, backup, recoveryCode } = await shopWithBackup();
    t.clock.advance(3 * 24 * 3_600_000);
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'paper' });
    const before = await t.ok('customers:get', { id: budi.id });
    expect(before.lastActivityAt).toBe(t.clock.now());
    await restore(backup, recoveryCode);
    const after = await t.ok('customers:get', { id: budi.id });
    expect(after.lastActivityAt).toBe(before.lastActivityAt);
    expect(after.deletion).toEqual(before.deletion);
  });

  it('a corrected sale keeps its correction: the original voided, the corrected one in its place', async () => {
    const sale = { id: 0 };
    const { siti, backup, recoveryCode } = await shopWithBackup(false, saleInBackup(sale));
    const { correction } = await t.ok('purchases:void', {
      id: sale.id,
      reason: 'Jumlah salah',
      replacement: { amount: 20_000, items: ['Beras 5 kg'] },
    });
    const afterCorrection = await t.ok('customers:get', { id: siti.id });
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    // The corrected sale is carried with its correction, not counted as a sale the restore undoes.
    expect(checked.restorePreview?.reapplies).toMatchObject({ voids: 1, saleCorrections: 1 });
    expect(checked.restorePreview?.undoes.purchases).toBe(0);
    await restore(backup, recoveryCode);
    const page = await t.ok('purchases:list', { customerId: siti.id });
    const rows = page.items.map((p) => ({
      id: p.id,
      amount: p.amount,
      items: p.items,
      corrects: p.corrects,
      voided: p.voided !== null,
    }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: sale.id, amount: 25_000, items: ['Beras'], corrects: null, voided: true },
        { id: correction!.id, amount: 20_000, items: ['Beras 5 kg'], corrects: sale.id, voided: false },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(page.totalAmount).toBe(20_000);
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after.lastActivityAt).toBe(afterCorrection.lastActivityAt);
    await auditHolds();
  });
});

describe('before the owner confirms', () => {
  it('the verified file comes with what the restore undoes and what it applies again, as counts', async () => {
    const { siti, budi, cici, backup, recoveryCode, ownerId } = await shopWithBackup();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'verbal' });
    await t.ok('customers:update', { id: cici.id, name: 'Cici L.', phone: null, address: null });
    await t.ok('retention:keep', { id: budi.id, reason: 'Sengketa garansi masih berjalan' });
    const req = await t.ok('requests:create', {
      type: 'objection',
      customerId: siti.id,
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'done', note: 'Dicatat' });
    await t.ok('incident:create', { kind: 'other', description: 'Printer menyimpan salinan struk' });
    const dodi = await t.ok('customers:create', {
      name: 'Dodi (after the backup)',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    await t.ok('consent:withdraw', { customerId: dodi.id, purposeId: WA, method: 'verbal' });
    await t.ok('purchases:create', { customerId: dodi.id, amount: 10_000, items: ['Gula'] });
    await t.ok('purchases:create', { customerId: siti.id, amount: 20_000, items: ['Kopi'] });
    const { noticeVersion, ...settings } = await t.ok('settings:get', {});
    expect(noticeVersion).toBeGreaterThan(0);
    await t.ok('settings:update', { ...settings, shopContact: '0361 555 123', autoLockMinutes: 10 });
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    expect(checked.restorePreview).toEqual({
      // Cici's new name is undone (her cleared phone and address are not); Dodi, his consent given
      // and withdrawn, two sales and two settings changed since are lost.
      undoes: {
        customersAdded: 1,
        customersEdited: 1,
        purchases: 2,
        consentChanges: 2,
        settingsChanged: 2,
        pointAdjustments: 0,
      },
      reapplies: {
        erasures: 0,
        restrictions: 1,
        consentWithdrawals: 1,
        consentGrants: 0,
        clearedFields: 2,
        keeps: 1,
        requests: 1,
        objections: 1,
        incidents: 1,
        corrections: 0,
        voids: 0,
        saleCorrections: 0,
        fieldsStopped: 0,
        staffRemoved: 0,
        memberProgramme: 0,
        pointAdjustments: 0,
        purposes: 0,
        auditEntries: expect.any(Number),
      },
    });
    expect(checked.restorePreview!.reapplies.auditEntries).toBeGreaterThanOrEqual(10);
    // Counts only: no name, phone or address of anyone.
    const text = JSON.stringify(checked.restorePreview);
    for (const s of ['Siti', 'Budi', 'Cici', 'Dodi', 'Kenanga', 'Melati', '812', ownerId])
      expect(text).not.toContain(s);
    // Nothing changed by looking.
    expect((await t.ok('customers:search', { query: '' })).total).toBe(4);
  });
});

/**
 * The backup as the app before the customer-ids migration wrote it (its customers table without
 * AUTOINCREMENT, schema 140, none of the later tables); its customers' rows stay the same.
 */
async function asOlderSchema(backup: string, code: string) {
  const { default: Database } = await import('better-sqlite3-multiple-ciphers');
  const db = new Database(backup);
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = '${code.replace(/-/g, '')}'`);
    db.pragma('foreign_keys = OFF');
    db.pragma('legacy_alter_table = ON');
    const schema = db.prepare('SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND sql IS NOT NULL');
    const [table, ...dependants] = schema.pluck().all('customers') as string[];
    db.exec('ALTER TABLE customers RENAME TO customers_old');
    db.exec(
      table!.replace(/^CREATE TABLE "?customers"?/, 'CREATE TABLE customers').replace(' AUTOINCREMENT', ''),
    );
    db.exec('INSERT INTO customers SELECT * FROM customers_old; DROP TABLE customers_old');
    for (const sql of dependants) db.exec(sql);
    db.exec("DELETE FROM sqlite_sequence WHERE name = 'customers'");
    // Nor what later migrations added (POS receipts, products, send marks, an incident's late
    // reason, the second counter's tables, the member programme's, the dashboard's indexes and
    // kept months); the app of schema 140 wrote its manifest over the tables it had.
    db.exec('ALTER TABLE incidents DROP COLUMN late_reason');
    db.exec('DROP TABLE pos_receipts; DROP TABLE products; DROP TABLE audience_sends');
    db.exec('DROP TABLE lan_remembered; DROP TABLE lan_devices; DROP TABLE lan_identity');
    // Nor WhatsApp-proven consent's proof code and tables, nor member cards.
    db.exec('ALTER TABLE consent_events DROP COLUMN proof_code');
    db.exec('DROP TABLE join_codes; DROP TABLE phone_confirmations; DROP TABLE member_codes');
    db.exec('DROP INDEX purchases_standing');
    // Nor the dashboard's kept months, their triggers and its index of standing sales by time.
    db.exec(
      `DROP TRIGGER dashboard_months_sale_added; DROP TRIGGER dashboard_months_sale_changed;
       DROP TRIGGER dashboard_months_sale_removed; DROP INDEX purchases_standing_time;
       DROP INDEX purchases_standing_month;
       DROP TABLE dashboard_months; DROP TABLE dashboard_sales_generation; DROP TABLE dashboard_first_sales`,
    );
    db.exec(
      'DROP TABLE loyalty_ledger; DROP TABLE loyalty_rewards; ALTER TABLE purchases DROP COLUMN discount',
    );
    const manifest = JSON.parse(
      db.prepare(`SELECT value FROM ${MANIFEST} WHERE key = 'manifest'`).pluck().get() as string,
    ) as Record<string, unknown>;
    db.prepare(`UPDATE ${MANIFEST} SET value = ? WHERE key = 'manifest'`).run(
      JSON.stringify({ ...manifest, ...digest(db) }),
    );
    db.pragma('user_version = 140');
  } finally {
    db.close();
  }
}

describe('a backup of an older schema', () => {
  it('is compared through a copy migrated in memory: the preview counts what the restore does', async () => {
    const { siti, budi, backup, recoveryCode } = await shopWithBackup();
    await asOlderSchema(backup, recoveryCode);
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'verbal' });
    await t.ok('customers:create', { name: 'Dodi' });
    const backupBefore = readFileSync(backup);
    const filesBefore = readdirSync(t.dir).sort();
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    expect(checked.ok).toBe(true);
    expect(checked.restorePreview).toMatchObject({
      undoes: { customersAdded: 1, customersEdited: 0, purchases: 0 },
      reapplies: { restrictions: 1, consentWithdrawals: 1, erasures: 0 },
    });
    // Looking migrated nothing on disk: the file and the data folder are as they were.
    expect(readFileSync(backup).equals(backupBefore)).toBe(true);
    expect(readdirSync(t.dir).sort()).toEqual(filesBefore);
    // And the restore (which migrates the file) does what the preview said.
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
    expect(await whatsappAudience()).toEqual(['Cici Lestari']);
    await auditHolds();
  });

  it('a backup that cannot be compared (a newer schema) gives no counts, and the file is untouched', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    const { default: Database } = await import('better-sqlite3-multiple-ciphers');
    const db = new Database(backup);
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = '${recoveryCode.replace(/-/g, '')}'`);
    db.pragma('user_version = 990');
    db.close();
    const before = readFileSync(backup);
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    // The screen says it cannot compare (tests/renderer/restore-preview.test.tsx).
    expect(checked.restorePreview).toBeNull();
    expect(readFileSync(backup).equals(before)).toBe(true);
  });
});

describe('a restore of a file not verified first', () => {
  it("carries only the audit entries after the backup's own last entry, however long the log", async () => {
    const ENTRIES = 20_000;
    const { siti, backup, recoveryCode } = await shopWithBackup(false, async () => {
      const { appendAudit } = await import('../../src/main/services/audit.service');
      const db = t.core.vault.requireDb();
      db.transaction(() => {
        for (let i = 0; i < ENTRIES; i++)
          appendAudit(db, {
            at: t.clock.now(),
            actor: null,
            action: 'customer.view',
            outcome: 'ok',
            detail: { i },
          });
      })();
    });
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    const db = t.core.vault.requireDb();
    const inBackup = db
      .prepare(
        "SELECT max(id) FROM audit_log WHERE id < (SELECT min(id) FROM audit_log WHERE action = 'backups.create')",
      )
      .pluck()
      .get() as number;
    expect(inBackup).toBeGreaterThan(ENTRIES);
    const head = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    const { openCarry } = await import('../../src/main/services/backup/carried-decisions');
    const newDek = randomBytes(32);
    const sealed = await t.core.backups.restoreCarry({ progress: () => undefined } as never, newDek, {
      verified: false,
      path: backup,
      code: recoveryCode.replace(/-/g, ''),
    });
    const carried = openCarry(sealed.decisions, newDek).audit.map((e) => e.id);
    // From the backup's last entry (the restored chain's head, which ties the two) to today's head.
    expect(carried[0]).toBe(inBackup);
    expect(carried[carried.length - 1]).toBe(head);
    expect(carried.length).toBeLessThan(20);

    // The restore itself, without the verify step: every entry is there once, and the chain holds.
    const all = (db.prepare('SELECT id, hash FROM audit_log ORDER BY id').raw().all() as unknown[][]).map(
      String,
    );
    t.dialogs.nextBackup = backup;
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    const restored = t.core.vault.requireDb();
    const after = (
      restored.prepare('SELECT id, hash FROM audit_log ORDER BY id').raw().all() as unknown[][]
    ).map(String);
    expect(after.slice(0, all.length)).toEqual(all);
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
    await auditHolds();
  });
});

describe('audit entries from a chain the backup is not part of', () => {
  it('are appended anew with their original times, and the restored chain verifies', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    const { decisionCarry, sealCarry } = await import('../../src/main/services/backup/carried-decisions');
    const { prepareRestoredVault, restorePaths } = await import('../../src/main/services/backup/restore');
    const { openVault } = await import('../../src/main/vault/database');
    const { verifyAudit } = await import('../../src/main/services/audit.service');
    const carry = decisionCarry(t.core.vault.requireDb(), t.clock.now());
    // Another chain from the backup's last entry on (the current vault's entry there is another).
    const made = carry.audit.find((e) => e.action === 'backups.create')!;
    carry.audit = carry.audit.map((e) => (e.id >= made.id - 1 ? { ...e, hash: `x${e.hash.slice(1)}` } : e));
    const newDek = randomBytes(32);
    prepareRestoredVault({
      dataDir: t.dir,
      backupPath: backup,
      code: recoveryCode.replace(/-/g, ''),
      newDek,
      carry: { decisions: sealCarry(carry, newDek) },
    });
    const db = openVault(restorePaths(t.dir).nextVault, newDek);
    try {
      expect(verifyAudit(db)).toMatchObject({ ok: true });
      const summary = db
        .prepare("SELECT detail FROM audit_log WHERE action = 'restore.carried'")
        .pluck()
        .get();
      expect(JSON.parse(summary as string)).toMatchObject({ audit: 'appended', restrictions: 1 });
      // Each entry since the backup is there once, at its original time; none from before doubled.
      const count = db.prepare('SELECT count(*) FROM audit_log WHERE action = ? AND at = ?').pluck();
      for (const e of carry.audit.filter((a) => a.id >= made.id)) expect(count.get(e.action, e.at)).toBe(1);
      expect(
        db.prepare("SELECT count(*) FROM audit_log WHERE action = 'customer.create'").pluck().get(),
      ).toBe(3);
      expect(db.prepare('SELECT restricted FROM customers WHERE id = ?').pluck().get(siti.id)).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('on the bundled worker (what the app runs)', () => {
  it('the preview and the restore carry the decisions the same way', async () => {
    const { siti, budi, backup, recoveryCode } = await shopWithBackup(true);
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: budi.id, purposeId: WA, method: 'verbal' });
    const checked = await restore(backup, recoveryCode);
    expect(checked.restorePreview?.reapplies).toMatchObject({ restrictions: 1, consentWithdrawals: 1 });
    expect(await whatsappAudience()).toEqual(['Cici Lestari']);
    await auditHolds();
  });
  it('a void, an older backup and a file not verified first, all read on the worker', async () => {
    const sale = { id: 0 };
    const { siti, backup, recoveryCode } = await shopWithBackup(true, saleInBackup(sale));
    await asOlderSchema(backup, recoveryCode);
    await t.ok('purchases:void', { id: sale.id, reason: 'Salah pelanggan' });
    const afterVoid = await t.ok('customers:get', { id: siti.id });
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    expect(checked.restorePreview?.reapplies).toMatchObject({ voids: 1, saleCorrections: 0 });
    // Restored as a file picked at the restore itself (where it ends is read on the worker).
    t.core.backups.takeVerified();
    t.dialogs.nextBackup = backup;
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    const page = await t.ok('purchases:list', { customerId: siti.id });
    expect(page.items.map((p) => p.voided?.reason ?? null)).toEqual(['Salah pelanggan']);
    expect((await t.ok('customers:get', { id: siti.id })).lastActivityAt).toBe(afterVoid.lastActivityAt);
    const carried = (await t.ok('audit:list', { limit: 500 })).items.find(
      (e) => e.action === 'restore.carried',
    );
    expect(carried?.detail).toMatchObject({ voids: 1, audit: 'verbatim' });
    await auditHolds();
  });
});

describe('the carried decisions are sealed', () => {
  it('a tampered carry is refused with a clear error and changes nothing', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    const { decisionCarry, sealCarry } = await import('../../src/main/services/backup/carried-decisions');
    const { prepareRestoredVault, restorePaths } = await import('../../src/main/services/backup/restore');
    const { errorMessage } = await import('../../src/shared/messages');
    const newDek = randomBytes(32);
    const sealed = sealCarry(decisionCarry(t.core.vault.requireDb(), t.clock.now()), newDek);
    // Sealed: no customer's data readable in what crosses to the worker.
    expect(JSON.stringify(sealed)).not.toContain('Siti');
    expect(JSON.stringify(sealed)).not.toContain('restricted');
    const vaultBefore = readFileSync(join(t.dir, 'vault.db'));
    const data = Buffer.from(sealed.data, 'base64');
    data[7] = data[7]! ^ 0x01;
    const attempts = [
      { ...sealed, data: data.toString('base64') },
      { ...sealed, tag: Buffer.alloc(16).toString('base64') },
      { format: 1, audit: [], customers: [] },
      'not a carry',
    ];
    for (const decisions of attempts) {
      let thrown: unknown = null;
      try {
        prepareRestoredVault({
          dataDir: t.dir,
          backupPath: backup,
          code: recoveryCode.replace(/-/g, ''),
          newDek,
          carry: { decisions },
        });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toMatchObject({ code: 'CORRUPT', details: { reason: 'carry_tampered' } });
      expect(existsSync(restorePaths(t.dir).nextVault)).toBe(false);
    }
    expect(readdirSync(t.dir).filter((f) => f.includes('restore'))).toEqual([]);
    expect(readFileSync(join(t.dir, 'vault.db')).equals(vaultBefore)).toBe(true);
    expect(errorMessage('CORRUPT', 'id', { reason: 'carry_tampered' })).toMatch(
      /diubah.*Tidak ada yang berubah/,
    );
    expect(errorMessage('CORRUPT', 'en', { reason: 'carry_tampered' })).toMatch(/altered.*Nothing changed/);
    // The same carry, untouched, is accepted for the same restore key.
    prepareRestoredVault({
      dataDir: t.dir,
      backupPath: backup,
      code: recoveryCode.replace(/-/g, ''),
      newDek,
      carry: { decisions: sealed },
    });
    expect(existsSync(restorePaths(t.dir).nextVault)).toBe(true);
  });

  it('a carry sealed for another restore is refused', async () => {
    const { backup, recoveryCode } = await shopWithBackup();
    const { decisionCarry, sealCarry } = await import('../../src/main/services/backup/carried-decisions');
    const { prepareRestoredVault } = await import('../../src/main/services/backup/restore');
    const sealed = sealCarry(decisionCarry(t.core.vault.requireDb(), t.clock.now()), randomBytes(32));
    expect(() =>
      prepareRestoredVault({
        dataDir: t.dir,
        backupPath: backup,
        code: recoveryCode.replace(/-/g, ''),
        newDek: randomBytes(32),
        carry: { decisions: sealed },
      }),
    ).toThrow(expect.objectContaining({ code: 'CORRUPT' }) as Error);
  });
});

describe("a restore keeps the member programme's decisions made since the backup", () => {
  const POINTS = {
    enabled: true,
    mode: 'points' as const,
    rupiahPer: 10_000,
    expiryMonths: null,
    // Siti joins at the counter here: what a restore keeps is what is tested.
    joinProof: 'whatsapp_or_counter' as const,
    rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
  };
  const REASON = 'Qzxjw hadiah ulang tahun Siti Vvkpq';
  const state = { purposeId: 0, saleId: 0 };
  /** Before the backup: the programme on, Siti a member with 8 points from one sale and 3 from the owner. */
  const memberInBackup = async ({ siti }: { siti: { id: number } }) => {
    state.purposeId = (await t.ok('loyalty:save', POINTS)).purposeId!;
    await t.ok('consent:grant', { customerId: siti.id, purposeId: state.purposeId, method: 'verbal' });
    state.saleId = (
      await t.ok('purchases:create', { customerId: siti.id, amount: 80_000, items: ['Beras'] })
    ).id;
    await t.ok('loyalty:adjust', { customerId: siti.id, points: 3, reason: REASON });
  };
  const points = (id: number) =>
    t.core.vault
      .requireDb()
      .prepare('SELECT kind, points FROM loyalty_ledger WHERE customer_id = ? ORDER BY id')
      .all(id) as { kind: string; points: number }[];

  it('a withdrawal from the member purpose stays: no points, no ledger, no earning', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    expect(points(siti.id)).toHaveLength(2);
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: state.purposeId, method: 'verbal' });
    await restore(backup, recoveryCode);
    expect(points(siti.id)).toEqual([]);
    const h = await t.ok('loyalty:history', { customerId: siti.id });
    expect(h.status).toMatchObject({ member: false, balance: 0 });
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(REASON))).toBe(false);
    await auditHolds();
  });

  it('the owner tightening joining to WhatsApp only since the backup stays: no counter grant of the member purpose after the restore', async () => {
    const { budi, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    const now = await t.ok('loyalty:get', {});
    await t.ok('loyalty:save', { ...POINTS, rewards: now.rewards, joinProof: 'whatsapp' });
    t.dialogs.nextBackup = backup;
    expect((await t.ok('backups:verify', { code: recoveryCode })).restorePreview?.reapplies).toMatchObject({
      memberProgramme: 1,
    });
    await restore(backup, recoveryCode);
    expect((await t.ok('loyalty:get', {})).joinProof).toBe('whatsapp');
    expect(
      await t.call('consent:grant', { customerId: budi.id, purposeId: state.purposeId, method: 'verbal' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } } });
    // The notice in force says the rule that holds.
    const notice = JSON.stringify((await t.ok('docs:current', { kind: 'notice' })).text);
    expect(notice).toMatch(/hanya dengan mengirim pesan WhatsApp dari ponsel Anda sendiri/);
    await auditHolds();
  });

  it('an erasure stays: the ledger is gone with her, to the last decrypted page', async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    await t.ok('customers:erase', { id: siti.id, confirm: true });
    await restore(backup, recoveryCode);
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(REASON))).toBe(false);
    await auditHolds();
  });

  it("a correction stays with its points: the original's taken back, the correction's earned", async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    await t.ok('purchases:void', {
      id: state.saleId,
      reason: 'Salah jumlah',
      replacement: { amount: 50_000, items: ['Beras'] },
    });
    const before = points(siti.id);
    expect(before.reduce((n, r) => n + r.points, 0)).toBe(8);
    await restore(backup, recoveryCode);
    // The same rows (the restore puts the correction back before voiding the original again).
    const order = (rows: { kind: string; points: number }[]) =>
      rows.map((r) => `${r.kind} ${r.points}`).sort();
    expect(order(points(siti.id))).toEqual(order(before));
    await auditHolds();
  });

  it("a void stays: the sale's points are taken back again; a restriction stays: no earning, no reward", async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    await t.ok('purchases:void', { id: state.saleId, reason: 'Salah pelanggan' });
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await restore(backup, recoveryCode);
    expect(points(siti.id).reduce((n, r) => n + r.points, 0)).toBe(3);
    expect(points(siti.id).at(-1)).toEqual({ kind: 'reversed', points: -8 });
    const quote = await t.ok('loyalty:quote', { customerId: siti.id, amount: 90_000 });
    expect(quote).toMatchObject({ active: false, earned: 0, offer: false });
    await auditHolds();
  });
  it('the programme first turned on since the backup comes back whole: its settings, rewards and one member purpose; the preview says so', async () => {
    const { siti, budi, backup, recoveryCode } = await shopWithBackup();
    const on = await t.ok('loyalty:save', POINTS);
    await t.ok('consent:grant', { customerId: siti.id, purposeId: on.purposeId!, method: 'verbal' });
    t.dialogs.nextBackup = backup;
    const checked = await t.ok('backups:verify', { code: recoveryCode });
    expect(checked.restorePreview?.reapplies).toMatchObject({ memberProgramme: 1, consentGrants: 1 });
    await restore(backup, recoveryCode);
    // The settings and rewards as the owner left them, naming the carried member purpose.
    const back = await t.ok('loyalty:get', {});
    expect(back).toMatchObject({ enabled: true, mode: 'points', rupiahPer: 10_000, purposeId: on.purposeId });
    expect(back.rewards.map((r) => [r.name, r.cost, r.discount, r.active])).toEqual([
      ['Kopi gratis', 10, 15_000, true],
    ]);
    // Siti consented: a member; Budi did not: no point for him, only the offer.
    expect((await t.ok('loyalty:quote', { customerId: siti.id, amount: 50_000 })).earned).toBe(5);
    expect(await t.ok('loyalty:quote', { customerId: budi.id, amount: 50_000 })).toMatchObject({
      earned: 0,
      offer: true,
    });
    // The notice in force says the programme; saving it again makes no second member purpose.
    const notice = await t.ok('docs:current', { kind: 'notice' });
    expect(notice.text.sections.some((x) => x.title === 'Program member')).toBe(true);
    await t.ok('loyalty:save', { ...POINTS, rewards: back.rewards });
    const members = (await t.ok('purposes:list', {})).filter((p) => p.name === 'Program member');
    expect(members.map((p) => p.id)).toEqual([on.purposeId]);
    await auditHolds();
  });
  it("the programme's changes since the backup stay: the member purpose's new name, a reward changed, the programme switched off", async () => {
    const { siti, backup, recoveryCode } = await shopWithBackup(false, memberInBackup);
    const purpose = (await t.ok('purposes:list', {})).find((p) => p.id === state.purposeId)!;
    await t.ok('purposes:save', { ...purpose, name: 'Member Kopi Kita' });
    const now = await t.ok('loyalty:get', {});
    await t.ok('loyalty:save', {
      ...POINTS,
      enabled: false,
      rewards: [{ ...now.rewards[0]!, cost: 12 }],
    });
    await restore(backup, recoveryCode);
    const back = await t.ok('loyalty:get', {});
    expect(back).toMatchObject({ enabled: false, purposeId: state.purposeId });
    expect(back.rewards.map((r) => r.cost)).toEqual([12]);
    expect((await t.ok('purposes:list', {})).find((p) => p.id === state.purposeId)).toMatchObject({
      name: 'Member Kopi Kita',
      active: false,
    });
    // Off: nothing earned; her 11 points kept (the notice says paused).
    expect(await t.ok('loyalty:quote', { customerId: siti.id, amount: 90_000 })).toMatchObject({
      earned: 0,
      balance: 11,
    });
    await auditHolds();
  });
});
