import type { Migration } from './index';

/**
 * An incident whose discovery the owner records well after it (the 72-hour clock then runs from
 * a past time) keeps the owner's reason for the delay: the authority's form states it.
 */
export const m0200IncidentLateReason: Migration = {
  version: 200,
  name: 'incident-late-reason',
  up(db) {
    db.exec('ALTER TABLE incidents ADD COLUMN late_reason TEXT');
  },
};
