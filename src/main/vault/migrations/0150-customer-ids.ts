import { phoneSearchDigits } from '../../services/phone';
import type { Migration } from './index';

/**
 * Customer ids are never handed out twice. Without AUTOINCREMENT SQLite gives a new row the
 * highest id plus one, so the customer added after the newest one was erased took that person's
 * id, and with it their audit entries, requests and incidents. The table is rebuilt with
 * AUTOINCREMENT (every row keeps its id; the search index is keyed by id and stays as it is), and
 * the counter starts past every id the vault still mentions: the deletion ledger, requests,
 * incidents and the audit log remember erased people's ids.
 *
 * The search index is rebuilt to use FTS5's secure-delete: an edited or erased value's trigrams
 * leave the index when the row changes, instead of lingering in an old segment until a merge.
 */
export const m0150CustomerIds: Migration = {
  version: 150,
  name: 'customer-ids',
  // DROP TABLE customers with foreign keys on would run its ON DELETE actions on every child.
  foreignKeysOff: true,
  up(db) {
    const table = db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customers'")
      .pluck()
      .get() as string;
    const head = /^CREATE TABLE customers\s*\(\s*id INTEGER PRIMARY KEY\s*,/;
    if (!head.test(table)) throw new Error('customers table not as expected');
    const rebuilt = table.replace(
      head,
      'CREATE TABLE customers_v2 (\n        id INTEGER PRIMARY KEY AUTOINCREMENT,',
    );
    const dependants = db
      .prepare(
        "SELECT sql FROM sqlite_schema WHERE tbl_name = 'customers' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
      )
      .pluck()
      .all() as string[];
    db.exec(rebuilt);
    db.exec('INSERT INTO customers_v2 SELECT * FROM customers');
    db.exec('DROP TABLE customers');
    db.exec('ALTER TABLE customers_v2 RENAME TO customers');
    for (const sql of dependants) db.exec(sql);

    const mentioned = `SELECT max(id) FROM (
        SELECT max(id) AS id FROM customers
        UNION ALL SELECT max(customer_id) FROM deletion_ledger
        UNION ALL SELECT max(customer_ref) FROM requests
        UNION ALL SELECT max(customer_ref) FROM incident_notices
        UNION ALL SELECT max(CAST(target AS INTEGER)) FROM audit_log
          WHERE outcome = 'ok' AND target GLOB '[0-9]*' AND target NOT GLOB '*[^0-9]*'
            AND length(target) < 16
            AND (action LIKE 'customer.%' OR action LIKE 'consent.%' OR action LIKE 'purchase.%'
              OR action = 'retention.keep' OR action = 'audience.whatsapp' OR action LIKE 'request.%')
      )`;
    const floor = (db.prepare(mentioned).pluck().get() as number | null) ?? 0;
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'customers'").run();
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('customers', ?)").run(floor);

    // FTS5's secure-delete has no effect on a contentless_delete table (a delete there only adds a
    // tombstone; the trigrams stay until a merge), so the index is rebuilt contentless, where a
    // delete names the values it indexed and takes them out of the pages at once. Dropping the
    // old index frees its pages, which secure_delete zeroes.
    db.exec(`
      DROP TABLE customers_fts;
      CREATE VIRTUAL TABLE customers_fts USING fts5(
        name_norm, phone_digits, content = '', tokenize = 'trigram'
      );
      INSERT INTO customers_fts (customers_fts, rank) VALUES ('secure-delete', 1);
    `);
    const index = db.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)');
    // In pages by id: the connection cannot write while a read is still stepping.
    const page = db
      .prepare('SELECT id, name_norm, phone_e164 FROM customers WHERE id > ? ORDER BY id LIMIT 5000')
      .raw();
    for (let after = 0; ;) {
      const rows = page.all(after) as [number, string, string | null][];
      if (rows.length === 0) break;
      for (const [id, norm, e164] of rows) index.run(id, norm, e164 ? phoneSearchDigits(e164) : '');
      after = rows[rows.length - 1]![0];
    }
  },
};
