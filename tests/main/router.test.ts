import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelInput, type ChannelName } from '../../src/shared/contract';
import { roleHas } from '../../src/shared/roles';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

const UUID = '00000000-0000-4000-8000-000000000000';

/** A valid input for every channel; the Record type makes a new channel fail to compile here. */
const SAMPLE: { [C in ChannelName]: ChannelInput<C> } = {
  'app:status': {},
  'backups:status': {},
  'backups:enable': { code: 'AAAA' },
  'backups:create': {},
  'backups:verify': {},
  'backups:schedule': { auto: true, keepDaily: 7, keepWeekly: 4 },
  'backups:restore': { code: 'AAAA', newPin: '582914', newPinConfirm: '582914' },
  'setup:restore': { code: 'AAAA', newPin: '582914', newPinConfirm: '582914' },
  'app:setLanguage': { language: 'en' },
  'setup:create': { shopName: 'T', ownerName: 'O', pin: '582914', pinConfirm: '582914' },
  'setup:recoveryCode': {},
  'setup:confirmRecovery': { answers: [{ group: 1, value: 'AAAA' }] },
  'setup:printRecoveryCard': {},
  'auth:users': {},
  'auth:unlock': { userId: UUID, pin: '582914' },
  'auth:recoverOwner': { code: 'AAAA', newPin: '582914', newPinConfirm: '582914' },
  'auth:lock': {},
  'auth:touch': {},
  'auth:changePin': { currentPin: '000000', newPin: '582914', newPinConfirm: '582914' },
  'users:list': {},
  'users:create': { name: 'Budi', pin: '582914' },
  'users:resetPin': { userId: UUID, pin: '582914' },
  'users:disable': { userId: UUID },
  'customers:create': { name: 'Pelanggan', phone: '0812-3456-7890' },
  'customers:update': { id: 1, name: 'Pelanggan' },
  'customers:get': { id: 1 },
  'customers:search': { query: 'pel' },
  'audit:list': {},
  'audit:export': {},
  'audit:verify': {},
  'settings:get': {},
  'settings:update': { autoLockMinutes: 10, notesHardBlock: false },
  'purchases:void': { id: 1, reason: 'salah ketik' },
  'purchases:receipt': { id: 1, mode: 'copy' },
  'docs:current': { kind: 'notice' },
  'docs:get': { kind: 'notice', version: 1 },
  'docs:versions': { kind: 'record' },
  'docs:print': { kind: 'notice', format: 'poster' },
  'docs:staleConsents': {},
  'requests:create': {
    type: 'access',
    customerId: null,
    requester: 'Pak Joko',
    receivedAt: Date.UTC(2026, 10, 1),
    channel: 'in_person',
    verification: 'KTP dilihat',
  },
  'requests:list': {},
  'health:get': {},
  'briefing:get': {},
  'briefing:quiz': {},
  'briefing:answer': { answers: [true, true, true, false, false] },
  'briefing:update': { text: 'a\nb\nc', months: 6 },
  'briefing:status': {},
  'incident:create': { kind: 'lost_laptop', description: 'Laptop tertinggal di angkot' },
  'incident:list': {},
  'incident:contain': { id: 1, endSessions: true },
  'incident:rotateKey': { id: 1, pin: '582914' },
  'incident:scope': { id: 1, mode: 'all', categories: ['identity'] },
  'incident:affected': { id: 1 },
  'incident:notify': { id: 1, to: 'authority', mode: 'print' },
  'incident:close': { id: 1, checks: { cause_found: true }, notes: '' },
  'requests:get': { id: 1 },
  'requests:summary': {},
  'requests:fulfil': { id: 1, action: 'done', note: 'Tidak ada data' },
  'requests:refuse': { id: 1, reason: 'Identitas tidak cocok dengan data' },
  'requests:answer': { id: 1, mode: 'print' },
  'retention:policy': {},
  'retention:setPolicy': {
    inactiveMonths: 24,
    consentLapseMonths: 0,
    salesKeepYears: 10,
    keepReviewMonths: 6,
  },
  'retention:review': {},
  'retention:keep': { id: 1, reason: 'Sengketa pembayaran yang belum selesai' },
  'retention:purge': {},
  'customers:erase': { id: 1, confirm: true },
  'customers:setRestricted': { id: 1, restricted: true },
  'customers:export': { format: 'csv' },
  'fields:list': {},
  'fields:update': { key: 'gender', enabled: true, purpose: 'Penawaran produk' },
  'purposes:list': {},
  'purposes:save': {
    name: 'Kartu member',
    description: 'Program poin',
    legalBasis: 'consent',
    channel: null,
    active: true,
  },
  'consent:grant': { customerId: 1, purposeId: 2, method: 'verbal' },
  'consent:withdraw': { customerId: 1, purposeId: 2, method: 'verbal' },
  'consent:history': { customerId: 1 },
  'purchases:create': { customerId: 1, amount: 150000, items: ['Beras 5 kg'] },
  'purchases:list': { customerId: 1 },
  'audience:list': { channel: 'whatsapp' },
  'audience:export': { channel: 'whatsapp' },
  'audience:whatsapp': { customerId: 1, message: '', mode: 'copy' },
  'import:open': {},
  'import:check': { mapping: { name: 0 } },
  'import:commit': { mapping: { name: 0 } },
  'import:cancel': {},
  'import:saveErrors': {},
};

