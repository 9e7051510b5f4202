import {
  INCIDENT_LATE_MS,
  type AffectedCustomer,
  type DocText,
  type Incident,
  type IncidentCheck,
  type IncidentKind,
  type IncidentScope,
  type Page,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { formatPhone, maskPhone, reachesWhatsApp } from '../phone';
import { getMeta, letterhead } from '../settings.service';
import { shopDateTime, shopDay } from '../../../shared/shop-time';
import { text, words } from '../../../shared/i18n/text';

/**
 * Breach response (UU PDP Art. 46). An incident carries its 72-hour clock from discovery, what
 * was done to contain it, who is affected (counted, never copied), the notices given and the
 * evaluation. The texts for customers and the authority hold what Art. 46(2) requires: which
 * data, when and how it was exposed, what the shop is doing, and whom to contact.
 */
export const NOTIFY_MS = 72 * 3_600_000;

interface Row {
  id: number;
  kind: IncidentKind;
  description: string;
  happened_at: number | null;
  discovered_at: number;
  due_at: number;
  status: 'open' | 'closed';
  containment: string;
  scope: string | null;
  affected: number | null;
  evaluation: string | null;
  created_by_name: string | null;
  created_at: number;
  late_reason: string | null;
  closed_at: number | null;
}

export function getIncident(db: Db, id: number): Incident {
  const r = db
    .prepare(
      'SELECT i.*, u.name AS created_by_name FROM incidents i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = ?',
    )
    .get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND');
  const count = (recipient: string) =>
    db
      .prepare('SELECT count(*) FROM incident_notices WHERE incident_id = ? AND recipient = ?')
      .pluck()
      .get(id, recipient) as number;
  return {
    id: r.id,
    kind: r.kind,
    description: r.description,
    happenedAt: r.happened_at,
    discoveredAt: r.discovered_at,
    dueAt: r.due_at,
    recordedAt: r.created_at,
    lateReason: r.late_reason,
    status: r.status,
    containment: JSON.parse(r.containment) as Incident['containment'],
    scope: r.scope ? (JSON.parse(r.scope) as IncidentScope) : null,
    affected: r.affected,
    notices: { customers: count('customer'), authority: count('authority') },
    evaluation: r.evaluation ? (JSON.parse(r.evaluation) as Incident['evaluation']) : null,
    createdBy: r.created_by_name,
    closedAt: r.closed_at,
  };
}

export function listIncidents(db: Db): Incident[] {
  return (
    db.prepare("SELECT id FROM incidents ORDER BY status = 'closed', id DESC").pluck().all() as number[]
  ).map((id) => getIncident(db, id));
}

export function openIncident(db: Db): { id: number; dueAt: number } | null {
  return (
    (db
      .prepare("SELECT id, due_at AS dueAt FROM incidents WHERE status = 'open' ORDER BY due_at LIMIT 1")
      .get() as { id: number; dueAt: number } | undefined) ?? null
  );
}

/** A laptop's clock a little ahead of main's is not "the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The shortest reason for a late record (as for closing with customers un-notified). */
export const LATE_REASON_MIN = 10;

export function createIncident(
  db: Db,
  input: {
    kind: IncidentKind;
    description: string;
    happenedAt: number | null;
    discoveredAt?: number;
    lateReason?: string | null;
  },
  actor: string,
  now: number,
): Incident {
  const discovered = input.discoveredAt ?? now;
  if (discovered > now + FUTURE_TOLERANCE_MS) {
    throw new AppError('VALIDATION', {
      fields: ['discoveredAt'],
      reason: 'incident_future',
      issues: [{ field: 'discoveredAt', reason: 'future_date' }],
    });
  }
  if (input.happenedAt !== null && input.happenedAt > discovered) {
    throw new AppError('VALIDATION', { fields: ['happenedAt', 'discoveredAt'], reason: 'incident_order' });
  }
  const late = discovered < now - INCIDENT_LATE_MS;
  const lateReason = input.lateReason?.trim() ?? '';
  if (late && lateReason.length < LATE_REASON_MIN) {
    throw new AppError('VALIDATION', {
      fields: ['lateReason'],
      reason: 'incident_late',
      issues: [
        { field: 'lateReason', reason: lateReason ? 'too_short' : 'required', limit: LATE_REASON_MIN },
      ],
    });
  }
  const info = db
    .prepare(
      `INSERT INTO incidents (kind, description, happened_at, discovered_at, due_at, created_by, created_at, late_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.kind,
      input.description.trim(),
      input.happenedAt,
      discovered,
      discovered + NOTIFY_MS,
      actor,
      now,
      late ? lateReason : null,
    );
  return getIncident(db, Number(info.lastInsertRowid));
}

export function requireOpen(db: Db, id: number): Incident {
  const incident = getIncident(db, id);
  if (incident.status !== 'open') throw new AppError('CONFLICT', { reason: 'incident_closed' });
  return incident;
}

export function mergeContainment(db: Db, id: number, change: Incident['containment']): Incident {
  const current = requireOpen(db, id).containment;
  db.prepare('UPDATE incidents SET containment = ? WHERE id = ?').run(
    JSON.stringify({ ...current, ...change }),
    id,
  );
  return getIncident(db, id);
}

/** The affected customers as SQL over `customers c` (the scope decides). */
function scopeWhere(scope: IncidentScope): { where: string; args: unknown[] } {
  if (scope.mode === 'all') return { where: '1', args: [] };
  if (scope.mode === 'range') {
    return {
      where: '((c.created_at BETWEEN ? AND ?) OR (c.last_activity_at BETWEEN ? AND ?))',
      args: [scope.from, scope.to, scope.from, scope.to],
    };
  }
  const ids = scope.ids ?? [];
  return { where: ids.length ? `c.id IN (${ids.map(() => '?').join(',')})` : '0', args: ids };
}

export function setScope(db: Db, id: number, scope: IncidentScope): Incident {
  requireOpen(db, id);
  if (
    scope.mode === 'range' &&
    (scope.from === undefined || scope.to === undefined || scope.from > scope.to)
  ) {
    throw new AppError('VALIDATION', { fields: ['from'], reason: 'incident_range' });
  }
  if (scope.mode === 'list' && !scope.ids?.length) {
    throw new AppError('VALIDATION', { fields: ['ids'], issues: [{ field: 'ids', reason: 'required' }] });
  }
  const { where, args } = scopeWhere(scope);
  const affected = db
    .prepare(`SELECT count(*) FROM customers c WHERE ${where}`)
    .pluck()
    .get(...args) as number;
  db.prepare('UPDATE incidents SET scope = ?, affected = ? WHERE id = ?').run(
    JSON.stringify(scope),
    affected,
    id,
  );
  return getIncident(db, id);
}

export interface AffectedRow {
  id: number;
  name: string;
  phone_e164: string | null;
  address: string | null;
  notified: number;
}

/** The start of an address (up to its first comma), enough to tell two namesakes apart. */
function addressHint(address: string | null): string | null {
  const head = address?.split(/[,\n]/)[0]?.trim() ?? '';
  if (!head) return null;
  return head.length > 28 ? `${head.slice(0, 27)}…` : head;
}

/**
 * Who a row is, beyond the name: the customer number, the phone's ending (masked: the list is for
 * telling people apart, not for calling them) and the address's start.
 */
export function customerHint(r: { id: number; phone_e164: string | null; address: string | null }): string {
  return [`#${r.id}`, r.phone_e164 ? maskPhone(formatPhone(r.phone_e164)) : null, addressHint(r.address)]
    .filter(Boolean)
    .join(' · ');
}

function affectedCustomer(r: AffectedRow, phoneMasked: boolean): AffectedCustomer {
  const phone = r.phone_e164 ? formatPhone(r.phone_e164) : null;
  return {
    id: r.id,
    name: r.name,
    phone: phone && phoneMasked ? maskPhone(phone) : phone,
    whatsapp: r.phone_e164 ? reachesWhatsApp(r.phone_e164) : false,
    hint: customerHint(r),
    notified: r.notified === 1,
  };
}

/** Affected customers, in name order (namesakes by number), with whether a notice reached them. */
export function affectedRows(
  db: Db,
  incident: Incident,
  opts: { offset: number; limit: number; ids?: number[]; unnotifiedOnly?: boolean },
): AffectedRow[] {
  if (!incident.scope) return [];
  const { where, args } = scopeWhere(incident.scope);
  const ids = opts.ids ?? [];
  return db
    .prepare(
      `SELECT c.id, c.name, c.phone_e164, c.address,
         EXISTS (SELECT 1 FROM incident_notices n WHERE n.incident_id = ? AND n.customer_id = c.id) AS notified
       FROM customers c WHERE ${where}
         ${ids.length ? `AND c.id IN (${ids.map(() => '?').join(',')})` : ''}
         ${opts.unnotifiedOnly ? 'AND NOT EXISTS (SELECT 1 FROM incident_notices n WHERE n.incident_id = ? AND n.customer_id = c.id)' : ''}
       ORDER BY c.name_norm, c.id LIMIT ? OFFSET ?`,
    )
    .all(
      incident.id,
      ...args,
      ...ids,
      ...(opts.unnotifiedOnly ? [incident.id] : []),
      opts.limit,
      opts.offset,
    ) as AffectedRow[];
}

/**
 * The affected customers a batch is for: the ones named (each must be affected, or nothing is
 * done), or else those no notice has reached yet, at most `limit`.
 */
export function batchRecipients(
  db: Db,
  incident: Incident,
  ids: number[] | undefined,
  limit: number,
): AffectedRow[] {
  if (ids?.length) {
    const unique = [...new Set(ids)];
    const rows = affectedRows(db, incident, { offset: 0, limit: unique.length, ids: unique });
    if (rows.length !== unique.length) throw new AppError('NOT_FOUND', { reason: 'not_affected' });
    return rows;
  }
  return affectedRows(db, incident, { offset: 0, limit, unnotifiedOnly: true });
}

export function affectedPage(
  db: Db,
  id: number,
  offset: number,
  limit: number,
  phoneMasked = false,
): Page<AffectedCustomer> {
  const incident = getIncident(db, id);
  if (!incident.scope) return { total: 0, offset, items: [] };
  const { where, args } = scopeWhere(incident.scope);
  const total = db
    .prepare(`SELECT count(*) FROM customers c WHERE ${where}`)
    .pluck()
    .get(...args) as number;
  const rows = affectedRows(db, incident, { offset, limit });
  return { total, offset, items: rows.map((r) => affectedCustomer(r, phoneMasked)) };
}

export function isAffected(db: Db, incident: Incident, customerId: number): boolean {
  if (!incident.scope) return false;
  const { where, args } = scopeWhere(incident.scope);
  return Boolean(
    db.prepare(`SELECT 1 FROM customers c WHERE c.id = ? AND ${where}`).get(customerId, ...args),
  );
}

export function recordNotice(
  db: Db,
  id: number,
  to: 'customer' | 'authority',
  customerId: number | null,
  channel: 'letter' | 'whatsapp' | 'form',
  actor: string,
  now: number,
): void {
  db.prepare(
    'INSERT INTO incident_notices (incident_id, recipient, customer_id, customer_ref, channel, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, to, customerId, customerId, channel, now, actor);
}

/** Affected customers no notice has reached yet (Art. 46: each of them is owed one). */
export function unnotifiedCount(db: Db, incident: Incident): number {
  if (!incident.scope) return 0;
  const { where, args } = scopeWhere(incident.scope);
  return db
    .prepare(
      `SELECT count(*) FROM customers c WHERE ${where}
         AND NOT EXISTS (SELECT 1 FROM incident_notices n WHERE n.incident_id = ? AND n.customer_id = c.id)`,
    )
    .pluck()
    .get(...args, incident.id) as number;
}

/** The shortest reason the owner may give for closing with customers still un-notified. */
export const UNNOTIFIED_REASON_MIN = 10;

export function closeIncident(
  db: Db,
  id: number,
  input: {
    checks: Partial<Record<IncidentCheck, boolean>>;
    notes: string;
    unnotifiedReason?: string | null;
  },
  actor: string,
  now: number,
): Incident {
  const incident = requireOpen(db, id);
  if (!incident.scope) throw new AppError('CONFLICT', { reason: 'incident_no_scope' });
  const unnotified = unnotifiedCount(db, incident);
  const reason = input.unnotifiedReason?.trim() ?? '';
  // Closing while someone affected was never told needs the owner's words why, kept with it.
  if (unnotified > 0 && reason.length < UNNOTIFIED_REASON_MIN) {
    throw new AppError('VALIDATION', {
      fields: ['unnotifiedReason'],
      reason: 'incident_unnotified',
      issues: [
        {
          field: 'unnotifiedReason',
          reason: reason ? 'too_short' : 'required',
          limit: UNNOTIFIED_REASON_MIN,
        },
      ],
    });
  }
  const evaluation: NonNullable<Incident['evaluation']> = {
    checks: input.checks,
    notes: input.notes,
    ...(unnotified > 0 ? { unnotified: { count: unnotified, reason } } : {}),
  };
  db.prepare(
    "UPDATE incidents SET status = 'closed', evaluation = ?, closed_at = ?, closed_by = ? WHERE id = ?",
  ).run(JSON.stringify(evaluation), now, actor, id);
  return getIncident(db, id);
}

const when = (ms: number, lang: Language) => text(lang, 'breachDocs.at', { time: shopDateTime(ms, lang) });

/** What the shop did, in words (from the containment record). */
function actions(incident: Incident, lang: Language): string[] {
  const said = words(lang).breachDocs.action;
  const c = incident.containment;
  const out: string[] = [];
  if (c.sessionsEnded !== undefined) out.push(said.sessionsEnded);
  if (c.usersDisabled?.length) out.push(said.usersDisabled);
  if (c.keyRotatedAt) out.push(said.keyRotated);
  return out;
}

/** Who signs a notice and when: the owner giving it, on the day it is printed or sent. */
export interface Signer {
  userId: string;
  now: number;
}

/** The sender's block at the head of a notice: the shop, its postal address and contact, the date. */
function letterHead(db: Db, signer: Signer, lang: Language): DocText['sections'][number] {
  const head = letterhead(db);
  return {
    title: '',
    paragraphs: [
      head.name,
      text(lang, 'breachDocs.head.address', { address: head.address || '—' }),
      text(lang, 'breachDocs.head.contact', { contact: head.contact || '—' }),
      text(lang, 'breachDocs.head.date', { date: shopDay(signer.now, lang) }),
    ],
  };
}

/** The closing: the person responsible (the owner) and a line to sign on. */
function signature(db: Db, signer: Signer, lang: Language): DocText['sections'][number] {
  const name =
    (db.prepare('SELECT name FROM users WHERE id = ?').pluck().get(signer.userId) as string | undefined) ??
    '';
  return {
    title: text(lang, 'breachDocs.signature.title'),
    paragraphs: [
      text(lang, 'breachDocs.signature.owner', { name, shop: getMeta(db, 'shop_name') ?? '' }),
      text(lang, 'breachDocs.signature.sign'),
    ],
  };
}

/** Whom a notice goes to: the customer's number and address tell namesakes' letters apart. */
export interface Recipient {
  id: number;
  name: string;
  address: string | null;
}

function whatHappened(incident: Incident, lang: Language): string {
  return text(lang, 'breachDocs.happened', {
    when: incident.happenedAt ? when(incident.happenedAt, lang) : text(lang, 'breachDocs.unknownTime'),
    kind: text(lang, `breachDocs.kind.${incident.kind}`),
    discovered: when(incident.discoveredAt, lang),
  });
}

/** The data categories in words; a category the catalogue does not know is shown as stored. */
function categoriesText(incident: Incident, lang: Language): string {
  const names: Record<string, string> = words(lang).breachDocs.category;
  return (incident.scope?.categories ?? []).map((c) => (Object.hasOwn(names, c) ? names[c]! : c)).join(', ');
}

/** Whom the customer should contact: the shop's contact, or else its counter. */
const shopContact = (db: Db, lang: Language) =>
  getMeta(db, 'shop_contact') || text(lang, 'breachDocs.customer.counter');

/** The notice to one affected customer (Art. 46(2)). */
export function customerNotice(
  db: Db,
  incident: Incident,
  to: Recipient,
  signer: Signer,
  lang: Language,
): DocText {
  const said = words(lang).breachDocs.customer;
  const shop = getMeta(db, 'shop_name') ?? '';
  return {
    title: text(lang, 'breachDocs.customer.title', { shop }),
    subtitle: text(lang, 'breachDocs.customer.subtitle', { name: to.name, id: to.id }),
    sections: [
      letterHead(db, signer, lang),
      {
        title: '',
        paragraphs: [
          text(lang, 'breachDocs.customer.dear', { name: to.name }),
          ...(to.address?.trim() ? [to.address.trim()] : []),
        ],
      },
      { title: said.whatHappened, paragraphs: [whatHappened(incident, lang)] },
      { title: said.data, paragraphs: [categoriesText(incident, lang) || '—'] },
      { title: said.doing, items: [...actions(incident, lang), said.authorityTold] },
      { title: said.youCan, paragraphs: [said.youCanText] },
      { title: said.contact, paragraphs: [shopContact(db, lang)] },
      signature(db, signer, lang),
    ],
  };
}

/**
 * The WhatsApp notice: short (a long link may not open everywhere), with what Art. 46(2) asks —
 * what happened and when, which data, what to watch for, whom to contact; the letter has the rest.
 */
export function customerShortMessage(db: Db, incident: Incident, name: string, lang: Language): string {
  return [
    text(lang, 'breachDocs.customer.title', { shop: getMeta(db, 'shop_name') ?? '' }),
    '',
    text(lang, 'breachDocs.customer.dearLine', { name }),
    whatHappened(incident, lang),
    text(lang, 'breachDocs.customer.dataLine', { categories: categoriesText(incident, lang) || '—' }),
    ...actions(incident, lang),
    text(lang, 'breachDocs.customer.beware'),
    text(lang, 'breachDocs.customer.contactLine', { contact: shopContact(db, lang) }),
  ].join('\n');
}

/** The form for the authority (Komdigi today; the receiving body is a setting). */
export function authorityNotice(db: Db, incident: Incident, signer: Signer, lang: Language): DocText {
  const said = words(lang).breachDocs.authority;
  const body = getMeta(db, 'breach_authority') || said.defaultBody;
  const done = actions(incident, lang);
  return {
    title: said.title,
    subtitle: text(lang, 'breachDocs.authority.subtitle', { body }),
    sections: [
      letterHead(db, signer, lang),
      {
        title: said.controller,
        paragraphs: [
          getMeta(db, 'shop_name') ?? '',
          letterhead(db).address || said.noAddress,
          getMeta(db, 'shop_contact') || said.noContact,
        ],
      },
      {
        title: said.incident,
        items: [
          text(lang, 'breachDocs.authority.kind', { kind: text(lang, `breachDocs.kind.${incident.kind}`) }),
          text(lang, 'breachDocs.authority.happened', {
            when: incident.happenedAt ? when(incident.happenedAt, lang) : '—',
          }),
          text(lang, 'breachDocs.authority.discovered', { when: when(incident.discoveredAt, lang) }),
          text(lang, 'breachDocs.authority.recorded', { when: when(incident.recordedAt, lang) }),
          ...(incident.lateReason
            ? [text(lang, 'breachDocs.authority.lateReason', { reason: incident.lateReason })]
            : []),
          text(lang, 'breachDocs.authority.description', { description: incident.description }),
        ],
      },
      {
        title: said.affected,
        items: [
          text(lang, 'breachDocs.authority.categories', {
            categories: categoriesText(incident, lang) || '—',
          }),
          text(lang, 'breachDocs.authority.customers', { number: incident.affected ?? '—' }),
        ],
      },
      {
        title: said.response,
        ...(done.length ? { items: done } : { paragraphs: [said.noAction] }),
      },
      signature(db, signer, lang),
    ],
  };
}

/** A restore re-applies an incident's changes since the backup: the given columns of this schema. */
export function reapplyIncidentChange(db: Db, id: unknown, values: Record<string, unknown>): void {
  const columns = Object.keys(values);
  db.prepare(`UPDATE incidents SET ${columns.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({
    ...values,
    id,
  });
}
