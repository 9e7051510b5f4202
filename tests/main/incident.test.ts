import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { applyKey } from '../../src/main/vault/database';
import { verifyBackup } from '../../src/main/services/backup/backup-file';
import { normalizeRecoveryCode } from '../../src/main/vault/recovery-code';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});
const HOUR = 3_600_000;

function opensWith(path: string, dek: Buffer): boolean {
  const db = new Database(path);
  try {
    applyKey(db, dek);
    db.prepare('SELECT count(*) FROM customers').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

async function shop(opts: Parameters<typeof makeCore>[0] = {}) {
  const t = makeCore(opts);
  cores.push(t);
  const ids = await setupShop(t);
  for (const name of ['Siti Aminah', 'Budi Santoso', 'Wulan Sari']) {
    await t.ok('customers:create', {
      name,
      phone: `0812-${String(1000 + name.length)}-${String(4000 + name.charCodeAt(0))}`,
    });
  }
  return { t, ...ids };
}

async function ownerIn(t: TestCore, ownerId: string) {
  await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
}

/** The owner types back the recovery code on screen (as at setup); returns it. */
async function confirmCode(t: TestCore): Promise<string> {
  const r = await t.ok('setup:recoveryCode', {});
  const code = r.recoveryCode.replace(/-/g, '');
  await t.ok('setup:confirmRecovery', {
    answers: r.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  return r.recoveryCode;
}

describe('breach response: rotating the vault key', () => {
  it('re-encrypts the vault under a new key, rewraps the owner, issues a new recovery code, shuts cashier slots', async () => {
    const { t, ownerId, cashierId, recoveryCode } = await shop();
    await t.ok('backups:enable', { code: recoveryCode });
    // Beside the data folder, not in it (a backup folder inside it is refused).
    const usb = `${t.dir}-usb`;
    mkdirSync(usb);
    onTestFinished(() => rmSync(usb, { recursive: true, force: true }));
    t.dialogs.nextFolder = usb;
    const before = join(usb, (await t.ok('backups:create', { chooseFolder: true })).file);
    const oldDek = Buffer.from(t.core.vault.requireDek());
    const vaultPath = join(t.dir, 'vault.db');
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
      happenedAt: t.clock.now() - 5 * HOUR,
    });
    expect(incident.dueAt).toBe(incident.discoveredAt + 72 * HOUR);

    // A wrong PIN changes nothing.
    expect(await t.call('incident:rotateKey', { id: incident.id, pin: '000111' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PIN' },
    });
    expect(opensWith(vaultPath, oldDek)).toBe(true);

    const rotated = await t.ok('incident:rotateKey', { id: incident.id, pin: OWNER_PIN });
    expect(rotated.recoveryCode.replace(/-/g, '')).not.toBe(recoveryCode.replace(/-/g, ''));
    expect(rotated.shut).toBe(1);
    expect(rotated.oldBackupsFolder).toBe(usb);
    expect(rotated.incident.containment.keyRotatedAt).toBe(t.clock.now());
    const newDek = Buffer.from(t.core.vault.requireDek());
    expect(newDek.equals(oldDek)).toBe(false);
    expect(opensWith(vaultPath, oldDek)).toBe(false);
    expect(opensWith(vaultPath, newDek)).toBe(true);
    const slots = JSON.parse(readFileSync(join(t.dir, 'keyslots.json'), 'utf8'));
    expect(slots.rotation).toBeUndefined();
    expect(slots.slots.filter((s: { next?: unknown }) => s.next)).toEqual([]);
    expect(slots.slots.find((s: { userId?: string }) => s.userId === cashierId)).toMatchObject({
      wrapped: null,
      disabled: true,
    });
    // The new code must be confirmed, as at setup.
    expect((await t.ok('app:status', {})).recoveryPending).toBe(true);
    // ...and the screen that asks for it knows it is this incident's code, until it is confirmed.
    expect((await t.ok('app:status', {})).recoveryIncident).toBe(incident.id);
    expect(await confirmCode(t)).toBe(rotated.recoveryCode);
    expect((await t.ok('app:status', {})).recoveryIncident).toBeNull();

    // After a restart: the owner's PIN opens the vault, whole; the cashier waits for a new PIN.
    await t.ok('auth:lock', {});
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore });
    cores.push(again);
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_DISABLED' },
    });
    await ownerIn(again, ownerId);
    expect((await again.ok('customers:search', { query: '', limit: 10 })).total).toBe(3);
    expect((await again.ok('audit:verify', {})).ok).toBe(true);
    // Old backups still open with the old code (and only that); new ones with the new code.
    const verify = async (file: string, code: string) => {
      again.dialogs.nextBackup = file;
      const v = await again.ok('backups:verify', { code });
      return v.ok;
    };
    expect(await verify(before, recoveryCode)).toBe(true);
    again.dialogs.nextFolder = usb;
    again.clock.advance(86_400_000);
    const after = join(usb, (await again.ok('backups:create', { chooseFolder: true })).file);
    expect(await verify(after, rotated.recoveryCode)).toBe(true);
    // Read with the code alone (the app would use its kept key for its own salt).
    const code = (c: string) => ({ code: normalizeRecoveryCode(c) });
    expect(verifyBackup(after, code(rotated.recoveryCode))).toMatchObject({ ok: true });
    expect(verifyBackup(after, code(recoveryCode))).toMatchObject({ ok: false, problem: 'wrong_code' });
    expect(verifyBackup(before, code(recoveryCode))).toMatchObject({ ok: true });
    const log = await again.ok('audit:list', { action: 'key.rotate' });
    // The rotation, after the refused try: one entry for it, the wrong PIN counted.
    expect(log.items.map((e) => [e.outcome, e.detail])).toEqual([
      ['ok', expect.objectContaining({ shut: 1 })],
      ['failed', { reason: 'wrong_pin', failures: 1 }],
    ]);
  });

  for (const point of ['rotate:prepared', 'rotate:copied', 'rotate:rekeyed'] as const) {
    it(`a crash at ${point}: the next unlock opens with the old key or the new one, never neither`, async () => {
      let armed = false;
      const keyStore = new MemoryKeyStore();
      const { t, ownerId } = await shop({
        keyStore,
        faultPoint: (name) => {
          if (armed && name === point) throw new Error('crash');
        },
      });
      const vaultPath = join(t.dir, 'vault.db');
      const oldDek = Buffer.from(t.core.vault.requireDek());
      const incident = await t.ok('incident:create', {
        kind: 'lost_laptop',
        description: 'Laptop dicuri dari toko',
      });
      armed = true;
      expect((await t.call('incident:rotateKey', { id: incident.id, pin: OWNER_PIN })).ok).toBe(false);
      // The process "dies" here: a new one starts on the same folder.
      t.core.dispose();
      const next = makeCore({ dir: t.dir, keyStore });
      cores.push(next);
      await ownerIn(next, ownerId);
      const db = next.core.vault.requireDb();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
      expect(JSON.parse(readFileSync(join(t.dir, 'keyslots.json'), 'utf8')).rotation).toBeUndefined();
      expect(opensWith(vaultPath, oldDek)).toBe(point !== 'rotate:rekeyed');
      if (point === 'rotate:rekeyed') {
        // Finished at unlock; the code nobody saw is replaced by one to confirm.
        expect((await next.ok('app:status', {})).recoveryPending).toBe(true);
        await confirmCode(next);
      }
    });
  }
});

