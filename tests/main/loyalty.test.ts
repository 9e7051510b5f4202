import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPurchase } from '../../src/main/services/purchases.service';
import { runExpiry } from '../../src/main/services/loyalty/programme';
import { periodEnd } from '../../src/shared/shop-time';
import type { LoyaltyProgramme } from '../../src/shared/domain';
import { TestClock } from '../support/clock';
import { decryptedVault } from '../support/decrypted-pages';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const DAY = 86_400_000;
const KOPI_GRATIS = { name: 'Kopi gratis', cost: 10, discount: 15_000, active: true };

/**
 * A shop whose owner runs a points programme (1 point per Rp 10.000, "Kopi gratis" for 10
 * points, Rp 15.000 off), with a price list (Kopi susu Rp 15.000); the owner is logged in.
 */
async function shop(opts: { clock?: TestClock; expiryMonths?: number | null } = {}) {
  t = makeCore({ clock: opts.clock });
  const ids = await setupShop(t);
  const programme = await t.ok('loyalty:save', {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: opts.expiryMonths ?? null,
    // These members join at the counter: their points are what is tested here, not how they
    // joined (loyalty-join-proof.test.ts holds the WhatsApp-only default).
    joinProof: 'whatsapp_or_counter',
    rewards: [KOPI_GRATIS],
  });
  const kopi = await t.ok('products:save', { name: 'Kopi susu', price: 15_000, active: true });
  return { ...ids, programme, purposeId: programme.purposeId!, rewardId: programme.rewards[0]!.id, kopi };
}

async function member(purposeId: number, name = 'Rudi') {
  const c = await t.ok('customers:create', { name });
  await t.ok('consent:grant', { customerId: c.id, purposeId, method: 'verbal' });
  return c.id;
}

function ledger(customerId: number) {
  return t.core.vault
    .requireDb()
    .prepare('SELECT kind, points, purchase_id FROM loyalty_ledger WHERE customer_id = ? ORDER BY id')
    .all(customerId) as { kind: string; points: number; purchase_id: number | null }[];
}

/** The programme as loyalty:save takes it back (what main decides, like the purpose, left out). */
const settings = (p: LoyaltyProgramme) => ({
  enabled: p.enabled,
  mode: p.mode,
  rupiahPer: p.rupiahPer,
  expiryMonths: p.expiryMonths,
  joinProof: p.joinProof,
  rewards: p.rewards,
});

const sum = (rows: { points: number }[]) => rows.reduce((n, r) => n + r.points, 0);

async function balance(customerId: number) {
  return (await t.ok('loyalty:history', { customerId })).status.balance;
}

