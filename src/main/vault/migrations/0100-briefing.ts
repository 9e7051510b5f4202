import type { Migration } from './index';

/**
 * Staff briefing (seed point 4): each user's acknowledgements of the shop's data rules, with the
 * version of the text they read. The text itself and how often it is renewed live in `meta`.
 */
export const m0100Briefing: Migration = {
  version: 100,
  name: 'briefing',
  up(db) {
    db.exec(`
      CREATE TABLE briefing_acks (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX briefing_acks_user ON briefing_acks(user_id, at);
    `);
  },
};
