import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { pingWhileJobRuns } from '../support/main-answers';
import { TestClock } from '../support/clock';
import { addMonthsWib, periodEnd } from '../../src/shared/shop-time';
import { setMeta } from '../../src/main/services/settings.service';
import { decryptedVault, trigrams } from '../support/decrypted-pages';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
let extra: { cleanup(): void } | null = null;
afterEach(() => {
  t?.cleanup();
  extra?.cleanup();
  extra = null;
});

const DAY = 86_400_000;
const CANARY = {
  name: 'Qzxjwv Vkpqzy',
  phone: '0857-9753-1864',
  email: 'qzxjwv.kanari@contoh.id',
  address: 'Jl. Kenari Ungu Zqx No. 17',
  notes: 'suka kopi gayo xqzv',
};
/** What must leave no byte behind: the name's trigrams, the phone digits, the email, address and notes. */
const traces = (bytes: Buffer) =>
  [
    ...trigrams('qzxjwvvkpqzy'),
    ...trigrams('Qzxjwv'),
    // Digit runs long enough not to turn up by chance in hashes and timestamps.
    '97531864',
    '85797531864',
    CANARY.email,
    'Kenari Ungu Zqx',
    'kopi gayo xqzv',
  ].filter((g) => bytes.includes(g) || bytes.includes(Buffer.from(g, 'utf16le')));

/**
 * The purge at `at`, after the time until then really passed (both clocks: the purge acts only on
 * time the app has seen pass, never on a clock set ahead).
 */
async function purgeAt(clock: TestClock, at: number) {
  if (at < clock.now()) throw new Error('purgeAt goes forward only');
  clock.advance(at - clock.now());
  return t.ok('retention:purge', {});
}

