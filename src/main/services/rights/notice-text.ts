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
 * The words of the privacy notice, its counter poster and the record of processing, from the
 * facts they are generated from. Pure: the same inputs give the same text, so a version's inputs
 * identify it. The notice and the poster speak to the customer ("Anda"); the record is the shop's
 * own register for the authority and speaks of "pelanggan" in the third person.
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
  /** The body customers may complain to and breaches are reported to (absent in old versions). */
  authority?: string;
  /**
   * The wording's own version: a rewrite of these texts makes a new document version even when
   * the settings did not change, so the version in force always reads as this code writes it.
   */
  wording?: number;
}

/** Raise when the generated wording changes (see NoticeInputs.wording). */
export const DOC_WORDING = 2;

/** Until the PDP agency exists, Komdigi supervises (the owner may name another body). */
export const DEFAULT_AUTHORITY = 'Kementerian Komunikasi dan Digital (Komdigi)';

export interface RecordInputs extends NoticeInputs {
  /** The shop's postal address (the letterhead's), naming the controller in full. */
  address?: string;
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
const t = (lang: Language, id: string, en: string) => (lang === 'id' ? id : en);

/**
 * Who the text speaks to: `you` addresses the customer (notice, poster); `register` is the shop's
 * record, in the third person.
 */
type Voice = 'you' | 'register';
const v = (lang: Language, voice: Voice, you: L, register: L) => pick(voice === 'you' ? you : register, lang);

const FIELD_NAMES: Record<OptionalField, L> = {
  phone: { id: 'Nomor HP', en: 'Phone number' },
  email: { id: 'Email', en: 'Email' },
  address: { id: 'Alamat', en: 'Address' },
  birthday: { id: 'Tanggal lahir', en: 'Date of birth' },
  gender: { id: 'Jenis kelamin', en: 'Gender' },
  notes: { id: 'Catatan layanan', en: 'Service notes' },
  tags: { id: 'Preferensi produk', en: 'Product preferences' },
};

/**
 * Texts every vault starts with, as the documents say them: in the notice's voice where the seed
 * speaks of "pelanggan", and without repeating the field's own name. Texts the owner rewrote are
 * printed as written.
 */
const SEEDED_VOICED: Record<string, { you: L; register?: L }> = {
  'Mencatat pembelian dan melayani pesanan pelanggan.': {
    you: {
      id: 'Mencatat pembelian dan melayani pesanan Anda.',
      en: 'Recording your purchases and serving your orders.',
    },
  },
  'Menghubungi pelanggan tentang pesanan dan transaksi.': {
    you: {
      id: 'Menghubungi Anda tentang pesanan dan transaksi.',
      en: 'Contacting you about orders and transactions.',
    },
  },
  'Catatan layanan (misalnya ukuran atau pesanan tetap).': {
    you: {
      id: 'Untuk mengingat kebutuhan Anda (misalnya ukuran atau pesanan tetap).',
      en: 'To remember what you need (such as sizes or standing orders).',
    },
    register: {
      id: 'Untuk mengingat kebutuhan pelanggan (misalnya ukuran atau pesanan tetap).',
      en: 'To remember what the customer needs (such as sizes or standing orders).',
    },
  },
  'Preferensi produk pelanggan.': {
    you: { id: 'Untuk mengingat produk yang Anda sukai.', en: 'To remember the products you like.' },
    register: {
      id: 'Untuk mengingat produk yang disukai pelanggan.',
      en: 'To remember the products the customer likes.',
    },
  },
};

function ownerText(text: string, lang: Language, voice: Voice): string {
  const voiced = SEEDED_VOICED[text]?.[voice];
  return voiced ? pick(voiced, lang) : seededText(text, lang);
}

const BASES: Record<LegalBasis, { you: L; register: L }> = {
  consent: {
    you: {
      id: 'persetujuan Anda (Pasal 20 ayat 2 huruf a); Anda boleh menariknya kapan saja',
      en: 'your consent (Art. 20(2)(a)); you may withdraw it at any time',
    },
    register: {
      id: 'persetujuan pelanggan (Pasal 20 ayat 2 huruf a), yang dapat ditarik kapan saja',
      en: "the customer's consent (Art. 20(2)(a)), which may be withdrawn at any time",
    },
  },
  contract: {
    you: {
      id: 'perlu untuk melayani pembelian atau pesanan Anda (Pasal 20 ayat 2 huruf b)',
      en: 'needed to serve your purchase or order (Art. 20(2)(b))',
    },
    register: {
      id: 'perlu untuk melayani pembelian atau pesanan pelanggan (Pasal 20 ayat 2 huruf b)',
      en: "needed to serve the customer's purchase or order (Art. 20(2)(b))",
    },
  },
  legal_obligation: {
    you: {
      id: 'kewajiban hukum toko (Pasal 20 ayat 2 huruf c)',
      en: "the shop's legal obligation (Art. 20(2)(c))",
    },
    register: {
      id: 'kewajiban hukum toko (Pasal 20 ayat 2 huruf c)',
      en: "the shop's legal obligation (Art. 20(2)(c))",
    },
  },
  vital_interest: {
    you: {
      id: 'melindungi kepentingan vital seseorang (Pasal 20 ayat 2 huruf d)',
      en: "protecting someone's vital interests (Art. 20(2)(d))",
    },
    register: {
      id: 'melindungi kepentingan vital seseorang (Pasal 20 ayat 2 huruf d)',
      en: "protecting someone's vital interests (Art. 20(2)(d))",
    },
  },
  public_task: {
    you: { id: 'tugas pelayanan publik (Pasal 20 ayat 2 huruf e)', en: 'a public task (Art. 20(2)(e))' },
    register: { id: 'tugas pelayanan publik (Pasal 20 ayat 2 huruf e)', en: 'a public task (Art. 20(2)(e))' },
  },
  legitimate_interest: {
    you: {
      id: 'kepentingan sah toko yang tidak merugikan Anda (Pasal 20 ayat 2 huruf f)',
      en: "the shop's legitimate interest, never against yours (Art. 20(2)(f))",
    },
    register: {
      id: 'kepentingan sah toko yang tidak merugikan pelanggan (Pasal 20 ayat 2 huruf f)',
      en: "the shop's legitimate interest, never against the customer's (Art. 20(2)(f))",
    },
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
    id: 'Menuntut dan menerima ganti rugi bila data Anda diproses dengan melanggar hukum (Pasal 12).',
    en: 'To claim and receive compensation if your data is processed unlawfully (Art. 12).',
  },
  {
    id: 'Mendapat data Anda dalam bentuk berkas yang bisa dibaca komputer (Pasal 13).',
    en: 'To receive your data in a file a computer can read (Art. 13).',
  },
];

const authorityOf = (i: NoticeInputs) => i.authority || DEFAULT_AUTHORITY;

function collected(i: NoticeInputs, lang: Language, voice: Voice): string[] {
  return [
    v(
      lang,
      voice,
      {
        id: 'Nama — untuk mengenali Anda dan mencatat pembelian Anda.',
        en: 'Name — to recognise you and record your purchases.',
      },
      {
        id: 'Nama — untuk mengenali pelanggan dan mencatat pembeliannya.',
        en: "Name — to recognise the customer and record the customer's purchases.",
      },
    ),
    ...i.fields.map((f) => `${pick(FIELD_NAMES[f.key], lang)} — ${ownerText(f.purpose, lang, voice)}`),
    v(
      lang,
      voice,
      {
        id: 'Riwayat pembelian Anda (tanggal, barang, jumlah) dan catatan persetujuan Anda.',
        en: 'Your purchase history (date, items, amount) and the record of your consents.',
      },
      {
        id: 'Riwayat pembelian (tanggal, barang, jumlah) dan catatan persetujuan pelanggan.',
        en: "Purchase history (date, items, amount) and the record of the customer's consents.",
      },
    ),
  ];
}

function purposes(i: NoticeInputs, lang: Language, voice: Voice): string[] {
  return i.purposes.map(
    (p) =>
      `${seededText(p.name, lang)}: ${ownerText(p.description, lang, voice)} ${t(lang, 'Dasar', 'Basis')}: ${pick(BASES[p.basis][voice], lang)}.`,
  );
}

/**
 * What the retention schedule does (retention/schedule.ts, purge.ts): a customer is erased a set
 * number of months after their last activity (their record made, a sale that stands, a consent
 * given or withdrawn) unless the owner keeps them with a written reason until a review; consent
 * to consent-based purposes lapses; sales are deleted after the books' period and lose the
 * customer when the customer is erased.
 */
function retention(i: NoticeInputs, lang: Language, voice: Voice): string[] {
  const r = i.retention;
  return [
    v(
      lang,
      voice,
      {
        id: `Data Anda kami hapus otomatis ${r.inactiveMonths} bulan setelah kegiatan terakhir Anda di toko ini (data dicatat, pembelian, atau memberi atau menarik persetujuan).`,
        en: `We erase your data automatically ${enCount(r.inactiveMonths, 'month')} after your last activity at this shop (your data recorded, a purchase, or a consent given or withdrawn).`,
      },
      {
        id: `Data pelanggan dihapus otomatis ${r.inactiveMonths} bulan setelah kegiatan terakhirnya (data dicatat, pembelian, atau persetujuan diberikan atau ditarik).`,
        en: `A customer's data is erased automatically ${enCount(r.inactiveMonths, 'month')} after the customer's last activity (data recorded, a purchase, or a consent given or withdrawn).`,
      },
    ),
    v(
      lang,
      voice,
      {
        id: `Bila ada alasan untuk menyimpannya lebih lama, pemilik toko mencatat alasan itu dan meninjaunya lagi setelah ${r.keepReviewMonths} bulan.`,
        en: `If there is a reason to keep it longer, the shop owner writes the reason down and reviews it again after ${enCount(r.keepReviewMonths, 'month')}.`,
      },
      {
        id: `Penyimpanan lebih lama hanya dengan alasan tertulis dari pemilik, ditinjau lagi setelah ${r.keepReviewMonths} bulan.`,
        en: `Keeping data longer needs the owner's written reason and is reviewed again after ${enCount(r.keepReviewMonths, 'month')}.`,
      },
    ),
    r.consentLapseMonths > 0
      ? v(
          lang,
          voice,
          {
            id: `Persetujuan yang Anda berikan berakhir ${r.consentLapseMonths} bulan setelah Anda memberikannya, kecuali Anda memperbaruinya.`,
            en: `A consent you give ends ${enCount(r.consentLapseMonths, 'month')} after you gave it, unless you renew it.`,
          },
          {
            id: `Persetujuan pelanggan berakhir ${r.consentLapseMonths} bulan setelah diberikan bila tidak diperbarui.`,
            en: `A customer's consent ends ${enCount(r.consentLapseMonths, 'month')} after it was given unless renewed.`,
          },
        )
      : v(
          lang,
          voice,
          {
            id: 'Persetujuan yang Anda berikan berlaku sampai Anda menariknya.',
            en: 'A consent you give stands until you withdraw it.',
          },
          {
            id: 'Persetujuan pelanggan berlaku sampai ditarik.',
            en: "A customer's consent stands until withdrawn.",
          },
        ),
    v(
      lang,
      voice,
      {
        id: `Catatan penjualan kami simpan ${r.salesKeepYears} tahun untuk pembukuan; setelah data Anda dihapus, catatan itu tidak lagi memuat nama atau kontak Anda.`,
        en: `We keep sales records ${enCount(r.salesKeepYears, 'year')} for the books; once your data is erased they no longer carry your name or contact.`,
      },
      {
        id: `Catatan penjualan disimpan ${r.salesKeepYears} tahun untuk pembukuan; setelah data pelanggan dihapus, catatan itu tanpa nama atau kontak.`,
        en: `Sales records are kept ${enCount(r.salesKeepYears, 'year')} for the books; once a customer is erased they carry no name or contact.`,
      },
    ),
  ];
}

/** Whether and to whom the data goes, as a section: the names listed, one a line. */
function recipients(
  i: NoticeInputs,
  lang: Language,
  voice: Voice,
  title: string,
): DocText['sections'][number] {
  return i.recipients.length === 0
    ? {
        title,
        paragraphs: [
          v(
            lang,
            voice,
            {
              id: 'Kami tidak memberikan data Anda kepada pihak lain.',
              en: 'We give your data to no one else.',
            },
            {
              id: 'Toko tidak memberikan data pelanggan kepada pihak lain.',
              en: "The shop gives customers' data to no one else.",
            },
          ),
        ],
      }
    : {
        title,
        paragraphs: [
          v(
            lang,
            voice,
            { id: 'Data Anda juga kami berikan kepada:', en: 'We also give your data to:' },
            { id: 'Data pelanggan juga diberikan kepada:', en: "Customers' data is also given to:" },
          ),
        ],
        items: i.recipients,
      };
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
  if (!phoneMaskedFor('cashier'))
    return short
      ? t(lang, 'nomor HP lengkap', 'whole phone numbers')
      : t(lang, 'Kasir melihat nomor HP lengkap', 'Cashiers see whole phone numbers');
  return short
    ? t(lang, 'nomor HP tersamar', 'phone numbers masked')
    : t(
        lang,
        `Kasir melihat nomor HP tersamar (misalnya ${PHONE_MASK_EXAMPLE}); nomor lengkap hanya ditampilkan bila diminta`,
        `Cashiers see phone numbers masked (for example ${PHONE_MASK_EXAMPLE}); the whole number is shown only when asked for`,
      );
}

function access(lang: Language): string {
  return t(
    lang,
    `Hanya pemilik toko dan kasirnya, masing-masing masuk dengan PIN sendiri; setiap kali data Anda dibuka, itu tercatat di log audit. ${cashierPhoneAccess(lang)}.`,
    `Only the shop owner and the shop's cashiers, each signing in with their own PIN; every time your data is opened, that is written to an audit log. ${cashierPhoneAccess(lang)}.`,
  );
}

const RECIPIENTS_TITLE = (i: NoticeInputs, lang: Language) =>
  i.recipients.length === 0
    ? t(lang, 'Tidak dibagikan', 'Not shared')
    : t(lang, 'Siapa yang menerima data Anda', 'Who receives your data');

export function noticeText(i: NoticeInputs, lang: Language, version: number, date: string): DocText {
  const authority = authorityOf(i);
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
            `${i.shop.name} mencatat dan menyimpan sendiri data pribadi Anda, sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.`,
            `${i.shop.name} records and keeps your personal data itself, under Law No. 27 of 2022 on Personal Data Protection.`,
          ),
          contactLine(i, lang),
        ],
      },
      { title: t(lang, 'Data yang kami catat', 'What we record'), items: collected(i, lang, 'you') },
      {
        title: t(lang, 'Untuk apa, dan dasarnya', 'What for, and on what basis'),
        items: purposes(i, lang, 'you'),
      },
      { title: t(lang, 'Berapa lama kami simpan', 'How long we keep it'), items: retention(i, lang, 'you') },
      { title: t(lang, 'Siapa yang dapat melihat', 'Who can see it'), paragraphs: [access(lang)] },
      recipients(i, lang, 'you', RECIPIENTS_TITLE(i, lang)),
      { title: t(lang, 'Hak Anda', 'Your rights'), items: RIGHTS.map((r) => pick(r, lang)) },
      {
        title: t(lang, 'Cara memakai hak Anda', 'How to use your rights'),
        paragraphs: [
          t(
            lang,
            'Sampaikan permintaan Anda di kasir atau lewat kontak di atas (WhatsApp, telepon, atau surat). Kami memeriksa identitas Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.',
            'Make your request at the counter or through the contact above (WhatsApp, phone or letter). We check who you are, record the request and answer within 3 x 24 hours at the latest.',
          ),
          t(
            lang,
            `Bila Anda tidak puas dengan jawaban kami, Anda dapat mengadu kepada ${authority}, yang mengawasi pelindungan data pribadi.`,
            `If you are not satisfied with our answer, you may complain to ${authority}, which supervises personal data protection.`,
          ),
        ],
      },
      {
        title: t(lang, 'Keamanan', 'Security'),
        paragraphs: [
          t(
            lang,
            'Data Anda disimpan terenkripsi di komputer toko, tidak di internet. Cadangannya juga terenkripsi dan hanya dapat dibuka dengan kode pemulihan pemilik.',
            "Your data is stored encrypted on the shop's computer, not on the internet. Its backups are encrypted too and open only with the owner's recovery code.",
          ),
        ],
      },
      {
        title: t(lang, 'Bila terjadi kebocoran', 'If data leaks'),
        paragraphs: [
          t(
            lang,
            `Bila data Anda bocor, kami memberi tahu Anda dan ${authority} paling lambat 3 x 24 jam sejak kami mengetahuinya: data apa, kapan dan bagaimana, dan apa yang kami lakukan.`,
            `If your data leaks, we tell you and ${authority} within 3 x 24 hours of finding out: which data, when and how, and what we are doing about it.`,
          ),
        ],
      },
    ],
  };
}

