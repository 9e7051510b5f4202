import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('audit chain', () => {
  it('records logins, locks, changes and full views, and verifies', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const c = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    await t.ok('customers:update', {
      id: c.id,
      name: 'Siti Aminah',
      phone: '0812-3456-7890',
      address: 'Jl. Melati 5',
    });
    await t.ok('customers:get', { id: c.id });
    await t.ok('customers:search', { query: 'siti' });
    await t.ok('auth:lock', {});
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: '271828' });

    const log = await t.ok('audit:list', { limit: 100 });
    const actions = log.items.map((e) => `${e.action}:${e.outcome}`).reverse();
    expect(actions).toEqual(
      expect.arrayContaining([
        'setup.create:ok',
        'users.create:ok',
        'auth.unlock:ok',
        'auth.lock:ok',
        'auth.changePin:ok',
        'customer.create:ok',
        'customer.update:ok',
        'customer.view:ok',
      ]),
    );
    const update = log.items.find((e) => e.action === 'customer.update')!;
    expect(update.detail.fields).toEqual(['address']);
    expect(update.target).toBe(String(c.id));
    expect(update.actorName).toBe('Andi');
    // No personal data in the log as stored: not the name, phone (in any stored form: its national
    // digits sit inside 0812..., 62812... and +62812...) or address. A fragment as short as '3456'
    // also turns up by chance in the random hashes and ids, so whole values are looked for.
    const text = JSON.stringify(t.core.vault.requireDb().prepare('SELECT * FROM audit_log').all());
    for (const pii of ['Siti', 'Aminah', '81234567890', '3456-7890', 'Melati'])
      expect(text).not.toContain(pii);
    // The owner's view names the customer, looked up now; never the phone or address.
    expect(update.targetName).toBe('Siti Aminah');
    const shown = JSON.stringify(log.items);
    for (const pii of ['3456', 'Melati']) expect(shown).not.toContain(pii);
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('a row changed through raw SQL is named by verify', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 5; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    const db = t.core.vault.requireDb();
    const target = db
      .prepare("SELECT id FROM audit_log WHERE action = 'customer.create' ORDER BY id LIMIT 1 OFFSET 2")
      .get() as { id: number };
    db.prepare('UPDATE audit_log SET actor = NULL WHERE id = ?').run(target.id);
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: false, firstBrokenId: target.id });
  });

  it('a deleted row in the middle is named too', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 4; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    const db = t.core.vault.requireDb();
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});

describe('the audit log the owner reads', () => {
  it('filters by user, action and day; erased customers are named by no one', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    const { cashierId, ownerId } = await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Siti Aminah' });
    clock.setWall(clock.now() + 2 * 86_400_000);
    await t.ok('customers:get', { id: c.id });
    const all = await t.ok('audit:list', { limit: 500 });
    expect(all.actions).toEqual(expect.arrayContaining(['customer.create', 'customer.view', 'setup.create']));
    const views = await t.ok('audit:list', { action: 'customer.view' });
    expect(views.items.map((e) => [e.action, e.targetName])).toEqual([['customer.view', 'Siti Aminah']]);
    const byOwner = await t.ok('audit:list', { actorId: ownerId, limit: 500 });
    expect(byOwner.items.every((e) => e.actorId === ownerId)).toBe(true);
    expect((await t.ok('audit:list', { actorId: cashierId })).total).toBe(0);
    const lastDay = await t.ok('audit:list', { from: clock.now() - 3_600_000, limit: 500 });
    expect(lastDay.items.map((e) => e.action)).toEqual(['customer.view']);
    await t.ok('customers:erase', { id: c.id, confirm: true });
    const after = await t.ok('audit:list', { action: 'customer.create' });
    expect(after.items[0]).toMatchObject({ target: String(c.id), targetName: null });
  });
});

describe('the audit viewer', () => {
  it('filters by customer and exports CSV with ids only, never names or phones', async () => {
    t = makeCore();
    await setupShop(t);
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    const budi = await t.ok('customers:create', { name: 'Budi', phone: '0813-1111-2222' });
    await t.ok('customers:get', { id: siti.id });
    await t.ok('customers:get', { id: budi.id });
    const mine = await t.ok('audit:list', { customerId: siti.id, limit: 50 });
    expect(mine.items.map((e) => e.action).sort()).toEqual(['customer.create', 'customer.view']);
    expect(mine.items.every((e) => e.target === String(siti.id))).toBe(true);
    expect(await t.ok('audit:export', {})).toMatchObject({ saved: true });
    const csv = String(t.dialogs.saved.at(-1)!.data);
    expect(csv.split('\n')[0]).toContain('id;waktu_utc;pengguna_id;tindakan;sasaran;hasil;rincian;hash');
    expect(csv).toContain('customer.view');
    expect(csv).not.toMatch(/Siti|Budi|3456|1111-2222|Bu Sari|Andi/);
    await t.ok('audit:export', { customerId: siti.id });
    const only = String(t.dialogs.saved.at(-1)!.data).trim().split('\n');
    expect(only).toHaveLength(3);
    expect((await t.ok('audit:list', { action: 'audit.export' })).items[0]!.detail).toMatchObject({
      count: 2,
    });
  });
});
