import type { Migration } from './index';

/**
 * The owner's customer dashboard counts, per customer, the sales that stand (not voided): their
 * first one, and the months they bought in. This partial index holds exactly those (customer and
 * time, no amounts or items), so the count reads the index alone instead of every sale's row: at
 * a million sales the difference is the owner's screen opening at once or after seconds.
 */
export const m0240StandingSales: Migration = {
  version: 240,
  name: 'standing-sales',
  up(db) {
    db.exec(`
      CREATE INDEX purchases_standing ON purchases(customer_id, at)
        WHERE customer_id IS NOT NULL AND voided_at IS NULL;
    `);
  },
};
