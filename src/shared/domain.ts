import type { Language } from './language';
import type { Role } from './roles';

/** What the lock screen may know before anyone logs in: no customer data. */
export interface LockScreenUser {
  id: string;
  name: string;
  /** Cosmetic: the role that counts is in the encrypted users table. */
  roleHint: Role;
  disabled: boolean;
  needsRecovery: boolean;
}

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  mustChangePin: boolean;
}

export interface AppStatus {
  setupDone: boolean;
  shopName: string | null;
  language: Language;
  /** null while locked. */
  user: SessionUser | null;
  /** True between setup and the owner confirming the recovery code. */
  recoveryPending: boolean;
  /** While the code waits: the incident whose key rotation issued it (null: set-up or a restore). */
  recoveryIncident: number | null;
  /** Which OS keystore protects the device secret; 'plaintext' means none (health warning). */
  keystoreBackend: string;
  keystoreProtected: boolean;
  /** For the owner: cashiers slowed down for unusual volume in the last 7 days (audit 'usage.limited'). */
  usageAlerts: number;
  /**
   * Found at start-up: a restore cut short was finished ('restored') or undone ('rolled_back'); a
   * restore marker this device did not write was refused and removed, the current vault kept
   * ('marker_rejected'); a marker could not be checked because the keystore is unavailable, so
   * nothing was changed ('marker_unverified').
   */
  restoreOutcome: 'restored' | 'rolled_back' | 'marker_rejected' | 'marker_unverified' | null;
  /**
   * The vault, key slots and anchor a restore replaced are still in the data folder (since: the
   * restore's time). They are deleted once the restored vault has been opened and checked, and at
   * once on an erasure or a key rotation; checkFailed: the last check failed, so they are kept.
   */
  restoreLeftovers: { since: number; checkFailed: boolean } | null;
  /** For the owner: no verified backup in the last 7 days. */
  backupDue: boolean;
  /** For the owner: why the last automatic backup failed (null when it did not). */
  backupError: string | null;
  /** For the owner: customers' requests overdue or due within 24 hours (null when none). */
  requestsDue: { overdue: number; dueSoon: number } | null;
  /** For the owner: an open incident and its 72-hour deadline, shown until it is closed. */
  openIncident: { id: number; dueAt: number } | null;
  /** This user has to read the staff briefing (first login, every N months, a new text). */
  briefingDue: boolean;
  /**
   * The briefing is shown before anything else: a cashier whose briefing is due, or a user who
   * has never read it. An owner otherwise reads a due briefing when she decides (a banner).
   */
  briefingGate: boolean;
}

export interface SetupResult {
  /** Shown once, in groups of four: 'ABCD-EFGH-...'. */
  recoveryCode: string;
  /** 1-based group numbers the owner must type back. */
  confirmGroups: number[];
  kdf: { memoryKiB: number; iterations: number; unlockMs: number };
}

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  mustChangePin: boolean;
  createdAt: number;
  /** Active, but the PIN is shut (too many wrong PINs, or its key slot is gone): reset the PIN. */
  pinLocked: boolean;
}

