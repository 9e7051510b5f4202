import type { Migration } from './index';

/**
 * The dashboard counts a month's new customers as the customers whose first standing sale falls in
 * it: a range of this index, a few pages, where the seek per buyer into each customer's first sale
 * decrypted most of that table and ordered half a year of buyers to group them. The table itself
 * (migration 0250) is kept by the vault's triggers on purchases; its index follows it.
 */
export const m0260FirstSalesByTime: Migration = {
  version: 260,
  name: 'first-sales-by-time',
  up(db) {
    db.exec('CREATE INDEX dashboard_first_sales_at ON dashboard_first_sales(first_at)');
  },
};
