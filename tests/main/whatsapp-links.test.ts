import { afterEach, describe, expect, it } from 'vitest';
import { defangLinks, hasWebLink } from '../../src/shared/link-policy';
import { setMeta } from '../../src/main/services/settings.service';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * No link from typed text reaches a message the shop sends: every WhatsApp message (receipt,
 * audience message, answer to a request, breach notice) is built with a link in every free-text
 * field it uses, and none comes out clickable. The shop's contact and name refuse links at input.
 */
let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
/** Links as an attacker types them: with a scheme, www., a bare domain, split by a zero-width space. */
const LINKS = [
  'https://evil.example/a?b=1',
  'www.jahat.example',
  'promo-gratis.id',
  'ht\u200Btps://pecah.example',
];
const withLinks = (label: string) => `${label} ${LINKS.join(' ')}`;
const text = (url: string) => decodeURIComponent(new URL(url).searchParams.get('text') ?? '');

/** What a chat app would make clickable: a scheme, or a name.tld run. */
function clickable(message: string): string[] {
  const found = message.match(
    /[a-z][a-z0-9+.-]*:\/\/\S+|(?:[\p{L}\p{N}-]+[.\u3002\uFF0E\uFF61])+\p{L}{2,}/giu,
  );
  return found ?? [];
}

function expectNoLink(message: string, what: string) {
  expect(clickable(message), what).toEqual([]);
  // Still readable: the defanged form is there.
  expect(message, what).toContain('evil[.]example');
}

async function shopWithLinksEverywhere() {
  t = makeCore();
  await setupShop(t);
  const db = t.core.vault.requireDb();
  // Stored by an older version, before the contact and name refused links.
  setMeta(db, 'shop_name', withLinks('Toko Maju'));
  setMeta(db, 'shop_contact', withLinks('Hubungi kami di'));
  const c = await t.ok('customers:create', {
    name: withLinks('Siti'),
    phone: '0812-3456-7890',
    consents: [{ purposeId: WA, method: 'verbal' }],
  });
  return c;
}

describe('links in WhatsApp messages', () => {
  it('a receipt: items, customer name and shop name with links, none clickable', async () => {
    const c = await shopWithLinksEverywhere();
    const sale = await t.ok('purchases:create', {
      customerId: c.id,
      amount: 10_000,
      items: LINKS.map((l) => `Gula ${l}`),
    });
    await t.ok('purchases:receipt', { id: sale.id, mode: 'copy' });
    expectNoLink(text(t.handoff.copied.at(-1)!), 'receipt');
  });

  it('an audience message: the message and the name put into it, none clickable', async () => {
    const c = await shopWithLinksEverywhere();
    await t.ok('audience:whatsapp', {
      customerId: c.id,
      message: withLinks('Halo {nama}, promo:'),
      mode: 'copy',
    });
    expectNoLink(text(t.handoff.copied.at(-1)!), 'audience');
  });

  it('the answer to a request: refusal reason, fulfilment note and shop name, none clickable', async () => {
    const c = await shopWithLinksEverywhere();
    const make = () =>
      t.ok('requests:create', {
        type: 'access',
        customerId: c.id,
        channel: 'whatsapp',
        verification: 'Nomor WhatsApp cocok',
      });
    const refused = await make();
    await t.ok('requests:refuse', { id: refused.id, reason: withLinks('Tidak bisa, lihat') });
    await t.ok('requests:answer', { id: refused.id, mode: 'copy' });
    expectNoLink(text(t.handoff.copied.at(-1)!), 'refusal');
    const done = await make();
    await t.ok('requests:fulfil', { id: done.id, action: 'done', note: withLinks('Sudah, lihat') });
    await t.ok('requests:answer', { id: done.id, mode: 'copy' });
    expectNoLink(text(t.handoff.copied.at(-1)!), 'done');
  });

  it("a breach notice to a customer: shop name, contact and the customer's name, none clickable", async () => {
    const c = await shopWithLinksEverywhere();
    const inc = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: withLinks('Laptop hilang'),
    });
    await t.ok('incident:scope', { id: inc.id, mode: 'list', ids: [c.id], categories: ['contact'] });
    await t.ok('incident:notify', { id: inc.id, to: 'customer', customerId: c.id, mode: 'copy' });
    const message = text(t.handoff.copied.at(-1)!);
    expectNoLink(message, 'breach notice');
    expect(message).toContain('pecah[.]example'); // the zero-width split did not hide it
  });

  it("the shop's contact and name refuse a link at input, with a reason; an e-mail and a street are fine", async () => {
    t = makeCore();
    await setupShop(t);
    const settings = await t.ok('settings:get', {});
    const { noticeVersion: _v, ...base } = settings;
    for (const link of LINKS) {
      const r = await t.call('settings:update', { ...base, shopContact: `WA 0812-3456-7890, ${link}` });
      expect(r, link).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { issues: [{ field: 'shopContact', reason: 'has_link' }] } },
      });
    }
    expect((await t.ok('settings:get', {})).shopContact).toBe(settings.shopContact);
    const fine = 'Jl.Merdeka No.5, WA 0812-3456-7890, toko.maju@gmail.com';
    expect((await t.ok('settings:update', { ...base, shopContact: fine })).shopContact).toBe(fine);

    const fresh = makeCore();
    const r = await fresh.call('setup:create', {
      shopName: 'Toko promo-gratis.id',
      ownerName: 'Bu Sari',
      pin: '271828',
      pinConfirm: '271828',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: ['shopName'] } } });
    fresh.cleanup();
  });

  it('defanging keeps ordinary shop text as it is', () => {
    for (const plain of [
      'Rp 1.500.000',
      'Jl. Melati 5',
      'Gula 1kg, Beras 5 kg',
      'Pukul 10.30 WIB',
      'Siti Nur’aini',
    ])
      expect(defangLinks(plain)).toBe(plain);
    expect(hasWebLink('toko.maju@gmail.com')).toBe(false);
    expect(defangLinks('HTTPS://EVIL.EXAMPLE')).toBe('HxxPS[:]//EVIL[.]EXAMPLE');
  });
});