/** Optional fields the owner may switch on or off (minimization, UU PDP Art. 16(2)). */
export const OPTIONAL_FIELDS = ['phone', 'email', 'address', 'birthday', 'gender', 'notes', 'tags'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export interface FieldSetting {
  key: OptionalField;
  enabled: boolean;
  /** Why the shop collects it, in the owner's words; shown on the form and in the notice. */
  purpose: string;
}

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** All of one sale's item texts together, at most this many characters. */
export const SALE_ITEMS_MAX_CHARS = 2000;

export const CONSENT_METHODS = ['verbal', 'paper', 'digital'] as const;
/**
 * The notice version of consent given under a notice outside Brankas (a shop's own paper form,
 * before Brankas): its text is not stored, and such consent counts as older than every version.
 */
export const NOTICE_OUTSIDE = 0;
/** How staff record consent at the counter; 'import' is only ever set by a CSV import. */
export type CounterConsentMethod = (typeof CONSENT_METHODS)[number];
export type ConsentMethod = CounterConsentMethod | 'import';

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interest',
  'public_task',
  'legitimate_interest',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const MARKETING_CHANNELS = ['whatsapp', 'sms_email'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

export interface Purpose {
  id: number;
  name: string;
  description: string;
  legalBasis: LegalBasis;
  channel: MarketingChannel | null;
  active: boolean;
}

export interface CustomerInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  notes?: string | null;
  /** YYYY-MM-DD */
  birthday?: string | null;
  gender?: Gender | null;
  tags?: string[] | null;
  isMinor?: boolean;
  guardianName?: string | null;
  /** The user saw the sensitive-data warning and saves anyway (unless the owner hard-blocks). */
  acknowledgeSensitive?: boolean;
}

export interface ConsentState {
  purposeId: number;
  granted: boolean;
  at: number;
  method: ConsentMethod | 'policy';
  recordedBy: string | null;
  noticeVersion: number;
  /** Where the decision came from: the counter, a spreadsheet import, or the shop's lapse policy. */
  source: ConsentEvent['source'];
}

export interface Customer {
  id: number;
  name: string;
  /** Display form, e.g. 0812-3456-7890; masked (0812-****-7890) when `phoneMasked`. */
  phone: string | null;
  /** Null when the phone is masked for the viewer's role. */
  phoneE164: string | null;
  /** The viewer's role sees the phone masked; customers:revealPhone shows it (counted, audited). */
  phoneMasked?: boolean;
  /** The phone is a mobile WhatsApp can reach (a landline gets no wa.me link or receipt). */
  whatsapp: boolean;
  email: string | null;
  address: string | null;
  notes: string | null;
  birthday: string | null;
  gender: Gender | null;
  tags: string[];
  isMinor: boolean;
  guardianName: string | null;
  restricted: boolean;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  /** Current state per purpose, derived from the consent ledger. */
  consents: ConsentState[];
  /** When and why this customer will be erased (the deletion schedule). */
  deletion: DeletionSchedule;
  /** Someone with this phone or email was erased before (when): ask for consent anew. */
  erasedBefore: number | null;
}

/** The fields of a customer the form edits (customers:update sends some or all of them). */
export const EDITABLE_CUSTOMER_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'notes',
  'birthday',
  'gender',
  'tags',
  'isMinor',
  'guardianName',
] as const;
export type EditableCustomerField = (typeof EDITABLE_CUSTOMER_FIELDS)[number];

/**
 * What saving an edit answers: the fields the form sent, as stored (the phone formatted), and
 * the dates the save moved. Never a field the form did not send: an edit is not a way to read a
 * record (the screen already holds the rest from its one counted, audited view).
 */
export type CustomerSaved = Pick<Customer, 'id' | 'updatedAt' | 'lastActivityAt' | 'deletion'> &
  Partial<Pick<Customer, EditableCustomerField | 'phoneE164' | 'phoneMasked' | 'erasedBefore'>>;

export interface ConsentEvent {
  id: number;
  purposeId: number;
  /** 'lapsed': promotional consent that ran out by the shop's policy (no renewal). */
  action: 'granted' | 'withdrawn' | 'lapsed';
  method: ConsentMethod | 'policy';
  recordedBy: string | null;
  at: number;
  noticeVersion: number;
  guardianName: string | null;
  /** Where the row came from: the counter, a spreadsheet import, or the shop's lapse policy. */
  source: 'counter' | 'import' | 'policy';
  /** The owner's record that a customer who had withdrawn this purpose asked for it again. */
  note: string | null;
}

export interface Purchase {
  id: number;
  at: number;
  amount: number;
  items: string[];
  recordedBy: string | null;
  /** Voided (kept in the record, left out of totals): when, by whom, why. */
  voided: { at: number; by: string | null; reason: string } | null;
  /** The purchase this one corrects (that one is voided). */
  corrects: number | null;
  /** Whether the viewer may void or correct it (the owner; or its cashier, the same day). */
  canChange: boolean;
}

