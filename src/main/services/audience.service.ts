import { hash } from 'node:crypto';
import { words } from '../../shared/i18n/text';
import { shopCsv } from './csv';
import type { AudienceMember, AudiencePage, MarketingChannel } from '../../shared/domain';
import { cachedStatement, type Db } from '../vault/database';
import { enabledFields } from './fields.service';
import { formatPhone, reachesWhatsApp } from './phone';
import { personalise, waLink } from './whatsapp';
import { AppError } from '../lib/app-error';

/**
 * A marketing audience holds only customers whose consent for a purpose on this channel is
 * granted right now, and who are not restricted. The rule lives in this one query, in main.
 * A phone or email the shop stopped collecting is not used (nor shown) even if one was kept.
 */
const PHONE = '(CASE WHEN @phoneOn THEN c.phone_e164 END)';
const EMAIL = '(CASE WHEN @emailOn THEN c.email END)';
// Written as "id IN (those consenting)" rather than "EXISTS (a consent of this customer)": the
// same rule, but SQLite then starts from the consent index instead of testing every customer
// (at 100k customers, 40 ms instead of 290 for the dashboard's counts).
const AUDIENCE_FROM = `
  FROM customers c
  WHERE c.restricted = 0
    AND c.id IN (
      SELECT s.customer_id FROM consent_state s JOIN purposes p ON p.id = s.purpose_id
      WHERE s.granted = 1 AND p.channel = @channel AND p.active = 1
        AND p.legal_basis = 'consent')
    AND (CASE @channel WHEN 'whatsapp' THEN ${PHONE} IS NOT NULL
                       ELSE (${PHONE} IS NOT NULL OR ${EMAIL} IS NOT NULL) END)`;
const MEMBER_COLUMNS = `c.id, c.name, ${PHONE} AS phone_e164, ${EMAIL} AS email`;
/** When this message was sent to the member (WhatsApp only: the other channel is exported, not sent). */
const SENT = `(SELECT s.at FROM audience_sends s WHERE s.campaign = @campaign AND s.customer_id = c.id)`;

/**
 * The key of one WhatsApp message: the same text is the same campaign, whatever day it is opened
 * again; a changed text is a new message nobody has been sent yet. Only a hash is kept.
 */
export function campaignKey(message: string): string {
  return hash('sha256', `whatsapp\n${message.trim()}`, 'hex').slice(0, 32);
}

function collected(db: Db): { phoneOn: number; emailOn: number } {
  const enabled = enabledFields(db);
  return { phoneOn: Number(enabled.has('phone')), emailOn: Number(enabled.has('email')) };
}

interface MemberRow {
  id: number;
  name: string;
  phone_e164: string | null;
  email: string | null;
  sent_at?: number | null;
}

function toMember(r: MemberRow, channel: MarketingChannel, message: string): AudienceMember {
  return {
    sentAt: r.sent_at ?? null,
    id: r.id,
    name: r.name,
    phone: r.phone_e164 ? formatPhone(r.phone_e164) : null,
    email: r.email,
    link:
      channel === 'whatsapp' && r.phone_e164 && reachesWhatsApp(r.phone_e164)
        ? waLink(r.phone_e164, personalise(message, r.name))
        : null,
  };
}

/**
 * A part of an audience (the dashboard's birthdays, those not seen for a while): one more condition
 * on the customer row `c`, never a way around the consent rule above, and its own order.
 */
export interface AudienceNarrowing {
  where: string;
  params: Record<string, string | number>;
  order?: string;
}

/** How many are in the audience (narrowed, if given): the dashboard's list sizes. */
export function audienceSize(db: Db, channel: MarketingChannel, narrow?: AudienceNarrowing): number {
  return db
    .prepare(`SELECT count(*) ${AUDIENCE_FROM} ${narrow ? `AND (${narrow.where})` : ''}`)
    .pluck()
    .get({ channel, ...collected(db), ...narrow?.params }) as number;
}

