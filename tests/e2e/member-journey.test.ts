import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { inViewport, shot, type watchPage } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop } from '../support/fixtures';
import { loginAs, openAs, useJourney } from '../support/journey';
import { memberPurposeId } from '../../src/main/services/loyalty/purpose';
import { noticeVersion } from '../../src/main/services/settings.service';

/**
 * The member programme from end to end, at 1280x800 (every screen also shot at 1024x640, axe on
 * both): the owner turns it on (partly by keyboard) and the notice gets its section; a cashier
 * records a new customer, whose sale first shows the one short offer; the customer joins from
 * their own WhatsApp (the test plays the phone: it reads the code from the link's message); the
 * member buys and earns, buys again redeeming "Kopi gratis"; the owner looks at the dashboard;
 * the member withdraws and the next sale earns nothing. What the screen says is checked against
 * what main wrote in the vault.
 */
const OWNER = { name: /Bu Sari/, pin: OWNER_PIN };
const CASHIER = { name: /Andi/, pin: '582914' };
const SHOP_WA = '0811-2222-3333';
const MEMBER = { name: 'Dewi Anggraini', phone: '0857-3100-2001' };
// 1 point per Rp 1.000; "Kopi gratis" costs 30 points and takes Rp 18.000 off.
const REWARD = { name: 'Kopi gratis', cost: 30, discount: 18_000 };

const j = useJourney(async (t) => {
  const { cashierId, ownerId } = await setupShop(t);
  const { noticeVersion: _, ...settings } = await t.ok('settings:get', {});
  await t.ok('settings:update', { ...settings, shopWhatsApp: SHOP_WA });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: CASHIER.pin, newPinConfirm: CASHIER.pin });
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
});

const db = () => j.t.core.vault.requireDb();
const customerId = () => db().prepare('SELECT max(id) FROM customers').pluck().get() as number;
/** The member's balance as the vault's ledger has it: the sum of its entries. */
const ledger = () =>
  db()
    .prepare(
      'SELECT count(*) AS n, coalesce(sum(points), 0) AS sum FROM loyalty_ledger WHERE customer_id = ?',
    )
    .get(customerId()) as { n: number; sum: number };
const rp = (n: number) => `Rp ${new Intl.NumberFormat('id-ID').format(n)}`;

let session: Awaited<ReturnType<typeof openAs>> | null = null;
let page: Page;
let watch: ReturnType<typeof watchPage>;
let version = 0;
afterAll(async () => {
  await session?.context.close();
});

async function lock() {
  await page.getByRole('button', { name: /^Kunci$/ }).click();
}
/**
 * The screen at 1280x800 and at 1024x640, each with `target` scrolled into view at that size (a
 * resize alone keeps the larger screen's scroll and hides what the smaller one must show).
 */
async function shotBoth(name: string, target?: Locator) {
  await target?.scrollIntoViewIfNeeded();
  await shot(page, name);
  await page.setViewportSize({ width: 1024, height: 640 });
  await target?.scrollIntoViewIfNeeded();
  await shot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}
function nav(name: RegExp) {
  return page.getByRole('navigation').getByRole('button', { name });
}
/** Opens "Catat pembelian" and types an amount and one item; returns the form. */
async function newSale(amount: string, item: string) {
  await page.getByRole('button', { name: /Catat pembelian/ }).click();
  const form = page.locator('.detail-section form.inline-form').first();
  await form.getByLabel('Jumlah (Rp)').fill(amount);
  await form.getByLabel('Barang (satu per baris)').fill(item);
  return form;
}