export interface PurchasePage extends Page<Purchase> {
  totalAmount: number;
}

/** One entry of the shop's price list (no personal data); hidden ones stay for the owner. */
export interface Product {
  id: number;
  name: string;
  /** Whole rupiah. */
  price: number;
  active: boolean;
}

/** Bounds of the price list and of a sale built from it (checked in main). */
export const PRODUCT_NAME_MAX = 60;
export const PRODUCT_PRICE_MAX = 100_000_000;
export const PRODUCTS_MAX = 200;
export const SALE_QUANTITY_MAX = 999;
/** Lines of one sale from the list: 20 x "999 x <60 characters>" stays under SALE_ITEMS_MAX_CHARS. */
export const SALE_LINES_MAX = 20;

export interface AudienceMember {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  /** wa.me link with the prefilled message, for the WhatsApp channel. */
  link: string | null;
  /** When this WhatsApp message was sent to them (their link opened, or marked sent); null if not yet. */
  sentAt: number | null;
}

/** The audience, and how many of it this WhatsApp message has not been sent to yet. */
export interface AudiencePage extends Page<AudienceMember> {
  /** The whole audience, whether or not the list is narrowed to those not sent yet. */
  audience: number;
  unsent: number;
}

export interface CustomerListItem {
  id: number;
  name: string;
  /** Masked (0812-****-7890) for roles without full view. */
  phone: string | null;
  lastActivityAt: number;
}

export interface Page<T> {
  items: T[];
  /** Exact, unless `capped`: then at least this many (counting stops early on big searches). */
  total: number;
  offset: number;
  capped?: boolean;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  /** The customer the target names, looked up now (null when erased, or not a customer). */
  targetName: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, unknown>;
}

/**
 * A page of the audit log, newest first. Keyset paging: `next` is the id to pass as `before` for
 * the following page (null when there is none), so entries added meanwhile never shift a page.
 */
export interface AuditPage {
  items: AuditEntry[];
  total: number;
  next: number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  /**
   * The chain against its head anchored outside the vault: 'behind' means entries were removed or
   * the chain rewritten since; 'forged' that the anchor file was tampered with; 'missing' that the
   * vault was anchored but the file is gone; 'none' that there is no anchor yet (or the keystore
   * is unavailable).
   */
  anchor: 'ok' | 'none' | 'missing' | 'behind' | 'forged';
}

export interface Settings {
  autoLockMinutes: number;
  /** Refuse (not just warn about) sensitive data in notes. */
  notesHardBlock: boolean;
  /** How customers reach the shop about their data (address, phone, WhatsApp): in the notice. */
  shopContact: string;
  /** The shop's postal address, printed in the letterhead of letters to customers and the authority. */
  shopAddress: string;
  /** Anyone outside the shop who receives customers' data, one per line; empty = nobody. */
  recipients: string;
  /** Who receives breach notices (Art. 46); empty = Komdigi, until the PDP agency exists. */
  breachAuthority: string;
}

/** The settings and, read-only, the privacy notice version in force (recorded with every consent). */
export interface SettingsView extends Settings {
  noticeVersion: number;
}

/** A generated document: the privacy notice or the record of processing (Art. 21, 31). */
export type DocKind = 'notice' | 'record';
export interface DocSection {
  title: string;
  paragraphs?: string[];
  items?: string[];
}
export interface DocText {
  title: string;
  subtitle: string;
  sections: DocSection[];
}
export interface DocVersionInfo {
  version: number;
  createdAt: number;
  /** The change touched what customers consent to (purposes, fields): consent may need renewing. */
  touchesConsent: boolean;
}
export interface DocVersion extends DocVersionInfo {
  kind: DocKind;
  current: boolean;
  text: DocText;
}

