import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * A customer id names one person for good: after the newest customer is erased, the next one
 * gets a new id, and a customer's record of processing (access report, portability file, the
 * names beside audit entries) never lists what was done to someone before them.
 */
let t: TestCore;
const usb = tempDir('brankas-usb-');
afterEach(() => t?.cleanup());
afterAll(() => usb.cleanup());

async function personWithHistory(): Promise<number> {
  const a = await t.ok('customers:create', { name: 'Ani Lama', phone: '0812-1111-2222' });
  for (let i = 0; i < 3; i++) await t.ok('customers:get', { id: a.id });
  await t.ok('purchases:create', { customerId: a.id, amount: 5_000, items: ['Gula'] });
  t.clock.advance(60_000);
  await t.ok('customers:erase', { id: a.id, confirm: true });
  t.clock.advance(60_000);
  return a.id;
}

/** B's portability file (the same data as the access report), through the owner's request flow. */
async function portability(customerId: number) {
  const req = await t.ok('requests:create', {
    type: 'portability',
    customerId,
    channel: 'whatsapp',
    verification: 'Nomor WhatsApp cocok',
  });
  await t.ok('requests:fulfil', { id: req.id, action: 'portability_export' });
  const json = t.dialogs.saved.find((f) => f.name.endsWith('.json'))!;
  return JSON.parse(String(json.data)) as {
    customer: { id: number; name: string };
    processing: { at: string; action: string }[];
  };
}

/** A shop with one customer and a backup of it on the "USB stick". */
async function shopWithBackup(): Promise<{ recoveryCode: string; file: string }> {
  t = makeCore();
  const { recoveryCode } = await setupShop(t);
  await t.ok('customers:create', { name: 'Pertama' });
  await t.ok('backups:enable', { code: recoveryCode });
  t.dialogs.nextFolder = usb.dir;
  const { file } = await t.ok('backups:create', {});
  return { recoveryCode, file };
}

