import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../src/main/lib/app-error';
import { applyKey, openVault } from '../../src/main/vault/database';
import { latestVersion, migrate, schemaVersion } from '../../src/main/vault/migrate';
import { MIGRATIONS } from '../../src/main/vault/migrations/index';
import { SHOP_MONTH_OF_AT } from '../../src/main/vault/migrations/0260-first-sales-by-time';
import { decryptedVault, trigrams } from '../support/decrypted-pages';
import { tempDir } from '../support/fixtures';
import { vaultAt } from '../support/vault-at';

let cleanup = () => undefined as void;
afterEach(() => cleanup());

describe('migrations', () => {
  it('numbers go up in steps of 10 and are unique', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it('0010 initial: creates the tables and sets user_version', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openVault(join(t.dir, 'v.db'), randomBytes(32));
    expect(schemaVersion(db)).toBe(latestVersion());
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['meta', 'users', 'customers', 'customers_fts', 'audit_log']),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('running again is a no-op; a failing migration rolls back whole', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openVault(join(t.dir, 'v.db'), randomBytes(32));
    expect(migrate(db)).toBe(latestVersion());
    const broken = [
      ...MIGRATIONS,
      {
        version: 20,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE x (a)');
          d.exec('NOT SQL');
        },
      },
    ];
    const broken2 = broken.map((m) => (m.name === 'broken' ? { ...m, version: latestVersion() + 10 } : m));
    expect(() => migrate(db, broken2)).toThrow();
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 });
    db.close();
  });

  /** The owner u1 and one customer, Siti (id 1), as every version since 0010 stores them. */
  const seedSiti = (raw: { prepare(sql: string): { run(): unknown } }) => {
    raw.prepare("INSERT INTO users VALUES ('u1', 'Bu Sari', 'owner', 1, 0, 1, 1)").run();
    raw
      .prepare(
        "INSERT INTO customers (name, name_norm, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES ('Siti', 'siti', 1, 1, 1, 'u1', 'u1')",
      )
      .run();
  };

  // One upgrade test per migration: a vault as the previous version left it, with data, opened
  // through the app's own path (openVault), which runs the migration.
  const upgrades: Record<number, (dir: string) => void> = {
    10: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 0);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(
        db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'customers_fts'").get(),
      ).toEqual({
        n: 1,
      });
      db.close();
    },
    20: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 10);
      seedSiti(raw);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name, restricted, is_minor FROM customers').get()).toEqual({
        name: 'Siti',
        restricted: 0,
        is_minor: 0,
      });
      expect(
        (
          db.prepare('SELECT name, legal_basis, channel FROM purposes ORDER BY id').all() as {
            name: string;
          }[]
        ).map((p) => p.name),
      ).toEqual([
        'Layanan & transaksi',
        'Promosi via WhatsApp',
        'Promosi via SMS/email',
        'Personalisasi penawaran',
      ]);
      db.prepare(
        "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version) VALUES (1, 2, 'granted', 'verbal', 'u1', 1, 1)",
      ).run();
      expect(() => db.prepare("UPDATE consent_events SET action = 'withdrawn'").run()).toThrow(/append-only/);
      expect((db.prepare('SELECT count(*) AS n FROM field_settings').get() as { n: number }).n).toBe(7);
      db.close();
    },
    30: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 20);
      raw.prepare("INSERT INTO users VALUES ('u1', 'Bu Sari', 'owner', 1, 0, 1, 1)").run();
      raw
        .prepare(
          "INSERT INTO customers (name, name_norm, phone_e164, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES ('Siti', 'siti', '+6281234561234', 1, 1, 1, 'u1', 'u1')",
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      const sql = 'SELECT id FROM customers WHERE phone_e164 IS NOT NULL AND substr(phone_e164, -4) = ?';
      expect(db.prepare(sql).pluck().all('1234')).toEqual([1]);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('1234') as { detail: string }[]).map(
        (r) => r.detail,
      );
      expect(plan.join(' ')).toMatch(/customers_phone_last4/);
      db.close();
    },
    40: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 30);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 5, 1000, '[]', 'u1', 5)",
        )
        .run();
      raw
        .prepare(
          "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version) VALUES (1, 2, 'granted', 'verbal', 'u1', 1, 1)",
        )
        .run();
      expect(raw.pragma('auto_vacuum', { simple: true })).toBe(0);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      // Converted once to incremental auto-vacuum (the purge hands pages back in steps).
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(db.prepare('SELECT customer_id, amount FROM purchases').get()).toEqual({
        customer_id: 1,
        amount: 1000,
      });
      expect(db.prepare('SELECT action FROM consent_events').pluck().all()).toEqual(['granted']);
      expect(() => db.prepare("UPDATE consent_events SET action = 'lapsed'").run()).toThrow(/append-only/);
      // Anonymous sales: the purchase outlives the person.
      db.prepare('DELETE FROM consent_events').run();
      db.prepare('DELETE FROM consent_state').run();
      db.prepare('DELETE FROM customers').run();
      expect(db.prepare('SELECT customer_id, amount FROM purchases').get()).toEqual({
        customer_id: null,
        amount: 1000,
      });
      expect(db.prepare("SELECT length(value) FROM meta WHERE key = 'erasure_fp_key'").pluck().get()).toBe(
        64,
      );
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
    50: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 40);
      raw.prepare("INSERT INTO users VALUES ('u1', 'Bu Sari', 'owner', 1, 0, 1, 1)").run();
      const add = raw.prepare(
        "INSERT INTO customers (name, name_norm, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES (?, ?, 1, 1, 1, 'u1', 'u1')",
      );
      const fts = raw.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)');
      for (const [i, name] of ['Siti Nur\u2019aini', "Ma'ruf Amin", 'Budi'].entries()) {
        add.run(name, name.toLowerCase());
        fts.run(i + 1, name.toLowerCase(), '');
      }
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name_norm FROM customers ORDER BY id').pluck().all()).toEqual([
        'siti nuraini',
        'maruf amin',
        'budi',
      ]);
      const found = (q: string) =>
        db
          .prepare('SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?')
          .pluck()
          .all(`name_norm : "${q}"`);
      expect(found('nuraini')).toEqual([1]);
      expect(found('maruf')).toEqual([2]);
      db.close();
    },
    60: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 50);
      seedSiti(raw);
      const ev = raw.prepare(
        "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version) VALUES (1, 2, ?, ?, 'u1', 1, 1)",
      );
      ev.run('granted', 'import');
      ev.run('withdrawn', 'verbal');
      ev.run('lapsed', 'policy');
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT source FROM consent_events ORDER BY id').pluck().all()).toEqual([
        'import',
        'counter',
        'policy',
      ]);
      // The ledger is append-only again after the backfill.
      expect(() => db.prepare("UPDATE consent_events SET source = 'counter'").run()).toThrow(/append-only/);
      db.close();
    },
    70: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 60);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 5, 1000, '[]', 'u1', 5)",
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT amount, voided_at, corrects FROM purchases').get()).toEqual({
        amount: 1000,
        voided_at: null,
        corrects: null,
      });
      db.close();
    },
    80: (dir) => {
      // A shop that numbered its notice by hand (3) and recorded consent under version 2.
      const { path, key, db: raw } = vaultAt(dir, 70);
      seedSiti(raw);
      raw.prepare("UPDATE meta SET value = '3' WHERE key = 'notice_version'").run();
      raw
        .prepare(
          "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version, source) VALUES (1, 2, 'granted', 'paper', 'u1', 1, 2, 'counter')",
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare("SELECT version, inputs FROM documents WHERE kind = 'notice'").raw().all()).toEqual([
        [1, '{}'],
        [2, '{}'],
        [3, '{}'],
      ]);
      expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'notice_version'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT notice_version FROM consent_events').pluck().all()).toEqual([2]);
      expect(db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(0);
      db.close();
      // A vault that never changed the number seeded by 0020 and recorded no consent gets none.
      mkdirSync(join(dir, 'fresh'));
      const fresh = vaultAt(join(dir, 'fresh'), 70);
      fresh.db.close();
      const db2 = openVault(fresh.path, fresh.key);
      expect(db2.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
      db2.close();
    },
    90: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 80);
      seedSiti(raw);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Siti']);
      expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
      db.close();
    },
    100: (dir) => {
      const { path, key, db: raw } = vaultAt(dir, 90);
      seedSiti(raw);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Siti']);
      expect(db.prepare('SELECT count(*) FROM briefing_acks').pluck().get()).toBe(0);
      db.close();
    },
    130: (dir) => {
      // From whichever migration comes before it (others may slot in between).
      const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 130) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, before);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO requests (type, customer_id, customer_ref, received_at, due_at, channel, verified_by, verification, created_by, created_at) VALUES ('access', 1, 1, 5, 10, 'in_person', 'u1', 'KTP', 'u1', 5)",
        )
        .run();
      raw
        .prepare(
          "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version) VALUES (1, 2, 'granted', 'verbal', 'u1', 1, 1)",
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT status, received_reason, dismissed FROM requests').get()).toEqual({
        status: 'open',
        received_reason: null,
        dismissed: 0,
      });
      expect(db.prepare('SELECT action, note FROM consent_events').get()).toEqual({
        action: 'granted',
        note: null,
      });
      expect(() => db.prepare('UPDATE requests SET dismissed = 2').run()).toThrow(/CHECK/);
      db.close();
    },
    140: (dir) => {
      const {
        path,
        key,
        db: raw,
      } = vaultAt(dir, MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 140) - 1]!.version);
      seedSiti(raw);
      raw
        .prepare("INSERT INTO audit_log VALUES (1, 1, 'u1', 'customer.view', '1', 'ok', '{}', 'p', 'h')")
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT action, target FROM audit_log').all()).toEqual([
        { action: 'customer.view', target: '1' },
      ]);
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE target = '1' ORDER BY id DESC")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('audit_log_target');
      db.close();
    },
    150: (dir) => {
      // Customers 1, 2 and 4 left; 3 erased (in the ledger), 5 erased with only audit entries and
      // a request left; one consent and one sale each for 1 and 4, in the search index.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 150) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      raw.prepare("INSERT INTO users VALUES ('u1', 'Bu Sari', 'owner', 1, 0, 1, 1)").run();
      const add = raw.prepare(
        "INSERT INTO customers (id, name, name_norm, phone_e164, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, 1, 1, 'u1', 'u1')",
      );
      const fts = raw.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)');
      for (const [id, name, phone] of [
        [1, 'Siti', '+6281200000001'],
        [2, 'Budi', null],
        [4, 'Wati', '+6281200000004'],
      ] as const) {
        add.run(id, name, name.toLowerCase(), phone, id * 10);
        fts.run(id, name.toLowerCase(), phone?.slice(1) ?? '');
      }
      // Customer 3, erased before: the old index kept its trigrams behind a tombstone.
      fts.run(3, 'qzxjwv vkpqz', '');
      raw.prepare('DELETE FROM customers_fts WHERE rowid = 3').run();
      for (const id of [1, 4]) {
        raw
          .prepare(
            "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version, source) VALUES (?, 2, 'granted', 'verbal', 'u1', 1, 1, 'counter')",
          )
          .run(id);
        raw.prepare('INSERT INTO consent_state VALUES (?, 2, 1, 1)').run(id);
        raw
          .prepare(
            "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, 5, 1000, '[]', 'u1', 5)",
          )
          .run(id);
      }
      raw
        .prepare(
          "INSERT INTO deletion_ledger (id, customer_id, customer_created_at, at, reason) VALUES ('l1', 3, 30, 40, 'owner')",
        )
        .run();
      raw
        .prepare(
          "INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, prev_hash, hash) VALUES (1, 50, 'u1', 'customer.view', '5', 'ok', '{}', '', ''), (2, 60, 'u1', 'customer.view', '99999999', 'denied', '{}', '', '')",
        )
        .run();
      const before = {
        customers: raw.prepare('SELECT * FROM customers ORDER BY id').all(),
        consent: raw.prepare('SELECT * FROM consent_events ORDER BY id').all(),
        state: raw.prepare('SELECT * FROM consent_state ORDER BY customer_id').all(),
        purchases: raw.prepare('SELECT * FROM purchases ORDER BY id').all(),
        indexes: raw
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'customers' AND type = 'index' ORDER BY name",
          )
          .all(),
      };
      raw.close();
      const old = (g: string) => decryptedVault(path, key).includes(g);
      expect(trigrams('qzxjwvvkpqz').some(old)).toBe(true); // the remnant the migration must clear

      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM customers ORDER BY id').all()).toEqual(before.customers);
      // The columns this version had, unchanged (a later migration may add one, e.g. a proof code).
      const consentColumns = Object.keys(before.consent[0] as object).join(', ');
      expect(db.prepare(`SELECT ${consentColumns} FROM consent_events ORDER BY id`).all()).toEqual(
        before.consent,
      );
      expect(db.prepare('SELECT * FROM consent_state ORDER BY customer_id').all()).toEqual(before.state);
      // Later versions add columns to a sale (0220: a member's discount, 0 for every earlier sale).
      expect(db.prepare('SELECT * FROM purchases ORDER BY id').all()).toEqual(
        before.purchases.map((p) => ({ ...(p as object), discount: 0 })),
      );
      expect(
        db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'customers' AND type = 'index' ORDER BY name",
          )
          .all(),
      ).toEqual(before.indexes);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const search = (q: string) =>
        db
          .prepare('SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid')
          .pluck()
          .all(q);
      expect(search('name_norm : "wati"')).toEqual([4]);
      // The next id is past every id the vault mentions (5, in an ok audit entry), not past a probe.
      const insert = db
        .prepare(
          "INSERT INTO customers (name, name_norm, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES ('Baru', 'baru', 70, 70, 70, 'u1', 'u1') RETURNING id",
        )
        .pluck();
      expect(insert.get()).toBe(6);
      // Erasing the newest does not give its id to the next one.
      db.prepare('DELETE FROM customers WHERE id = 6').run();
      const after = insert.get();
      expect(after).toBe(7);
      // The search index removes deleted entries at once: secure-delete, which a contentless_delete
      // index ignores (it only adds tombstones), so the index is contentless without it.
      expect(
        db.prepare("SELECT sql FROM sqlite_master WHERE name = 'customers_fts'").pluck().get(),
      ).not.toMatch(/contentless_delete/);
      expect(search('"081200000001"')).toEqual([1]);
      expect(db.prepare("SELECT v FROM customers_fts_config WHERE k = 'secure-delete'").pluck().get()).toBe(
        1,
      );
      db.close();
      // The rebuilt index leaves none of the erased name's trigrams in any page.
      const pages = decryptedVault(path, key);
      expect(trigrams('qzxjwvvkpqz').filter((g) => pages.includes(g))).toEqual([]);
    },
    160: (dir) => {
      // A sale from before POS imports stays as it was; receipts are unique per POS, and one
      // outlives its sale (the purge deletes old sales, the receipt stays known).
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 160) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 5, 1000, '[]', 'u1', 5)",
        )
        .run();
      const sales = raw.prepare('SELECT * FROM purchases').all();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM purchases').all()).toEqual(
        sales.map((p) => ({ ...(p as object), discount: 0 })),
      );
      const add = db.prepare(
        'INSERT INTO pos_receipts (source, receipt, purchase_id, imported_at) VALUES (?, ?, ?, 9)',
      );
      add.run('moka', 'S-001', 1);
      add.run('majoo', 'S-001', null);
      expect(() => add.run('moka', 'S-001', null)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => add.run('excel', 'S-002', null)).toThrow(/CHECK/);
      expect(() => add.run('moka', '', null)).toThrow(/CHECK/);
      db.prepare('DELETE FROM purchases').run();
      expect(
        db.prepare("SELECT purchase_id FROM pos_receipts WHERE source = 'moka'").pluck().get(),
      ).toBeNull();
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
    180: (dir) => {
      // Siti and a sale typed by hand, as the previous version left them.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 180) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          `INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 1, 20000, '["Kopi"]', 'u1', 1)`,
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT amount, items FROM purchases').all()).toEqual([
        { amount: 20000, items: '["Kopi"]' },
      ]);
      // An empty price list, holding names and prices only; a name twice (any case) or Rp 0 refused.
      expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
      expect(
        (db.prepare('PRAGMA table_info(products)').all() as { name: string }[]).map((c) => c.name),
      ).toEqual(['id', 'name', 'price', 'active', 'sort_order', 'created_at', 'updated_at']);
      const add = db.prepare(
        'INSERT INTO products (name, price, sort_order, created_at, updated_at) VALUES (?, ?, 1, 1, 1)',
      );
      add.run('Kopi susu', 15000);
      expect(() => add.run('KOPI SUSU', 16000)).toThrow();
      expect(() => add.run('Teh', 0)).toThrow();
      db.close();
    },
    190: (dir) => {
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 190) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Siti']);
      // A send mark belongs to an existing customer and user, once per message and customer.
      const mark = db.prepare(
        "INSERT INTO audience_sends (campaign, customer_id, at, by) VALUES ('k1', ?, 5, 'u1')",
      );
      mark.run(1);
      expect(() => mark.run(1)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => mark.run(99)).toThrow(/FOREIGN KEY/);
      db.close();
    },
    200: (dir) => {
      // An incident recorded before late discoveries carried a reason: kept whole, with none.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 200) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      raw.prepare("INSERT INTO users VALUES ('u1', 'Bu Sari', 'owner', 1, 0, 1, 1)").run();
      raw
        .prepare(
          "INSERT INTO incidents (id, kind, description, happened_at, discovered_at, due_at, created_by, created_at) VALUES (1, 'lost_laptop', 'Laptop hilang', NULL, 100, 200, 'u1', 150)",
        )
        .run();
      const before = raw.prepare('SELECT * FROM incidents').get() as Record<string, unknown>;
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM incidents').get()).toEqual({ ...before, late_reason: null });
      db.prepare("UPDATE incidents SET late_reason = 'Baru dilaporkan kasir.' WHERE id = 1").run();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
    210: (dir) => {
      // A vault from before the second counter: its data kept, nothing paired, no identity.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 210) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Siti']);
      expect(db.prepare('SELECT count(*) FROM lan_identity').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM lan_devices').pluck().get()).toBe(0);
      const fp = 'a'.repeat(64);
      const add = db.prepare(
        "INSERT INTO lan_devices (id, name, fingerprint, paired_at) VALUES (?, 'Kasir 2', ?, 1)",
      );
      add.run('d1', fp);
      // A certificate is paired once; a fingerprint is SHA-256 hex; one identity at most.
      expect(() => add.run('d2', fp)).toThrow(/UNIQUE/);
      expect(() => add.run('d3', 'abc')).toThrow(/CHECK/);
      const identity = db.prepare(
        "INSERT INTO lan_identity (id, key_pem, cert_pem, fingerprint, created_at) VALUES (?, 'k', 'c', ?, 1)",
      );
      identity.run(1, fp);
      expect(() => identity.run(2, fp)).toThrow(/CHECK/);
      // A remembered reply belongs to a device, and goes with it.
      db.prepare(
        "INSERT INTO lan_remembered (device_id, request_id, reply, at) VALUES ('d1', 'r1', '{}', 1)",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO lan_remembered (device_id, request_id, reply, at) VALUES ('dx', 'r1', '{}', 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      db.prepare("DELETE FROM lan_devices WHERE id = 'd1'").run();
      expect(db.prepare('SELECT count(*) FROM lan_remembered').pluck().get()).toBe(0);
      db.close();
    },
    220: (dir) => {
      // Siti and a sale from before the member programme: kept, with no discount and no points.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 220) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          `INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 1, 20000, '["Kopi"]', 'u1', 1)`,
        )
        .run();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT amount, discount FROM purchases').all()).toEqual([
        { amount: 20000, discount: 0 },
      ]);
      expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
      const add = db.prepare(
        'INSERT INTO loyalty_ledger (customer_id, kind, points, purchase_id, at) VALUES (1, ?, ?, ?, 2)',
      );
      add.run('earned', 2, 1);
      // The balance can never go below zero, a row is never edited, a kind is one of five.
      expect(() => add.run('redeemed', -3, null)).toThrow(/below zero/);
      add.run('redeemed', -2, null);
      expect(() => db.prepare('UPDATE loyalty_ledger SET points = 5').run()).toThrow(/append-only/);
      expect(() => add.run('gift', 1, null)).toThrow(/CHECK/);
      // A sale deleted after the books' period leaves its points' rows without the link.
      db.prepare('DELETE FROM purchases').run();
      expect(db.prepare('SELECT purchase_id FROM loyalty_ledger').pluck().all()).toEqual([null, null]);
      // The rows go with the customer.
      db.prepare('DELETE FROM customers').run();
      expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
    230: (dir) => {
      // A consent ledger from before WhatsApp-proven consent: its rows kept whole (with no proof
      // code), still append-only; the method 'whatsapp' and the new tables go with the customer.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 230) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO consent_events (id, customer_id, purpose_id, action, method, recorded_by, at, notice_version, guardian_name, source, note) VALUES (1, 1, 2, 'granted', 'verbal', 'u1', 5, 1, NULL, 'counter', NULL)",
        )
        .run();
      const before = raw.prepare('SELECT * FROM consent_events').get() as Record<string, unknown>;
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM consent_events').get()).toEqual({ ...before, proof_code: null });
      expect(() => db.prepare('UPDATE consent_events SET at = 6').run()).toThrow(/append-only/);
      const add = db.prepare(
        "INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version, proof_code) VALUES (1, 2, 'granted', ?, 'u1', 7, 1, ?)",
      );
      add.run('whatsapp', 'K7M2QX');
      expect(() => add.run('carrier-pigeon', null)).toThrow(/CHECK/);
      db.prepare(
        "INSERT INTO join_codes (customer_id, kind, salt, hash, purposes, notice_version, created_by, created_at, expires_at) VALUES (1, 'counter', zeroblob(16), zeroblob(32), '[2]', 1, 'u1', 1, 2)",
      ).run();
      db.prepare(
        "INSERT INTO member_codes (customer_id, code, issued_by, issued_at) VALUES (1, 'ABCD2345', 'u1', 1)",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO member_codes (customer_id, code, issued_by, issued_at) VALUES (1, 'X', 'u1', 1)",
          )
          .run(),
      ).toThrow(/CHECK|UNIQUE|PRIMARY/);
      db.prepare('DELETE FROM customers WHERE id = 1').run();
      for (const t of ['consent_events', 'join_codes', 'member_codes'])
        expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
    240: (dir) => {
      // Sales already kept: the dashboard's index of standing sales holds those not voided, and
      // follows a void made after the upgrade.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 240) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      const sale = raw.prepare(
        "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, ?, 9000, '[]', 'u1', 1)",
      );
      sale.run(5);
      sale.run(7);
      raw.prepare('UPDATE purchases SET voided_at = 8 WHERE at = 7').run();
      const sales = raw.prepare('SELECT id, customer_id, at, voided_at FROM purchases ORDER BY id').all();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT id, customer_id, at, voided_at FROM purchases ORDER BY id').all()).toEqual(
        sales,
      );
      const standing = () =>
        db
          .prepare(
            'SELECT at FROM purchases INDEXED BY purchases_standing WHERE customer_id IS NOT NULL AND voided_at IS NULL',
          )
          .pluck()
          .all();
      expect(standing()).toEqual([5]);
      db.prepare('UPDATE purchases SET voided_at = 9 WHERE at = 5').run();
      expect(standing()).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
    250: (dir) => {
      // Sales already kept; no month is kept yet (the first open counts them). A month kept after
      // the upgrade goes when a sale before its end is recorded, voided, moved or deleted; one
      // ending before the sale stays. Each change moves the sales' generation.
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 250) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 50, 9000, '[]', 'u1', 1)",
        )
        .run();
      const sales = raw.prepare('SELECT * FROM purchases ORDER BY id').all();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM purchases ORDER BY id').all()).toEqual(sales);
      const months = () => db.prepare('SELECT month_start FROM dashboard_months ORDER BY 1').pluck().all();
      const generation = () =>
        db.prepare('SELECT generation FROM dashboard_sales_generation').pluck().get() as number;
      expect(months()).toEqual([]);
      // Each customer's first standing sale, filled from the sales already kept.
      const first = () => db.prepare('SELECT customer_id, first_at FROM dashboard_first_sales').raw().all();
      expect(first()).toEqual([[1, 50]]);
      const keep = () =>
        db.exec(
          `INSERT OR REPLACE INTO dashboard_months VALUES (0, 100, 0, 1), (100, 200, 0, 0), (200, 300, 0, 0)`,
        );
      const g0 = generation();
      keep();
      db.prepare(
        "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (1, 150, 9000, '[]', 'u1', 1)",
      ).run();
      expect(months()).toEqual([0]);
      expect(generation()).toBe(g0 + 1);
      keep();
      db.prepare('UPDATE purchases SET voided_at = 400 WHERE at = 150').run();
      expect(months()).toEqual([0]);
      keep();
      db.prepare('UPDATE purchases SET at = 250 WHERE at = 50').run();
      expect(months()).toEqual([]);
      expect(first()).toEqual([[1, 250]]);
      keep();
      db.prepare('UPDATE purchases SET amount = 1').run();
      expect(months()).toEqual([0, 100, 200]);
      db.prepare('DELETE FROM purchases WHERE at = 250').run();
      expect(months()).toEqual([0, 100]);
      expect(first()).toEqual([]);
      expect(generation()).toBe(g0 + 4);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
    260: (dir) => {
      // First sales already kept: the index by time holds them, and follows the triggers' changes
      // (a new customer's first sale, an earlier one moving a customer's first, a void).
      const prev = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 260) - 1]!.version;
      const { path, key, db: raw } = vaultAt(dir, prev);
      seedSiti(raw);
      raw
        .prepare(
          "INSERT INTO customers (name, name_norm, created_at, updated_at, last_activity_at, created_by, updated_by) VALUES ('Budi', 'budi', 1, 1, 1, 'u1', 'u1')",
        )
        .run();
      const sale = (db: typeof raw, customer: number, at: number) =>
        db
          .prepare(
            "INSERT INTO purchases (customer_id, at, amount, items, recorded_by, created_at) VALUES (?, ?, 9000, '[]', 'u1', 1)",
          )
          .run(customer, at);
      sale(raw, 1, 50);
      const firsts = raw.prepare('SELECT * FROM dashboard_first_sales ORDER BY customer_id').all();
      raw.close();
      const db = openVault(path, key);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.prepare('SELECT * FROM dashboard_first_sales ORDER BY customer_id').all()).toEqual(firsts);
      const byTime = () =>
        db
          .prepare(
            'SELECT customer_id, first_at FROM dashboard_first_sales INDEXED BY dashboard_first_sales_at WHERE first_at >= 0 ORDER BY first_at',
          )
          .raw()
          .all();
      expect(byTime()).toEqual([[1, 50]]);
      sale(db, 2, 70);
      sale(db, 1, 80);
      sale(db, 2, 30);
      expect(byTime()).toEqual([
        [2, 30],
        [1, 50],
      ]);
      db.prepare('UPDATE purchases SET voided_at = 90 WHERE at = 30').run();
      expect(byTime()).toEqual([
        [1, 50],
        [2, 70],
      ]);
      // The standing sales by the shop's month (UTC+7): the last instant of a month in Jakarta
      // and the first of the next, a sale before the upgrade among them; a void leaves it.
      const may = Date.UTC(2026, 4, 1) - 7 * 3_600_000;
      db.prepare('UPDATE purchases SET at = ? WHERE at = 50').run(may - 1);
      sale(db, 2, may);
      sale(db, 1, may + 1);
      db.prepare('UPDATE purchases SET voided_at = 99 WHERE at = ?').run(may + 1);
      const byMonth = db
        .prepare(
          `SELECT ${SHOP_MONTH_OF_AT} AS m, customer_id FROM purchases INDEXED BY purchases_standing_month
           WHERE customer_id IS NOT NULL AND voided_at IS NULL AND ${SHOP_MONTH_OF_AT} >= 202604
           ORDER BY 1, 2`,
        )
        .raw()
        .all();
      expect(byMonth).toEqual([
        [202604, 1],
        [202605, 2],
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  };

  it('every migration has an upgrade test', () => {
    expect(Object.keys(upgrades).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const m of MIGRATIONS) {
    it(`${String(m.version).padStart(4, '0')} ${m.name}: upgrades a vault the previous version left, keeping its data`, () => {
      const t = tempDir();
      cleanup = t.cleanup;
      upgrades[m.version]!(t.dir);
    });
  }

  it('a vault at any past version opens and ends at the latest, its search index intact', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    for (const from of [0, ...MIGRATIONS.map((m) => m.version)]) {
      const { path, key, db } = vaultAt(t.dir, from);
      db.close();
      const opened = openVault(path, key);
      expect(schemaVersion(opened)).toBe(latestVersion());
      expect(opened.pragma('integrity_check', { simple: true })).toBe('ok');
      opened.close();
    }
  });

  it('a vault from a newer app is refused by name', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomBytes(32);
    const path = join(t.dir, 'v.db');
    const raw = new Database(path);
    applyKey(raw, key);
    raw.pragma('user_version = 990');
    raw.close();
    try {
      openVault(path, key);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VAULT_TOO_NEW');
    }
  });

  it('a wrong key or a non-database file is CORRUPT, not a crash', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'v.db');
    openVault(path, randomBytes(32)).close();
    expect(() => openVault(path, randomBytes(32))).toThrow(AppError);
  });
});