describe('breach response: the incident from discovery to evaluation', () => {
  it('contains, scopes, notifies customers and the authority, and closes; the 72-hour clock shows until then', async () => {
    const { t, ownerId, cashierId } = await shop();
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      recipients: '',
    });
    const incident = await t.ok('incident:create', {
      kind: 'wrong_recipient',
      description: 'Daftar pelanggan terkirim ke grup WhatsApp yang salah',
      happenedAt: t.clock.now() - 2 * HOUR,
    });
    expect((await t.ok('app:status', {})).openIncident).toEqual({ id: incident.id, dueAt: incident.dueAt });
    // Contain: other windows end, the cashier concerned is disabled.
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN }, 'w2').catch(() => undefined);
    const contained = await t.ok('incident:contain', {
      id: incident.id,
      endSessions: true,
      disableUsers: [cashierId],
    });
    expect(contained.containment).toMatchObject({ usersDisabled: [cashierId] });
    // Scope: a hand-picked list, then everyone.
    const list = await t.ok('customers:search', { query: '', limit: 10 });
    const [first] = list.items;
    let scoped = await t.ok('incident:scope', {
      id: incident.id,
      mode: 'list',
      ids: [first!.id],
      categories: ['identity', 'contact'],
    });
    expect(scoped.affected).toBe(1);
    // Those added or seen in a range: nobody long before, everyone over today.
    scoped = await t.ok('incident:scope', {
      id: incident.id,
      mode: 'range',
      from: 0,
      to: 1000,
      categories: ['identity'],
    });
    expect(scoped.affected).toBe(0);
    scoped = await t.ok('incident:scope', {
      id: incident.id,
      mode: 'range',
      from: t.clock.now() - 86_400_000,
      to: t.clock.now() + 1,
      categories: ['identity'],
    });
    expect(scoped.affected).toBe(3);
    scoped = await t.ok('incident:scope', {
      id: incident.id,
      mode: 'all',
      categories: ['identity', 'contact'],
    });
    expect(scoped.affected).toBe(3);
    // Notify: a letter, a WhatsApp text, the authority's form.
    await t.ok('incident:notify', { id: incident.id, to: 'customer', customerId: first!.id, mode: 'print' });
    const letter = t.printer.printed.at(-1)!.html;
    for (const part of [
      'Apa yang terjadi',
      'Data Anda yang terkena',
      'nama, nomor HP dan email',
      'Yang kami lakukan',
      'WA 0812-0000-1111',
    ]) {
      expect(letter, part).toContain(part);
    }
    await t.ok('incident:notify', {
      id: incident.id,
      to: 'customer',
      customerId: list.items[1]!.id,
      mode: 'open',
    });
    expect(decodeURIComponent(t.handoff.opened.at(-1)!)).toContain('pemberitahuan tentang data pribadi Anda');
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    expect(t.printer.printed.at(-1)!.html).toContain('Komdigi');
    // The receiving body is a setting, for when the PDP agency exists.
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      recipients: '',
      breachAuthority: 'Lembaga Pelindungan Data Pribadi',
    });
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    expect(t.printer.printed.at(-1)!.html).toContain('Lembaga Pelindungan Data Pribadi');
    const page = await t.ok('incident:affected', { id: incident.id });
    expect(page.items.filter((c) => c.notified)).toHaveLength(2);
    // Bad input changes nothing.
    expect(
      await t.call('incident:notify', { id: incident.id, to: 'customer', customerId: 9999, mode: 'print' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await t.call('incident:scope', {
        id: incident.id,
        mode: 'range',
        from: 10,
        to: 5,
        categories: ['identity'],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.call('incident:create', { kind: 'lost_laptop', description: 'x' })).toMatchObject({
      ok: false,
    });
    // Evaluate and close; the banner goes.
    const closed = await t.ok('incident:close', {
      id: incident.id,
      checks: { cause_found: true, staff_briefed: true, notices_done: true },
      notes: 'Daftar tidak lagi dibagikan lewat WhatsApp.',
      // One of the three was never reached; the owner says why.
      unnotifiedReason: 'Pelanggan ketiga sudah pindah dan tidak punya nomor lagi.',
    });
    expect(closed).toMatchObject({ status: 'closed', notices: { customers: 2, authority: 2 } });
    expect((await t.ok('app:status', {})).openIncident).toBeNull();
    expect(await t.call('incident:contain', { id: incident.id, endSessions: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const actions = (await t.ok('audit:list', { limit: 200 })).items.map((e) => e.action);
    for (const a of [
      'incident.create',
      'incident.contain',
      'incident.scope',
      'incident.notify',
      'incident.close',
    ]) {
      expect(actions).toContain(a);
    }
    void ownerId;
  });

  it('is the owner’s: a cashier is refused and the refusal is audited', async () => {
    const { t, ownerId, cashierId } = await shop();
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect(
      await t.call('incident:create', { kind: 'other', description: 'Coba-coba dari kasir' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await t.ok('auth:lock', {});
    await ownerIn(t, ownerId);
    const denied = await t.ok('audit:list', { action: 'ipc.denied' });
    expect(denied.items.some((e) => e.detail.channel === 'incident:create' && e.actorId === cashierId)).toBe(
      true,
    );
    void tempDir;
    void randomBytes;
  });
});

/** The words a printed page shows (tags dropped, entities undone, spaces collapsed). */
function shown(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

describe('breach notices: times, sender and signature (Art. 46(2))', () => {
  // 28 Nov 01.30 WIB is still 27 Nov in UTC: the shop's calendar decides the day printed.
  const HAPPENED = Date.UTC(2026, 10, 27, 18, 30);
  const DISCOVERED = Date.UTC(2026, 10, 28, 2, 0);

  async function notified() {
    const { t, ...ids } = await shop();
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      shopAddress: 'Jl. Pasar Baru 12, Bandung',
      recipients: '',
    });
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko pada malam hari',
      happenedAt: HAPPENED,
      discoveredAt: DISCOVERED,
      // Recorded a day after discovery: the owner says why.
      lateReason: 'Pemilik sedang ke luar kota dan baru kembali.',
    });
    const [first] = (await t.ok('customers:search', { query: '', limit: 10 })).items;
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity', 'contact'] });
    await t.ok('incident:notify', { id: incident.id, to: 'customer', customerId: first!.id, mode: 'print' });
    const letter = shown(t.printer.printed.at(-1)!.html);
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    const form = shown(t.printer.printed.at(-1)!.html);
    return { t, ...ids, incident, letter, form, first: first! };
  }

  it('the 72 hours run from discovery; both times are printed in words on the shop’s calendar', async () => {
    const { incident, letter, form } = await notified();
    expect(incident.dueAt).toBe(DISCOVERED + 72 * HOUR);
    expect(letter).toContain('28 November 2026 pukul 01.30 WIB');
    expect(letter).toContain('28 November 2026 pukul 09.00 WIB');
    expect(letter).not.toContain('belum diketahui');
    expect(form).toContain('Terjadi: 28 November 2026 pukul 01.30 WIB');
    expect(form).toContain('Diketahui: 28 November 2026 pukul 09.00 WIB');
    expect(form).not.toContain('Terjadi: —');
  });

  it('letters and the form carry the date, the shop’s name and address, the owner responsible and a signature line', async () => {
    const { letter, form } = await notified();
    for (const doc of [letter, form]) {
      expect(doc).toContain('Toko Maju');
      expect(doc).toContain('Jl. Pasar Baru 12, Bandung');
      expect(doc).toContain('Tanggal: 29 November 2026');
      expect(doc).toContain('Penanggung jawab');
      expect(doc).toContain('Bu Sari');
      expect(doc).toMatch(/Tanda tangan: _{10,}/);
    }
    // The form is addressed to the authority: it does not tell the authority that it is being told.
    expect(form).not.toContain('Kami memberi tahu lembaga yang berwenang');
    expect(letter).toContain('Kami memberi tahu lembaga yang berwenang');
  });

  it('is not closed while affected customers are un-notified, unless the owner records why (audited)', async () => {
    const { t, incident, first } = await notified();
    const close = (unnotifiedReason?: string) =>
      t.call('incident:close', {
        id: incident.id,
        checks: { cause_found: true },
        notes: 'Laptop baru memakai kata sandi.',
        ...(unnotifiedReason === undefined ? {} : { unnotifiedReason }),
      });
    // Two of the three affected were never told: no reason, or too short a one, is refused.
    for (const reason of [undefined, '', 'pindah']) {
      expect(await close(reason), String(reason)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { fields: ['unnotifiedReason'] } },
      });
    }
    expect((await t.ok('incident:list', {}))[0]).toMatchObject({ status: 'open', closedAt: null });
    expect((await t.ok('app:status', {})).openIncident).not.toBeNull();
    // With a reason it closes, the reason and the count kept with the incident and audited.
    const reason = 'Dua pelanggan tidak punya alamat maupun nomor HP yang masih aktif.';
    const closed = await close(reason);
    expect(closed).toMatchObject({
      ok: true,
      value: { status: 'closed', evaluation: { unnotified: { count: 2, reason } } },
    });
    const entry = (await t.ok('audit:list', { action: 'incident.close' })).items[0]!;
    expect(entry.detail).toMatchObject({ unnotified: 2, reasonGiven: true });
    void first;
  });

  it('closes without a reason once every affected customer is notified', async () => {
    const { t, incident, first } = await notified();
    for (const c of (await t.ok('incident:affected', { id: incident.id })).items) {
      if (c.id !== first.id)
        await t.ok('incident:notify', { id: incident.id, to: 'customer', customerId: c.id, mode: 'print' });
    }
    const closed = await t.ok('incident:close', { id: incident.id, checks: {}, notes: '' });
    expect(closed.status).toBe('closed');
    expect(closed.evaluation?.unnotified).toBeUndefined();
  });
});

describe('breach notices: the shop’s postal address and a discovery recorded late', () => {
  it('letters and the authority form carry the postal address from the settings', async () => {
    const { t } = await shop();
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      shopAddress: 'Jl. Melati No. 3, Denpasar 80113',
      recipients: '',
    });
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko pada malam hari',
    });
    const [first] = (await t.ok('customers:search', { query: '', limit: 10 })).items;
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity'] });
    await t.ok('incident:notify', { id: incident.id, to: 'customer', customerId: first!.id, mode: 'print' });
    const letter = shown(t.printer.printed.at(-1)!.html);
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    const form = shown(t.printer.printed.at(-1)!.html);
    for (const doc of [letter, form]) {
      expect(doc).toContain('Alamat: Jl. Melati No. 3, Denpasar 80113');
      expect(doc).toContain('WA 0812-0000-1111');
    }
  });

  it('a discovery in the future, or before it happened, is refused with a clear error and records nothing', async () => {
    const { t } = await shop();
    const now = t.clock.now();
    const future = await t.call('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko',
      discoveredAt: now + 2 * HOUR,
    });
    expect(future).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: ['discoveredAt'] } },
    });
    expect(!future.ok && future.error.message).toMatch(/masa depan/);
    const order = await t.call('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko',
      happenedAt: now - 2 * HOUR,
      discoveredAt: now - 3 * HOUR,
      lateReason: 'Kasir baru melapor pagi ini.',
    });
    expect(order).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!order.ok && order.error.details?.fields).toContain('discoveredAt');
    expect(!order.ok && order.error.message).toMatch(/diketahui/);
    expect(await t.ok('incident:list', {})).toEqual([]);
  });

  it('a discovery entered well before it is recorded needs the owner’s reason, kept and printed on the form', async () => {
    const { t } = await shop();
    const now = t.clock.now();
    const late = {
      kind: 'lost_backup' as const,
      description: 'Flashdisk cadangan hilang di pasar',
      discoveredAt: now - 30 * HOUR,
    };
    for (const lateReason of [undefined, '', 'lupa']) {
      const r = await t.call('incident:create', {
        ...late,
        ...(lateReason === undefined ? {} : { lateReason }),
      });
      expect(r, String(lateReason)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { fields: ['lateReason'] } },
      });
    }
    expect(await t.ok('incident:list', {})).toEqual([]);
    // A few minutes of typing is not late.
    const soon = await t.ok('incident:create', { ...late, discoveredAt: now - 10 * 60_000 });
    expect(soon.lateReason).toBeNull();
    await t.ok('incident:close', { id: soon.id, checks: {}, notes: '' }).catch(() => undefined);
    const reason = 'Pegawai baru melapor setelah kembali dari pasar.';
    const incident = await t.ok('incident:create', { ...late, lateReason: reason });
    expect(incident).toMatchObject({ lateReason: reason, discoveredAt: now - 30 * HOUR, recordedAt: now });
    expect(incident.dueAt).toBe(now - 30 * HOUR + 72 * HOUR);
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity'] });
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    const form = shown(t.printer.printed.at(-1)!.html);
    expect(form).toContain(reason);
    expect(form).toMatch(/Dicatat di aplikasi: \d+ \w+ \d{4} pukul/);
  });
});

