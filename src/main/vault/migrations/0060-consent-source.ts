import type { Migration } from './index';

/**
 * Where a ledger row came from, beside how the consent was given: 'counter' (staff at the
 * counter), 'import' (a spreadsheet, whose consent the owner says was collected on paper or a
 * digital form under a given notice), 'policy' (a lapse). Rows imported before this kept method
 * 'import' (how they were collected was never asked).
 */
export const m0060ConsentSource: Migration = {
  version: 60,
  name: 'consent-source',
  up(db) {
    db.exec(`
      ALTER TABLE consent_events ADD COLUMN source TEXT NOT NULL DEFAULT 'counter'
        CHECK (source IN ('counter', 'import', 'policy'));
      -- The ledger is append-only: its guard steps aside for this one backfill only.
      DROP TRIGGER consent_events_no_update;
      UPDATE consent_events SET source = 'import' WHERE method = 'import';
      UPDATE consent_events SET source = 'policy' WHERE method = 'policy';
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent ledger is append-only'); END;
    `);
  },
};
