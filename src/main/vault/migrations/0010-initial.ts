import type { Migration } from './index';

export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'cashier')),
        active INTEGER NOT NULL DEFAULT 1,
        must_change_pin INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_norm TEXT NOT NULL,
        phone_e164 TEXT,
        email TEXT,
        address TEXT,
        notes TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE UNIQUE INDEX customers_phone ON customers(phone_e164) WHERE phone_e164 IS NOT NULL;
      CREATE INDEX customers_name_norm ON customers(name_norm);

      -- Substring search over folded names and phone digits. Contentless: the text lives only
      -- in customers; contentless_delete lets updates and erasure remove index entries.
      CREATE VIRTUAL TABLE customers_fts USING fts5(
        name_norm, phone_digits,
        content = '', contentless_delete = 1, tokenize = 'trigram'
      );

      -- Hash-chained: each row's hash covers the previous hash and this row's fields.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
  },
};
