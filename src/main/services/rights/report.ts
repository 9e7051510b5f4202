import { OPTIONAL_FIELDS, type ConsentEvent, type DocText } from '../../../shared/domain';
import type { LetterTexts } from '../../../shared/i18n/id/letters';
import { text, words } from '../../../shared/i18n/text';
import type { Language } from '../../../shared/language';
import { fieldLabel } from '../../../shared/messages';
import { seededText } from '../../../shared/seeded-text';
import { addMonthsWib, shopDateTime, shopDay } from '../../../shared/shop-time';
import type { Db } from '../../vault/database';
import { sendsTo } from '../audience.service';
import { auditRowsBefore, auditSlices, countAudit } from '../audit.service';
import { consentHistory, listPurposes } from '../consent.service';
import { shopCsv } from '../csv';
import { getCustomer } from '../customers.service';
import { enabledFields } from '../fields.service';
import { listPurchases } from '../purchases.service';
import { balanceOf, historyOf } from '../loyalty/ledger';
import { storedProgramme } from '../loyalty/purpose';
import { readPolicy } from '../retention/schedule';
import { getMeta, letterhead } from '../settings.service';
import { customerAddressee, letterParts } from './letter';
import type { LetterParts, PrintTable } from './print';

/**
 * Everything the shop holds on one customer (Art. 7, 32) and how it was used (Art. 31): the access
 * report, and the same data as files for portability (Art. 13). Built in main from the vault; the
 * files are plaintext by nature and the owner is warned before saving them.
 */
export interface CustomerData {
  exportedAt: string;
  shop: string;
  customer: Record<string, string | number | boolean | string[] | null>;
  consents: {
    purpose: string;
    action: ConsentEvent['action'];
    method: ConsentEvent['method'];
    at: string;
    noticeVersion: number;
    recordedBy: string | null;
    /** Where the record came from: the counter, an imported file, or the shop's lapse policy. */
    source: 'counter' | 'import' | 'policy';
  }[];
  /** `discount`: a member's reward taken off (only when there was one). */
  purchases: { at: string; amount: number; items: string[]; voided: boolean; discount?: number }[];
  /** The member programme's points ledger, newest first (only when there is one). */
  points?: { at: string; kind: string; points: number; reason: string | null }[];
  /** When a promotion was marked sent to the customer (the message itself is not kept). */
  promotionsSent: string[];
  /** Who did what with this customer's data (staff name and role, action, when). */
  processing: {
    at: string;
    staff: string | null;
    role: string | null;
    action: string;
    outcome: string;
    /** For an edit: which fields it changed (names, never values). */
    fields?: string[];
  }[];
  deletion: { dueAt: string; basis: string };
  /**
   * Only in the printed report, which lists the newest rows of each long list: how many there are
   * in all, so the report says what it leaves out (the portability file holds every row).
   */
  totals?: { consents: number; purchases: number; processing: number };
}

/** The printed report lists at most this many purchases and processing entries (the newest). */
export const REPORT_ROWS = 500;
/** A purchase's items in the printed report, at most this many characters. */
export const REPORT_ITEM_CHARS = 300;

const iso = (ms: number) => new Date(ms).toISOString();

