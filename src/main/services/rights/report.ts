import {
  OPTIONAL_FIELDS,
  type ConsentEvent,
  type DocText,
  type Gender,
  type LegalBasis,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { fieldLabel } from '../../../shared/messages';
import { enCount } from '../../../shared/plural';
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
  purchases: { at: string; amount: number; items: string[]; voided: boolean }[];
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
    promotionsSent: sendsTo(db, customerId).map(iso),
    processing,
    deletion: { dueAt: iso(c.deletion.dueAt), basis: c.deletion.basis },
    ...(totals ? { totals } : {}),
  };
}

type L = Record<Language, string>;

const t = (lang: Language, id: string, en: string) => (lang === 'id' ? id : en);

const count = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/** A moment as the customer reads it, on the shop's clock: 5 Desember 2026 pukul 14.05 WIB. */
const moment = (ms: number, lang: Language) => `${shopDateTime(ms, lang)} WIB`;
const momentOf = (isoText: string, lang: Language) => moment(Date.parse(isoText), lang);

/** A sale's items as printed: at most REPORT_ITEM_CHARS, saying how much was left out. */
function clip(text: string, lang: Language): string {
  if (text.length <= REPORT_ITEM_CHARS) return text;
  const more = count(text.length - REPORT_ITEM_CHARS);
  return `${text.slice(0, REPORT_ITEM_CHARS)}… (${t(lang, `+${more} karakter`, `+${more} characters`)})`;
}

