import { randomBytes } from 'node:crypto';
import type { Migration } from './index';

/**
 * Deletion schedules (UU PDP Art. 42-44). Erasing a customer destroys the person while their
 * purchases stay as anonymous sales for the tax books (UU KUP Art. 28(11)): purchases.customer_id
 * becomes nullable and is cleared on erasure. The consent ledger learns 'lapsed' (promotional
 * consent that ran out by the shop's policy). The deletion ledger keeps, per erased customer, only
 * keyed fingerprints of phone and email (the key never leaves the vault), so a re-added person is
 * recognised without keeping who they were, and a restore of an older backup erases them again.
 */
export const m0040Retention: Migration = {
  version: 40,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE purchases_anon (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        at INTEGER NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        items TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO purchases_anon SELECT id, customer_id, at, amount, items, recorded_by, created_at FROM purchases;
      DROP TABLE purchases;
      ALTER TABLE purchases_anon RENAME TO purchases;
      -- Only sales that still name someone: an erasure then drops index entries instead of
      -- piling anonymous ones into one hot corner of the index.
      CREATE INDEX purchases_customer ON purchases(customer_id, at) WHERE customer_id IS NOT NULL;
      CREATE INDEX purchases_at ON purchases(at);

      CREATE TABLE consent_events_v2 (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        purpose_id INTEGER NOT NULL REFERENCES purposes(id),
        action TEXT NOT NULL CHECK (action IN ('granted', 'withdrawn', 'lapsed')),
        method TEXT NOT NULL CHECK (method IN ('verbal', 'paper', 'digital', 'import', 'policy')),
        recorded_by TEXT NOT NULL REFERENCES users(id),
        at INTEGER NOT NULL,
        notice_version INTEGER NOT NULL,
        guardian_name TEXT
      ) STRICT;
      INSERT INTO consent_events_v2 SELECT * FROM consent_events;
      DROP TABLE consent_events;
      ALTER TABLE consent_events_v2 RENAME TO consent_events;
      CREATE INDEX consent_events_customer ON consent_events(customer_id, purpose_id, id);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent ledger is append-only'); END;

      -- Kept past the due date only with a written reason (Art. 44), until a review date.
      ALTER TABLE customers ADD COLUMN keep_until INTEGER;
      ALTER TABLE customers ADD COLUMN keep_reason TEXT;
      CREATE INDEX customers_activity ON customers(last_activity_at, id);
      CREATE INDEX customers_keep ON customers(keep_until) WHERE keep_until IS NOT NULL;

      CREATE TABLE deletion_ledger (
        -- Time-ordered (see ledger.ts): new entries append at the end of the index.
        id TEXT PRIMARY KEY,
        -- The erased row's id and creation time: together they name that record (ids can be
        -- reused after a delete), which is what a restore needs to erase it again.
        customer_id INTEGER NOT NULL,
        customer_created_at INTEGER NOT NULL,
        phone_fp TEXT,
        email_fp TEXT,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('inactive', 'owner', 'request'))
      ) STRICT;
      CREATE INDEX deletion_ledger_phone ON deletion_ledger(phone_fp) WHERE phone_fp IS NOT NULL;
      CREATE INDEX deletion_ledger_email ON deletion_ledger(email_fp) WHERE email_fp IS NOT NULL;
    `);
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('erasure_fp_key', ?)").run(
      randomBytes(32).toString('hex'),
    );
  },
};
