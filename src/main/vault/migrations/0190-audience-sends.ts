import type { Migration } from './index';

/**
 * Which customers a WhatsApp message was sent to: one row per message (its campaign key, a hash
 * of the message text) and customer, written when the owner opens that customer's link or marks
 * it sent. Only a marker for the owner's list ("belum dikirim"); erased with the customer.
 */
export const m0190AudienceSends: Migration = {
  version: 190,
  name: 'audience-sends',
  up(db) {
    db.exec(`
      CREATE TABLE audience_sends (
        campaign TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (campaign, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audience_sends_customer ON audience_sends(customer_id);
    `);
  },
};
