import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const SMS = 3;

async function asCashier(t: TestCore, cashierId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}

describe('consent ledger (UU PDP Art. 20-25)', () => {
  it('the default purposes each name a legal basis; only consent purposes can be granted', async () => {
    t = makeCore();
    await setupShop(t);
    const purposes = await t.ok('purposes:list', {});
    expect(purposes.map((p) => [p.name, p.legalBasis, p.channel])).toEqual([
      ['Layanan & transaksi', 'contract', null],
      ['Promosi via WhatsApp', 'consent', 'whatsapp'],
      ['Promosi via SMS/email', 'consent', 'sms_email'],
      ['Personalisasi penawaran', 'consent', null],
    ]);
    const c = await t.ok('customers:create', { name: 'Ani' });
    expect(await t.call('consent:grant', { customerId: c.id, purposeId: 1, method: 'verbal' })).toMatchObject(
      {
        ok: false,
        error: { code: 'CONFLICT' },
      },
    );
  });

  it('each purpose is separate and unticked by default; grants and withdrawals are appended, state is derived', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    await asCashier(t, cashierId);
    const c = await t.ok('customers:create', {
      name: 'Budi',
      phone: '0812-1111-2222',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    expect(c.consents.map((s) => [s.purposeId, s.granted, s.method, s.recordedBy, s.noticeVersion])).toEqual([
      [WA, true, 'verbal', 'Andi', 1],
    ]);
    const none = await t.ok('customers:create', { name: 'Cici' });
    expect(none.consents).toEqual([]);

    t.clock.advance(60_000);
    const w = await t.ok('consent:withdraw', { customerId: c.id, purposeId: WA, method: 'verbal' });
    expect(w.granted).toBe(false);
    await t.ok('consent:grant', { customerId: c.id, purposeId: SMS, method: 'paper' });
    const history = await t.ok('consent:history', { customerId: c.id });
    expect(history.map((h) => [h.purposeId, h.action, h.method])).toEqual([
      [SMS, 'granted', 'paper'],
      [WA, 'withdrawn', 'verbal'],
      [WA, 'granted', 'verbal'],
    ]);
    // The cached state always equals what the ledger says.
    const db = t.core.vault.requireDb();
    const derived = db
      .prepare(
        `SELECT customer_id, purpose_id, action = 'granted' AS granted FROM consent_events e
         WHERE id = (SELECT max(id) FROM consent_events WHERE customer_id = e.customer_id AND purpose_id = e.purpose_id)
         ORDER BY customer_id, purpose_id`,
      )
      .all();
    expect(
      db
        .prepare(
          'SELECT customer_id, purpose_id, granted FROM consent_state ORDER BY customer_id, purpose_id',
        )
        .all(),
    ).toEqual(derived);
    expect(() => db.prepare('UPDATE consent_events SET action = ?').run('granted')).toThrow(/append-only/);
  });

  it('a customer under 18 needs a guardian for consent (from the birthday or the flag)', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
    const kid = await t.call('customers:create', {
      name: 'Dodi',
      birthday: '2012-03-04',
      consents: [{ purposeId: WA, method: 'paper' }],
    });
    expect(kid).toMatchObject({ ok: false, error: { code: 'GUARDIAN_REQUIRED' } });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    const ok = await t.ok('customers:create', {
      name: 'Dodi',
      birthday: '2012-03-04',
      guardianName: 'Ibu Dewi',
      consents: [{ purposeId: WA, method: 'paper' }],
    });
    expect(ok.isMinor).toBe(true);
    expect((await t.ok('consent:history', { customerId: ok.id }))[0]?.guardianName).toBe('Ibu Dewi');
    const flagged = await t.ok('customers:create', { name: 'Eka', isMinor: true });
    expect(
      await t.call('consent:grant', { customerId: flagged.id, purposeId: WA, method: 'verbal' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'GUARDIAN_REQUIRED' },
    });
    expect(
      (
        await t.ok('consent:grant', {
          customerId: flagged.id,
          purposeId: WA,
          method: 'verbal',
          guardianName: 'Pak Joko',
        })
      ).granted,
    ).toBe(true);
  });
});

describe('marketing audience', () => {
  it('holds only customers whose consent for the channel is granted now and who are not restricted', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    const yes = await t.ok('customers:create', {
      name: 'Yusuf',
      phone: '0812-3333-4444',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    await t.ok('customers:create', { name: 'Tanpa Izin', phone: '0812-5555-6666' });
    const sms = await t.ok('customers:create', {
      name: 'Sinta',
      phone: '0812-7777-8888',
      consents: [{ purposeId: SMS, method: 'paper' }],
    });
    const later = await t.ok('customers:create', {
      name: 'Wati',
      phone: '0812-9999-0000',
      consents: [{ purposeId: WA, method: 'digital' }],
    });
    const restricted = await t.ok('customers:create', {
      name: 'Rudi',
      phone: '0813-1111-0000',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    await t.ok('customers:setRestricted', { id: restricted.id, restricted: true });
    await t.ok('consent:withdraw', { customerId: later.id, purposeId: WA, method: 'verbal' });

    const wa = await t.ok('audience:list', { channel: 'whatsapp', message: 'Promo beras!' });
    expect(wa.items.map((m) => m.name)).toEqual(['Yusuf']);
    expect(wa.items[0]?.link).toBe('https://wa.me/6281233334444?text=Promo%20beras!');
    expect((await t.ok('audience:list', { channel: 'sms_email' })).items.map((m) => m.id)).toEqual([sms.id]);

    const exported = await t.ok('audience:export', { channel: 'whatsapp', message: 'Halo' });
    expect(exported).toEqual({ saved: true, count: 1 });
    const csv = String(t.dialogs.saved.at(-1)?.data);
    expect(csv).toContain('Yusuf');
    expect(csv).toContain('https://wa.me/6281233334444?text=Halo');
    for (const other of ['Tanpa Izin', 'Sinta', 'Wati', 'Rudi']) expect(csv).not.toContain(other);

    const log = await t.ok('audit:list', {});
    expect(log.items.find((e) => e.action === 'audience.export')?.detail).toMatchObject({
      channel: 'whatsapp',
      count: 1,
    });
    expect(yes.id).toBeGreaterThan(0);

    // Owner only.
    await asCashier(t, cashierId);
    expect(await t.call('audience:list', { channel: 'whatsapp' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.call('audience:export', { channel: 'whatsapp' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
