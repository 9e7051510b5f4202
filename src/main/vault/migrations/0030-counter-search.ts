import type { Migration } from './index';

/**
 * The counter's phone search: a cashier finds a customer by the last four digits they can see
 * (or the whole number), never by the hidden middle, so those four digits get their own index.
 */
export const m0030CounterSearch: Migration = {
  version: 30,
  name: 'counter-search',
  up(db) {
    db.exec(`
      CREATE INDEX customers_phone_last4 ON customers(substr(phone_e164, -4), id)
        WHERE phone_e164 IS NOT NULL;
    `);
  },
};