describe('customer ids are never reused', () => {
  it('the customer added after the newest was erased gets a new id', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('customers:create', { name: 'Pertama' });
    const erased = await personWithHistory();
    const b = await t.ok('customers:create', { name: 'Budi Baru' });
    expect(b.id).toBeGreaterThan(erased);
    // Still so after a restart (the counter lives in the vault).
    t.core.dispose();
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    await again.ok('customers:erase', { id: b.id, confirm: true });
    const c = await again.ok('customers:create', { name: 'Citra' });
    expect(c.id).toBeGreaterThan(b.id);
    again.core.dispose();
  });

  it('after a restore of an older backup, an id erased since the backup is not handed out again', async () => {
    const { recoveryCode, file } = await shopWithBackup();
    const erased = await personWithHistory(); // created and erased after the backup
    t.dialogs.nextBackup = `${usb.dir}/${file}`;
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    const b = await t.ok('customers:create', { name: 'Budi Baru' });
    expect(b.id).toBeGreaterThan(erased);
  });

  it("in a vault that already gave A's id to B, B's report and the audit viewer show none of A's entries", async () => {
    t = makeCore();
    await setupShop(t);
    const erased = await personWithHistory();
    // What an older version did: the next customer takes the erased one's id.
    t.core.vault
      .requireDb()
      .prepare("UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'customers'")
      .run();
    const b = await t.ok('customers:create', { name: 'Budi Baru' });
    expect(b.id).toBe(erased);

    const data = await portability(b.id);
    expect(data.customer.name).toBe('Budi Baru');
    expect(data.processing.length).toBeGreaterThan(0); // B's own creation and request
    for (const p of data.processing) expect(Date.parse(p.at)).toBeGreaterThanOrEqual(b.createdAt);
    expect(data.processing.map((p) => p.action)).not.toContain('customer.view');
    expect(data.processing.map((p) => p.action)).not.toContain('purchase.create');

    const log = (await t.ok('audit:list', { limit: 500 })).items.filter((e) => e.target === String(b.id));
    const beforeB = log.filter((e) => e.at < b.createdAt);
    expect(beforeB.length).toBeGreaterThan(3); // A's views, sale and erasure
    for (const e of beforeB) expect(e.targetName, e.action).toBeNull();
    expect(log.filter((e) => e.at >= b.createdAt).every((e) => e.targetName === 'Budi Baru')).toBe(true);
    const filtered = (await t.ok('audit:list', { limit: 500, customerId: b.id })).items;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.at >= b.createdAt)).toBe(true);
  });
  it("the newest customer erased after a backup: after the restore the next customer gets a new id, and B's report lists none of A's entries", async () => {
    t = makeCore();
    const { recoveryCode } = await setupShop(t);
    await t.ok('customers:create', { name: 'Pertama' });
    // A is in the backup, with history before and after it.
    const a = await t.ok('customers:create', { name: 'Ani Lama', phone: '0812-1111-2222' });
    await t.ok('customers:get', { id: a.id });
    await t.ok('purchases:create', { customerId: a.id, amount: 5_000, items: ['Gula'] });
    await t.ok('backups:enable', { code: recoveryCode });
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    t.clock.advance(60_000);
    for (let i = 0; i < 2; i++) await t.ok('customers:get', { id: a.id });
    await t.ok('customers:erase', { id: a.id, confirm: true });
    t.clock.advance(60_000);
    t.dialogs.nextBackup = `${usb.dir}/${file}`;
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect((await t.call('customers:get', { id: a.id })).ok, 'the erasure is carried').toBe(false);
    t.clock.advance(60_000);

    const b = await t.ok('customers:create', { name: 'Budi Baru' });
    expect(b.id).toBeGreaterThan(a.id);
    const data = await portability(b.id);
    expect(data.customer.name).toBe('Budi Baru');
    expect(data.processing.length).toBeGreaterThan(0);
    for (const p of data.processing) expect(Date.parse(p.at)).toBeGreaterThanOrEqual(b.createdAt);
    expect(data.processing.map((p) => p.action)).not.toContain('customer.view');
    expect(data.processing.map((p) => p.action)).not.toContain('purchase.create');
    const log = (await t.ok('audit:list', { limit: 500 })).items;
    // A's entries (from both sides of the backup) are still A's, never labelled with B's name.
    const aEntries = log.filter((e) => e.target === String(a.id));
    expect(aEntries.filter((e) => e.action === 'customer.view').length).toBeGreaterThanOrEqual(3);
    for (const e of aEntries) expect(e.targetName, e.action).not.toBe('Budi Baru');
    expect(
      (await t.ok('audit:list', { limit: 500, customerId: b.id })).items.every(
        (e) => e.target === String(b.id),
      ),
    ).toBe(true);
  });

  it('a customer added after the backup (the restore takes the creation back, its entries stay): the next one gets a new id', async () => {
    const { recoveryCode, file } = await shopWithBackup();
    t.clock.advance(60_000);
    const a = await t.ok('customers:create', { name: 'Ani Lama', phone: '0812-1111-2222' });
    for (let i = 0; i < 3; i++) await t.ok('customers:get', { id: a.id });
    await t.ok('purchases:create', { customerId: a.id, amount: 5_000, items: ['Gula'] });
    t.clock.advance(60_000);
    t.dialogs.nextBackup = `${usb.dir}/${file}`;
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    t.clock.advance(60_000);

    const b = await t.ok('customers:create', { name: 'Budi Baru' });
    expect(b.id).toBeGreaterThan(a.id);
    const data = await portability(b.id);
    for (const p of data.processing) expect(Date.parse(p.at)).toBeGreaterThanOrEqual(b.createdAt);
    expect(data.processing.map((p) => p.action)).not.toContain('customer.view');
    const log = (await t.ok('audit:list', { limit: 500 })).items;
    for (const e of log.filter((x) => x.target === String(a.id)))
      expect(e.targetName, e.action).not.toBe('Budi Baru');
  });
});
