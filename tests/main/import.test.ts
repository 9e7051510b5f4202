import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src/shared/domain';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

function pick(t: TestCore, name: string, content: string | Buffer): void {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
  writeFileSync(path, content);
  t.dialogs.nextOpen = path;
}

const EXCEL_ID = [
  'Nama;No HP;Alamat;Catatan;Persetujuan WA',
  'Siti Aminah;0812-1111-2222;"Jl. Melati 5',
  'RT 02/RW 03, Bandung";Suka kopi;ya',
  'Budi;+62 812 3333 4444;Jl. Kenanga;;tidak',
  ';0812-5555-6666;;;',
  'Rina;12345;;;',
  'Dewi;0812 1111 2222;;;',
  'Eko;0857-0000-1111;;;mungkin',
  'Fajar;0857-2222-3333;;;',
].join('\r\n');

describe('CSV import as Excel writes it in Indonesia', () => {
  it('";", UTF-8 with BOM, quoted newlines, Bahasa headers: preview, mapping, per-row errors, commit', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', { name: 'Sudah Ada', phone: '0857-2222-3333' });
    pick(t, 'pelanggan.csv', `\uFEFF${EXCEL_ID}`);
    const preview = await t.ok('import:open', {});
    expect(preview).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      rowCount: 7,
      headers: ['Nama', 'No HP', 'Alamat', 'Catatan', 'Persetujuan WA'],
    });
    expect(preview.suggested).toEqual({ name: 0, phone: 1, address: 2, notes: 3, consent_whatsapp: 4 });
    expect(preview.sample[0]?.[2]).toBe('Jl. Melati 5\r\nRT 02/RW 03, Bandung');

    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.total).toBe(7);
    expect(check.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, 'name', 'missing_name'],
      [5, 'phone', 'invalid_phone'],
      [6, 'phone', 'duplicate_in_file'],
      [7, 'consent_whatsapp', 'invalid_consent'],
      [8, 'phone', 'duplicate_in_vault'],
    ]);
    expect(check.valid).toBe(2);
    expect(check.consents).toEqual({ whatsapp: 1, smsEmail: 0 });
    // Consent from a file is recorded only once the owner says how it was collected.
    expect(await t.call('import:commit', { mapping: preview.suggested })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: ['consentMethod'] } },
    });
    expect(
      await t.call('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'paper', noticeVersion: 9 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: ['noticeVersion'] } } });
    // Checking wrote nothing.
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);

    const progress: ImportProgress[] = [];
    t.core.setEventSink((_w, e, p) => e === 'import:progress' && progress.push(p as ImportProgress));
    expect(
      await t.ok('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'paper', noticeVersion: 1 },
      }),
    ).toMatchObject({ imported: 2 });
    expect(progress.at(-1)).toEqual({ phase: 'writing', done: 2, total: 2 });
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    const full = await t.ok('customers:get', { id: siti.id });
    expect(full).toMatchObject({
      phone: '0812-1111-2222',
      address: 'Jl. Melati 5\r\nRT 02/RW 03, Bandung',
      notes: 'Suka kopi',
    });
    expect(full.consents).toMatchObject([{ purposeId: 2, granted: true, method: 'paper', noticeVersion: 1 }]);
    expect((await t.ok('consent:history', { customerId: siti.id }))[0]).toMatchObject({
      method: 'paper',
      source: 'import',
    });
    const budi = (await t.ok('customers:search', { query: 'budi' })).items[0]!;
    // "tidak" records nothing: consent is never assumed.
    expect((await t.ok('customers:get', { id: budi.id })).consents).toEqual([]);

    await t.ok('import:saveErrors', {});
    const report = String(t.dialogs.saved.at(-1)?.data);
    expect(report).toContain('4;Nama;Nama kosong');
    expect(report).not.toMatch(/Rina|12345|0812/);
    const log = await t.ok('audit:list', {});
    expect(log.items.find((e) => e.action === 'import.commit')?.detail).toEqual({
      imported: 2,
      consentMethod: 'paper',
      noticeVersion: 1,
    });
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('",", Windows-1252 and English headers; no consent column means no consent', async () => {
    t = makeCore();
    await setupShop(t);
    const text = 'Name,Phone,Email\r\n"Ramírez, José",0812-4444-5555,jose@example.com\r\nÑoño,,\r\n';
    pick(t, 'customers.csv', Buffer.from(text, 'latin1'));
    const preview = await t.ok('import:open', {});
    expect(preview).toMatchObject({ encoding: 'windows-1252', delimiter: ',', rowCount: 2 });
    expect(preview.suggested).toEqual({ name: 0, phone: 1, email: 2 });
    await t.ok('import:commit', { mapping: preview.suggested });
    const jose = (await t.ok('customers:search', { query: 'jose' })).items;
    expect(jose.map((c) => c.name)).toEqual(['Ramírez, José']);
    expect((await t.ok('customers:get', { id: jose[0]!.id })).consents).toEqual([]);
    expect((await t.ok('customers:search', { query: 'nono' })).total).toBe(1);
  });

  it('Windows-1252 typographic characters from Excel autocorrect stay what they are, and are found', async () => {
    t = makeCore();
    await setupShop(t);
    // Nur’aini, “Toko” – 5€… : bytes 0x92 0x93 0x94 0x96 0x80 0x85, as Excel writes them in Windows-1252.
    const bytes = Buffer.concat([
      Buffer.from('Nama;Catatan\r\nSiti Nur', 'latin1'),
      Buffer.from([0x92]),
      Buffer.from('aini;', 'latin1'),
      Buffer.from([0x93]),
      Buffer.from('Toko', 'latin1'),
      Buffer.from([0x94, 0x20, 0x96, 0x20, 0x35, 0x80, 0x85]),
      Buffer.from('\r\n', 'latin1'),
    ]);
    pick(t, 'excel-1252.csv', bytes);
    const preview = await t.ok('import:open', {});
    expect(preview.encoding).toBe('windows-1252');
    await t.ok('import:commit', { mapping: preview.suggested });
    for (const q of ["nur'aini", 'nuraini', 'Nur\u2019aini']) {
      expect(
        (await t.ok('customers:search', { query: q })).items.map((c) => c.name),
        q,
      ).toEqual(['Siti Nur\u2019aini']);
    }
    const id = (await t.ok('customers:search', { query: 'nuraini' })).items[0]!.id;
    const c = await t.ok('customers:get', { id });
    expect(c.notes).toBe('\u201cToko\u201d \u2013 5\u20ac\u2026');
    // No C1 control character anywhere in what was stored.
    expect(JSON.stringify(c)).not.toMatch(/[\u0080-\u009f]/);
    // Bytes the code page leaves undefined are refused rather than stored as something else.
    pick(t, 'bad-1252.csv', Buffer.from([0x4e, 0x61, 0x6d, 0x61, 0x0d, 0x0a, 0x41, 0x81, 0x42, 0x0d, 0x0a]));
    expect(await t.call('import:open', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'encoding' } },
    });
  });

  it('the Windows-1252 table for 0x80-0x9F is the code page, not Latin-1 controls', async () => {
    const { decodeCsv } = await import('../../src/main/services/import/decode');
    const table = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    for (let b = 0x80; b <= 0x9f; b++) {
      const want = table[b - 0x80]!;
      const decoded = decodeCsv(Buffer.from([0x41, b, 0x0a]));
      if (/[\u0080-\u009f]/.test(want)) await expect(decoded, b.toString(16)).rejects.toThrow();
      else expect((await decoded).text, b.toString(16)).toBe(`A${want}\n`);
    }
  });

  it('bad files get a clear error and change nothing', async () => {
    t = makeCore();
    await setupShop(t);
    const cases: [string, string | Buffer, string][] = [
      ['empty.csv', '', 'empty'],
      ['header.csv', 'Nama;No HP\r\n', 'headers_only'],
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'binary'],
      [
        'utf16.csv',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nama\r\nAni\r\n', 'utf16le')]),
        'encoding',
      ],
      // A quote never closed would swallow every following row into one cell.
      ['open-quote.csv', 'Nama;Alamat\r\nAni;"Jl. Mawar 1\r\nBudi;Jl. Melati\r\n', 'parse'],
    ];
    for (const [name, content, reason] of cases) {
      pick(t, name, content);
      const r = await t.call('import:open', {});
      expect(r, name).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason } } });
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    }
    pick(t, 'huge.csv', 'Nama\r\n');
    truncateSync(t.dialogs.nextOpen!, 51 * 1024 * 1024);
    expect(await t.call('import:open', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'too_large' } },
    });
    t.dialogs.nextOpen = null;
    expect(await t.call('import:open', {})).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
  });

  it('a mapping onto a field the shop does not collect is refused', async () => {
    t = makeCore();
    await setupShop(t);
    pick(t, 'g.csv', 'Nama;Jenis Kelamin\r\nAni;P\r\n');
    const preview = await t.ok('import:open', {});
    // Not suggested (the shop does not collect it), and refused when mapped by hand.
    expect(preview.suggested).toEqual({ name: 0 });
    expect(await t.call('import:check', { mapping: { name: 0, gender: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'FIELD_DISABLED', details: { fields: ['gender'] } },
    });
    expect(await t.call('import:check', { mapping: { phone: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE' },
    });
  });

  it('all rows or none: a cancelled import writes nothing; during it writes wait and reads go on', async () => {
    t = makeCore();
    await setupShop(t);
    const rows = Array.from({ length: 3000 }, (_, i) => `Pelanggan ${i};08${String(1200000000 + i * 7)}`);
    pick(t, 'big.csv', ['Nama;HP', ...rows].join('\n'));
    const preview = await t.ok('import:open', {});
    let sawBusy = false;
    let sawRead = false;
    t.core.setEventSink((_w, e, p) => {
      const progress = p as ImportProgress;
      if (e !== 'import:progress' || progress.phase !== 'writing' || progress.done !== 1000) return;
      void t
        .call('customers:create', { name: 'Sela' }, 'w2')
        .then((r) => (sawBusy = !r.ok && r.error.code === 'BUSY'));
      void t.call('import:cancel', {});
    });
    const r = await t.call('import:commit', { mapping: preview.suggested });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    expect(sawBusy).toBe(false); // w2 has no session: refused before reaching the busy check
    // A second, owner window: writes are BUSY while the import runs, reads answer.
    t.core.beginSession('w2', (await t.ok('app:status', {})).user!);
    t.core.setEventSink((_w, e, p) => {
      const progress = p as ImportProgress;
      if (e !== 'import:progress' || progress.phase !== 'writing' || progress.done !== 1000) return;
      void t
        .call('customers:create', { name: 'Sela' }, 'w2')
        .then((x) => (sawBusy = !x.ok && x.error.code === 'BUSY'));
      void t.call('customers:search', { query: '' }, 'w2').then((x) => (sawRead = x.ok));
    });
    expect(await t.ok('import:commit', { mapping: preview.suggested })).toMatchObject({ imported: 3000 });
    expect(sawBusy).toBe(true);
    expect(sawRead).toBe(true);
    expect((await t.ok('customers:search', { query: '' })).total).toBe(3000);
    const log = await t.ok('audit:list', { limit: 500 });
    expect(log.items.filter((e) => e.action === 'import.commit').map((e) => e.outcome)).toEqual([
      'ok',
      'failed',
    ]);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('one step at a time: reading shows progress, cancel reaches reading and checking', async () => {
    t = makeCore();
    await setupShop(t);
    // ~1.3 MB: the file is read in several slices.
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `Pembeli ${i};0857${String(20_000_000 + i)};"Jl. Kenanga Raya No. ${i}, RT 03/RW 07, Sukamaju"`,
    );
    pick(t, 'slices.csv', ['Nama;HP;Alamat', ...rows].join('\n'));
    const path = t.dialogs.nextOpen!;
    const seen: ImportProgress[] = [];
    t.core.setEventSink((_w, e, p) => {
      if (e === 'import:progress') seen.push(p as ImportProgress);
    });
    const preview = await t.ok('import:open', {});
    const reading = seen.filter((p) => p.phase === 'reading').map((p) => p.done);
    expect(reading.length).toBeGreaterThan(2);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    expect(reading.at(-1)).toBe(100);

    // Cancel while reading: a clear CANCELLED, the file opened before is kept.
    t.core.setEventSink((_w, e, p) => {
      if (e === 'import:progress' && (p as ImportProgress).phase === 'reading')
        void t.call('import:cancel', {});
    });
    t.dialogs.nextOpen = path;
    expect(await t.call('import:open', {})).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

    // Cancel while checking, and a second step meanwhile is BUSY.
    let second: unknown;
    t.core.setEventSink((_w, e, p) => {
      if (e !== 'import:progress' || (p as ImportProgress).phase !== 'checking' || second) return;
      second = t.call('import:check', { mapping: preview.suggested });
      void t.call('import:cancel', {});
    });
    expect(await t.call('import:check', { mapping: preview.suggested })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    expect(await second).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    // Nothing is stuck: the same check runs to the end, then the import.
    t.core.setEventSink(() => undefined);
    expect((await t.ok('import:check', { mapping: preview.suggested })).valid).toBe(20_000);
    expect(await t.ok('import:commit', { mapping: preview.suggested })).toMatchObject({ imported: 20_000 });
  });

  it('locking the vault mid-import rolls it back', async () => {
    t = makeCore();
    await setupShop(t);
    const rows = Array.from({ length: 2000 }, (_, i) => `Orang ${i}`);
    pick(t, 'lock.csv', ['Nama', ...rows].join('\n'));
    const preview = await t.ok('import:open', {});
    t.core.setEventSink((w, e, p) => {
      if (e === 'import:progress' && (p as ImportProgress).phase === 'writing') t.core.lock(w, 'idle');
    });
    expect(await t.call('import:commit', { mapping: preview.suggested })).toMatchObject({ ok: false });
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: '271828' });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});

describe('csvSlices', () => {
  it('cuts only at line breaks outside quotes, and loses nothing', async () => {
    const { csvSlices } = await import('../../src/main/services/import/read');
    const text = ['a;b', '"multi', 'line";x', '"quote "" inside', 'still";y', 'last;z'].join('\n');
    const slices = [...csvSlices(text, 1)];
    expect(slices.join('')).toBe(text);
    expect(slices).toEqual(['a;b\n', '"multi\nline";x\n', '"quote "" inside\nstill";y\n', 'last;z']);
  });
});

describe('check, then commit', () => {
  it('the commit reuses the check unless a customer was written in between (the audit does not count)', async () => {
    t = makeCore();
    await setupShop(t);
    pick(t, 'reuse.csv', ['Nama;HP', 'Ani;0812-7777-0001', 'Bima;0812-7777-0002'].join('\n'));
    const preview = await t.ok('import:open', {});
    expect((await t.ok('import:check', { mapping: preview.suggested })).valid).toBe(2);
    // The counter adds Bima meanwhile: the commit must see it and not import a duplicate phone.
    await t.ok('customers:create', { name: 'Bima', phone: '0812-7777-0002' });
    expect(await t.ok('import:commit', { mapping: preview.suggested })).toMatchObject({ imported: 1 });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(2);
  });
});

describe('files as real spreadsheets save them', () => {
  it('two-digit years as LibreOffice writes them, with a century rule', async () => {
    const { parseBirthday } = await import('../../src/main/services/import/mapping');
    const now = Date.UTC(2026, 10, 29);
    expect(parseBirthday('17/05/90', now)).toBe('1990-05-17');
    expect(parseBirthday('03-02-05', now)).toBe('2005-02-03');
    expect(parseBirthday('01.01.26', now)).toBe('2026-01-01');
    expect(parseBirthday('01/01/27', now)).toBe('1927-01-01');
    expect(parseBirthday('17-05-1990', now)).toBe('1990-05-17');
    expect(parseBirthday('31/02/90', now)).toBe('invalid');
  });

  it('dd/mm/yy birthdays import; a phone Excel turned into a number says so; "Iya" is yes', async () => {
    t = makeCore();
    await setupShop(t);
    const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'birthday')!.purpose;
    await t.ok('fields:update', { key: 'birthday', enabled: true, purpose });
    pick(
      t,
      'calc.csv',
      'Nama;No HP;Tanggal Lahir;Setuju Promosi WA\r\nSiti;0812-1111-2222;17/05/90;Iya\r\nAni;6.28121E+12;03/02/05;\r\n',
    );
    const preview = await t.ok('import:open', {});
    expect(preview.suggested).toEqual({ name: 0, phone: 1, birthday: 2, consent_whatsapp: 3 });
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, 'phone', 'phone_as_number']]);
    await t.ok('import:commit', {
      mapping: preview.suggested,
      consent: { method: 'paper', noticeVersion: 1 },
    });
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    const c = await t.ok('customers:get', { id: siti.id });
    expect(c.birthday).toBe('1990-05-17');
    expect(c.consents.find((s) => s.purposeId === 2)?.granted).toBe(true);
  });

  it('fields the shop does not collect are left unmapped and named, so the suggestion checks cleanly', async () => {
    t = makeCore();
    await setupShop(t);
    pick(t, 'full.csv', 'Nama;Jenis Kelamin;Tanggal Lahir;Tag\r\nAni;P;17/05/1990;kopi\r\n');
    const preview = await t.ok('import:open', {});
    expect(preview.suggested).toEqual({ name: 0 });
    expect(preview.offFields.sort()).toEqual(['birthday', 'gender', 'tags']);
    expect((await t.ok('import:check', { mapping: preview.suggested })).valid).toBe(1);
  });

  it("the app's own export imports again with no hand mapping, consent included", async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', {
      name: 'Yuni',
      phone: '0813-5555-0101',
      email: 'yuni@contoh.id',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    const other = await t.ok('customers:create', {
      name: 'Tarik',
      phone: '0813-5555-0202',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    await t.ok('consent:withdraw', { customerId: other.id, purposeId: 2, method: 'verbal' });
    await t.ok('customers:export', { format: 'csv' });
    const exported = String(t.dialogs.saved.at(-1)!.data);
    const fresh = makeCore();
    try {
      await setupShop(fresh);
      pick(fresh, 'ekspor.csv', exported);
      const preview = await fresh.ok('import:open', {});
      expect(preview.suggested).toMatchObject({
        name: 1,
        phone: 2,
        email: 3,
        consent_whatsapp: expect.any(Number),
      });
      const check = await fresh.ok('import:check', { mapping: preview.suggested });
      expect(check).toMatchObject({ valid: 2, errors: [] });
      await fresh.ok('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'digital', noticeVersion: 1 },
      });
      const wa = await fresh.ok('audience:list', { channel: 'whatsapp' });
      expect(wa.items.map((m) => m.name)).toEqual(['Yuni']);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('after an import: the rows numbered as in the spreadsheet, in the owner’s language', () => {
  it("rows are numbered as the spreadsheet numbers them, and the problem file speaks the owner's language", async () => {
    t = makeCore();
    await setupShop(t);
    // Row 1 header, row 2 fine, row 3 blank, row 4 a quoted address over two lines, row 5 bad phone.
    pick(
      t,
      'baris.csv',
      'Nama;HP;Alamat\r\nAni;0812-1111-2222;\r\n\r\nBudi;0812-3333-4444;"Jl. A\r\nRT 1"\r\nCici;123;\r\n',
    );
    const preview = await t.ok('import:open', {});
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.errors).toEqual([{ row: 5, field: 'phone', code: 'invalid_phone' }]);
    await t.ok('import:commit', { mapping: preview.suggested });
    await t.ok('import:saveErrors', {});
    expect(String(t.dialogs.saved.at(-1)!.data)).toMatch(
      /baris;kolom;masalah\r?\n5;Nomor HP;Nomor HP tidak valid/,
    );
    await t.ok('app:setLanguage', { language: 'en' });
    await t.ok('import:saveErrors', {});
    expect(String(t.dialogs.saved.at(-1)!.data)).toMatch(/row;column;problem\r?\n5;Phone;Invalid phone/);
  });

  it('a file without a name column says so, not that it cannot be read', async () => {
    t = makeCore();
    await setupShop(t);
    pick(t, 'tanpa-nama.csv', 'HP;Alamat\r\n0812-1111-2222;Jl. A\r\n');
    const preview = await t.ok('import:open', {});
    const r = await t.call('import:check', { mapping: preview.suggested });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'no_name_column' } },
    });
    if (!r.ok) {
      expect(r.error.message).toMatch(/^Kolom nama belum dipilih/);
      expect(r.error.message).not.toMatch(/CSV/);
    }
  });
});

