import type { Migration } from './index';

/**
 * The member programme. Points (or stamps) are a ledger, never a balance kept as one number: each
 * row is earned, redeemed, expired, adjusted (by the owner, with a reason) or reversed (a voided
 * or corrected sale taking its own rows back), signed, and linked to the sale where there is one.
 * The balance is their sum; a trigger refuses a row that would take it below zero. Rows are never
 * edited (only a sale deleted after the books' period loses its link); they go with the customer
 * (erasure) or with the member purpose (withdrawal). A reward's discount is written on the sale
 * itself, so the books show what was paid. The programme's own settings live in `meta`.
 */
export const m0220Loyalty: Migration = {
  version: 220,
  name: 'loyalty',
  up(db) {
    db.exec(`
      ALTER TABLE purchases ADD COLUMN discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0);

      CREATE TABLE loyalty_rewards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        cost INTEGER NOT NULL CHECK (cost >= 1),
        discount INTEGER NOT NULL CHECK (discount >= 1),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE loyalty_ledger (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('earned', 'redeemed', 'expired', 'adjusted', 'reversed')),
        points INTEGER NOT NULL CHECK (points <> 0),
        purchase_id INTEGER REFERENCES purchases(id) ON DELETE SET NULL,
        reward_id INTEGER REFERENCES loyalty_rewards(id),
        reverses INTEGER,
        reason TEXT,
        recorded_by TEXT REFERENCES users(id),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX loyalty_ledger_customer ON loyalty_ledger(customer_id, id);
      CREATE INDEX loyalty_ledger_purchase ON loyalty_ledger(purchase_id) WHERE purchase_id IS NOT NULL;
      CREATE INDEX loyalty_ledger_at ON loyalty_ledger(at);
      CREATE TRIGGER loyalty_ledger_append_only
      BEFORE UPDATE OF id, customer_id, kind, points, reward_id, reverses, reason, recorded_by, at ON loyalty_ledger
      BEGIN SELECT RAISE(ABORT, 'loyalty ledger is append-only'); END;
      CREATE TRIGGER loyalty_ledger_never_negative BEFORE INSERT ON loyalty_ledger
      WHEN NEW.points < 0
        AND (SELECT coalesce(sum(points), 0) FROM loyalty_ledger WHERE customer_id = NEW.customer_id) + NEW.points < 0
      BEGIN SELECT RAISE(ABORT, 'loyalty balance below zero'); END;
    `);
  },
};
