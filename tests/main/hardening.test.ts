import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { decryptedVault, trigrams } from '../support/decrypted-pages';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, TEST_KDF, type TestCore } from '../support/fixtures';

/** Findings of the attack on the landed code, one block per finding. */
let t: TestCore;
afterEach(() => t?.cleanup());

describe('#6 the clock moved by hand', () => {
  it('setting the clock back a day does not lock a cashier out for a day', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 0; i < 5; i++) await t.call('auth:unlock', { userId: cashierId, pin: '999111' });
    const locked = await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(locked).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    clock.setWall(clock.now() - 24 * 3600_000);
    clock.advance(31_000);
    expect((await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).id).toBe(cashierId);
  });

  it('after a restart with the clock set back, the carried wait is at most the nominal delay', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 0; i < 5; i++) await t.call('auth:unlock', { userId: cashierId, pin: '999111' });
    t.core.dispose();
    const back = new TestClock(clock.now() - 24 * 3600_000);
    const restarted = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: back });
    const r = await restarted.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(r).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    if (!r.ok) expect(r.error.details?.retryAfterMs).toBeLessThanOrEqual(30_000);
    back.advance(30_000);
    expect((await restarted.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).id).toBe(cashierId);
    restarted.core.dispose();
  });

  it('setting the clock forward does not cut a lockout short (in this process)', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    const { cashierId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 0; i < 5; i++) await t.call('auth:unlock', { userId: cashierId, pin: '999111' });
    clock.setWall(clock.now() + 24 * 3600_000);
    const r = await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(r).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
  });

  it('setting the clock back an hour does not stop the auto-lock', async () => {
    const clock = new TestClock();
    t = makeCore({ clock });
    await setupShop(t);
    clock.setWall(clock.now() - 3600_000);
    clock.advance(5 * 60_000);
    t.core.tick();
    expect(t.core.vault.isOpen()).toBe(false);
  });
});