describe('rows already in the vault', () => {
  it('name the customer they match; skipped by default, or fill only empty fields and never consent', async () => {
    t = makeCore();
    await setupShop(t);
    const budi = await t.ok('customers:create', {
      name: 'Budi Santoso',
      phone: '0812-7000-1111',
      address: 'Jl. Lama 1',
    });
    pick(
      t,
      'lagi.csv',
      'Nama;HP;Email;Alamat;Setuju WA\r\nBudi S;0812-7000-1111;budi@contoh.id;Jl. Baru 9;ya\r\nAni;0812-7000-2222;;;\r\n',
    );
    const preview = await t.ok('import:open', {});
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.errors).toEqual([
      {
        row: 2,
        field: 'phone',
        code: 'duplicate_in_vault',
        match: { id: budi.id, name: 'Budi Santoso', fileName: 'Budi S' },
      },
    ]);
    expect(check.fillable).toBe(1);
    // The saved problem file names no one.
    await t.ok('import:saveErrors', {});
    expect(String(t.dialogs.saved.at(-1)!.data)).not.toContain('Budi');
    const r = await t.ok('import:commit', { mapping: preview.suggested, duplicates: 'fill' });
    expect(r).toEqual({ imported: 1, filled: 1 });
    const after = await t.ok('customers:get', { id: budi.id });
    expect(after).toMatchObject({ name: 'Budi Santoso', email: 'budi@contoh.id', address: 'Jl. Lama 1' });
    expect(after.consents).toEqual([]);
    const log = (await t.ok('audit:list', { action: 'import.commit' })).items[0];
    expect(log?.detail).toMatchObject({ imported: 1, filled: 1 });
  });
});

