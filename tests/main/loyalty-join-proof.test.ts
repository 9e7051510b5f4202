import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROGRAMME_META } from '../../src/main/services/loyalty/purpose';
import type { LoyaltyJoinProof } from '../../src/shared/domain';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

/**
 * Membership proven from the customer's own WhatsApp. While the programme takes members only that
 * way (its default), main refuses every other grant of the member purpose, whoever asks and
 * however the cashier says it was given, and says why; leaving stays possible by any method; the
 * notice says which rule holds.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const SHOP_WA = '0811-2222-3333';
const SITI = '0812-3456-7890';
const POINTS = {
  enabled: true,
  mode: 'points' as const,
  rupiahPer: 10_000,
  expiryMonths: null,
  rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
};
const METHODS = ['verbal', 'paper', 'digital'] as const;

const db = () => t.core.vault.requireDb();
const count = (sql: string) => db().prepare(sql).pluck().get() as number;

/** The shop with its WhatsApp number and the programme on (`joinProof` left out: the default). */
async function shop(joinProof?: LoyaltyJoinProof) {
  t = makeCore();
  const ids = await setupShop(t);
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
  const programme = await t.ok('loyalty:save', { ...POINTS, ...(joinProof ? { joinProof } : {}) });
  return { ...ids, purposeId: programme.purposeId!, programme };
}

async function as(role: 'owner' | 'cashier', ids: { ownerId: string; cashierId: string }) {
  await t.ok('auth:lock', {});
  if (role === 'owner') {
    await t.ok('auth:unlock', { userId: ids.ownerId, pin: OWNER_PIN });
    return;
  }
  await t.ok('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
  // The first login asks for a new PIN; later ones just log in.
  const changed = await t.call('auth:changePin', {
    currentPin: CASHIER_PIN,
    newPin: '582914',
    newPinConfirm: '582914',
  });
  if (!changed.ok) {
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ids.cashierId, pin: '582914' });
  }
}

/** The customer's phone sends the prefilled message; the cashier types its code and the sender. */
async function joinByWhatsApp(customerId: number, purposeId: number, sender = SITI) {
  const started = await t.ok('join:start', { customerId, purposeIds: [purposeId] });
  const text = new URL(started.link).searchParams.get('text') ?? '';
  const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)?.[1] ?? '';
  return t.ok('join:confirm', { customerId, code, sender });
}

const isMember = async (customerId: number) => (await t.ok('loyalty:history', { customerId })).status.member;

const refusals = () =>
  db()
    .prepare(
      "SELECT action, outcome, detail FROM audit_log WHERE detail LIKE '%member_whatsapp_only%' ORDER BY id",
    )
    .all() as { action: string; outcome: string; detail: string }[];

const noticeSection = async (kind: 'notice' | 'record') => {
  const doc = await t.ok('docs:current', { kind });
  return { version: doc.version, text: JSON.stringify(doc.text) };
};

