import type { Migration } from './index';

/**
 * Customers at shop scale: optional fields the owner turns on or off, purchases, consent
 * purposes and the append-only consent ledger (UU PDP Art. 20-25).
 */
export const m0020ShopData: Migration = {
  version: 20,
  name: 'shop-data',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN birthday TEXT;
      ALTER TABLE customers ADD COLUMN gender TEXT;
      ALTER TABLE customers ADD COLUMN tags TEXT;
      ALTER TABLE customers ADD COLUMN is_minor INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE customers ADD COLUMN guardian_name TEXT;
      -- Art. 11: a restricted customer is kept but not used (never in a marketing audience).
      ALTER TABLE customers ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX customers_name_order ON customers(name_norm, id);
      DROP INDEX customers_name_norm;

      CREATE TABLE field_settings (
        key TEXT PRIMARY KEY,
        enabled INTEGER NOT NULL,
        purpose TEXT NOT NULL
      ) STRICT;
      INSERT INTO field_settings (key, enabled, purpose) VALUES
        ('phone', 1, 'Menghubungi pelanggan tentang pesanan dan transaksi.'),
        ('email', 1, 'Mengirim nota dan kabar pesanan.'),
        ('address', 1, 'Mengantar pesanan.'),
        ('birthday', 0, 'Ucapan dan penawaran ulang tahun.'),
        ('gender', 0, 'Menyesuaikan penawaran produk.'),
        ('notes', 1, 'Catatan layanan (misalnya ukuran atau pesanan tetap).'),
        ('tags', 0, 'Preferensi produk pelanggan.');

      CREATE TABLE purchases (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        items TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX purchases_customer ON purchases(customer_id, at);

      CREATE TABLE purposes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        legal_basis TEXT NOT NULL CHECK (legal_basis IN
          ('consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest')),
        channel TEXT CHECK (channel IN ('whatsapp', 'sms_email')),
        active INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO purposes (id, name, description, legal_basis, channel, created_at, updated_at) VALUES
        (1, 'Layanan & transaksi', 'Mencatat pembelian dan melayani pesanan pelanggan.', 'contract', NULL, CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000),
        (2, 'Promosi via WhatsApp', 'Mengirim kabar promo dan produk baru lewat WhatsApp.', 'consent', 'whatsapp', CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000),
        (3, 'Promosi via SMS/email', 'Mengirim kabar promo lewat SMS atau email.', 'consent', 'sms_email', CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000),
        (4, 'Personalisasi penawaran', 'Menyesuaikan penawaran dengan riwayat belanja.', 'consent', NULL, CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000);

      -- Append-only proof of consent (Art. 24): rows are never updated. They are deleted only
      -- with the customer (erasure), by the cascade.
      CREATE TABLE consent_events (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        purpose_id INTEGER NOT NULL REFERENCES purposes(id),
        action TEXT NOT NULL CHECK (action IN ('granted', 'withdrawn')),
        method TEXT NOT NULL CHECK (method IN ('verbal', 'paper', 'digital', 'import')),
        recorded_by TEXT NOT NULL REFERENCES users(id),
        at INTEGER NOT NULL,
        notice_version INTEGER NOT NULL,
        guardian_name TEXT
      ) STRICT;
      CREATE INDEX consent_events_customer ON consent_events(customer_id, purpose_id, id);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent ledger is append-only'); END;

      -- The current state, derived from the ledger in the same transaction that appends to it,
      -- so audiences of a million customers need no scan of the whole ledger.
      CREATE TABLE consent_state (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        purpose_id INTEGER NOT NULL REFERENCES purposes(id),
        granted INTEGER NOT NULL,
        event_id INTEGER NOT NULL,
        PRIMARY KEY (customer_id, purpose_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX consent_state_audience ON consent_state(purpose_id, granted, customer_id);

      INSERT INTO meta (key, value) VALUES ('notice_version', '1'), ('notes_hard_block', '0');
    `);
  },
};