type Who = 'nobody' | 'owner' | 'cashier' | 'new-cashier';
const GATES = ['FORBIDDEN', 'LOCKED', 'PIN_CHANGE_REQUIRED'];

async function as(who: Who): Promise<TestCore> {
  const t = makeCore();
  const { cashierId } = await setupShop(t);
  await t.ok('customers:create', { name: 'Pelanggan Satu', phone: '0813-1111-2222' });
  if (who === 'owner') return t;
  await t.ok('auth:lock', {});
  if (who === 'nobody') return t;
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  if (who === 'cashier')
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  return t;
}

function expected(channel: ChannelName, who: Who): string | null {
  const permission = contract[channel].permission;
  if (permission === 'public') return null;
  if (who === 'nobody') return 'LOCKED';
  if (who === 'new-cashier' && !['auth:lock', 'auth:touch', 'auth:changePin'].includes(channel))
    return 'PIN_CHANGE_REQUIRED';
  const role = who === 'owner' ? 'owner' : 'cashier';
  return roleHas(role, permission) ? null : 'FORBIDDEN';
}

describe('router: the whole channel x role matrix', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  it('every contract channel has exactly one handler', async () => {
    t = makeCore();
    expect(t.core.router.missing()).toEqual([]);
    expect(() => t!.core.router.handle('app:status', () => t!.core.lifecycle.status('x'))).toThrow(/twice/);
  });

  for (const who of ['nobody', 'owner', 'cashier', 'new-cashier'] as const) {
    for (const channel of CHANNELS) {
      const want = expected(channel, who);
      it(`${who} -> ${channel}: ${want ?? 'allowed'}`, async () => {
        t = await as(who);
        const r = await t.call(channel, SAMPLE[channel] as never);
        const code = r.ok ? null : r.error.code;
        if (want) expect(code).toBe(want);
        else expect(GATES).not.toContain(code);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
      });
    }
  }

  it('denied calls are written to the audit log, with the channel and no data', async () => {
    t = await as('cashier');
    expect((await t.call('audit:list', {})).ok).toBe(false);
    expect((await t.call('users:create', { name: 'Diam-diam', pin: '582914' })).ok).toBe(false);
    await t.ok('auth:lock', {});
    expect((await t.call('customers:search', { query: 'x' })).ok).toBe(false);
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: '271828' });
    const log = await t.ok('audit:list', { limit: 200 });
    const denied = log.items.filter((e) => e.action === 'ipc.denied');
    expect(denied.map((e) => e.detail.channel).sort()).toEqual([
      'audit:list',
      'customers:search',
      'users:create',
    ]);
    expect(JSON.stringify(log.items)).not.toContain('Diam-diam');
  });

  it('unknown channels and malformed input get their own codes and change nothing', async () => {
    t = await as('owner');
    const before = (await t.ok('customers:search', { query: '' })).total;
    expect(await t.core.dispatch('w1', 'customers:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await t.core.dispatch('w1', '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    const bad = await t.core.dispatch('w1', 'customers:create', { name: '', phone: 42, extra: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.details?.fields).toEqual(expect.arrayContaining(['name', 'phone']));
    const phone = await t.call('customers:create', { name: 'Rina Wati', phone: '12345' });
    expect(phone).toMatchObject({ ok: false, error: { code: 'INVALID_PHONE' } });
    if (!phone.ok) expect(phone.error.message).not.toContain('12345');
    expect((await t.ok('customers:search', { query: '' })).total).toBe(before);
  });

  it('errors are in the chosen language', async () => {
    t = await as('nobody');
    const id = await t.call('customers:search', { query: '' });
    await t.ok('app:setLanguage', { language: 'en' });
    const en = await t.call('customers:search', { query: '' });
    expect(!id.ok && id.error.message).toMatch(/terkunci/);
    expect(!en.ok && en.error.message).toMatch(/locked/);
  });
});