export function listAudience(
  db: Db,
  channel: MarketingChannel,
  message: string,
  offset: number,
  limit: number,
  unsentOnly = false,
  narrow?: AudienceNarrowing,
): AudiencePage {
  const params = { channel, campaign: campaignKey(message), ...collected(db), ...narrow?.params };
  const whatsapp = channel === 'whatsapp';
  const part = narrow ? `AND (${narrow.where})` : '';
  const count = (where: string) =>
    (db.prepare(`SELECT count(*) AS n ${AUDIENCE_FROM} ${part} ${where}`).get(params) as { n: number }).n;
  const total = count('');
  const unsent = whatsapp ? count(`AND ${SENT} IS NULL`) : total;
  const rows = db
    .prepare(
      `SELECT ${MEMBER_COLUMNS}, ${whatsapp ? SENT : 'NULL'} AS sent_at ${AUDIENCE_FROM} ${part}
       ${whatsapp && unsentOnly ? `AND ${SENT} IS NULL` : ''}
       ORDER BY ${narrow?.order ?? 'c.name_norm, c.id'} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as MemberRow[];
  return {
    total: whatsapp && unsentOnly ? unsent : total,
    audience: total,
    unsent,
    offset,
    items: rows.map((r) => toMember(r, channel, message)),
  };
}

export function audienceCsv(
  db: Db,
  channel: MarketingChannel,
  message: string,
): { csv: string; count: number } {
  const rows = db
    .prepare(`SELECT ${MEMBER_COLUMNS} ${AUDIENCE_FROM} ORDER BY c.name_norm, c.id`)
    .all({ channel, ...collected(db) }) as MemberRow[];
  const members = rows.map((r) => toMember(r, channel, message));
  // Indonesian column names whatever the app's language: a fixed file format (see the catalogue).
  const columns = words('id').core.audienceCsv;
  const header = channel === 'whatsapp' ? columns.whatsapp : columns.smsEmail;
  const body = members.map((m) =>
    channel === 'whatsapp' ? [m.name, m.phone, m.link] : [m.name, m.phone, m.email],
  );
  // The phone (+62..., written by the app) and the wa.me link are the app's own text.
  return {
    csv: shopCsv([header, ...body], new Set(channel === 'whatsapp' ? [1, 2] : [1])),
    count: members.length,
  };
}

/**
 * The wa.me link for one member of the WhatsApp audience, for "open" or "copy". Membership is
 * checked again here (consent may have been withdrawn since the list was shown).
 */
export function audienceLink(db: Db, customerId: number, message: string): string {
  const row = db
    .prepare(`SELECT ${MEMBER_COLUMNS} ${AUDIENCE_FROM} AND c.id = @id`)
    .get({ channel: 'whatsapp', id: customerId, ...collected(db) }) as MemberRow | undefined;
  if (!row?.phone_e164) throw new AppError('NOT_FOUND', { reason: 'not_in_audience' });
  return waLink(row.phone_e164, personalise(message, row.name));
}

/**
 * Marks this WhatsApp message sent to a member (kept from the first time), or takes the mark
 * away. Marking checks membership again: nobody outside the audience is ever marked.
 */
/** When a promotion was marked sent to this customer, newest first (for her access report). */
export function sendsTo(db: Db, customerId: number): number[] {
  return db
    .prepare('SELECT at FROM audience_sends WHERE customer_id = ? ORDER BY at DESC')
    .pluck()
    .all(customerId) as number[];
}

/** Forgets which promotions went to a customer (their erasure). */
export function forgetSends(db: Db, customerId: number): void {
  cachedStatement(db, 'DELETE FROM audience_sends WHERE customer_id = ?').run(customerId);
}

export function markSent(
  db: Db,
  input: { customerId: number; message: string; sent: boolean },
  by: string,
  at: number,
): number | null {
  const campaign = campaignKey(input.message);
  if (!input.sent) {
    db.prepare('DELETE FROM audience_sends WHERE campaign = ? AND customer_id = ?').run(
      campaign,
      input.customerId,
    );
    return null;
  }
  audienceLink(db, input.customerId, input.message);
  db.prepare(
    'INSERT INTO audience_sends (campaign, customer_id, at, by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(campaign, input.customerId, at, by);
  return db
    .prepare('SELECT at FROM audience_sends WHERE campaign = ? AND customer_id = ?')
    .pluck()
    .get(campaign, input.customerId) as number;
}
