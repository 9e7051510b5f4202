import type { Migration } from './index';

/**
 * A mistaken sale is voided or corrected, never edited away: the original row stays with who
 * voided it, when and why; a correction is a new row that names the one it replaces. Totals
 * count only rows that are not voided.
 */
export const m0070PurchaseCorrections: Migration = {
  version: 70,
  name: 'purchase-corrections',
  up(db) {
    db.exec(`
      ALTER TABLE purchases ADD COLUMN voided_at INTEGER;
      ALTER TABLE purchases ADD COLUMN voided_by TEXT REFERENCES users(id);
      ALTER TABLE purchases ADD COLUMN void_reason TEXT;
      ALTER TABLE purchases ADD COLUMN corrects INTEGER REFERENCES purchases(id) ON DELETE SET NULL;
    `);
  },
};
