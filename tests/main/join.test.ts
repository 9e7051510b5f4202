import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOIN_ATTEMPTS } from '../../src/main/services/join.service';
import { decryptedVault } from '../support/decrypted-pages';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const OFFERS = 4;
const SHOP_WA = '0811-2222-3333';
const SITI = '0812-3456-7890';

/** The settings as the form sends them back (the notice version is read-only). */
async function settingsForm() {
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  return settings;
}

async function asCashier(cashierId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}

/** The shop with its WhatsApp number, Siti on file with her number, a cashier at the counter. */
async function counter(phone = SITI) {
  t = makeCore();
  const { cashierId, ownerId } = await setupShop(t);
  const settings = await settingsForm();
  await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
  await asCashier(cashierId);
  const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone });
  return { cashierId, ownerId, siti };
}

/** What the customer's phone would send: the message the link prefills, and its code. */
function message(link: string): { to: string; text: string; code: string } {
  const url = new URL(link);
  const text = url.searchParams.get('text') ?? '';
  const code = /([0-9A-Z]{6})\s*$/.exec(text)?.[1] ?? /kode ([0-9A-Z]{6})/i.exec(text)?.[1] ?? '';
  return { to: url.pathname.slice(1), text, code };
}

const db = () => t.core.vault.requireDb();
const audit = (action: string) =>
  db()
    .prepare('SELECT actor, target, outcome, detail FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as {
    actor: string;
    target: string | null;
    outcome: string;
    detail: string;
  }[];