/** Above a list the report cut short: how many rows there are in all, and where the rest are. */
function rest(lang: Language, shown: number, total: number | undefined, [id, en]: [string, string]) {
  if (total === undefined || total <= shown) return [];
  return [
    t(
      lang,
      `Ditampilkan ${count(shown)} ${id} terbaru dari ${count(total)}. ${count(total - shown)} yang lebih lama tidak dicetak di sini; semuanya ada dalam salinan data lengkap (berkas portabilitas data), yang kami berikan atas permintaan.`,
      `Showing the newest ${count(shown)} of ${count(total)} ${en}. The ${count(total - shown)} older ones are not printed here; all of them are in the complete copy of the data (the data portability file), which we hand over on request.`,
    ),
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
const MINOR_WORDS: L = { id: 'Usia (anak atau dewasa)', en: 'Age (child or adult)' };
const GENDER_WORDS: Record<Gender, L> = {
  female: { id: 'Perempuan', en: 'Female' },
  male: { id: 'Laki-laki', en: 'Male' },
};
function fieldWord(key: string, lang: Language): string {
  if (key === 'isMinor' || key === 'is_minor') return MINOR_WORDS[lang];
  const field = COLUMN_FIELDS[key] ?? key;
  const label = fieldLabel(field, lang);
  // A field without a label is never printed by its internal name.
  return label === field ? t(lang, 'data lain', 'other data') : label;
}
const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** A kept value in words: a date as the shop writes it, a gender as a word, nothing as "not recorded". */
function valueWords(key: string, value: unknown, lang: Language): string {
  const none = t(lang, 'tidak kami catat', 'not recorded');
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.join(', ') : none;
  if (key === 'birthday' && typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number);
    return shopDay(Date.UTC(y!, m! - 1, d!, 5), lang);
  }
  if (key === 'gender') return GENDER_WORDS[value as Gender]?.[lang] ?? String(value);
  // An address kept on several lines reads as one line in a list.
  return String(value)
    .split(/\s*\n\s*/)
    .filter(Boolean)
    .join(', ');
}

/** Why the law lets the shop use data for a purpose, said to the customer. */
const BASIS_WORDS: Record<LegalBasis, L> = {
  consent: {
    id: 'Dasarnya: persetujuan Anda (UU PDP Pasal 20 ayat 2 huruf a).',
    en: 'It rests on your consent (PDP Law Art. 20(2)(a)).',
  },
  contract: {
    id: 'Dasarnya: kami memerlukannya untuk melayani pembelian atau pesanan Anda (UU PDP Pasal 20 ayat 2 huruf b).',
    en: 'It rests on our need to serve your purchase or order (PDP Law Art. 20(2)(b)).',
  },
  legal_obligation: {
    id: 'Dasarnya: kewajiban hukum yang harus dipenuhi toko (UU PDP Pasal 20 ayat 2 huruf c).',
    en: 'It rests on a legal duty the shop must meet (PDP Law Art. 20(2)(c)).',
  },
  vital_interest: {
    id: 'Dasarnya: melindungi keselamatan atau kepentingan vital seseorang (UU PDP Pasal 20 ayat 2 huruf d).',
    en: "It rests on protecting someone's safety or vital interests (PDP Law Art. 20(2)(d)).",
  },
  public_task: {
    id: 'Dasarnya: tugas untuk kepentingan umum (UU PDP Pasal 20 ayat 2 huruf e).',
    en: 'It rests on a task in the public interest (PDP Law Art. 20(2)(e)).',
  },
  legitimate_interest: {
    id: 'Dasarnya: kepentingan sah toko, yang tidak boleh merugikan Anda (UU PDP Pasal 20 ayat 2 huruf f).',
    en: "It rests on the shop's legitimate interest, which may never work against yours (PDP Law Art. 20(2)(f)).",
  },
};

/** How a consent was given or taken back, as the customer would say it. */
const METHOD_WORDS: Record<ConsentEvent['method'], L> = {
  verbal: { id: 'secara lisan', en: 'by word of mouth' },
  paper: { id: 'dengan formulir kertas', en: 'on a paper form' },
  digital: { id: 'secara digital', en: 'digitally' },
  import: {
    id: 'menurut berkas catatan toko sebelumnya (caranya tidak tercatat)',
    en: "according to the shop's earlier records (how was not recorded)",
  },
  policy: {
    id: 'karena masa berlakunya habis menurut aturan toko',
    en: "because it ran out under the shop's rules",
  },
};

function consentHow(e: Pick<ConsentEvent, 'method' | 'source' | 'recordedBy'>, lang: Language): string {
  const how = METHOD_WORDS[e.method][lang];
  if (e.source === 'import')
    return t(lang, `${how}, dari berkas yang diimpor toko`, `${how}, from a file the shop imported`);
  if (e.source === 'policy' || !e.recordedBy) return how;
  return t(lang, `${how}, dicatat oleh ${e.recordedBy}`, `${how}, recorded by ${e.recordedBy}`);
}

const ROLE_WORDS: Record<string, L> = {
  owner: { id: 'pemilik toko', en: 'shop owner' },
  cashier: { id: 'kasir', en: 'cashier' },
};

/**
 * What staff did with the customer's data, said to them. Actions not listed here (a newer kind)
 * are said by their family, never by their internal name.
 */
const ACTION_WORDS: Record<string, L> = {
  'customer.create': { id: 'Mencatat Anda sebagai pelanggan', en: 'Recorded you as a customer' },
  'customer.update': { id: 'Mengubah data Anda', en: 'Changed your data' },
  'customer.view': { id: 'Membuka data Anda', en: 'Opened your data' },
  'customer.revealPhone': {
    id: 'Menampilkan nomor HP Anda secara lengkap',
    en: 'Showed your whole phone number',
  },
  'customer.restrict': {
    id: 'Mengubah pembatasan pemakaian data Anda',
    en: 'Changed the restriction on your data',
  },
  'customer.erase': { id: 'Menghapus data Anda', en: 'Erased your data' },
  'consent.grant': { id: 'Mencatat persetujuan Anda', en: 'Recorded your consent' },
  'consent.withdraw': {
    id: 'Mencatat penarikan persetujuan Anda',
    en: 'Recorded the withdrawal of your consent',
  },
  'consent.history': { id: 'Melihat riwayat persetujuan Anda', en: 'Looked at your consent history' },
  'purchase.create': { id: 'Mencatat pembelian Anda', en: 'Recorded a purchase of yours' },
  'purchase.list': { id: 'Melihat riwayat pembelian Anda', en: 'Looked at your purchases' },
  'purchase.void': {
    id: 'Membatalkan atau membetulkan catatan pembelian Anda',
    en: 'Voided or corrected a purchase record of yours',
  },
  'purchase.receipt': {
    id: 'Mengirim struk pembelian ke WhatsApp Anda',
    en: 'Sent a receipt to your WhatsApp',
  },
  'retention.keep': {
    id: 'Menahan data Anda dari penghapusan terjadwal',
    en: 'Held your data back from its scheduled erasure',
  },
  'audience.whatsapp': {
    id: 'Menyiapkan pesan promosi WhatsApp untuk Anda',
    en: 'Prepared a WhatsApp promotion for you',
  },
  'request.create': {
    id: 'Mencatat permintaan Anda tentang data Anda',
    en: 'Recorded your request about your data',
  },
  'request.fulfil': { id: 'Memenuhi permintaan Anda', en: 'Carried out your request' },
  'request.refuse': {
    id: 'Menolak permintaan Anda, dengan alasan',
    en: 'Turned down your request, giving the reason',
  },
  'request.answer': {
    id: 'Mengirim jawaban atas permintaan Anda',
    en: 'Sent you the answer to your request',
  },
  'request.dismiss': { id: 'Menutup permintaan atas nama Anda', en: 'Closed a request made in your name' },
};
const FAMILY_WORDS: Record<string, L> = {
  customer: { id: 'Memakai data Anda', en: 'Used your data' },
  consent: { id: 'Memakai catatan persetujuan Anda', en: 'Used the record of your consent' },
  purchase: { id: 'Memakai catatan pembelian Anda', en: 'Used your purchase records' },
  request: { id: 'Menangani permintaan Anda', en: 'Handled your request' },
};

function processingLine(p: CustomerData['processing'][number], lang: Language): string {
  const who = p.staff
    ? `${p.staff}, ${ROLE_WORDS[p.role ?? '']?.[lang] ?? t(lang, 'staf', 'staff')}`
    : t(lang, 'Aplikasi (otomatis)', 'The app (automatically)');
  const words = ACTION_WORDS[p.action] ??
    FAMILY_WORDS[p.action.split('.')[0]!] ?? { id: 'Memakai data Anda', en: 'Used your data' };
  const fields = p.fields?.length ? `: ${p.fields.map((f) => lower(fieldWord(f, lang))).join(', ')}` : '';
  const outcome =
    p.outcome === 'denied'
      ? t(lang, ' — ditolak, karena tidak berwenang', ' — refused, not allowed')
      : p.outcome === 'failed'
        ? t(lang, ' — tidak berhasil, tidak ada yang berubah', ' — did not go through, nothing changed')
        : '';
  return `${momentOf(p.at, lang)} — ${who}: ${lower(words[lang])}${fields}${outcome}.`;
}

function consentLine(e: CustomerData['consents'][number], lang: Language): string {
  const what = {
    granted: t(lang, `Anda memberi persetujuan untuk ${e.purpose}`, `You gave consent to ${e.purpose}`),
    withdrawn: t(lang, `Anda menarik persetujuan untuk ${e.purpose}`, `You withdrew consent to ${e.purpose}`),
    lapsed: t(lang, `Persetujuan Anda untuk ${e.purpose} berakhir`, `Your consent to ${e.purpose} ended`),
  }[e.action];
  // Version 0: an import whose customers saw the shop's own notice, kept outside Brankas.
  const notice =
    e.noticeVersion === 0
      ? t(lang, 'pemberitahuan privasi toko di luar Brankas', "the shop's own privacy notice outside Brankas")
      : `${t(lang, 'pemberitahuan privasi versi', 'privacy notice version')} ${e.noticeVersion}`;
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
        if (!e)
          answer = t(
            lang,
            'Anda tidak memberi persetujuan untuk ini, jadi kami tidak memakai data Anda untuk itu.',
            'You have not consented to this, so we do not use your data for it.',
          );
        else if (e.action === 'granted')
          answer = t(
            lang,
            `Anda memberi persetujuan pada ${moment(e.at, lang)}, ${consentHow(e, lang)}.`,
            `You consented on ${moment(e.at, lang)}, ${consentHow(e, lang)}.`,
          );
        else if (e.action === 'withdrawn')
          answer = t(
            lang,
            `Anda menarik persetujuan ini pada ${moment(e.at, lang)}; sejak itu kami tidak memakai data Anda untuk tujuan ini.`,
            `You withdrew this consent on ${moment(e.at, lang)}; since then we have not used your data for it.`,
          );
        else
          answer = t(
            lang,
            `Persetujuan Anda berakhir pada ${moment(e.at, lang)} menurut aturan toko; sejak itu kami tidak memakai data Anda untuk tujuan ini.`,
            `Your consent ended on ${moment(e.at, lang)} under the shop's rules; since then we have not used your data for it.`,
          );
      }
      return [`${name}: ${seededText(p.description, lang)}`, BASIS_WORDS[p.legalBasis][lang], answer]
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
      ? t(
          lang,
          `Pemilik toko menahan data Anda lebih lama dari biasanya, sampai ${shopDay(d.dueAt, lang)}${d.keepReason ? `, dengan alasan: ${d.keepReason}` : ''}. Sesudah itu data Anda dihapus, kecuali Anda masih berbelanja.`,
          `The shop owner is keeping your data longer than usual, until ${shopDay(d.dueAt, lang)}${d.keepReason ? `, for this reason: ${d.keepReason}` : ''}. After that it is erased unless you still shop with us.`,
        )
      : t(
          lang,
          `Kami menghapus data pelanggan ${policy.inactiveMonths} bulan setelah kegiatan terakhirnya (pembelian atau perubahan persetujuan). Kegiatan terakhir Anda pada ${shopDay(d.lastActivityAt, lang)}, jadi bila Anda tidak datang lagi, data Anda kami hapus pada ${shopDay(d.dueAt, lang)}. Setiap pembelian baru menggeser tanggal itu.`,
          `We erase a customer's data ${enCount(policy.inactiveMonths, 'month')} after their last activity (a purchase or a change of consent). Your last activity was on ${shopDay(d.lastActivityAt, lang)}, so if you do not come again we erase your data on ${shopDay(d.dueAt, lang)}. Every new purchase moves that date.`,
        ),
  ];
  const purposes = new Map(listPurposes(db).map((p) => [p.id, p]));
  for (const s of c.consents) {
    const p = purposes.get(s.purposeId);
    if (!s.granted || p?.legalBasis !== 'consent') continue;
    const name = seededText(p.name, lang);
    out.push(
      policy.consentLapseMonths > 0
        ? t(
            lang,
            `Persetujuan Anda untuk ${name} berlaku ${policy.consentLapseMonths} bulan: bila tidak Anda perbarui, berakhir pada ${shopDay(addMonthsWib(s.at, policy.consentLapseMonths), lang)}.`,
            `Your consent to ${name} lasts ${enCount(policy.consentLapseMonths, 'month')}: unless you renew it, it ends on ${shopDay(addMonthsWib(s.at, policy.consentLapseMonths), lang)}.`,
          )
        : t(
            lang,
            `Persetujuan Anda untuk ${name} berlaku sampai Anda menariknya.`,
            `Your consent to ${name} stands until you withdraw it.`,
          ),
    );
  }
  out.push(
    t(
      lang,
      `Catatan penjualan (tanggal, barang, jumlah) kami simpan ${policy.salesKeepYears} tahun untuk pembukuan pajak. Setelah data Anda dihapus, catatan itu tidak lagi memuat nama atau kontak Anda.`,
      `Sales records (date, items, amount) are kept ${enCount(policy.salesKeepYears, 'year')} for the tax books. Once your data is erased they no longer hold your name or contact.`,
    ),
  );
  return out;
}

