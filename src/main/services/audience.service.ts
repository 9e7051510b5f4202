import { shopCsv } from './csv';
import type { AudienceMember, MarketingChannel, Page } from '../../shared/domain';
import type { Db } from '../vault/database';
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
const AUDIENCE_FROM = `
  FROM customers c
  WHERE c.restricted = 0
    AND EXISTS (
      SELECT 1 FROM consent_state s JOIN purposes p ON p.id = s.purpose_id
      WHERE s.customer_id = c.id AND s.granted = 1 AND p.channel = @channel AND p.active = 1
        AND p.legal_basis = 'consent')
    AND (CASE @channel WHEN 'whatsapp' THEN ${PHONE} IS NOT NULL
                       ELSE (${PHONE} IS NOT NULL OR ${EMAIL} IS NOT NULL) END)`;
const MEMBER_COLUMNS = `c.id, c.name, ${PHONE} AS phone_e164, ${EMAIL} AS email`;

function collected(db: Db): { phoneOn: number; emailOn: number } {
  const enabled = enabledFields(db);
  return { phoneOn: Number(enabled.has('phone')), emailOn: Number(enabled.has('email')) };
}

function toMember(
  r: { id: number; name: string; phone_e164: string | null; email: string | null },
  channel: MarketingChannel,
  message: string,
): AudienceMember {
  return {
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

export function listAudience(
  db: Db,
  channel: MarketingChannel,
  message: string,
  offset: number,
  limit: number,
): Page<AudienceMember> {
  const on = collected(db);
  const total = (db.prepare(`SELECT count(*) AS n ${AUDIENCE_FROM}`).get({ channel, ...on }) as { n: number })
    .n;
  const rows = db
    .prepare(
      `SELECT ${MEMBER_COLUMNS} ${AUDIENCE_FROM} ORDER BY c.name_norm, c.id LIMIT @limit OFFSET @offset`,
    )
    .all({ channel, limit, offset, ...on }) as {
    id: number;
    name: string;
    phone_e164: string | null;
    email: string | null;
  }[];
  return { total, offset, items: rows.map((r) => toMember(r, channel, message)) };
}

export function audienceCsv(
  db: Db,
  channel: MarketingChannel,
  message: string,
): { csv: string; count: number } {
  const rows = db
    .prepare(`SELECT ${MEMBER_COLUMNS} ${AUDIENCE_FROM} ORDER BY c.name_norm, c.id`)
    .all({ channel, ...collected(db) }) as {
    id: number;
    name: string;
    phone_e164: string | null;
    email: string | null;
  }[];
  const members = rows.map((r) => toMember(r, channel, message));
  const header =
    channel === 'whatsapp' ? ['nama', 'telepon', 'tautan_whatsapp'] : ['nama', 'telepon', 'email'];
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
    .get({ channel: 'whatsapp', id: customerId, ...collected(db) }) as
    { id: number; name: string; phone_e164: string | null; email: string | null } | undefined;
  if (!row?.phone_e164) throw new AppError('NOT_FOUND', { reason: 'not_in_audience' });
  return waLink(row.phone_e164, personalise(message, row.name));
}