describe('programme settings: a purpose like the others', () => {
  it('turning it on makes the member purpose (consent) and a notice that says what the ledger holds and what withdrawal does', async () => {
    t = makeCore();
    await setupShop(t);
    const before = await t.ok('docs:current', { kind: 'notice' });
    expect(JSON.stringify(before.text)).not.toMatch(/Program member/);
    const on = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'points',
      rupiahPer: 10_000,
      expiryMonths: 12,
      rewards: [KOPI_GRATIS],
    });
    const purpose = (await t.ok('purposes:list', {})).find((p) => p.id === on.purposeId)!;
    expect(purpose).toMatchObject({
      name: 'Program member',
      legalBasis: 'consent',
      active: true,
      channel: null,
    });
    const notice = await t.ok('docs:current', { kind: 'notice' });
    expect(notice.version).toBe(before.version + 1);
    const section = notice.text.sections.find((s) => s.title === 'Program member')!;
    const said = (section.items ?? []).join(' ');
    expect(said).toMatch(/buku poin/);
    expect(said).toMatch(/Rp 10\.000/);
    expect(said).toMatch(/12 bulan/);
    expect(said).toMatch(/menarik persetujuan.*hangus.*hapus/);
    // The record of processing says it too, in the register's voice.
    const record = await t.ok('docs:current', { kind: 'record' });
    expect(JSON.stringify(record.text)).toMatch(/Untuk member/);

    // Off: the purpose stays (its consents stay on record) but is not active; the notice drops it.
    const off = await t.ok('loyalty:save', { ...settings(on), enabled: false });
    expect(off.purposeId).toBe(on.purposeId);
    expect((await t.ok('purposes:list', {})).find((p) => p.id === on.purposeId)!.active).toBe(false);
    const offNotice = await t.ok('docs:current', { kind: 'notice' });
    expect(offNotice.version).toBe(notice.version + 1);
    expect(JSON.stringify(offNotice.text)).not.toMatch(/Program member/);
    // On again: the same purpose, active again; no second purpose, no second reward.
    const again = await t.ok('loyalty:save', settings(on));
    expect(again.purposeId).toBe(on.purposeId);
    expect((await t.ok('purposes:list', {})).filter((p) => p.name === 'Program member')).toHaveLength(1);
    expect(again.rewards).toHaveLength(1);
  });

  it('turned off while members still have points: the notice keeps saying what is held, paused', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    await t.ok('loyalty:save', { ...settings(s.programme), enabled: false });
    const notice = await t.ok('docs:current', { kind: 'notice' });
    const section = notice.text.sections.find((x) => x.title === 'Program member')!;
    expect((section.items ?? []).join(' ')).toMatch(
      /sedang dihentikan: poin yang sudah tercatat tetap disimpan/,
    );
    // Off: nothing earned or redeemed, the balance kept.
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    expect(sale.loyalty).toMatchObject({ enabled: false, earned: 0, offer: false });
    expect(sum(ledger(rudi))).toBe(5);
  });

  it('the member purpose is switched and based only through the programme; its words the owner may rewrite', async () => {
    const s = await shop();
    const purpose = (await t.ok('purposes:list', {})).find((p) => p.id === s.purposeId)!;
    for (const change of [
      { active: false },
      { legalBasis: 'legitimate_interest' as const },
      { channel: 'whatsapp' as const },
    ])
      expect(await t.call('purposes:save', { ...purpose, ...change })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { reason: 'member_purpose_managed' } },
      });
    expect((await t.ok('purposes:list', {})).find((p) => p.id === s.purposeId)).toEqual(purpose);
    const renamed = await t.ok('purposes:save', { ...purpose, name: 'Member Kopi Kita' });
    expect(renamed).toMatchObject({ name: 'Member Kopi Kita', active: true, legalBasis: 'consent' });
    // Turned off and on again, the owner's name stays.
    await t.ok('loyalty:save', { ...settings(s.programme), enabled: false });
    await t.ok('loyalty:save', settings(s.programme));
    expect((await t.ok('purposes:list', {})).find((p) => p.id === s.purposeId)!.name).toBe(
      'Member Kopi Kita',
    );
  });

  it('a cashier cannot change the programme or adjust points; refused and nothing changes', async () => {
    t = makeCore();
    const ids = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const r = await t.call('loyalty:save', {
      enabled: true,
      mode: 'stamps',
      rupiahPer: 20_000,
      expiryMonths: null,
      rewards: [],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const db = t.core.vault.requireDb();
    expect(db.prepare("SELECT value FROM meta WHERE key = 'loyalty_programme'").get()).toBeUndefined();
  });
});

