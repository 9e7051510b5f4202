import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCore, setupShop, CASHIER_PIN, OWNER_PIN, type TestCore } from '../support/fixtures';
import { sourceBackupWorker } from '../support/source-worker';
import { fromShopWall } from '../../src/shared/shop-time';
import * as dashboard from '../../src/main/services/dashboard/dashboard';
import { acknowledge } from '../../src/main/services/briefing';

/**
 * The owner's "Pelanggan" dashboard, on hand-counted shops. Every moment below is written as the
 * shop's wall clock (WIB) shows it, so each expectation reads from the calendar, not from the code:
 * the suite also runs under TZ=UTC and TZ=Asia/Tokyo (the laptop's zone must not move a sale).
 */
let t: TestCore;
afterEach(() => {
  t?.cleanup();
  vi.restoreAllMocks();
});

const WA = 2;
const SMS = 3;
const wib = (y: number, mo: number, d: number, h = 12, mi = 0) => fromShopWall(y, mo, d, h, mi)!;
/** Thursday 3 December 2026, 09:00 WIB: the week is Monday 30 Nov to Sunday 6 Dec. */
const NOW = wib(2026, 12, 3, 9);
const LONG_AGO = wib(2025, 2, 1);

/** The worker threads the dashboard started, and whether each has ended. */
let threads: { exited: boolean }[] = [];

