import { FILLABLE_FIELDS, type FillableField } from '../../shared/domain';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import { phoneSearchDigits } from './phone';
import { isOwner } from './users.repo';
import { getMeta, setMeta } from './settings.service';
import { afterCommit } from '../vault/after-commit';

/**
 * The one module that writes customers and their search-index rows (see vault/table-owners.ts,
 * which a test enforces; the consent ledger is consent.service's). The form, the import, sales,
 * retention, rights and a restore's carried decisions all write through it, so the columns and
 * the index's content (folded name + national phone digits) are defined once. Reads stay with the
 * services that shape them.
 */

/** A customer's stored columns, already validated and normalized by the caller. */
export interface CustomerRow {
  name: string;
  name_norm: string;
  phone_e164: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  birthday: string | null;
  /** 'female' | 'male' | null, checked by the caller. */
  gender: string | null;
  tags: string | null;
  is_minor: number;
  guardian_name: string | null;
}

/** The search-index content for a phone: its national digits (searchable by any suffix). */
export function indexDigits(e164: string | null): string {
  return e164 ? phoneSearchDigits(e164) : '';
}

/**
 * Prepared writes on one connection. The import runs these 100k times in a loop, so the
 * statements are compiled once per connection and kept.
 */
export class CustomerWriter {
  /**
   * Goes up with every change of a customer's data through this writer: a check made at one
   * generation still holds at the same generation. Every write to the customers table in src/main
   * is a method of this writer (table-owners.ts gives it the table; tests/main/table-owners.test.ts
   * fails on a write anywhere else), but there is one writer per connection: a worker's change on
   * its own connection reaches this one only through changedElsewhere. Moving a customer's last
   * activity does not count: no check reads it.
   */
  #generation = 0;
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly indexInsert: Database.Statement;
  private readonly indexDelete: Database.Statement;
  private readonly activity: Database.Statement;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO customers (name, name_norm, phone_e164, email, address, notes, birthday, gender, tags,
         is_minor, guardian_name, created_at, updated_at, last_activity_at, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE customers SET name = @name, name_norm = @name_norm, phone_e164 = @phone_e164, email = @email,
         address = @address, notes = @notes, birthday = @birthday, gender = @gender, tags = @tags,
         is_minor = @is_minor, guardian_name = @guardian_name, updated_at = @now, updated_by = @actor
       WHERE id = @id`,
    );
    this.indexInsert = db.prepare(
      'INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)',
    );
    // The index keeps no copy of the text (contentless), so a delete names the values it indexed;
    // with secure-delete their trigrams leave the index's pages in the same statement.
    this.indexDelete = db.prepare(
      "INSERT INTO customers_fts (customers_fts, rowid, name_norm, phone_digits) VALUES ('delete', ?, ?, ?)",
    );
    this.activity = db.prepare(
      'UPDATE customers SET last_activity_at = max(last_activity_at, ?) WHERE id = ?',
    );
  }

  /** See #generation. */
  get generation(): number {
    return this.#generation;
  }

  /** Customers were changed on another connection (a worker): checks made before are stale. */
  changedElsewhere(): void {
    this.#generation++;
  }

  /** Inserts the customer and its index row; returns the new id. `digits`: see indexDigits. */
  insert(row: CustomerRow, actor: string, now: number, digits = indexDigits(row.phone_e164)): number {
    this.#generation++;
    // Positional, without copying the row: the import calls this once per row of a big file.
    const id = Number(
      this.insertStmt.run(
        row.name,
        row.name_norm,
        row.phone_e164,
        row.email,
        row.address,
        row.notes,
        row.birthday,
        row.gender,
        row.tags,
        row.is_minor,
        row.guardian_name,
        now,
        now,
        now,
        actor,
        actor,
      ).lastInsertRowid,
    );
    this.indexInsert.run(id, row.name_norm, digits);
    return id;
  }

  /** Rewrites the customer's columns; re-indexes when the name or phone changed. */
  update(id: number, before: CustomerRow, row: CustomerRow, actor: string, now: number): void {
    this.#generation++;
    this.updateStmt.run({ ...row, now, actor, id });
    if (before.name_norm !== row.name_norm || before.phone_e164 !== row.phone_e164) {
      this.reindex(id, before, row);
    }
  }

  /** Moves a customer's index entry from what the row held (`before`) to what it holds now. */
  reindex(
    id: number,
    before: Pick<CustomerRow, 'name_norm' | 'phone_e164'>,
    now: Pick<CustomerRow, 'name_norm' | 'phone_e164'>,
  ): void {
    this.unindex(id, before.name_norm, before.phone_e164);
    this.indexInsert.run(id, now.name_norm, indexDigits(now.phone_e164));
  }

  /**
   * Removes a customer's index entry: `nameNorm` and `e164` must be what the row holds (the index
   * holds exactly name_norm and indexDigits(phone_e164) of every row). The old trigrams leave the
   * index pages at once (secure-delete); older copies of those pages in the WAL go at the next
   * checkpoint, so the index is flagged for the background one.
   */
  unindex(id: number, nameNorm: string, e164: string | null): void {
    this.indexDelete.run(id, nameNorm, indexDigits(e164));
    markIndexDirty(this.db);
  }

  /**
   * Empties the given columns of every customer that has a value in one of them (a field the shop
   * stopped collecting); returns how many customers changed. The index drops their phone digits.
   */
  clearColumns(columns: readonly string[]): number {
    this.#generation++;
    const where = columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
    const rows = this.db.prepare(`SELECT id, name_norm, phone_e164 FROM customers WHERE ${where}`).all() as {
      id: number;
      name_norm: string;
      phone_e164: string | null;
    }[];
    if (columns.includes('phone_e164'))
      for (const r of rows) {
        this.unindex(r.id, r.name_norm, r.phone_e164);
        this.indexInsert.run(r.id, r.name_norm, '');
      }
    this.db
      .prepare(`UPDATE customers SET ${columns.map((c) => `${c} = NULL`).join(', ')} WHERE ${where}`)
      .run();
    return rows.length;
  }

  setRestricted(id: number, restricted: boolean, now: number): boolean {
    this.#generation++;
    return (
      this.db
        .prepare('UPDATE customers SET restricted = ?, updated_at = ? WHERE id = ?')
        .run(restricted ? 1 : 0, now, id).changes > 0
    );
  }

  /**
   * Fills the customer's empty fields from `values` (a null leaves the field as it is), never
   * overwriting a value; returns whether the customer changed.
   */
  fillEmpty(id: number, values: Record<FillableField, string | null>, actor: string, now: number): boolean {
    const changed =
      cachedStatement(
        this.db,
        `UPDATE customers SET ${FILLABLE_FIELDS.map((f) => `${f} = coalesce(${f}, @${f})`).join(', ')},
           updated_at = @now, updated_by = @actor
         WHERE id = @id AND (${FILLABLE_FIELDS.map((f) => `(${f} IS NULL AND @${f} IS NOT NULL)`).join(' OR ')})`,
      ).run({ ...values, now, actor, id }).changes > 0;
    if (changed) this.#generation++;
    return changed;
  }

  /** Keeps a customer past their deletion date until `until`; false when there is no such customer. */
  setKeep(id: number, until: number | null, reason: string | null): boolean {
    const changed =
      cachedStatement(this.db, 'UPDATE customers SET keep_until = ?, keep_reason = ? WHERE id = ?').run(
        until,
        reason,
        id,
      ).changes > 0;
    if (changed) this.#generation++;
    return changed;
  }

  /** A sale or a consent moves the customer's last activity forward (never back). */
  touchActivity(id: number, at: number): void {
    this.activity.run(at, id);
  }

  /**
   * Sets a customer's last activity from what still counts as activity: their record's creation,
   * their consent given or withdrawn, and their sales that stand. A voided sale is not activity
   * (it did not happen), so voiding one takes back the time it added; a same-day sale voided
   * again cannot push the deletion date out.
   */
  refreshActivity(id: number): void {
    cachedStatement(
      this.db,
      `UPDATE customers SET last_activity_at = max(created_at,
         coalesce((SELECT max(at) FROM purchases WHERE customer_id = @id AND voided_at IS NULL), 0),
         coalesce((SELECT max(at) FROM consent_events WHERE customer_id = @id AND action <> 'lapsed'), 0))
       WHERE id = @id`,
    ).run({ id });
  }

  /**
   * A restore re-applies a change decided since the backup: the given columns (of this vault's
   * schema, named by the carry) take the given values; a name or phone moves the index entry.
   * Throws, changing nothing, if the phone now belongs to another customer.
   */
  restoreColumns(id: number, values: Record<string, unknown>): void {
    const columns = Object.keys(values);
    const before = cachedStatement(this.db, 'SELECT name_norm, phone_e164 FROM customers WHERE id = ?').get(
      id,
    ) as Pick<CustomerRow, 'name_norm' | 'phone_e164'> | undefined;
    this.#generation++;
    this.db
      .prepare(`UPDATE customers SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run({
        ...values,
        id,
      });
    if (before && (columns.includes('name_norm') || columns.includes('phone_e164')))
      this.reindex(id, before, {
        name_norm: columns.includes('name_norm') ? (values.name_norm as string) : before.name_norm,
        phone_e164: columns.includes('phone_e164') ? (values.phone_e164 as string | null) : before.phone_e164,
      });
  }

