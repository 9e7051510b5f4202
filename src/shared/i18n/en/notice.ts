import type { NoticeTexts } from '../id/notice';

/** The privacy notice, the record of processing and the counter poster. */
export const notice: NoticeTexts = {
  units: {
    years_one: '{{count}} year',
    years_other: '{{count}} years',
  },
  docNames: {
    notice: 'Privacy notice',
    record: 'Record of processing',
  },
  footer: '{{name}} v{{version}} · page {page} of {pages}',
  fieldNames: {
    phone: 'Phone number',
    email: 'Email',
    address: 'Address',
    birthday: 'Date of birth',
    gender: 'Gender',
    notes: 'Service notes',
    tags: 'Product preferences',
  },
  seeded: {
    orders: {
      you: 'Recording your purchases and serving your orders.',
    },
    contact: {
      you: 'Contacting you about orders and transactions.',
    },
    notes: {
      you: 'To remember what you need (such as sizes or standing orders).',
      register: 'To remember what the customer needs (such as sizes or standing orders).',
    },
    tags: {
      you: 'To remember the products you like.',
      register: 'To remember the products the customer likes.',
    },
  },
  whatsappConsent: {
    you: "You can also give consent by sending a WhatsApp message from your own number to the shop's number {{number}} (through the QR code at the counter or on the poster). We record the code in that message, its time and the version of this notice as proof, and your number as confirmed.",
    register:
      "Customers can give consent by a WhatsApp message from their own number to the shop's number {{number}}: the one-time code in the message (kept only as a hash until used), its time and the notice version are recorded as proof; the number is recorded as confirmed only when the sender's number is the number on record.",
  },
  bases: {
    consent: {
      you: 'your consent (Art. 20(2)(a)); you may withdraw it at any time',
      register: "the customer's consent (Art. 20(2)(a)), which may be withdrawn at any time",
    },
    contract: {
      you: 'needed to serve your purchase or order (Art. 20(2)(b))',
      register: "needed to serve the customer's purchase or order (Art. 20(2)(b))",
    },
    legal_obligation: {
      you: "the shop's legal obligation (Art. 20(2)(c))",
      register: "the shop's legal obligation (Art. 20(2)(c))",
    },
    vital_interest: {
      you: "protecting someone's vital interests (Art. 20(2)(d))",
      register: "protecting someone's vital interests (Art. 20(2)(d))",
    },
    public_task: {
      you: 'a public task (Art. 20(2)(e))',
      register: 'a public task (Art. 20(2)(e))',
    },
    legitimate_interest: {
      you: "the shop's legitimate interest, never against yours (Art. 20(2)(f))",
      register: "the shop's legitimate interest, never against the customer's (Art. 20(2)(f))",
    },
  },
  rights: [
    'To be told about your data and what it is used for (Art. 5).',
    'To have wrong or incomplete data corrected (Art. 6).',
    'To see your data and get a copy of it (Art. 7).',
    'To have your data erased (Art. 8).',
    'To withdraw a consent you gave (Art. 9).',
    'To object to decisions made about you automatically (Art. 10) — this shop makes none.',
    'To have the use of your data restricted (Art. 11).',
    'To claim and receive compensation if your data is processed unlawfully (Art. 12).',
    'To receive your data in a file a computer can read (Art. 13).',
  ],
  collected: {
    name: {
      you: 'Name — to recognise you and record your purchases.',
      register: "Name — to recognise the customer and record the customer's purchases.",
    },
    field: '{{field}} — {{purpose}}',
    history: {
      you: 'Your purchase history (date, items, amount) and the record of your consents.',
      register: "Purchase history (date, items, amount) and the record of the customer's consents.",
    },
  },
  purpose: '{{name}}: {{description}} Basis: {{basis}}.',
  retention: {
    erased: {
      you: 'We erase your data automatically $t(counts.months, {"count": {{months}} }) after your last activity at this shop (your data recorded, a purchase, or a consent given or withdrawn).',
      register:
        'A customer\'s data is erased automatically $t(counts.months, {"count": {{months}} }) after the customer\'s last activity (data recorded, a purchase, or a consent given or withdrawn).',
    },
    keep: {
      you: 'If there is a reason to keep it longer, the shop owner writes the reason down and reviews it again after $t(counts.months, {"count": {{months}} }).',
      register:
        'Keeping data longer needs the owner\'s written reason and is reviewed again after $t(counts.months, {"count": {{months}} }).',
    },
    lapse: {
      you: 'A consent you give ends $t(counts.months, {"count": {{months}} }) after you gave it, unless you renew it.',
      register:
        'A customer\'s consent ends $t(counts.months, {"count": {{months}} }) after it was given unless renewed.',
    },
    noLapse: {
      you: 'A consent you give stands until you withdraw it.',
      register: "A customer's consent stands until withdrawn.",
    },
    sales: {
      you: 'We keep sales records $t(notice.units.years, {"count": {{years}} }) for the books; once your data is erased they no longer carry your name or contact.',
      register:
        'Sales records are kept $t(notice.units.years, {"count": {{years}} }) for the books; once a customer is erased they carry no name or contact.',
    },
  },
  recipients: {
    titleNone: 'Not shared',
    titleSome: 'Who receives your data',
    none: {
      you: 'We give your data to no one else.',
      register: "The shop gives customers' data to no one else.",
    },
    some: {
      you: 'We also give your data to:',
      register: "Customers' data is also given to:",
    },
  },
  contact: {
    given: 'Contact us: {{contact}}.',
    counter: 'Contact us at the counter.',
  },
  cashierPhones: {
    whole: 'Cashiers see whole phone numbers',
    wholeShort: 'whole phone numbers',
    masked:
      'Cashiers see phone numbers masked (for example {{example}}); the whole number is shown only when asked for',
    maskedShort: 'phone numbers masked',
  },
  loyalty: {
    title: 'Member programme',
    unit: { points: 'points', stamps: 'stamps' },
    recorded: {
      you: 'If you join the member programme (with your consent), we keep a ledger of your {{unit}}: the {{unit}} each purchase earns, the rewards you redeem, {{unit}} that expire, and adjustments by the shop owner with their reason. Your balance is worked out from that ledger.',
      register:
        "For members (customers who consented to the member programme purpose) a ledger of {{unit}} is kept: the {{unit}} each purchase earns, rewards redeemed, {{unit}} that expire, and the owner's adjustments with their reason. The balance is worked out from it.",
    },
    join: {
      whatsapp: {
        you: "How to join: only by sending a WhatsApp message from your own phone to the shop's number (through the QR code at the counter or on the poster). A cashier cannot record you as a member from verbal, paper or digital consent. A minor cannot become a member, since their consent is given by a parent or guardian, not by a message from the child's phone. You can leave the programme at any time and in any way (in person, in writing or by message).",
        register:
          "How members join: consent to the member programme is accepted only by a WhatsApp message from the customer's own number to the shop's number (with a one-time code); verbal, paper, digital or imported consent to this purpose is refused by the app and the refusal is recorded in the audit log. A minor cannot become a member (their consent is given by a parent or guardian, not by a message from the child's phone). Withdrawal is accepted at any time in any way.",
      },
      counter: {
        you: "How to join: by sending a WhatsApp message from your own phone to the shop's number, or by telling the cashier you agree (in person or on paper), who records how, when and by whom. You can leave the programme at any time and in any way (in person, in writing or by message).",
        register:
          "How members join: by a WhatsApp message from the customer's own number to the shop's number (with a one-time code), or by verbal, paper or digital consent recorded by the cashier with how, when and the cashier's name. Withdrawal is accepted at any time in any way.",
      },
    },
    earnPoints: 'Every Rp {{rupiah}} paid earns 1 point.',
    earnStamps: 'Every purchase of at least Rp {{rupiah}} earns 1 stamp.',
    paused:
      'The member programme is paused: {{unit}} already recorded are kept, but neither grow nor can be redeemed until it runs again.',
    why: {
      you: 'It is used only to give you rewards as a discount. Only members earn and redeem {{unit}}; while your data is restricted at your request, {{unit}} neither grow nor can be redeemed.',
      register:
        "It is used only to give rewards as a discount. Only members earn and redeem {{unit}}; while a customer's data is restricted, {{unit}} neither grow nor can be redeemed.",
    },
    expiry: "Validity: {{unit}} expire {{months}} months after they were earned (by the shop's calendar).",
    noExpiry: 'Validity: {{unit}} do not expire while the customer stays a member.',
    withdraw: {
      you: 'If you withdraw your consent to the member programme, your {{unit}} are forfeited and we erase the record of them at once; your purchases stay recorded as usual. If your data is erased, the record of your {{unit}} is erased with it.',
      register:
        "When a member withdraws consent, their {{unit}} are forfeited and the record of them is erased at once; purchases stay recorded. When a customer's data is erased, the record of {{unit}} goes with it.",
    },
  },
  notice: {
    title: 'Privacy notice — {{shop}}',
    subtitle: 'Version {{version}}, in force since {{date}}',
    who: {
      title: 'Who we are',
      body: '{{shop}} records and keeps your personal data itself, under Law No. 27 of 2022 on Personal Data Protection.',
    },
    collectedTitle: 'What we record',
    purposesTitle: 'What for, and on what basis',
    retentionTitle: 'How long we keep it',
    access: {
      title: 'Who can see it',
      body: "Only the shop owner and the shop's cashiers, each signing in with their own PIN; every time your data is opened, that is written to an audit log. {{cashierPhones}}.",
    },
    rightsTitle: 'Your rights',
    howTo: {
      title: 'How to use your rights',
      ask: 'Make your request at the counter or through the contact above (WhatsApp, phone or letter). We check who you are, record the request and answer within 3 x 24 hours at the latest.',
      complain:
        'If you are not satisfied with our answer, you may complain to {{authority}}, which supervises personal data protection.',
    },
    security: {
      title: 'Security',
      body: "Your data is stored encrypted on the shop's computer, not on the internet. Its backups are encrypted too and open only with the owner's recovery code.",
    },
    breach: {
      title: 'If data leaks',
      body: 'If your data leaks, we tell you and {{authority}} within 3 x 24 hours of finding out: which data, when and how, and what we are doing about it.',
    },
  },
  poster: {
    title: 'Your data at {{shop}}',
    subtitle:
      'Summary of privacy notice version {{version}} ({{date}}). Ask at the counter for the full notice.',
    recorded: {
      title: 'What we record',
      name: 'Name',
      purchases: 'purchases',
    },
    purposes: {
      title: 'What for',
      consent: 'Only with your consent: {{purposes}}. You may refuse or withdraw at any time.',
      noConsent: 'Nothing here needs your consent.',
    },
    howLong: {
      title: 'How long',
      erased:
        'Erased automatically $t(counts.months, {"count": {{months}} }) after your last activity at this shop.',
      lapse: 'Consent ends after $t(counts.months, {"count": {{months}} }) unless you renew it.',
    },
    sees: {
      title: 'Who sees it',
      body: 'The owner and cashiers, each with a PIN. Cashiers see {{phones}}.',
    },
    rights: {
      title: 'Your rights',
      body: 'See, copy, correct, erase, restrict, or withdraw consent. Ask at the counter — we answer within 3 x 24 hours.',
    },
  },
  record: {
    title: 'Record of processing — {{shop}}',
    subtitle: 'Version {{version}}, {{date}} (PDP Law Art. 31)',
    controller: {
      title: 'Controller',
      noContact: '(no contact given)',
    },
    subjects: {
      title: 'Data subjects',
      body: "The shop's customers; children under 18 only with a parent's or guardian's consent.",
    },
    categoriesTitle: 'Categories of data and why',
    purposesTitle: 'Purposes and legal bases',
    retentionTitle: 'Retention',
    access: {
      title: 'Access by role',
      owners: 'Owner ({{owners}}): all data, settings, audit log.',
      cashiers:
        'Active cashiers ({{cashiers}}): look up and record the customer being served; {{phones}}; no export.',
    },
    security: {
      title: 'Security measures',
      database: 'SQLCipher 4 encrypted database (AES-256).',
      pin: 'A PIN per user, derived with Argon2id; delays after wrong PINs.',
      autoLock: 'Auto-lock after $t(counts.minutes, {"count": {{minutes}} }) idle.',
      audit: 'Hash-chained audit log.',
      backupsAuto: 'Encrypted backups, daily and automatic, keeping {{daily}} daily and {{weekly}} weekly.',
      backupsManual: 'Encrypted backups (manual).',
      backupsOff: 'Encrypted backups: not enabled yet.',
      keystore: 'Device secret protected by the system keystore ({{keystore}}).',
      keystoreNot: 'Device secret NOT protected by a system keystore ({{keystore}}).',
      countersOff: 'Extra counters are off: customer data is opened only on the main laptop that holds it.',
      countersOn_one:
        'Extra counters are on: {{count}} paired laptop opens the data over the shop network (TLS 1.3, both certificates pinned at pairing). The data is stored only on the main laptop; the extra laptop does not keep it.',
      countersOn_other:
        'Extra counters are on: {{count}} paired laptops open the data over the shop network (TLS 1.3, both certificates pinned at pairing). The data is stored only on the main laptop; the extra laptops do not keep it.',
      offline: 'The app does not connect to the internet.',
    },
    recipientsTitle: 'Recipients',
    authority: {
      title: 'Supervision and breaches',
      body: 'Supervising body: {{authority}}. A breach is notified to the affected customers and to that body within 3 x 24 hours of its discovery (Art. 46).',
    },
  },
};