export function customerData(
  db: Db,
  customerId: number,
  now: number,
  lang: Language,
  /** For the printed report: the newest `rows` of each long list, and the totals. */
  opts: { rows?: number } = {},
): CustomerData {
  const cap = opts.rows ?? Number.POSITIVE_INFINITY;
  // Every value the vault holds: a field switched off later may still keep what was collected.
  const c = getCustomer(db, customerId, new Set(OPTIONAL_FIELDS));
  const enabled = enabledFields(db);
  const purposes = new Map(listPurposes(db).map((p) => [p.id, seededText(p.name, lang)]));
  const customer: CustomerData['customer'] = { id: c.id, name: c.name };
  for (const f of OPTIONAL_FIELDS) {
    const value = (c as unknown as Record<string, string | string[] | null>)[f] ?? null;
    if (enabled.has(f) || (Array.isArray(value) ? value.length > 0 : value !== null)) customer[f] = value;
  }
  Object.assign(customer, {
    isMinor: c.isMinor,
    guardianName: c.guardianName,
    restricted: c.restricted,
    createdAt: iso(c.createdAt),
    lastActivityAt: iso(c.lastActivityAt),
  });
  const purchases = listPurchases(db, customerId, 0, Math.min(cap, 100_000)).items.map((p) => ({
    at: iso(p.at),
    amount: p.amount,
    items: p.items,
    voided: p.voided !== null,
    ...(p.discount > 0 ? { discount: p.discount } : {}),
  }));
  const points = historyOf(db, customerId, 0, Math.min(cap, 100_000)).items.map((e) => ({
    at: iso(e.at),
    kind: e.kind,
    points: e.points,
    reason: e.reason,
  }));
  const staff = new Map(
    (
      db.prepare('SELECT id, name, role FROM users').all() as { id: string; name: string; role: string }[]
    ).map((u) => [u.id, u]),
  );
  const processing: CustomerData['processing'] = [];
  // Newest first, in keyset slices through the target index.
  for (const rows of auditSlices(db, { customerId }, 500)) {
    for (const e of rows.slice(0, cap - processing.length)) {
      const who = e.actor ? staff.get(e.actor) : undefined;
      const fields = (JSON.parse(e.detail) as { fields?: unknown }).fields;
      processing.push({
        at: iso(e.at),
        staff: who?.name ?? null,
        role: who?.role ?? null,
        action: e.action,
        outcome: e.outcome,
        ...(Array.isArray(fields) ? { fields: fields.map(String) } : {}),
      });
    }
    if (processing.length >= cap) break;
  }
  const consents = consentHistory(db, customerId);
  const totals =
    opts.rows === undefined
      ? undefined
      : {
          consents: consents.length,
          purchases: db
            .prepare('SELECT count(*) FROM purchases WHERE customer_id = ?')
            .pluck()
            .get(customerId) as number,
          processing: countAudit(db, { customerId }),
        };
  return {
    exportedAt: iso(now),
    shop: getMeta(db, 'shop_name') ?? '',
    customer,
    consents: consents.slice(0, cap).map((e) => ({
      purpose: purposes.get(e.purposeId) ?? `#${e.purposeId}`,
      action: e.action,
      method: e.method,
      source: e.source,
      at: iso(e.at),
      noticeVersion: e.noticeVersion,
      recordedBy: e.recordedBy,
    })),
    purchases,
    ...(points.length > 0 ? { points } : {}),
    promotionsSent: sendsTo(db, customerId).map(iso),
    processing,
    deletion: { dueAt: iso(c.deletion.dueAt), basis: c.deletion.basis },
    ...(totals ? { totals } : {}),
  };
}

/** The letters' words in one language. */
const report = (lang: Language) => words(lang).letters.report;