  /**
   * Erases the customer's row and its search-index entry (see retention/erase.ts, which first
   * anonymizes their sales and forgets their consent and sends). `c` is what the row holds (the
   * index entry is removed by its values).
   */
  erase(c: { id: number; name_norm: string; phone_e164: string | null }): void {
    this.unindex(c.id, c.name_norm, c.phone_e164);
    cachedStatement(this.db, 'DELETE FROM customers WHERE id = ?').run(c.id);
    this.#generation++;
  }
}

/**
 * Ids are never handed out twice (AUTOINCREMENT): a restored vault's counter is moved past every
 * id its deletion ledger names, which after a restore includes people erased since the backup.
 */
export function keepCustomerIdsPastLedger(db: Db): void {
  db.prepare(
    `UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(customer_id), 0) FROM deletion_ledger))
     WHERE name = 'customers'`,
  ).run();
}

/**
 * A restore carries the id counters (AUTOINCREMENT) of the vault it replaces: none goes back, so
 * no id is handed out twice.
 */
export function carrySequences(db: Db, sequences: readonly { name: string; seq: number }[]): void {
  const bump = db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
  const add = db.prepare(
    'INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)',
  );
  for (const q of sequences) {
    bump.run(q.seq, q.name);
    add.run(q.name, q.seq, q.name);
  }
}