describe('filling an existing customer from a row with another name', () => {
  it('never fills when the names differ, and shows both names', async () => {
    t = makeCore();
    await setupShop(t);
    const budi = await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1111' });
    pick(
      t,
      'keluarga.csv',
      'Nama;HP;Tanggal lahir;Catatan\r\nAndré Wijaya;0812-7000-1111;1990-05-04;Suka kopi\r\n',
    );
    const preview = await t.ok('import:open', {});
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.errors).toEqual([
      {
        row: 2,
        field: 'phone',
        code: 'duplicate_in_vault',
        match: { id: budi.id, name: 'Budi Santoso', fileName: 'André Wijaya' },
      },
    ]);
    expect(check.fillable).toBe(0);
    expect(await t.ok('import:commit', { mapping: preview.suggested, duplicates: 'fill' })).toEqual({
      imported: 0,
      filled: 0,
    });
    expect(await t.ok('customers:get', { id: budi.id })).toMatchObject({ birthday: null, notes: null });
  });
});

/** Sets a picked file's modification time (what the import can know of when the file was made). */
function touch(t: TestCore, name: string, at: number): void {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
  utimesSync(path, at / 1000, at / 1000);
}

const DAY = 86_400_000;

describe('consent from a file: its source and the notice the customers saw', () => {
  it('is recorded and shown as an import with the method the owner chose, by whom and when', async () => {
    t = makeCore();
    await setupShop(t);
    const [v1] = await t.ok('docs:versions', { kind: 'notice' });
    pick(t, 'formulir.csv', 'Nama;HP;Setuju WA\r\nSiti;0812-1111-2222;ya\r\n');
    touch(t, 'formulir.csv', v1!.createdAt + DAY);
    t.clock.advance(2 * DAY);
    const preview = await t.ok('import:open', {});
    expect(preview.modifiedAt).toBe(v1!.createdAt + DAY);
    await t.ok('import:commit', {
      mapping: preview.suggested,
      consent: { method: 'paper', noticeVersion: 1 },
    });
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    // The state says where it came from, not only how: a paper form, brought in by a file import.
    expect((await t.ok('customers:get', { id: siti.id })).consents[0]).toMatchObject({
      method: 'paper',
      source: 'import',
      recordedBy: 'Bu Sari',
      noticeVersion: 1,
      at: t.clock.now(),
    });
  });

  it('the version must exist; one made after the file was last changed needs the owner to confirm it', async () => {
    t = makeCore();
    await setupShop(t);
    const [v1] = await t.ok('docs:versions', { kind: 'notice' });
    t.clock.advance(5 * DAY);
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-1111-2222',
      recipients: '',
    });
    const v2 = (await t.ok('docs:versions', { kind: 'notice' }))[0]!;
    expect(v2.version).toBe(2);
    pick(t, 'lama.csv', 'Nama;HP;Setuju WA\r\nSiti;0812-1111-2222;ya\r\n');
    // The file was last saved between the two versions: its customers can have seen v1, not v2.
    touch(t, 'lama.csv', v1!.createdAt + DAY);
    const preview = await t.ok('import:open', {});
    const commit = (noticeVersion: number, acknowledgeNewer?: boolean) =>
      t.call('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'paper', noticeVersion, ...(acknowledgeNewer ? { acknowledgeNewer } : {}) },
      });
    const missing = await commit(3);
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: ['noticeVersion'], reason: 'notice_not_found' } },
    });
    if (!missing.ok) expect(missing.error.message).toMatch(/Versi pemberitahuan itu tidak ada/);
    const newer = await commit(2);
    expect(newer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: ['noticeVersion'], reason: 'notice_newer_than_file' } },
    });
    if (!newer.ok) expect(newer.error.message).toMatch(/lebih baru dari berkas/);
    // Refusals change nothing.
    expect((await t.ok('customers:search', { query: '' })).total).toBe(0);
    // The owner confirms that the customers saw the newer version after all: recorded and audited.
    expect(await commit(2, true)).toMatchObject({ ok: true, value: { imported: 1 } });
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    expect((await t.ok('customers:get', { id: siti.id })).consents[0]?.noticeVersion).toBe(2);
    const log = (await t.ok('audit:list', { action: 'import.commit' })).items[0];
    expect(log?.detail).toMatchObject({ noticeVersion: 2, noticeNewerThanFile: true });
  });

  it("the shop's own notice from before Brankas is a choice: kept as such, and asked again", async () => {
    t = makeCore();
    await setupShop(t);
    const [v1] = await t.ok('docs:versions', { kind: 'notice' });
    // Collected on the shop's paper form a year before Brankas: every version is newer than the file.
    pick(t, 'kertas.csv', 'Nama;HP;Setuju WA\r\nSiti;0812-1111-2222;ya\r\n');
    touch(t, 'kertas.csv', v1!.createdAt - 365 * DAY);
    const preview = await t.ok('import:open', {});
    expect(
      await t.call('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'paper', noticeVersion: 1 },
      }),
    ).toMatchObject({ ok: false, error: { details: { reason: 'notice_newer_than_file' } } });
    await t.ok('import:commit', {
      mapping: preview.suggested,
      consent: { method: 'paper', noticeVersion: 0 },
    });
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    expect((await t.ok('customers:get', { id: siti.id })).consents[0]).toMatchObject({
      granted: true,
      noticeVersion: 0,
      source: 'import',
    });
    // Not under any notice Brankas made: the owner is told to ask these customers again.
    expect((await t.ok('docs:staleConsents', {})).items).toEqual([{ id: siti.id, name: 'Siti', version: 0 }]);
    const log = (await t.ok('audit:list', { action: 'import.commit' })).items[0];
    expect(log?.detail).toMatchObject({ noticeVersion: 0 });
    expect(log?.detail).not.toHaveProperty('noticeNewerThanFile');
  });

  it('a version older than the file is taken as chosen, with no confirmation', async () => {
    t = makeCore();
    await setupShop(t);
    const [v1] = await t.ok('docs:versions', { kind: 'notice' });
    pick(t, 'baru.csv', 'Nama;HP;Setuju WA\r\nSiti;0812-1111-2222;ya\r\n');
    touch(t, 'baru.csv', v1!.createdAt + DAY);
    const preview = await t.ok('import:open', {});
    expect(
      await t.ok('import:commit', {
        mapping: preview.suggested,
        consent: { method: 'digital', noticeVersion: 1 },
      }),
    ).toMatchObject({ imported: 1 });
    const log = (await t.ok('audit:list', { action: 'import.commit' })).items[0];
    expect(log?.detail).not.toHaveProperty('noticeNewerThanFile');
  });
});

