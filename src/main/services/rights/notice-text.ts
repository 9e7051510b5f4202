import type {
  DocText,
  LegalBasis,
  MarketingChannel,
  OptionalField,
  RetentionPolicy,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { seededText } from '../../../shared/seeded-text';
import { enCount } from '../../../shared/plural';
import { phoneMaskedFor } from '../../../shared/roles';
import { formatPhone, maskPhone } from '../phone';

/**
 * The words of the privacy notice and the record of processing, from the facts they are
 * generated from. Pure: the same inputs give the same text, so a version's inputs identify it.
 */
export interface NoticeInputs {
  shop: { name: string; contact: string };
  /** Fields the shop collects now, with why (the name is always collected). */
  fields: { key: OptionalField; purpose: string }[];
  purposes: {
    id: number;
    name: string;
    description: string;
    basis: LegalBasis;
    channel: MarketingChannel | null;
  }[];
  retention: RetentionPolicy;
  recipients: string[];
}

export interface RecordInputs extends NoticeInputs {
  users: { owners: number; cashiers: number };
  security: {
    autoLockMinutes: number;
    backups: { enabled: boolean; auto: boolean; keepDaily: number; keepWeekly: number };
    /** Which OS keystore seals the device secret ('dpapi', 'keychain', 'basic_text', ...). */
    keystore: string;
    keystoreProtected: boolean;
  };
}

type L = Record<Language, string>;
const pick = (l: L, lang: Language) => l[lang];

const FIELD_NAMES: Record<OptionalField, L> = {
  phone: { id: 'Nomor HP', en: 'Phone number' },
  email: { id: 'Email', en: 'Email' },
  address: { id: 'Alamat', en: 'Address' },
  birthday: { id: 'Tanggal lahir', en: 'Date of birth' },
  gender: { id: 'Jenis kelamin', en: 'Gender' },
  notes: { id: 'Catatan layanan', en: 'Service notes' },
  tags: { id: 'Preferensi produk', en: 'Product preferences' },
};

const BASES: Record<LegalBasis, L> = {
  consent: {
    id: 'persetujuan Anda (Pasal 20 ayat 2 huruf a); Anda boleh menariknya kapan saja',
    en: 'your consent (Art. 20(2)(a)); you may withdraw it at any time',
  },
  contract: {
    id: 'perlu untuk melayani pembelian atau pesanan Anda (Pasal 20 ayat 2 huruf b)',
    en: 'needed to serve your purchase or order (Art. 20(2)(b))',
  },
  legal_obligation: {
    id: 'kewajiban hukum toko (Pasal 20 ayat 2 huruf c)',
    en: "the shop's legal obligation (Art. 20(2)(c))",
  },
  vital_interest: {
    id: 'melindungi kepentingan vital seseorang (Pasal 20 ayat 2 huruf d)',
    en: "protecting someone's vital interests (Art. 20(2)(d))",
  },
  public_task: {
    id: 'tugas pelayanan publik (Pasal 20 ayat 2 huruf e)',
    en: 'a public task (Art. 20(2)(e))',
  },
  legitimate_interest: {
    id: 'kepentingan sah toko yang tidak merugikan Anda (Pasal 20 ayat 2 huruf f)',
    en: "the shop's legitimate interest, never against yours (Art. 20(2)(f))",
  },
};

const RIGHTS: L[] = [
  {
    id: 'Mendapat informasi tentang data Anda dan untuk apa dipakai (Pasal 5).',
    en: 'To be told about your data and what it is used for (Art. 5).',
  },
  {
    id: 'Membetulkan data yang salah atau kurang (Pasal 6).',
    en: 'To have wrong or incomplete data corrected (Art. 6).',
  },
  {
    id: 'Melihat dan mendapat salinan data Anda (Pasal 7).',
    en: 'To see your data and get a copy of it (Art. 7).',
  },
  { id: 'Meminta data Anda dihapus (Pasal 8).', en: 'To have your data erased (Art. 8).' },
  {
    id: 'Menarik persetujuan yang pernah Anda berikan (Pasal 9).',
    en: 'To withdraw a consent you gave (Art. 9).',
  },
  {
    id: 'Menolak keputusan yang dibuat otomatis tentang Anda (Pasal 10) — toko ini tidak membuat keputusan otomatis.',
    en: 'To object to decisions made about you automatically (Art. 10) — this shop makes none.',
  },
  {
    id: 'Meminta pemakaian data Anda dibatasi (Pasal 11).',
    en: 'To have the use of your data restricted (Art. 11).',
  },
  {
    id: 'Mendapat data Anda dalam bentuk berkas yang bisa dibaca komputer (Pasal 13).',
    en: 'To receive your data in a file a computer can read (Art. 13).',
  },
];

const t = (lang: Language, id: string, en: string) => (lang === 'id' ? id : en);

function collected(i: NoticeInputs, lang: Language): string[] {
  return [
    t(
      lang,
      'Nama — untuk mengenali Anda dan mencatat pembelian.',
      'Name — to recognise you and record purchases.',
    ),
    ...i.fields.map((f) => `${pick(FIELD_NAMES[f.key], lang)} — ${seededText(f.purpose, lang)}`),
    t(
      lang,
      'Riwayat pembelian (tanggal, barang, jumlah) dan catatan persetujuan Anda.',
      'Purchase history (date, items, amount) and the record of your consents.',
    ),
  ];
}

function purposes(i: NoticeInputs, lang: Language): string[] {
  return i.purposes.map(
    (p) =>
      `${seededText(p.name, lang)}: ${seededText(p.description, lang)} ${t(lang, 'Dasar', 'Basis')}: ${pick(BASES[p.basis], lang)}.`,
  );
}

function retention(i: NoticeInputs, lang: Language): string[] {
  const r = i.retention;
  return [
    t(
      lang,
      `Data pelanggan dihapus otomatis setelah ${r.inactiveMonths} bulan tanpa pembelian, kunjungan, atau perubahan persetujuan.`,
      `A customer's data is erased automatically after ${r.inactiveMonths} months without a purchase, visit or consent change.`,
    ),
    r.consentLapseMonths > 0
      ? t(
          lang,
          `Persetujuan promosi berakhir setelah ${r.consentLapseMonths} bulan bila tidak diperbarui.`,
          `Consent to promotions lapses after ${enCount(r.consentLapseMonths, 'month')} unless renewed.`,
        )
      : t(
          lang,
          'Persetujuan promosi berlaku sampai Anda menariknya.',
          'Consent to promotions stands until you withdraw it.',
        ),
    t(
      lang,
      `Catatan penjualan disimpan ${r.salesKeepYears} tahun untuk pembukuan, tanpa nama atau kontak Anda setelah data Anda dihapus.`,
      `Sales records are kept ${r.salesKeepYears} years for the books, without your name or contact once your data is erased.`,
    ),
  ];
}

function recipients(i: NoticeInputs, lang: Language): string[] {
  return i.recipients.length === 0
    ? [
        t(
          lang,
          'Toko ini tidak mengirim data Anda ke pihak lain. Data disimpan di komputer toko, tidak di internet.',
          'This shop sends your data to no one else. It is kept on the shop’s computer, not on the internet.',
        ),
      ]
    : [
        t(lang, 'Data Anda diterima juga oleh:', 'Your data is also received by:'),
        ...i.recipients.map((r) => `• ${r}`),
      ];
}

function contactLine(i: NoticeInputs, lang: Language): string {
  return i.shop.contact
    ? t(lang, `Hubungi kami: ${i.shop.contact}.`, `Contact us: ${i.shop.contact}.`)
    : t(lang, 'Hubungi kami langsung di kasir.', 'Contact us at the counter.');
}

/** The mask a cashier sees, shown in the notice as main makes it (a made-up number). */
export const PHONE_MASK_EXAMPLE = maskPhone(formatPhone('+6281234567890'));

/**
 * What the documents say about how a cashier sees phones: from the same list main masks them by,
 * so the words cannot promise what the app does not do.
 */
export function cashierPhoneAccess(lang: Language, short = false): string {
  if (!phoneMaskedFor('cashier')) return t(lang, 'nomor HP lengkap', 'whole phone numbers');
  return short
    ? t(lang, 'nomor HP tersamar', 'phones masked')
    : t(
        lang,
        `Kasir melihat nomor HP tersamar (misalnya ${PHONE_MASK_EXAMPLE}); nomor lengkap hanya ditampilkan bila diminta, dan itu tercatat di log audit`,
        `Cashiers see phone numbers masked (for example ${PHONE_MASK_EXAMPLE}); the whole number is shown only when asked for, and that is written to the audit log`,
      );
}

function access(lang: Language): string {
  return t(
    lang,
    `Hanya pemilik toko dan kasir yang masuk dengan PIN masing-masing. ${cashierPhoneAccess(lang)}. Kasir hanya mencari pelanggan yang sedang dilayani. Setiap akses tercatat di log audit.`,
    `Only the shop owner and cashiers, each signing in with their own PIN. ${cashierPhoneAccess(lang)}. Cashiers only look up the customer they are serving. Every access is written to an audit log.`,
  );
}

export function noticeText(i: NoticeInputs, lang: Language, version: number, date: string): DocText {
  return {
    title: t(lang, `Pemberitahuan privasi — ${i.shop.name}`, `Privacy notice — ${i.shop.name}`),
    subtitle: t(
      lang,
      `Versi ${version}, berlaku sejak ${date}`,
      `Version ${version}, in force since ${date}`,
    ),
    sections: [
      {
        title: t(lang, 'Siapa kami', 'Who we are'),
        paragraphs: [
          t(
            lang,
            `${i.shop.name} mengelola data pelanggannya sendiri sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.`,
            `${i.shop.name} looks after its customers' data itself, under Law No. 27 of 2022 on Personal Data Protection.`,
          ),
          contactLine(i, lang),
        ],
      },
      { title: t(lang, 'Data yang kami catat', 'What we record'), items: collected(i, lang) },
      { title: t(lang, 'Untuk apa, dan dasarnya', 'What for, and on what basis'), items: purposes(i, lang) },
      { title: t(lang, 'Berapa lama disimpan', 'How long we keep it'), items: retention(i, lang) },
      { title: t(lang, 'Siapa yang dapat melihat', 'Who can see it'), paragraphs: [access(lang)] },
      { title: t(lang, 'Apakah dibagikan', 'Whether it is shared'), paragraphs: recipients(i, lang) },
      { title: t(lang, 'Hak Anda', 'Your rights'), items: RIGHTS.map((r) => pick(r, lang)) },
      {
        title: t(lang, 'Cara memakai hak Anda', 'How to use your rights'),
        paragraphs: [
          t(
            lang,
            'Sampaikan permintaan Anda di kasir, lewat WhatsApp, telepon, atau surat. Kami memeriksa identitas Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.',
            'Make your request at the counter, by WhatsApp, phone or letter. We check who you are, record the request and answer within 3 x 24 hours at the latest.',
          ),
          contactLine(i, lang),
        ],
      },
      {
        title: t(lang, 'Keamanan', 'Security'),
        paragraphs: [
          t(
            lang,
            'Data disimpan terenkripsi di komputer toko. Cadangan juga terenkripsi dan hanya dapat dibuka dengan kode pemulihan pemilik.',
            "Data is stored encrypted on the shop's computer. Backups are encrypted too and open only with the owner's recovery code.",
          ),
        ],
      },
      {
        title: t(lang, 'Bila terjadi kebocoran', 'If data leaks'),
        paragraphs: [
          t(
            lang,
            'Bila data Anda bocor, kami memberi tahu Anda dan lembaga yang berwenang paling lambat 3 x 24 jam: data apa, kapan dan bagaimana, dan apa yang kami lakukan.',
            'If your data leaks, we tell you and the authority within 3 x 24 hours at the latest: which data, when and how, and what we are doing about it.',
          ),
        ],
      },
    ],
  };
}

/** The counter poster: one page, the short version. */
export function posterText(i: NoticeInputs, lang: Language, version: number, date: string): DocText {
  const consent = i.purposes.filter((p) => p.basis === 'consent').map((p) => seededText(p.name, lang));
  return {
    title: t(lang, `Data Anda di ${i.shop.name}`, `Your data at ${i.shop.name}`),
    subtitle: t(
      lang,
      `Ringkasan pemberitahuan privasi versi ${version} (${date})`,
      `Summary of privacy notice version ${version} (${date})`,
    ),
    sections: [
      {
        title: t(lang, 'Yang kami catat', 'What we record'),
        paragraphs: [
          [
            t(lang, 'Nama', 'Name'),
            ...i.fields.map((f) => pick(FIELD_NAMES[f.key], lang)),
            t(lang, 'riwayat pembelian', 'purchases'),
          ].join(', '),
        ],
      },
      {
        title: t(lang, 'Hanya dengan persetujuan Anda', 'Only with your consent'),
        paragraphs: [
          consent.length
            ? `${consent.join(', ')}. ${t(lang, 'Anda boleh menolak atau menariknya kapan saja.', 'You may refuse or withdraw at any time.')}`
            : t(lang, 'Tidak ada.', 'Nothing.'),
        ],
      },
      { title: t(lang, 'Tidak dibagikan', 'Not shared'), paragraphs: recipients(i, lang) },
      {
        title: t(lang, 'Hak Anda', 'Your rights'),
        paragraphs: [
          t(
            lang,
            'Lihat, salin, betulkan, hapus, batasi, atau tarik persetujuan. Tanyakan di kasir — kami jawab paling lambat 3 x 24 jam.',
            'See, copy, correct, erase, restrict, or withdraw consent. Ask at the counter — we answer within 3 x 24 hours.',
          ),
          contactLine(i, lang),
        ],
      },
    ],
  };
}

export function recordText(i: RecordInputs, lang: Language, version: number, date: string): DocText {
  const s = i.security;
  return {
    title: t(lang, `Catatan kegiatan pemrosesan — ${i.shop.name}`, `Record of processing — ${i.shop.name}`),
    subtitle: t(
      lang,
      `Versi ${version}, ${date} (UU PDP Pasal 31)`,
      `Version ${version}, ${date} (PDP Law Art. 31)`,
    ),
    sections: [
      {
        title: t(lang, 'Pengendali data', 'Controller'),
        paragraphs: [i.shop.name, i.shop.contact || t(lang, '(kontak belum diisi)', '(no contact given)')],
      },
      {
        title: t(lang, 'Subjek data', 'Data subjects'),
        paragraphs: [
          t(
            lang,
            'Pelanggan toko; anak di bawah 18 tahun hanya dengan persetujuan orang tua atau wali.',
            "The shop's customers; children under 18 only with a parent's or guardian's consent.",
          ),
        ],
      },
      {
        title: t(lang, 'Kategori data dan alasannya', 'Categories of data and why'),
        items: collected(i, lang),
      },
      { title: t(lang, 'Tujuan dan dasar hukum', 'Purposes and legal bases'), items: purposes(i, lang) },
      { title: t(lang, 'Masa simpan', 'Retention'), items: retention(i, lang) },
      {
        title: t(lang, 'Akses menurut peran', 'Access by role'),
        items: [
          t(
            lang,
            `Pemilik (${i.users.owners}): semua data, pengaturan, log audit.`,
            `Owner (${i.users.owners}): all data, settings, audit log.`,
          ),
          t(
            lang,
            `Kasir aktif (${i.users.cashiers}): mencari dan mencatat pelanggan yang dilayani; ${cashierPhoneAccess('id', true)}; tanpa ekspor.`,
            `Active cashiers (${i.users.cashiers}): look up and record the customer being served; ${cashierPhoneAccess('en', true)}; no export.`,
          ),
        ],
      },
      {
        title: t(lang, 'Langkah keamanan', 'Security measures'),
        items: [
          t(
            lang,
            'Basis data terenkripsi SQLCipher 4 (AES-256).',
            'SQLCipher 4 encrypted database (AES-256).',
          ),
          t(
            lang,
            'PIN per pengguna, diturunkan dengan Argon2id; penundaan setelah PIN salah.',
            'A PIN per user, derived with Argon2id; delays after wrong PINs.',
          ),
          t(
            lang,
            `Kunci otomatis setelah ${s.autoLockMinutes} menit tidak dipakai.`,
            `Auto-lock after ${enCount(s.autoLockMinutes, 'minute')} idle.`,
          ),
          t(lang, 'Log audit berantai hash.', 'Hash-chained audit log.'),
          s.backups.enabled
            ? t(
                lang,
                `Cadangan terenkripsi${s.backups.auto ? ` harian otomatis, disimpan ${s.backups.keepDaily} harian dan ${s.backups.keepWeekly} mingguan` : ' (manual)'}.`,
                `Encrypted backups${s.backups.auto ? `, daily and automatic, keeping ${s.backups.keepDaily} daily and ${s.backups.keepWeekly} weekly` : ' (manual)'}.`,
              )
            : t(lang, 'Cadangan terenkripsi: belum diaktifkan.', 'Encrypted backups: not enabled yet.'),
          s.keystoreProtected
            ? t(
                lang,
                `Rahasia perangkat dilindungi penyimpanan kunci sistem (${s.keystore}).`,
                `Device secret protected by the system keystore (${s.keystore}).`,
              )
            : t(
                lang,
                `Rahasia perangkat TIDAK dilindungi penyimpanan kunci sistem (${s.keystore}).`,
                `Device secret NOT protected by a system keystore (${s.keystore}).`,
              ),
          t(lang, 'Aplikasi tidak tersambung ke internet.', 'The app does not connect to the internet.'),
        ],
      },
      { title: t(lang, 'Penerima', 'Recipients'), paragraphs: recipients(i, lang) },
    ],
  };
}