/** Where the record came from: the counter (who wrote it down) or a file the shop imported. */
function originParagraphs(db: Db, data: CustomerData, customerId: number, lang: Language): string[] {
  const created = auditRowsBefore(db, undefined, 1, { customerId, action: 'customer.create' })[0];
  const staff = created?.actor
    ? (db.prepare('SELECT name, role FROM users WHERE id = ?').get(created.actor) as
        { name: string; role: string } | undefined)
    : undefined;
  const since = momentOf(String(data.customer.createdAt), lang);
  const out = [
    created
      ? t(
          lang,
          `Anda sendiri memberikan data ini kepada kami di toko. ${staff ? `${staff.name} (${ROLE_WORDS[staff.role]?.id ?? 'staf'})` : 'Staf kami'} mencatatnya pada ${moment(created.at, lang)}.`,
          `You gave us this data yourself at the shop. ${staff ? `${staff.name} (${ROLE_WORDS[staff.role]?.en ?? 'staff'})` : 'Our staff'} wrote it down on ${moment(created.at, lang)}.`,
        )
      : t(
          lang,
          `Data Anda berasal dari catatan toko sebelumnya (buku atau berkas) dan dimasukkan ke aplikasi ini dengan mengimpor berkas pada ${since}.`,
          `Your data comes from the shop's earlier records (a book or a file) and was brought into this app by importing a file on ${since}.`,
        ),
  ];
  const edits = data.processing.filter((p) => p.action === 'customer.update' && p.outcome === 'ok').length;
  if (edits)
    out.push(
      t(
        lang,
        `Sejak itu data Anda diubah ${count(edits)} kali; setiap perubahan ada di bagian berikutnya.`,
        `Since then your data was changed ${count(edits)} ${edits === 1 ? 'time' : 'times'}; each change is listed in the next part.`,
      ),
    );
  out.push(
    t(
      lang,
      'Pembelian Anda dicatat oleh kasir kami saat Anda berbelanja. Kami tidak membeli atau menerima data Anda dari pihak lain.',
      'Your purchases are recorded by our cashiers when you shop. We do not buy or receive your data from anyone else.',
    ),
  );
  return out;
}