async function shop(opts: { worker?: boolean } = {}) {
  threads = [];
  const counted = () => {
    const w = sourceBackupWorker();
    const seen = { exited: false };
    w.on('exit', () => (seen.exited = true));
    threads.push(seen);
    return w;
  };
  t = makeCore(opts.worker ? { backupWorker: counted } : {});
  t.clock.setWall(LONG_AGO);
  const { cashierId } = await setupShop(t);
  await t.ok('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
  const add = (name: string, phone: string, birthday: string | null, consents: number[]) =>
    t.ok('customers:create', {
      name,
      phone,
      birthday,
      consents: consents.map((purposeId) => ({ purposeId, method: 'verbal' as const })),
    });
  const c = {
    ani: await add('Ani', '0812-1111-0001', '1990-12-06', [WA]),
    budi: await add('Budi', '0812-1111-0002', '1985-11-29', [WA]),
    citra: await add('Citra', '0812-1111-0003', '1992-12-01', [WA]),
    dedi: await add('Dedi', '0812-1111-0004', '1990-12-02', [SMS]),
    fajar: await add('Fajar', '0812-1111-0005', '2000-11-30', [WA]),
    gita: await add('Gita', '0812-1111-0006', '1999-12-07', [WA]),
    hadi: await add('Hadi', '0812-1111-0007', null, [WA]),
  };
  const sale = (customerId: number, at: number) =>
    t.ok('purchases:create', { customerId, at, amount: 10_000, items: ['Kopi'] });
  t.clock.setWall(NOW);
  // Ani: 23:30 WIB on the last day of October (already 1 November in Tokyo), then Nov and Dec.
  await sale(c.ani.id, wib(2026, 10, 31, 23, 30));
  await sale(c.ani.id, wib(2026, 11, 15));
  await sale(c.ani.id, wib(2026, 12, 1));
  // Budi: first ever at 23:30 WIB on 30 November; again ten minutes past midnight, 1 December
  // WIB (still 30 November in UTC).
  await sale(c.budi.id, wib(2026, 11, 30, 23, 30));
  await sale(c.budi.id, wib(2026, 12, 1, 0, 10));
  // Citra bought long before the six months shown, and again this month.
  await sale(c.citra.id, wib(2025, 3, 1));
  await sale(c.citra.id, wib(2026, 12, 2));
  // Dedi's November sale was voided (it did not happen): December is his first.
  const voided = await sale(c.dedi.id, wib(2026, 11, 10));
  await t.ok('purchases:void', { id: voided.id, reason: 'salah pelanggan' });
  await sale(c.dedi.id, wib(2026, 12, 2));
  // Gita last came at 23:30 WIB on 4 November; Hadi half an hour after midnight on 5 November.
  await sale(c.gita.id, wib(2026, 11, 4, 23, 30));
  await sale(c.hadi.id, wib(2026, 11, 5, 0, 30));
  // Citra withdraws her WhatsApp consent today.
  await t.ok('consent:withdraw', { customerId: c.citra.id, purposeId: WA, method: 'verbal' });
  return { ...c, cashierId };
}

const names = (p: { items: { name: string }[] }) => p.items.map((m) => m.name);

describe('the owner\'s "Pelanggan" figures, on the shop\'s calendar', () => {
  it('counts returning and new buyers per month, consent coverage and the two lists, by hand', async () => {
    await shop();
    const s = await t.ok('dashboard:summary', { lapsedWeeks: 4 });
    expect(s.customers).toBe(7);
    expect(s.months).toEqual([
      { month: '2026-07', returning: 0, new: 0 },
      { month: '2026-08', returning: 0, new: 0 },
      { month: '2026-09', returning: 0, new: 0 },
      // Ani's 23:30 on 31 October is October's.
      { month: '2026-10', returning: 0, new: 1 },
      // Ani came back; first sales of Budi, Gita and Hadi; Dedi's voided sale is nobody's.
      { month: '2026-11', returning: 1, new: 3 },
      // Ani, Budi (00:10 on 1 December) and Citra (bought in 2025) came back; Dedi is new.
      { month: '2026-12', returning: 3, new: 1 },
    ]);
    // WhatsApp: Ani, Budi, Fajar, Gita, Hadi (Citra withdrew); SMS/email: Dedi; personalisation: none.
    expect(s.coverage.map((p) => [p.purposeId, p.granted])).toEqual([
      [2, 5],
      [3, 1],
      [4, 0],
    ]);
    // No member programme and no points ledger yet: shown as not active, never as zero.
    expect(s).toMatchObject({ members: null, pointsOutstanding: null, rewardsRedeemed: null });
    expect(s.birthdays).toEqual({ from: '2026-11-30', to: '2026-12-06', total: 2 });
    expect(s.lapsed).toEqual({ weeks: 4, since: wib(2026, 11, 5, 0), total: 2 });

    // Birthdays Monday 30 Nov to Sunday 6 Dec, in the week's order: Fajar (Mon), Ani (Sun).
    // Not Citra (1 Dec; withdrew), Dedi (2 Dec; SMS only), Budi (29 Nov), Gita (7 Dec).
    const bd = await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 4 });
    expect(names(bd)).toEqual(['Fajar', 'Ani']);
    expect(bd.items.map((m) => m.birthday)).toEqual(['30/11', '06/12']);
    expect(bd.items.every((m) => m.link?.startsWith('https://wa.me/62'))).toBe(true);

    // Not seen since 5 November 00:00 WIB: Gita (23:30 on the 4th), then Fajar (never bought);
    // Hadi came at 00:30 on the 5th.
    const gone = await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 });
    expect(names(gone)).toEqual(['Gita', 'Fajar']);
    expect(gone.items.map((m) => m.lastSeen)).toEqual([wib(2026, 11, 4, 23, 30), LONG_AGO]);
    expect(gone.total).toBe(2);
  });

  it('a birthday on 29 February is greeted on the 28th in a year without one', async () => {
    t = makeCore();
    t.clock.setWall(wib(2027, 3, 1, 9)); // Monday 1 March 2027: the week 1-7 March
    await setupShop(t);
    await t.ok('fields:update', { key: 'birthday', enabled: true, purpose: 'Ucapan ulang tahun' });
    const leap = await t.ok('customers:create', {
      name: 'Lia',
      phone: '0812-2222-0001',
      birthday: '2000-02-29',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    expect((await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 8 })).total).toBe(0);
    t.clock.setWall(wib(2027, 2, 24, 9)); // Wednesday: the week 22-28 February 2027
    const week = await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 8 });
    expect(week.items.map((m) => m.id)).toEqual([leap.id]);
  });

  it('with birthdays not collected there is no birthday list at all', async () => {
    await shop();
    await t.ok('fields:update', { key: 'birthday', enabled: false, purpose: 'Ucapan ulang tahun' });
    expect((await t.ok('dashboard:summary', { lapsedWeeks: 4 })).birthdays).toBeNull();
    expect((await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 4 })).items).toEqual([]);
  });
});