describe('e2e in Chromium: a member joins by WhatsApp, earns, redeems and withdraws', () => {
  it('the owner turns the programme on, partly by keyboard; the notice gets its section', async () => {
    session = await openAs(j, OWNER);
    ({ page, watch } = session);
    await nav(/Pengaturan/).click();
    const form = page.getByTestId('loyalty-settings');
    await form.getByRole('heading', { name: 'Program member' }).waitFor();
    // By keyboard: switch it on, the rupiah per point, a reward typed field after field, Enter.
    await form.getByLabel('Nyalakan program member').focus();
    await page.keyboard.press('Space');
    expect(await form.getByLabel('Nyalakan program member').isChecked()).toBe(true);
    await form.getByLabel('1 poin untuk setiap (Rp)').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('1.000');
    await form.getByRole('button', { name: 'Tambah hadiah' }).focus();
    await page.keyboard.press('Enter');
    await form.getByLabel('Nama hadiah').focus();
    await page.keyboard.type(REWARD.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(REWARD.cost));
    await page.keyboard.press('Tab');
    await page.keyboard.type('18.000');
    expect(await form.getByText('1 poin setiap Rp 1.000: belanja Rp 45.000 mendapat 45 poin.').count()).toBe(
      1,
    );
    await shotBoth('100-member-settings', form.getByLabel('Nyalakan program member'));
    // Joining is proven by the customer's own WhatsApp unless the owner chooses otherwise.
    const proof = form.getByRole('group', { name: 'Cara pelanggan bergabung' });
    expect(
      await proof.getByRole('radio', { name: /Hanya lewat WhatsApp dari ponsel pelanggan/ }).isChecked(),
    ).toBe(true);
    await shotBoth('100-member-join-proof', proof);
    await form.getByLabel('Potongan (Rp)').focus();
    await page.keyboard.press('Enter');
    const saved = form.getByText(/Program member disimpan\. Pemberitahuan privasi versi \d+ berlaku\./);
    await saved.waitFor();
    version = noticeVersion(db());
    expect(await saved.innerText()).toContain(`versi ${version} berlaku`);
    expect(memberPurposeId(db())).not.toBeNull();
    await shotBoth('101-member-settings-saved', saved);
    // The notice in force is that version, with the programme's section in the owner's words.
    await nav(/Privasi/).click();
    await page.getByRole('tab', { name: 'Pemberitahuan privasi' }).click();
    const doc = page.getByTestId('doc');
    await doc.getByText('Pemberitahuan privasi — Toko Maju').waitFor();
    const notice = await doc.innerText();
    expect(notice).toContain('Program member');
    expect(notice).toContain('Setiap Rp 1.000 yang dibayar memberi 1 poin.');
    expect(notice).toMatch(/Bila Anda menarik persetujuan program member, poin Anda hangus/);
    expect(notice).toContain('Cara bergabung: hanya dengan mengirim pesan WhatsApp dari ponsel Anda sendiri');
    expect(await page.locator('.docs-panel select').first().inputValue()).toBe(String(version));
    await shotBoth('102-member-notice', doc.getByText('Setiap Rp 1.000 yang dibayar memberi 1 poin.'));
    await lock();
  });

  it('a cashier records a new customer: a sale shows the one short offer and earns nothing', async () => {
    await loginAs(page, CASHIER.name, CASHIER.pin);
    await page.getByRole('button', { name: /Pelanggan baru/ }).click();
    // The new customer's form: the member box is WhatsApp only (disabled), with the way to join.
    const onlyWhatsApp = page.getByTestId('member-whatsapp-only');
    expect(await onlyWhatsApp.getByRole('checkbox', { name: 'Program member' }).isDisabled()).toBe(true);
    await shotBoth('103a-member-form-only-whatsapp', onlyWhatsApp);
    await page.getByLabel('Nama', { exact: true }).fill(MEMBER.name);
    await page.getByLabel('Nomor HP').fill(MEMBER.phone);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { name: MEMBER.name }).waitFor();
    const form = await newSale('25.000', 'Roti bakar');
    const offer = form.getByTestId('member-offer');
    await offer.waitFor();
    expect(await offer.innerText()).toBe(
      'Belum member. Tawarkan program member: poin untuk setiap belanja, ditukar dengan potongan harga.',
    );
    // One prompt, and no balance or quote for someone who is not a member.
    expect(await form.getByTestId('member-block').count()).toBe(0);
    await shotBoth('103-member-offer', offer);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.locator('.purchase-list li').first().waitFor();
    expect(ledger()).toEqual({ n: 0, sum: 0 });
  });

  it('the customer joins from their own WhatsApp: consent by WhatsApp, phone confirmed', async () => {
    const panel = page.locator('section.join-panel');
    // The member purpose is not the cashier's to record: it says so and leads to the join.
    const row = page.getByTestId(`consent-${memberPurposeId(db())!}`);
    expect(await row.getByTestId('member-whatsapp-only').innerText()).toBe(
      'Hanya lewat WhatsApp dari ponsel pelanggan',
    );
    expect(await row.getByRole('button', { name: 'Catat persetujuan' }).count()).toBe(0);
    await shotBoth('103b-member-only-whatsapp', row);
    await row.getByRole('button', { name: 'Gabung lewat WhatsApp' }).click();
    await expect.poll(() => panel.getByRole('checkbox', { name: 'Program member' }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Buat kode QR' }).click();
    const qr = panel.getByRole('img', { name: /Kode QR/ });
    await qr.waitFor();
    // The QR is brought into view on its own, whole, for the customer's camera.
    await expect.poll(() => inViewport(page, qr)).toBe(true);
    expect(await panel.getByTestId('join-for').innerText()).toBe(
      `Untuk: Program member (pemberitahuan privasi versi ${version})`,
    );
    await shotBoth('104-member-join-qr', qr);
    // The link the QR carries: the shop's own WhatsApp, the purpose, the notice version, the code.
    const link = new URL((await panel.locator('.join-link code').textContent()) ?? '');
    expect(`${link.origin}${link.pathname}`).toBe('https://wa.me/6281122223333');
    const message = link.searchParams.get('text') ?? '';
    expect(message).toContain('Program member');
    expect(message).toContain(`pemberitahuan privasi versi ${version}`);
    // The customer's phone sends it; the cashier reads the code from it on the shop's phone.
    const code = /Kode: (\S+)$/.exec(message)?.[1] ?? '';
    expect(code).not.toBe('');
    await panel.getByLabel('Kode dari pesan').fill(code);
    await panel.getByLabel(/Nomor pengirim/).fill(MEMBER.phone);
    await panel.getByRole('button', { name: 'Catat dari pesan WhatsApp' }).click();
    await panel.getByText(/Persetujuan tercatat lewat WhatsApp/).waitFor();
    await panel.getByText(/Dikonfirmasi pemiliknya lewat WhatsApp/).waitFor();
    const purpose = memberPurposeId(db())!;
    const consent = page.getByTestId(`consent-${purpose}`);
    await expect.poll(() => consent.innerText()).toContain('Setuju');
    expect(await consent.innerText()).toContain('WhatsApp pelanggan (kode)');
    // What main recorded: consent to the member purpose by WhatsApp with the message's code and
    // notice version, and the phone as confirmed by that same message.
    expect(
      db()
        .prepare(
          'SELECT purpose_id AS purpose, action, method, proof_code AS code, notice_version AS version FROM consent_events WHERE customer_id = ? ORDER BY id',
        )
        .all(customerId()),
    ).toEqual([{ purpose, action: 'granted', method: 'whatsapp', code, version }]);
    expect(
      db().prepare('SELECT code FROM phone_confirmations WHERE customer_id = ?').pluck().get(customerId()),
    ).toBe(code);
    // What she agreed to is not offered again.
    expect(await panel.getByRole('checkbox', { name: 'Program member' }).count()).toBe(0);
    await shotBoth('105-member-joined', panel.getByText(/Persetujuan tercatat lewat WhatsApp/));
  });

  it('the member buys and earns, then redeems "Kopi gratis": the screen agrees with the ledger', async () => {
    // First sale: Rp 45.000 earns 45 points, shown before saving.
    let form = await newSale('45.000', 'Kopi susu 3');
    const block = form.getByTestId('member-block');
    await block.getByText('Saldo: 0 poin').waitFor();
    const quote = form.getByTestId('member-quote');
    await expect
      .poll(() => quote.innerText())
      .toBe(`Didapat 45 poin · potongan Rp 0 · bayar ${rp(45_000)} · saldo setelah: 45 poin`);
    expect(ledger()).toEqual({ n: 0, sum: 0 });
    await shotBoth('106-member-sale-quote', quote);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tersimpan. Didapat 45 poin; saldo sekarang: 45 poin.').waitFor();
    expect(ledger()).toEqual({ n: 1, sum: 45 });
    const points = page.getByTestId('points-panel');
    await expect.poll(() => points.innerText()).toContain('Saldo: 45 poin');

    // Second sale, redeeming the reward: Rp 60.000 less Rp 18.000; points on what is paid (42).
    form = await newSale('60.000', 'Kopi susu 2\nRoti bakar');
    await form.getByTestId('member-block').getByText('Saldo: 45 poin').waitFor();
    const option = form.getByRole('option', { name: new RegExp(`^${REWARD.name}`) });
    await form.getByLabel('Tukar hadiah').selectOption((await option.getAttribute('value'))!);
    await expect
      .poll(() => form.getByTestId('member-quote').innerText())
      .toBe(
        `Didapat 42 poin · potongan ${rp(REWARD.discount)} · bayar ${rp(42_000)} · saldo setelah: 57 poin`,
      );
    await shotBoth('107-member-redeem-quote', form.getByTestId('member-quote'));
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tersimpan. Didapat 42 poin; saldo sekarang: 57 poin.').waitFor();
    expect(ledger()).toEqual({ n: 3, sum: 57 });
    await expect.poll(() => points.innerText()).toContain('Saldo: 57 poin');
    // The sale's own line shows what was paid and the member's discount.
    const first = page.locator('.purchase-list li').first();
    expect(await first.innerText()).toContain(`${rp(42_000)} (potongan member ${rp(REWARD.discount)})`);
    expect(db().prepare('SELECT discount FROM purchases ORDER BY id DESC LIMIT 1').pluck().get()).toBe(
      REWARD.discount,
    );
    await shotBoth('108-member-points', points);
    await lock();
  });

  it("the owner's dashboard with the programme on: one member, the points the shop owes", async () => {
    await loginAs(page, OWNER.name, OWNER.pin);
    await nav(/Dasbor/).click();
    await page.getByRole('heading', { name: 'Dasbor Pelanggan' }).waitFor();
    const tiles = page.getByRole('list', { name: 'Angka bulan ini' });
    await expect.poll(() => tiles.innerText()).toMatch(/Member\s*1\s*dari 1 pelanggan/);
    expect(await tiles.innerText()).toMatch(/Poin beredar\s*57\s/);
    expect(await tiles.innerText()).toMatch(/Hadiah ditukar bulan ini\s*1\s/);
    await shotBoth('109-member-dashboard', tiles);
    await lock();
  });

  it('the member withdraws: the confirmation says the points go; the next sale earns nothing', async () => {
    await loginAs(page, CASHIER.name, CASHIER.pin);
    await page.getByRole('searchbox').fill(MEMBER.phone);
    await page
      .getByTestId('customer-list')
      .getByRole('button', { name: new RegExp(MEMBER.name) })
      .click();
    await page.getByRole('heading', { name: MEMBER.name }).waitFor();
    const consent = page.getByTestId(`consent-${memberPurposeId(db())!}`);
    await consent.getByRole('button', { name: 'Tarik persetujuan' }).click();
    const note = consent.getByRole('note');
    await note.waitFor();
    // Said before it happens, with what she has now.
    expect(await note.innerText()).toBe(
      'Saldo 57 poin pelanggan ini hangus dan catatan poin dihapus saat itu juga. Catatan pembeliannya tetap.',
    );
    // The note has a line of its own: the purpose's name and both buttons stay readable beside it.
    const name = consent.getByText('Program member', { exact: true });
    expect((await name.boundingBox())!.width).toBeGreaterThan(80);
    await shotBoth('110-member-withdraw-confirm', consent);
    expect(await inViewport(page, consent.getByRole('button', { name: 'Ya, tarik' }))).toBe(true);
    await consent.getByRole('button', { name: 'Ya, tarik' }).click();
    await expect.poll(() => consent.innerText()).toContain('Ditarik');
    expect(ledger()).toEqual({ n: 0, sum: 0 });
    const points = page.getByTestId('points-panel');
    await expect.poll(() => points.innerText()).toContain('Saldo: 0 poin');
    // The next sale: she said no, so no prompt to offer membership again (main decides), nothing earned.
    const form = await newSale('30.000', 'Kopi susu');
    const withheld = form.getByTestId('member-no-offer');
    await withheld.waitFor();
    expect(await withheld.innerText()).toMatch(/^Sudah keluar dari program member: jangan ditawari lagi\./);
    expect(await form.getByTestId('member-offer').count()).toBe(0);
    await shotBoth('111-member-after-withdrawal', withheld);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => db().prepare('SELECT count(*) FROM purchases').pluck().get()).toBe(4);
    expect(ledger()).toEqual({ n: 0, sum: 0 });
    expect(await page.getByText(/Didapat \d+ poin/).count()).toBe(0);
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
