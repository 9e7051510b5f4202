import { counterFacts } from '../lan/lan-store';
import type {
  DocKind,
  DocText,
  DocVersion,
  DocVersionInfo,
  OptionalField,
  Page,
} from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { listPurposes, whenMemberLeaves } from '../consent.service';
import { storedProgramme } from '../loyalty/purpose';
import { hasLedger } from '../loyalty/ledger';
import { listFields } from '../fields.service';
import { readPolicy } from '../retention/schedule';
import { getMeta, letterhead, noticeVersion, shopWhatsApp } from '../settings.service';
import { formatPhone } from '../phone';
import {
  DEFAULT_AUTHORITY,
  DOC_WORDING,
  noticeText,
  posterText,
  recordText,
  type NoticeInputs,
  type RecordInputs,
} from './notice-text';
import { shopDay } from '../../../shared/shop-time';

/**
 * Versions of the generated privacy notice and record of processing. A version is the facts the
 * text was generated from plus the text itself (both languages): any change to those facts makes
 * the next version, automatically, and old versions stay readable as they were.
 */

export interface KeystoreFacts {
  backend: string;
  isProtected: boolean;
}

export function noticeInputs(db: Db): NoticeInputs {
  return {
    shop: { name: getMeta(db, 'shop_name') ?? '', contact: getMeta(db, 'shop_contact') ?? '' },
    fields: listFields(db)
      .filter((f) => f.enabled)
      .map((f) => ({ key: f.key as OptionalField, purpose: f.purpose })),
    purposes: listPurposes(db)
      .filter((p) => p.active)
      .map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        basis: p.legalBasis,
        channel: p.channel,
      })),
    retention: readPolicy(db),
    recipients: (getMeta(db, 'recipients') ?? '').split('\n').filter(Boolean),
    ...loyaltyFacts(db),
    authority: getMeta(db, 'breach_authority') || DEFAULT_AUTHORITY,
    wording: DOC_WORDING,
    ...(shopWhatsApp(db) ? { whatsappConsent: formatPhone(shopWhatsApp(db)!) } : {}),
  };
}

/**
 * The programme's facts the notice states: while it is on, and while it is off but points are
 * still kept (paused: the notice must still say what is held). A shop that never ran one keeps
 * its version.
 */
function loyaltyFacts(db: Db): Pick<NoticeInputs, 'loyalty'> {
  const p = storedProgramme(db);
  const facts = { mode: p.mode, rupiahPer: p.rupiahPer, expiryMonths: p.expiryMonths };
  // How one joins is said while one can join (the setting is the rule main enforces).
  if (p.enabled) return { loyalty: { ...facts, joinProof: p.joinProof } };
  return hasLedger(db) ? { loyalty: { ...facts, paused: true } } : {};
}

export function recordInputs(db: Db, keystore: KeystoreFacts): RecordInputs {
  const count = (role: string) =>
    db.prepare('SELECT count(*) FROM users WHERE role = ? AND active = 1').pluck().get(role) as number;
  return {
    ...noticeInputs(db),
    address: letterhead(db).address,
    users: { owners: count('owner'), cashiers: count('cashier') },
    security: {
      autoLockMinutes: Number(getMeta(db, 'auto_lock_minutes') ?? 5),
      backups: {
        enabled: Boolean(getMeta(db, 'backup_key')),
        auto: getMeta(db, 'backup_auto') === '1',
        keepDaily: Number(getMeta(db, 'backup_keep_daily') ?? 7),
        keepWeekly: Number(getMeta(db, 'backup_keep_weekly') ?? 4),
      },
      keystore: keystore.backend,
      keystoreProtected: keystore.isProtected,
      counters: counterFacts(db),
    },
  };
}

/** What customers consent to: a change here may call for asking them again. */
function consentFacts(inputs: NoticeInputs): string {
  return JSON.stringify({
    purposes: inputs.purposes.filter((p) => p.basis === 'consent'),
    fields: inputs.fields,
  });
}

const dayText = shopDay;

function render(
  kind: DocKind,
  inputs: NoticeInputs | RecordInputs,
  lang: 'id' | 'en',
  version: number,
  at: number,
) {
  const date = dayText(at, lang);
  return kind === 'notice'
    ? noticeText(inputs, lang, version, date)
    : recordText(inputs as RecordInputs, lang, version, date);
}

interface Row {
  kind: DocKind;
  version: number;
  created_at: number;
  inputs: string;
  text_id: string;
  text_en: string;
  touches_consent: number;
}

function latest(db: Db, kind: DocKind): Row | undefined {
  return db.prepare('SELECT * FROM documents WHERE kind = ? ORDER BY version DESC LIMIT 1').get(kind) as
    Row | undefined;
}

/**
 * The version in force for these facts: the latest one if its facts are the same, otherwise a new
 * version made now. Returns its number.
 */