const INDEX_DIRTY = 'search_index_dirty';

/** Index entries were deleted: older images of their pages stay in the WAL until a checkpoint. */
export function markIndexDirty(db: Db): void {
  setMeta(db, INDEX_DIRTY, '1');
}

/**
 * Makes erasure real on disk. The index pages no longer hold a deleted entry (FTS5 secure-delete,
 * and secure_delete zeroes freed cells), so no merge of the whole index is needed; what remains
 * are the WAL's older page images, which the checkpoint truncates. Runs at once after the owner
 * clears a field or a purge, and in the background (on the edge's timer) after an edit changed a
 * name or phone; closing the vault (lock) checkpoints and removes the WAL too.
 */
export function purgeIndexRemnants(db: Db): void {
  setMeta(db, INDEX_DIRTY, '0');
  // Inside the transaction of an action and its audit entry the checkpoint could not run.
  afterCommit(db, () => db.pragma('wal_checkpoint(TRUNCATE)'));
}

/** The background half: purges if an edit left remnants and no transaction is open. */
export function purgeIndexRemnantsIfDirty(db: Db): boolean {
  if (db.inTransaction || getMeta(db, INDEX_DIRTY) !== '1') return false;
  purgeIndexRemnants(db);
  return true;
}

const writers = new WeakMap<Db, CustomerWriter>();

/** The writer for this connection (one per open vault). */
export function customerWriter(db: Db): CustomerWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new CustomerWriter(db)));
  return w;
}

/**
 * A restricted customer's data (Art. 11) is not processed at the counter: a cashier may not
 * change it, sell to them or record their consent; the owner may (a correction the customer
 * asked for, say), each audited.
 */
export function assertUnrestrictedFor(db: Db, customer: { restricted: number }, actor: string): void {
  if (customer.restricted === 1 && !isOwner(db, actor)) {
    throw new AppError('FORBIDDEN', { reason: 'customer_restricted' });
  }
}
