import type { Migration } from './index';

/**
 * The shop's month (Asia/Jakarta, UTC+7 all year) of a sale's time, as yyyymm: the key of the
 * index below, written the same way by the dashboard's query so SQLite reads that index.
 */
export const SHOP_MONTH_OF_AT = `CAST(strftime('%Y%m', (at + 25200000) / 1000, 'unixepoch') AS INTEGER)`;

/**
 * The dashboard counts a month's figures from two indexes instead of grouping half a year of
 * buyers and seeking each one's first sale. Its new customers, those whose first standing sale
 * falls in it: a range of the first sales by time (the table of migration 0250, kept by the
 * vault's triggers on purchases; its index follows it). Its buyers, the distinct customers of its
 * standing sales: the index of standing sales by shop month then customer holds them in order,
 * so they are counted as they are read, with no sort. SQLite keeps both indexes with their rows.
 */
export const m0260FirstSalesByTime: Migration = {
  version: 260,
  name: 'first-sales-by-time',
  up(db) {
    db.exec(`
      CREATE INDEX dashboard_first_sales_at ON dashboard_first_sales(first_at);
      CREATE INDEX purchases_standing_month ON purchases(${SHOP_MONTH_OF_AT}, customer_id)
        WHERE customer_id IS NOT NULL AND voided_at IS NULL;
    `);
  },
};
