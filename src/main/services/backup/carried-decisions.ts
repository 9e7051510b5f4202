import Database from 'better-sqlite3-multiple-ciphers';
import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes } from 'node:crypto';
import type { RestorePreview } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { latestVersion, migrate } from '../../vault/migrate';
import type { RestoreCopiedTable } from '../../vault/table-owners';
import { auditInTransaction } from '../auditor';
import { readSettings } from '../settings.service';
import { customerWriter, purgeIndexRemnants } from '../customers.repo';
import { carrySequences } from '../customers.repo';
import { consentLedger } from '../consent.service';
import { reapplyFieldStopped } from '../fields.service';
import { reapplyVoid } from '../purchases.service';
import { appendEntry, balanceOf, reverseSale } from '../loyalty/ledger';
import {
  programmeDiffers,
  programmeToCarry,
  reapplyProgramme,
  type CarriedProgramme,
} from '../loyalty/programme';
import { ANSWER_COLUMNS, reapplyAnswer } from '../rights/requests';
import { reapplyIncidentChange } from '../breach/incidents';
import { reapplyUserRemoved } from '../users.repo';
import { erasureCarry, reapplyErasures, type ErasureCarry } from '../retention/restore-rule';
import { MANIFEST, type BackupKey, type Manifest } from './backup-file';
import { memberCodesToCarry, reapplyMemberCodes, type CarriedMemberCode } from '../member-card';
import {
  adjustmentReplay,
  adjustmentsToCarry,
  planAdjustments,
  type AdjustmentPlan,
  type AdjustmentReplay,
  type CarriedAdjustment,
} from '../loyalty/carried-adjustments';
import { memberPurposeId } from '../loyalty/purpose';
import { purposesChanged, reapplyPurposeChanges } from './carried-purposes';
import {
  joinCodesToCarry,
  phoneConfirmationsToCarry,
  reapplyJoinCodes,
  reapplyPhoneConfirmations,
  type CarriedJoinCode,
  type CarriedPhoneConfirmation,
} from '../join.service';

/**
 * What a restore carries from the vault it replaces to the restored one: every decision a customer
 * or the law made (erasures, restrictions, consent events, cleared fields, kept-with-reason,
 * requests and their answers, incidents and their notices) and the audit entries since the backup.
 * Read from the current vault, sealed (AES-256-GCM under a key derived from the restore's new data
 * key, so it never exists in the clear outside the two processes that hold that key, and any
 * change is refused), and applied to the restored copy before it becomes the vault.
 */
export interface DecisionCarry {
  format: 1;
  /** When the restore was asked for (the summary entry's time). */
  at: number;
  erasure: ErasureCarry;
  customers: CarriedCustomer[];
  consent: Row[];
  purposes: Row[];
  documents: Row[];
  users: Row[];
  requests: Row[];
  incidents: Row[];
  notices: Row[];
  /** A contiguous run of the current chain, ending at its head. */
  audit: AuditRow[];
  /** (id, created_at) of every sale, flattened: only the preview counts what the restore undoes. */
  purchases: number[];
  /** Every voided sale: when, by whom and why (a void is the shop's correction of its books). */
  voids: Row[];
  /** Every sale recorded to correct a voided one, with the created_at of the sale it corrects. */
  saleCorrections: Row[];
  /** A member's points each of those corrections earned or redeemed (they come back with it). */
  correctionPoints?: Row[];
  /** The details of customers who asked for a correction: what the correction made them. */
  corrected: Row[];
  /** Which optional fields the shop collects (a field it stopped collecting stays off). */
  fieldSettings: Row[];
  /** The highest id each AUTOINCREMENT table has handed out: a restore never hands one out again. */
  sequences: { name: string; seq: number }[];
  /** The shop's settings now: only the preview compares them (a restore takes the backup's). */
  settings: Row;
  /** Every member's card code (absent in a carry made before member cards). */
  memberCodes?: CarriedMemberCode[];
  /** Every phone a customer's own WhatsApp message confirmed (absent before that existed). */
  phoneConfirmations?: CarriedPhoneConfirmation[];
  /** How far each WhatsApp join code got (absent in a carry made before it travelled). */
  joinCodes?: CarriedJoinCode[];
  /** The member programme now (absent before it existed; null: never set up here). */
  programme?: CarriedProgramme | null;
  /** The owner's point adjustments (absent in a carry made before they travelled). */
  adjustments?: CarriedAdjustment[];
}

type Row = Record<string, unknown>;