describe('#15 loose ends', () => {
  it('the recovery check wants exactly the group, and waits after five misses', async () => {
    t = makeCore();
    const s = await t.ok('setup:create', {
      shopName: 'Toko',
      ownerName: 'Bu Sari',
      pin: OWNER_PIN,
      pinConfirm: OWNER_PIN,
    });
    const code = s.recoveryCode.replace(/-/g, '');
    const group = (g: number) => code.slice((g - 1) * 4, g * 4);
    const junk = await t.call('setup:confirmRecovery', {
      answers: s.confirmGroups.map((g) => ({ group: g, value: `${group(g)}JUNK` })),
    });
    expect(junk).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    for (let i = 0; i < 4; i++) {
      await t.call('setup:confirmRecovery', {
        answers: s.confirmGroups.map((g) => ({ group: g, value: 'ZZZZ' })),
      });
    }
    const right = { answers: s.confirmGroups.map((g) => ({ group: g, value: group(g) })) };
    expect(await t.call('setup:confirmRecovery', right)).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    t.clock.advance(61_000);
    expect((await t.call('setup:confirmRecovery', right)).ok).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('the data folder is 0700 and the vault files 0600', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', { name: 'Rahasia' });
    expect(statSync(t.dir).mode & 0o777).toBe(0o700);
    for (const f of ['vault.db', 'vault.db-wal', 'vault.db-shm', 'keyslots.json', 'device.json']) {
      expect(statSync(join(t.dir, f)).mode & 0o777, f).toBe(0o600);
    }
  });

  it("the import's problem file does not carry the source file's name", async () => {
    t = makeCore();
    await setupShop(t);
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-Daftar Pak Budi Santoso.csv`);
    writeFileSync(path, 'Nama;HP\n;0812\nAni;0812-1111-3333\n');
    t.dialogs.nextOpen = path;
    const preview = await t.ok('import:open', {});
    await t.ok('import:check', { mapping: preview.suggested });
    await t.ok('import:saveErrors', {});
    expect(String(t.dialogs.saved.at(-1)?.data)).not.toMatch(/Budi|Santoso|\.csv/);
  });
});

describe('#8 hidden characters in text', () => {
  it('a NUL in a search, a bidi override or lone surrogate in a name: a clear VALIDATION, nothing stored', async () => {
    t = makeCore();
    await setupShop(t);
    const nul = await t.call('customers:search', { query: 'bud\u0000i' });
    expect(nul).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'hidden_chars' } },
    });
    if (!nul.ok) expect(nul.error.message).toMatch(/karakter tersembunyi/);
    for (const bad of ['Budi\u202Egnirts', 'Bu\uD800di', 'Budi\u0007', 'Budi\u2066x']) {
      const r = await t.call('customers:create', { name: bad });
      expect(r, JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { fields: ['name'] } },
      });
    }
    expect(await t.call('users:create', { name: 'Kasir\u0000', pin: '582914' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // Line breaks and tabs stay allowed where a field has several lines; emoji pairs are text.
    await t.ok('customers:create', { name: 'Budi 😀', address: 'Jl. Melati 5\r\nRT 02\tRW 03' });
    expect((await t.ok('customers:search', { query: '' })).total).toBe(1);
  });
});

describe('#3 spreadsheet formulas in the CSVs the app writes', () => {
  it('typed text that a spreadsheet would run is neutralized in the export and the audience; phones stay readable', async () => {
    t = makeCore();
    await setupShop(t);
    const whatsapp = (await t.ok('purposes:list', {})).find((p) => p.channel === 'whatsapp')!;
    const evil = ['=HYPERLINK("http://x.invalid","klik")', '+1+1', '-2+3', '@SUM(A1)', '\uFF1D1+1'];
    for (const [i, name] of evil.entries()) {
      await t.ok('customers:create', {
        name,
        phone: `0812-5555-10${i}0`,
        notes: '=1+1',
        consents: [{ purposeId: whatsapp.id, method: 'verbal' }],
      });
    }
    await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-5555-2000' });
    await t.ok('customers:export', { format: 'csv' });
    await t.ok('audience:export', { channel: 'whatsapp', message: '' });
    const [exported, audience] = t.dialogs.saved.slice(-2).map(
      (f) =>
        Papa.parse<string[]>(String(f.data).replace(/^\uFEFF/, ''), {
          delimiter: ';',
          skipEmptyLines: true,
        }).data,
    );
    const cells = [...exported!.slice(1), ...audience!.slice(1)].flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    for (const name of evil) expect(cells).toContain(`'${name}`);
    expect(cells).toContain('Budi Santoso');
    expect(cells).toContain('0812-5555-2000');
    expect(audience!.slice(1).every((r) => r[2]!.startsWith('https://wa.me/62'))).toBe(true);
  });
});

describe('#13 a lock during an unlock', () => {
  it('wins: the unlock answers LOCKED, the window has no session and the vault is closed', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    const unlocking = t.call('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    await t.ok('auth:lock', {});
    expect(await unlocking).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect((await t.ok('app:status', {})).user).toBeNull();
    expect(t.core.vault.isOpen()).toBe(false);
    // The next unlock is not affected.
    expect((await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN })).id).toBe(ownerId);
  });
});

describe('#14 a field switched off without clearing', () => {
  it('is hidden everywhere (view, list, export, audience) until it is switched back on', async () => {
    t = makeCore();
    await setupShop(t);
    const whatsapp = (await t.ok('purposes:list', {})).find((p) => p.channel === 'whatsapp')!;
    const c = await t.ok('customers:create', {
      name: 'Sinta',
      phone: '0812-4444-9999',
      email: 'sinta@contoh.id',
      notes: 'Suka teh',
      consents: [{ purposeId: whatsapp.id, method: 'verbal' }],
    });
    const fields = await t.ok('fields:list', {});
    const off = async (key: 'phone' | 'email' | 'notes', enabled: boolean) => {
      const purpose = fields.find((f) => f.key === key)!.purpose;
      await t.ok('fields:update', { key, enabled, purpose, clearStored: false });
    };
    for (const key of ['phone', 'email', 'notes'] as const) await off(key, false);
    expect(await t.ok('customers:get', { id: c.id })).toMatchObject({
      phone: null,
      email: null,
      notes: null,
    });
    expect((await t.ok('customers:search', { query: 'sinta' })).items[0]!.phone).toBeNull();
    expect((await t.ok('audience:list', { channel: 'whatsapp' })).total).toBe(0);
    await t.ok('customers:export', { format: 'csv' });
    await t.ok('customers:export', { format: 'json' });
    for (const f of t.dialogs.saved.slice(-2)) expect(String(f.data)).not.toMatch(/4444|sinta@|Suka teh/);

    for (const key of ['phone', 'email', 'notes'] as const) await off(key, true);
    expect(await t.ok('customers:get', { id: c.id })).toMatchObject({
      phone: '0812-4444-9999',
      email: 'sinta@contoh.id',
      notes: 'Suka teh',
    });
    expect((await t.ok('audience:list', { channel: 'whatsapp' })).total).toBe(1);
  });
});

