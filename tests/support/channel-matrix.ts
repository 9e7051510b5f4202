import type { ChannelInput, ChannelName } from '../../src/shared/contract';

/**
 * The hand-written channel x role matrix and a valid input for each channel, shared by the router's
 * own test and the same matrix over the LAN link (tests/main/lan-matrix.test.ts).
 */

export const UUID = '00000000-0000-4000-8000-000000000000';

/** A valid input for every channel; the Record type makes a new channel fail to compile here. */
export const SAMPLE: { [C in ChannelName]: ChannelInput<C> } = {
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
  'customers:revealPhone': { id: 1 },
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
    // Received now: a back-dated one is the owner's alone (register-guards.test.ts).
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
  'incident:letters': { id: 1 },
  'incident:whatsappList': { id: 1 },
  'incident:markNotified': { id: 1, customerIds: [1], channel: 'whatsapp' },
  'incident:close': {
    id: 1,
    checks: { cause_found: true },
    notes: '',
    unnotifiedReason: 'Pelanggan tidak dapat dihubungi',
  },
  'requests:get': { id: 1 },
  'requests:summary': {},
  'requests:fulfil': { id: 1, action: 'done', note: 'Tidak ada data' },
  'requests:refuse': { id: 1, reason: 'Identitas tidak cocok dengan data' },
  'requests:dismiss': { ids: [1], reason: 'Dicatat berulang, bukan permintaan pelanggan' },
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
  'retention:confirmClock': { confirm: true },
  'customers:erase': { id: 1, confirm: true },
  'lan:status': {},
  'lan:enable': { enabled: false },
  'lan:newCode': {},
  'lan:devices': {},
  'lan:revoke': { deviceId: UUID },
  'setup:connect': { address: '192.168.1.10', code: 'ABCDE-FGHJK', name: 'Kasir 2' },
  'lan:forget': {},
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
  'join:start': { customerId: 1, purposeIds: [2] },
  'join:confirm': { customerId: 1, code: 'K7M2QX', sender: '0812-3456-7890' },
  'members:card': { customerId: 1 },
  'members:find': { code: 'ABCD-2345' },
  'consent:withdraw': { customerId: 1, purposeId: 2, method: 'verbal' },
  'consent:history': { customerId: 1 },
  'purchases:create': { customerId: 1, amount: 150000, items: ['Beras 5 kg'] },
  'purchases:list': { customerId: 1 },
  'purchases:createFromProducts': { customerId: 1, lines: [{ productId: 1, quantity: 2 }] },
  'products:list': {},
  'products:save': { name: 'Kopi susu', price: 15_000, active: true },
  'products:move': { id: 1, direction: 'up' },
  'loyalty:get': {},
  'loyalty:save': {
    enabled: true,
    mode: 'points',
    rupiahPer: 10_000,
    expiryMonths: 12,
    rewards: [{ name: 'Kopi gratis', cost: 10, discount: 15_000, active: true }],
  },
  'loyalty:history': { customerId: 1 },
  'loyalty:quote': { customerId: 1, amount: 50_000 },
  'loyalty:adjust': { customerId: 1, points: 5, reason: 'Hadiah ulang tahun toko' },
  'audience:list': { channel: 'whatsapp', unsentOnly: false },
  'audience:export': { channel: 'whatsapp' },
  'audience:whatsapp': { customerId: 1, message: '', mode: 'copy' },
  'audience:markSent': { customerId: 1, message: '', sent: true },
  'dashboard:summary': { lapsedWeeks: 8 },
  'dashboard:list': { list: 'lapsed', lapsedWeeks: 8 },
  'import:open': {},
  'import:check': { mapping: { name: 0 } },
  'import:commit': { mapping: { name: 0 } },
  'import:cancel': {},
  'import:saveErrors': {},
  'sales:open': {},
  'sales:check': { columns: { date: 0, receipt: 1, total: 2 }, source: 'moka' },
  'sales:commit': { columns: { date: 0, receipt: 1, total: 2 }, source: 'moka' },
};

/**
 * Who may call what, written by hand from DESIGN.md ("Who uses it") and UU-PDP.md, not read from
 * the router's own tables: a channel given the wrong permission in the contract fails here.
 *
 * The owner does everything. A cashier works the counter: finds, opens and adds the customer in
 * front of them, records consent, sales (and voids or sends a receipt for one), and writes down a
 * customer's request; reads what the counter screen needs (fields, purposes, settings, the
 * privacy notice) and takes the staff briefing. A cashier does not manage users, change what is
 * collected or for how long, export, import, market, erase or restrict, back up or restore, read
 * the audit log or the health screen, handle requests or incidents. With no session only the
 * lock screen and setup work (language, status, names, unlock, recovery, lock, first setup or a
 * restore onto a new laptop).
 *
 * Columns: owner, cashier, no session. Y = allowed past the gates, n = refused.
 */