/** A table's entry for a key the app may not know (a newer action or role); never a built-in name. */
function entry(table: object, key: string): string | undefined {
  const value: unknown = Object.hasOwn(table, key) ? (table as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const count = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/** A moment as the customer reads it, on the shop's clock: 5 Desember 2026 pukul 14.05 WIB. */
const moment = (ms: number, lang: Language) => `${shopDateTime(ms, lang)} WIB`;
const momentOf = (isoText: string, lang: Language) => moment(Date.parse(isoText), lang);

/** A sale's items as printed: at most REPORT_ITEM_CHARS, saying how much was left out. */
function clip(items: string, lang: Language): string {
  if (items.length <= REPORT_ITEM_CHARS) return items;
  const more = items.length - REPORT_ITEM_CHARS;
  const note = text(lang, 'letters.report.appendix.more', { count: more, n: count(more) });
  return `${items.slice(0, REPORT_ITEM_CHARS)}… (${note})`;
}

/** Above a list the report cut short: how many rows there are in all, and where the rest are. */
function rest(
  lang: Language,
  shown: number,
  total: number | undefined,
  what: keyof LetterTexts['report']['rest']['nouns'],
) {
  if (total === undefined || total <= shown) return [];
  return [
    text(lang, 'letters.report.rest.text', {
      count: total - shown,
      shown: count(shown),
      total: count(total),
      older: count(total - shown),
      what: report(lang).rest.nouns[what],
    }),
  ];
}

/**
 * What each kept field is called in a letter (the form's labels; lower-cased in "changed: ...").
 * The audit names an edit's fields by their columns; the minor flag is said as what it means.
 */
const COLUMN_FIELDS: Record<string, string> = {
  phone_e164: 'phone',
  guardian_name: 'guardianName',
};
function fieldWord(key: string, lang: Language): string {
  if (key === 'isMinor' || key === 'is_minor') return text(lang, 'letters.report.fields.minor');
  const field = COLUMN_FIELDS[key] ?? key;
  const label = fieldLabel(field, lang);
  // A field without a label is never printed by its internal name.
  return label === field ? text(lang, 'letters.report.fields.other') : label;
}
const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** A kept value in words: a date as the shop writes it, a gender as a word, nothing as "not recorded". */
function valueWords(key: string, value: unknown, lang: Language): string {
  const none = text(lang, 'letters.report.fields.none');
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.join(', ') : none;
  if (key === 'birthday' && typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number);
    return shopDay(Date.UTC(y!, m! - 1, d!, 5), lang);
  }
  if (key === 'gender') return entry(report(lang).genders, String(value)) ?? String(value);
  // An address kept on several lines reads as one line in a list.
  return String(value)
    .split(/\s*\n\s*/)
    .filter(Boolean)
    .join(', ');
}

/** How a consent was given or taken back, as the customer would say it. */
function consentHow(e: Pick<ConsentEvent, 'method' | 'source' | 'recordedBy'>, lang: Language): string {
  const how = report(lang).methods[e.method];
  if (e.source === 'import') return text(lang, 'letters.report.how.imported', { how });
  if (e.source === 'policy' || !e.recordedBy) return how;
  return text(lang, 'letters.report.how.recordedBy', { how, who: e.recordedBy });
}

/** A staff role in words; a role the letter has no word for is said as "staff". */
const roleWord = (role: string | null | undefined, lang: Language) =>
  entry(report(lang).roles, role ?? '') ?? text(lang, 'letters.report.someRole');

/**
 * What staff did with the customer's data, said to them. Actions not listed (a newer kind) are
 * said by their family, never by their internal name.
 */
function actionWords(action: string, lang: Language): string {
  const r = report(lang);
  const [family = '', verb, ...more] = action.split('.');
  const verbs: object | undefined =
    verb !== undefined && !more.length && Object.hasOwn(r.actions, family)
      ? r.actions[family as keyof typeof r.actions]
      : undefined;
  return (verbs && entry(verbs, verb!)) ?? entry(r.families, family) ?? r.families.customer;
}

function processingLine(p: CustomerData['processing'][number], lang: Language): string {
  const who = p.staff ? `${p.staff}, ${roleWord(p.role, lang)}` : text(lang, 'letters.report.processing.app');
  const fields = p.fields?.length ? `: ${p.fields.map((f) => lower(fieldWord(f, lang))).join(', ')}` : '';
  const outcome =
    p.outcome === 'denied'
      ? ` — ${text(lang, 'letters.report.processing.denied')}`
      : p.outcome === 'failed'
        ? ` — ${text(lang, 'letters.report.processing.failed')}`
        : '';
  return `${momentOf(p.at, lang)} — ${who}: ${lower(actionWords(p.action, lang))}${fields}${outcome}.`;
}

function consentLine(e: CustomerData['consents'][number], lang: Language): string {
  const what = text(lang, `letters.report.consents.${e.action}`, { purpose: e.purpose });
  // Version 0: an import whose customers saw the shop's own notice, kept outside Brankas.
  const notice =
    e.noticeVersion === 0
      ? text(lang, 'letters.report.consents.noticeOutside')
      : text(lang, 'letters.report.consents.notice', { version: e.noticeVersion });
  return `${momentOf(e.at, lang)} — ${what}, ${consentHow(e, lang)} (${notice}).`;
}

/** Each purpose in force (or one the customer answered), why, on what basis, and their answer. */
function purposeItems(db: Db, customerId: number, lang: Language): string[] {
  const latest = new Map<number, ConsentEvent>();
  for (const e of consentHistory(db, customerId)) if (!latest.has(e.purposeId)) latest.set(e.purposeId, e);
  return listPurposes(db)
    .filter((p) => p.active || latest.has(p.id))
    .map((p) => {
      const e = latest.get(p.id);
      const name = seededText(p.name, lang);
      let answer = '';
      if (p.legalBasis === 'consent' || e) {
        if (!e) answer = text(lang, 'letters.report.purposes.notConsented');
        else if (e.action === 'granted')
          answer = text(lang, 'letters.report.purposes.granted', {
            at: moment(e.at, lang),
            how: consentHow(e, lang),
          });
        else answer = text(lang, `letters.report.purposes.${e.action}`, { at: moment(e.at, lang) });
      }
      return [`${name}: ${seededText(p.description, lang)}`, report(lang).bases[p.legalBasis], answer]
        .filter(Boolean)
        .join(' ');
    });
}

/** How long the shop keeps this customer's data, from the policy in force, with their own dates. */
function keepingItems(db: Db, customerId: number, lang: Language): string[] {
  const c = getCustomer(db, customerId);
  const policy = readPolicy(db);
  const d = c.deletion;
  const out = [
    d.basis === 'kept'
      ? d.keepReason
        ? text(lang, 'letters.report.keeping.keptBecause', {
            until: shopDay(d.dueAt, lang),
            reason: d.keepReason,
          })
        : text(lang, 'letters.report.keeping.kept', { until: shopDay(d.dueAt, lang) })
      : text(lang, 'letters.report.keeping.inactive', {
          count: policy.inactiveMonths,
          last: shopDay(d.lastActivityAt, lang),
          due: shopDay(d.dueAt, lang),
        }),
  ];
  const purposes = new Map(listPurposes(db).map((p) => [p.id, p]));
  for (const s of c.consents) {
    const p = purposes.get(s.purposeId);
    if (!s.granted || p?.legalBasis !== 'consent') continue;
    const purpose = seededText(p.name, lang);
    out.push(
      policy.consentLapseMonths > 0
        ? text(lang, 'letters.report.keeping.lapses', {
            purpose,
            count: policy.consentLapseMonths,
            end: shopDay(addMonthsWib(s.at, policy.consentLapseMonths), lang),
          })
        : text(lang, 'letters.report.keeping.untilWithdrawn', { purpose }),
    );
  }
  out.push(text(lang, 'letters.report.keeping.sales', { count: policy.salesKeepYears }));
  return out;
}

/** Where the record came from: the counter (who wrote it down) or a file the shop imported. */
function originParagraphs(db: Db, data: CustomerData, customerId: number, lang: Language): string[] {
  const created = auditRowsBefore(db, undefined, 1, { customerId, action: 'customer.create' })[0];
  const staff = created?.actor
    ? (db.prepare('SELECT name, role FROM users WHERE id = ?').get(created.actor) as
        { name: string; role: string } | undefined)
    : undefined;
  const out = [
    created
      ? text(lang, 'letters.report.origin.counter', {
          who: staff
            ? `${staff.name} (${roleWord(staff.role, lang)})`
            : text(lang, 'letters.report.origin.ourStaff'),
          at: moment(created.at, lang),
        })
      : text(lang, 'letters.report.origin.imported', { at: momentOf(String(data.customer.createdAt), lang) }),
  ];
  const edits = data.processing.filter((p) => p.action === 'customer.update' && p.outcome === 'ok').length;
  if (edits) out.push(text(lang, 'letters.report.origin.edits', { count: edits, n: count(edits) }));
  out.push(text(lang, 'letters.report.origin.purchases'));
  return out;
}

function recipientParagraphs(db: Db, lang: Language): { paragraphs: string[]; items?: string[] } {
  const list = (getMeta(db, 'recipients') ?? '')
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean);
  if (!list.length) return { paragraphs: [text(lang, 'letters.report.recipients.none')] };
  return { paragraphs: [text(lang, 'letters.report.recipients.some')], items: list };
}