describe('consent and phone proven by the customer’s WhatsApp', () => {
  it('the shop’s WhatsApp number is an owner setting, in E.164, a mobile only', async () => {
    t = makeCore();
    await setupShop(t);
    const settings = await settingsForm();
    expect(settings.shopWhatsApp).toBe('');
    expect(await t.call('settings:update', { ...settings, shopWhatsApp: '12' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PHONE' },
    });
    expect(await t.call('settings:update', { ...settings, shopWhatsApp: '(021) 5551234' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'wa_not_mobile' } },
    });
    const saved = await t.ok('settings:update', { ...settings, shopWhatsApp: '+62 811 2222 3333' });
    expect(saved.shopWhatsApp).toBe(SHOP_WA);
    expect(db().prepare("SELECT value FROM meta WHERE key = 'shop_whatsapp'").pluck().get()).toBe(
      '+6281122223333',
    );
    // Left out of an update, it stays.
    const { shopWhatsApp: _, noticeVersion: __, ...rest } = saved;
    expect((await t.ok('settings:update', rest)).shopWhatsApp).toBe(SHOP_WA);
  });

  it('the QR’s link goes to the shop’s number with the purposes, the notice version and a code kept only as a hash', async () => {
    const { siti } = await counter();
    const started = await t.ok('join:start', { customerId: siti.id, purposeIds: [OFFERS, WA] });
    const m = message(started.link);
    expect(m.to).toBe('6281122223333');
    expect(m.text).toContain('Promosi via WhatsApp');
    expect(m.text).toContain('Personalisasi penawaran');
    expect(m.text).toContain(`versi ${started.noticeVersion}`);
    expect(m.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(started.qrSvg.startsWith('<svg')).toBe(true);
    expect(started.qrSvg).not.toContain(m.code);
    // Hashed at rest: no column holds the code, and no decrypted page of the vault does.
    const row = db().prepare('SELECT * FROM join_codes').get() as Record<string, unknown>;
    expect(Object.values(row).map(String).join('|')).not.toContain(m.code);
    db().pragma('wal_checkpoint(TRUNCATE)');
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(m.code))).toBe(false);
    // Nothing went anywhere: no hand-off happened.
    expect(t.handoff.opened).toEqual([]);
    expect(t.handoff.copied).toEqual([]);
  });

  it('the right code and sender record the consent (method whatsapp, time, code, notice version) and confirm the phone', async () => {
    const { siti } = await counter();
    const started = await t.ok('join:start', { customerId: siti.id, purposeIds: [WA, OFFERS] });
    const { code } = message(started.link);
    t.clock.advance(90_000);
    const at = t.clock.now();
    const done = await t.ok('join:confirm', {
      customerId: siti.id,
      code: code.toLowerCase().replace(/(...)/, '$1 '),
      sender: '+62 812-3456-7890',
    });
    expect(done.phoneConfirmedAt).toBe(at);
    const history = await t.ok('consent:history', { customerId: siti.id });
    expect(
      history.map((h) => [h.purposeId, h.action, h.method, h.at, h.proofCode, h.noticeVersion, h.recordedBy]),
    ).toEqual([
      [OFFERS, 'granted', 'whatsapp', at, code, started.noticeVersion, 'Andi'],
      [WA, 'granted', 'whatsapp', at, code, started.noticeVersion, 'Andi'],
    ]);
    const customer = await t.ok('customers:get', { id: siti.id });
    expect(customer.phoneConfirmedAt).toBe(at);
    expect(customer.consents.filter((c) => c.granted).map((c) => c.method)).toEqual(['whatsapp', 'whatsapp']);
    const entry = audit('join.confirm').at(-1)!;
    expect(entry).toMatchObject({ target: String(siti.id), outcome: 'ok' });
    // The log never holds the code or the number typed.
    expect(entry.detail).not.toContain(code);
    expect(entry.detail).not.toContain('3456');
    // Single use: the same message typed again records nothing more.
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_code_expired' } },
    });
    expect((await t.ok('consent:history', { customerId: siti.id })).length).toBe(2);
  });

  it('a code expires after its minutes', async () => {
    const { siti } = await counter();
    const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
    t.clock.advance(15 * 60_000);
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_code_expired' } },
    });
    expect(await t.ok('consent:history', { customerId: siti.id })).toEqual([]);
  });

  it('a wrong code is a denial in the log, counted; after the allowed tries even the right code is refused', async () => {
    const { siti, cashierId } = await counter();
    const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
    const wrong = code[0] === '2' ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (let i = 1; i <= JOIN_ATTEMPTS; i++) {
      expect(await t.call('join:confirm', { customerId: siti.id, code: wrong, sender: SITI })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'join_code_wrong', attemptsLeft: JOIN_ATTEMPTS - i } },
      });
    }
    const denials = audit('join.confirm');
    expect(denials).toHaveLength(JOIN_ATTEMPTS);
    expect(
      denials.every((d) => d.outcome === 'denied' && d.actor === cashierId && d.target === String(siti.id)),
    ).toBe(true);
    expect(JSON.parse(denials.at(-1)!.detail)).toEqual({
      code: 'FORBIDDEN',
      reason: 'join_code_wrong',
      attempts: JOIN_ATTEMPTS,
    });
    expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_code_expired' } },
    });
    expect(await t.ok('consent:history', { customerId: siti.id })).toEqual([]);
    expect((await t.ok('customers:get', { id: siti.id })).phoneConfirmedAt).toBeNull();
  });

  it('a number typed wrong on the record cannot be confirmed, wherever the wrong digit is', async () => {
    // Siti's real number sends the message; the record was typed with one digit wrong.
    for (const typedOnRecord of ['0812-3456-7891', '0812-3356-7890', '0813-3456-7890']) {
      const { siti } = await counter(typedOnRecord);
      const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
      expect(await t.call('join:confirm', { customerId: siti.id, code, sender: SITI })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'join_sender_mismatch' } },
      });
      expect(await t.ok('consent:history', { customerId: siti.id })).toEqual([]);
      expect((await t.ok('customers:get', { id: siti.id })).phoneConfirmedAt).toBeNull();
      t.cleanup();
    }
  });

  it('a confirmation is of a number: changed afterwards, the phone is no longer confirmed', async () => {
    const { siti } = await counter();
    const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
    await t.ok('join:confirm', { customerId: siti.id, code, sender: SITI });
    await t.ok('customers:update', { id: siti.id, name: siti.name, phone: '0812-9999-0000' });
    expect((await t.ok('customers:get', { id: siti.id })).phoneConfirmedAt).toBeNull();
  });

  it('a new code replaces the customer’s open one', async () => {
    const { siti } = await counter();
    const first = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link).code;
    const second = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link).code;
    if (first !== second) {
      expect(await t.call('join:confirm', { customerId: siti.id, code: first, sender: SITI })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'join_code_wrong' } },
      });
    }
    await t.ok('join:confirm', { customerId: siti.id, code: second, sender: SITI });
    // How each code ended is kept (never the code): the first replaced, the second used.
    expect(db().prepare('SELECT ended FROM join_codes ORDER BY id').pluck().all()).toEqual([
      'replaced',
      'used',
    ]);
  });

  it('a cashier’s codes are capped per hour (throttled, reported once)', async () => {
    const { siti, cashierId } = await counter();
    for (let i = 0; i < 30; i++) await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] });
    expect(await t.call('join:start', { customerId: siti.id, purposeIds: [WA] })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    const limited = db()
      .prepare("SELECT actor, outcome, detail FROM audit_log WHERE action = 'usage.limited'")
      .all() as { actor: string; outcome: string; detail: string }[];
    expect(limited).toEqual([
      { actor: cashierId, outcome: 'denied', detail: expect.stringContaining('joinCode') },
    ]);
    t.clock.advance(3_600_000);
    await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] });
  });

  it('staff cannot pick the method whatsapp by hand', async () => {
    const { siti } = await counter();
    expect(
      await t.call('consent:grant', { customerId: siti.id, purposeId: WA, method: 'whatsapp' as 'verbal' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses what the message cannot prove: no shop number, no phone, a minor, a non-consent purpose', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t);
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: SITI });
    expect(await t.call('join:start', { customerId: siti.id, purposeIds: [WA] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_no_shop_whatsapp' } },
    });
    const settings = await settingsForm();
    await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
    await asCashier(cashierId);
    const nophone = await t.ok('customers:create', { name: 'Tanpa Nomor' });
    expect(await t.call('join:start', { customerId: nophone.id, purposeIds: [WA] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_no_phone' } },
    });
    const minor = await t.ok('customers:create', {
      name: 'Anak',
      phone: '0812-1111-3333',
      isMinor: true,
      guardianName: 'Ibu Anak',
    });
    expect(await t.call('join:start', { customerId: minor.id, purposeIds: [WA] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'join_minor' } },
    });
    expect(await t.call('join:start', { customerId: siti.id, purposeIds: [1] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'not_consent_purpose' } },
    });
    expect(db().prepare('SELECT count(*) FROM join_codes').pluck().get()).toBe(0);
  });

  it('from the poster: the code goes to the number the message came from, and comes back from it', async () => {
    const { siti } = await counter();
    const started = await t.ok('join:start', { customerId: siti.id, purposeIds: [WA], kind: 'reply' });
    const m = message(started.link);
    expect(m.to).toBe('6281234567890');
    expect(m.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    // The customer answers later the same day: still valid.
    t.clock.advance(5 * 3_600_000);
    await t.ok('join:confirm', { customerId: siti.id, code: m.code, sender: SITI });
    expect((await t.ok('customers:get', { id: siti.id })).phoneConfirmedAt).toBe(t.clock.now());
  });
});