/**
 * The counter poster: one page, the short version, each sentence from the same facts as the
 * notice (what is recorded, consent, retention, who sees it and how, sharing, rights).
 */
export function posterText(i: NoticeInputs, lang: Language, version: number, date: string): DocText {
  const consent = i.purposes.filter((p) => p.basis === 'consent').map((p) => seededText(p.name, lang));
  const other = i.purposes.filter((p) => p.basis !== 'consent').map((p) => seededText(p.name, lang));
  const r = i.retention;
  return {
    title: t(lang, `Data Anda di ${i.shop.name}`, `Your data at ${i.shop.name}`),
    subtitle: t(
      lang,
      `Ringkasan pemberitahuan privasi versi ${version} (${date}). Versi lengkap dapat Anda minta di kasir.`,
      `Summary of privacy notice version ${version} (${date}). Ask at the counter for the full notice.`,
    ),
    sections: [
      {
        title: t(lang, 'Yang kami catat', 'What we record'),
        paragraphs: [
          [
            t(lang, 'Nama', 'Name'),
            ...i.fields.map((f) => pick(FIELD_NAMES[f.key], lang)),
            t(lang, 'riwayat pembelian', 'purchases'),
          ].join(', ') + '.',
        ],
      },
      {
        title: t(lang, 'Untuk apa', 'What for'),
        paragraphs: [
          ...(other.length ? [`${other.join(', ')}.`] : []),
          consent.length
            ? t(
                lang,
                `Hanya dengan persetujuan Anda: ${consent.join(', ')}. Anda boleh menolak atau menariknya kapan saja.`,
                `Only with your consent: ${consent.join(', ')}. You may refuse or withdraw at any time.`,
              )
            : t(lang, 'Tidak ada yang memerlukan persetujuan Anda.', 'Nothing here needs your consent.'),
        ],
      },
      {
        title: t(lang, 'Berapa lama', 'How long'),
        paragraphs: [
          t(
            lang,
            `Dihapus otomatis ${r.inactiveMonths} bulan setelah kegiatan terakhir Anda di toko ini.`,
            `Erased automatically ${enCount(r.inactiveMonths, 'month')} after your last activity at this shop.`,
          ),
          ...(r.consentLapseMonths > 0 && consent.length
            ? [
                t(
                  lang,
                  `Persetujuan berakhir setelah ${r.consentLapseMonths} bulan, kecuali Anda memperbaruinya.`,
                  `Consent ends after ${enCount(r.consentLapseMonths, 'month')} unless you renew it.`,
                ),
              ]
            : []),
        ],
      },
      {
        title: t(lang, 'Siapa yang melihat', 'Who sees it'),
        paragraphs: [
          `${t(lang, 'Pemilik dan kasir, masing-masing dengan PIN.', 'The owner and cashiers, each with a PIN.')} ${t(lang, 'Kasir melihat', 'Cashiers see')} ${cashierPhoneAccess(lang, true)}${phoneMaskedFor('cashier') ? ` (${PHONE_MASK_EXAMPLE})` : ''}.`,
        ],
      },
      recipients(i, lang, 'you', RECIPIENTS_TITLE(i, lang)),
      {
        title: t(lang, 'Hak Anda', 'Your rights'),
        paragraphs: [
          t(
            lang,
            'Lihat, salin, betulkan, hapus, batasi, atau tarik persetujuan. Tanyakan di kasir — kami jawab paling lambat 3 x 24 jam.',
            'See, copy, correct, erase, restrict, or withdraw consent. Ask at the counter — we answer within 3 x 24 hours.',
          ),
          // Without a contact the sentence before already sends them to the counter.
          ...(i.shop.contact ? [contactLine(i, lang)] : []),
        ],
      },
    ],
  };
}

