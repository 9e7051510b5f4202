import type { Migration } from './index';

/**
 * A second counter on the shop's network. The primary's own identity (its TLS key and
 * certificate) lives here, inside the encrypted vault, made when the owner first turns the
 * feature on; one row at most. Paired devices are pinned by their certificate's fingerprint and
 * kept after a revoke (the owner's list shows when). A remembered write is the reply to one
 * remote write, kept a few minutes under the id the client retries it with, so a retry is
 * answered instead of written twice; it goes with its device.
 */
export const m0210LanDevices: Migration = {
  version: 210,
  name: 'lan-devices',
  up(db) {
    db.exec(`
      CREATE TABLE lan_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_pem TEXT NOT NULL,
        cert_pem TEXT NOT NULL,
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
        enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE lan_devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 64),
        paired_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        revoked_at INTEGER
      ) STRICT;
      CREATE TABLE lan_remembered (
        device_id TEXT NOT NULL REFERENCES lan_devices(id) ON DELETE CASCADE,
        request_id TEXT NOT NULL,
        reply TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (device_id, request_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lan_remembered_at ON lan_remembered(at);
    `);
  },
};
