import type { Migration } from './index';

/**
 * Consent and phone proven from the customer's own WhatsApp, and the member card.
 *
 * - The consent ledger learns the method 'whatsapp' and keeps the one-time code of the message
 *   that proved it (`proof_code`, used and spent: the owner finds the message by it in the shop's
 *   WhatsApp). The ledger is rebuilt from its own schema text, so columns other migrations gave
 *   it stay as they are.
 * - `join_codes`: a one-time code per customer and purposes agreed, only its salted hash kept,
 *   with its expiry, wrong attempts and how it ended (used, replaced by a newer one, or worn out).
 * - `phone_confirmations`: the customer's phone as proven by their own message, kept as a keyed
 *   fingerprint of the number (the erasure key), so a number changed afterwards is not confirmed.
 * - `member_codes`: the opaque code a member card carries (random, never from phone or name).
 * All go with the customer (ON DELETE CASCADE).
 */
export const m0230JoinWhatsapp: Migration = {
  version: 230,
  name: 'join-whatsapp',
  foreignKeysOff: true,
  up(db) {
    const schema = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'consent_events'")
      .pluck()
      .get() as string;
    const extras = db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'consent_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
      )
      .pluck()
      .all() as string[];
    // A ledger whose check already names the method (a copy made by a later version) keeps it.
    if (!/'whatsapp'/.test(schema)) {
      const widened = schema.replace(/('import',\s*'policy')\s*\)/, "$1, 'whatsapp')");
      if (widened === schema) throw new Error('consent_events: method check not found');
      db.exec(widened.replace(/^CREATE TABLE\s+"?consent_events"?/, 'CREATE TABLE consent_events_v230'));
      db.exec(`
        INSERT INTO consent_events_v230 SELECT * FROM consent_events;
        DROP TABLE consent_events;
        ALTER TABLE consent_events_v230 RENAME TO consent_events;
      `);
      for (const sql of extras) db.exec(sql);
    }
    db.exec('ALTER TABLE consent_events ADD COLUMN proof_code TEXT');
    db.exec(`
      CREATE TABLE join_codes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        -- 'counter': the customer sends the code to the shop; 'reply': the shop sends it to the
        -- customer's number and the customer sends it back (a join from the poster).
        kind TEXT NOT NULL CHECK (kind IN ('counter', 'reply')),
        salt BLOB NOT NULL CHECK (length(salt) = 16),
        hash BLOB NOT NULL CHECK (length(hash) = 32),
        purposes TEXT NOT NULL,
        notice_version INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        ended TEXT CHECK (ended IN ('used', 'replaced', 'attempts')),
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX join_codes_customer ON join_codes(customer_id, id);
      CREATE TABLE phone_confirmations (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        phone_fp TEXT NOT NULL,
        code TEXT NOT NULL,
        confirmed_by TEXT NOT NULL REFERENCES users(id),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE member_codes (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        code TEXT NOT NULL UNIQUE CHECK (length(code) = 8),
        issued_by TEXT NOT NULL REFERENCES users(id),
        issued_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
