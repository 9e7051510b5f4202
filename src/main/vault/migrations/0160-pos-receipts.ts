import type { Migration } from './index';

/**
 * Sales imported from the shop's POS (Moka, majoo, Pawoon, iReap, Kasir Pintar): each receipt is
 * remembered by its POS and number, so importing the same or an overlapping export again adds
 * nothing. The key outlives the sale: when the purge deletes an old sale the receipt stays known
 * (purchase_id becomes NULL) and an old export imported again does not bring it back.
 */
export const m0160PosReceipts: Migration = {
  version: 160,
  name: 'pos-receipts',
  up(db) {
    db.exec(`
      CREATE TABLE pos_receipts (
        source TEXT NOT NULL CHECK (source IN ('moka', 'majoo', 'pawoon', 'ireap', 'kasirpintar', 'other')),
        receipt TEXT NOT NULL CHECK (length(receipt) BETWEEN 1 AND 100),
        purchase_id INTEGER REFERENCES purchases(id) ON DELETE SET NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (source, receipt)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pos_receipts_purchase ON pos_receipts(purchase_id) WHERE purchase_id IS NOT NULL;
    `);
  },
};
