import { afterEach, describe, expect, it } from 'vitest';
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
    // No personal data in the log: not the name, phone or address.
    const text = JSON.stringify(log.items);
    for (const pii of ['Siti', '3456', 'Melati']) expect(text).not.toContain(pii);
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
