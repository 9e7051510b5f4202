import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MEMBER_CODE_LENGTH } from '../../src/main/services/member-card';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { ChromiumPrinter } from '../support/chromium-printer';
import { decryptedVault } from '../support/decrypted-pages';
import { CASHIER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';

let t: TestCore;
let browser: Browser | null = null;
const others: { cleanup(): void }[] = [];
afterEach(() => {
  t?.cleanup();
  for (const o of others.splice(0)) o.cleanup();
});
afterAll(async () => {
  await browser?.close();
});

const SITI = { name: 'Siti Aminah', phone: '0812-3456-7890' };
const db = () => t.core.vault.requireDb();

async function asCashier(cashierId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}

let memberPurpose = 0;

/** A set-up shop whose owner has turned the member programme on (cards are for members). */
async function shopWithProgramme() {
  const ids = await setupShop(t);
  const programme = await t.ok('loyalty:save', {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: null,
    legalBasis: 'consent',
    // Members here join at the counter (the card is what is tested, not how they joined).
    joinProof: 'whatsapp_or_counter',
    rewards: [],
  });
  memberPurpose = programme.purposeId!;
  return ids;
}

/** A new customer who joins the programme at the counter. */
async function member(input: { name: string; phone: string }) {
  const c = await t.ok('customers:create', input);
  await t.ok('consent:grant', { customerId: c.id, purposeId: memberPurpose, method: 'verbal' });
  return c;
}

/** The code a printed card carries (read from the printed page, as a customer would). */
function printedCode(): string {
  const html = t.printer.printed.at(-1)!.html;
  return /class="code">([0-9A-Z]{4})-([0-9A-Z]{4})</.exec(html)!.slice(1).join('');
}

describe('the member card', () => {
  it('only a member who is not restricted gets a card; a withdrawal takes the code with the points', async () => {
    t = makeCore();
    await shopWithProgramme();
    const plain = await t.ok('customers:create', { name: 'Bukan Anggota', phone: '0812-9999-0001' });
    expect(await t.call('members:card', { customerId: plain.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'not_member' } },
    });
    const budi = await member({ name: 'Budi Santoso', phone: '0812-1111-2222' });
    await t.ok('customers:setRestricted', { id: budi.id, restricted: true });
    expect(await t.call('members:card', { customerId: budi.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'not_member' } },
    });
    const siti = await member(SITI);
    await t.ok('members:card', { customerId: siti.id });
    const code = printedCode();
    expect((await t.ok('members:find', { code })).id).toBe(siti.id);
    await t.ok('consent:withdraw', { customerId: siti.id, purposeId: memberPurpose, method: 'verbal' });
    expect(await t.call('members:find', { code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db().prepare('SELECT count(*) FROM member_codes').pluck().get()).toBe(0);
  });

  it('carries an opaque random code, never the name or the phone; a second card carries the same code', async () => {
    t = makeCore();
    const { cashierId } = await shopWithProgramme();
    await asCashier(cashierId);
    const siti = await member(SITI);
    const budi = await member({ name: 'Budi Santoso', phone: '0812-1111-2222' });
    await t.ok('members:card', { customerId: siti.id });
    const code = printedCode();
    expect(code).toHaveLength(MEMBER_CODE_LENGTH);
    const html = t.printer.printed.at(-1)!.html;
    for (const personal of ['Siti', 'Aminah', '3456', '7890', '812']) expect(html).not.toContain(personal);
    expect(t.printer.printed.at(-1)!.name).toBe(`kartu-anggota-${code}.pdf`);
    await t.ok('members:card', { customerId: siti.id });
    expect(printedCode()).toBe(code);
    await t.ok('members:card', { customerId: budi.id });
    expect(printedCode()).not.toBe(code);
    const entries = db()
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'members.card'")
      .all() as { actor: string; target: string; detail: string }[];
    expect(entries.map((e) => [e.actor, e.target])).toEqual([
      [cashierId, String(siti.id)],
      [cashierId, String(siti.id)],
      [cashierId, String(budi.id)],
    ]);
    expect(entries.map((e) => e.detail).join()).not.toContain(code);
  });

  it('scanning or typing the code finds the member; an unknown code finds no one', async () => {
    t = makeCore();
    const { cashierId } = await shopWithProgramme();
    await asCashier(cashierId);
    const siti = await member(SITI);
    await t.ok('members:card', { customerId: siti.id });
    const code = printedCode();
    // As a scanner types it (what the QR holds), and as a cashier types the printed groups.
    for (const typed of [code, `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`]) {
      expect(await t.ok('members:find', { code: typed })).toEqual({
        id: siti.id,
        name: 'Siti Aminah',
        phone: '0812-****-7890',
        lastActivityAt: expect.any(Number),
      });
    }
    const other = code[0] === '2' ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    expect(await t.call('members:find', { code: other })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'member_code_unknown' } },
    });
    const found = db()
      .prepare("SELECT target, outcome FROM audit_log WHERE action = 'members.find' ORDER BY id")
      .all();
    expect(found).toEqual([
      { target: String(siti.id), outcome: 'ok' },
      { target: String(siti.id), outcome: 'ok' },
      { target: null, outcome: 'failed' },
    ]);
  });

  it('a lookup by code counts with the usage guard like opening a customer', async () => {
    t = makeCore({ usageLimits: { searchesPerMinute: 60, customersPerHour: 2 } });
    const { cashierId } = await shopWithProgramme();
    const codes: string[] = [];
    for (const [i, name] of ['Ani', 'Budi', 'Cici'].entries()) {
      const c = await member({ name, phone: `0812-1111-000${i}` });
      await t.ok('members:card', { customerId: c.id });
      codes.push(printedCode());
    }
    await asCashier(cashierId);
    await t.ok('members:find', { code: codes[0]! });
    await t.ok('members:find', { code: codes[1]! });
    // The same member again is no new customer opened.
    await t.ok('members:find', { code: codes[0]! });
    expect(await t.call('members:find', { code: codes[2]! })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    expect(
      db()
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'usage.limited' AND actor = ?")
        .pluck()
        .get(cashierId),
    ).toBe(1);
  });

  it('erasure removes the code: it finds no one and no decrypted page holds it', async () => {
    t = makeCore();
    await shopWithProgramme();
    const siti = await member(SITI);
    await t.ok('members:card', { customerId: siti.id });
    const code = printedCode();
    await t.ok('customers:erase', { id: siti.id, confirm: true });
    expect(await t.call('members:find', { code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db().prepare('SELECT count(*) FROM member_codes').pluck().get()).toBe(0);
    db().pragma('wal_checkpoint(TRUNCATE)');
    const pages = decryptedVault(join(t.dir, 'vault.db'), Buffer.from(t.core.vault.requireDek()));
    expect(pages.includes(Buffer.from(code))).toBe(false);
  });

  it('a restore carries the codes issued since the backup, and not those of people erased since', async () => {
    t = makeCore();
    const ids = await shopWithProgramme();
    const siti = await member(SITI);
    const budi = await member({ name: 'Budi Santoso', phone: '0812-1111-2222' });
    await t.ok('members:card', { customerId: budi.id });
    const budiCode = printedCode();
    await t.ok('backups:enable', { code: ids.recoveryCode });
    const usb = tempDir('brankas-usb-');
    others.push(usb);
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    t.clock.advance(60_000);
    await t.ok('members:card', { customerId: siti.id });
    const sitiCode = printedCode();
    await t.ok('customers:erase', { id: budi.id, confirm: true });
    t.dialogs.nextBackup = join(usb.dir, file);
    await t.ok('backups:verify', { code: ids.recoveryCode });
    await t.ok('backups:restore', { code: ids.recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect((await t.ok('members:find', { code: sitiCode })).id).toBe(siti.id);
    expect(await t.call('members:find', { code: budiCode })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('the printed card (and the counter poster with its QR) read back: the code, never the phone or name', async () => {
    browser ??= await launchChromium();
    const printer = new ChromiumPrinter(() => browser!);
    t = makeCore({ printer });
    await shopWithProgramme();
    const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
    await t.ok('settings:update', { ...settings, shopWhatsApp: '0811-2222-3333' });
    const siti = await member(SITI);
    await t.ok('members:card', { customerId: siti.id });
    const code = printedCode();
    const card = await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf));
    expect(card.replace(/\s+/g, ' ')).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(card).toContain('Kartu anggota Toko Maju');
    for (const personal of ['Siti', 'Aminah', '3456', '7890']) expect(card).not.toContain(personal);

    await t.ok('docs:print', { kind: 'notice', format: 'poster' });
    const poster = await pdfText(new Uint8Array(printer.pdfs.at(-1)!.pdf));
    expect(poster).toContain('Mau bergabung?');
    expect(printer.printed.at(-1)!.html).toContain('<svg');

    // Looked at: both as the shop would print them.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'poster-join.pdf'), printer.pdfs.at(-1)!.pdf);
    const page = await browser.newPage({ viewport: { width: 324, height: 204 }, deviceScaleFactor: 3 });
    await page.setContent(printer.printed.at(-2)!.html);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'member-card.png') });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.setContent(printer.printed.at(-1)!.html);
    // The page's own 14 mm margins, as the print puts them.
    await page.addStyleTag({ content: 'html{padding:14mm}' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'poster-join.png'), fullPage: true });
    await page.close();
  });
});