function howToAsk(db: Db, lang: Language): string[] {
  const shop = letterhead(db);
  const address = shop.address.replace(/\s*\n\s*/g, ', ');
  const reach = [shop.contact, address && text(lang, 'letters.report.ask.byLetter', { address })]
    .filter(Boolean)
    .join(text(lang, 'letters.report.ask.or'));
  const authority = getMeta(db, 'breach_authority') || text(lang, 'letters.report.ask.authority');
  return [
    reach
      ? text(lang, 'letters.report.ask.atCounterOr', { reach })
      : text(lang, 'letters.report.ask.atCounter'),
    text(lang, 'letters.report.ask.complain', { authority }),
  ];
}

/**
 * The access report (Art. 7, 32) as a letter the customer can read: what we hold in words, why
 * and on what basis, who receives it, how long we keep it (their own dates), where it came from,
 * who looked at it and when (the shop's dates), and their rights. No internal key, flag or
 * timestamp reaches the page.
 */
export function accessReport(
  db: Db,
  data: CustomerData,
  req: { id: number; receivedAt: number; customerId: number },
  signer: { userId: string; now: number },
  lang: Language,
): { doc: DocText; tables: PrintTable[]; letter: LetterParts } {
  const r = report(lang);
  const c = data.customer;
  const name = String(c.name);
  const held = [`${fieldWord('name', lang)}: ${name}`];
  for (const f of OPTIONAL_FIELDS)
    if (f in c) held.push(`${fieldWord(f, lang)}: ${valueWords(f, c[f], lang)}`);
  held.push(
    c.isMinor
      ? text(lang, 'letters.report.held.minor', {
          guardian: valueWords('guardianName', c.guardianName, lang),
        })
      : text(lang, 'letters.report.held.adult'),
    text(lang, c.restricted ? 'letters.report.held.restricted' : 'letters.report.held.notRestricted'),
    text(lang, 'letters.report.held.since', { at: momentOf(String(c.createdAt), lang) }),
  );
  const purchases = data.totals?.purchases ?? data.purchases.length;
  held.push(
    purchases
      ? text(lang, 'letters.report.held.purchases', { count: purchases, n: count(purchases) })
      : text(lang, 'letters.report.held.noPurchases'),
  );
  // Counted whole (the file's list may be the newest rows only).
  const points = historyOf(db, req.customerId, 0, 1).total;
  if (points > 0)
    held.push(
      text(lang, 'letters.report.held.points', {
        entries: points,
        balance: balanceOf(db, req.customerId),
        unit: text(lang, `notice.loyalty.unit.${storedProgramme(db).mode}`),
      }),
    );
  const sent = data.promotionsSent;
  if (sent.length)
    held.push(
      text(lang, 'letters.report.held.promotions', {
        count: sent.length,
        n: count(sent.length),
        last: momentOf(sent[0]!, lang),
      }),
    );
  const recipients = recipientParagraphs(db, lang);
  return {
    letter: letterParts(db, customerAddressee(db, req.customerId), signer, lang),
    doc: {
      title: text(lang, 'letters.report.title', { shop: data.shop }),
      subtitle: text(lang, 'letters.report.subtitle', { id: req.id }),
      sections: [
        { title: '', paragraphs: [text(lang, 'letters.report.intro', { at: moment(req.receivedAt, lang) })] },
        { title: r.sections.held, items: held },
        { title: r.sections.purposes, items: purposeItems(db, req.customerId, lang) },
        {
          title: r.sections.consents,
          paragraphs: data.consents.length
            ? rest(lang, data.consents.length, data.totals?.consents, 'consents')
            : [text(lang, 'letters.report.consents.none')],
          items: data.consents.map((e) => consentLine(e, lang)),
        },
        { title: r.sections.recipients, ...recipients },
        { title: r.sections.keeping, items: keepingItems(db, req.customerId, lang) },
        { title: r.sections.origin, paragraphs: originParagraphs(db, data, req.customerId, lang) },
        {
          title: r.sections.processing,
          paragraphs: [
            text(lang, 'letters.report.processing.intro'),
            ...rest(lang, data.processing.length, data.totals?.processing, 'processing'),
          ],
          items: data.processing.map((p) => processingLine(p, lang)),
        },
        { title: r.sections.rights, items: [...r.rights] },
        { title: r.sections.howTo, paragraphs: howToAsk(db, lang) },
      ],
    },
    tables: data.purchases.length
      ? [
          {
            title: r.appendix.title,
            head: [...r.appendix.head],
            note: rest(lang, data.purchases.length, data.totals?.purchases, 'purchases')[0],
            rows: data.purchases.map((p) => [
              momentOf(p.at, lang),
              clip(p.items.join(', '), lang),
              count(p.amount),
              p.voided ? r.appendix.voided : '',
            ]),
          },
        ]
      : [],
  };
}

/**
 * The same data as a CSV of (record, field, value) rows: one file any spreadsheet opens. Its header
 * and record names are Indonesian whatever the letter's language, so a program reading the file
 * always finds the same columns.
 */
export function customerCsv(data: CustomerData): string {
  const lang = 'id';
  const rows: (string | number | null)[][] = [[...words(lang).letters.portability.head]];
  const customer = text(lang, 'letters.portability.customer');
  for (const [k, v] of Object.entries(data.customer))
    rows.push([customer, k, Array.isArray(v) ? v.join('; ') : v === null ? '' : String(v)]);
  data.consents.forEach((e, i) => {
    const record = text(lang, 'letters.portability.consent', { n: i + 1 });
    for (const [k, v] of Object.entries(e)) rows.push([record, k, v === null ? '' : String(v)]);
  });
  data.purchases.forEach((p, i) => {
    const record = text(lang, 'letters.portability.purchase', { n: i + 1 });
    for (const [k, v] of Object.entries(p))
      rows.push([record, k, Array.isArray(v) ? v.join('; ') : String(v)]);
  });
  return shopCsv(rows, new Set());
}
