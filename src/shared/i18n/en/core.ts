import { core as indonesian, type CoreTexts } from '../id/core';

/** Texts main writes elsewhere: receipts, the recovery card, reports, exports and start-up checks. */
export const core: CoreTexts = {
  startup: {
    title: 'Brankas cannot start',
    missing: 'The encrypted database module for Electron is missing.',
    mismatch: 'The encrypted database module does not match this Electron version.',
    fixInstalled: 'Reinstall Brankas from its official installer.',
    fixDevelopment: 'Run "npm run native:electron" in the project folder, then "npm start" again.',
  },

  seeded: {
    purposes: {
      service: {
        name: 'Service & transactions',
        description: "Recording purchases and serving customers' orders.",
      },
      whatsapp: {
        name: 'Promotions via WhatsApp',
        description: 'Sending news of offers and new products by WhatsApp.',
      },
      smsEmail: {
        name: 'Promotions via SMS/email',
        description: 'Sending news of offers by SMS or email.',
      },
      offers: {
        name: 'Personalised offers',
        description: 'Tailoring offers to the purchase history.',
      },
      member: {
        name: 'Member programme',
        description:
          'Recording points or stamps from each purchase and exchanging them for rewards as a discount.',
      },
    },
    fields: {
      phone: 'Contacting customers about orders and transactions.',
      email: 'Sending receipts and news of orders.',
      address: 'Delivering orders.',
      birthday: 'Birthday greetings and offers.',
      gender: 'Tailoring product offers.',
      notes: 'Service notes (such as sizes or standing orders).',
      tags: "Customers' product preferences.",
    },
  },

  recoveryCard: {
    title: 'Brankas Recovery Card',
    intro: "This code opens the vault and every backup if the owner's PIN is lost or the laptop breaks.",
    keep: 'Keep this card somewhere safe, away from the laptop. Do not photograph it or send it by chat.',
    warn: "If the owner's PIN AND this code are lost, nobody can open the customer data again, not even the makers of Brankas.",
    shop: 'Shop',
    made: 'Created',
  },

  /*
   * Deliberately the Indonesian name: a body is named as it calls itself, and the name is one of a
   * notice's inputs (stored and compared), the same in either language.
   */
  authority: indonesian.authority,

  join: {
    counterMessage:
      'Hello {{shop}}, I agree to my data being used for: {{purposes}}. Under privacy notice version {{version}}. Code: {{code}}',
    replyMessage:
      'Hello, this is {{shop}}. To agree to: {{purposes}} (privacy notice version {{version}}), reply to this message with the code {{code}}. Ignore it if you did not ask for it.',
    posterMessage:
      'Hello {{shop}}, I would like to join and agree to my data being used for: {{purposes}}. Under privacy notice version {{version}}.',
    qrLabel: 'QR code: opens WhatsApp on your phone',
    posterTitle: 'Want to join? Scan with your phone camera',
    posterSteps:
      'WhatsApp opens with the message filled in: send it to the shop. We reply with a code; send that code back to agree.',
  },
  memberCard: {
    title: '{{shop}} member card',
    code: 'Member code',
    note: 'Show this card at the counter. The card carries neither your name nor your phone number.',
    qrLabel: 'QR code of the member code',
  },

  /*
   * Deliberately the Indonesian text: the receipt is written in the customers' language whatever
   * language the shop's app is in (main always asks for it in Bahasa Indonesia).
   */
  receipt: indonesian.receipt,

  /*
   * Deliberately the Indonesian names: the exports are files with fixed column names, the same in
   * either language of the app, so a spreadsheet, a script or the app's own import (which reads
   * "ditarik" as a withdrawn consent) reads the next export the same way.
   */
  customerCsv: indonesian.customerCsv,
  auditCsv: indonesian.auditCsv,
  audienceCsv: indonesian.audienceCsv,

  /*
   * Deliberately the Indonesian text: the note is stored with the request and shown as written,
   * whatever language the app is in later.
   */
  requests: indonesian.requests,

  /*
   * Deliberately the Indonesian names, as they always were: the shop's saved files keep one name
   * whatever language the app was in when they were made, so they sort together in its folders.
   */
  files: indonesian.files,
};
