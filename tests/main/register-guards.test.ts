import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

/**
 * What a cashier with bad intent did to the requests register and to what customers asked,
 * each held by main.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WA = 2;
const SMS = 3;

async function shop() {
  t = makeCore();
  const ids = await setupShop(t);
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    consents: [{ purposeId: WA, method: 'paper' }],
  });
  return { ...ids, siti };
}
async function asCashier(cashierId: string, pin = CASHIER_PIN) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin });
  if (pin === CASHIER_PIN)
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}
async function asOwner(ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
}
const request = (customerId: number | null, extra: Record<string, unknown> = {}) => ({
  type: 'erasure' as const,
  customerId,
  ...(customerId === null ? { requester: 'Pak Joko' } : {}),
  channel: 'in_person' as const,
  verification: 'KTP dicocokkan',
  ...extra,
});

describe('the requests register: back-dating only by the owner, with a reason', () => {
  it('a cashier records a request noted a few hours late, not one back-dated by days', async () => {
    const { siti, cashierId, ownerId } = await shop();
    await asCashier(cashierId);
    // 29 days ago: 26 days overdue at creation, even with the box ticked.
    const old = await t.call(
      'requests:create',
      request(siti.id, {
        receivedAt: t.clock.now() - 29 * DAY,
        acknowledgeLate: true,
        receivedReason: 'lupa dicatat',
      }),
    );
    expect(old).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'request_backdate_owner' } },
    });
    expect(old.ok ? '' : old.error.message).toMatch(/pemilik/);
    // Five hours: past the grace.
    expect(
      await t.call('requests:create', request(siti.id, { receivedAt: t.clock.now() - 5 * HOUR })),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Three hours: within it (noted after the customer left), no reason asked.
    const late = await t.ok('requests:create', request(siti.id, { receivedAt: t.clock.now() - 3 * HOUR }));
    expect(late).toMatchObject({ receivedReason: null, dueAt: t.clock.now() + 69 * HOUR });

    await asOwner(ownerId);
    expect((await t.ok('requests:list', { status: 'all' })).total).toBe(1);
    const denied = (await t.ok('audit:list', { action: 'request.create' })).items.filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.map((e) => [e.actorId, e.detail.reason])).toEqual([
      [cashierId, 'request_backdate_owner'],
      [cashierId, 'request_backdate_owner'],
    ]);
  });

  it('the owner back-dates with a reason, kept with the request and audited', async () => {
    const { siti } = await shop();
    const input = request(siti.id, { receivedAt: t.clock.now() - 29 * DAY, acknowledgeLate: true });
    const none = await t.call('requests:create', input);
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: ['receivedReason'] } },
    });
    expect(await t.call('requests:create', { ...input, receivedReason: 'lupa' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'receivedReason', reason: 'too_short' }] } },
    });
    expect((await t.ok('requests:list', { status: 'all' })).total).toBe(0);
    const req = await t.ok('requests:create', {
      ...input,
      receivedReason: 'Surat datang saat toko tutup, baru dibuka hari ini',
    });
    expect(req.receivedReason).toBe('Surat datang saat toko tutup, baru dibuka hari ini');
    expect((await t.ok('requests:get', { id: req.id })).receivedReason).toBe(req.receivedReason);
    const entry = (await t.ok('audit:list', { action: 'request.create' })).items[0]!;
    expect(entry).toMatchObject({ outcome: 'ok', detail: { request: req.id, backdatedHours: 29 * 24 } });
    expect(JSON.stringify(entry.detail)).not.toMatch(/Surat/);
  });
});

describe("the requests register: a cashier's requests are throttled like views", () => {
  it('past 10 an hour a cashier is refused with when to try again, reported once per hour', async () => {
    const { siti, cashierId, ownerId } = await shop();
    await asCashier(cashierId);
    for (let i = 0; i < 10; i++) await t.ok('requests:create', request(siti.id));
    t.clock.advance(60_000);
    const refused = await t.call('requests:create', request(siti.id));
    expect(refused).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(refused.ok ? 0 : refused.error.details?.retryAfterMs).toBe(HOUR - 60_000);
    for (let i = 0; i < 50; i++) expect((await t.call('requests:create', request(null))).ok).toBe(false);
    // Logging out and in again does not open a new window.
    await asCashier(cashierId, '582914');
    expect(await t.call('requests:create', request(siti.id))).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    // The owner is never limited.
    await asOwner(ownerId);
    for (let i = 0; i < 12; i++) await t.ok('requests:create', request(null));
    expect((await t.ok('requests:list', { status: 'all' })).total).toBe(22);
    const limited = await t.ok('audit:list', { action: 'usage.limited' });
    expect(limited.items.map((e) => [e.actorId, e.outcome, e.detail])).toEqual([
      [cashierId, 'denied', { kind: 'request', count: 10, windowMinutes: 60 }],
    ]);
    // An hour after the first, the window moves on.
    t.clock.advance(HOUR);
    await asCashier(cashierId, '582914');
    await t.ok('requests:create', request(siti.id));
  });

  it('a refused form (a typing mistake) does not count', async () => {
    const { siti, cashierId } = await shop();
    await asCashier(cashierId);
    for (let i = 0; i < 15; i++) {
      const r = await t.call('requests:create', request(siti.id, { receivedAt: t.clock.now() + 3 * HOUR }));
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await t.ok('requests:create', request(siti.id));
  });
});

describe('the requests register: the owner dismisses a flood in bulk', () => {
  it('many open requests refused at once with one reason, one audit entry, the genuine one left', async () => {
    const { siti, cashierId, ownerId } = await shop();
    const genuine = await t.ok('requests:create', request(siti.id, { type: 'access' }));
    await asCashier(cashierId);
    const flood: number[] = [];
    for (let i = 0; i < 10; i++) flood.push((await t.ok('requests:create', request(siti.id))).id);
    expect(await t.call('requests:dismiss', { ids: flood, reason: 'Dicatat berulang-ulang' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await asOwner(ownerId);
    expect(await t.call('requests:dismiss', { ids: flood, reason: 'banyak' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.call('requests:dismiss', { ids: [], reason: 'Dicatat berulang-ulang' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await t.ok('requests:summary', {})).open).toBe(11);

    const reason = 'Dicatat berulang-ulang oleh kasir, bukan permintaan pelanggan';
    expect(await t.ok('requests:dismiss', { ids: [...flood, 4242], reason })).toEqual({
      dismissed: 10,
      skipped: 1,
    });
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1 });
    expect((await t.ok('requests:list', { status: 'open' })).items.map((r) => r.id)).toEqual([genuine.id]);
    const closed = (await t.ok('requests:list', { status: 'closed' })).items;
    expect(closed).toHaveLength(10);
    expect(closed.every((r) => r.status === 'refused' && r.dismissed && r.outcome === reason)).toBe(true);
    // Dismissed once: a second time changes nothing.
    expect(await t.ok('requests:dismiss', { ids: flood, reason })).toEqual({ dismissed: 0, skipped: 10 });
    const log = await t.ok('audit:list', { action: 'request.dismiss' });
    expect(log.items.map((e) => e.detail.count)).toEqual([0, 10]);
    expect((log.items[1]!.detail.requests as number[]).sort((a, b) => a - b)).toEqual(flood);
    expect(JSON.stringify(log.items)).not.toMatch(/berulang/);
  });
});

describe('what a customer asked holds against the counter', () => {
  it('a cashier cannot grant again a purpose the customer withdrew; the owner can, recording that they asked', async () => {
    const { siti, cashierId, ownerId } = await shop();
    // The customer asks to withdraw: while the request is open the counter cannot get ahead of it.
    await asCashier(cashierId);
    await t.ok('requests:create', request(siti.id, { type: 'withdrawal' }));
    const early = await t.call('consent:grant', { customerId: siti.id, purposeId: SMS, method: 'verbal' });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    await asOwner(ownerId);
    const req = (await t.ok('requests:list', {})).items[0]!;
    await t.ok('requests:fulfil', { id: req.id, action: 'withdraw' });
    // Right after the withdrawal the cashier ticks it again: refused, audited.
    await asCashier(cashierId, '582914');
    const again = await t.call('consent:grant', { customerId: siti.id, purposeId: WA, method: 'verbal' });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    expect(again.ok ? '' : again.error.message).toMatch(/menarik persetujuan/);
    // Withdrawing stays open to anyone.
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: WA, method: 'verbal' });

    await asOwner(ownerId);
    expect(
      (await t.ok('customers:get', { id: siti.id })).consents.find((c) => c.purposeId === WA)?.granted,
    ).toBe(false);
    // The owner grants it again only with a record of how the customer asked.
    expect(
      await t.call('consent:grant', { customerId: siti.id, purposeId: WA, method: 'verbal' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'consent_asked_again', fields: ['askedAgain'] } },
    });
    const asked = 'Pelanggan datang sendiri dan minta promo WA lagi';
    expect(
      await t.ok('consent:grant', {
        customerId: siti.id,
        purposeId: WA,
        method: 'verbal',
        askedAgain: asked,
      }),
    ).toMatchObject({ purposeId: WA, granted: true });
    const history = await t.ok('consent:history', { customerId: siti.id });
    expect(history[0]).toMatchObject({ purposeId: WA, action: 'granted', note: asked });
    const denied = (await t.ok('audit:list', { action: 'consent.grant' })).items.filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.map((e) => [e.actorId, e.detail.reason])).toEqual([
      [cashierId, 'consent_withdrawn'],
      [cashierId, 'consent_withdrawn'],
    ]);
  });

  it('a restricted customer is not updated, sold to or given consent by a cashier', async () => {
    const { siti, cashierId, ownerId } = await shop();
    await t.ok('customers:setRestricted', { id: siti.id, restricted: true });
    await asCashier(cashierId);
    const tries = [
      await t.call('customers:update', { id: siti.id, name: 'Siti Aminah', notes: 'pelanggan lama' }),
      await t.call('purchases:create', { customerId: siti.id, amount: 25_000, items: ['Beras 5 kg'] }),
      await t.call('consent:grant', { customerId: siti.id, purposeId: SMS, method: 'verbal' }),
    ];
    for (const r of tries) {
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'customer_restricted' } },
      });
      expect(r.ok ? '' : r.error.message).toMatch(/dibatasi/);
    }
    // Withdrawing is what a restriction is for: still possible.
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: WA, method: 'verbal' });

    await asOwner(ownerId);
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after).toMatchObject({ notes: null, restricted: true });
    expect(after.consents.find((c) => c.purposeId === SMS)).toBeUndefined();
    expect((await t.ok('purchases:list', { customerId: siti.id, offset: 0, limit: 10 })).items).toEqual([]);
    for (const action of ['customer.update', 'purchase.create', 'consent.grant']) {
      const entries = (await t.ok('audit:list', { action })).items.filter((e) => e.actorId === cashierId);
      expect(
        entries.map((e) => [e.outcome, e.target, e.detail.reason]),
        action,
      ).toEqual([['denied', String(siti.id), 'customer_restricted']]);
    }
    // The owner may still correct the record (a correction the customer asked for).
    await t.ok('customers:update', { id: siti.id, name: 'Siti Aminah Putri' });
  });

  it('a voided sale is not activity: a same-day sale voided again does not push the deletion date', async () => {
    const { siti, cashierId } = await shop();
    const before = await t.ok('customers:get', { id: siti.id });
    t.clock.advance(100 * DAY);
    await asCashier(cashierId);
    const sale = await t.ok('purchases:create', { customerId: siti.id, amount: 10_000, items: ['Gula'] });
    await t.ok('purchases:void', { id: sale.id, reason: 'salah input' });
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after.lastActivityAt).toBe(before.lastActivityAt);
    expect(after.deletion.dueAt).toBe(before.deletion.dueAt);
    // A sale that stands, and a correction of a voided one, do count.
    const kept = await t.ok('purchases:create', { customerId: siti.id, amount: 12_000, items: ['Kopi'] });
    expect((await t.ok('customers:get', { id: siti.id })).lastActivityAt).toBe(kept.at);
    t.clock.advance(HOUR);
    await t.ok('purchases:void', {
      id: kept.id,
      reason: 'harga salah',
      replacement: { amount: 11_000, items: ['Kopi'] },
    });
    expect((await t.ok('customers:get', { id: siti.id })).lastActivityAt).toBe(kept.at);
  });

  it('withdrawing what is already withdrawn is no activity either', async () => {
    const { siti, cashierId } = await shop();
    await asCashier(cashierId);
    const first = await t.ok('consent:withdraw', { customerId: siti.id, purposeId: WA, method: 'verbal' });
    const events = (await t.ok('consent:history', { customerId: siti.id })).length;
    t.clock.advance(100 * DAY);
    for (let i = 0; i < 3; i++) {
      expect(
        await t.ok('consent:withdraw', { customerId: siti.id, purposeId: WA, method: 'verbal' }),
      ).toEqual(first);
    }
    expect(await t.ok('consent:history', { customerId: siti.id })).toHaveLength(events);
    expect((await t.ok('customers:get', { id: siti.id })).lastActivityAt).toBe(first.at);
  });
});