function ensureVersion(db: Db, kind: DocKind, inputs: NoticeInputs | RecordInputs, now: number): number {
  const json = JSON.stringify(inputs);
  const last = latest(db, kind);
  if (last && last.inputs === json) return last.version;
  const version = (last?.version ?? 0) + 1;
  const touches =
    kind === 'notice' &&
    (!last ||
      last.inputs === '{}' ||
      consentFacts(JSON.parse(last.inputs) as NoticeInputs) !== consentFacts(inputs));
  db.prepare(
    'INSERT INTO documents (kind, version, created_at, inputs, text_id, text_en, touches_consent) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    kind,
    version,
    now,
    json,
    JSON.stringify(render(kind, inputs, 'id', version, now)),
    JSON.stringify(render(kind, inputs, 'en', version, now)),
    touches ? 1 : 0,
  );
  return version;
}

/** Called after every change to a setting the notice depends on (and at setup and unlock). */
export function refreshNotice(db: Db, now: number): number {
  return ensureVersion(db, 'notice', noticeInputs(db), now);
}

/**
 * A customer's points were just forfeited (withdrawal, erasure): when that was the last ledger of a
 * paused programme, the notice stops saying points are kept now, not at the next unlock.
 */
export function refreshNoticeIfLedgerGone(db: Db, now: number): void {
  if (storedProgramme(db).enabled || hasLedger(db)) return;
  const last = latest(db, 'notice');
  if (last?.inputs.includes('"paused":true')) refreshNotice(db, now);
}
whenMemberLeaves(refreshNoticeIfLedgerGone);

export function refreshRecord(db: Db, now: number, keystore: KeystoreFacts): number {
  return ensureVersion(db, 'record', recordInputs(db, keystore), now);
}

function toDoc(r: Row, lang: 'id' | 'en', current: number): DocVersion {
  return {
    kind: r.kind,
    version: r.version,
    createdAt: r.created_at,
    touchesConsent: r.touches_consent === 1,
    current: r.version === current,
    text: JSON.parse(lang === 'id' ? r.text_id : r.text_en) as DocText,
  };
}

export function getDoc(db: Db, kind: DocKind, version: number, lang: 'id' | 'en'): DocVersion {
  const row = db.prepare('SELECT * FROM documents WHERE kind = ? AND version = ?').get(kind, version) as
    Row | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toDoc(row, lang, latest(db, kind)!.version);
}

export function listVersions(db: Db, kind: DocKind): DocVersionInfo[] {
  return (
    db
      .prepare(
        'SELECT version, created_at, touches_consent FROM documents WHERE kind = ? ORDER BY version DESC',
      )
      .all(kind) as { version: number; created_at: number; touches_consent: number }[]
  ).map((r) => ({ version: r.version, createdAt: r.created_at, touchesConsent: r.touches_consent === 1 }));
}

/** The one-page counter poster of a notice version (generated from that version's facts). */
/**
 * The consent purposes a notice version names, as it names them (a version kept from before its
 * facts were recorded names none here).
 */
export function consentPurposesOf(db: Db, version: number): { id: number; name: string }[] {
  const inputs = db
    .prepare("SELECT inputs FROM documents WHERE kind = 'notice' AND version = ?")
    .pluck()
    .get(version) as string | undefined;
  if (inputs === undefined) throw new AppError('NOT_FOUND');
  return ((JSON.parse(inputs) as Partial<NoticeInputs>).purposes ?? [])
    .filter((p) => p.basis === 'consent')
    .map((p) => ({ id: p.id, name: p.name }));
}

export function posterOf(db: Db, version: number, lang: 'id' | 'en'): DocText {
  const row = db.prepare("SELECT * FROM documents WHERE kind = 'notice' AND version = ?").get(version) as
    Row | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  if (row.inputs === '{}') return JSON.parse(lang === 'id' ? row.text_id : row.text_en) as DocText;
  return posterText(JSON.parse(row.inputs) as NoticeInputs, lang, version, dayText(row.created_at, lang));
}

/**
 * Customers whose standing consent (granted now, for a consent-based purpose) was given under a
 * notice older than the last version that changed what they consent to.
 */
export function staleConsents(
  db: Db,
  offset: number,
  limit: number,
): Page<{ id: number; name: string; version: number }> & { since: number | null } {
  const since =
    (db
      .prepare("SELECT max(version) FROM documents WHERE kind = 'notice' AND touches_consent = 1")
      .pluck()
      .get() as number | null) ?? null;
  if (since === null) return { total: 0, offset, items: [], since };
  const from = `FROM consent_state s JOIN consent_events e ON e.id = s.event_id JOIN customers c ON c.id = s.customer_id
    JOIN purposes p ON p.id = s.purpose_id
    WHERE s.granted = 1 AND p.legal_basis = 'consent' AND e.notice_version < @since`;
  const total = db.prepare(`SELECT count(DISTINCT c.id) ${from}`).pluck().get({ since }) as number;
  const items = db
    .prepare(
      `SELECT c.id, c.name, min(e.notice_version) AS version ${from} GROUP BY c.id ORDER BY c.name_norm, c.id LIMIT @limit OFFSET @offset`,
    )
    .all({ since, limit, offset }) as { id: number; name: string; version: number }[];
  return { total, offset, items, since };
}

export { noticeVersion };
