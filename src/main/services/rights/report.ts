import type { DocText, OptionalField } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import type { Db } from '../../vault/database';
import { auditSlices, countAudit } from '../audit.service';
import { consentHistory, listPurposes } from '../consent.service';
import { shopCsv } from '../csv';
import { getCustomer } from '../customers.service';
import { enabledFields } from '../fields.service';
import { listPurchases } from '../purchases.service';
import { getMeta } from '../settings.service';
import { seededText } from '../../../shared/seeded-text';
import type { PrintTable } from './print';
import { shopDateTime } from '../../../shared/shop-time';

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
    action: string;
    method: string;
    /** Where it came from: the counter, a file import (with `method` as the owner said), the policy. */
    source: string;
    at: string;
    noticeVersion: number;
    recordedBy: string | null;
  }[];
  purchases: { at: string; amount: number; items: string[]; voided: boolean }[];
  /** Who did what with this customer's data (staff name and role, action, when). */
  processing: { at: string; staff: string | null; role: string | null; action: string; outcome: string }[];
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
const FIELDS: OptionalField[] = ['phone', 'email', 'address', 'birthday', 'gender', 'notes', 'tags'];

export function customerData(
  db: Db,
  customerId: number,
  now: number,
  lang: Language,
  /** For the printed report: the newest `rows` of each long list, and the totals. */
  opts: { rows?: number } = {},
): CustomerData {
  const cap = opts.rows ?? Number.POSITIVE_INFINITY;
  const c = getCustomer(db, customerId);
  const enabled = enabledFields(db);
  const purposes = new Map(listPurposes(db).map((p) => [p.id, seededText(p.name, lang)]));
  const customer: CustomerData['customer'] = { id: c.id, name: c.name };
  for (const f of FIELDS)
    if (enabled.has(f)) customer[f] = (c as unknown as Record<string, never>)[f] ?? null;
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
      processing.push({
        at: iso(e.at),
        staff: who?.name ?? null,
        role: who?.role ?? null,
        action: e.action,
        outcome: e.outcome,
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
    processing,
    deletion: { dueAt: iso(c.deletion.dueAt), basis: c.deletion.basis },
    ...(totals ? { totals } : {}),
  };
}

const day = (isoText: string, lang: Language) => shopDateTime(Date.parse(isoText), lang, 'short');

const t = (lang: Language, id: string, en: string) => (lang === 'id' ? id : en);

const count = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/** A sale's items as printed: at most REPORT_ITEM_CHARS, saying how much was left out. */
function clip(text: string, lang: Language): string {
  if (text.length <= REPORT_ITEM_CHARS) return text;
  const more = count(text.length - REPORT_ITEM_CHARS);
  return `${text.slice(0, REPORT_ITEM_CHARS)}… (${t(lang, `+${more} karakter`, `+${more} characters`)})`;
}

/** Under a list the report cut short: how many rows there are in all, and where the rest are. */
function rest(lang: Language, shown: number, total: number | undefined, [id, en]: [string, string]) {
  if (total === undefined || total <= shown) return undefined;
  return t(
    lang,
    `Ditampilkan ${count(shown)} ${id} terbaru dari ${count(total)}. ${count(total - shown)} yang lebih lama tidak dicetak di sini; semuanya ada dalam salinan data lengkap (berkas portabilitas data), yang kami berikan atas permintaan.`,
    `Showing the newest ${count(shown)} of ${count(total)} ${en}. The ${count(total - shown)} older ones are not printed here; all of them are in the complete copy of the data (the data portability file), which we hand over on request.`,
  );
}

/** The printable access report: the data, then tables of consents, purchases and processing. */
export function accessReport(
  data: CustomerData,
  requestId: number,
  lang: Language,
): { doc: DocText; tables: PrintTable[] } {
  const fieldLine = ([k, v]: [string, unknown]) =>
    `${k}: ${Array.isArray(v) ? v.join(', ') : v === null || v === '' ? '—' : String(v)}`;
  return {
    doc: {
      title: t(
        lang,
        `Laporan data pribadi — ${String(data.customer.name)}`,
        `Personal data report — ${String(data.customer.name)}`,
      ),
      subtitle: t(
        lang,
        `${data.shop} · dibuat ${day(data.exportedAt, lang)} WIB · permintaan #${requestId} (UU PDP Pasal 7, 32)`,
        `${data.shop} · made ${day(data.exportedAt, lang)} WIB · request #${requestId} (PDP Law Art. 7, 32)`,
      ),
      sections: [
        {
          title: t(lang, 'Data yang kami simpan', 'The data we hold'),
          items: Object.entries(data.customer).map(fieldLine),
        },
        {
          title: t(lang, 'Jadwal penghapusan', 'Deletion date'),
          paragraphs: [day(data.deletion.dueAt, lang)],
        },
      ],
    },
    tables: [
      {
        title: t(lang, 'Riwayat persetujuan', 'Consent history'),
        head: [
          t(lang, 'Waktu', 'When'),
          t(lang, 'Tujuan', 'Purpose'),
          t(lang, 'Tindakan', 'Action'),
          t(lang, 'Cara', 'How'),
          t(lang, 'Pemberitahuan', 'Notice'),
        ],
        rows: data.consents.map((e) => [
          day(e.at, lang),
          e.purpose,
          e.action,
          e.method,
          `v${e.noticeVersion}`,
        ]),
        note: rest(lang, data.consents.length, data.totals?.consents, [
          'catatan persetujuan',
          'consent records',
        ]),
      },
      {
        title: t(lang, 'Pembelian', 'Purchases'),
        head: [
          t(lang, 'Waktu', 'When'),
          t(lang, 'Barang', 'Items'),
          t(lang, 'Jumlah (Rp)', 'Amount (Rp)'),
          '',
        ],
        note: rest(lang, data.purchases.length, data.totals?.purchases, ['pembelian', 'purchases']),
        rows: data.purchases.map((p) => [
          day(p.at, lang),
          clip(p.items.join(', '), lang),
          new Intl.NumberFormat('id-ID').format(p.amount),
          p.voided ? t(lang, 'dibatalkan', 'voided') : '',
        ]),
      },
      {
        title: t(lang, 'Catatan pemrosesan: siapa melakukan apa', 'Record of processing: who did what'),
        head: [
          t(lang, 'Waktu', 'When'),
          t(lang, 'Staf', 'Staff'),
          t(lang, 'Peran', 'Role'),
          t(lang, 'Kegiatan', 'Activity'),
          t(lang, 'Hasil', 'Outcome'),
        ],
        rows: data.processing.map((p) => [
          day(p.at, lang),
          p.staff ?? '—',
          p.role ?? '—',
          p.action,
          p.outcome,
        ]),
        note: rest(lang, data.processing.length, data.totals?.processing, [
          'catatan pemrosesan',
          'processing entries',
        ]),
      },
    ],
  };
}

/** The same data as a CSV of (record, field, value) rows: one file any spreadsheet opens. */
export function customerCsv(data: CustomerData): string {
  const rows: (string | number | null)[][] = [['bagian', 'kolom', 'nilai']];
  for (const [k, v] of Object.entries(data.customer))
    rows.push(['pelanggan', k, Array.isArray(v) ? v.join('; ') : v === null ? '' : String(v)]);
  data.consents.forEach((e, i) => {
    for (const [k, v] of Object.entries(e))
      rows.push([`persetujuan ${i + 1}`, k, v === null ? '' : String(v)]);
  });
  data.purchases.forEach((p, i) => {
    for (const [k, v] of Object.entries(p))
      rows.push([`pembelian ${i + 1}`, k, Array.isArray(v) ? v.join('; ') : String(v)]);
  });
  return shopCsv(rows, new Set());
}