describe('the two lists hold only customers who agreed to WhatsApp messages', () => {
  it('a withdrawal drops the customer from both lists at once, and her link is refused', async () => {
    const c = await shop();
    await t.ok('consent:withdraw', { customerId: c.ani.id, purposeId: WA, method: 'verbal' });
    await t.ok('consent:withdraw', { customerId: c.gita.id, purposeId: WA, method: 'verbal' });
    expect(names(await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 4 }))).toEqual(['Fajar']);
    // Gita's withdrawal is her latest activity, but she is gone from the list because of consent.
    expect(names(await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 }))).toEqual(['Fajar']);
    const s = await t.ok('dashboard:summary', { lapsedWeeks: 4 });
    expect([s.birthdays?.total, s.lapsed.total]).toEqual([1, 1]);
    const link = await t.call('audience:whatsapp', {
      customerId: c.ani.id,
      message: 'Selamat ulang tahun!',
      mode: 'copy',
    });
    expect(link).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a restricted customer is never listed, nor one whose number the shop stopped collecting', async () => {
    const c = await shop();
    await t.ok('customers:setRestricted', { id: c.fajar.id, restricted: true });
    expect(names(await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 4 }))).toEqual(['Ani']);
    expect(names(await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 }))).toEqual(['Gita']);
    await t.ok('fields:update', { key: 'phone', enabled: false, purpose: 'Menghubungi pelanggan' });
    expect((await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 })).total).toBe(0);
  });

  it('a message sent from the list is marked, and opening the list is audited without names', async () => {
    const c = await shop();
    const message = 'Selamat ulang tahun, {nama}!';
    await t.ok('audience:whatsapp', { customerId: c.fajar.id, message, mode: 'open' });
    const bd = await t.ok('dashboard:list', { list: 'birthdays', lapsedWeeks: 4, message, unsentOnly: true });
    expect(names(bd)).toEqual(['Ani']);
    expect(bd).toMatchObject({ audience: 2, unsent: 1 });
    const log = await t.ok('audit:list', { action: 'dashboard.list' });
    expect(log.items[0]).toMatchObject({ action: 'dashboard.list', outcome: 'ok' });
    expect(JSON.stringify(log.items)).not.toMatch(/Ani|Fajar|0812/);
  });
});

