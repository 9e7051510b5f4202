import type { Migration } from './index';

/**
 * The shop's own price list, for shops without a POS: what the counter taps to build a sale.
 * Names and prices only, no personal data. A product is hidden, never deleted, so the sales that
 * name it keep making sense; the sales themselves store their own text and total, so a later
 * rename or new price never changes a sale already made.
 */
export const m0180Products: Migration = {
  version: 180,
  name: 'products',
  up(db) {
    db.exec(`
      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        price INTEGER NOT NULL CHECK (price >= 1),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX products_order ON products(sort_order, id);
    `);
  },
};