describe('earning at the counter is gated in main', () => {
  it('a member earns on what they pay, through both sale channels; a non-member earns nothing and is offered membership', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    const sari = (await t.ok('customers:create', { name: 'Sari' })).id;
    const a = await t.ok('purchases:create', { customerId: rudi, amount: 47_500, items: ['Beras'] });
    expect(a.loyalty).toMatchObject({ active: true, offer: false, earned: 4, balanceAfter: 4 });
    const b = await t.ok('purchases:createFromProducts', {
      customerId: rudi,
      lines: [{ productId: s.kopi.id, quantity: 2 }],
    });
    expect(b.loyalty).toMatchObject({ earned: 3, balanceAfter: 7 });
    const c = await t.ok('purchases:create', { customerId: sari, amount: 500_000, items: ['Beras'] });
    expect(c.loyalty).toMatchObject({ active: false, offer: true, earned: 0 });
    const d = await t.ok('purchases:createFromProducts', {
      customerId: sari,
      lines: [{ productId: s.kopi.id, quantity: 9 }],
    });
    expect(d.loyalty).toMatchObject({ offer: true, earned: 0 });
    expect(ledger(sari)).toEqual([]);
    expect(ledger(rudi)).toEqual([
      { kind: 'earned', points: 4, purchase_id: a.id },
      { kind: 'earned', points: 3, purchase_id: b.id },
    ]);
    const entry = (await t.ok('audit:list', { action: 'purchase.create' })).items.find(
      (e) => e.target === String(rudi),
    );
    expect(entry?.detail).toMatchObject({ earned: 3, redeemed: 0 });
  });

  it('stamps: one per sale of at least Rp N, whatever its size', async () => {
    const s = await shop();
    await t.ok('loyalty:save', { ...settings(s.programme), mode: 'stamps', rupiahPer: 20_000 });
    const rudi = await member(s.purposeId);
    for (const amount of [19_999, 20_000, 1_000_000])
      await t.ok('purchases:create', { customerId: rudi, amount, items: ['Kopi'] });
    expect(await balance(rudi)).toBe(2);
  });

  it('property: no point ever for anyone who is not, at that moment, an unrestricted member', async () => {
    const s = await shop();
    const op = fc.oneof(
      fc.record({ op: fc.constant('grant' as const) }),
      fc.record({ op: fc.constant('withdraw' as const) }),
      fc.record({ op: fc.constant('restrict' as const) }),
      fc.record({ op: fc.constant('off' as const), on: fc.boolean() }),
      fc.record({ op: fc.constant('sale' as const), amount: fc.integer({ min: 1, max: 300_000 }) }),
      fc.record({ op: fc.constant('products' as const), quantity: fc.integer({ min: 1, max: 30 }) }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
        await t.ok('loyalty:save', { ...settings(s.programme), enabled: true });
        const id = (await t.ok('customers:create', { name: `Pelanggan ${++n}` })).id;
        let granted = false;
        let restricted = false;
        let on = true;
        let model = 0;
        for (const o of ops) {
          if (o.op === 'grant' && !restricted && on) {
            await t.ok('consent:grant', {
              customerId: id,
              purposeId: s.purposeId,
              method: 'verbal',
              askedAgain: 'Pelanggan minta ikut lagi di kasir',
            });
            granted = true;
          } else if (o.op === 'withdraw') {
            await t.ok('consent:withdraw', { customerId: id, purposeId: s.purposeId, method: 'verbal' });
            if (granted) model = 0;
            granted = false;
          } else if (o.op === 'restrict') {
            await t.ok('customers:setRestricted', { id, restricted: true });
            restricted = true;
          } else if (o.op === 'off') {
            await t.ok('loyalty:save', { ...settings(s.programme), enabled: o.on });
            on = o.on;
          } else if (o.op === 'sale' || o.op === 'products') {
            const sale =
              o.op === 'sale'
                ? await t.ok('purchases:create', { customerId: id, amount: o.amount, items: ['Barang'] })
                : await t.ok('purchases:createFromProducts', {
                    customerId: id,
                    lines: [{ productId: s.kopi.id, quantity: o.quantity }],
                  });
            const active = on && granted && !restricted;
            const expected = active ? Math.floor(sale.amount / 10_000) : 0;
            expect(sale.loyalty.earned).toBe(expected);
            const rows = ledger(id).filter((r) => r.purchase_id === sale.id);
            expect(sum(rows)).toBe(expected);
            model += expected;
          }
          const rows = ledger(id);
          expect(sum(rows)).toBe(model);
          expect(rows.every((r) => r.points !== 0)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the POS sales import never earns', () => {
  it("a member's sales imported from the POS file are recorded, with no point for them", async () => {
    const s = await shop();
    const siti = (await t.ok('customers:create', { name: 'Siti', phone: '0812-1111-2222' })).id;
    await t.ok('consent:grant', { customerId: siti, purposeId: s.purposeId, method: 'verbal' });
    const file = join(t.dir, '..', `${t.dir.split('/').pop()}-penjualan.csv`);
    writeFileSync(
      file,
      [
        'Tanggal;No. Struk;No. HP Pelanggan;Grand Total;Item',
        '28/11/2026 09:15;S-0001;0812-1111-2222;Rp 250.000;Beras',
      ].join('\r\n'),
    );
    t.dialogs.nextOpen = file;
    const preview = await t.ok('sales:open', {});
    expect(await t.ok('sales:commit', { columns: preview.suggested, source: 'moka' })).toMatchObject({
      imported: 1,
      matched: 1,
    });
    expect((await t.ok('purchases:list', { customerId: siti })).items).toHaveLength(1);
    expect(ledger(siti)).toEqual([]);
  });
});

describe('redeeming is part of the sale', () => {
  it('the quote shows back what the sale then does: balance, points earned, discount, total, balance after', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 120_000, items: ['Beras'] });
    const input = { customerId: rudi, lines: [{ productId: s.kopi.id, quantity: 3 }], rewardId: s.rewardId };
    const quote = await t.ok('loyalty:quote', input);
    expect(quote).toEqual({
      enabled: true,
      active: true,
      offer: false,
      offerWithheld: null,
      balance: 12,
      earned: 3,
      redeemed: 10,
      discount: 15_000,
      amount: 45_000,
      total: 30_000,
      balanceAfter: 5,
    });
    expect(ledger(rudi)).toHaveLength(1); // the quote wrote nothing
    const sale = await t.ok('purchases:createFromProducts', input);
    expect(sale).toMatchObject({ amount: 45_000, discount: 15_000, loyalty: quote });
    expect(await balance(rudi)).toBe(5);
    expect((await t.ok('purchases:list', { customerId: rudi })).totalAmount).toBe(120_000 + 30_000);
    const entry = (await t.ok('audit:list', { action: 'purchase.create' })).items[0]!;
    expect(entry.detail).toMatchObject({ earned: 3, redeemed: 10, discount: 15_000 });
  });

  it('refused, with nothing written: too few points, a discount above the sale, a non-member, a restricted member', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    const sari = (await t.ok('customers:create', { name: 'Sari' })).id;
    await t.ok('purchases:create', { customerId: rudi, amount: 90_000, items: ['Beras'] });
    const db = t.core.vault.requireDb();
    const snapshot = () => ({
      sales: db.prepare('SELECT * FROM purchases ORDER BY id').all(),
      ledger: db.prepare('SELECT * FROM loyalty_ledger ORDER BY id').all(),
    });
    const before = snapshot();
    const refused = async (input: { customerId: number; amount: number }, reason: string) => {
      for (const r of [
        await t.call('purchases:create', { ...input, items: ['Kopi'], rewardId: s.rewardId }),
        await t.call('loyalty:quote', { ...input, rewardId: s.rewardId }),
      ])
        expect(r).toMatchObject({ ok: false, error: { details: { reason } } });
      expect(snapshot()).toEqual(before);
    };
    await refused({ customerId: rudi, amount: 20_000 }, 'loyalty_balance_low');
    await t.ok('loyalty:adjust', { customerId: rudi, points: 1, reason: 'Salah hitung kemarin' });
    const after = snapshot();
    before.ledger = after.ledger;
    await refused({ customerId: rudi, amount: 14_999 }, 'loyalty_discount_too_big');
    await refused({ customerId: sari, amount: 20_000 }, 'loyalty_not_member');
    await t.ok('customers:setRestricted', { id: rudi, restricted: true });
    await refused({ customerId: rudi, amount: 20_000 }, 'loyalty_restricted');
    // A restricted member's sale (the owner may record it) earns nothing.
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 90_000, items: ['Beras'] });
    expect(sale.loyalty).toMatchObject({ active: false, offer: false, earned: 0 });
  });

  it('property: voiding or correcting a sale undoes exactly its earned and redeemed points (never below zero)', async () => {
    const s = await shop();
    const db = t.core.vault.requireDb();
    const op = fc.oneof(
      fc.record({
        op: fc.constant('sale' as const),
        amount: fc.integer({ min: 1, max: 200_000 }),
        redeem: fc.boolean(),
      }),
      fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
      fc.record({
        op: fc.constant('correct' as const),
        pick: fc.nat(),
        amount: fc.integer({ min: 1, max: 200_000 }),
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const id = await member(s.purposeId, `Member ${++n}`);
        const live = new Map<number, { earned: number; redeemed: number }>();
        let model = 0;
        for (const o of ops) {
          if (o.op === 'sale') {
            const redeem = o.redeem && model >= KOPI_GRATIS.cost && o.amount >= KOPI_GRATIS.discount;
            const sale = await t.ok('purchases:create', {
              customerId: id,
              amount: o.amount,
              items: ['Barang'],
              ...(redeem ? { rewardId: s.rewardId } : {}),
            });
            const earned = Math.floor((o.amount - (redeem ? KOPI_GRATIS.discount : 0)) / 10_000);
            const redeemed = redeem ? KOPI_GRATIS.cost : 0;
            expect(sale.loyalty).toMatchObject({ earned, redeemed });
            live.set(sale.id, { earned, redeemed });
            model += earned - redeemed;
          } else if (live.size > 0) {
            const ids = [...live.keys()];
            const saleId = ids[o.pick % ids.length]!;
            const { earned, redeemed } = live.get(saleId)!;
            live.delete(saleId);
            const r = await t.ok('purchases:void', {
              id: saleId,
              reason: 'salah catat',
              ...(o.op === 'correct' ? { replacement: { amount: o.amount, items: ['Barang'] } } : {}),
            });
            const expected = Math.max(0, model + redeemed - earned);
            expect(r.loyalty).toEqual({
              change: expected - model,
              notTakenBack: Math.max(0, earned - (model + redeemed)),
            });
            model = expected;
            if (r.correction) {
              const e = Math.floor(r.correction.amount / 10_000);
              expect(r.correction.loyalty.earned).toBe(e);
              live.set(r.correction.id, { earned: e, redeemed: 0 });
              model += e;
            }
            // Voiding it again changes nothing (refused), its rows are taken back once.
            expect(await t.call('purchases:void', { id: saleId, reason: 'lagi' })).toMatchObject({
              ok: false,
            });
          }
          const b = await balance(id);
          expect(b).toBe(model);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(sum(ledger(id))).toBe(b);
        }
        // No sale's rows were taken back twice.
        const twice = db
          .prepare(
            'SELECT count(*) FROM loyalty_ledger WHERE reverses IS NOT NULL GROUP BY reverses HAVING count(*) > 1',
          )
          .all();
        expect(twice).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('owner adjustment and expiry', () => {
  it('the owner adjusts with a reason (audited, without the reason); never below zero, never for a non-member', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    const sari = (await t.ok('customers:create', { name: 'Sari' })).id;
    const after = await t.ok('loyalty:adjust', {
      customerId: rudi,
      points: 25,
      reason: 'Hadiah pelanggan setia',
    });
    expect(after.balance).toBe(25);
    expect(
      await t.call('loyalty:adjust', { customerId: rudi, points: -26, reason: 'Terlalu banyak' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'loyalty_balance_low' } },
    });
    expect(
      await t.call('loyalty:adjust', { customerId: sari, points: 5, reason: 'Coba saja ya' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'loyalty_not_member' } },
    });
    expect(await t.call('loyalty:adjust', { customerId: rudi, points: 5, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const h = await t.ok('loyalty:history', { customerId: rudi });
    expect(h.items).toEqual([
      expect.objectContaining({
        kind: 'adjusted',
        points: 25,
        reason: 'Hadiah pelanggan setia',
        recordedBy: 'Bu Sari',
      }),
    ]);
    const entry = (await t.ok('audit:list', { action: 'loyalty.adjust' })).items.find(
      (e) => e.outcome === 'ok',
    )!;
    expect(entry).toMatchObject({ target: String(rudi), outcome: 'ok', detail: { points: 25 } });
    expect(JSON.stringify(entry)).not.toMatch(/setia/);
  });

  it('points expire at the start of the same calendar day N months later in Jakarta, by the timed job, audited', async () => {
    // 31 Jan 2027, 10:00 WIB: a month later is 28 Feb (no 31 Feb), from 00:00 WIB.
    const clock = new TestClock(Date.UTC(2027, 0, 31, 3));
    const s = await shop({ clock, expiryMonths: 1 });
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    // The laptop locked itself while idle: the owner opens it again on each of these days.
    const at = async (ms: number) => {
      clock.advance(ms - clock.now());
      t.core.tick();
      if (!t.core.vault.isOpen()) await t.ok('auth:unlock', { userId: s.ownerId, pin: OWNER_PIN });
      // The day's purge runs first (a long job: the other timed work waits for it).
      t.core.tick();
      await vi.waitFor(() => expect(t.core.jobs.isRunning()).toBe(false));
      t.core.tick();
    };
    await at(Date.UTC(2027, 1, 27, 16, 59));
    expect(sum(ledger(rudi))).toBe(5);
    await at(Date.UTC(2027, 1, 27, 17, 0));
    expect(sum(ledger(rudi))).toBe(0);
    expect(ledger(rudi).at(-1)).toMatchObject({ kind: 'expired', points: -5 });
    t.core.tick(); // once a day: nothing more
    expect(ledger(rudi)).toHaveLength(2);
    const entry = (await t.ok('audit:list', { action: 'loyalty.expire' })).items[0]!;
    expect(entry).toMatchObject({ actorId: null, outcome: 'ok', detail: { customers: 1, points: 5 } });
  });

  it('property: what expires is what is left of the due points after spending the oldest first', async () => {
    const s = await shop();
    const db = t.core.vault.requireDb();
    const start = Date.UTC(2027, 0, 1, 5);
    const step = fc.record({
      days: fc.integer({ min: 0, max: 40 }),
      amount: fc.integer({ min: 10_000, max: 100_000 }),
      spend: fc.integer({ min: 0, max: 6 }),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 200 }),
        async (steps, months, laterDays) => {
          const id = await member(s.purposeId, `Member ${++n}`);
          const lots: { at: number; left: number }[] = [];
          let at = start + n * 1000 * DAY;
          for (const st of steps) {
            at += st.days * DAY;
            const earned = Math.floor(st.amount / 10_000);
            createPurchase(db, { customerId: id, amount: st.amount, items: ['Barang'] }, s.ownerId, at);
            lots.push({ at, left: earned });
            // The owner takes some back: the oldest points go first.
            let take = Math.min(
              st.spend,
              lots.reduce((x, l) => x + l.left, 0),
            );
            if (take > 0) {
              db.prepare(
                "INSERT INTO loyalty_ledger (customer_id, kind, points, reason, at) VALUES (?, 'adjusted', ?, 'uji', ?)",
              ).run(id, -take, at);
              for (const l of lots) {
                const x = Math.min(l.left, take);
                l.left -= x;
                take -= x;
              }
            }
          }
          const now = at + laterDays * DAY;
          await t.ok('loyalty:save', { ...settings(s.programme), expiryMonths: months });
          runExpiry(db, now);
          const expected = lots.filter((l) => periodEnd(l.at, months) > now).reduce((x, l) => x + l.left, 0);
          expect(await balance(id)).toBe(expected);
          // Run again the same day or later with nothing newly due: nothing more expires.
          runExpiry(db, now);
          expect(await balance(id)).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('withdrawal, restriction, erasure', () => {
  it('withdrawing from the member purpose forfeits the points and erases their ledger at once; the sales stay', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 80_000, items: ['Beras'] });
    expect(await balance(rudi)).toBe(8);
    await t.ok('consent:withdraw', { customerId: rudi, purposeId: s.purposeId, method: 'verbal' });
    expect(ledger(rudi)).toEqual([]);
    const h = await t.ok('loyalty:history', { customerId: rudi });
    expect(h).toMatchObject({ status: { member: false, balance: 0 }, total: 0 });
    expect((await t.ok('purchases:list', { customerId: rudi })).items.map((p) => p.id)).toEqual([sale.id]);
    const entry = (await t.ok('audit:list', { action: 'consent.withdraw' })).items[0]!;
    expect(entry.detail).toMatchObject({ pointsForfeited: 8 });
    // Earning and redeeming end at once.
    const next = await t.ok('purchases:create', { customerId: rudi, amount: 80_000, items: ['Beras'] });
    // Having said no, they are not prompted for membership again.
    expect(next.loyalty).toMatchObject({ earned: 0, offer: false, offerWithheld: 'withdrawn' });
    // Withdrawing another purpose leaves the points alone.
    const budi = await member(s.purposeId, 'Budi');
    await t.ok('purchases:create', { customerId: budi, amount: 30_000, items: ['Beras'] });
    await t.ok('consent:grant', { customerId: budi, purposeId: 2, method: 'verbal' });
    await t.ok('consent:withdraw', { customerId: budi, purposeId: 2, method: 'verbal' });
    expect(await balance(budi)).toBe(3);
  });

  it('the counter prompts membership only for customers never asked: never again after a withdrawal, not within 30 days of an unfinished WhatsApp join', async () => {
    const clock = new TestClock();
    const s = await shop({ clock });
    const quote = (customerId: number) => t.ok('loyalty:quote', { customerId, amount: 20_000 });
    // Never asked: the one short prompt.
    const sari = (await t.ok('customers:create', { name: 'Sari' })).id;
    expect(await quote(sari)).toMatchObject({ active: false, offer: true, offerWithheld: null });
    // A member who withdrew said no: no prompt at the counter, on the quote nor on the sale, even a year on.
    const rudi = await member(s.purposeId);
    await t.ok('consent:withdraw', { customerId: rudi, purposeId: s.purposeId, method: 'verbal' });
    expect(await quote(rudi)).toMatchObject({ offer: false, offerWithheld: 'withdrawn' });
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 20_000, items: ['Beras'] });
    expect(sale.loyalty).toMatchObject({ earned: 0, offer: false, offerWithheld: 'withdrawn' });
    clock.advance(400 * DAY);
    expect(await quote(rudi)).toMatchObject({ offer: false, offerWithheld: 'withdrawn' });
    // Withdrawing another purpose says nothing about membership.
    await t.ok('consent:grant', { customerId: sari, purposeId: 2, method: 'verbal' });
    await t.ok('consent:withdraw', { customerId: sari, purposeId: 2, method: 'verbal' });
    expect(await quote(sari)).toMatchObject({ offer: true, offerWithheld: null });
    // Asked by WhatsApp and not joined: not prompted again for 30 days, then asked again.
    const settings = await t.ok('settings:get', {});
    const { noticeVersion: _, ...form } = settings;
    await t.ok('settings:update', { ...form, shopWhatsApp: '0811-2222-3333' });
    const budi = (await t.ok('customers:create', { name: 'Budi', phone: '0812-3456-7890' })).id;
    expect(await quote(budi)).toMatchObject({ offer: true });
    await t.ok('join:start', { customerId: budi, purposeIds: [s.purposeId], kind: 'counter' });
    expect(await quote(budi)).toMatchObject({ offer: false, offerWithheld: 'asked' });
    clock.advance(29 * DAY);
    expect(await quote(budi)).toMatchObject({ offer: false, offerWithheld: 'asked' });
    clock.advance(2 * DAY);
    expect(await quote(budi)).toMatchObject({ offer: true, offerWithheld: null });
    // A join for another purpose only was not an offer of membership.
    const dewi = (await t.ok('customers:create', { name: 'Dewi', phone: '0812-9999-8888' })).id;
    await t.ok('join:start', { customerId: dewi, purposeIds: [2], kind: 'counter' });
    expect(await quote(dewi)).toMatchObject({ offer: true });
    // A member is never prompted, nor is a restricted customer (the prompt is for customers who may join).
    expect(await quote(await member(s.purposeId, 'Ani'))).toMatchObject({
      offer: false,
      offerWithheld: null,
    });
    await t.ok('customers:setRestricted', { id: sari, restricted: true });
    expect(await quote(sari)).toMatchObject({ offer: false, offerWithheld: null });
  });

  it('erasure takes the ledger with the customer, to the last byte; the sales stay anonymous', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 80_000, items: ['Beras'] });
    const CANARY = 'Qzxjw ulang tahun Rudi Vvkpq';
    await t.ok('loyalty:adjust', { customerId: rudi, points: 3, reason: CANARY });
    const key = Buffer.from(t.core.vault.requireDek());
    const seen = () => decryptedVault(join(t.dir, 'vault.db'), key).includes(Buffer.from(CANARY));
    expect(seen()).toBe(true);
    await t.ok('customers:erase', { id: rudi, confirm: true });
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
    expect(db.prepare('SELECT customer_id, amount FROM purchases').all()).toEqual([
      { customer_id: null, amount: 80_000 },
    ]);
    expect(seen()).toBe(false);
  });
});

describe('the WhatsApp receipt', () => {
  it('tells a member their balance and the discount; a non-member gets no balance line', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('customers:update', { id: rudi, name: 'Rudi', phone: '0812-3456-7890' });
    await t.ok('purchases:create', { customerId: rudi, amount: 100_000, items: ['Beras'] });
    const sale = await t.ok('purchases:create', {
      customerId: rudi,
      amount: 30_000,
      items: ['2 x Kopi susu'],
      rewardId: s.rewardId,
    });
    await t.ok('purchases:receipt', { id: sale.id, mode: 'copy' });
    const text = decodeURIComponent(t.handoff.copied.at(-1)!);
    expect(text).toMatch(/Potongan member: −Rp\s?15\.000/);
    expect(text).toMatch(/Dibayar: Rp\s?15\.000/);
    expect(text).toMatch(/Saldo poin member Anda: 1\b/);
    const sari = (await t.ok('customers:create', { name: 'Sari', phone: '0813-1111-2222' })).id;
    const other = await t.ok('purchases:create', { customerId: sari, amount: 30_000, items: ['Kopi'] });
    await t.ok('purchases:receipt', { id: other.id, mode: 'copy' });
    expect(decodeURIComponent(t.handoff.copied.at(-1)!)).not.toMatch(/Saldo/);
  });

  it('in stamps mode tells the balance in stamps', async () => {
    const s = await shop();
    await t.ok('loyalty:save', { ...settings(s.programme), mode: 'stamps', rupiahPer: 20_000 });
    const rudi = await member(s.purposeId);
    await t.ok('customers:update', { id: rudi, name: 'Rudi', phone: '0812-3456-7890' });
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 30_000, items: ['Kopi'] });
    await t.ok('purchases:receipt', { id: sale.id, mode: 'copy' });
    const text = decodeURIComponent(t.handoff.copied.at(-1)!);
    expect(text).toMatch(/Saldo stempel member Anda: 1\b/);
    expect(text).not.toMatch(/poin/i);
  });
});