describe('a member only by their own WhatsApp (the default)', () => {
  it('is the setting of a new programme and of one saved before the setting existed', async () => {
    const s = await shop();
    expect(s.programme.joinProof).toBe('whatsapp');
    // A programme stored by an earlier version: no such key in its settings.
    const stored = JSON.parse(
      db().prepare('SELECT value FROM meta WHERE key = ?').pluck().get(PROGRAMME_META) as string,
    ) as Record<string, unknown>;
    delete stored.joinProof;
    db().prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(stored), PROGRAMME_META);
    expect((await t.ok('loyalty:get', {})).joinProof).toBe('whatsapp');
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    expect(
      await t.call('consent:grant', { customerId: rudi.id, purposeId: s.purposeId, method: 'verbal' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } } });
  });

  for (const role of ['owner', 'cashier'] as const) {
    it(`the ${role}'s every counter grant of the member purpose is refused, says why, changes nothing, and is audited as refused`, async () => {
      const s = await shop();
      const rudi = await t.ok('customers:create', { name: 'Rudi' });
      await as(role, s);
      const events = count('SELECT count(*) FROM consent_events');
      const customers = count('SELECT count(*) FROM customers');
      // The consent panel, with each method a cashier can choose.
      for (const method of METHODS) {
        const r = await t.call('consent:grant', { customerId: rudi.id, purposeId: s.purposeId, method });
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } },
        });
        // What happened and what to do, in the owner's language and the other one.
        const msg = (r as { ok: false; error: { message: string } }).error.message;
        expect(msg).toMatch(/Gabung lewat WhatsApp/);
      }
      // The new customer's form with the member box ticked: the customer is not saved either.
      expect(
        await t.call('customers:create', {
          name: 'Budi',
          consents: [
            { purposeId: WA, method: 'verbal' },
            { purposeId: s.purposeId, method: 'paper' },
          ],
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } },
      });
      expect(count('SELECT count(*) FROM consent_events')).toBe(events);
      expect(count('SELECT count(*) FROM customers')).toBe(customers);
      expect(await isMember(rudi.id)).toBe(false);
      expect(refusals().map((e) => [e.action, e.outcome])).toEqual([
        ['consent.grant', 'denied'],
        ['consent.grant', 'denied'],
        ['consent.grant', 'denied'],
        ['customer.create', 'denied'],
      ]);
      // Other purposes are given at the counter as before.
      await t.ok('consent:grant', { customerId: rudi.id, purposeId: WA, method: 'verbal' });
    });
  }

  it("after a withdrawal the owner cannot take a member back on their word, only on the customer's own message, on a code the owner made since", async () => {
    const s = await shop();
    const siti = await t.ok('customers:create', { name: 'Siti', phone: SITI });
    await joinByWhatsApp(siti.id, s.purposeId);
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: s.purposeId, method: 'verbal' });
    expect(
      await t.call('consent:grant', {
        customerId: siti.id,
        purposeId: s.purposeId,
        method: 'verbal',
        askedAgain: 'Siti minta ikut lagi di kasir hari ini',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } } });
    // A cashier cannot ask her again (as at the counter, only the owner may).
    await as('cashier', s);
    expect(await t.call('join:start', { customerId: siti.id, purposeIds: [s.purposeId] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    await as('owner', s);
    expect(await isMember(siti.id)).toBe(false);
    // The owner makes the code; she sends it from her phone: a member again, by her own message.
    await joinByWhatsApp(siti.id, s.purposeId);
    expect(await isMember(siti.id)).toBe(true);
    const [last] = await t.ok('consent:history', { customerId: siti.id });
    expect(last).toMatchObject({ purposeId: s.purposeId, action: 'granted', method: 'whatsapp' });
    expect(last!.proofCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  });

  it('a code the owner made before the withdrawal does not give the purpose back', async () => {
    const s = await shop();
    const siti = await t.ok('customers:create', { name: 'Siti', phone: SITI });
    await joinByWhatsApp(siti.id, s.purposeId);
    // A code naming the member purpose, made while she is a member; then she leaves.
    const started = await t.ok('join:start', { customerId: siti.id, purposeIds: [s.purposeId] });
    const text = new URL(started.link).searchParams.get('text') ?? '';
    const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)?.[1] ?? '';
    t.clock.advance(1_000);
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: s.purposeId, method: 'paper' });
    await as('cashier', s);
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    await as('owner', s);
    expect(await isMember(siti.id)).toBe(false);
  });

  /** Siti asks at the counter to withdraw her consent (a rights request, open until fulfilled). */
  const askToWithdraw = (customerId: number) =>
    t.ok('requests:create', {
      type: 'withdrawal',
      customerId,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });

  /** The owner's code naming `asked`, made while Siti is a member (read from its link). */
  async function ownersCodeWhileMember(purposeId: number, asked = purposeId) {
    const siti = await t.ok('customers:create', { name: 'Siti', phone: SITI });
    await joinByWhatsApp(siti.id, purposeId);
    const started = await t.ok('join:start', { customerId: siti.id, purposeIds: [asked] });
    const text = new URL(started.link).searchParams.get('text') ?? '';
    const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)?.[1] ?? '';
    return { siti, code };
  }

  it('nor, while her request to withdraw made after the code is open, does the code give her a new purpose', async () => {
    const s = await shop();
    // The code asks for the WhatsApp promotions, which she has not agreed to.
    const { siti, code } = await ownersCodeWhileMember(s.purposeId, WA);
    t.clock.advance(60_000);
    await askToWithdraw(siti.id);
    // Her request is not fulfilled yet; a message she sent on the older code is not her asking again.
    await as('cashier', s);
    const before = count('SELECT count(*) FROM consent_events');
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    expect(count('SELECT count(*) FROM consent_events')).toBe(before);
    expect(
      count(`SELECT count(*) FROM consent_state WHERE customer_id = ${siti.id} AND purpose_id = ${WA}`),
    ).toBe(0);
  });

  it('nor when the computer clock was set back before her withdrawal was recorded', async () => {
    const s = await shop();
    const { siti, code } = await ownersCodeWhileMember(s.purposeId);
    const real = t.clock.now();
    // The laptop's clock is set an hour back; her withdrawal is recorded at that time, then the
    // clock is put right. Her withdrawal still came after the code.
    t.clock.setWall(real - 3_600_000);
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: s.purposeId, method: 'paper' });
    t.clock.setWall(real + 60_000);
    await as('cashier', s);
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    await as('owner', s);
    expect(await isMember(siti.id)).toBe(false);
  });

  it('nor does her request to withdraw, recorded with the clock set back, leave the older code standing', async () => {
    const s = await shop();
    const { siti, code } = await ownersCodeWhileMember(s.purposeId, WA);
    const real = t.clock.now();
    t.clock.setWall(real - 3_600_000);
    await askToWithdraw(siti.id);
    t.clock.setWall(real + 60_000);
    await as('cashier', s);
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'consent_withdrawn' } },
    });
    expect(
      count(`SELECT count(*) FROM consent_state WHERE customer_id = ${siti.id} AND purpose_id = ${WA}`),
    ).toBe(0);
  });

  it('the counter is not prompted to offer membership to a minor, who cannot join by WhatsApp; with the counter option their guardian can, and the prompt is back', async () => {
    await shop();
    const anak = await t.ok('customers:create', {
      name: 'Anak',
      phone: '0812-1111-3333',
      isMinor: true,
      guardianName: 'Ibu Anak',
    });
    const quote = () => t.ok('loyalty:quote', { customerId: anak.id, amount: 20_000 });
    expect(await quote()).toMatchObject({ offer: false, offerWithheld: 'minor' });
    const sale = await t.ok('purchases:create', { customerId: anak.id, amount: 20_000, items: ['Roti'] });
    expect(sale.loyalty).toMatchObject({ offer: false, offerWithheld: 'minor' });
    const { rewards, purposeId: _, ...form } = await t.ok('loyalty:get', {});
    await t.ok('loyalty:save', { ...form, rewards, joinProof: 'whatsapp_or_counter' });
    expect(await quote()).toMatchObject({ offer: true, offerWithheld: null });
  });

  it('the CSV import cannot make members: a consent column that would land on the member purpose is refused', async () => {
    const s = await shop();
    // The programme keeps its purpose without a channel (purposes:save refuses one); were it ever
    // the WhatsApp channel's purpose, the file's consent column would map onto it.
    db().prepare("UPDATE purposes SET active = 0 WHERE channel = 'whatsapp'").run();
    db().prepare("UPDATE purposes SET channel = 'whatsapp' WHERE id = ?").run(s.purposeId);
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-pelanggan.csv`);
    writeFileSync(path, 'Nama;No HP;Persetujuan WA\r\nRudi;0812-3456-7890;ya\r\n');
    t.dialogs.nextOpen = path;
    const preview = await t.ok('import:open', {});
    expect(preview.suggested).toMatchObject({ consent_whatsapp: 2 });
    expect(await t.call('import:check', { mapping: preview.suggested })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } },
    });
    expect(
      await t.call('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'paper', noticeVersion: 0 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'member_whatsapp_only' } } });
    expect(count('SELECT count(*) FROM customers')).toBe(0);
    expect(count('SELECT count(*) FROM consent_events')).toBe(0);
  });

  it('joining by WhatsApp (join:confirm) still makes a member, by the cashier as by the owner', async () => {
    const s = await shop();
    const siti = await t.ok('customers:create', { name: 'Siti', phone: SITI });
    const budi = await t.ok('customers:create', { name: 'Budi', phone: '0812-1111-2222' });
    await joinByWhatsApp(siti.id, s.purposeId);
    await as('cashier', s);
    await joinByWhatsApp(budi.id, s.purposeId, '0812-1111-2222');
    await as('owner', s);
    expect(await isMember(siti.id)).toBe(true);
    expect(await isMember(budi.id)).toBe(true);
    expect(
      (await t.ok('consent:history', { customerId: budi.id })).map((e) => [e.purposeId, e.action, e.method]),
    ).toEqual([[s.purposeId, 'granted', 'whatsapp']]);
    expect(refusals()).toEqual([]);
  });

  it('leaving stays as easy as joining: a withdrawal by any method, by either role, ends membership', async () => {
    const s = await shop();
    const phones = ['0812-1000-0001', '0812-1000-0002', '0812-1000-0003'];
    const ids: number[] = [];
    for (const [i, phone] of phones.entries()) {
      const c = await t.ok('customers:create', { name: `Member ${i + 1}`, phone });
      await joinByWhatsApp(c.id, s.purposeId, phone);
      ids.push(c.id);
    }
    await as('cashier', s);
    for (const [i, method] of METHODS.entries()) {
      const state = await t.ok('consent:withdraw', { customerId: ids[i]!, purposeId: s.purposeId, method });
      expect(state).toMatchObject({ granted: false, method });
    }
    await as('owner', s);
    for (const id of ids) expect(await isMember(id)).toBe(false);
    expect(refusals()).toEqual([]);
  });
});

describe('WhatsApp, or consent recorded at the counter', () => {
  for (const role of ['owner', 'cashier'] as const) {
    it(`the ${role} records a verbal, paper or digital member consent, and the new customer's form with the member box`, async () => {
      const s = await shop('whatsapp_or_counter');
      const ids: number[] = [];
      for (const name of ['A', 'B', 'C']) ids.push((await t.ok('customers:create', { name })).id);
      await as(role, s);
      for (const [i, method] of METHODS.entries())
        await t.ok('consent:grant', { customerId: ids[i]!, purposeId: s.purposeId, method });
      const budi = await t.ok('customers:create', {
        name: 'Budi',
        consents: [{ purposeId: s.purposeId, method: 'paper' }],
      });
      await as('owner', s);
      for (const id of [...ids, budi.id]) expect(await isMember(id)).toBe(true);
    });
  }

  it('switching back to WhatsApp only refuses the counter again; members who joined at the counter stay members', async () => {
    const s = await shop('whatsapp_or_counter');
    const rudi = await t.ok('customers:create', { name: 'Rudi' });
    await t.ok('consent:grant', { customerId: rudi.id, purposeId: s.purposeId, method: 'verbal' });
    const back = await t.ok('loyalty:save', {
      ...POINTS,
      rewards: s.programme.rewards,
      joinProof: 'whatsapp',
    });
    expect(back.joinProof).toBe('whatsapp');
    const audit = db()
      .prepare("SELECT detail FROM audit_log WHERE action = 'loyalty.save' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ changed: ['joinProof'], joinProof: 'whatsapp' });
    const budi = await t.ok('customers:create', { name: 'Budi' });
    expect(
      await t.call('consent:grant', { customerId: budi.id, purposeId: s.purposeId, method: 'verbal' }),
    ).toMatchObject({ ok: false, error: { details: { reason: 'member_whatsapp_only' } } });
    expect(await isMember(rudi.id)).toBe(true);
  });
});