describe('#7 KDF parameters lowered in keyslots.json', () => {
  it('every new slot still gets at least the floor', async () => {
    t = makeCore();
    await setupShop(t);
    const path = join(t.dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.kdf = { alg: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 };
    writeFileSync(path, JSON.stringify(file));
    const fresh = makeCore({ dir: t.dir, keyStore: t.keyStore });
    const owner = (await fresh.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await fresh.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    const cashier = await fresh.ok('users:create', { name: 'Dodi', pin: '582914' });
    const slot = fresh.core.slots.pinSlotFor(cashier.id)!;
    expect(slot.kdf.memoryKiB).toBeGreaterThanOrEqual(TEST_KDF.memoryKiB);
    expect(slot.kdf.iterations).toBeGreaterThanOrEqual(TEST_KDF.iterations);
    fresh.core.dispose();
  });
});

describe('#11 PIN and passphrase policy on the normalized form', () => {
  it('full-width digits and common passphrases are refused like their plain forms', async () => {
    t = makeCore();
    await setupShop(t);
    for (const pin of ['１２３４５６７８', '１１１１１１']) {
      expect(await t.call('users:create', { name: 'Eka', pin }), pin).toMatchObject({
        ok: false,
        error: { code: 'WEAK_PIN' },
      });
    }
    for (const pass of ['Pass Word', 'bismillah123', 'Indonesia', 'aaaaaaaaaa']) {
      expect(
        await t.call('auth:changePin', { currentPin: OWNER_PIN, newPin: pass, newPinConfirm: pass }),
        pass,
      ).toMatchObject({ ok: false, error: { code: 'WEAK_PIN' } });
    }
    // A strong passphrase typed in full-width works and unlocks typed plainly (same NFKC form).
    await t.ok('auth:changePin', {
      currentPin: OWNER_PIN,
      newPin: 'ｋｏｐｉ ｓｕｓｕ ｐａｇｉ',
      newPinConfirm: 'ｋｏｐｉ ｓｕｓｕ ｐａｇｉ',
    });
    const owner = (await t.ok('app:status', {})).user!;
    await t.ok('auth:lock', {});
    expect((await t.ok('auth:unlock', { userId: owner.id, pin: 'kopi susu pagi' })).id).toBe(owner.id);
  });
});

describe('#2 crafted CSV files', () => {
  const pickFile = (name: string, content: string) => {
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
    writeFileSync(path, content);
    t.dialogs.nextOpen = path;
  };

  it('too many rows, columns, a huge cell or line: refused early as BAD_FILE with the reason, main unharmed', async () => {
    t = makeCore();
    await setupShop(t);
    const cases: [string, string, string][] = [
      ['rows.csv', `a\n${'b\n'.repeat(1_000_001)}`, 'too_many_rows'],
      [
        'wide-header.csv',
        `${Array.from({ length: 300 }, (_, i) => `k${i}`).join(';')}\nx\n`,
        'too_many_columns',
      ],
      ['wide-row.csv', `Nama;HP\nAni;${';'.repeat(5_000_000)}\n`, 'too_many_columns'],
      ['cell.csv', `Nama;Catatan\nAni;"${'x'.repeat(5 * 1024 * 1024)}"\n`, 'cell_too_long'],
    ];
    for (const [name, content, reason] of cases) {
      pickFile(name, content);
      const r = await t.call('import:open', {});
      expect(r, name).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason } } });
    }
    expect((await t.call('app:status', {})).ok).toBe(true);
  });

  it('a long (allowed) cell is cut short in the preview', async () => {
    t = makeCore();
    await setupShop(t);
    pickFile('long.csv', `Nama;Catatan\nAni;${'y'.repeat(15_000)}\n`);
    const preview = await t.ok('import:open', {});
    expect(preview.sample[0]![1]!.length).toBeLessThanOrEqual(201);
  });
});