describe('who may see it', () => {
  it('a cashier is refused both channels (FORBIDDEN), and the refusal is audited', async () => {
    const c = await shop();
    // A cashier at work today: briefing read (the shop was set up long ago), PIN changed.
    acknowledge(t.core.vault.requireDb(), c.cashierId, t.clock.now());
    await t.ok('auth:unlock', { userId: c.cashierId, pin: CASHIER_PIN }, 'w2');
    await t.ok(
      'auth:changePin',
      { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' },
      'w2',
    );
    for (const call of [
      t.call('dashboard:summary', { lapsedWeeks: 4 }, 'w2'),
      t.call('dashboard:list', { list: 'birthdays', lapsedWeeks: 4 }, 'w2'),
    ]) {
      const r = await call;
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // Refused for the role itself, not for some other gate on the way.
      expect(r.ok ? null : r.error.details).toBeUndefined();
    }
    const denied = await t.ok('audit:list', { action: 'ipc.denied' });
    expect(denied.items.map((e) => (e.detail as { channel?: string }).channel)).toEqual(
      expect.arrayContaining(['dashboard:summary', 'dashboard:list']),
    );
  });

  it('bad input changes nothing and is refused clearly', async () => {
    await shop();
    for (const lapsedWeeks of [0, 105, 2.5])
      expect(await t.call('dashboard:summary', { lapsedWeeks })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
  });
});

describe('the member programme and its points, once they exist', () => {
  it('members are those consenting to the member purpose; points and rewards come from the ledger', async () => {
    const c = await shop();
    const db = t.core.vault.requireDb();
    // Before the programme exists its figures say "not active".
    expect(await t.ok('dashboard:summary', { lapsedWeeks: 4 })).toMatchObject({ members: null, unit: null });
    const programme = await t.ok('loyalty:save', {
      enabled: true,
      mode: 'points',
      rupiahPer: 1_000,
      expiryMonths: null,
      legalBasis: 'consent',
      // Members here join at the counter (the figures are what is tested, not how they joined).
      joinProof: 'whatsapp_or_counter',
      rewards: [{ name: 'Kopi gratis', cost: 30, discount: 20_000, active: true }],
    });
    const member = programme.purposeId!;
    const reward = programme.rewards[0]!.id;
    await t.ok('consent:grant', { customerId: c.ani.id, purposeId: member, method: 'verbal' });
    await t.ok('consent:grant', { customerId: c.budi.id, purposeId: member, method: 'verbal' });
    await t.ok('consent:grant', { customerId: c.dedi.id, purposeId: member, method: 'verbal' });
    await t.ok('consent:withdraw', { customerId: c.dedi.id, purposeId: member, method: 'verbal' });
    const sale = (customerId: number, at: number, rewardId?: number) =>
      t.ok('purchases:create', { customerId, at, amount: 50_000, items: ['Kopi'], rewardId });
    // November: Budi earns, then redeems at 23:40 WIB on the 30th (still November in Jakarta).
    await sale(c.budi.id, wib(2026, 11, 30, 23, 30));
    await sale(c.budi.id, wib(2026, 11, 30, 23, 40), reward);
    // December: Ani earns and redeems; Budi redeems on a sale that is then voided.
    await sale(c.ani.id, wib(2026, 12, 2));
    await sale(c.ani.id, wib(2026, 12, 2, 10), reward);
    const gone = await sale(c.budi.id, wib(2026, 12, 2, 11), reward);
    await t.ok('purchases:void', { id: gone.id, reason: 'dibatalkan' });
    const balance = async (id: number) => (await t.ok('loyalty:history', { customerId: id })).status.balance;
    const s = (await t.ok('dashboard:summary', { lapsedWeeks: 4 }))!;
    expect(s.members).toBe(2);
    expect(s.unit).toBe('points');
    // What the shop owes is every member's balance, as the ledger keeps it.
    expect(s.pointsOutstanding).toBe((await balance(c.ani.id)) + (await balance(c.budi.id)));
    expect(s.pointsOutstanding).toBeGreaterThan(0);
    // December: Ani's (Budi's was on a voided sale); November: Budi's at 23:40 on the 30th.
    expect(s.rewardsRedeemed).toEqual({ thisMonth: 1, lastMonth: 1 });
    expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBeGreaterThan(4);
  });
});

describe('computed on the worker', () => {
  it('the worker gives the same figures and lists, main never computes them, and keeps answering', async () => {
    await shop();
    const inProcess = await t.ok('dashboard:summary', { lapsedWeeks: 4 });
    const inProcessList = await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 });
    t.cleanup();
    const c = await shop({ worker: true });
    const onMain = vi.spyOn(dashboard, 'dashboardSummary');
    const keptOnMain = vi.spyOn(dashboard, 'dashboardFigures');
    const pending = t.ok('dashboard:summary', { lapsedWeeks: 4 });
    // While the worker computes, another window's call is answered.
    let answered = false;
    const ping = t.ok('app:status', {}, 'w9').then(() => (answered = true));
    await ping;
    const summary = await pending;
    expect(answered).toBe(true);
    expect(summary).toEqual(inProcess);
    expect(await t.ok('dashboard:list', { list: 'lapsed', lapsedWeeks: 4 })).toEqual(inProcessList);
    expect(onMain).not.toHaveBeenCalled();
    expect(keptOnMain).not.toHaveBeenCalled();
    // One thread answered all three, its connection kept; a sale made since is counted (Gita,
    // last seen in November, comes back today).
    expect(threads).toEqual([{ exited: false }]);
    await t.ok('purchases:create', { customerId: c.gita.id, amount: 5_000, items: ['Gula'] });
    expect((await t.ok('dashboard:summary', { lapsedWeeks: 4 })).months.at(-1)).toEqual({
      month: '2026-12',
      returning: 4,
      new: 1,
    });
    // Locking ends it (the key goes with it); after the next unlock a new one starts.
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:lock', {});
    await expect.poll(() => threads.map((x) => x.exited)).toEqual([true]);
    await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    // The owner's login starts the thread and warms it before the screen asks.
    expect(threads.map((x) => x.exited)).toEqual([true, false]);
    expect(await t.ok('dashboard:summary', { lapsedWeeks: 4 })).toMatchObject({ customers: 7 });
    expect(threads.map((x) => x.exited)).toEqual([true, false]);
    // A cashier's login starts none.
    await t.ok('auth:lock', {});
    await expect.poll(() => threads.map((x) => x.exited)).toEqual([true, true]);
    await t.ok('auth:unlock', { userId: c.cashierId, pin: CASHIER_PIN });
    expect(threads).toHaveLength(2);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    expect(threads.map((x) => x.exited)).toEqual([true, true, false]);
    // A key rotation reopens the vault under a new key (a re-encrypted copy renamed over it)
    // without closing it for the sessions: the kept thread (the old file, the old key) goes, and
    // a new one reads the vault as it is now, Fajar's first sale included.
    t.core.vault.rekey(randomBytes(32));
    await t.ok('purchases:create', { customerId: c.fajar.id, amount: 5_000, items: ['Gula'] });
    expect((await t.ok('dashboard:summary', { lapsedWeeks: 4 })).months.at(-1)).toEqual({
      month: '2026-12',
      returning: 4,
      new: 2,
    });
    await expect.poll(() => threads.map((x) => x.exited)).toEqual([true, true, true, false]);
  }, 60_000);
});
