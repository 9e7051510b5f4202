import type {
  DocText,
  LegalBasis,
  LoyaltyJoinProof,
  LoyaltyMode,
  MarketingChannel,
  OptionalField,
  RetentionPolicy,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import type { Texts } from '../../../shared/i18n/catalogue';
import { text, words } from '../../../shared/i18n/text';
import { seededText } from '../../../shared/seeded-text';
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
  /**
   * The member programme while it is on (absent when off, and in versions from before it): the
   * notice says what its ledger records, how points are earned and last, and what a withdrawal
   * does to them.
   */
  loyalty?: {
    mode: LoyaltyMode;
    rupiahPer: number;
    expiryMonths: number | null;
    paused?: true;
    /** How joining is proven while it runs (absent while paused, and in versions from before). */
    joinProof?: LoyaltyJoinProof;
  };
  /** The body customers may complain to and breaches are reported to (absent in old versions). */
  authority?: string;
  /**
   * The wording's own version: a rewrite of these texts makes a new document version even when
   * the settings did not change, so the version in force always reads as this code writes it.
   */
  wording?: number;
  /**
   * The shop's WhatsApp number (display form) when customers can give consent by a message from
   * their own phone to it; absent when the shop has not set one (older versions never had it).
   */
  whatsappConsent?: string;
}

/** Raise when the generated wording changes (see NoticeInputs.wording). */
export const DOC_WORDING = 2;

/** Until the PDP agency exists, Komdigi supervises (the owner may name another body). */
export const DEFAULT_AUTHORITY = words('id').core.authority;

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
    /** The second counter: paired laptops open the customers over the shop's network. */
    counters: { enabled: boolean; devices: number };
  };
}

/**
 * Who the text speaks to: `you` addresses the customer (notice, poster); `register` is the shop's
 * record, in the third person. The catalogue holds both voices of each such text under these keys.
 */
type Voice = 'you' | 'register';

/**
 * Texts every vault starts with, by the catalogue's key for how the documents say them. Texts the
 * owner rewrote are not here and are printed as written.
 */
const seeds = words('id').core.seeded;
const SEEDED_VOICED = new Map<string, keyof Texts['notice']['seeded']>([
  [seeds.purposes.service.description, 'orders'],
  [seeds.fields.phone, 'contact'],
  [seeds.fields.notes, 'notes'],
  [seeds.fields.tags, 'tags'],
]);

function ownerText(owner: string, lang: Language, voice: Voice): string {
  const key = SEEDED_VOICED.get(owner);
  // A seed without its own register wording is said in the register as the seed says it.
  const voiced: Partial<Record<Voice, string>> | undefined = key && words(lang).notice.seeded[key];
  return voiced?.[voice] ?? seededText(owner, lang);
}

const authorityOf = (i: NoticeInputs) => i.authority || DEFAULT_AUTHORITY;

function collected(i: NoticeInputs, lang: Language, voice: Voice): string[] {
  const names = words(lang).notice.fieldNames;
  return [
    text(lang, `notice.collected.name.${voice}`),
    ...i.fields.map((f) =>
      text(lang, 'notice.collected.field', {
        field: names[f.key],
        purpose: ownerText(f.purpose, lang, voice),
      }),
    ),
    text(lang, `notice.collected.history.${voice}`),
  ];
}

function purposes(i: NoticeInputs, lang: Language, voice: Voice): string[] {
  const bases = words(lang).notice.bases;
  const items = i.purposes.map((p) =>
    text(lang, 'notice.purpose', {
      name: seededText(p.name, lang),
      description: ownerText(p.description, lang, voice),
      basis: bases[p.basis][voice],
    }),
  );
  // How consent given by WhatsApp is proven (join.service.ts), where the shop takes it that way.
  if (i.whatsappConsent && i.purposes.some((p) => p.basis === 'consent'))
    items.push(text(lang, `notice.whatsappConsent.${voice}`, { number: i.whatsappConsent }));
  return items;
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
    text(lang, `notice.retention.erased.${voice}`, { months: r.inactiveMonths }),
    text(lang, `notice.retention.keep.${voice}`, { months: r.keepReviewMonths }),
    r.consentLapseMonths > 0
      ? text(lang, `notice.retention.lapse.${voice}`, { months: r.consentLapseMonths })
      : text(lang, `notice.retention.noLapse.${voice}`),
    text(lang, `notice.retention.sales.${voice}`, { years: r.salesKeepYears }),
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
    ? { title, paragraphs: [text(lang, `notice.recipients.none.${voice}`)] }
    : { title, paragraphs: [text(lang, `notice.recipients.some.${voice}`)], items: i.recipients };
}

