import type { Migration } from './index';

/**
 * What the owner says when the register is used out of the ordinary: why a request is recorded
 * as received well before it was typed in (only the owner may back-date), which requests were
 * dismissed in bulk as a flood rather than refused one by one, and on a consent event, the record
 * that a customer who had withdrawn a purpose asked for it again (only the owner may re-grant it).
 */
export const m0130RegisterGuards: Migration = {
  version: 130,
  name: 'register-guards',
  up(db) {
    db.exec(`
      ALTER TABLE requests ADD COLUMN received_reason TEXT;
      ALTER TABLE requests ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1));
      ALTER TABLE consent_events ADD COLUMN note TEXT;
    `);
  },
};
