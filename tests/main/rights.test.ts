import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const HOUR = 3_600_000;

async function shop(clock = new TestClock()) {
  t = makeCore({ clock });
  const ids = await setupShop(t);
  const siti = await t.ok('customers:create', {
    name: 'Siti Aminah',
    phone: '0812-3456-7890',
    consents: [{ purposeId: WA, method: 'paper' }],
  });
  return { ...ids, clock, siti };
}

async function asCashier(cashierId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
}
async function asOwner(ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
}

const text = (doc: { text: { sections: { paragraphs?: string[]; items?: string[] }[] } }) =>
  doc.text.sections.flatMap((s) => [...(s.paragraphs ?? []), ...(s.items ?? [])]).join('\n');

describe('the privacy notice, generated and versioned', () => {
  it('is made from the settings; a change makes a new version; consents point to the version in force', async () => {
    const { siti } = await shop();
    const v1 = await t.ok('docs:current', { kind: 'notice' });
    expect(v1).toMatchObject({ version: 1, current: true, touchesConsent: true });
    expect(v1.text.title).toBe('Pemberitahuan privasi — Toko Maju');
    const body = text(v1);
    expect(body).toContain('Nomor HP — Menghubungi Anda tentang pesanan dan transaksi.');
    expect(body).toContain('Promosi via WhatsApp');
    expect(body).toContain('24 bulan setelah kegiatan terakhir Anda');
    expect(body).toContain('tidak memberikan data Anda kepada pihak lain');
    expect(body).toContain('3 x 24 jam');
    expect(
      (await t.ok('customers:get', { id: siti.id })).consents.find((c) => c.purposeId === WA),
    ).toMatchObject({
      noticeVersion: 1,
    });

    // Saving the same settings makes no version; a new contact does, without touching consent.
    const same = await t.ok('settings:get', {});
    await t.ok('settings:update', { autoLockMinutes: same.autoLockMinutes, notesHardBlock: false });
    expect((await t.ok('docs:versions', { kind: 'notice' })).map((v) => v.version)).toEqual([1]);
    const s = await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'Jl. Melati 5, WA 0812-1111-2222',
      recipients: '',
    });
    expect(s.noticeVersion).toBe(2);
    const v2 = await t.ok('docs:current', { kind: 'notice' });
    expect(v2).toMatchObject({ version: 2, touchesConsent: false });
    expect(text(v2)).toContain('Hubungi kami: Jl. Melati 5, WA 0812-1111-2222.');
    // The old version reads as it did.
    const old = await t.ok('docs:get', { kind: 'notice', version: 1 });
    expect(old).toMatchObject({ current: false });
    expect(text(old)).not.toContain('Jl. Melati');
    expect((await t.ok('docs:staleConsents', {})).total).toBe(0);

    // Changing what customers consent to touches consent: who consented before is listed.
    const purposes = await t.ok('purposes:list', {});
    const wa = purposes.find((p) => p.id === WA)!;
    await t.ok('purposes:save', { ...wa, description: 'Kabar promo mingguan lewat WhatsApp.' });
    const v3 = await t.ok('docs:current', { kind: 'notice' });
    expect(v3).toMatchObject({ version: 3, touchesConsent: true });
    expect(await t.ok('docs:staleConsents', {})).toMatchObject({
      since: 3,
      total: 1,
      items: [{ id: siti.id, name: 'Siti Aminah', version: 1 }],
    });
    // Asked again, she is current.
    await t.ok('consent:grant', { customerId: siti.id, purposeId: WA, method: 'verbal' });
    expect((await t.ok('consent:history', { customerId: siti.id }))[0]).toMatchObject({ noticeVersion: 3 });
    expect((await t.ok('docs:staleConsents', {})).total).toBe(0);

    // Retention and recipients are in it too.
    await t.ok('retention:setPolicy', {
      inactiveMonths: 12,
      consentLapseMonths: 0,
      salesKeepYears: 10,
      keepReviewMonths: 6,
    });
    expect(text(await t.ok('docs:current', { kind: 'notice' }))).toContain('otomatis 12 bulan setelah');
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'Jl. Melati 5',
      recipients: 'Kurir Kilat (alamat pengiriman)\n\n',
    });
    const v5 = await t.ok('docs:current', { kind: 'notice' });
    expect(v5.version).toBe(5);
    expect(text(v5)).toContain('Data Anda juga kami berikan kepada:\nKurir Kilat (alamat pengiriman)');

    // English, from the same facts.
    await t.ok('app:setLanguage', { language: 'en' });
    const en = await t.ok('docs:current', { kind: 'notice' });
    expect(en.text.title).toBe('Privacy notice — Toko Maju');
    expect(text(en)).toContain('Phone number — Contacting you about orders and transactions.');
  });

  it("keeps the shop's postal address for the letterhead, trimmed, refusing a link", async () => {
    await shop();
    const base = { autoLockMinutes: 5, notesHardBlock: false };
    const saved = await t.ok('settings:update', {
      ...base,
      shopAddress: '  Jl. Pasar Baru 12\nBandung 40181  ',
    });
    expect(saved.shopAddress).toBe('Jl. Pasar Baru 12\nBandung 40181');
    expect((await t.ok('settings:get', {})).shopAddress).toBe('Jl. Pasar Baru 12\nBandung 40181');
    const bad = await t.call('settings:update', { ...base, shopAddress: 'Jl. Melati https://evil.example' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.ok('settings:get', {})).shopAddress).toBe('Jl. Pasar Baru 12\nBandung 40181');
  });

  it('prints the notice, the counter poster and the record of processing, every text escaped', async () => {
    await shop();
    await t.ok('settings:update', {
      autoLockMinutes: 7,
      notesHardBlock: false,
      shopContact: '<img src=x onerror=alert(1)>',
      recipients: '',
    });
    await t.ok('docs:print', { kind: 'notice', format: 'full' });
    await t.ok('docs:print', { kind: 'notice', format: 'poster' });
    await t.ok('docs:print', { kind: 'record' });
    const [full, poster, record] = t.printer.printed;
    expect(full!.name).toBe('pemberitahuan-privasi-v2.pdf');
    expect(full!.html).toContain('Toko Maju');
    expect(full!.html).not.toContain('<img');
    expect(full!.html).toContain('&#60;img');
    expect(poster!.name).toBe('poster-privasi-v2.pdf');
    expect(poster!.html).toContain('Data Anda di Toko Maju');
    expect(record!.html).toContain('Catatan kegiatan pemrosesan');
    expect(record!.html).toContain('Kunci otomatis setelah 7 menit');
    expect(record!.html).toContain('Kasir aktif (1)');
    expect(record!.html).toContain('SQLCipher 4');
    // The controller named in full: the letterhead's postal address is in the record.
    await t.ok('settings:update', {
      autoLockMinutes: 7,
      notesHardBlock: false,
      shopContact: 'WA 0812-1111-2222',
      shopAddress: 'Jl. Pasar Baru 12\nBandung 40181',
      recipients: '',
    });
    const controller = (await t.ok('docs:current', { kind: 'record' })).text.sections[0]!;
    expect(controller.paragraphs).toEqual([
      'Toko Maju',
      'Jl. Pasar Baru 12, Bandung 40181',
      'WA 0812-1111-2222',
    ]);
    const audit = await t.ok('audit:list', { action: 'docs.print' });
    expect(audit.items.map((e) => e.detail.format)).toEqual(['full', 'poster', 'full']);
  });
});

