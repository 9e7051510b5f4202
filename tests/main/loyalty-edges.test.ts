import { afterEach, describe, expect, it } from 'vitest';
import { posterJoin } from '../../src/main/services/join.service';
import { expiryDue, runExpiry } from '../../src/main/services/loyalty/programme';
import { periodEnd } from '../../src/shared/shop-time';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

/**
 * The member programme on a bad day: what the audit log holds of a cashier's quotes, what the
 * poster asks for, what the notice says once the last kept points are gone.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const KOPI_GRATIS = { name: 'Kopi gratis', cost: 10, discount: 15_000, active: true };
const POINTS = {
  enabled: true,
  mode: 'points' as const,
  rupiahPer: 10_000,
  expiryMonths: null,
  // These members join at the counter (their points are what is tested, not how they joined).
  joinProof: 'whatsapp_or_counter' as const,
  rewards: [KOPI_GRATIS],
};
const HOUR = 3_600_000;

async function shop(expiryMonths: number | null = null) {
  t = makeCore();
  const ids = await setupShop(t);
  const programme = await t.ok('loyalty:save', { ...POINTS, expiryMonths });
  return { ...ids, programme, purposeId: programme.purposeId! };
}

async function member(purposeId: number, name = 'Rudi') {
  const c = await t.ok('customers:create', { name });
  await t.ok('consent:grant', { customerId: c.id, purposeId, method: 'verbal' });
  return c.id;
}

/** A coffee paid with the member's reward. */
const coffeeWithReward = (customerId: number, amount: number, rewardId: number) =>
  t.ok('purchases:create', { customerId, amount, items: ['Kopi'], rewardId });

const quoteEntries = async () =>
  (await t.ok('audit:list', { action: 'loyalty.quote' })).items.map((e) => ({
    target: e.target,
    outcome: e.outcome,
  }));

describe("the quote's audit: one view, not one entry per keystroke", () => {
  it('quotes of the same member while the cashier types are one entry an hour; another member, a refusal, an hour later are entries', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    const siti = await member(s.purposeId, 'Siti');
    // The amount typed digit by digit: 1, 15, 150, ... each a quote.
    for (const amount of [1, 15, 150, 1_500, 15_000, 150_000])
      await t.ok('loyalty:quote', { customerId: rudi, amount });
    expect(await quoteEntries()).toEqual([{ target: String(rudi), outcome: 'ok' }]);
    await t.ok('loyalty:quote', { customerId: siti, amount: 20_000 });
    expect(await quoteEntries()).toHaveLength(2);
    // A refused quote (a reward for too few points) is always an entry, however often.
    for (let i = 0; i < 2; i++)
      expect(
        await t.call('loyalty:quote', {
          customerId: rudi,
          amount: 50_000,
          rewardId: s.programme.rewards[0]!.id,
        }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await quoteEntries()).filter((e) => e.outcome !== 'ok')).toHaveLength(2);
    // An hour on, the same member's quote is a view again, an entry again.
    t.clock.advance(HOUR);
    await t.ok('loyalty:quote', { customerId: rudi, amount: 15_000 });
    expect((await quoteEntries()).filter((e) => e.outcome === 'ok')).toHaveLength(3);
  });
});

const SHOP_WA = '0811-2222-3333';
const posterText = (link: string) => new URL(link).searchParams.get('text') ?? '';

describe("the poster's join message says what the printed notice says", () => {
  it('a poster of an older notice version asks only for the purposes that version names', async () => {
    t = makeCore();
    await setupShop(t);
    const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
    const { noticeVersion: before } = await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
    const on = await t.ok('loyalty:save', POINTS);
    const { noticeVersion: after } = await t.ok('settings:get', {});
    expect(after).toBeGreaterThan(before);
    const db = t.core.vault.requireDb();
    const old = posterText(posterJoin(db, 'id', before)!.link);
    expect(old).toContain(`versi ${before}`);
    expect(old).not.toContain('Program member');
    const current = posterText(posterJoin(db, 'id', after)!.link);
    expect(current).toContain('Program member');
    expect(current).toContain(`versi ${after}`);
    // A purpose that version named but the shop since stopped is not asked for.
    await t.ok('loyalty:save', { ...POINTS, enabled: false, rewards: on.rewards });
    expect(posterText(posterJoin(db, 'id', after)!.link)).not.toContain('Program member');
  });
});