describe('#1 a cashier copying the customer list', () => {
  async function shopWithCustomers(usageLimits?: { searchesPerMinute: number; customersPerHour: number }) {
    t = makeCore(usageLimits ? { usageLimits } : {});
    const ids = await setupShop(t);
    for (let i = 0; i < 30; i++) {
      await t.ok('customers:create', {
        name: `Pelanggan ${i}`,
        phone: `0812-${String(3000 + i)}-${String(5670 + i)}`,
      });
    }
    const ownerId = ids.ownerId;
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    return { ...ids, ownerId };
  }

  it('needs a real query, small pages, and no deep paging', async () => {
    await shopWithCustomers();
    for (const input of [{ query: '' }, { query: 'pe' }, { query: '  ' }]) {
      expect(await t.call('customers:search', input), input.query).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { reason: 'counter_query' } },
      });
    }
    expect(await t.call('customers:search', { query: 'pelanggan', limit: 500 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'counter_page' } },
    });
    expect(await t.call('customers:search', { query: 'pelanggan', offset: 60, limit: 20 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const page = await t.ok('customers:search', { query: 'pelanggan', limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.items.every((c) => /^0812-\*{4}-\d{4}$/.test(c.phone ?? ''))).toBe(true);
  });

  it('finds a phone by its visible last 4 digits or the whole number, never by a hidden digit', async () => {
    await shopWithCustomers();
    // Customer 7: 0812-3007-5677. Its hidden middle (3007) and any partial run are refused.
    for (const query of ['3007', '30075', '12300', '0812300', '081230075']) {
      const r = await t.call('customers:search', { query });
      const names = r.ok ? r.value.items.map((c) => c.name) : [];
      expect(names, query).not.toContain('Pelanggan 7');
    }
    expect((await t.ok('customers:search', { query: '5677' })).items.map((c) => c.name)).toEqual([
      'Pelanggan 7',
    ]);
    const whole = await t.ok('customers:search', { query: '0812-3007-5677' });
    expect(whole.items.map((c) => [c.name, c.phone])).toEqual([['Pelanggan 7', '0812-****-5677']]);
  });

  it('unusual volume is slowed down, audited once with counts, and shown to the owner; the owner is not limited', async () => {
    const { ownerId } = await shopWithCustomers({ searchesPerMinute: 5, customersPerHour: 3 });
    for (let i = 0; i < 5; i++) await t.ok('customers:search', { query: `pelanggan ${i}` });
    for (let i = 0; i < 20; i++) {
      expect(await t.call('customers:search', { query: 'pelanggan' })).toMatchObject({
        ok: false,
        error: { code: 'THROTTLED' },
      });
    }
    const ids = (await t.call('customers:search', { query: 'x' })).ok ? [] : [1, 2, 3, 4];
    for (const id of ids.slice(0, 3)) await t.ok('customers:get', { id });
    expect(await t.call('customers:get', { id: 4 })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
    expect((await t.call('customers:get', { id: 1 })).ok).toBe(true); // one already opened: fine
    t.clock.advance(61_000);
    expect((await t.call('customers:search', { query: 'pelanggan' })).ok).toBe(true);

    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const limited = (await t.ok('audit:list', { limit: 500 })).items.filter(
      (e) => e.action === 'usage.limited',
    );
    expect(limited.map((e) => [e.detail.kind, e.detail.count])).toEqual(
      expect.arrayContaining([
        ['search', 5],
        ['view', 3],
      ]),
    );
    expect(limited).toHaveLength(2);
    expect((await t.ok('app:status', {})).usageAlerts).toBe(2);
    // The owner browses as before: empty query, large pages, no limit.
    for (let i = 0; i < 20; i++) await t.ok('customers:search', { query: '', limit: 200 });
    expect((await t.ok('customers:search', { query: '', limit: 200 })).total).toBe(30);
  });
});

describe('#4 the audit queue cannot be flooded or forged', () => {
  it('a flood of denied calls while locked does not evict failed owner PIN guesses; it becomes one entry with a count', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    for (let i = 0; i < 3; i++) await t.call('auth:unlock', { userId: ownerId, pin: '999111' });
    for (let i = 0; i < 1500; i++) await t.call('users:list', {}, 'stranger');
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = (await t.ok('audit:list', { limit: 500 })).items;
    expect(log.filter((e) => e.action === 'auth.unlock' && e.outcome === 'failed')).toHaveLength(3);
    const denied = log.filter((e) => e.action === 'ipc.denied');
    const total = denied.reduce((n, e) => n + (Number(e.detail.count) || 1), 0);
    expect(total).toBe(1500);
    expect(denied.length).toBeLessThan(150);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('an entry added to keyslots.json by hand is refused at flush and counted, not written as the owner', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.call('auth:unlock', { userId: ownerId, pin: '999111' });
    const path = join(t.dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.pending.push(
      { at: 1, actor: ownerId, action: 'customers.export', outcome: 'ok', detail: {} },
      { ...file.pending[0], actor: ownerId, action: 'users.disable' },
    );
    writeFileSync(path, JSON.stringify(file));
    const fresh = makeCore({ dir: t.dir, keyStore: t.keyStore });
    await fresh.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = (await fresh.ok('audit:list', { limit: 500 })).items;
    expect(log.some((e) => e.action === 'customers.export' || e.action === 'users.disable')).toBe(false);
    expect(log.find((e) => e.action === 'audit.queueRejected')?.detail).toEqual({ count: 2 });
    expect(log.filter((e) => e.action === 'auth.unlock' && e.outcome === 'failed')).toHaveLength(1);
    fresh.core.dispose();
  });

  it('1,200 views by another window during an import are all kept', async () => {
    t = makeCore();
    await setupShop(t);
    const c = await t.ok('customers:create', { name: 'Tamu' });
    const rows = Array.from({ length: 6000 }, (_, i) => `Orang ${i};0857${String(30_000_000 + i)}`);
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-views.csv`);
    writeFileSync(path, ['Nama;HP', ...rows].join('\n'));
    t.dialogs.nextOpen = path;
    const preview = await t.ok('import:open', {});
    t.core.beginSession('w2', (await t.ok('app:status', {})).user!);
    let done = false;
    const views: Promise<unknown>[] = [];
    t.core.setEventSink((_w, e, p) => {
      if (done || e !== 'import:progress' || (p as { phase: string }).phase !== 'writing') return;
      done = true;
      for (let i = 0; i < 1200; i++) views.push(t.call('customers:get', { id: c.id }, 'w2'));
    });
    await t.ok('import:commit', { mapping: preview.suggested });
    await Promise.all(views);
    const log = (await t.ok('audit:list', { limit: 500 })).total;
    expect(log).toBeGreaterThan(1200);
    const all: string[] = [];
    for (let before: number | undefined, page = 0; page === 0 || before !== undefined; page++) {
      const p = await t.ok('audit:list', { limit: 500, ...(before ? { before } : {}) });
      all.push(...p.items.map((e) => e.action));
      before = p.next ?? undefined;
    }
    expect(all).toHaveLength(log);
    expect(all.filter((a) => a === 'customer.view')).toHaveLength(1200);
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});

describe('#5 old values in the search index', () => {
  const OLD_NAME = 'qzxjwv vkpqz';
  const leftovers = (vault: Buffer) => trigrams(OLD_NAME.replace(' ', '')).filter((g) => vault.includes(g));

  it('after an edit, the background purge leaves no trigram of the old name in any decrypted page or WAL frame', async () => {
    t = makeCore();
    await setupShop(t);
    for (let i = 0; i < 50; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
    const c = await t.ok('customers:create', { name: 'Qzxjwv Vkpqz', phone: '0812-9753-1864' });
    await t.ok('customers:update', { id: c.id, name: 'Budi Baru', phone: '0813-2222-3333' });
    const key = Buffer.from(t.core.vault.requireDek());
    expect(leftovers(decryptedVault(join(t.dir, 'vault.db'), key)).length).toBeGreaterThan(0); // the finding
    t.core.tick();
    expect(leftovers(decryptedVault(join(t.dir, 'vault.db'), key))).toEqual([]);
    expect((await t.ok('customers:search', { query: 'qzx' })).total).toBe(0);
    expect((await t.ok('customers:search', { query: 'budi baru' })).total).toBe(1);
  });

  it('clearing a field purges at once: no old phone digits in any page', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:create', { name: 'Ani', phone: '0857-9753-1864' });
    const key = Buffer.from(t.core.vault.requireDek());
    // Runs of eight digits: short runs (three, five) turn up by chance in hashes and timestamps.
    const digitRuns = Array.from({ length: 4 }, (_, i) => '85797531864'.slice(i, i + 8));
    const present = () => {
      const vault = decryptedVault(join(t.dir, 'vault.db'), key);
      return digitRuns.filter((g) => vault.includes(g)).length;
    };
    expect(present()).toBe(digitRuns.length);
    const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'phone')!.purpose;
    await t.ok('fields:update', { key: 'phone', enabled: false, purpose, clearStored: true });
    const vault = decryptedVault(join(t.dir, 'vault.db'), key);
    for (const run of ['97531864', '+6285797531864', '085797531864'])
      expect(vault.includes(run), run).toBe(false);
    expect(present()).toBe(0);
  });
});

describe('#10 the sensitive-notes check sees through disguises', () => {
  it('finds health words with suffixes, hidden or look-alike letters, leetspeak and spacing, and NIKs in any digits', async () => {
    const { findSensitive } = await import('../../src/shared/sensitive');
    const health = [
      'diabetesnya kambuh',
      'dia\u200Bbetes',
      'd\u0456abetes', // Cyrillic і
      'd1abetes',
      'd i a b e t e s',
      'D.I.A.B.E.T.E.S',
      'sakitnya parah',
      'ＤＩＡＢＥＴＥＳ',
    ];
    for (const note of health) expect(findSensitive(note), note).toContain('health');
    const niks = [
      '3201/0112/3456/0001',
      '３２０１０１１２３４５６０００１',
      '\u0663\u0662\u0660\u0661\u0660\u0661\u0661\u0662\u0663\u0664\u0665\u0666\u0660\u0660\u0660\u0661',
      '\u06F3\u06F2\u06F0\u06F1\u06F0\u06F1\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F0\u06F0\u06F0\u06F1',
      '3201 0112 3456 0001',
    ];
    for (const note of niks) expect(findSensitive(note), note).toContain('nik');
    for (const note of ['Suka kopi susu, antar sore', 'Pelanggan setia sejak 2019', 'beli 3 kg beras']) {
      expect(findSensitive(note), note).toEqual([]);
    }
  });

  it('main refuses (or asks to acknowledge) such a note', async () => {
    t = makeCore();
    await setupShop(t);
    const r = await t.call('customers:create', { name: 'Ani', notes: 'gula d1abetesnya tinggi' });
    expect(r).toMatchObject({ ok: false, error: { code: 'SENSITIVE_DATA', details: { kinds: ['health'] } } });
  });
});

describe('#12 the audit chain anchored outside the vault', () => {
  it('someone holding the data key who removes entries and recomputes the chain is caught by verify', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('customers:export', { format: 'csv' });
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true });
    await t.ok('auth:lock', {}); // anchors the head
    // With the key: delete the export entry and every later one, then recompute the remaining chain.
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN });
    const db = t.core.vault.requireDb();
    const exportId = db
      .prepare("SELECT id FROM audit_log WHERE action = 'customers.export'")
      .pluck()
      .get() as number;
    db.prepare('DELETE FROM audit_log WHERE id >= ?').run(exportId);
    const result = await t.ok('audit:verify', {});
    // The chain alone still looks whole (a cut tail leaves no broken link): the anchor catches it.
    expect(result).toMatchObject({ ok: false, firstBrokenId: null, anchor: 'behind' });
  });

  it('an edited anchor file is reported as forged', async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('audit:verify', {});
    const path = join(t.dir, 'audit-anchor.json');
    const anchor = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...anchor, count: 1 }));
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: false, anchor: 'forged' });
  });
});