function recipientParagraphs(db: Db, lang: Language): { paragraphs: string[]; items?: string[] } {
  const list = (getMeta(db, 'recipients') ?? '')
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean);
  if (!list.length)
    return {
      paragraphs: [
        t(
          lang,
          'Kami tidak memberikan data Anda kepada siapa pun di luar toko. Data disimpan terenkripsi di komputer toko, tidak di internet.',
          'We give your data to no one outside the shop. It is kept encrypted on the shop’s computer, not on the internet.',
        ),
      ],
    };
  return {
    paragraphs: [
      t(lang, 'Selain toko kami, data Anda diterima oleh:', 'Besides our shop, your data is received by:'),
    ],
    items: list,
  };
}

function rightsItems(lang: Language): string[] {
  return [
    t(
      lang,
      'Mendapat penjelasan tentang data Anda: apa yang kami simpan, untuk apa, dan siapa yang memakainya, seperti surat ini (Pasal 5).',
      'To be told about your data: what we keep, what for and who uses it, as in this letter (Art. 5).',
    ),
    t(
      lang,
      'Meminta kami membetulkan atau melengkapi data yang salah (Pasal 6).',
      'To have wrong or missing data corrected (Art. 6).',
    ),
    t(
      lang,
      'Melihat data Anda dan mendapat salinannya (Pasal 7).',
      'To see your data and get a copy of it (Art. 7).',
    ),
    t(
      lang,
      'Meminta data Anda dihapus; catatan penjualan tetap disimpan untuk pembukuan, tanpa nama Anda (Pasal 8).',
      'To have your data erased; sales records stay in the books without your name (Art. 8).',
    ),
    t(lang, 'Menarik persetujuan kapan saja (Pasal 9).', 'To withdraw your consent at any time (Art. 9).'),
    t(
      lang,
      'Menolak keputusan tentang Anda yang diambil secara otomatis (Pasal 10); toko ini tidak mengambil keputusan seperti itu.',
      'To object to decisions about you taken automatically (Art. 10); this shop takes none.',
    ),
    t(
      lang,
      'Meminta pemakaian data Anda dibatasi (Pasal 11).',
      'To have the use of your data restricted (Art. 11).',
    ),
    t(
      lang,
      'Menggugat dan meminta ganti rugi bila data Anda diproses dengan melanggar hukum (Pasal 12).',
      'To sue and claim compensation if your data is processed unlawfully (Art. 12).',
    ),
    t(
      lang,
      'Mendapat data Anda dalam berkas yang dapat dibaca komputer (Pasal 13).',
      'To receive your data in a file a computer can read (Art. 13).',
    ),
  ];
}