describe('the requests register', () => {
  it('a cashier records an access request; only the owner fulfils it; the report holds everything, with who did what', async () => {
    const { siti, cashierId, ownerId } = await shop();
    await t.ok('purchases:create', { customerId: siti.id, amount: 150_000, items: ['Kopi 250 g'] });
    await asCashier(cashierId);
    await t.ok('customers:get', { id: siti.id });
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan dengan nama dan nomor HP',
      details: 'Ingin tahu data apa saja yang disimpan',
    });
    expect(req).toMatchObject({ status: 'open', verifiedBy: 'Andi', dueAt: req.receivedAt + 72 * HOUR });
    // The cashier may not read the register or fulfil: refused and audited.
    for (const [channel, input] of [
      ['requests:fulfil', { id: req.id, action: 'access_report' }],
      ['requests:list', {}],
    ] as const) {
      expect(await t.call(channel, input as never)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    await asOwner(ownerId);
    const denied = await t.ok('audit:list', { action: 'ipc.denied' });
    expect(denied.items.map((e) => e.detail.channel)).toEqual(
      expect.arrayContaining(['requests:fulfil', 'requests:list']),
    );
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1, overdue: 0 });

    const done = await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    expect(done).toMatchObject({ status: 'done', action: 'access_report', closedBy: 'Bu Sari' });
    const html = t.printer.printed.at(-1)!.html;
    // A letter to her, in words: who did what is said, not coded (no role or action ids).
    for (const expected of [
      'Data pribadi Anda di Toko Maju',
      'Siti Aminah',
      '0812-3456-7890',
      'Promosi via WhatsApp',
      'pemberitahuan privasi versi 1',
      'Kopi 250 g',
      '150.000',
      'Andi, kasir: membuka data Anda.',
      'Andi, kasir: mencatat permintaan Anda tentang data Anda.',
    ]) {
      expect(html, expected).toContain(expected);
    }
    for (const raw of ['cashier', 'customer.view', 'request.create', 'isMinor', 'false'])
      expect(html, raw).not.toContain(raw);
    // The answer: printed, and as a WhatsApp text to her number.
    await t.ok('requests:answer', { id: req.id, mode: 'print' });
    expect(t.printer.printed.at(-1)!.html).toContain('melihat dan mendapat salinan data Anda');
    await t.ok('requests:answer', { id: req.id, mode: 'open' });
    expect(t.handoff.opened[0]).toMatch(/^https:\/\/wa\.me\/6281234567890\?text=/);
    expect(decodeURIComponent(t.handoff.opened[0]!)).toContain('Kami menyiapkan laporan');
    // Closed is closed.
    expect(await t.call('requests:fulfil', { id: req.id, action: 'access_report' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'request_closed' } },
    });
    const log = await t.ok('audit:list', { customerId: siti.id, limit: 100 });
    expect(log.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['request.create', 'request.fulfil', 'request.answer']),
    );
  });

  it('counts 3 x 24 hours from receipt across days in Asia/Jakarta; due soon and overdue show', async () => {
    // 29 Nov 2026 23:30 WIB = 16:30 UTC.
    const clock = new TestClock(Date.UTC(2026, 10, 29, 16, 30));
    const { siti } = await shop(clock);
    const req = await t.ok('requests:create', {
      type: 'correction',
      customerId: siti.id,
      receivedAt: clock.now(),
      channel: 'whatsapp',
      verification: 'Nomor WhatsApp sama dengan yang tercatat',
    });
    // Due 2 Dec 2026 23:30 WIB.
    expect(req.dueAt).toBe(Date.UTC(2026, 11, 2, 16, 30));
    clock.setWall(Date.UTC(2026, 11, 1, 16, 29));
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1, dueSoon: 0, overdue: 0 });
    clock.setWall(Date.UTC(2026, 11, 1, 16, 31));
    expect(await t.ok('requests:summary', {})).toMatchObject({
      dueSoon: 1,
      overdue: 0,
      nextDueAt: req.dueAt,
    });
    clock.setWall(Date.UTC(2026, 11, 2, 16, 30));
    expect(await t.ok('requests:summary', {})).toMatchObject({ dueSoon: 0, overdue: 1 });
    // Correction is done in the customer form, then closed with what was done.
    expect(await t.call('requests:fulfil', { id: req.id, action: 'done' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await t.ok('customers:update', { id: siti.id, name: 'Siti Aminah Putri' });
    const closed = await t.ok('requests:fulfil', { id: req.id, action: 'done', note: 'Nama dilengkapi.' });
    expect(closed.outcome).toMatch(/^Nama dilengkapi\. \(log audit #\d+\)$/);
    const fulfilled = await t.ok('audit:list', { action: 'request.fulfil' });
    expect((fulfilled.items[0]!.detail.edits as number[]).length).toBe(1);
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 0, overdue: 0 });
  });

  it('bad input gets a clear error and changes nothing', async () => {
    const { siti, clock } = await shop();
    const base = {
      type: 'access' as const,
      customerId: siti.id,
      receivedAt: clock.now(),
      channel: 'phone' as const,
      verification: 'Menyebut tanggal lahir',
    };
    const bad: [unknown, string, string?][] = [
      [{ ...base, customerId: 999_999 }, 'NOT_FOUND'],
      [{ ...base, type: 'delete_everything' }, 'VALIDATION'],
      [{ ...base, channel: 'email' }, 'VALIDATION'],
      [{ ...base, receivedAt: clock.now() + 3 * HOUR }, 'VALIDATION'],
      [{ ...base, receivedAt: clock.now() - 80 * HOUR }, 'VALIDATION', 'request_late'],
      [
        { ...base, receivedAt: clock.now() - 40 * 24 * HOUR, acknowledgeLate: true },
        'VALIDATION',
        'request_too_old',
      ],
      [{ ...base, customerId: null }, 'VALIDATION'],
      [{ ...base, verification: '' }, 'VALIDATION'],
      [{ ...base, details: 'x\u202Ey' }, 'VALIDATION'],
    ];
    for (const [input, code, reason] of bad) {
      const r = await t.call('requests:create', input as never);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (reason && !r.ok) expect(r.error.details?.reason).toBe(reason);
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect((await t.ok('requests:list', { status: 'all' })).total).toBe(0);
    // Late but acknowledged: recorded, and overdue at once.
    // An owner back-dating it says why.
    await t.ok('requests:create', {
      ...base,
      receivedAt: clock.now() - 80 * HOUR,
      acknowledgeLate: true,
      receivedReason: 'Surat tertumpuk, baru dibuka hari ini',
    });
    expect(await t.ok('requests:summary', {})).toMatchObject({ open: 1, overdue: 1 });
    // A fulfilment that does not fit the type; a request that does not exist.
    const req = (await t.ok('requests:list', {})).items[0]!;
    expect(await t.call('requests:fulfil', { id: req.id, action: 'erase' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'request_action' } },
    });
    expect(await t.call('requests:fulfil', { id: 4242, action: 'done', note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('requests:answer', { id: req.id, mode: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'request_open' } },
    });
    expect((await t.ok('customers:get', { id: siti.id })).name).toBe('Siti Aminah');
  });

  it('portability, withdrawal, restriction, erasure and refusal, each linked to its request', async () => {
    const { siti, clock } = await shop();
    const make = (type: 'portability' | 'withdrawal' | 'restriction' | 'erasure' | 'objection', extra = {}) =>
      t.ok('requests:create', {
        type,
        customerId: siti.id,
        receivedAt: clock.now(),
        channel: 'whatsapp',
        verification: 'Nomor WhatsApp cocok',
        ...extra,
      });
    await t.ok('purchases:create', { customerId: siti.id, amount: 20_000, items: ['Teh'] });

    const port = await make('portability');
    await t.ok('requests:fulfil', { id: port.id, action: 'portability_export' });
    const [json, csv] = t.dialogs.saved.slice(-2);
    expect(json!.name).toMatch(/^data-pelanggan-\d+-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(String(json!.data));
    expect(data.customer).toMatchObject({ name: 'Siti Aminah', phone: '0812-3456-7890' });
    expect(data.purchases).toMatchObject([{ amount: 20_000, items: ['Teh'] }]);
    expect(data.consents[0]).toMatchObject({ purpose: 'Promosi via WhatsApp', noticeVersion: 1 });
    expect(String(csv!.data)).toContain('pelanggan;name;Siti Aminah');

    const wd = await make('withdrawal');
    await t.ok('requests:fulfil', { id: wd.id, action: 'withdraw' });
    const after = await t.ok('customers:get', { id: siti.id });
    expect(after.consents.find((c) => c.purposeId === WA)).toMatchObject({
      granted: false,
      method: 'digital',
    });

    const rs = await make('restriction');
    await t.ok('requests:fulfil', { id: rs.id, action: 'restrict' });
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
    expect(await t.call('customers:setRestricted', { id: siti.id, restricted: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'restriction_by_request' } },
    });
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(true);
    const lift = await make('restriction');
    await t.ok('requests:fulfil', { id: lift.id, action: 'lift_restriction' });
    expect((await t.ok('customers:get', { id: siti.id })).restricted).toBe(false);

    const ob = await make('objection');
    expect(await t.call('requests:refuse', { id: ob.id, reason: 'pendek' })).toMatchObject({ ok: false });
    const refused = await t.ok('requests:refuse', {
      id: ob.id,
      reason: 'Catatan penjualan wajib disimpan untuk pembukuan pajak.',
    });
    expect(refused).toMatchObject({
      status: 'refused',
      outcome: 'Catatan penjualan wajib disimpan untuk pembukuan pajak.',
    });
    await t.ok('requests:answer', { id: ob.id, mode: 'print' });
    expect(t.printer.printed.at(-1)!.html).toContain('Mengapa tidak dapat kami penuhi');

    const er = await make('erasure');
    await t.ok('requests:fulfil', { id: er.id, action: 'erase' });
    expect(await t.call('customers:get', { id: siti.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // The register outlives her: the bare number stays, no name.
    const kept = await t.ok('requests:get', { id: er.id });
    expect(kept).toMatchObject({
      status: 'done',
      customerId: null,
      customerRef: siti.id,
      customerName: null,
    });
    const all = await t.ok('requests:list', { status: 'closed' });
    expect(all.total).toBe(6);
    expect(JSON.stringify(t.core.vault.requireDb().prepare('SELECT * FROM requests').all())).not.toContain(
      'Siti',
    );
  });

  it('records a request from someone who is not a customer', async () => {
    const { clock } = await shop();
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: null,
      requester: 'Pak Joko',
      receivedAt: clock.now(),
      channel: 'letter',
      verification: 'Surat bertanda tangan, fotokopi KTP',
    });
    expect(req).toMatchObject({ customerId: null, requester: 'Pak Joko' });
    expect(await t.call('requests:fulfil', { id: req.id, action: 'access_report' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'request_no_customer' } },
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'done', note: 'Tidak ada data atas nama Pak Joko.' });
  });
});