function contactLine(i: NoticeInputs, lang: Language): string {
  return i.shop.contact
    ? text(lang, 'notice.contact.given', { contact: i.shop.contact })
    : text(lang, 'notice.contact.counter');
}

/** The mask a cashier sees, shown in the notice as main makes it (a made-up number). */
export const PHONE_MASK_EXAMPLE = maskPhone(formatPhone('+6281234567890'));

/**
 * What the documents say about how a cashier sees phones: from the same list main masks them by,
 * so the words cannot promise what the app does not do.
 */
export function cashierPhoneAccess(lang: Language, short = false): string {
  if (!phoneMaskedFor('cashier'))
    return short ? text(lang, 'notice.cashierPhones.wholeShort') : text(lang, 'notice.cashierPhones.whole');
  return short
    ? text(lang, 'notice.cashierPhones.maskedShort')
    : text(lang, 'notice.cashierPhones.masked', { example: PHONE_MASK_EXAMPLE });
}

const rupiahText = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(n);

/** The member programme's section (none while it is off). */
function loyalty(i: NoticeInputs, lang: Language, voice: Voice): DocText['sections'] {
  const l = i.loyalty;
  if (!l) return [];
  const unit = text(lang, `notice.loyalty.unit.${l.mode}`);
  return [
    {
      title: text(lang, 'notice.loyalty.title'),
      items: [
        text(lang, `notice.loyalty.recorded.${voice}`, { unit }),
        ...(l.joinProof
          ? [
              text(
                lang,
                `notice.loyalty.join.${l.joinProof === 'whatsapp' ? 'whatsapp' : 'counter'}.${voice}`,
              ),
            ]
          : []),
        l.paused
          ? text(lang, 'notice.loyalty.paused', { unit })
          : text(lang, l.mode === 'points' ? 'notice.loyalty.earnPoints' : 'notice.loyalty.earnStamps', {
              rupiah: rupiahText(l.rupiahPer),
            }),
        text(lang, `notice.loyalty.why.${voice}`, { unit }),
        l.expiryMonths
          ? text(lang, 'notice.loyalty.expiry', { unit, months: l.expiryMonths })
          : text(lang, 'notice.loyalty.noExpiry', { unit }),
        text(lang, `notice.loyalty.withdraw.${voice}`, { unit }),
      ],
    },
  ];
}

const recipientsTitle = (i: NoticeInputs, lang: Language) =>
  i.recipients.length === 0
    ? text(lang, 'notice.recipients.titleNone')
    : text(lang, 'notice.recipients.titleSome');

