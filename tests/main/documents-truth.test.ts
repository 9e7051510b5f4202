import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsWib, DAY_MS } from '../../src/shared/shop-time';
import type { DocText } from '../../src/shared/domain';
import { launchChromium } from '../support/browser';
import { ChromiumPrinter } from '../support/chromium-printer';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * What the printed documents say is what the app does: each statement of the poster, the notice
 * and the record of processing about sharing, retention and masking is read back and compared with
 * the settings main uses and with what main then does. The expectations come from the settings
 * and the law, not from the generator's wording.
 */

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const BASE = { autoLockMinutes: 5, notesHardBlock: false };

async function shop(opts: { clock?: TestClock; printer?: ChromiumPrinter } = {}) {
  t = makeCore(opts);
  const ids = await setupShop(t);
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    consents: [{ purposeId: WA, method: 'paper' }],
  });
  return { ...ids, siti };
}

const lines = (doc: DocText) =>
  [
    doc.title,
    doc.subtitle,
    ...doc.sections.flatMap((s) => [s.title ?? '', ...(s.paragraphs ?? []), ...(s.items ?? [])]),
  ].filter(Boolean);
const all = (doc: DocText) => lines(doc).join('\n');

async function poster(language?: 'id' | 'en'): Promise<string> {
  await t.ok('docs:print', { kind: 'notice', format: 'poster', ...(language ? { language } : {}) });
  return t.printer.printed.at(-1)!.html;
}
async function notice(): Promise<DocText> {
  return (await t.ok('docs:current', { kind: 'notice' })).text;
}
async function record(): Promise<DocText> {
  return (await t.ok('docs:current', { kind: 'record' })).text;
}