describe('breach notices: many at once, same names told apart, each letter in its language', () => {
  async function twoDewis() {
    const { t, ...ids } = await shop();
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-0000-1111',
      shopAddress: 'Jl. Melati No. 3, Denpasar',
      recipients: '',
    });
    const a = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0813-2222-1111',
      address: 'Jl. Kenanga 7, Denpasar',
    });
    const b = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0857-3333-9999',
      address: 'Gg. Mawar 2, Tabanan',
    });
    const land = await t.ok('customers:create', { name: 'Toko Sebelah', phone: '(0361) 234567' });
    const none = await t.ok('customers:create', { name: 'Pak Tanpa Nomor' });
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko pada malam hari',
    });
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity', 'contact'] });
    return { t, ...ids, incident, a, b, land, none };
  }

  it('the affected list tells two customers of the same name apart (number, masked phone ending, address)', async () => {
    const { t, incident, a, b } = await twoDewis();
    const items = (await t.ok('incident:affected', { id: incident.id })).items.filter(
      (c) => c.name === 'Dewi Lestari',
    );
    expect(items.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const [x, y] = items;
    expect(x!.hint).not.toBe(y!.hint);
    const ofA = items.find((c) => c.id === a.id)!;
    expect(ofA.hint).toContain(`#${a.id}`);
    expect(ofA.hint).toContain('1111');
    expect(ofA.hint).toContain('*');
    expect(ofA.hint).not.toContain('2222');
    expect(ofA.hint).toContain('Jl. Kenanga 7');
  });

  it('prints one PDF with one letter per un-notified customer, a page break between, and marks each notified (audited)', async () => {
    const { t, incident, a, b } = await twoDewis();
    const before = t.printer.printed.length;
    const r = await t.ok('incident:letters', { id: incident.id });
    expect(t.printer.printed.length).toBe(before + 1);
    expect(r).toMatchObject({ letters: 7, saved: true });
    const html = t.printer.printed.at(-1)!.html;
    expect(html.match(/<article/g)).toHaveLength(7);
    expect(html.match(/break-before:\s*page/g)?.length).toBeGreaterThanOrEqual(1);
    const text = shown(html);
    // Each Dewi's letter is hers: her number and her address on it.
    expect(text).toContain(`Kepada Dewi Lestari · Pelanggan #${a.id}`);
    expect(text).toContain(`Kepada Dewi Lestari · Pelanggan #${b.id}`);
    expect(text).toContain('Jl. Kenanga 7, Denpasar');
    expect(text).toContain('Gg. Mawar 2, Tabanan');
    expect(text.match(/Alamat: Jl. Melati No. 3, Denpasar/g)).toHaveLength(7);
    expect(r.incident.notices.customers).toBe(7);
    const page = await t.ok('incident:affected', { id: incident.id });
    expect(page.items.every((c) => c.notified)).toBe(true);
    const log = (await t.ok('audit:list', { action: 'incident.notify', limit: 50 })).items;
    const customers = log.map((e) => e.detail.customer).filter((c) => c !== undefined);
    expect(new Set(customers)).toEqual(new Set(page.items.map((c) => c.id)));
    // Everyone told: another batch has no one to print for, and says so.
    expect(await t.call('incident:letters', { id: incident.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('a batch the owner does not save marks nobody; a list naming someone not affected changes nothing', async () => {
    const { t, incident, a } = await twoDewis();
    const spy = vi.spyOn(t.printer, 'printToPdf').mockResolvedValueOnce({ saved: false });
    expect(await t.ok('incident:letters', { id: incident.id, customerIds: [a.id] })).toMatchObject({
      letters: 1,
      saved: false,
    });
    spy.mockRestore();
    expect((await t.ok('incident:list', {}))[0]!.notices.customers).toBe(0);
    expect(await t.call('incident:letters', { id: incident.id, customerIds: [a.id, 99_999] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await t.ok('incident:list', {}))[0]!.notices.customers).toBe(0);
  });

  it('each letter in the language the owner picks, whatever the screen shows', async () => {
    const { t, incident, a } = await twoDewis();
    await t.ok('incident:notify', {
      id: incident.id,
      to: 'customer',
      customerId: a.id,
      mode: 'print',
      language: 'en',
    });
    const en = shown(t.printer.printed.at(-1)!.html);
    expect(en).toContain('a notice about your personal data');
    expect(en).toContain('Signature');
    expect(en).not.toContain('Tanda tangan');
    await t.ok('incident:letters', { id: incident.id, language: 'en' });
    expect(shown(t.printer.printed.at(-1)!.html)).toContain('To Dewi Lestari');
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print', language: 'en' });
    expect(shown(t.printer.printed.at(-1)!.html)).toContain('Notice of a personal data protection failure');
    // Without a choice: the screen language.
    await t.ok('incident:notify', { id: incident.id, to: 'authority', mode: 'print' });
    expect(shown(t.printer.printed.at(-1)!.html)).toContain('Tanda tangan');
  });

  it('lists the affected whose phone reaches WhatsApp with a wa.me link and short message, and marks them notified in one step', async () => {
    const { t, incident, a, b, land, none } = await twoDewis();
    const list = await t.ok('incident:whatsappList', { id: incident.id });
    const ids = list.items.map((i) => i.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(land.id);
    expect(ids).not.toContain(none.id);
    expect(list.unreachable).toBe(2);
    const ofA = list.items.find((i) => i.id === a.id)!;
    expect(ofA.link).toMatch(/^https:\/\/wa\.me\/6281322221111\?text=/);
    const message = decodeURIComponent(ofA.link.split('?text=')[1]!);
    expect(message).toContain('Dewi Lestari');
    expect(message).toContain('Toko Maju');
    expect(message.length).toBeLessThan(900);
    expect(ofA.hint).not.toBe(list.items.find((i) => i.id === b.id)!.hint);
    // The landline cannot be marked as reached by WhatsApp; nothing is recorded.
    expect(
      await t.call('incident:markNotified', {
        id: incident.id,
        customerIds: [a.id, land.id],
        channel: 'whatsapp',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.ok('incident:list', {}))[0]!.notices.customers).toBe(0);
    const marked = await t.ok('incident:markNotified', {
      id: incident.id,
      customerIds: ids,
      channel: 'whatsapp',
    });
    expect(marked.notices.customers).toBe(ids.length);
    const log = (await t.ok('audit:list', { action: 'incident.notify', limit: 50 })).items;
    expect(new Set(log.map((e) => e.detail.customer))).toEqual(new Set(ids));
    expect((await t.ok('incident:whatsappList', { id: incident.id })).items.every((i) => i.notified)).toBe(
      true,
    );
  });
});