interface CarriedCustomer {
  id: number;
  created_at: number;
  restricted: number;
  keep_until: number | null;
  keep_reason: string | null;
  /** Bit i set: OPTIONAL_FIELDS[i] is empty in the current vault. */
  empty: number;
  /** A hash of the customer's details: tells whether a restore undoes an edit, without the values. */
  digest: string;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The customer's fields that can be cleared (a name cannot). */
const OPTIONAL_FIELDS = [
  'phone_e164',
  'email',
  'address',
  'notes',
  'birthday',
  'gender',
  'tags',
  'guardian_name',
] as const;

/** The details an edit changes (the name and every optional field). */
const DETAILS = ['name', ...OPTIONAL_FIELDS, 'is_minor'] as const;

function detailsDigest(r: Row, cleared: readonly string[] = []): string {
  const values = DETAILS.map((f) => (cleared.includes(f) || r[f] === '' ? null : (r[f] ?? null)));
  return hash('sha256', JSON.stringify(values), 'hex');
}

/** Where the backup ends, when the verified manifest is known: only what is newer needs to travel. */
export interface CarrySince {
  /** The backup's audit entry count (its chain's head id). */
  auditCount: number;
  /** The backup's consent-ledger row count. */
  consentCount: number;
  createdAt: number;
}

/** A week of slack on the backup's own time: a clock that was set back still carries its events. */
const CLOCK_SLACK_MS = 7 * 24 * 3_600_000;

/** Reads every decision from the vault being replaced (none on a new laptop). */
export function decisionCarry(db: Db | null, at: number, since: CarrySince | null = null): DecisionCarry {
  const empty: DecisionCarry = {
    format: 1,
    at,
    erasure: erasureCarry(null),
    customers: [],
    consent: [],
    purposes: [],
    documents: [],
    users: [],
    requests: [],
    incidents: [],
    notices: [],
    audit: [],
    purchases: [],
    voids: [],
    saleCorrections: [],
    correctionPoints: [],
    corrected: [],
    fieldSettings: [],
    sequences: [],
    settings: {},
  };
  if (!db) return empty;
  const emptyMask = OPTIONAL_FIELDS.map((f, i) => `((${f} IS NULL OR ${f} = '') << ${i})`).join(' | ');
  return {
    ...empty,
    erasure: erasureCarry(db),
    customers: (
      db
        .prepare(
          `SELECT id, created_at, restricted, keep_until, keep_reason, ${emptyMask} AS empty,
             ${DETAILS.join(', ')} FROM customers`,
        )
        .all() as (CarriedCustomer & Row)[]
    ).map((r) => ({
      id: r.id,
      created_at: r.created_at,
      restricted: r.restricted,
      keep_until: r.keep_until,
      keep_reason: r.keep_reason,
      empty: r.empty,
      digest: detailsDigest(r),
    })),
    consent: db
      .prepare(
        `SELECT e.*, c.created_at AS customer_created_at FROM consent_events e JOIN customers c ON c.id = e.customer_id
         WHERE e.id > ? OR e.at >= ? ORDER BY e.id`,
      )
      .all(since?.consentCount ?? 0, since ? since.createdAt - CLOCK_SLACK_MS : 0) as Row[],
    purposes: db.prepare('SELECT * FROM purposes').all() as Row[],
    documents: db.prepare('SELECT * FROM documents').all() as Row[],
    users: db.prepare('SELECT * FROM users').all() as Row[],
    requests: db
      .prepare(
        `SELECT r.*, c.created_at AS customer_created_at FROM requests r LEFT JOIN customers c ON c.id = r.customer_id
         ORDER BY r.id`,
      )
      .all() as Row[],
    incidents: db.prepare('SELECT * FROM incidents ORDER BY id').all() as Row[],
    notices: db
      .prepare(
        `SELECT n.*, c.created_at AS customer_created_at FROM incident_notices n
         LEFT JOIN customers c ON c.id = n.customer_id ORDER BY n.id`,
      )
      .all() as Row[],
    audit: db
      .prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id')
      .all(Math.max(1, since?.auditCount ?? 1)) as AuditRow[],
    purchases: (db.prepare('SELECT id, created_at FROM purchases').raw().all() as number[][]).flat(),
    voids: db
      .prepare(
        'SELECT id, created_at, voided_at, voided_by, void_reason FROM purchases WHERE voided_at IS NOT NULL ORDER BY id',
      )
      .all() as Row[],
    saleCorrections: db
      .prepare(
        `SELECT p.id, p.at, p.amount, p.discount, p.items, p.recorded_by, p.created_at, p.corrects,
           o.created_at AS corrects_created_at
         FROM purchases p JOIN purchases o ON o.id = p.corrects ORDER BY p.id`,
      )
      .all() as Row[],
    correctionPoints: db
      .prepare(
        `SELECT l.purchase_id, l.kind, l.points, l.reward_id, l.recorded_by FROM loyalty_ledger l
         JOIN purchases p ON p.id = l.purchase_id
         WHERE p.corrects IS NOT NULL AND l.kind IN ('earned', 'redeemed') ORDER BY l.id`,
      )
      .all() as Row[],
    corrected: db
      .prepare(
        `SELECT * FROM customers WHERE id IN
           (SELECT customer_id FROM requests WHERE type = 'correction' AND status = 'done')`,
      )
      .all() as Row[],
    fieldSettings: db.prepare('SELECT * FROM field_settings').all() as Row[],
    memberCodes: memberCodesToCarry(db),
    phoneConfirmations: phoneConfirmationsToCarry(db),
    joinCodes: joinCodesToCarry(db),
    programme: programmeToCarry(db),
    adjustments: adjustmentsToCarry(db),
    sequences: hasSequences(db)
      ? (db.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[])
      : [],
    settings: shopSettings(db),
  };
}

/** The settings the owner types (the notice version follows the carried documents, so is left out). */
function shopSettings(db: Db): Row {
  const { noticeVersion: _version, ...typed } = readSettings(db);
  return typed;
}

const hasSequences = (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;

// --- Sealing: the carry crosses to the worker thread only as ciphertext under the restore's key.

export interface SealedCarry {
  format: 1;
  iv: string;
  data: string;
  tag: string;
}

const AAD = Buffer.from('brankas-restore-carry-v1');

function carryKey(newDek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', newDek, Buffer.alloc(0), 'brankas-restore-carry', 32));
}

export function sealCarry(carry: DecisionCarry, newDek: Buffer): SealedCarry {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', carryKey(newDek), iv).setAAD(AAD);
  const data = Buffer.concat([cipher.update(JSON.stringify(carry), 'utf8'), cipher.final()]);
  return {
    format: 1,
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

const tampered = () => new AppError('CORRUPT', { reason: 'carry_tampered' });

/** The carry, if it is the one sealed for this restore; anything else is refused. */
export function openCarry(sealed: unknown, newDek: Buffer): DecisionCarry {
  const s = sealed as Partial<SealedCarry> | null;
  if (
    typeof s !== 'object' ||
    s === null ||
    s.format !== 1 ||
    typeof s.iv !== 'string' ||
    typeof s.data !== 'string' ||
    typeof s.tag !== 'string'
  )
    throw tampered();
  let text: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', carryKey(newDek), Buffer.from(s.iv, 'base64'))
      .setAAD(AAD)
      .setAuthTag(Buffer.from(s.tag, 'base64'));
    text = Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw tampered();
  }
  const carry = JSON.parse(text) as DecisionCarry;
  if (carry.format !== 1) throw tampered();
  return carry;
}

/**
 * The restore's input with its sealed carry opened: checked before anything is copied, so a
 * refused carry changes nothing. A restore without one (a new laptop's) carries nothing.
 */
export function openRestoreCarry<T extends Readonly<Record<string, unknown>>>(
  carry: T,
  newDek: Buffer,
): T & { decisions?: DecisionCarry } {
  if (carry.decisions === undefined) return carry;
  return { ...carry, decisions: openCarry(carry.decisions, newDek) };
}

// --- The plan: what the restored vault lacks of the carried decisions (read-only, also the preview).

interface Plan {
  audit: { mode: 'verbatim' | 'appended'; rows: AuditRow[] };
  erasures: number;
  users: Row[];
  purposes: Row[];
  /** Purposes the restored vault holds as they were before the owner changed them. */
  purposesChanged: Row[];
  documents: Row[];
  restrictions: { id: number; restricted: number }[];
  keeps: { id: number; keep_until: number | null; keep_reason: string | null }[];
  cleared: { id: number; name_norm: string; fields: string[] }[];
  consent: Row[];
  requestsNew: Row[];
  requestsAnswered: Row[];
  incidentsNew: Row[];
  incidentsChanged: Row[];
  notices: Row[];
  corrections: Row[];
  /** Voids the restored sales lack (`id` is the restored vault's id of the sale). */
  voids: Row[];
  /** Corrected sales the restored vault lacks, in id order (a correction may correct another). */
  saleCorrections: Row[];
  fieldsStopped: Row[];
  staffRemoved: string[];
  /** Whether the restored vault's member programme (settings, rewards) becomes the carried one. */
  memberProgramme: boolean;
  adjustments: AdjustmentPlan;
  undo: RestorePreview['undoes'];
}

function planCarry(db: Db, carry: DecisionCarry): Plan {
  const customer = db.prepare('SELECT * FROM customers WHERE id = ?');
  const same = (id: unknown, createdAt: unknown): Row | undefined => {
    if (typeof id !== 'number') return undefined;
    const r = customer.get(id) as Row | undefined;
    return r && r.created_at === createdAt ? r : undefined;
  };
  const plan: Plan = {
    audit: planAudit(db, carry.audit),
    erasures: carry.erasure.erasures.filter((e) => same(e.customer_id, e.customer_created_at)).length,
    users: missing(db, 'users', carry.users, ['id']),
    purposes: missing(db, 'purposes', carry.purposes, ['id']),
    purposesChanged: purposesChanged(db, carry.purposes),
    documents: missing(db, 'documents', carry.documents, ['kind', 'version']),
    restrictions: [],
    keeps: [],
    cleared: [],
    consent: [],
    requestsNew: [],
    requestsAnswered: [],
    incidentsNew: [],
    incidentsChanged: [],
    notices: [],
    corrections: [],
    voids: [],
    saleCorrections: [],
    fieldsStopped: [],
    staffRemoved: [],
    memberProgramme: programmeDiffers(db, carry.programme),
    adjustments: { missing: [], leaving: [], applied: 0, undone: 0 },
    undo: {
      customersAdded: 0,
      customersEdited: 0,
      purchases: 0,
      consentChanges: 0,
      settingsChanged: Object.entries(shopSettings(db)).filter(
        ([k, v]) => k in carry.settings && carry.settings[k] !== v,
      ).length,
      pointAdjustments: 0,
    },
  };
  const erased = new Set(carry.erasure.erasures.map((e) => `${e.customer_id}:${e.customer_created_at}`));
  const live = new Set<number>();
  for (const c of carry.customers) {
    const r = same(c.id, c.created_at);
    if (!r) {
      plan.undo.customersAdded++;
      continue;
    }
    if (erased.has(`${c.id}:${c.created_at}`)) continue;
    live.add(c.id);
    if (r.restricted !== c.restricted) plan.restrictions.push({ id: c.id, restricted: c.restricted });
    if (r.keep_until !== c.keep_until || r.keep_reason !== c.keep_reason)
      plan.keeps.push({ id: c.id, keep_until: c.keep_until, keep_reason: c.keep_reason });
    const fields = OPTIONAL_FIELDS.filter(
      (f, i) => (c.empty & (1 << i)) !== 0 && r[f] !== null && r[f] !== '',
    ) as string[];
    if (fields.length) plan.cleared.push({ id: c.id, name_norm: r.name_norm as string, fields });
    // An edit the restore takes back: the details differ even once the cleared fields are cleared.
    if (detailsDigest(r, fields) !== c.digest) plan.undo.customersEdited++;
  }
  // A correction the customer asked for (its request answered since the backup) is carried whole.
  const answered = new Set(
    carry.requests
      .filter((r) => r.type === 'correction' && r.status === 'done')
      .filter((r) => {
        const have = db.prepare('SELECT status, created_at FROM requests WHERE id = ?').get(r.id) as
          Row | undefined;
        return !have || have.created_at !== r.created_at || have.status !== 'done';
      })
      .map((r) => r.customer_id),
  );
  const clearedOf = new Map(plan.cleared.map((c) => [c.id, c.fields]));
  for (const c of carry.corrected) {
    const r = live.has(c.id as number) ? same(c.id, c.created_at) : undefined;
    if (!r || !answered.has(c.id)) continue;
    // Counted above as an edit the restore undoes; carried instead.
    if (detailsDigest(r, clearedOf.get(c.id as number)) === detailsDigest(c)) continue;
    plan.corrections.push(c);
    plan.undo.customersEdited--;
  }
  const setting = db.prepare('SELECT enabled FROM field_settings WHERE key = ?').pluck();
  plan.fieldsStopped = carry.fieldSettings.filter((f) => f.enabled === 0 && setting.get(f.key) === 1);
  const activeUser = db.prepare('SELECT active FROM users WHERE id = ?').pluck();
  plan.staffRemoved = carry.users
    .filter((u) => u.active === 0 && activeUser.get(u.id) === 1)
    .map((u) => u.id as string);
  const hasEvent = db.prepare(
    'SELECT 1 FROM consent_events WHERE customer_id = ? AND purpose_id = ? AND action = ? AND at = ? AND method = ?',
  );
  for (const e of carry.consent) {
    if (!live.has(e.customer_id as number) || !same(e.customer_id, e.customer_created_at)) {
      // A customer added since the backup goes, and the consents they gave or withdrew with them
      // (an erased customer's are gone by the erasure, not by the restore).
      if (!erased.has(`${String(e.customer_id)}:${String(e.customer_created_at)}`))
        plan.undo.consentChanges++;
      continue;
    }
    if (!hasEvent.get(e.customer_id, e.purpose_id, e.action, e.at, e.method)) plan.consent.push(e);
  }
  const link = (r: Row): Row => ({
    ...r,
    customer_id:
      live.has(r.customer_id as number) && same(r.customer_id, r.customer_created_at) ? r.customer_id : null,
  });
  const request = db.prepare('SELECT * FROM requests WHERE id = ?');
  for (const r of carry.requests) {
    const have = request.get(r.id) as Row | undefined;
    if (!have || have.created_at !== r.created_at) plan.requestsNew.push(link(r));
    else if (ANSWER_COLUMNS.some((k) => have[k] !== r[k])) plan.requestsAnswered.push(r);
  }
  const incident = db.prepare('SELECT * FROM incidents WHERE id = ?');
  for (const r of carry.incidents) {
    const have = incident.get(r.id) as Row | undefined;
    if (!have || have.created_at !== r.created_at) plan.incidentsNew.push(r);
    else if (Object.keys(have).some((k) => k in r && have[k] !== r[k])) plan.incidentsChanged.push(r);
  }
  const notice = db.prepare('SELECT 1 FROM incident_notices WHERE id = ? AND incident_id = ? AND at = ?');
  const newIncidents = new Set(plan.incidentsNew.map((r) => r.id));
  for (const n of carry.notices) {
    if (newIncidents.has(n.incident_id) || !notice.get(n.id, n.incident_id, n.at)) plan.notices.push(link(n));
  }
  planSales(db, carry, plan);
  plan.adjustments = planAdjustments(db, carry.adjustments ?? [], {
    live: (id, createdAt) => live.has(id) && same(id, createdAt) !== undefined,
    saleCorrections: plan.saleCorrections,
    correctionPoints: carry.correctionPoints ?? [],
    voids: plan.voids,
    consent: plan.consent,
    memberPurposeId: carry.programme?.settings.purposeId ?? memberPurposeId(db),
  });
  plan.undo.pointAdjustments = plan.adjustments.undone;
  return plan;
}

/**
 * Voids and corrections of sales made since the backup: a sale the restored vault holds (the same
 * id and creation time) is voided again, and the sale that corrects it is put back (it is a
 * correction of the books, not a new sale the restore takes back).
 */
function planSales(db: Db, carry: DecisionCarry, plan: Plan): void {
  const sale = db.prepare('SELECT created_at FROM purchases WHERE id = ?').pluck();
  const restored = new Set<string>();
  for (let i = 0; i < carry.purchases.length; i += 2) {
    if (sale.get(carry.purchases[i]) === carry.purchases[i + 1])
      restored.add(`${carry.purchases[i]}:${carry.purchases[i + 1]}`);
  }
  const has = (id: unknown, createdAt: unknown) =>
    restored.has(`${String(id)}:${String(createdAt)}`) || sale.get(id) === createdAt;
  const carried = new Set<string>();
  for (const c of carry.saleCorrections) {
    if (has(c.id, c.created_at)) continue;
    const key = `${String(c.corrects)}:${String(c.corrects_created_at)}`;
    if (!has(c.corrects, c.corrects_created_at) && !carried.has(key)) continue;
    plan.saleCorrections.push(c);
    carried.add(`${String(c.id)}:${String(c.created_at)}`);
  }
  const voided = db.prepare('SELECT voided_at FROM purchases WHERE id = ? AND created_at = ?').pluck();
  for (const v of carry.voids) {
    const inRestored = sale.get(v.id) === v.created_at;
    if (
      inRestored
        ? voided.get(v.id, v.created_at) === null
        : carried.has(`${String(v.id)}:${String(v.created_at)}`)
    )
      plan.voids.push(v);
  }
  for (let i = 0; i < carry.purchases.length; i += 2) {
    const key = `${carry.purchases[i]}:${carry.purchases[i + 1]}`;
    if (!restored.has(key) && !carried.has(key)) plan.undo.purchases++;
  }
  // Replayed in the order they were made: each takes back what the member had then.
  plan.voids.sort((a, b) => (a.voided_at as number) - (b.voided_at as number));
}

/** Carried rows whose key the restored table lacks. */
function missing(db: Db, table: string, rows: Row[], key: string[]): Row[] {
  const has = db.prepare(`SELECT 1 FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`);
  return rows.filter((r) => !has.get(...key.map((k) => r[k])));
}

/**
 * The chain since the backup. When the restored chain's head is an entry of the carried run (the
 * same shop's chain, the usual case), the entries after it are put back as they were (ids,
 * hashes): the chain then reads exactly as before the restore and verifies. Otherwise (another
 * chain) each carried entry the restored chain lacks is appended anew, with its original time.
 */
function planAudit(db: Db, rows: AuditRow[]): Plan['audit'] {
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const headId = head?.id ?? 0;
  const at = rows.findIndex((r) => r.id === headId);
  if ((headId === 0 && rows[0]?.id === 1) || (at >= 0 && rows[at]!.hash === head!.hash))
    return { mode: 'verbatim', rows: rows.filter((r) => r.id > headId) };
  const known = new Set(
    db
      .prepare('SELECT hash FROM audit_log WHERE id >= ?')
      .pluck()
      .all(rows[0]?.id ?? 0) as string[],
  );
  return { mode: 'appended', rows: rows.filter((r) => !known.has(r.hash)) };
}

function counts(plan: Plan): RestorePreview['reapplies'] {
  const withdrawals = plan.consent.filter((e) => e.action !== 'granted').length;
  return {
    erasures: plan.erasures,
    restrictions: plan.restrictions.length,
    consentWithdrawals: withdrawals,
    consentGrants: plan.consent.length - withdrawals,
    clearedFields: plan.cleared.reduce((n, c) => n + c.fields.length, 0),
    keeps: plan.keeps.length,
    requests: plan.requestsNew.length + plan.requestsAnswered.length,
    objections: [...plan.requestsNew, ...plan.requestsAnswered].filter((r) => r.type === 'objection').length,
    incidents: plan.incidentsNew.length + plan.incidentsChanged.length,
    corrections: plan.corrections.length,
    voids: plan.voids.length,
    saleCorrections: plan.saleCorrections.length,
    fieldsStopped: plan.fieldsStopped.length,
    staffRemoved: plan.staffRemoved.length,
    memberProgramme: plan.memberProgramme ? 1 : 0,
    pointAdjustments: plan.adjustments.applied,
    purposes: plan.purposes.length + plan.purposesChanged.length,
    auditEntries: plan.audit.rows.length,
  };
}

/** Opens a backup read-only with its code or kept key (SQLCipher 4, as backups are written). */
function openBackup(path: string, secret: { code: string } | BackupKey, nativeBinding?: string): Db {
  const db = new Database(path, {
    ...(nativeBinding ? { nativeBinding } : {}),
    readonly: true,
    fileMustExist: true,
  });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    if ('code' in secret) db.pragma(`key = '${secret.code.replace(/'/g, "''")}'`);
    else db.pragma(`key = "x'${secret.key.toString('hex')}${secret.salt.toString('hex')}'"`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A backup of an older schema, migrated in memory only: its pages are copied decrypted into an
 * in-memory database (nothing of it reaches the disk: sorts and temporary indexes stay in memory
 * too) and migrated the way a restore migrates it. Null when it cannot be (a newer schema, or a
 * migration refuses it): the screen then says it cannot compare.
 */
function migratedCopy(backup: Db): Db | null {
  const pages = backup.serialize();
  let copy: Db | null = null;
  try {
    copy = new Database(pages);
    copy.pragma('temp_store = MEMORY');
    copy.pragma('foreign_keys = ON');
    migrate(copy);
    return copy;
  } catch {
    copy?.close();
    return null;
  } finally {
    pages.fill(0);
  }
}

/**
 * What restoring this (verified) backup would undo and apply again, read from the file itself;
 * never writes it. A backup of an older schema is compared through a copy migrated in memory.
 * Null only when it cannot be compared at all (see migratedCopy).
 */
export function previewBackup(
  path: string,
  secret: { code: string } | BackupKey,
  carry: DecisionCarry,
  nativeBinding?: string,
): RestorePreview | null {
  const backup = openBackup(path, secret, nativeBinding);
  let db: Db | null = backup;
  try {
    if ((backup.pragma('user_version', { simple: true }) as number) !== latestVersion())
      db = migratedCopy(backup);
    if (!db) return null;
    const plan = planCarry(db, carry);
    return { undoes: plan.undo, reapplies: counts(plan) };
  } finally {
    if (db && db !== backup) db.close();
    backup.close();
  }
}

/**
 * Where a backup ends, from its manifest (read, not verified: the restore verifies the file
 * before it uses it): bounds what a restore of a file not verified first carries. Null when the
 * file cannot be read with this secret (the restore then refuses it anyway).
 */
export function backupSince(
  path: string,
  secret: { code: string } | BackupKey,
  nativeBinding?: string,
): CarrySince | null {
  let db: Db;
  try {
    db = openBackup(path, secret, nativeBinding);
  } catch {
    return null;
  }
  try {
    const text = db.prepare(`SELECT value FROM ${MANIFEST} WHERE key = 'manifest'`).pluck().get() as
      string | undefined;
    if (!text) return null;
    const last = (table: string) =>
      db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
    // The backup's own last entries (its manifest counts them; ids tell them exactly).
    return {
      ...sinceOf(JSON.parse(text) as Manifest),
      auditCount: last('audit_log'),
      consentCount: last('consent_events'),
    };
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Where the backup with this manifest ends. */
export function sinceOf(m: Manifest): CarrySince {
  return {
    auditCount: m.counts.audit_log ?? 0,
    consentCount: m.counts.consent_events ?? 0,
    createdAt: m.createdAt,
  };
}

// --- Applying the plan to the restored copy (before it becomes the vault).

/**
 * Puts the corrected sales back (their own id unless the restored vault gave it to another sale)
 * and voids again what was voided; then each customer concerned gets the last activity and so the
 * deletion date those leave (a voided sale is not activity). Runs after the carried erasures: a
 * correction of an erased customer's sale stays anonymous, like the sale it corrects.
 */
function reapplySales(db: Db, plan: Plan, carried: Row[], adjustments: AdjustmentReplay): void {
  const points = new Map<unknown, Row[]>();
  for (const p of carried) points.set(p.purchase_id, [...(points.get(p.purchase_id) ?? []), p]);
  const ids = new Map<unknown, number>();
  const taken = db.prepare('SELECT 1 FROM purchases WHERE id = ?');
  const ownerOf = db.prepare('SELECT customer_id FROM purchases WHERE id = ?').pluck();
  const touched = new Set<number>();
  for (const c of plan.saleCorrections) {
    const corrects = ids.get(c.corrects) ?? (c.corrects as number);
    const customer = ownerOf.get(corrects) as number | null;
    const row = { ...c, corrects, customer_id: customer };
    const id = insertRow(db, 'purchases', row, taken.get(c.id) ? ['id'] : []);
    ids.set(c.id, id);
    if (customer !== null) {
      touched.add(customer);
      correctionPointsBack(db, customer, id, c.created_at as number, points.get(c.id) ?? []);
    }
  }
  for (const v of plan.voids) {
    // The owner's adjustments made before this void are in before it.
    adjustments.until(v.voided_at as number);
    const id = ids.get(v.id) ?? (v.id as number);
    reapplyVoid(db, { voided_at: v.voided_at, voided_by: v.voided_by, void_reason: v.void_reason, id });
    // The void took the sale's points back; it does so again in the restored ledger.
    reverseSale(db, id, v.voided_by as string, v.voided_at as number);
    const customer = ownerOf.get(id) as number | null;
    if (customer !== null) touched.add(customer);
  }
  const writer = customerWriter(db);
  for (const id of touched) writer.refreshActivity(id);
}

/**
 * A correction put back brings its member points with it (what it earned, what its reward cost),
 * as ledger rows of the restored vault's own; a redemption the restored balance cannot cover is
 * taken down to it (the balance never goes below zero). A withdrawal or erasure carried after
 * this still takes the whole ledger away.
 */
function correctionPointsBack(db: Db, customerId: number, purchaseId: number, at: number, rows: Row[]): void {
  // A reward or a cashier added since the backup is not in the restored vault: the row keeps its
  // points without naming them.
  const known = (table: 'loyalty_rewards' | 'users', id: unknown) =>
    id !== null && db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined ? id : null;
  for (const r of rows) {
    const wanted = r.points as number;
    const points = wanted < 0 ? -Math.min(-wanted, balanceOf(db, customerId)) : wanted;
    if (points === 0) continue;
    appendEntry(db, {
      customerId,
      kind: r.kind as 'earned' | 'redeemed',
      points,
      purchaseId,
      rewardId: known('loyalty_rewards', r.reward_id ?? null) as number | null,
      actor: known('users', r.recorded_by ?? null) as string | null,
      at,
    });
  }
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

function insertRow(db: Db, table: RestoreCopiedTable, row: Row, omit: string[] = []): number {
  const columns = columnsOf(db, table).filter((c) => c in row && !omit.includes(c));
  const info = db
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    )
    .run(Object.fromEntries(columns.map((c) => [c, row[c]])));
  return Number(info.lastInsertRowid);
}

/**
 * Applies every carried decision to the restored vault and records a `restore.carried` entry with
 * the counts. The carried audit entries go first, so the restored chain continues the current one.
 */
export function reapplyDecisions(db: Db, carry: DecisionCarry | undefined): void {
  if (!carry) return;
  const plan = planCarry(db, carry);
  db.transaction(() => {
    for (const r of plan.audit.rows) {
      if (plan.audit.mode === 'verbatim') insertRow(db, 'audit_log', r as unknown as Row);
      else
        auditInTransaction(db, {
          at: r.at,
          actor: r.actor,
          action: r.action,
          target: r.target,
          outcome: r.outcome,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
        });
    }
    // Staff named by carried rows (a cashier added since the backup) come back without a login.
    for (const u of plan.users) insertRow(db, 'users', { ...u, active: 0 });
    for (const p of plan.purposes) insertRow(db, 'purposes', p);
    reapplyPurposeChanges(db, plan.purposesChanged);
    for (const d of plan.documents) insertRow(db, 'documents', d);
    // Before the consent events: a carried withdrawal from the member purpose forfeits its points.
    reapplyProgramme(db, carry.programme, carry.at);
  })();
  reapplyErasures(db, carry.erasure);
  db.transaction(() => {
    const writer = customerWriter(db);
    for (const r of plan.restrictions) writer.restoreColumns(r.id, { restricted: r.restricted });
    for (const k of plan.keeps)
      writer.restoreColumns(k.id, { keep_until: k.keep_until, keep_reason: k.keep_reason });
    for (const c of plan.cleared)
      writer.restoreColumns(c.id, Object.fromEntries(c.fields.map((f) => [f, null])));
    for (const c of plan.corrections) {
      try {
        // Its own savepoint: a phone another restored customer holds leaves this one as it was.
        db.transaction(() =>
          writer.restoreColumns(
            c.id as number,
            Object.fromEntries(['name_norm', ...DETAILS].map((f) => [f, c[f]])),
          ),
        )();
      } catch {
        // Left as restored: the corrected phone now belongs to another restored customer (rare).
      }
    }
    const adjustments = adjustmentReplay(db, plan.adjustments);
    reapplySales(db, plan, carry.correctionPoints ?? [], adjustments);
    for (const f of plan.fieldsStopped) reapplyFieldStopped(db, f.key as string, f.purpose);
    for (const id of plan.staffRemoved) reapplyUserRemoved(db, id);
    if (carry.sequences.length && hasSequences(db)) carrySequences(db, carry.sequences);
    const ledger = consentLedger(db);
    for (const e of plan.consent) ledger.followRestoredEvent(insertRow(db, 'consent_events', e, ['id']), e);
    // The rest after the consent events (a carried end of membership empties the ledger first).
    adjustments.rest();
    plan.adjustments = { ...plan.adjustments, applied: adjustments.applied, undone: adjustments.undone };
    reapplyMemberCodes(db, carry.memberCodes ?? []);
    reapplyPhoneConfirmations(db, carry.phoneConfirmations ?? []);
    reapplyJoinCodes(db, carry.joinCodes ?? [], carry.at);
    const taken = db.prepare('SELECT 1 FROM requests WHERE id = ?');
    for (const r of plan.requestsNew) insertRow(db, 'requests', r, taken.get(r.id) ? ['id'] : []);
    for (const r of plan.requestsAnswered) reapplyAnswer(db, r);
    const incidentIds = new Map<unknown, number>();
    const takenIncident = db.prepare('SELECT 1 FROM incidents WHERE id = ?');
    for (const r of plan.incidentsNew)
      incidentIds.set(r.id, insertRow(db, 'incidents', r, takenIncident.get(r.id) ? ['id'] : []));
    const incidentColumns = columnsOf(db, 'incidents').filter((c) => c !== 'id');
    for (const r of plan.incidentsChanged)
      reapplyIncidentChange(
        db,
        r.id,
        Object.fromEntries(incidentColumns.filter((c) => c in r).map((k) => [k, r[k]])),
      );
    const takenNotice = db.prepare('SELECT 1 FROM incident_notices WHERE id = ?');
    for (const n of plan.notices) {
      const row = { ...n, incident_id: incidentIds.get(n.incident_id) ?? n.incident_id };
      insertRow(db, 'incident_notices', row, takenNotice.get(n.id) ? ['id'] : []);
    }
    auditInTransaction(db, {
      at: carry.at,
      actor: null,
      action: 'restore.carried',
      outcome: 'ok',
      detail: {
        ...counts(plan),
        pointAdjustmentsUndone: plan.adjustments.undone,
        audit: plan.audit.mode,
      },
    });
  })();
  if (plan.cleared.length || plan.corrections.length) purgeIndexRemnants(db);
}
