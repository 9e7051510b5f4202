import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { JoinConfirmed, JoinStarted } from '../../shared/contract/members';
import { text } from '../../shared/i18n/text';
import type { Language } from '../../shared/language';
import { seededText } from '../../shared/seeded-text';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import {
  consentStates,
  getPurpose,
  recordConsent,
  whenConsentWithdrawn,
  withdrawnByCustomer,
} from './consent.service';
import { assertUnrestrictedFor } from './customers.repo';
import { isOwner } from './users.repo';
import { formatPhone, phoneOrNull, reachesWhatsApp } from './phone';
import { qrSvg } from './qr';
import { consentPurposesOf } from './rights/documents';
import { fingerprint, fingerprintKey } from './retention/ledger';
import { noticeVersion, shopWhatsApp } from './settings.service';
import { waLink } from './whatsapp';

/**
 * Consent and phone proven from the customer's own WhatsApp (no network: the link reaches a
 * phone only through the QR on the screen or the poster).
 *
 * At the counter ('counter'): main makes a one-time code and a wa.me link to the SHOP's number
 * whose prefilled message names the purposes, the notice version and the code; the customer
 * scans the QR and sends it from their own phone. The cashier reads the code from the message on
 * the shop's phone and types it with the sender's number as WhatsApp shows it.
 *
 * From the poster ('reply'): the person has sent the poster's message (no code) to the shop; the
 * cashier opens or adds them with the number the message came from, and main makes a code and a
 * link to THAT number for the shop's phone to send; the customer answers with the code from
 * their phone, and the cashier types it in later, the same way.
 *
 * What holds: the code is 6 characters of 32 (2^30), only its salted hash is kept, it is spent
 * by its first use, it ends after JOIN_ATTEMPTS wrong tries and after its time, and a new one
 * replaces the customer's previous one; codes a cashier may make are capped per hour (the
 * caller's HourlyLimit), so the tries a cashier has in an hour are at most
 * JOIN_ATTEMPTS x that cap (150 against 10^9 codes). The phone is confirmed only when the
 * sender's whole number, typed from WhatsApp, is the number stored on the record: two readings
 * made apart (the form's, the message's) must agree, so a digit typed wrong anywhere in either
 * confirms nothing. A cashier sees the stored number masked, so cannot copy it into the sender's.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
/** Wrong tries (wrong code or wrong sender) before a code ends. */
export const JOIN_ATTEMPTS = 5;
/** How long a code lives: the customer at the counter sends it at once; a reply may take a day. */
export const JOIN_LIFETIME_MS = { counter: 15 * 60_000, reply: 24 * 3_600_000 } as const;
export type JoinKind = keyof typeof JOIN_LIFETIME_MS;

interface CodeRow {
  id: number;
  kind: JoinKind;
  salt: Buffer;
  hash: Buffer;
  purposes: string;
  notice_version: number;
  created_by: string;
  created_at: number;
  expires_at: number;
  attempts: number;
}

const hashOf = (salt: Buffer, code: string) => createHmac('sha256', salt).update(code).digest();

/** A fresh code, each character drawn uniformly from the alphabet. */
export function newJoinCode(): string {
  let out = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) out += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return out;
}