/** Customers' requests (Art. 5-14): what they may ask, and how they asked. */
export const REQUEST_TYPES = [
  'information',
  'access',
  'correction',
  'erasure',
  'withdrawal',
  'restriction',
  'portability',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_CHANNELS = ['in_person', 'whatsapp', 'phone', 'letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type RequestStatus = 'open' | 'done' | 'refused';
/** How a request is fulfilled; each type allows only its own (requests.ts). */
export const REQUEST_ACTIONS = [
  'access_report',
  'portability_export',
  'erase',
  'withdraw',
  'restrict',
  'lift_restriction',
  'done',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
/** The fulfilments each type of request allows ("done": the owner did it and says what). */
export const REQUEST_FULFILMENTS: Record<RequestType, readonly RequestAction[]> = {
  information: ['done'],
  access: ['access_report', 'done'],
  correction: ['done'],
  erasure: ['erase', 'done'],
  withdrawal: ['withdraw', 'done'],
  restriction: ['restrict', 'lift_restriction'],
  portability: ['portability_export', 'done'],
  objection: ['done'],
};
/** Fulfilments that work on a customer's data, so need a customer. */
export const FULFILMENTS_ON_DATA: ReadonlySet<RequestAction> = new Set<RequestAction>([
  'access_report',
  'portability_export',
  'erase',
  'withdraw',
  'restrict',
  'lift_restriction',
]);

export interface RightsRequest {
  id: number;
  type: RequestType;
  /** The customer, or null: not a customer (requester names them), or erased since. */
  customerId: number | null;
  customerRef: number | null;
  customerName: string | null;
  requester: string | null;
  details: string | null;
  receivedAt: number;
  /** 3 x 24 hours after receipt. */
  dueAt: number;
  channel: RequestChannel;
  verifiedBy: string | null;
  verification: string;
  status: RequestStatus;
  /** How it was fulfilled (null while open or when refused). */
  action: RequestAction | null;
  /** What was done in the owner's words, or the reason for a refusal. */
  outcome: string | null;
  closedAt: number | null;
  closedBy: string | null;
  createdBy: string | null;
  /** Why it is recorded as received well before it was typed in (the owner's words), or null. */
  receivedReason: string | null;
  /** Refused in bulk by the owner as part of a flood of requests that were not genuine. */
  dismissed: boolean;
}

/** One line of the owner's privacy health screen: a status, facts (counts), and where to fix it. */
export interface HealthItem {
  key:
    | 'consent'
    | 'fields'
    | 'users'
    | 'ownerPin'
    | 'autoLock'
    | 'backup'
    | 'deletion'
    | 'requests'
    | 'keystore'
    | 'audit'
    | 'breach';
  status: 'ok' | 'warn' | 'bad';
  values: Record<string, string | number>;
  page: 'privacy' | 'settings' | 'backups' | 'retention' | 'audit';
}

/** The shop's data rules for staff, one per line. */
export interface BriefingText {
  rules: string[];
  /** The owner rewrote the default. */
  custom: boolean;
  version: number;
  /** Read again after this many months. */
  months: number;
}
/** A wrong answer in the briefing's check: the action asked about, its right answer and its rule. */
export interface BriefingMistake {
  /** The question's position in the check. */
  id: number;
  text: string;
  /** The right answer: the action is allowed ("Boleh") or not ("Tidak boleh"). */
  allowed: boolean;
  rule: string;
}
export interface BriefingStatus {
  userId: string;
  name: string;
  role: Role;
  lastAt: number | null;
  current: boolean;
}

/** Breach response (Art. 46). */
export const INCIDENT_KINDS = [
  'lost_laptop',
  'lost_backup',
  'staff_misuse',
  'wrong_recipient',
  'malware',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const DATA_CATEGORIES = ['identity', 'contact', 'address', 'purchases', 'consents', 'notes'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
/** The post-incident checklist (step 5); each item is answered yes or no. */
export const INCIDENT_CHECKS = [
  'cause_found',
  'access_reviewed',
  'pins_changed',
  'backups_checked',
  'staff_briefed',
  'notices_done',
] as const;
export type IncidentCheck = (typeof INCIDENT_CHECKS)[number];

export interface IncidentScope {
  mode: 'all' | 'range' | 'list';
  /** For 'range': customers added or seen between these times. */
  from?: number;
  to?: number;
  /** For 'list': hand-picked customer ids. */
  ids?: number[];
  categories: DataCategory[];
}

export interface Incident {
  id: number;
  kind: IncidentKind;
  description: string;
  happenedAt: number | null;
  discoveredAt: number;
  /** 3 x 24 hours after discovery. */
  dueAt: number;
  /** When the owner recorded it in the app (main's clock). */
  recordedAt: number;
  /** Discovery entered well before it was recorded: the owner's reason for the delay. */
  lateReason: string | null;
  status: 'open' | 'closed';
  containment: {
    sessionsEnded?: number;
    usersDisabled?: string[];
    keyRotatedAt?: number;
    cashierPinsShut?: number;
  };
  scope: IncidentScope | null;
  affected: number | null;
  notices: { customers: number; authority: number };
  evaluation: {
    checks: Partial<Record<IncidentCheck, boolean>>;
    notes: string;
    /** Closed with affected customers never notified: how many, and the owner's reason. */
    unnotified?: { count: number; reason: string };
  } | null;
  createdBy: string | null;
  closedAt: number | null;
}

/**
 * Discovery entered further back than this from the moment it is recorded starts the 72 hours in
 * the past: the owner says why it was recorded late (kept, and stated on the authority's form).
 */
export const INCIDENT_LATE_MS = 3_600_000;

/** One affected customer in the breach flow, told apart from others of the same name. */
export interface AffectedCustomer {
  id: number;
  name: string;
  /** Display form; masked for a role that sees phones masked. */
  phone: string | null;
  /** The phone reaches WhatsApp (a mobile). */
  whatsapp: boolean;
  /** "#12 · 0812-****-7890 · Jl. Melati 3": the customer number, phone ending and address start. */
  hint: string;
  notified: boolean;
}

/** An affected customer WhatsApp can reach, with the prefilled notice (built by main). */
export interface IncidentWhatsApp {
  id: number;
  name: string;
  hint: string;
  link: string;
  notified: boolean;
}

export interface RequestsSummary {
  open: number;
  /** Open and due within 24 hours. */
  dueSoon: number;
  overdue: number;
  /** The open request due first. */
  nextDueAt: number | null;
}

export interface ImportPreview {
  fileName: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  headers: string[];
  /** First rows, for the mapping step; shown on screen only, never stored. */
  sample: string[][];
  rowCount: number;
  suggested: ImportMapping;
  /** Columns that look like fields the shop does not collect: left unmapped (switch one on to import it). */
  offFields: OptionalField[];
  /**
   * When the file was last changed (its modification time): its customers cannot have seen a
   * notice version made after it, so choosing one asks the owner to confirm.
   */
  modifiedAt: number;
}

export const IMPORT_TARGETS = [
  'name',
  'phone',
  'email',
  'address',
  'birthday',
  'gender',
  'notes',
  'tags',
  'consent_whatsapp',
  'consent_sms_email',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
/** Target field -> column index in the file. */
export type ImportMapping = Partial<Record<ImportTarget, number>>;

export interface ImportRowError {
  /** 1-based line number in the file, counting the header as line 1. */
  row: number;
  field: ImportTarget | 'row';
  code:
    | 'missing_name'
    | 'invalid_phone'
    | 'phone_as_number'
    | 'duplicate_in_file'
    | 'duplicate_in_vault'
    | 'invalid_email'
    | 'invalid_birthday'
    | 'invalid_gender'
    | 'invalid_consent'
    | 'guardian_required'
    | 'too_long'
    | 'sensitive_notes';
  /** For duplicate_in_vault: the customer the row matches (on the owner's screen only). */
  match?: { id: number; name: string; fileName: string };
}

/** The fields a row already in the vault may fill where that customer's are empty. */
export const FILLABLE_FIELDS = ['email', 'address', 'notes', 'birthday', 'gender', 'tags'] as const;
export type FillableField = (typeof FILLABLE_FIELDS)[number];

/**
 * A row whose phone is a customer already, listed once: both names, and what filling would do.
 * fill: the same name, fills on "fill empty fields"; confirm: another name, fills only if the
 * owner confirms this very row; nothing: no empty field left to fill; invalid: the row has other
 * problems and never fills.
 */
export interface ImportInVaultRow {
  row: number;
  customerId: number;
  /** The customer's name (on the owner's screen only). */
  name: string;
  /** The row's name in the file. */
  fileName: string;
  status: 'fill' | 'confirm' | 'nothing' | 'invalid';
  /** The customer's empty fields this row would fill. */
  fields: FillableField[];
}

export interface ImportCheck {
  total: number;
  valid: number;
  errors: ImportRowError[];
  /** Every row whose phone is a customer already, in file order (each once). */
  inVault: ImportInVaultRow[];
  /**
   * Rows by kind, each the number of rows listed under it: ready to import, with problems (not in
   * the vault), in the vault (and those by status). ready + problems + inVault = total.
   */
  summary: {
    ready: number;
    problems: number;
    inVault: number;
    fill: number;
    confirm: number;
    nothing: number;
    invalid: number;
  };
  /** Valid rows whose phone or email matches someone erased before: ask them for consent anew. */
  previouslyErased: number;
  /** Rows already in the vault that could fill some of that customer's empty fields. */
  fillable: number;
  /** Consents the import will record (explicit yes only), by channel. */
  consents: { whatsapp: number; smsEmail: number };
}

/** The POS a sales export comes from: a receipt number is unique within one POS only. */
export const SALES_SOURCES = ['moka', 'majoo', 'pawoon', 'ireap', 'kasirpintar', 'other'] as const;
export type SalesSource = (typeof SALES_SOURCES)[number];

/** The columns a POS sales export is read from. */
export const SALES_TARGETS = ['date', 'receipt', 'customerPhone', 'total', 'items'] as const;
export type SalesTarget = (typeof SALES_TARGETS)[number];
export type SalesMapping = Partial<Record<SalesTarget, number>>;

export interface SalesPreview {
  fileName: string;
  format: 'csv' | 'xlsx';
  headers: string[];
  /** First rows, for the mapping step; shown on screen only, never stored. */
  sample: string[][];
  rowCount: number;
  suggested: SalesMapping;
}

/** Why a row of a sales export is not imported. */
export type SalesRowProblem =
  | 'missing_receipt'
  | 'bad_receipt'
  | 'bad_date'
  | 'future_date'
  | 'too_old'
  | 'bad_total'
  | 'receipt_conflict';

export interface SalesCheck {
  /** Data rows in the file. */
  total: number;
  /** Sales that will be kept on a customer's history (phone known, purpose allows it). */
  matched: number;
  /** Sales kept without a customer: no phone, an unknown phone, or no basis to link them. */
  anonymous: number;
  /** Receipts this POS already brought in (an earlier or overlapping export): skipped. */
  alreadyImported: number;
  /** Extra rows of a receipt already in the file (one line per item): folded into that sale. */
  merged: number;
  /** Rows not imported, with the spreadsheet's row number (first 200 only) and per problem. */
  refused: { row: number; code: SalesRowProblem }[];
  refusedCount: number;
  refusedBy: Partial<Record<SalesRowProblem, number>>;
}

export interface SalesResult {
  imported: number;
  matched: number;
  anonymous: number;
  alreadyImported: number;
  refused: number;
}

export interface ImportProgress {
  /** reading: done/total are percent of the file; checking and writing: rows. */
  phase: 'reading' | 'checking' | 'writing';
  done: number;
  total: number;
}

export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend' | 'switch-user';

/** Events main pushes to a window. */
export interface EventMap {
  'session:locked': { reason: LockReason };
  'import:progress': ImportProgress;
  /** The POS sales import's steps: its own event, so the customer import's screen does not show them. */
  'sales:progress': ImportProgress;
  'backup:progress': BackupProgress;
  'retention:progress': RetentionProgress;
  /** A backup (the owner's or an automatic one) ended: banners and status read main again. */
  'backup:finished': { ok: boolean };
  /** A printed PDF was written to a folder the printer chose (the dev bridge): where, to read it. */
  'print:saved': { path: string };
}
export type EventName = keyof EventMap;

export interface BackupStatus {
  /** The owner has typed the recovery code once, so backups can be written without it. */
  enabled: boolean;
  folder: string | null;
  lastBackupAt: number | null;
  lastVerifiedAt: number | null;
  /** Daily automatic backups (and one when the app closes) to the folder. */
  auto: boolean;
  keepDaily: number;
  keepWeekly: number;
  /** Why the last automatic backup failed (a BAD_FILE reason or error code); null after a success. */
  lastError: string | null;
}

export interface BackupProgress {
  phase: 'copying' | 'sealing' | 'syncing' | 'verifying';
  done: number;
  total: number;
}

/**
 * Before a restore is confirmed: what it undoes (made since the backup and not carried) and which
 * decisions made since the backup it applies again. Counts only.
 */
export interface RestorePreview {
  undoes: {
    customersAdded: number;
    customersEdited: number;
    purchases: number;
    /** Consents given or withdrawn since the backup that go with it (those of customers added since). */
    consentChanges: number;
    /** The shop's settings (address, contact, recipients, lock time...) changed since the backup. */
    settingsChanged: number;
  };
  reapplies: {
    erasures: number;
    restrictions: number;
    consentWithdrawals: number;
    consentGrants: number;
    clearedFields: number;
    keeps: number;
    requests: number;
    objections: number;
    incidents: number;
    corrections: number;
    /** Sales voided since the backup (kept voided: out of totals and of the customer's activity). */
    voids: number;
    /** Sales recorded since the backup to correct a voided one (kept, not undone). */
    saleCorrections: number;
    fieldsStopped: number;
    staffRemoved: number;
    auditEntries: number;
  };
}

export interface BackupManifestView {
  createdAt: number;
  shopName: string;
  schemaVersion: number;
  appVersion: string;
  customers: number;
  purchases: number;
}
// Every event in the map is listed in channels.ts (which the preload reads), and nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const EVENT_LIST_MATCHES: Same<EventName, import('./channels').EventNameList> = true;

/** The shop's deletion schedule (UU PDP Art. 42-44; sales books per UU KUP Art. 28(11)). */
export interface RetentionPolicy {
  /** A customer with no purchase, visit or consent event for this many months is erased. */
  inactiveMonths: number;
  /** Promotional consent lapses after this many months without renewal; 0 = never. */
  consentLapseMonths: number;
  /** Anonymous sales records are kept this many years (minimum 5, default 10). */
  salesKeepYears: number;
  /** A customer kept past the due date comes back for review after this many months. */
  keepReviewMonths: number;
}

/** Limits every policy value must respect (checked by the contract and again by the service). */
export const RETENTION_LIMITS = {
  inactiveMonths: { min: 3, max: 240 },
  consentLapseMonths: { min: 0, max: 120 },
  salesKeepYears: { min: 5, max: 30 },
  keepReviewMonths: { min: 1, max: 24 },
} as const satisfies Record<keyof RetentionPolicy, { min: number; max: number }>;

export interface DeletionSchedule {
  /** First instant of the day the customer is erased (Asia/Jakarta), unless kept. */
  dueAt: number;
  /** 'inactive': by the policy from the last activity; 'kept': held by the owner until a review date. */
  basis: 'inactive' | 'kept';
  lastActivityAt: number;
  /** The policy's period in months (the screen moves the date when activity moves it). */
  inactiveMonths: number;
  keepReason: string | null;
}

export interface ReviewItem {
  id: number;
  name: string;
  phone: string | null;
  schedule: DeletionSchedule;
  /** Already due (waiting for the next purge), by main's clock. */
  overdue: boolean;
}

export interface PurgeResult {
  erased: number;
  consentsLapsed: number;
  salesDeleted: number;
  /** The purge stopped short of today's date: the clock jumped ahead of the last purge (see README). */
  heldBack: boolean;
}

export interface RetentionProgress {
  phase: 'lapsing' | 'erasing' | 'sales' | 'cleaning';
  done: number;
  total: number;
}
