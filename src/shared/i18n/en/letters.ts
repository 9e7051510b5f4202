import type { LetterTexts } from '../id/letters';

/** Letters to customers: the access report, answers to requests, and the printed documents' names. */
export const letters: LetterTexts = {
  frame: {
    to: 'To',
    closing: 'Yours sincerely,',
    owner: 'Owner, {{shop}}',
    staff: 'Staff, {{shop}}',
  },
  answer: {
    types: {
      information: 'information about your data',
      access: 'to see and get a copy of your data',
      correction: 'to correct your data',
      erasure: 'to erase your data',
      withdrawal: 'to withdraw your consent',
      restriction: 'to restrict the use of your data',
      portability: 'to receive your data as a file',
      objection: 'an objection to how your data is used',
    },
    done: {
      access_report: 'We prepared a report of all the data we hold on you and who used it.',
      portability_export: 'We prepared your data as JSON and CSV files.',
      erase: 'We erased your data. Sales records are kept for the books, without your name or contact.',
      withdraw: 'We withdrew all your consents.',
      restrict: 'We keep your data but do not use it until you ask otherwise.',
      lift_restriction: 'We lifted the restriction on your data as you asked.',
      done: 'We did what you asked.',
    },
    title: '{{shop}}: the answer to your request',
    subtitle: 'Request #{{id}}',
    askedTitle: 'What you asked',
    asked: 'You asked {{what}} on {{at}}.',
    refusedTitle: 'Why we cannot do it',
    doneTitle: 'What we did',
    whenTitle: 'When',
    completed: 'Completed on {{at}} (deadline: {{due}}).',
    requester: 'The person who made request number {{id}}',
  },
  report: {
    title: 'Your personal data at {{shop}}',
    subtitle:
      'Answer to your request number {{id}} to see your data (Law No. 27 of 2022 on Personal Data Protection, Art. 7 and 32)',
    intro:
      'On {{at}} you asked to see the personal data we keep about you. This letter sets out all of it: what we use it for and on what basis, who receives it, how long we keep it, where it came from, who at our shop looked at it, and what your rights are.',
    sections: {
      held: 'The data we keep about you',
      purposes: 'What we use it for, and on what basis',
      consents: 'The history of your consents',
      recipients: 'Who receives your data',
      keeping: 'How long we keep it',
      origin: 'Where your data came from',
      processing: 'Who looked at and used your data',
      rights: 'Your rights (PDP Law Art. 5 to 13)',
      howTo: 'How to use your rights',
    },
    held: {
      minor: 'You are recorded as a child under 18; your guardian: {{guardian}}.',
      adult: 'You are recorded as an adult (18 or over).',
      restricted: 'At your request the use of your data is restricted: we keep it but do not use it.',
      notRestricted: 'The use of your data is not restricted.',
      since: 'You have been recorded as a customer since {{at}}.',
      purchases_one: 'Your purchase history: {{n}} purchase, listed in the appendix to this letter.',
      purchases_other: 'Your purchase history: {{n}} purchases, listed in the appendix to this letter.',
      noPurchases: 'No purchase of yours is recorded.',
      points:
        'Your member programme {{unit}} ledger: {{entries}} entries, balance {{balance}} (detailed in your data file).',
      promotions_one: 'Promotions we sent you on WhatsApp: {{n}} time, last on {{last}}.',
      promotions_other: 'Promotions we sent you on WhatsApp: {{n}} times, last on {{last}}.',
    },
    fields: {
      minor: 'Age (child or adult)',
      other: 'other data',
      none: 'not recorded',
    },
    genders: {
      female: 'Female',
      male: 'Male',
    },
    bases: {
      consent: 'It rests on your consent (PDP Law Art. 20(2)(a)).',
      contract: 'It rests on our need to serve your purchase or order (PDP Law Art. 20(2)(b)).',
      legal_obligation: 'It rests on a legal duty the shop must meet (PDP Law Art. 20(2)(c)).',
      vital_interest: "It rests on protecting someone's safety or vital interests (PDP Law Art. 20(2)(d)).",
      public_task: 'It rests on a task in the public interest (PDP Law Art. 20(2)(e)).',
      legitimate_interest:
        "It rests on the shop's legitimate interest, which may never work against yours (PDP Law Art. 20(2)(f)).",
    },
    purposes: {
      notConsented: 'You have not consented to this, so we do not use your data for it.',
      granted: 'You consented on {{at}}, {{how}}.',
      withdrawn: 'You withdrew this consent on {{at}}; since then we have not used your data for it.',
      lapsed:
        "Your consent ended on {{at}} under the shop's rules; since then we have not used your data for it.",
    },
    consents: {
      granted: 'You gave consent to {{purpose}}',
      withdrawn: 'You withdrew consent to {{purpose}}',
      lapsed: 'Your consent to {{purpose}} ended',
      none: 'There is no record of consent.',
      noticeOutside: "the shop's own privacy notice outside Brankas",
      notice: 'privacy notice version {{version}}',
    },
    methods: {
      verbal: 'by word of mouth',
      paper: 'on a paper form',
      digital: 'digitally',
      import: "according to the shop's earlier records (how was not recorded)",
      whatsapp: 'by a WhatsApp message from your own number',
      policy: "because it ran out under the shop's rules",
    },
    how: {
      imported: '{{how}}, from a file the shop imported',
      recordedBy: '{{how}}, recorded by {{who}}',
    },
    roles: {
      owner: 'shop owner',
      cashier: 'cashier',
    },
    someRole: 'staff',
    actions: {
      customer: {
        create: 'Recorded you as a customer',
        update: 'Changed your data',
        view: 'Opened your data',
        revealPhone: 'Showed your whole phone number',
        restrict: 'Changed the restriction on your data',
        erase: 'Erased your data',
      },
      consent: {
        grant: 'Recorded your consent',
        withdraw: 'Recorded the withdrawal of your consent',
        history: 'Looked at your consent history',
      },
      purchase: {
        create: 'Recorded a purchase of yours',
        list: 'Looked at your purchases',
        void: 'Voided or corrected a purchase record of yours',
        receipt: 'Sent a receipt to your WhatsApp',
      },
      retention: {
        keep: 'Held your data back from its scheduled erasure',
      },
      audience: {
        whatsapp: 'Prepared a WhatsApp promotion for you',
      },
      request: {
        create: 'Recorded your request about your data',
        fulfil: 'Carried out your request',
        refuse: 'Turned down your request, giving the reason',
        answer: 'Sent you the answer to your request',
        dismiss: 'Closed a request made in your name',
      },
    },
    families: {
      customer: 'Used your data',
      consent: 'Used the record of your consent',
      purchase: 'Used your purchase records',
      request: 'Handled your request',
    },
    processing: {
      app: 'The app (automatically)',
      denied: 'refused, not allowed',
      failed: 'did not go through, nothing changed',
      intro:
        'Only the shop owner and our cashiers, each signing in with their own PIN, can open your data. The app writes down every time your data is opened or changed; here is that record, newest first (dates and times on the shop’s clock, WIB).',
    },
    keeping: {
      kept: 'The shop owner is keeping your data longer than usual, until {{until}}. After that it is erased unless you still shop with us.',
      keptBecause:
        'The shop owner is keeping your data longer than usual, until {{until}}, for this reason: {{reason}}. After that it is erased unless you still shop with us.',
      inactive_one:
        "We erase a customer's data {{count}} month after their last activity (a purchase or a change of consent). Your last activity was on {{last}}, so if you do not come again we erase your data on {{due}}. Every new purchase moves that date.",
      inactive_other:
        "We erase a customer's data {{count}} months after their last activity (a purchase or a change of consent). Your last activity was on {{last}}, so if you do not come again we erase your data on {{due}}. Every new purchase moves that date.",
      lapses_one:
        'Your consent to {{purpose}} lasts {{count}} month: unless you renew it, it ends on {{end}}.',
      lapses_other:
        'Your consent to {{purpose}} lasts {{count}} months: unless you renew it, it ends on {{end}}.',
      untilWithdrawn: 'Your consent to {{purpose}} stands until you withdraw it.',
      sales_one:
        'Sales records (date, items, amount) are kept {{count}} year for the tax books. Once your data is erased they no longer hold your name or contact.',
      sales_other:
        'Sales records (date, items, amount) are kept {{count}} years for the tax books. Once your data is erased they no longer hold your name or contact.',
    },
    origin: {
      counter: 'You gave us this data yourself at the shop. {{who}} wrote it down on {{at}}.',
      ourStaff: 'Our staff',
      imported:
        "Your data comes from the shop's earlier records (a book or a file) and was brought into this app by importing a file on {{at}}.",
      edits_one: 'Since then your data was changed {{n}} time; each change is listed in the next part.',
      edits_other: 'Since then your data was changed {{n}} times; each change is listed in the next part.',
      purchases:
        'Your purchases are recorded by our cashiers when you shop. We do not buy or receive your data from anyone else.',
    },
    recipients: {
      none: 'We give your data to no one outside the shop. It is kept encrypted on the shop’s computer, not on the internet.',
      some: 'Besides our shop, your data is received by:',
    },
    rights: [
      'To be told about your data: what we keep, what for and who uses it, as in this letter (Art. 5).',
      'To have wrong or missing data corrected (Art. 6).',
      'To see your data and get a copy of it (Art. 7).',
      'To have your data erased; sales records stay in the books without your name (Art. 8).',
      'To withdraw your consent at any time (Art. 9).',
      'To object to decisions about you taken automatically (Art. 10); this shop takes none.',
      'To have the use of your data restricted (Art. 11).',
      'To sue and claim compensation if your data is processed unlawfully (Art. 12).',
      'To receive your data in a file a computer can read (Art. 13).',
    ],
    ask: {
      byLetter: 'by letter to {{address}}',
      or: ', or ',
      atCounter:
        'Ask at the counter. We make sure it is really you asking, record the request and answer within 3 x 24 hours at the latest.',
      atCounterOr:
        'Ask at the counter, or through {{reach}}. We make sure it is really you asking, record the request and answer within 3 x 24 hours at the latest.',
      complain: 'If you are not satisfied with our answer, you may complain to {{authority}}.',
      authority: 'Kementerian Komunikasi dan Digital (Komdigi)',
    },
    rest: {
      text_one:
        'Showing the newest {{shown}} of {{total}} {{what}}. The {{older}} older one is not printed here; all of them are in the complete copy of the data (the data portability file), which we hand over on request.',
      text_other:
        'Showing the newest {{shown}} of {{total}} {{what}}. The {{older}} older ones are not printed here; all of them are in the complete copy of the data (the data portability file), which we hand over on request.',
      nouns: {
        consents: 'consent records',
        processing: 'processing entries',
        purchases: 'purchases',
      },
    },
    appendix: {
      title: 'Appendix: your purchases',
      head: ['Date', 'Items', 'Amount (Rp)', 'Note'],
      voided: 'voided, not counted',
      more_one: '+{{n}} character',
      more_other: '+{{n}} characters',
    },
  },
  portability: {
    head: ['section', 'field', 'value'],
    customer: 'customer',
    consent: 'consent {{n}}',
    purchase: 'purchase {{n}}',
  },
};