/** Words that say the shop shares nothing, in either language. */
const SAYS_NOT_SHARED = [
  /Tidak dibagikan/,
  /Not shared/,
  /tidak (memberikan|mengirim) data/i,
  /(gives|sends) (your|customers'|customers’) data to no one/i,
];

describe('sharing: every document says what the settings main uses say', () => {
  it('no recipients: "not shared" and no one named; recipients: each named and nothing says "not shared"', async () => {
    await shop();
    for (const language of ['id', 'en'] as const) {
      await t.ok('app:setLanguage', { language });
      await t.ok('settings:update', { ...BASE, recipients: '' });
      expect((await t.ok('settings:get', {})).recipients).toBe('');
      const none = [await poster(), all(await notice()), all(await record())];
      for (const doc of none) {
        expect(
          SAYS_NOT_SHARED.some((re) => re.test(doc)),
          doc,
        ).toBe(true);
        expect(doc).not.toMatch(/Kurir|diterima juga|juga (kami )?berikan|also give|also received/i);
      }

      await t.ok('settings:update', {
        ...BASE,
        recipients: 'Kurir JNE (nama, alamat, nomor HP)\nKonsultan pajak (nama, pembelian)',
      });
      const used = (await t.ok('settings:get', {})).recipients.split('\n');
      expect(used).toHaveLength(2);
      const some = [await poster(), all(await notice()), all(await record())];
      for (const doc of some) {
        for (const re of SAYS_NOT_SHARED) expect(doc, `${language}: ${re}`).not.toMatch(re);
        for (const r of used) expect(doc).toContain(r);
      }
    }
  });
});

describe('retention: the months and years printed are the policy in force, and the purge keeps to them', () => {
  it('erases at the printed month, not before; consent lapses as printed; sales kept as printed', async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 15, 3, 0));
    await shop({ clock });
    await t.ok('retention:setPolicy', {
      inactiveMonths: 13,
      consentLapseMonths: 5,
      salesKeepYears: 7,
      keepReviewMonths: 4,
    });
    const policy = await t.ok('retention:policy', {});
    const created = clock.now();
    const tamu = await t.ok('customers:create', { name: 'Tamu Sekali', phone: '0813-2222-3333' });

    const posterHtml = await poster();
    const noticeText = all(await notice());
    const recordText = all(await record());
    // The poster and the notice name the same erasure period, the one in force.
    const months = Number(/Dihapus otomatis (\d+) bulan/.exec(posterHtml)?.[1]);
    expect(months).toBe(policy.inactiveMonths);
    expect(noticeText).toMatch(
      new RegExp(`otomatis ${policy.inactiveMonths} bulan setelah kegiatan terakhir Anda`),
    );
    expect(recordText).toMatch(
      new RegExp(`otomatis ${policy.inactiveMonths} bulan setelah kegiatan terakhir`),
    );
    for (const doc of [noticeText, recordText]) {
      expect(doc).toContain(`${policy.consentLapseMonths} bulan setelah`);
      expect(doc).toContain(`${policy.salesKeepYears} tahun`);
      expect(doc).toContain(`setelah ${policy.keepReviewMonths} bulan`);
    }
    expect(posterHtml).toContain(`setelah ${policy.consentLapseMonths} bulan`);

    // Behaviour: a customer with no activity since being recorded is still there a day before
    // the printed period ends and gone once it has.
    const purgeAt = async (at: number) => {
      clock.advance(at - clock.now());
      return t.ok('retention:purge', {});
    };
    await purgeAt(addMonthsWib(created, months) - DAY_MS);
    expect((await t.call('customers:get', { id: tamu.id })).ok).toBe(true);
    await purgeAt(addMonthsWib(created, months) + DAY_MS);
    expect(await t.call('customers:get', { id: tamu.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // No lapse in the policy: no document promises one, the poster says nothing about it.
    await t.ok('retention:setPolicy', { ...policy, consentLapseMonths: 0 });
    expect(await poster()).not.toMatch(/Persetujuan berakhir/);
    expect(all(await notice())).toContain('berlaku sampai Anda menariknya');
    expect(all(await notice())).not.toMatch(/Persetujuan yang Anda berikan berakhir/);
  });
});

describe('masking: the poster tells what a cashier is shown', () => {
  it('says phones are masked, and a cashier opening a customer gets the masked shape the poster shows', async () => {
    const { cashierId, siti } = await shop();
    const html = await poster();
    expect(html).toContain('Kasir melihat nomor HP tersamar');
    const example = /\d[\d-]*\*[\d*-]*\d/.exec(html)?.[0];
    expect(example).toBeDefined();
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const seen = (await t.ok('customers:get', { id: siti.id })).phone!;
    expect(seen).not.toContain('3456');
    expect(seen.replace(/\d/g, 'd')).toBe(example!.replace(/\d/g, 'd'));
  });
});

describe('purposes and answer times: what the poster and the notice promise is what the app holds to', () => {
  it('names the purposes in force, consent-based ones as needing consent; a purpose switched off is gone', async () => {
    await shop();
    const purposes = await t.ok('purposes:list', {});
    const active = purposes.filter((p) => p.active);
    const consentBased = active.filter((p) => p.legalBasis === 'consent');
    expect(consentBased.length).toBeGreaterThan(1);
    let html = await poster();
    const needsConsent = /Hanya dengan persetujuan Anda: ([^<]*)\./.exec(html)?.[1] ?? '';
    for (const p of active) expect(html).toContain(p.name.replace('&', '&#38;'));
    for (const p of consentBased) expect(needsConsent).toContain(p.name);
    for (const p of active.filter((x) => x.legalBasis !== 'consent'))
      expect(needsConsent).not.toContain(p.name);

    const dropped = consentBased[0]!;
    await t.ok('purposes:save', {
      id: dropped.id,
      name: dropped.name,
      description: dropped.description,
      legalBasis: dropped.legalBasis,
      channel: dropped.channel,
      active: false,
    });
    html = await poster();
    expect(html).not.toContain(dropped.name);
    expect(all(await notice())).not.toContain(dropped.name);
  });

  it('the 3 x 24 hours printed for requests is the deadline the register sets', async () => {
    const { siti } = await shop();
    const hours = /paling lambat (\d+) x (\d+) jam/.exec(all(await notice()));
    expect(hours).not.toBeNull();
    expect(await poster()).toContain(`${hours![1]} x ${hours![2]} jam`);
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    expect(req.dueAt - req.receivedAt).toBe(Number(hours![1]) * Number(hours![2]) * 3_600_000);
  });
});

describe('the notice speaks to the customer, the record of the customer', () => {
  it('one voice each, in both languages; compensation and the authority from the settings; nothing said twice', async () => {
    await shop();
    await t.ok('settings:update', { ...BASE, shopContact: 'WA 0812-1111-2222', recipients: 'Kurir JNE' });
    for (const language of ['id', 'en'] as const) {
      await t.ok('app:setLanguage', { language });
      const n = await notice();
      const r = await record();
      const p = await poster();
      if (language === 'id') {
        expect(all(n)).not.toMatch(/pelanggan/i);
        expect(p).not.toMatch(/pelanggan/i);
        expect(all(r)).not.toMatch(/\bAnda\b/);
        expect(all(n)).toMatch(/ganti rugi[^\n]*Pasal 12/);
      } else {
        expect(all(n)).not.toMatch(/customer/i);
        expect(p).not.toMatch(/customer/i);
        expect(all(r)).not.toMatch(/\b(you|your)\b/i);
        expect(all(n)).toMatch(/compensation[^\n]*Art\. 12/);
      }
      // The complaint goes to the body the settings name (Komdigi until the owner names another).
      expect(all(n)).toMatch(/Komdigi/);
      expect(all(r)).toMatch(/Komdigi/);
      // Nothing said twice (the contact line used to be).
      const said = lines(n).filter((l) => l.length > 20);
      expect(said.filter((l, i) => said.indexOf(l) !== i)).toEqual([]);
    }
    await t.ok('app:setLanguage', { language: 'id' });
    const before = (await t.ok('docs:current', { kind: 'notice' })).version;
    await t.ok('settings:update', {
      ...BASE,
      shopContact: 'WA 0812-1111-2222',
      recipients: 'Kurir JNE',
      breachAuthority: 'Lembaga Pelindungan Data Pribadi',
    });
    const after = await t.ok('docs:current', { kind: 'notice' });
    expect(after.version).toBe(before + 1);
    expect(all(after.text)).toContain('mengadu kepada Lembaga Pelindungan Data Pribadi');
    expect(all(after.text)).not.toContain('Komdigi');
  });
});

describe('the language of each print', () => {
  it('follows the choice, not the screen; the screen language when none is chosen; a bad one changes nothing', async () => {
    await shop();
    await t.ok('docs:print', { kind: 'notice', format: 'full', language: 'en' });
    let last = t.printer.printed.at(-1)!;
    expect(last.html).toContain('<html lang="en">');
    expect(last.html).toContain('Privacy notice — Toko Maju');
    expect(last.html).not.toContain('Pemberitahuan privasi —');
    await t.ok('docs:print', { kind: 'record', language: 'en' });
    expect(t.printer.printed.at(-1)!.html).toContain('Record of processing — Toko Maju');
    expect(await poster('en')).toContain('Your data at Toko Maju');
    await t.ok('docs:print', { kind: 'notice', format: 'full' });
    last = t.printer.printed.at(-1)!;
    expect(last.html).toContain('Pemberitahuan privasi — Toko Maju');

    const count = t.printer.printed.length;
    const bad = await t.call('docs:print', { kind: 'notice', language: 'fr' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(t.printer.printed.length).toBe(count);
    const audit = await t.ok('audit:list', { action: 'docs.print' });
    expect(audit.items.map((e) => e.detail.language)).toEqual(['id', 'en', 'en', 'en']);
  });
});

/** The text of each page and the size of its type (pdf.js, in PDF points). */
async function pdfPages(
  pdf: Buffer,
): Promise<{ text: string; sizes: number[]; lowest: number; height: number }[]> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
  }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const items = (await page.getTextContent()).items.filter((x) => 'str' in x && x.str.trim());
    pages.push({
      text: items.map((x) => ('str' in x ? x.str : '')).join(' '),
      sizes: items.map((x) => ('transform' in x ? Math.abs(x.transform[3] as number) : 0)),
      lowest: Math.min(...items.map((x) => ('transform' in x ? (x.transform[5] as number) : Infinity))),
      height: page.getViewport({ scale: 1 }).height,
    });
  }
  await doc.destroy();
  return pages;
}

