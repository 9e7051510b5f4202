import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { isWaLink, receiptText } from '../../src/main/services/whatsapp';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const text = (url: string) => decodeURIComponent(new URL(url).searchParams.get('text') ?? '');

async function shop() {
  const clock = new TestClock();
  t = makeCore({ clock });
  const ids = await setupShop(t);
  const yes = await t.ok('customers:create', {
    name: 'Siti Nur’aini',
    phone: '0812-3456-7890',
    consents: [{ purposeId: WA, method: 'verbal' }],
  });
  const no = await t.ok('customers:create', { name: 'Budi', phone: '0813-1111-2222' });
  return { ...ids, clock, yes, no };
}

describe('WhatsApp with one click', () => {
  it('opens or copies one audience member’s link, built and consent-checked in main, audited', async () => {
    const { yes, no } = await shop();
    const message = 'Halo {nama},\npromo kopi minggu ini!';
    expect(await t.ok('audience:whatsapp', { customerId: yes.id, message, mode: 'open' })).toEqual({
      done: true,
    });
    expect(t.handoff.opened).toHaveLength(1);
    const url = t.handoff.opened[0]!;
    expect(url.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(text(url)).toBe('Halo Siti Nur’aini,\npromo kopi minggu ini!');
    await t.ok('audience:whatsapp', { customerId: yes.id, message, mode: 'copy' });
    expect(t.handoff.copied).toEqual([url]);

    // Not consented, restricted, or withdrawn since the list was shown: refused, nothing handed over.
    const refused = await t.call('audience:whatsapp', { customerId: no.id, message, mode: 'open' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/tidak lagi ada di daftar/);
    await t.ok('consent:withdraw', { customerId: yes.id, purposeId: WA, method: 'verbal' });
    expect(await t.call('audience:whatsapp', { customerId: yes.id, message, mode: 'copy' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.handoff.opened).toHaveLength(1);
    expect(t.handoff.copied).toHaveLength(1);

    const log = await t.ok('audit:list', { action: 'audience.whatsapp', limit: 10 });
    expect(log.items.map((e) => [e.outcome, e.target, e.detail.mode])).toEqual([
      ['failed', String(yes.id), undefined],
      ['failed', String(no.id), undefined],
      ['ok', String(yes.id), 'copy'],
      ['ok', String(yes.id), 'open'],
    ]);
  });

  it('is the owner’s: a cashier is refused and the refusal is audited', async () => {
    const { yes, cashierId, ownerId } = await shop();
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect(
      await t.call('audience:whatsapp', { customerId: yes.id, message: '', mode: 'open' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(t.handoff.opened).toEqual([]);
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const denied = await t.ok('audit:list', { action: 'ipc.denied' });
    expect(denied.items.find((e) => e.detail.channel === 'audience:whatsapp')).toMatchObject({
      outcome: 'denied',
      actorId: cashierId,
    });
  });

  it('sends a purchase receipt without marketing consent; refuses voided, restricted and phoneless', async () => {
    const { no } = await shop();
    const sale = await t.ok('purchases:create', {
      customerId: no.id,
      amount: 150_000,
      items: ['Kopi bubuk 250 g', 'Gula 1 kg'],
    });
    expect(await t.ok('purchases:receipt', { id: sale.id, mode: 'open' })).toEqual({
      done: true,
      customerId: no.id,
    });
    const receipt = text(t.handoff.opened[0]!);
    expect(t.handoff.opened[0]!.startsWith('https://wa.me/6281311112222?text=')).toBe(true);
    expect(receipt).toContain('Toko Maju');
    expect(receipt).toContain('• Kopi bubuk 250 g\n• Gula 1 kg');
    expect(receipt).toContain('Total: Rp 150.000');
    expect(receipt).toContain('Terima kasih, Budi.');
    expect(receipt).not.toMatch(/promo/i);
    const audit = await t.ok('audit:list', { action: 'purchase.receipt' });
    expect(audit.items[0]).toMatchObject({ outcome: 'ok', target: String(no.id), targetName: 'Budi' });

    await t.ok('customers:setRestricted', { id: no.id, restricted: true });
    expect(await t.call('purchases:receipt', { id: sale.id, mode: 'copy' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'receipt_restricted' } },
    });
    // Lifted only through a request (Art. 11).
    const lift = await t.ok('requests:create', {
      type: 'restriction',
      customerId: no.id,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'Dikenal kasir',
    });
    await t.ok('requests:fulfil', { id: lift.id, action: 'lift_restriction' });
    await t.ok('purchases:void', { id: sale.id, reason: 'salah catat' });
    expect(await t.call('purchases:receipt', { id: sale.id, mode: 'copy' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'receipt_voided' } },
    });
    const nophone = await t.ok('customers:create', { name: 'Tanpa Nomor' });
    const s2 = await t.ok('purchases:create', { customerId: nophone.id, amount: 5_000, items: ['Permen'] });
    const r = await t.call('purchases:receipt', { id: s2.id, mode: 'open' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'receipt_no_phone' } },
    });
    if (!r.ok) expect(r.error.message).toBe('Pelanggan ini tidak punya nomor WhatsApp yang tercatat.');
    expect(await t.call('purchases:receipt', { id: 999_999, mode: 'open' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.handoff.opened).toHaveLength(1);
    expect(t.handoff.copied).toHaveLength(0);
  });

  it('a cashier sends receipts for their own sales of the day only', async () => {
    const { no, cashierId, clock } = await shop();
    const ownersSale = await t.ok('purchases:create', { customerId: no.id, amount: 10_000, items: ['Teh'] });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const sale = await t.ok('purchases:create', { customerId: no.id, amount: 20_000, items: ['Kopi'] });
    await t.ok('purchases:receipt', { id: sale.id, mode: 'open' });
    const notOwn = await t.call('purchases:receipt', { id: ownersSale.id, mode: 'open' });
    expect(notOwn).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'receipt_not_own' } },
    });
    clock.advance(86_400_000);
    await t.ok('auth:touch', {}).catch(() => undefined);
    const r = await t.call('purchases:receipt', { id: sale.id, mode: 'open' });
    expect(r.ok).toBe(false);
    expect(t.handoff.opened).toHaveLength(1);
  });

  it('hands over only wa.me links main built; a long receipt is cut short', () => {
    expect(isWaLink('https://wa.me/6281234567890?text=Halo%20Budi')).toBe(true);
    for (const bad of [
      'file:///C:/Windows/system32/calc.exe',
      'https://wa.me.evil.example/6281234567890',
      'https://wa.me/6281234567890?text=a b',
      'https://wa.me/6281234567890/../../x',
      'javascript:alert(1)',
      'whatsapp://send?phone=62812',
      'https://wa.me/62812?text=x#frag',
      'https://wa.me/6281234567890?text=x&y=1',
    ]) {
      expect(isWaLink(bad)).toBe(false);
    }
    const long = receiptText({
      shop: 'T',
      name: 'B',
      at: Date.UTC(2026, 10, 29, 7),
      items: Array.from({ length: 100 }, (_, i) => `Barang nomor ${i} ${'x'.repeat(150)}`),
      amount: 1,
    });
    expect(long.length).toBeLessThan(1000);
    expect(long).toMatch(/… dan \d+ barang lainnya/);
    expect(long).toContain('29 November 2026');
  });
});

it('sends the receipt word for word, the shop’s and customer’s typed text as typed', () => {
  // Names and items are typed by people; the catalogue's placeholder or nesting syntax in them
  // must reach the customer as written, not be filled in or looked up.
  const receipt = receiptText({
    shop: 'Toko {{name}}',
    name: 'Budi $t(core.receipt.title)',
    at: Date.UTC(2026, 10, 29, 7),
    items: ['Kopi {{item}}', 'Teh'],
    amount: 1234567,
  });
  expect(receipt).toBe(
    [
      'Struk belanja — Toko {{name}}',
      '29 November 2026 pukul 14.00 WIB',
      '',
      '• Kopi {{item}}',
      '• Teh',
      '',
      'Total: Rp 1.234.567',
      '',
      'Terima kasih, Budi $t(core.receipt.title).',
    ].join('\n'),
  );
});

describe('WhatsApp only for mobile numbers', () => {
  it('offers no receipt or audience link for a landline, says why, and hands nothing over', async () => {
    await shop();
    const landline = await t.ok('customers:create', {
      name: 'Toko Bali',
      phone: '0361-234567',
      consents: [{ purposeId: WA, method: 'verbal' }],
    });
    expect(landline.phoneE164).toBe('+62361234567');
    expect(landline.whatsapp).toBe(false);
    const mobile = await t.ok('customers:get', {
      id: (await t.ok('customers:search', { query: 'Siti' })).items[0]!.id,
    });
    expect(mobile.whatsapp).toBe(true);

    const sale = await t.ok('purchases:create', { customerId: landline.id, amount: 5_000, items: ['Kopi'] });
    const r = await t.call('purchases:receipt', { id: sale.id, mode: 'open' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'wa_not_mobile' } } });
    if (!r.ok) expect(r.error.message).toMatch(/bukan nomor ponsel/);
    const a = await t.call('audience:whatsapp', { customerId: landline.id, message: 'Halo', mode: 'open' });
    expect(a.ok).toBe(false);
    expect(t.handoff.opened.filter((u) => u.includes('62361234567'))).toEqual([]);
  });
});