export type Cell = 'Y' | 'n';
export type Row = readonly [owner: Cell, cashier: Cell, nobody: Cell];
export const MATRIX = {
  // lock screen and setup
  'app:status': ['Y', 'Y', 'Y'],
  'app:setLanguage': ['Y', 'Y', 'Y'],
  'setup:create': ['Y', 'Y', 'Y'],
  'setup:restore': ['Y', 'Y', 'Y'],
  'setup:recoveryCode': ['Y', 'n', 'n'],
  'setup:confirmRecovery': ['Y', 'n', 'n'],
  'setup:printRecoveryCard': ['Y', 'n', 'n'],
  'auth:users': ['Y', 'Y', 'Y'],
  'auth:unlock': ['Y', 'Y', 'Y'],
  'auth:recoverOwner': ['Y', 'Y', 'Y'],
  'auth:lock': ['Y', 'Y', 'Y'],
  'auth:touch': ['Y', 'Y', 'n'],
  'auth:changePin': ['Y', 'Y', 'n'],
  // staff logins: the owner's
  'users:list': ['Y', 'n', 'n'],
  'users:create': ['Y', 'n', 'n'],
  'users:resetPin': ['Y', 'n', 'n'],
  'users:disable': ['Y', 'n', 'n'],
  // the counter
  'customers:create': ['Y', 'Y', 'n'],
  'customers:update': ['Y', 'Y', 'n'],
  'customers:get': ['Y', 'Y', 'n'],
  'customers:revealPhone': ['Y', 'Y', 'n'],
  'customers:search': ['Y', 'Y', 'n'],
  'consent:grant': ['Y', 'Y', 'n'],
  // joining by WhatsApp and the member card: the counter's, like consent
  'join:start': ['Y', 'Y', 'n'],
  'join:confirm': ['Y', 'Y', 'n'],
  'members:card': ['Y', 'Y', 'n'],
  'members:find': ['Y', 'Y', 'n'],
  'consent:withdraw': ['Y', 'Y', 'n'],
  'consent:history': ['Y', 'Y', 'n'],
  'purchases:create': ['Y', 'Y', 'n'],
  'purchases:list': ['Y', 'Y', 'n'],
  'purchases:void': ['Y', 'Y', 'n'],
  'purchases:receipt': ['Y', 'Y', 'n'],
  'purchases:createFromProducts': ['Y', 'Y', 'n'],
  // the price list: read at the counter, kept by the owner
  'products:list': ['Y', 'Y', 'n'],
  'products:save': ['Y', 'n', 'n'],
  'products:move': ['Y', 'n', 'n'],
  // the member programme: set up and adjusted by the owner; read and quoted at the counter
  'loyalty:get': ['Y', 'Y', 'n'],
  'loyalty:save': ['Y', 'n', 'n'],
  'loyalty:history': ['Y', 'Y', 'n'],
  'loyalty:quote': ['Y', 'Y', 'n'],
  'loyalty:adjust': ['Y', 'n', 'n'],
  'requests:create': ['Y', 'Y', 'n'],
  'fields:list': ['Y', 'Y', 'n'],
  'purposes:list': ['Y', 'Y', 'n'],
  'settings:get': ['Y', 'Y', 'n'],
  'docs:current': ['Y', 'Y', 'n'],
  'docs:get': ['Y', 'Y', 'n'],
  'docs:versions': ['Y', 'Y', 'n'],
  'docs:print': ['Y', 'Y', 'n'],
  'briefing:get': ['Y', 'Y', 'n'],
  'briefing:quiz': ['Y', 'Y', 'n'],
  'briefing:answer': ['Y', 'Y', 'n'],
  // what is collected, why and for how long: the owner decides
  'fields:update': ['Y', 'n', 'n'],
  'purposes:save': ['Y', 'n', 'n'],
  'settings:update': ['Y', 'n', 'n'],
  'briefing:update': ['Y', 'n', 'n'],
  'briefing:status': ['Y', 'n', 'n'],
  // restricting (Art. 11) is a customer's request the owner carries out
  'customers:setRestricted': ['Y', 'n', 'n'],
  // bulk: exports, marketing, import
  'customers:export': ['Y', 'n', 'n'],
  'audience:list': ['Y', 'n', 'n'],
  'audience:export': ['Y', 'n', 'n'],
  'audience:whatsapp': ['Y', 'n', 'n'],
  'audience:markSent': ['Y', 'n', 'n'],
  // the owner's customer dashboard and its WhatsApp lists: every customer, marketing
  'dashboard:summary': ['Y', 'n', 'n'],
  'dashboard:list': ['Y', 'n', 'n'],
  'import:open': ['Y', 'n', 'n'],
  'import:check': ['Y', 'n', 'n'],
  'import:commit': ['Y', 'n', 'n'],
  'import:cancel': ['Y', 'n', 'n'],
  'import:saveErrors': ['Y', 'n', 'n'],
  'sales:open': ['Y', 'n', 'n'],
  'sales:check': ['Y', 'n', 'n'],
  'sales:commit': ['Y', 'n', 'n'],
  // accountability: audit log, health
  'audit:list': ['Y', 'n', 'n'],
  'audit:export': ['Y', 'n', 'n'],
  'audit:verify': ['Y', 'n', 'n'],
  'health:get': ['Y', 'n', 'n'],
  // backups
  'backups:status': ['Y', 'n', 'n'],
  'backups:enable': ['Y', 'n', 'n'],
  'backups:create': ['Y', 'n', 'n'],
  'backups:verify': ['Y', 'n', 'n'],
  'backups:schedule': ['Y', 'n', 'n'],
  'backups:restore': ['Y', 'n', 'n'],
  // customers' requests: the cashier records (above), the owner answers
  'requests:list': ['Y', 'n', 'n'],
  'requests:get': ['Y', 'n', 'n'],
  'requests:summary': ['Y', 'n', 'n'],
  'requests:fulfil': ['Y', 'n', 'n'],
  'requests:refuse': ['Y', 'n', 'n'],
  'requests:dismiss': ['Y', 'n', 'n'],
  'requests:answer': ['Y', 'n', 'n'],
  'docs:staleConsents': ['Y', 'n', 'n'],
  // deletion
  'retention:policy': ['Y', 'n', 'n'],
  'retention:setPolicy': ['Y', 'n', 'n'],
  'retention:review': ['Y', 'n', 'n'],
  'retention:keep': ['Y', 'n', 'n'],
  'retention:purge': ['Y', 'n', 'n'],
  'retention:confirmClock': ['Y', 'n', 'n'],
  'customers:erase': ['Y', 'n', 'n'],
  // The second counter's settings: the owner's, on the primary.
  'lan:status': ['Y', 'n', 'n'],
  'lan:enable': ['Y', 'n', 'n'],
  'lan:newCode': ['Y', 'n', 'n'],
  'lan:devices': ['Y', 'n', 'n'],
  'lan:revoke': ['Y', 'n', 'n'],
  'setup:connect': ['Y', 'Y', 'Y'],
  'lan:forget': ['Y', 'n', 'n'],
  // breach response
  'incident:create': ['Y', 'n', 'n'],
  'incident:list': ['Y', 'n', 'n'],
  'incident:contain': ['Y', 'n', 'n'],
  'incident:rotateKey': ['Y', 'n', 'n'],
  'incident:scope': ['Y', 'n', 'n'],
  'incident:affected': ['Y', 'n', 'n'],
  'incident:notify': ['Y', 'n', 'n'],
  'incident:letters': ['Y', 'n', 'n'],
  'incident:whatsappList': ['Y', 'n', 'n'],
  'incident:markNotified': ['Y', 'n', 'n'],
  'incident:close': ['Y', 'n', 'n'],
} as const satisfies Record<ChannelName, Row>;

/** A cashier whose PIN the owner set must change it first (DESIGN: "change forced at next login"). */
export const BEFORE_PIN_CHANGE: readonly ChannelName[] = ['auth:touch', 'auth:changePin'];

export type Who = 'nobody' | 'owner' | 'cashier' | 'new-cashier';
export const COLUMN = { owner: 0, cashier: 1, nobody: 2 } as const;
export const GATES = ['FORBIDDEN', 'LOCKED', 'PIN_CHANGE_REQUIRED'];

/** The code the router must answer with, or null when the call passes the gates. */
export function expected(channel: ChannelName, who: Who): string | null {
  const row: Row = MATRIX[channel];
  if (who === 'new-cashier') {
    if (row[COLUMN.nobody] === 'Y' || BEFORE_PIN_CHANGE.includes(channel)) return null;
    return 'PIN_CHANGE_REQUIRED';
  }
  if (row[COLUMN[who]] === 'Y') return null;
  return who === 'nobody' ? 'LOCKED' : 'FORBIDDEN';
}