describe("the notice follows the paused programme's ledger at once", () => {
  it('the last kept points forfeited while the programme is off: the notice in force stops saying points are kept', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    await t.ok('loyalty:save', { ...POINTS, enabled: false, rewards: s.programme.rewards });
    const db = t.core.vault.requireDb();
    const latestInputs = () =>
      db
        .prepare("SELECT inputs FROM documents WHERE kind = 'notice' ORDER BY version DESC LIMIT 1")
        .pluck()
        .get() as string;
    expect(latestInputs()).toContain('"paused":true');
    await t.ok('consent:withdraw', { customerId: rudi, purposeId: s.purposeId, method: 'verbal' });
    // Read straight from the vault: no screen asked for the notice in between.
    expect(latestInputs()).not.toContain('"paused":true');
  });

  it('the same when the last member with points is erased', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    await t.ok('loyalty:save', { ...POINTS, enabled: false, rewards: s.programme.rewards });
    await t.ok('customers:erase', { id: rudi, confirm: true });
    const db = t.core.vault.requireDb();
    const inputs = db
      .prepare("SELECT inputs FROM documents WHERE kind = 'notice' ORDER BY version DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(inputs).not.toContain('"paused":true');
  });
});

describe('a clock moved ahead does not put off expiry', () => {
  it('points earned, returned or given while the wall clock is a year ahead count from the time the app saw pass', async () => {
    const s = await shop(12);
    const rudi = await member(s.purposeId);
    const truth = t.clock.now();
    t.core.tick(); // the app has been running: it has seen the time
    // Someone sets the computer's clock a year ahead (no time passes), rings sales, then sets it back.
    t.clock.setWall(truth + 365 * 24 * HOUR);
    const sale = await t.ok('purchases:create', { customerId: rudi, amount: 150_000, items: ['Beras'] });
    await coffeeWithReward(rudi, 20_000, s.programme.rewards[0]!.id);
    await t.ok('loyalty:adjust', { customerId: rudi, points: 4, reason: 'Hadiah' });
    await t.ok('purchases:void', { id: sale.id + 1, reason: 'Salah' });
    t.clock.setWall(truth);
    const db = t.core.vault.requireDb();
    const credits = db
      .prepare('SELECT kind, at FROM loyalty_ledger WHERE customer_id = ? AND points > 0 ORDER BY id')
      .all(rudi) as { kind: string; at: number }[];
    expect(credits.map((c) => c.kind)).toEqual(['earned', 'adjusted', 'reversed']);
    for (const c of credits) expect(c.at).toBeLessThanOrEqual(truth + 60_000);
    // A year on (the real one), they expire, all of them.
    expect(runExpiry(db, periodEnd(truth, 12)).points).toBeGreaterThan(0);
    expect(db.prepare('SELECT sum(points) FROM loyalty_ledger WHERE customer_id = ?').pluck().get(rudi)).toBe(
      0,
    );
  });
});

describe('a reward paid with points that then go back', () => {
  it('a cashier cannot void a sale whose points were already spent on a reward (a fake sale, then a free coffee); the owner can, and it is audited', async () => {
    const s = await shop();
    const rudi = await member(s.purposeId);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: s.cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    // A sale that never happened earns 10 points; the coffee is redeemed with them.
    const fake = await t.ok('purchases:create', { customerId: rudi, amount: 100_000, items: ['Beras'] });
    await coffeeWithReward(rudi, 15_000, s.programme.rewards[0]!.id);
    const refused = await t.call('purchases:void', { id: fake.id, reason: 'Salah catat' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'loyalty_points_spent' } },
    });
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT voided_at FROM purchases WHERE id = ?').pluck().get(fake.id)).toBeNull();
    // A void whose points can all be taken back is the cashier's as before.
    const other = await t.ok('purchases:create', { customerId: rudi, amount: 30_000, items: ['Gula'] });
    await t.ok('purchases:void', { id: other.id, reason: 'Salah catat' });
    // The owner decides (the points not taken back are in the entry).
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: s.ownerId, pin: OWNER_PIN });
    await t.ok('purchases:void', { id: fake.id, reason: 'Salah catat' });
    const entry = (await t.ok('audit:list', { action: 'purchase.void' })).items[0]!;
    expect(entry).toMatchObject({ outcome: 'ok', detail: { pointsNotTakenBack: 10 } });
  });
});

describe('a paused programme keeps to the expiry its notice states', () => {
  it('points kept while the programme is off still expire when the notice says they do', async () => {
    const s = await shop(1);
    const rudi = await member(s.purposeId);
    const earned = t.clock.now();
    await t.ok('purchases:create', { customerId: rudi, amount: 50_000, items: ['Beras'] });
    await t.ok('loyalty:save', { ...POINTS, enabled: false, expiryMonths: 1, rewards: s.programme.rewards });
    const notice = JSON.stringify((await t.ok('docs:current', { kind: 'notice' })).text);
    expect(notice).toMatch(/hangus 1 bulan setelah didapat/);
    const db = t.core.vault.requireDb();
    const due = periodEnd(earned, 1);
    expect(expiryDue(db, due)).toBe(true);
    expect(runExpiry(db, due)).toEqual({ customers: 1, points: 5 });
  });
});