describe("the customer's own copy of their data", () => {
  it('the portability file holds the points ledger and the discount on the sale', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 100_000, items: ['Beras'] });
    await t.ok('purchases:create', {
      customerId: rudi,
      amount: 30_000,
      items: ['Kopi'],
      rewardId: s.rewardId,
    });
    const req = await t.ok('requests:create', {
      type: 'portability',
      customerId: rudi,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'portability_export' });
    const json = t.dialogs.saved.find((f) => f.name.endsWith('.json'))!;
    const data = JSON.parse(String(json.data)) as {
      points: { kind: string; points: number }[];
      purchases: { amount: number; discount?: number }[];
    };
    expect(data.points.map((p) => [p.kind, p.points])).toEqual([
      ['earned', 1],
      ['redeemed', -10],
      ['earned', 10],
    ]);
    expect(data.purchases).toEqual(
      expect.arrayContaining([expect.objectContaining({ amount: 30_000, discount: 15_000 })]),
    );
  });
});

describe('the access report', () => {
  /** The customer's access report as printed (their request received in person, fulfilled). */
  async function accessReport(customerId: number) {
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    return t.printer.printed.at(-1)!.html;
  }

  it("says a member's points ledger: how many entries and the balance", async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 100_000, items: ['Beras'] });
    await t.ok('loyalty:adjust', { customerId: rudi, points: 2, reason: 'Hadiah pembukaan' });
    const html = await accessReport(rudi);
    expect(html).toContain('Buku poin program member Anda: 2 catatan, saldo 12');
  });

  it('in stamps mode calls the ledger a ledger of stamps', async () => {
    const s = await shop();
    await t.ok('loyalty:save', { ...settings(s.programme), mode: 'stamps', rupiahPer: 20_000 });
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 30_000, items: ['Kopi'] });
    const html = await accessReport(rudi);
    expect(html).toContain('Buku stempel program member Anda: 1 catatan, saldo 1');
    expect(html).not.toMatch(/Buku poin/);
  });
});