function howToAsk(db: Db, lang: Language): string[] {
  const shop = letterhead(db);
  const address = shop.address.replace(/\s*\n\s*/g, ', ');
  const reach = [shop.contact, address && t(lang, `surat ke ${address}`, `by letter to ${address}`)]
    .filter(Boolean)
    .join(t(lang, ', atau ', ', or '));
  const authority = getMeta(db, 'breach_authority') || 'Kementerian Komunikasi dan Digital (Komdigi)';
  return [
    t(
      lang,
      `Sampaikan permintaan Anda di kasir${reach ? `, atau lewat ${reach}` : ''}. Kami memastikan bahwa yang meminta memang Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.`,
      `Ask at the counter${reach ? `, or through ${reach}` : ''}. We make sure it is really you asking, record the request and answer within 3 x 24 hours at the latest.`,
    ),
    t(
      lang,
      `Bila Anda tidak puas dengan jawaban kami, Anda dapat mengadu kepada ${authority}.`,
      `If you are not satisfied with our answer, you may complain to ${authority}.`,
    ),
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
  const c = data.customer;
  const name = String(c.name);
  const held = [`${fieldWord('name', lang)}: ${name}`];
  for (const f of OPTIONAL_FIELDS)
    if (f in c) held.push(`${fieldWord(f, lang)}: ${valueWords(f, c[f], lang)}`);
  held.push(
    c.isMinor
      ? t(
          lang,
          `Anda tercatat sebagai anak di bawah 18 tahun; wali Anda: ${valueWords('guardianName', c.guardianName, lang)}.`,
          `You are recorded as a child under 18; your guardian: ${valueWords('guardianName', c.guardianName, lang)}.`,
        )
      : t(
          lang,
          'Anda tercatat sebagai orang dewasa (18 tahun atau lebih).',
          'You are recorded as an adult (18 or over).',
        ),
    c.restricted
      ? t(
          lang,
          'Atas permintaan Anda, pemakaian data Anda dibatasi: kami menyimpannya tetapi tidak memakainya.',
          'At your request the use of your data is restricted: we keep it but do not use it.',
        )
      : t(lang, 'Pemakaian data Anda tidak dibatasi.', 'The use of your data is not restricted.'),
    t(
      lang,
      `Anda tercatat sebagai pelanggan sejak ${momentOf(String(c.createdAt), lang)}.`,
      `You have been recorded as a customer since ${momentOf(String(c.createdAt), lang)}.`,
    ),
  );
  const purchases = data.totals?.purchases ?? data.purchases.length;
  held.push(
    purchases
      ? t(
          lang,
          `Riwayat pembelian Anda: ${count(purchases)} pembelian, dirinci di lampiran surat ini.`,
          `Your purchase history: ${count(purchases)} ${purchases === 1 ? 'purchase' : 'purchases'}, listed in the appendix to this letter.`,
        )
      : t(lang, 'Belum ada pembelian Anda yang tercatat.', 'No purchase of yours is recorded.'),
  );
  const sent = data.promotionsSent;
  if (sent.length)
    held.push(
      t(
        lang,
        `Pesan promosi yang kami kirim kepada Anda lewat WhatsApp: ${count(sent.length)} kali, terakhir ${momentOf(sent[0]!, lang)}.`,
        `Promotions we sent you on WhatsApp: ${count(sent.length)} ${sent.length === 1 ? 'time' : 'times'}, last on ${momentOf(sent[0]!, lang)}.`,
      ),
    );
  const shop = data.shop;
  const recipients = recipientParagraphs(db, lang);
  return {
    letter: letterParts(db, customerAddressee(db, req.customerId), signer, lang),
    doc: {
      title: t(lang, `Data pribadi Anda di ${shop}`, `Your personal data at ${shop}`),
      subtitle: t(
        lang,
        `Jawaban atas permintaan Anda nomor ${req.id} untuk melihat data Anda (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 7 dan 32)`,
        `Answer to your request number ${req.id} to see your data (Law No. 27 of 2022 on Personal Data Protection, Art. 7 and 32)`,
      ),
      sections: [
        {
          title: '',
          paragraphs: [
            t(
              lang,
              `Pada ${moment(req.receivedAt, lang)} Anda meminta melihat data pribadi Anda yang kami simpan. Surat ini memuat semua data itu, untuk apa dan atas dasar apa kami memakainya, siapa yang menerimanya, berapa lama kami menyimpannya, dari mana asalnya, siapa di toko kami yang melihatnya, dan apa saja hak Anda.`,
              `On ${moment(req.receivedAt, lang)} you asked to see the personal data we keep about you. This letter sets out all of it: what we use it for and on what basis, who receives it, how long we keep it, where it came from, who at our shop looked at it, and what your rights are.`,
            ),
          ],
        },
        { title: t(lang, 'Data Anda yang kami simpan', 'The data we keep about you'), items: held },
        {
          title: t(
            lang,
            'Untuk apa kami memakainya, dan atas dasar apa',
            'What we use it for, and on what basis',
          ),
          items: purposeItems(db, req.customerId, lang),
        },
        {
          title: t(lang, 'Riwayat persetujuan Anda', 'The history of your consents'),
          paragraphs: data.consents.length
            ? rest(lang, data.consents.length, data.totals?.consents, [
                'catatan persetujuan',
                'consent records',
              ])
            : [t(lang, 'Tidak ada catatan persetujuan.', 'There is no record of consent.')],
          items: data.consents.map((e) => consentLine(e, lang)),
        },
        { title: t(lang, 'Siapa yang menerima data Anda', 'Who receives your data'), ...recipients },
        {
          title: t(lang, 'Berapa lama kami menyimpannya', 'How long we keep it'),
          items: keepingItems(db, req.customerId, lang),
        },
        {
          title: t(lang, 'Dari mana data Anda berasal', 'Where your data came from'),
          paragraphs: originParagraphs(db, data, req.customerId, lang),
        },
        {
          title: t(lang, 'Siapa yang melihat dan memakai data Anda', 'Who looked at and used your data'),
          paragraphs: [
            t(
              lang,
              'Hanya pemilik toko dan kasir kami, masing-masing masuk dengan PIN sendiri, yang dapat membuka data Anda. Aplikasi mencatat setiap kali data Anda dibuka atau diubah; inilah catatan itu, yang terbaru lebih dulu (tanggal dan jam menurut waktu toko, WIB).',
              'Only the shop owner and our cashiers, each signing in with their own PIN, can open your data. The app writes down every time your data is opened or changed; here is that record, newest first (dates and times on the shop’s clock, WIB).',
            ),
            ...rest(lang, data.processing.length, data.totals?.processing, [
              'catatan pemrosesan',
              'processing entries',
            ]),
          ],
          items: data.processing.map((p) => processingLine(p, lang)),
        },
        {
          title: t(lang, 'Hak Anda (UU PDP Pasal 5 sampai 13)', 'Your rights (PDP Law Art. 5 to 13)'),
          items: rightsItems(lang),
        },
        { title: t(lang, 'Cara memakai hak Anda', 'How to use your rights'), paragraphs: howToAsk(db, lang) },
      ],
    },
    tables: data.purchases.length
      ? [
          {
            title: t(lang, 'Lampiran: pembelian Anda', 'Appendix: your purchases'),
            head: [
              t(lang, 'Tanggal', 'Date'),
              t(lang, 'Barang', 'Items'),
              t(lang, 'Jumlah (Rp)', 'Amount (Rp)'),
              t(lang, 'Keterangan', 'Note'),
            ],
            note: rest(lang, data.purchases.length, data.totals?.purchases, ['pembelian', 'purchases'])[0],
            rows: data.purchases.map((p) => [
              momentOf(p.at, lang),
              clip(p.items.join(', '), lang),
              count(p.amount),
              p.voided ? t(lang, 'dibatalkan, tidak dihitung', 'voided, not counted') : '',
            ]),
          },
        ]
      : [],
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