export function noticeText(i: NoticeInputs, lang: Language, version: number, date: string): DocText {
  const authority = authorityOf(i);
  const shop = i.shop.name;
  return {
    title: text(lang, 'notice.notice.title', { shop }),
    subtitle: text(lang, 'notice.notice.subtitle', { version, date }),
    sections: [
      {
        title: text(lang, 'notice.notice.who.title'),
        paragraphs: [text(lang, 'notice.notice.who.body', { shop }), contactLine(i, lang)],
      },
      { title: text(lang, 'notice.notice.collectedTitle'), items: collected(i, lang, 'you') },
      { title: text(lang, 'notice.notice.purposesTitle'), items: purposes(i, lang, 'you') },
      ...loyalty(i, lang, 'you'),
      { title: text(lang, 'notice.notice.retentionTitle'), items: retention(i, lang, 'you') },
      {
        title: text(lang, 'notice.notice.access.title'),
        paragraphs: [text(lang, 'notice.notice.access.body', { cashierPhones: cashierPhoneAccess(lang) })],
      },
      recipients(i, lang, 'you', recipientsTitle(i, lang)),
      { title: text(lang, 'notice.notice.rightsTitle'), items: [...words(lang).notice.rights] },
      {
        title: text(lang, 'notice.notice.howTo.title'),
        paragraphs: [
          text(lang, 'notice.notice.howTo.ask'),
          text(lang, 'notice.notice.howTo.complain', { authority }),
        ],
      },
      {
        title: text(lang, 'notice.notice.security.title'),
        paragraphs: [text(lang, 'notice.notice.security.body')],
      },
      {
        title: text(lang, 'notice.notice.breach.title'),
        paragraphs: [text(lang, 'notice.notice.breach.body', { authority })],
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
  const names = words(lang).notice.fieldNames;
  const phones = `${cashierPhoneAccess(lang, true)}${phoneMaskedFor('cashier') ? ` (${PHONE_MASK_EXAMPLE})` : ''}`;
  return {
    title: text(lang, 'notice.poster.title', { shop: i.shop.name }),
    subtitle: text(lang, 'notice.poster.subtitle', { version, date }),
    sections: [
      {
        title: text(lang, 'notice.poster.recorded.title'),
        paragraphs: [
          [
            text(lang, 'notice.poster.recorded.name'),
            ...i.fields.map((f) => names[f.key]),
            text(lang, 'notice.poster.recorded.purchases'),
          ].join(', ') + '.',
        ],
      },
      {
        title: text(lang, 'notice.poster.purposes.title'),
        paragraphs: [
          ...(other.length ? [`${other.join(', ')}.`] : []),
          consent.length
            ? text(lang, 'notice.poster.purposes.consent', { purposes: consent.join(', ') })
            : text(lang, 'notice.poster.purposes.noConsent'),
        ],
      },
      {
        title: text(lang, 'notice.poster.howLong.title'),
        paragraphs: [
          text(lang, 'notice.poster.howLong.erased', { months: r.inactiveMonths }),
          ...(r.consentLapseMonths > 0 && consent.length
            ? [text(lang, 'notice.poster.howLong.lapse', { months: r.consentLapseMonths })]
            : []),
        ],
      },
      {
        title: text(lang, 'notice.poster.sees.title'),
        paragraphs: [text(lang, 'notice.poster.sees.body', { phones })],
      },
      recipients(i, lang, 'you', recipientsTitle(i, lang)),
      {
        title: text(lang, 'notice.poster.rights.title'),
        paragraphs: [
          text(lang, 'notice.poster.rights.body'),
          // Without a contact the sentence before already sends them to the counter.
          ...(i.shop.contact ? [contactLine(i, lang)] : []),
        ],
      },
    ],
  };
}

function security(s: RecordInputs['security'], lang: Language): string[] {
  const b = s.backups;
  return [
    text(lang, 'notice.record.security.database'),
    text(lang, 'notice.record.security.pin'),
    text(lang, 'notice.record.security.autoLock', { minutes: s.autoLockMinutes }),
    text(lang, 'notice.record.security.audit'),
    !b.enabled
      ? text(lang, 'notice.record.security.backupsOff')
      : b.auto
        ? text(lang, 'notice.record.security.backupsAuto', { daily: b.keepDaily, weekly: b.keepWeekly })
        : text(lang, 'notice.record.security.backupsManual'),
    text(
      lang,
      s.keystoreProtected ? 'notice.record.security.keystore' : 'notice.record.security.keystoreNot',
      {
        keystore: s.keystore,
      },
    ),
    s.counters.enabled
      ? text(lang, 'notice.record.security.countersOn', { count: s.counters.devices })
      : text(lang, 'notice.record.security.countersOff'),
    text(lang, 'notice.record.security.offline'),
  ];
}

export function recordText(i: RecordInputs, lang: Language, version: number, date: string): DocText {
  const authority = authorityOf(i);
  return {
    title: text(lang, 'notice.record.title', { shop: i.shop.name }),
    subtitle: text(lang, 'notice.record.subtitle', { version, date }),
    sections: [
      {
        title: text(lang, 'notice.record.controller.title'),
        paragraphs: [
          i.shop.name,
          ...(i.address ? [i.address.replace(/\n/g, ', ')] : []),
          i.shop.contact || text(lang, 'notice.record.controller.noContact'),
        ],
      },
      {
        title: text(lang, 'notice.record.subjects.title'),
        paragraphs: [text(lang, 'notice.record.subjects.body')],
      },
      { title: text(lang, 'notice.record.categoriesTitle'), items: collected(i, lang, 'register') },
      { title: text(lang, 'notice.record.purposesTitle'), items: purposes(i, lang, 'register') },
      ...loyalty(i, lang, 'register'),
      { title: text(lang, 'notice.record.retentionTitle'), items: retention(i, lang, 'register') },
      {
        title: text(lang, 'notice.record.access.title'),
        items: [
          text(lang, 'notice.record.access.owners', { owners: i.users.owners }),
          text(lang, 'notice.record.access.cashiers', {
            cashiers: i.users.cashiers,
            phones: cashierPhoneAccess(lang, true),
          }),
        ],
      },
      { title: text(lang, 'notice.record.security.title'), items: security(i.security, lang) },
      recipients(i, lang, 'register', text(lang, 'notice.record.recipientsTitle')),
      {
        title: text(lang, 'notice.record.authority.title'),
        paragraphs: [text(lang, 'notice.record.authority.body', { authority })],
      },
    ],
  };
}