describe('rows already in the vault: counts that agree with the rows listed, and a per-row confirm', () => {
  async function vaultAndFile() {
    t = makeCore();
    await setupShop(t);
    const budi = await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1111' });
    const citra = await t.ok('customers:create', {
      name: 'Citra Dewi',
      phone: '0812-7000-3333',
      email: 'citra@lama.id',
    });
    const dodi = await t.ok('customers:create', { name: 'Dodi', phone: '0812-7000-4444' });
    const eka = await t.ok('customers:create', { name: 'Eka', phone: '0812-7000-5555' });
    pick(
      t,
      'campur.csv',
      [
        'Nama;HP;Email',
        'Budi S;0812-7000-1111;budi@contoh.id', // 2: same person, fills the email
        'André Wijaya;0812-7000-4444;andre@contoh.id', // 3: Dodi's phone, another name
        'Citra Dewi;0812-7000-3333;citra@contoh.id', // 4: nothing empty to fill
        'Eka;0812-7000-5555;bukan-email', // 5: in the vault, and a bad email
        'Fani;123;x', // 6: two problems on one row
        ';0812-7000-6666;', // 7: no name
        'Gita;0812-7000-7777;gita@contoh.id', // 8: new
        'Budi Santoso;0812-7000-1111;budi2@contoh.id', // 9: Budi again, row 2 fills the email first
      ].join('\r\n'),
    );
    const preview = await t.ok('import:open', {});
    return { budi, citra, dodi, eka, preview };
  }

  it('each category counts exactly the rows listed under it, and they add up to the file', async () => {
    const { budi, citra, dodi, eka, preview } = await vaultAndFile();
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.inVault.map((r) => [r.row, r.customerId, r.name, r.fileName, r.status, r.fields])).toEqual([
      [2, budi.id, 'Budi Santoso', 'Budi S', 'fill', ['email']],
      [3, dodi.id, 'Dodi', 'André Wijaya', 'confirm', ['email']],
      [4, citra.id, 'Citra Dewi', 'Citra Dewi', 'nothing', []],
      [5, eka.id, 'Eka', 'Eka', 'invalid', []],
      [9, budi.id, 'Budi Santoso', 'Budi Santoso', 'nothing', []],
    ]);
    const inVaultRows = new Set(check.inVault.map((r) => r.row));
    const problemRows = new Set(check.errors.filter((e) => !inVaultRows.has(e.row)).map((e) => e.row));
    const dupRows = new Set(check.errors.filter((e) => e.code === 'duplicate_in_vault').map((e) => e.row));
    const status = (s: string) => check.inVault.filter((r) => r.status === s).length;
    expect(check.summary).toEqual({
      ready: check.valid,
      problems: problemRows.size,
      inVault: dupRows.size,
      fill: status('fill'),
      confirm: status('confirm'),
      nothing: status('nothing'),
      invalid: status('invalid'),
    });
    expect(check.summary).toEqual({
      ready: 1,
      problems: 2,
      inVault: 5,
      fill: 1,
      confirm: 1,
      nothing: 2,
      invalid: 1,
    });
    expect(inVaultRows).toEqual(dupRows);
    expect(check.summary.ready + check.summary.problems + check.summary.inVault).toBe(check.total);
    expect(check.fillable).toBe(check.summary.fill);
    // What "fill" then does agrees with the count it was offered under.
    const r = await t.ok('import:commit', { mapping: preview.suggested, duplicates: 'fill' });
    expect(r).toEqual({ imported: 1, filled: check.summary.fill });
    expect((await t.ok('customers:get', { id: budi.id })).email).toBe('budi@contoh.id');
    expect((await t.ok('customers:get', { id: dodi.id })).email).toBeNull();
  });

  it('a row with another name fills only when the owner confirms that row; audited against the customer', async () => {
    const { budi, dodi, eka, preview } = await vaultAndFile();
    await t.ok('import:check', { mapping: preview.suggested });
    // A confirmation names the row and the customer the owner saw: any other is refused, nothing changes.
    for (const wrong of [
      [{ row: 3, customerId: budi.id }],
      [{ row: 2, customerId: budi.id }],
      [{ row: 5, customerId: eka.id }],
      [{ row: 30, customerId: dodi.id }],
    ]) {
      expect(await t.call('import:commit', { mapping: preview.suggested, confirmFill: wrong })).toMatchObject(
        {
          ok: false,
          error: { code: 'VALIDATION', details: { fields: ['confirmFill'], reason: 'fill_not_confirmable' } },
        },
      );
      expect((await t.ok('customers:search', { query: 'gita' })).total).toBe(0);
    }
    const r = await t.ok('import:commit', {
      mapping: preview.suggested,
      confirmFill: [{ row: 3, customerId: dodi.id }],
    });
    // Only the confirmed row fills ("skip" for the rest): Dodi gets André's email, Budi nothing.
    expect(r).toEqual({ imported: 1, filled: 1 });
    expect(await t.ok('customers:get', { id: dodi.id })).toMatchObject({
      name: 'Dodi',
      email: 'andre@contoh.id',
    });
    expect((await t.ok('customers:get', { id: budi.id })).email).toBeNull();
    const confirmed = (await t.ok('audit:list', { action: 'import.fillConfirmed' })).items;
    expect(confirmed.map((e) => [e.target, e.detail])).toEqual([
      [String(dodi.id), { row: 3, fields: ['email'] }],
    ]);
    const commit = (await t.ok('audit:list', { action: 'import.commit' })).items[0];
    expect(commit?.detail).toMatchObject({ imported: 1, filled: 1, confirmedRows: 1 });
    // Nothing from the file's names in the log.
    expect(JSON.stringify(confirmed)).not.toMatch(/André|Dodi|andre/);
  });
});

describe('a confirmed row fills what it was listed with', () => {
  it('and not a field an earlier same-name row of the file was listed as filling', async () => {
    t = makeCore();
    await setupShop(t);
    const budi = await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1111' });
    pick(
      t,
      'dua.csv',
      'Nama;HP;Email;Alamat\r\nBudi S;0812-7000-1111;budi@contoh.id;\r\nAndi;0812-7000-1111;andi@contoh.id;Jl. Kenanga 2\r\n',
    );
    const preview = await t.ok('import:open', {});
    const check = await t.ok('import:check', { mapping: preview.suggested });
    expect(check.inVault.map((r) => [r.row, r.status, r.fields])).toEqual([
      [2, 'fill', ['email']],
      [3, 'confirm', ['address']],
    ]);
    // The same-name row is skipped; Andi's row, confirmed, fills the address it was listed with only.
    await t.ok('import:commit', {
      mapping: preview.suggested,
      confirmFill: [{ row: 3, customerId: budi.id }],
    });
    expect(await t.ok('customers:get', { id: budi.id })).toMatchObject({
      email: null,
      address: 'Jl. Kenanga 2',
    });
  });
});