export function recordText(i: RecordInputs, lang: Language, version: number, date: string): DocText {
  const s = i.security;
  const authority = authorityOf(i);
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
        paragraphs: [
          i.shop.name,
          ...(i.address ? [i.address.replace(/\n/g, ', ')] : []),
          i.shop.contact || t(lang, '(kontak belum diisi)', '(no contact given)'),
        ],
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
        items: collected(i, lang, 'register'),
      },
      {
        title: t(lang, 'Tujuan dan dasar hukum', 'Purposes and legal bases'),
        items: purposes(i, lang, 'register'),
      },
      { title: t(lang, 'Masa simpan', 'Retention'), items: retention(i, lang, 'register') },
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
      recipients(i, lang, 'register', t(lang, 'Penerima', 'Recipients')),
      {
        title: t(lang, 'Pengawas dan kebocoran', 'Supervision and breaches'),
        paragraphs: [
          t(
            lang,
            `Lembaga pengawas: ${authority}. Kebocoran diberitahukan kepada pelanggan yang terdampak dan kepada lembaga itu paling lambat 3 x 24 jam sejak diketahui (Pasal 46).`,
            `Supervising body: ${authority}. A breach is notified to the affected customers and to that body within 3 x 24 hours of its discovery (Art. 46).`,
          ),
        ],
      },
    ],
  };
}
