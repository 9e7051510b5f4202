import { randomInt } from 'node:crypto';
import { text } from '../../shared/i18n/text';
import type { Language } from '../../shared/language';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import type { CustomerListItem } from '../../shared/domain';
import { memberNow } from './loyalty/purpose';
import { formatPhone, maskPhone } from './phone';
import { qrSvg } from './qr';
import { escapeHtml } from './rights/print';

/**
 * The member card: an opaque code per member (random, never made from the phone or the name),
 * printed on a card-size page with a QR that carries the code and nothing else. A USB scanner
 * types the code like a keyboard and ends with Enter; typing it by hand finds the member too.
 * The code goes with the customer (erasure: ON DELETE CASCADE) and a restore carries it.
 */
export const MEMBER_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 8 characters of 32: 2^40 codes, so a typed guess finds no one within the search budget. */
export const MEMBER_CODE_LENGTH = 8;

/**
 * Who may carry a card: a member (standing consent to the member programme's purpose) who is not
 * restricted, as the programme reads it.
 */
export function isMember(db: Db, customerId: number): boolean {
  const now = memberNow(db, customerId);
  return Boolean(now?.member && !now.restricted);
}

/** Membership ended (withdrawn, lapsed, erased): the code names nobody any more. */
export function forgetMemberCode(db: Db, customerId: number): void {
  cachedStatement(db, 'DELETE FROM member_codes WHERE customer_id = ?').run(customerId);
}

function newMemberCode(): string {
  let out = '';
  for (let i = 0; i < MEMBER_CODE_LENGTH; i++)
    out += MEMBER_CODE_ALPHABET[randomInt(MEMBER_CODE_ALPHABET.length)];
  return out;
}

/** As typed or scanned: upper case, its own characters only (a scanner may add a prefix or dash). */
export function typedMemberCode(typed: string): string {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The member's code, issued the first time it is asked for (a second card carries the same code). */
export function memberCodeFor(db: Db, customerId: number, actor: string, now: number): string {
  if (!cachedStatement(db, 'SELECT 1 FROM customers WHERE id = ?').get(customerId))
    throw new AppError('NOT_FOUND');
  if (!isMember(db, customerId)) throw new AppError('CONFLICT', { reason: 'not_member' });
  const existing = cachedStatement(db, 'SELECT code FROM member_codes WHERE customer_id = ?')
    .pluck()
    .get(customerId) as string | undefined;
  if (existing) return existing;
  // A repeat of another member's code (one in 2^40 per member) draws again.
  for (;;) {
    const code = newMemberCode();
    const taken = cachedStatement(db, 'SELECT 1 FROM member_codes WHERE code = ?').get(code);
    if (taken) continue;
    cachedStatement(
      db,
      'INSERT INTO member_codes (customer_id, code, issued_by, issued_at) VALUES (?, ?, ?, ?)',
    ).run(customerId, code, actor, now);
    return code;
  }
}

/** The customer a typed or scanned code names, or null. */
export function customerByMemberCode(db: Db, typed: string): number | null {
  const code = typedMemberCode(typed);
  if (code.length !== MEMBER_CODE_LENGTH) return null;
  return (
    (cachedStatement(db, 'SELECT customer_id FROM member_codes WHERE code = ?').pluck().get(code) as
      number | undefined) ?? null
  );
}

/** The member as the counter's list shows them: the phone masked for a role that sees it so. */
export function memberListItem(db: Db, id: number, masked: boolean): CustomerListItem {
  const row = cachedStatement(
    db,
    'SELECT id, name, phone_e164, last_activity_at FROM customers WHERE id = ?',
  ).get(id) as { id: number; name: string; phone_e164: string | null; last_activity_at: number } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const phone = row.phone_e164 ? formatPhone(row.phone_e164) : null;
  return {
    id: row.id,
    name: row.name,
    phone: phone && masked ? maskPhone(phone) : phone,
    lastActivityAt: row.last_activity_at,
  };
}

/** A member's code as a restore carries it (customer id and creation time name the record). */
export interface CarriedMemberCode {
  customer_id: number;
  created_at: number;
  code: string;
  issued_by: string;
  issued_at: number;
}

/** The current vault's codes, for a restore to carry. */
export function memberCodesToCarry(db: Db): CarriedMemberCode[] {
  return db
    .prepare(
      `SELECT m.customer_id, c.created_at, m.code, m.issued_by, m.issued_at
       FROM member_codes m JOIN customers c ON c.id = m.customer_id ORDER BY m.customer_id`,
    )
    .all() as CarriedMemberCode[];
}

/**
 * A restore: each carried code goes back to its customer where the restored vault holds the same
 * record (id and creation time) and the issuer; a code the backup had for a customer erased
 * since goes with them (the erasure's cascade), and a code re-issued since replaces the old one.
 */
export function reapplyMemberCodes(db: Db, carried: readonly CarriedMemberCode[]): void {
  const same = db.prepare('SELECT 1 FROM customers WHERE id = ? AND created_at = ?');
  const user = db.prepare('SELECT 1 FROM users WHERE id = ?');
  const drop = db.prepare('DELETE FROM member_codes WHERE code = ? OR customer_id = ?');
  const put = db.prepare(
    'INSERT INTO member_codes (customer_id, code, issued_by, issued_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of carried) {
    if (!same.get(m.customer_id, m.created_at) || !user.get(m.issued_by)) continue;
    drop.run(m.code, m.customer_id);
    put.run(m.customer_id, m.code, m.issued_by, m.issued_at);
  }
}

/** The code as printed: two groups of four, easy to read out and to type. */
export function formatMemberCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The card as a self-contained page (no script, no remote resource) the size of a payment card
 * (85.6 x 54 mm): the shop's name, the QR of the code, the code in print. Never the customer's
 * name or phone: a lost card names no one.
 */
export function memberCardHtml(code: string, shop: string, lang: Language): string {
  const title = escapeHtml(text(lang, 'core.memberCard.title', { shop }));
  const qr = qrSvg(formatMemberCode(code), { label: text(lang, 'core.memberCard.qrLabel') });
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>
@page{size:85.6mm 54mm;margin:0}html,body{margin:0;padding:0}
body{font-family:system-ui,sans-serif;color:#1b2430;width:85.6mm;height:54mm;overflow:hidden}
.card{box-sizing:border-box;width:85.6mm;height:54mm;padding:4mm 4.5mm;display:flex;gap:4mm;align-items:center}
.qr{flex:0 0 32mm;height:32mm}.qr svg{width:32mm;height:32mm;display:block}
.txt{flex:1;min-width:0}h1{font-size:11pt;line-height:1.2;margin:0 0 3mm;overflow-wrap:anywhere}
.label{font-size:7pt;color:#52606d;margin:0;text-transform:uppercase;letter-spacing:.05em}
.code{font:700 14pt/1.2 ui-monospace,monospace;margin:0 0 3mm;letter-spacing:.04em}
.note{font-size:6.5pt;line-height:1.3;margin:0;color:#3e4c59}
</style></head><body><div class="card"><div class="qr">${qr}</div><div class="txt">
<h1>${title}</h1><p class="label">${escapeHtml(text(lang, 'core.memberCard.code'))}</p>
<p class="code">${escapeHtml(formatMemberCode(code))}</p><p class="note">${escapeHtml(text(lang, 'core.memberCard.note'))}</p>
</div></div></body></html>`;
}