async function shopWithCanary(clock = new TestClock()) {
  t = makeCore({ clock });
  const ids = await setupShop(t);
  for (let i = 0; i < 30; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
  const canary = await t.ok('customers:create', {
    ...CANARY,
    consents: [{ purposeId: 2, method: 'verbal' }],
  });
  await t.ok('purchases:create', { customerId: canary.id, amount: 125_000, items: ['Kopi gayo 1 kg'] });
  await t.ok('purchases:create', { customerId: canary.id, amount: 40_000, items: ['Gula aren'] });
  return { ...ids, canary, clock };
}

describe('deletion schedules', () => {
  it('policies: defaults, changes audited, absurd periods refused with a clear message and nothing changed', async () => {
    await shopWithCanary();
    expect(await t.ok('retention:policy', {})).toEqual({
      inactiveMonths: 24,
      consentLapseMonths: 0,
      salesKeepYears: 10,
      keepReviewMonths: 6,
    });
    for (const bad of [
      { inactiveMonths: -1 },
      { inactiveMonths: 100_000 },
      { salesKeepYears: 4 },
      { consentLapseMonths: 1.5 },
      { keepReviewMonths: 0 },
    ]) {
      const r = await t.call('retention:setPolicy', {
        inactiveMonths: 24,
        consentLapseMonths: 0,
        salesKeepYears: 10,
        keepReviewMonths: 6,
        ...bad,
      });
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!r.ok) expect(r.error.details?.fields).toEqual(Object.keys(bad));
    }
    expect((await t.ok('retention:policy', {})).inactiveMonths).toBe(24);
    const next = { inactiveMonths: 12, consentLapseMonths: 18, salesKeepYears: 5, keepReviewMonths: 3 };
    expect(await t.ok('retention:setPolicy', next)).toEqual(next);
    const entry = (await t.ok('audit:list', { limit: 50 })).items.find(
      (e) => e.action === 'retention.policy',
    );
    expect(entry?.detail).toMatchObject({ after: next, before: { inactiveMonths: 24 } });
    // A hand-edited policy in the vault falls back to the default, never to "erase everything".
    setMeta(t.core.vault.requireDb(), 'retention_inactive_months', '-5');
    expect((await t.ok('retention:policy', {})).inactiveMonths).toBe(24);
  });

  it('a cashier cannot erase, change policies, keep, purge or see the review page: refused and audited', async () => {
    const { cashierId, ownerId, canary } = await shopWithCanary();
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const attempts = [
      ['retention:policy', {}],
      [
        'retention:setPolicy',
        { inactiveMonths: 3, consentLapseMonths: 0, salesKeepYears: 5, keepReviewMonths: 1 },
      ],
      ['retention:review', {}],
      ['retention:keep', { id: canary.id, reason: 'alasan yang cukup panjang' }],
      ['retention:purge', {}],
      ['customers:erase', { id: canary.id, confirm: true }],
    ] as const;
    for (const [channel, input] of attempts) {
      expect(await t.call(channel, input as never), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const denied = (await t.ok('audit:list', { limit: 100 })).items.filter((e) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(attempts.length);
    expect((await t.ok('customers:get', { id: canary.id })).name).toBe(CANARY.name);
  });

  it('each customer shows its date: 24 months from the last activity, in Jakarta days; exactly 24 months is due', async () => {
    const clock = new TestClock(Date.UTC(2026, 10, 29, 16, 30)); // 23:30 WIB on 29 Nov 2026
    const { canary } = await shopWithCanary(clock);
    const c = await t.ok('customers:get', { id: canary.id });
    // 29 Nov 2028 00:00 WIB, though it is still the 29th in UTC only until 17:00.
    expect(c.deletion).toMatchObject({ dueAt: Date.UTC(2028, 10, 28, 17, 0), basis: 'inactive' });
    expect(c.deletion.lastActivityAt).toBe(clock.now());
    expect(c.erasedBefore).toBeNull();

    // A minute before the day starts in Jakarta: not yet.
    expect((await purgeAt(clock, Date.UTC(2028, 10, 28, 16, 59))).erased).toBe(0);
    expect((await t.ok('customers:get', { id: canary.id })).name).toBe(CANARY.name);
    // The day it is due (exactly 24 months after the last purchase, by the calendar): erased.
    const r = await purgeAt(clock, Date.UTC(2028, 10, 28, 17, 0));
    expect(r.erased).toBe(31);
    expect(await t.call('customers:get', { id: canary.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('calendar months clamp at month ends and ignore the laptop zone', () => {
    // 31 Aug 2026 10:00 WIB + 6 months = 28 Feb 2027 (no 31 Feb), start of that day in WIB.
    expect(periodEnd(Date.UTC(2026, 7, 31, 3), 6)).toBe(Date.UTC(2027, 1, 27, 17));
    // A leap year keeps the 29th.
    expect(periodEnd(Date.UTC(2027, 7, 29, 3), 6)).toBe(Date.UTC(2028, 1, 28, 17));
    expect(addMonthsWib(addMonthsWib(Date.UTC(2026, 0, 15), 24), -24)).toBe(Date.UTC(2026, 0, 15));
  });

  it('activity moves the date: a purchase or a consent event; a lapse does not', async () => {
    const { canary, clock } = await shopWithCanary();
    clock.setWall(clock.now() + 200 * DAY);
    await t.ok('consent:withdraw', { customerId: canary.id, purposeId: 2, method: 'verbal' });
    expect((await t.ok('customers:get', { id: canary.id })).deletion.lastActivityAt).toBe(clock.now());
    clock.setWall(clock.now() + 100 * DAY);
    await t.ok('purchases:create', { customerId: canary.id, amount: 1000, items: ['Air'] });
    const c = await t.ok('customers:get', { id: canary.id });
    expect(c.deletion.dueAt).toBe(periodEnd(clock.now(), 24));
  });

  it('erase now: the person is gone to the last byte, the sales stay anonymous, the ledger keeps only fingerprints', async () => {
    const { canary } = await shopWithCanary();
    await t.ok('customers:update', { id: canary.id, name: CANARY.name, notes: CANARY.notes });
    const db = t.core.vault.requireDb();
    const sales = db.prepare('SELECT count(*) AS n, sum(amount) AS sum FROM purchases').get();
    const key = Buffer.from(t.core.vault.requireDek());
    expect(traces(decryptedVault(join(t.dir, 'vault.db'), key)).length).toBeGreaterThan(0);

    expect(await t.call('customers:erase', { id: canary.id } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.ok('customers:erase', { id: canary.id, confirm: true })).toEqual({
      erased: 1,
      purchasesKept: 2,
    });
    // Every page of the vault and every WAL frame, decrypted with the key, and every other file.
    expect(traces(decryptedVault(join(t.dir, 'vault.db'), key))).toEqual([]);
    for (const f of readdirSync(t.dir).filter((n) => !n.startsWith('vault.db'))) {
      if (statSync(join(t.dir, f)).isFile()) expect(traces(readFileSync(join(t.dir, f))), f).toEqual([]);
    }
    // The search index: no entry for the rowid, no trigram of the name left as a term.
    db.exec("CREATE VIRTUAL TABLE temp.v_inst USING fts5vocab('main', 'customers_fts', 'instance')");
    db.exec("CREATE VIRTUAL TABLE temp.v_row USING fts5vocab('main', 'customers_fts', 'row')");
    expect(db.prepare('SELECT count(*) FROM temp.v_inst WHERE doc = ?').pluck().get(canary.id)).toBe(0);
    const terms = new Set(db.prepare('SELECT term FROM temp.v_row').pluck().all() as string[]);
    expect(trigrams('qzxjwvvkpqzy').filter((g) => terms.has(g))).toEqual([]);
    expect(
      db.prepare('SELECT count(*) FROM consent_events WHERE customer_id = ?').pluck().get(canary.id),
    ).toBe(0);
    // Sales: all still counted, none leads back to anyone.
    expect(db.prepare('SELECT count(*) AS n, sum(amount) AS sum FROM purchases').get()).toEqual(sales);
    expect(db.prepare('SELECT count(*) FROM purchases WHERE customer_id IS NOT NULL').pluck().get()).toBe(0);
    // The ledger: a date, a reason and two keyed fingerprints (64 hex), never the values.
    const ledger = db.prepare('SELECT * FROM deletion_ledger').all() as Record<string, unknown>[];
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ customer_id: canary.id, reason: 'owner' });
    expect(ledger[0]!.phone_fp).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(ledger)).not.toMatch(/9753|qzxjwv|kanari/i);
    // The audit: the id and counts, no name or phone.
    const audit = (await t.ok('audit:list', { limit: 20 })).items.find((e) => e.action === 'customer.erase');
    expect(audit).toMatchObject({ target: String(canary.id), outcome: 'ok' });
    expect(JSON.stringify(audit)).not.toMatch(/9753|qzxjwv/i);
    expect(await t.call('customers:erase', { id: canary.id, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('someone erased before is recognised when added or imported again: a warning, not a block', async () => {
    const { canary } = await shopWithCanary();
    await t.ok('customers:erase', { id: canary.id, confirm: true });
    const back = await t.ok('customers:create', { name: 'Orang Lain', phone: '+62 857 9753 1864' });
    expect(back.erasedBefore).toBe(t.clock.now());
    const other = await t.ok('customers:create', { name: 'Baru', email: 'QZXJWV.kanari@contoh.id ' });
    expect(other.erasedBefore).toBe(t.clock.now());
    expect(
      (await t.ok('customers:create', { name: 'Tidak ada', phone: '0811-1111-2222' })).erasedBefore,
    ).toBeNull();
    // Importing the same email again is flagged in the check.
    await t.ok('customers:erase', { id: other.id, confirm: true });
    extra = tempDir('brankas-csv-');
    t.dialogs.nextOpen = join((extra as unknown as { dir: string }).dir, 'lagi.csv');
    writeFileSync(t.dialogs.nextOpen, 'Nama,Email\nKanari,qzxjwv.kanari@contoh.id\nAman,aman@contoh.id\n');
    await t.ok('import:open', {});
    const check = await t.ok('import:check', { mapping: { name: 0, email: 1 } });
    expect(check).toMatchObject({ valid: 2, previouslyErased: 1 });
  });

  it('keep past the date only with a written reason; it shows, is audited, and comes back for review', async () => {
    const { canary, clock } = await shopWithCanary();
    expect(await t.call('retention:keep', { id: canary.id, reason: 'sengketa' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const due = periodEnd(clock.now(), 24);
    clock.advance(due - 10 * DAY - clock.now());
    const review = await t.ok('retention:review', {});
    expect(review.total).toBe(31);
    expect((await t.ok('retention:review', { query: 'qzxj' })).items.map((i) => i.id)).toEqual([canary.id]);
    expect((await t.ok('retention:review', { query: '1864' })).items[0]?.phone).toMatch(/\*/);
    const reason = 'Sengketa pembayaran dengan pelanggan ini masih berjalan';
    await t.ok('retention:keep', { id: canary.id, reason });
    const kept = await t.ok('customers:get', { id: canary.id });
    expect(kept.deletion).toMatchObject({ basis: 'kept', keepReason: reason });
    expect(kept.deletion.dueAt).toBe(periodEnd(addMonthsWib(clock.now(), 6), 0));
    const audit = (await t.ok('audit:list', { limit: 10 })).items.find((e) => e.action === 'retention.keep');
    expect(audit).toMatchObject({ target: String(canary.id) });
    expect(JSON.stringify(audit)).not.toContain('Sengketa');
    // On the due date everyone else goes; the kept one stays until its review date.
    expect((await purgeAt(clock, due)).erased).toBe(30);
    expect((await t.ok('customers:get', { id: canary.id })).name).toBe(CANARY.name);
    expect((await t.ok('retention:review', {})).items.map((i) => i.id)).toEqual([]);
    clock.advance(kept.deletion.dueAt - 5 * DAY - clock.now());
    expect((await t.ok('retention:review', {})).items.map((i) => i.id)).toEqual([canary.id]);
    expect((await purgeAt(clock, kept.deletion.dueAt)).erased).toBe(1);
  });

  it('promotional consent lapses after the period without renewal: a ledger row, out of every audience', async () => {
    const { canary, clock } = await shopWithCanary();
    const renewed = await t.ok('customers:create', {
      name: 'Rajin',
      phone: '0812-1111-0000',
      consents: [{ purposeId: 2, method: 'verbal' }],
    });
    const wa = async () => (await t.ok('audience:list', { channel: 'whatsapp' })).items.map((m) => m.id);
    await t.ok('customers:update', { id: canary.id, name: CANARY.name, phone: CANARY.phone });
    expect((await wa()).sort()).toEqual([canary.id, renewed.id].sort());
    await t.ok('retention:setPolicy', {
      inactiveMonths: 24,
      consentLapseMonths: 12,
      salesKeepYears: 10,
      keepReviewMonths: 6,
    });
    clock.advance(300 * DAY);
    await t.ok('consent:grant', { customerId: renewed.id, purposeId: 2, method: 'verbal' });
    const r = await purgeAt(clock, addMonthsWib(clock.now() - 300 * DAY, 12));
    expect(r.consentsLapsed).toBe(1);
    expect(await wa()).toEqual([renewed.id]);
    const history = await t.ok('consent:history', { customerId: canary.id });
    expect(history[0]).toMatchObject({ action: 'lapsed', method: 'policy', purposeId: 2 });
    // Off by default: nothing lapses.
    expect((await purgeAt(clock, clock.now() + DAY)).consentsLapsed).toBe(0);
  });

  it('sales are kept for the books period (10 years) and then deleted', async () => {
    const { canary, clock } = await shopWithCanary();
    await t.ok('customers:erase', { id: canary.id, confirm: true });
    const start = clock.now();
    const r1 = await purgeAt(clock, addMonthsWib(start, 12 * 10) - DAY);
    expect(r1.salesDeleted).toBe(0);
    const r2 = await purgeAt(clock, addMonthsWib(start, 12 * 10) + DAY);
    expect(r2.salesDeleted).toBe(2);
    expect(t.core.vault.requireDb().prepare('SELECT count(*) FROM purchases').pluck().get()).toBe(0);
  });

  it('a clock moved ahead or back while the app runs erases nothing new and is reported; a start believes a gap only as far as the app has run, more waits for the owner', async () => {
    const { clock, ownerId } = await shopWithCanary();
    const db = t.core.vault.requireDb();
    // Ten customers whose two years run out at 20-day steps from the first purge on.
    const start = clock.now();
    await t.ok('retention:purge', {});
    const ids = db.prepare('SELECT id FROM customers ORDER BY id LIMIT 10').pluck().all() as number[];
    ids.forEach((id, i) =>
      db
        .prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?')
        .run(addMonthsWib(start, -24) + (i + 1) * 20 * DAY, id),
    );
    const left = () =>
      db
        .prepare('SELECT count(*) FROM customers WHERE id IN (' + ids.join() + ')')
        .pluck()
        .get();
    // (Before, each purge moved its date 45 days past the last one: two erased here, more at each run.)
    clock.setWall(start + 10 * 365 * DAY);
    expect(await t.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    expect(await t.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    clock.setWall(start - 30 * DAY);
    expect(await t.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: false });
    expect(left()).toBe(10);

    // The app closed, the laptop's clock 30 days on when it starts again: the app had run only
    // minutes, so nothing of the gap is believed (it used to be, up to 45 days at every start:
    // restarting again and again moved the purge 45 days each time). The owner is told.
    t.core.dispose();
    clock.setWall(start + 30 * DAY);
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock });
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(await again.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    // Closed again, and the clock a year on at the next start: not believed, nothing erased, told.
    again.core.dispose();
    clock.setWall(start + 30 * DAY + 365 * DAY);
    const third = makeCore({ dir: t.dir, keyStore: t.keyStore, clock });
    extra = third;
    await third.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(await third.ok('retention:purge', {})).toMatchObject({ erased: 0, heldBack: true });
    const health = (await third.ok('health:get', {})).find((h) => h.key === 'deletion');
    expect(health).toMatchObject({ status: 'warn', values: { clockAheadDays: 365 + 30 } });
    // Time that really passes still counts: 25 more days, the first customer (20 days) goes.
    clock.advance(25 * DAY);
    expect(await third.ok('retention:purge', {})).toMatchObject({ erased: 1, heldBack: true });
    // The shop was really closed a year: the owner says the clock is right (audited), and the
    // purge catches up with the wall clock; the warning goes.
    expect(await third.ok('retention:confirmClock', { confirm: true })).toEqual({ clockAheadDays: 395 });
    const audit = (await third.ok('audit:list', { limit: 5 })).items.find(
      (e) => e.action === 'retention.confirmClock',
    );
    expect(audit).toMatchObject({ actorId: ownerId, outcome: 'ok', detail: { clockAheadDays: 395 } });
    expect(await third.ok('retention:purge', {})).toMatchObject({ erased: 9, heldBack: false });
    expect((await third.ok('health:get', {})).find((h) => h.key === 'deletion')).toMatchObject({
      status: 'ok',
    });
  });

  it('on the bundled worker (what the app runs): the same purge on its own connection, main answering', async () => {
    const clock = new TestClock();
    let workers = 0;
    t = makeCore({
      clock,
      backupWorker: () => {
        workers++;
        return new Worker(join(__dirname, '../../out/main/backup-worker.js'));
      },
    });
    await setupShop(t);
    for (let i = 0; i < 40; i++)
      await t.ok('customers:create', { name: `Pelanggan ${i}`, phone: `0813${String(i).padStart(8, '0')}` });
    const db = t.core.vault.requireDb();
    db.prepare('UPDATE customers SET last_activity_at = ? WHERE id <= 25').run(clock.now() - 800 * DAY);
    const { result, order, phases, ping } = await pingWhileJobRuns(t, 'retention:progress', () =>
      t.call('retention:purge', {}),
    );
    // Main answered another window while the purge was still running on the worker.
    expect(ping).toMatchObject({ ok: true });
    expect(order).toEqual(['ping', 'job']);
    expect(result).toMatchObject({ ok: true, value: { erased: 25 } });
    expect(workers).toBe(1);
    expect(phases).toEqual(expect.arrayContaining(['erasing', 'cleaning']));
    expect((await t.ok('customers:search', { query: '' })).total).toBe(15);
    expect(db.prepare('SELECT count(*) FROM deletion_ledger').pluck().get()).toBe(25);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('runs by itself after unlock and daily, audited with counts and no names', async () => {
    const { clock } = await shopWithCanary();
    const events: string[] = [];
    t.core.setEventSink((_w, e) => events.push(e));
    t.core.vault
      .requireDb()
      .prepare('UPDATE customers SET last_activity_at = ?')
      .run(clock.now() - 800 * DAY);
    t.core.tick();
    await new Promise((r) => setTimeout(r, 200));
    const entry = (await t.ok('audit:list', { limit: 20 })).items.find((e) => e.action === 'retention.purge');
    expect(entry).toMatchObject({ actorId: null, outcome: 'ok', detail: { erased: 31, when: 'auto' } });
    expect(events).toContain('retention:progress');
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    // Not again the same day.
    const before = (await t.ok('audit:list', { limit: 500 })).total;
    t.core.tick();
    await new Promise((r) => setTimeout(r, 50));
    expect((await t.ok('audit:list', { limit: 1 })).total).toBe(before);
  });

  it('a restore never resurrects: erased after the backup, gone from the restored vault to the last byte', async () => {
    const { canary, recoveryCode: code } = await shopWithCanary();
    await t.ok('backups:enable', { code });
    const usb = tempDir('brankas-usb-');
    extra = usb;
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    await t.ok('customers:erase', { id: canary.id, confirm: true });
    t.dialogs.nextBackup = join(usb.dir, file);
    const restored = await t.ok('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
    expect(restored.customers).toBe(31); // the backup held the canary...
    expect(await t.call('customers:get', { id: canary.id })).toMatchObject({ ok: false }); // ...the restore erased it again
    expect((await t.ok('customers:search', { query: '' })).total).toBe(30);
    const key = Buffer.from(t.core.vault.requireDek());
    expect(traces(decryptedVault(join(t.dir, 'vault.db'), key))).toEqual([]);
    // The ledger travels on, and still recognises the person.
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM deletion_ledger').pluck().get()).toBe(1);
    expect(
      (await t.ok('customers:create', { name: 'Lagi', phone: CANARY.phone })).erasedBefore,
    ).not.toBeNull();
  });
});
