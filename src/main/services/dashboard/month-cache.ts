import type { Db } from '../../vault/database';

/**
 * The dashboard's counted months (migration 0250): the returning/new figures of months that have
 * ended, kept in the vault so an open reads only the current month live. The vault's own triggers
 * drop a month when a sale before its end changes and move the generation; this module is the
 * only one that adds months, and only figures counted at the generation still current.
 */

export interface CountedMonth {
  start: number;
  end: number;
  returning: number;
  new: number;
}

/** Months counted on some connection (the worker's) at one generation of the sales. */
export interface CountedMonths {
  generation: number;
  months: CountedMonth[];
}

/** How many times the sales have changed: read before counting, in the same snapshot. */
export function salesGeneration(db: Db): number {
  return db.prepare('SELECT generation FROM dashboard_sales_generation WHERE id = 1').pluck().get() as number;
}

/** The kept figures of the months starting at `starts`, by start (missing ones are not kept). */
export function keptMonths(db: Db, starts: number[]): Map<number, CountedMonth> {
  const rows = db
    .prepare(
      `SELECT month_start, month_end, returning_buyers, new_buyers FROM dashboard_months
       WHERE month_start IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(starts)) as number[][];
  return new Map(
    rows.map(([start, end, returning, fresh]) => [
      start!,
      { start: start!, end: end!, returning: returning!, new: fresh! },
    ]),
  );
}

/**
 * Keeps months counted elsewhere, unless a sale changed since they were counted (the generation
 * moved): then they may be stale and the next open counts them again. Main's connection only.
 */
export function keepMonths(db: Db, counted: CountedMonths): boolean {
  if (counted.months.length === 0) return false;
  return db.transaction(() => {
    if (salesGeneration(db) !== counted.generation) return false;
    const put = db.prepare(
      `INSERT INTO dashboard_months (month_start, month_end, returning_buyers, new_buyers)
       VALUES (?, ?, ?, ?)
       ON CONFLICT(month_start) DO UPDATE SET month_end = excluded.month_end,
         returning_buyers = excluded.returning_buyers, new_buyers = excluded.new_buyers`,
    );
    for (const m of counted.months) put.run(m.start, m.end, m.returning, m.new);
    return true;
  })();
}