describe('what a join leaves behind, through erasure and restore', () => {
  it('erasure takes the codes, the proof and the confirmation with the customer: no decrypted page holds the code', async () => {
    const { siti, ownerId } = await counter();
    const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
    await t.ok('join:confirm', { customerId: siti.id, code, sender: SITI });
    // The owner erases Siti.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    await t.ok('customers:erase', { id: siti.id, confirm: true });
    for (const table of ['join_codes', 'phone_confirmations', 'consent_events'])
      expect(db().prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    db().pragma('wal_checkpoint(TRUNCATE)');
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(code))).toBe(false);
  });

  it('a restore carries a phone confirmed since the backup, with the consent it came with', async () => {
    t = makeCore();
    const ids = await setupShop(t);
    const settings = await settingsForm();
    await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: SITI });
    await t.ok('backups:enable', { code: ids.recoveryCode });
    const usb = tempDir('brankas-usb-');
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    t.clock.advance(60_000);
    const { code } = message((await t.ok('join:start', { customerId: siti.id, purposeIds: [WA] })).link);
    const done = await t.ok('join:confirm', { customerId: siti.id, code, sender: SITI });
    t.dialogs.nextBackup = join(usb.dir, file);
    await t.ok('backups:verify', { code: ids.recoveryCode });
    await t.ok('backups:restore', { code: ids.recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after.phoneConfirmedAt).toBe(done.phoneConfirmedAt);
    expect(after.consents.map((c) => [c.purposeId, c.granted, c.method])).toEqual([[WA, true, 'whatsapp']]);
    expect((await t.ok('consent:history', { customerId: siti.id }))[0]?.proofCode).toBe(code);
    usb.cleanup();
  });
});

describe('the documents say how WhatsApp consent is proven', () => {
  it('once the shop has a WhatsApp number, the notice and the record say it (a new version)', async () => {
    t = makeCore();
    await setupShop(t);
    const before = await t.ok('docs:current', { kind: 'notice' });
    const sentence = (d: { text: { sections: { items?: string[] }[] } }) =>
      d.text.sections.flatMap((s) => s.items ?? []).find((i) => i.includes('WhatsApp dari nomor'));
    expect(sentence(before)).toBeUndefined();
    await t.ok('settings:update', { ...(await settingsForm()), shopWhatsApp: SHOP_WA });
    const notice = await t.ok('docs:current', { kind: 'notice' });
    expect(notice.version).toBe(before.version + 1);
    expect(sentence(notice)).toContain(SHOP_WA);
    const record = await t.ok('docs:current', { kind: 'record' });
    expect(sentence(record)).toMatch(/hanya bila nomor pengirim sama/);
  });
});
