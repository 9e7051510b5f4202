import type { Migration } from './index';

/**
 * Breach response (UU PDP Art. 46: notify within 3 x 24 hours). An incident is recorded with its
 * 72-hour clock from discovery; containment, scope, the notices sent (to whom, when, how) and the
 * evaluation are kept with it. Notices name customers by id only; an erased customer's notice
 * keeps the bare number.
 */
export const m0090Incidents: Migration = {
  version: 90,
  name: 'incidents',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('lost_laptop', 'lost_backup', 'staff_misuse', 'wrong_recipient',
          'malware', 'other')),
        description TEXT NOT NULL,
        happened_at INTEGER,
        discovered_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        containment TEXT NOT NULL DEFAULT '{}',
        scope TEXT,
        affected INTEGER,
        evaluation TEXT,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        closed_at INTEGER,
        closed_by TEXT REFERENCES users(id)
      ) STRICT;
      CREATE TABLE incident_notices (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        recipient TEXT NOT NULL CHECK (recipient IN ('customer', 'authority')),
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        customer_ref INTEGER,
        channel TEXT NOT NULL CHECK (channel IN ('letter', 'whatsapp', 'form')),
        at INTEGER NOT NULL,
        by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX incident_notices_incident ON incident_notices(incident_id);
    `);
  },
};