describe('the notice and the record say the rule that holds', () => {
  it('they say "WhatsApp only" exactly when a verbal member grant is refused; each change of the setting is a new version', async () => {
    const s = await shop();
    let version = (await noticeSection('notice')).version;
    for (const joinProof of [null, 'whatsapp_or_counter', 'whatsapp', 'whatsapp_or_counter'] as const) {
      if (joinProof) {
        await t.ok('loyalty:save', { ...POINTS, rewards: s.programme.rewards, joinProof });
        expect((await noticeSection('notice')).version).toBe(++version);
      }
      const notice = await noticeSection('notice');
      const record = await noticeSection('record');
      const fresh = await t.ok('customers:create', { name: `Pelanggan ${version}` });
      const refused = !(
        await t.call('consent:grant', { customerId: fresh.id, purposeId: s.purposeId, method: 'verbal' })
      ).ok;
      expect(/hanya dengan mengirim pesan WhatsApp dari ponsel Anda sendiri/.test(notice.text)).toBe(refused);
      expect(/atau dengan menyatakan setuju kepada kasir/.test(notice.text)).toBe(!refused);
      expect(/hanya diterima lewat pesan WhatsApp/.test(record.text)).toBe(refused);
      // Leaving is said to take any way, under either rule.
      expect(notice.text).toMatch(/Keluar dari program dapat kapan saja dan dengan cara apa pun/);
    }
  });

  it('they say a minor cannot be a member exactly when no way is open to one: the WhatsApp join refuses a minor and the counter is closed', async () => {
    const s = await shop();
    const minorSentence = {
      notice: /Anak di bawah umur tidak dapat menjadi member/,
      record: /Anak di bawah umur tidak dapat menjadi member/,
    };
    for (const joinProof of ['whatsapp', 'whatsapp_or_counter'] as const) {
      await t.ok('loyalty:save', { ...POINTS, rewards: s.programme.rewards, joinProof });
      const anak = await t.ok('customers:create', {
        name: `Anak ${joinProof}`,
        phone: joinProof === 'whatsapp' ? '0812-1111-3333' : '0812-1111-4444',
        isMinor: true,
        guardianName: 'Ibu Anak',
      });
      const byWhatsApp = await t.call('join:start', { customerId: anak.id, purposeIds: [s.purposeId] });
      const byGuardian = await t.call('consent:grant', {
        customerId: anak.id,
        purposeId: s.purposeId,
        method: 'paper',
        guardianName: 'Ibu Anak',
      });
      const noWay = !byWhatsApp.ok && !byGuardian.ok;
      expect(byWhatsApp.ok).toBe(false);
      expect(noWay).toBe(joinProof === 'whatsapp');
      expect(minorSentence.notice.test((await noticeSection('notice')).text)).toBe(noWay);
      expect(minorSentence.record.test((await noticeSection('record')).text)).toBe(noWay);
    }
  });

  it('under WhatsApp only, the notice and the record name every way of recording at the counter that main refuses', async () => {
    const s = await shop();
    const words = { verbal: 'lisan', paper: 'di kertas', digital: 'digital' } as const;
    const sentence = (text: string, start: RegExp) => text.slice(text.search(start)).split(/\.\s/)[0]!;
    const notice = sentence(
      (await noticeSection('notice')).text,
      /Kasir tidak dapat mencatat Anda sebagai member/,
    );
    const record = sentence(
      (await noticeSection('record')).text,
      /Cara bergabung: persetujuan untuk program member/,
    );
    for (const method of METHODS) {
      const fresh = await t.ok('customers:create', { name: `Pelanggan ${method}` });
      const refused = !(
        await t.call('consent:grant', { customerId: fresh.id, purposeId: s.purposeId, method })
      ).ok;
      expect(refused).toBe(true);
      expect(notice).toContain(words[method]);
      expect(record).toContain(words[method]);
    }
  });
});