describe('printed through Chromium and read back', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  const keep = (name: string, pdf: Buffer) => {
    const dir = join('test-results', 'prints');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), pdf);
  };

  it('every page of the notice and the record carries the version and "page i of n"', async () => {
    const printer = new ChromiumPrinter(() => browser);
    await shop({ printer });
    // Enough words for more than one page.
    await t.ok('settings:update', {
      ...BASE,
      shopContact: 'Jl. Melati 5, WA 0812-1111-2222',
      recipients: Array.from({ length: 9 }, (_, i) => `Mitra ${i + 1} (nama, alamat, nomor HP)`).join('\n'),
    });
    const version = (await t.ok('docs:current', { kind: 'notice' })).version;
    await t.ok('docs:print', { kind: 'notice', format: 'full' });
    await t.ok('docs:print', { kind: 'record', language: 'en' });
    const [full, rec] = printer.pdfs;
    keep('notice.pdf', full!.pdf);
    keep('record-en.pdf', rec!.pdf);
    const pages = await pdfPages(full!.pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) =>
      expect(p.text).toContain(`Pemberitahuan privasi v${version} · halaman ${i + 1} dari ${pages.length}`),
    );
    const recPages = await pdfPages(rec!.pdf);
    recPages.forEach((p, i) => expect(p.text).toContain(`· page ${i + 1} of ${recPages.length}`));
    expect(recPages[0]!.text).toContain('Record of processing');
  }, 60_000);

  it('the poster is one A4 page of large type, filled top to bottom, with and without recipients', async () => {
    const printer = new ChromiumPrinter(() => browser);
    await shop({ printer });
    const cases = [
      '',
      'Kurir JNE (nama, alamat, nomor HP)',
      'Kurir JNE (nama, alamat, nomor HP)\nKonsultan pajak (nama, pembelian)\nPercetakan kartu anggota (nama)',
      // As many words as the setting takes.
      Array.from({ length: 10 }, (_, i) => `Mitra pengiriman nomor ${i + 1} (nama, alamat, HP)`)
        .join('\n')
        .slice(0, 500),
    ];
    for (const [i, recipients] of cases.entries()) {
      await t.ok('settings:update', { ...BASE, recipients });
      await t.ok('docs:print', { kind: 'notice', format: 'poster' });
      keep(`poster-${i}.pdf`, printer.pdfs.at(-1)!.pdf);
      writeFileSync(join('test-results', 'prints', `poster-${i}.html`), printer.printed.at(-1)!.html);
      const pages = await pdfPages(printer.pdfs.at(-1)!.pdf);
      expect(pages, recipients).toHaveLength(1);
      const [page] = pages;
      // Read from a metre away: body text at 16 pt or more (the A4 notice is set at 9 pt); 14 pt
      // when the recipients take all the words the setting allows.
      const body = [...page!.sizes].sort((a, b) => a - b);
      expect(body[Math.floor(body.length * 0.1)], recipients).toBeGreaterThanOrEqual(i < 3 ? 16 : 14);
      // Fills the page: the last line sits in the bottom eighth of the sheet.
      expect(page!.lowest, recipients).toBeLessThan(page!.height / 8);
      for (const r of recipients.split('\n').filter(Boolean)) expect(page!.text).toContain(r.split(' (')[0]);
      if (!recipients) expect(page!.text).toContain('Tidak dibagikan');
      else expect(page!.text).not.toContain('Tidak dibagikan');
    }
    // In English, for a customer who reads it, on one page all the same.
    await t.ok('settings:update', { ...BASE, recipients: cases[2]! });
    await t.ok('docs:print', { kind: 'notice', format: 'poster', language: 'en' });
    keep('poster-en.pdf', printer.pdfs.at(-1)!.pdf);
    const en = await pdfPages(printer.pdfs.at(-1)!.pdf);
    expect(en).toHaveLength(1);
    expect(en[0]!.text).toContain('Your data at Toko Maju');
    expect(en[0]!.text).toContain('Who receives your data');
    expect(en[0]!.lowest).toBeLessThan(en[0]!.height / 8);
  }, 90_000);
});