/** As typed (lower case, spaces, a dash): the code's own characters. */
export function typedJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function customerRow(db: Db, id: number) {
  const c = db.prepare('SELECT phone_e164, restricted, is_minor FROM customers WHERE id = ?').get(id) as
    { phone_e164: string | null; restricted: number; is_minor: number } | undefined;
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/**
 * The purposes a message may ask for: active, consent-based, and not taken back by the customer
 * unless the owner asks (as at the counter, a purpose the customer withdrew is asked again only
 * by the owner; the customer's own message is then their asking again, recorded with its code).
 */
function askablePurposes(db: Db, customerId: number, ids: readonly number[], actor: string): number[] {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  for (const id of unique) {
    const p = getPurpose(db, id);
    if (p.legalBasis !== 'consent' || !p.active)
      throw new AppError('CONFLICT', { reason: 'not_consent_purpose' });
    if (withdrawnByCustomer(db, customerId, id) && !isOwner(db, actor))
      throw new AppError('FORBIDDEN', { reason: 'consent_withdrawn' });
  }
  return unique;
}

/** The purposes' names as the customer reads them, joined. */
function purposeNames(db: Db, ids: readonly number[], lang: Language): string {
  return ids.map((id) => seededText(getPurpose(db, id).name, lang)).join(', ');
}

/** The shop's name as the messages sign it. */
function shopName(db: Db): string {
  return (
    (db.prepare("SELECT value FROM meta WHERE key = 'shop_name'").pluck().get() as string | undefined) ?? ''
  );
}

/**
 * Makes a customer's one-time code (replacing any code of theirs still open) and the link and QR
 * that carry it. The code itself is in the link only: what is kept is its salted hash.
 */
export function startJoin(
  db: Db,
  e: {
    customerId: number;
    purposeIds: readonly number[];
    kind: JoinKind;
    actor: string;
    now: number;
    lang: Language;
  },
): JoinStarted {
  return db.transaction(() => {
    const shop = shopWhatsApp(db);
    if (!shop) throw new AppError('CONFLICT', { reason: 'join_no_shop_whatsapp' });
    const c = customerRow(db, e.customerId);
    assertUnrestrictedFor(db, c, e.actor);
    // A minor's consent is the guardian's (Art. 25): a message from the child's phone proves nothing of it.
    if (c.is_minor === 1) throw new AppError('CONFLICT', { reason: 'join_minor' });
    if (!c.phone_e164) throw new AppError('CONFLICT', { reason: 'join_no_phone' });
    if (!reachesWhatsApp(c.phone_e164)) throw new AppError('CONFLICT', { reason: 'wa_not_mobile' });
    const purposeIds = askablePurposes(db, e.customerId, e.purposeIds, e.actor);
    const version = noticeVersion(db);
    const code = newJoinCode();
    const salt = randomBytes(16);
    endJoinCodesOf(db, e.customerId, e.now);
    const expiresAt = e.now + JOIN_LIFETIME_MS[e.kind];
    cachedStatement(
      db,
      `INSERT INTO join_codes (customer_id, kind, salt, hash, purposes, notice_version, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.customerId,
      e.kind,
      salt,
      hashOf(salt, code),
      JSON.stringify(purposeIds),
      version,
      e.actor,
      e.now,
      expiresAt,
    );
    const vars = { shop: shopName(db), purposes: purposeNames(db, purposeIds, e.lang), version, code };
    const link =
      e.kind === 'counter'
        ? waLink(shop, text(e.lang, 'core.join.counterMessage', vars))
        : waLink(c.phone_e164, text(e.lang, 'core.join.replyMessage', vars));
    return {
      kind: e.kind,
      link,
      qrSvg: qrSvg(link, { label: text(e.lang, 'core.join.qrLabel') }),
      expiresAt,
      noticeVersion: version,
      purposeIds,
      to: e.kind === 'counter' ? formatPhone(shop) : '',
    };
  })();
}

/**
 * The code read from the customer's message and the number it came from, as WhatsApp shows it.
 * Right (and in time): the code is spent, the consent to each purpose of the message is recorded
 * with method 'whatsapp', the code and the notice version of the message, and the phone is
 * confirmed. Wrong code or wrong sender: one try is counted (kept although the call fails: the
 * router commits what a refused call wrote, with its denial entry) and nothing else changes.
 */
export function confirmJoin(
  db: Db,
  e: { customerId: number; code: string; sender: string; actor: string; now: number },
): JoinConfirmed {
  const c = customerRow(db, e.customerId);
  assertUnrestrictedFor(db, c, e.actor);
  const row = cachedStatement(
    db,
    'SELECT id, kind, salt, hash, purposes, notice_version, created_by, created_at, expires_at, attempts FROM join_codes WHERE customer_id = ? AND ended IS NULL ORDER BY id DESC LIMIT 1',
  ).get(e.customerId) as CodeRow | undefined;
  if (!row || row.expires_at <= e.now) {
    if (endedByWithdrawal(db, e.customerId)) throw new AppError('FORBIDDEN', { reason: 'consent_withdrawn' });
    throw new AppError('CONFLICT', { reason: 'join_code_expired' });
  }
  const code = typedJoinCode(e.code);
  const codeOk = code.length === JOIN_CODE_LENGTH && timingSafeEqual(hashOf(row.salt, code), row.hash);
  const sender = phoneOrNull(e.sender);
  const senderOk = sender !== null && c.phone_e164 !== null && sender === c.phone_e164;
  if (!codeOk || !senderOk) {
    const attempts = row.attempts + 1;
    const worn = attempts >= JOIN_ATTEMPTS;
    cachedStatement(db, 'UPDATE join_codes SET attempts = ?, ended = ?, ended_at = ? WHERE id = ?').run(
      attempts,
      worn ? 'attempts' : null,
      worn ? e.now : null,
      row.id,
    );
    const reason = !codeOk ? 'join_code_wrong' : 'join_sender_mismatch';
    throw new AppError(
      'FORBIDDEN',
      { reason, attemptsLeft: JOIN_ATTEMPTS - attempts },
      { audit: { outcome: 'denied', detail: { code: 'FORBIDDEN', reason, attempts } } },
    );
  }
  return db.transaction(() => {
    cachedStatement(db, "UPDATE join_codes SET ended = 'used', ended_at = ? WHERE id = ?").run(e.now, row.id);
    for (const purposeId of JSON.parse(row.purposes) as number[]) {
      // A purpose the customer withdrew is given back only by a code the owner made after that:
      // not by one made before it, nor by a cashier's.
      if (
        withdrawnByCustomer(db, e.customerId, purposeId) &&
        !askedAgainByOwner(db, row, e.customerId, purposeId)
      )
        throw new AppError('FORBIDDEN', { reason: 'consent_withdrawn' });
      recordConsent(db, {
        customerId: e.customerId,
        purposeId,
        action: 'granted',
        method: 'whatsapp',
        actor: e.actor,
        at: e.now,
        proofCode: code,
        noticeVersion: row.notice_version,
      });
    }
    cachedStatement(
      db,
      `INSERT INTO phone_confirmations (customer_id, phone_fp, code, confirmed_by, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(customer_id) DO UPDATE SET phone_fp = excluded.phone_fp, code = excluded.code,
         confirmed_by = excluded.confirmed_by, at = excluded.at`,
    ).run(e.customerId, phoneFp(db, sender), code, e.actor, e.now);
    return { consents: consentStates(db, e.customerId), phoneConfirmedAt: e.now };
  })();
}

/**
 * The customer withdrew from a purpose: their open code naming it ends ('replaced': what it asked
 * is answered), so only a code made after the withdrawal can give the purpose back, even when the
 * clock was set back as the withdrawal was recorded (then its time would be before the code's).
 */
function endCodesNaming(db: Db, customerId: number, purposeId: number, at: number): void {
  cachedStatement(
    db,
    `UPDATE join_codes SET ended = 'replaced', ended_at = ?
     WHERE customer_id = ? AND ended IS NULL AND EXISTS (SELECT 1 FROM json_each(purposes) WHERE value = ?)`,
  ).run(at, customerId, purposeId);
}
whenConsentWithdrawn(endCodesNaming);

/** A request to withdraw was recorded: every open code of the customer ends, as endCodesNaming. */
export function endJoinCodesOf(db: Db, customerId: number, at: number): void {
  cachedStatement(
    db,
    "UPDATE join_codes SET ended = 'replaced', ended_at = ? WHERE customer_id = ? AND ended IS NULL",
  ).run(at, customerId);
}

/**
 * Whether the customer's newest code was ended by their withdrawal from a purpose it named (a code
 * replaced by a new one has that newer one after it): the cashier is told why, not "expired".
 */
function endedByWithdrawal(db: Db, customerId: number): boolean {
  const last = cachedStatement(
    db,
    'SELECT ended, purposes FROM join_codes WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
  ).get(customerId) as { ended: string | null; purposes: string } | undefined;
  return (
    last?.ended === 'replaced' &&
    (JSON.parse(last.purposes) as number[]).some((p) => withdrawnByCustomer(db, customerId, p))
  );
}

function askedAgainByOwner(db: Db, row: CodeRow, customerId: number, purposeId: number): boolean {
  // A request to withdraw still open is the customer's no as much as a recorded withdrawal: a
  // code made before it is not their asking again.
  const withdrawnAt = cachedStatement(
    db,
    `SELECT max(
       (SELECT coalesce(max(at), 0) FROM consent_events
        WHERE customer_id = @c AND purpose_id = @p AND action = 'withdrawn'),
       (SELECT coalesce(max(received_at), 0) FROM requests
        WHERE customer_id = @c AND type = 'withdrawal' AND status = 'open'))`,
  )
    .pluck()
    .get({ c: customerId, p: purposeId }) as number;
  return isOwner(db, row.created_by) && row.created_at >= withdrawnAt;
}

function phoneFp(db: Db, e164: string): string {
  return fingerprint(fingerprintKey(db), 'phone', e164)!;
}

/**
 * When the customer's phone was confirmed by their own message, or null: also when the number
 * was changed since (the confirmation was of another number).
 */
export function phoneConfirmedAt(db: Db, customerId: number, e164: string | null): number | null {
  if (!e164) return null;
  const row = cachedStatement(db, 'SELECT phone_fp, at FROM phone_confirmations WHERE customer_id = ?').get(
    customerId,
  ) as { phone_fp: string; at: number } | undefined;
  return row && row.phone_fp === phoneFp(db, e164) ? row.at : null;
}

/** A confirmed phone as a restore carries it (customer id and creation time name the record). */
export interface CarriedPhoneConfirmation {
  customer_id: number;
  created_at: number;
  phone_fp: string;
  code: string;
  confirmed_by: string;
  at: number;
}

export function phoneConfirmationsToCarry(db: Db): CarriedPhoneConfirmation[] {
  return db
    .prepare(
      `SELECT p.customer_id, c.created_at, p.phone_fp, p.code, p.confirmed_by, p.at
       FROM phone_confirmations p JOIN customers c ON c.id = p.customer_id ORDER BY p.customer_id`,
    )
    .all() as CarriedPhoneConfirmation[];
}

/**
 * A restore: a confirmation made since the backup comes back to the same record (id and creation
 * time); it holds only while the record's number is the one confirmed (phoneConfirmedAt).
 */
export function reapplyPhoneConfirmations(db: Db, carried: readonly CarriedPhoneConfirmation[]): void {
  const same = db.prepare('SELECT 1 FROM customers WHERE id = ? AND created_at = ?');
  const user = db.prepare('SELECT 1 FROM users WHERE id = ?');
  const put = db.prepare(
    `INSERT INTO phone_confirmations (customer_id, phone_fp, code, confirmed_by, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(customer_id) DO UPDATE SET phone_fp = excluded.phone_fp, code = excluded.code,
       confirmed_by = excluded.confirmed_by, at = excluded.at WHERE excluded.at > phone_confirmations.at`,
  );
  for (const p of carried) {
    if (!same.get(p.customer_id, p.created_at) || !user.get(p.confirmed_by)) continue;
    put.run(p.customer_id, p.phone_fp, p.code, p.confirmed_by, p.at);
  }
}

/**
 * How far a code got (never the code): a restore keeps a spent or worn code ended, and one made
 * since the backup is remembered (as asked, ended) so the counter's offer rule still knows it.
 */
export interface CarriedJoinCode {
  id: number;
  customer_id: number;
  created_at: number;
  attempts: number;
  ended: string | null;
  ended_at: number | null;
  /** The rest of the row, to remember a code the restored vault lacks (absent in older carries). */
  customer_created_at?: number;
  kind?: JoinKind;
  purposes?: string;
  notice_version?: number;
  created_by?: string;
  expires_at?: number;
}

export function joinCodesToCarry(db: Db): CarriedJoinCode[] {
  return db
    .prepare(
      `SELECT j.id, j.customer_id, j.created_at, j.attempts, j.ended, j.ended_at,
         c.created_at AS customer_created_at, j.kind, j.purposes, j.notice_version, j.created_by, j.expires_at
       FROM join_codes j JOIN customers c ON c.id = j.customer_id ORDER BY j.id`,
    )
    .all() as CarriedJoinCode[];
}

/**
 * A restore: a code used, replaced or worn out since the backup stays so (single use), and the
 * wrong tries made since still count; the restored vault's same code (id, customer and creation
 * time) takes the carried state. A code that was open in the backup would otherwise take the
 * customer's message again and record a second consent. A code made since the backup, of a
 * customer the restored vault holds, comes back ended (its secret does not travel, and a restore
 * answers what it asked): the customer was asked, and the counter is not prompted again to ask.
 */
export function reapplyJoinCodes(db: Db, carried: readonly CarriedJoinCode[], now: number): void {
  const put = db.prepare(
    `UPDATE join_codes SET attempts = max(attempts, ?), ended = coalesce(ended, ?),
       ended_at = coalesce(ended_at, ?) WHERE id = ? AND customer_id = ? AND created_at = ?`,
  );
  const same = db.prepare('SELECT 1 FROM customers WHERE id = ? AND created_at = ?');
  const user = db.prepare('SELECT 1 FROM users WHERE id = ?');
  const taken = db.prepare('SELECT 1 FROM join_codes WHERE id = ?');
  const remember = db.prepare(
    `INSERT INTO join_codes (id, customer_id, kind, salt, hash, purposes, notice_version, created_by,
       created_at, expires_at, attempts, ended, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of carried) {
    if (put.run(c.attempts, c.ended, c.ended_at, c.id, c.customer_id, c.created_at).changes > 0) continue;
    if (c.customer_created_at === undefined || c.kind === undefined || c.created_by === undefined) continue;
    if (!same.get(c.customer_id, c.customer_created_at) || !user.get(c.created_by)) continue;
    remember.run(
      taken.get(c.id) ? null : c.id,
      c.customer_id,
      c.kind,
      // Never matched: the code is ended.
      randomBytes(16),
      randomBytes(32),
      c.purposes,
      c.notice_version,
      c.created_by,
      c.created_at,
      c.expires_at,
      c.attempts,
      c.ended ?? 'replaced',
      c.ended_at ?? now,
    );
  }
}

/**
 * The poster's general link: the shop's number with a message naming the purposes and the notice
 * version, no code (a code would be the same for everyone who scans the poster). The code comes
 * after, from the shop to the number the message came from ('reply'). The purposes are those the
 * printed version names, in its words, less any the shop has since stopped or based otherwise
 * (those can no longer be agreed to): the message never asks for more than the poster says.
 */
export function posterJoin(db: Db, lang: Language, version: number): { link: string; qrSvg: string } | null {
  const shop = shopWhatsApp(db);
  const askable = new Set(
    db
      .prepare("SELECT id FROM purposes WHERE active = 1 AND legal_basis = 'consent'")
      .pluck()
      .all() as number[],
  );
  const named = consentPurposesOf(db, version).filter((p) => askable.has(p.id));
  if (!shop || named.length === 0) return null;
  const link = waLink(
    shop,
    text(lang, 'core.join.posterMessage', {
      shop: shopName(db),
      purposes: named.map((p) => seededText(p.name, lang)).join(', '),
      version,
    }),
  );
  return { link, qrSvg: qrSvg(link, { label: text(lang, 'core.join.qrLabel') }) };
}
