import type { Migration } from './index';

/**
 * The owner's dashboard keeps the returning/new figures of months it has counted, so opening it
 * reads the current month alone instead of half a year of sales. A month's figures depend only on
 * the sales before its end (who bought in it, and whether they had bought before), so a change to
 * any sale at time t (recorded, back-dated, voided, corrected, anonymised by an erasure, deleted,
 * imported, or copied in by a restore) drops every kept month ending after t, here in the vault
 * itself: no code path can change a sale and forget the months. Each change also moves the sales'
 * generation, so figures counted on the worker before it are not kept afterwards.
 *
 * The month counted live is read through an index of the standing sales by time (time and
 * customer, no amounts or items): its entries alone, not the whole index of 0240, which is
 * ordered by customer. Whether each of its buyers had bought before is read from each customer's
 * first standing sale, kept by the same triggers in the same transaction as the change (a small
 * table, where a seek per buyer into the index of every sale would decrypt most of that index).
 *
 * A later migration that rebuilds the purchases table must create these triggers again (dropping
 * a table drops its triggers); the 0250 upgrade test checks them at the latest schema.
 */
export const m0250DashboardMonths: Migration = {
  version: 250,
  name: 'dashboard-months',
  up(db) {
    db.exec(`
      CREATE INDEX purchases_standing_time ON purchases(at, customer_id)
        WHERE customer_id IS NOT NULL AND voided_at IS NULL;
      CREATE TABLE dashboard_months (
        month_start INTEGER PRIMARY KEY,
        month_end INTEGER NOT NULL CHECK (month_end > month_start),
        returning_buyers INTEGER NOT NULL CHECK (returning_buyers >= 0),
        new_buyers INTEGER NOT NULL CHECK (new_buyers >= 0)
      );
      CREATE TABLE dashboard_sales_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      );
      INSERT INTO dashboard_sales_generation (id, generation) VALUES (1, 0);
      CREATE TABLE dashboard_first_sales (
        customer_id INTEGER PRIMARY KEY,
        first_at INTEGER NOT NULL
      );
      INSERT INTO dashboard_first_sales (customer_id, first_at)
        SELECT customer_id, min(at) FROM purchases
        WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id;
      CREATE TRIGGER dashboard_months_sale_added AFTER INSERT ON purchases BEGIN
        DELETE FROM dashboard_months WHERE month_end > NEW.at;
        UPDATE dashboard_sales_generation SET generation = generation + 1;
        INSERT INTO dashboard_first_sales (customer_id, first_at)
          SELECT NEW.customer_id, NEW.at WHERE NEW.customer_id IS NOT NULL AND NEW.voided_at IS NULL
          ON CONFLICT(customer_id) DO UPDATE SET first_at = min(first_at, excluded.first_at);
      END;
      CREATE TRIGGER dashboard_months_sale_changed AFTER UPDATE OF customer_id, at, voided_at ON purchases
      BEGIN
        DELETE FROM dashboard_months WHERE month_end > min(OLD.at, NEW.at);
        UPDATE dashboard_sales_generation SET generation = generation + 1;
        DELETE FROM dashboard_first_sales WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
        INSERT INTO dashboard_first_sales (customer_id, first_at)
          SELECT customer_id, min(at) FROM purchases
          WHERE customer_id IN (OLD.customer_id, NEW.customer_id) AND voided_at IS NULL
          GROUP BY customer_id;
      END;
      CREATE TRIGGER dashboard_months_sale_removed AFTER DELETE ON purchases BEGIN
        DELETE FROM dashboard_months WHERE month_end > OLD.at;
        UPDATE dashboard_sales_generation SET generation = generation + 1;
        DELETE FROM dashboard_first_sales WHERE customer_id = OLD.customer_id;
        INSERT INTO dashboard_first_sales (customer_id, first_at)
          SELECT customer_id, min(at) FROM purchases
          WHERE customer_id = OLD.customer_id AND voided_at IS NULL
          GROUP BY customer_id;
      END;
    `);
  },
};
