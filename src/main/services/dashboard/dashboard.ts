import type {
  DashboardCoverage,
  DashboardList,
  DashboardMonth,
  DashboardPage,
  DashboardSummary,
} from '../../../shared/domain';
import { DAY_MS, fromShopWall, shopWall, startOfDayWib } from '../../../shared/shop-time';
import type { Db } from '../../vault/database';
import { SHOP_MONTH_OF_AT } from '../../vault/migrations/0260-first-sales-by-time';
import { audienceSize, listAudience, type AudienceNarrowing } from '../audience.service';
import { enabledFields } from '../fields.service';
import { storedProgramme } from '../loyalty/purpose';
import { keptMonths, salesGeneration, type CountedMonth, type CountedMonths } from './month-cache';

/**
 * The owner's "Pelanggan" figures, on the shop's calendar (Asia/Jakarta) whatever zone the laptop
 * is in: a sale at 23:30 WIB on the last day of a month belongs to that month. Reads only; the
 * long-job worker runs it on its own connection (services/reports.ts).
 */

const MONTHS = 6;
const pad = (n: number) => String(n).padStart(2, '0');

/** The first instant of the shop's month `back` months before the one holding `at`. */
function monthStart(at: number, back: number): { start: number; label: string } {
  const w = shopWall(at);
  const index = w.year * 12 + (w.month - 1) - back;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { start: fromShopWall(year, month, 1)!, label: `${year}-${pad(month)}` };
}

/** The six months' bounds: the start of each, then the end of the last (the current month's). */
function monthBounds(now: number): { start: number; label: string }[] {
  return Array.from({ length: MONTHS + 1 }, (_, i) => monthStart(now, MONTHS - 1 - i));
}

type MonthCount = { returning: number; new: number };

/**
 * Buyers of the six months from the `from`-th on, returning (a sale that stands in the month and
 * one before the month began) or new (their first). Voided sales did not happen; anonymous ones
 * (erased customers, imported receipts without a customer) belong to no one. This count trusts
 * nothing the vault keeps for the dashboard: each buyer of the months, grouped from the index of
 * standing sales by time, and whether they had bought before by a seek in the index of standing
 * sales by customer. It is the check of the kept path (countFromFirstSales), so the two share no
 * query. No sale's row is read.
 */
function countFromSales(db: Db, bounds: { start: number }[], from: number): MonthCount[] {
  const range = Array.from({ length: MONTHS - from }, (_, k) => from + k);
  const params = Object.fromEntries(bounds.slice(from).map((b, k) => [`s${from + k}`, b.start]));
  const bought = range.map((i) => `max(at >= @s${i} AND at < @s${i + 1}) AS b${i}`).join(', ');
  const split = range
    .map((i) => `coalesce(sum(b${i} AND first < @s${i}), 0), coalesce(sum(b${i} AND first >= @s${i}), 0)`)
    .join(', ');
  // `first`: the customer's first standing sale, or 0 (long ago) when one stands from before the
  // counted months.
  const counts = db
    .prepare(
      `SELECT ${split} FROM (
         SELECT ${bought}, (SELECT CASE WHEN EXISTS (
             SELECT 1 FROM purchases e INDEXED BY purchases_standing
             WHERE e.customer_id = w.customer_id AND e.customer_id IS NOT NULL
               AND e.voided_at IS NULL AND e.at < @s${from})
           THEN 0 ELSE min(w.at) END) AS first
         FROM purchases w INDEXED BY purchases_standing_time
         WHERE customer_id IS NOT NULL AND voided_at IS NULL AND at >= @s${from} AND at < @s${MONTHS}
         GROUP BY customer_id)`,
    )
    .raw()
    .get(params) as number[];
  return range.map((_, k) => ({ returning: counts[2 * k]!, new: counts[2 * k + 1]! }));
}

/**
 * The same figures from what the vault keeps (migrations 0250, 0260): a month's new customers are
 * those whose first standing sale falls in it, a range count in the index of first sales by time;
 * its buyers, the distinct customers of its standing sales, read in customer order from the index
 * by shop month; the returning, the buyers less the new (a customer's first sale is one they
 * bought in that month). Month by month, with no sort and no seek per buyer: the first open of a
 * vault (nothing kept yet, as after an import of old receipts) counts six months this way.
 */
function countFromFirstSales(db: Db, bounds: { start: number; label: string }[], from: number): MonthCount[] {
  const buyers = db
    .prepare(
      `SELECT count(DISTINCT customer_id) FROM purchases INDEXED BY purchases_standing_month
       WHERE customer_id IS NOT NULL AND voided_at IS NULL AND ${SHOP_MONTH_OF_AT} = ?`,
    )
    .pluck();
  const firsts = db
    .prepare(
      `SELECT count(*) FROM dashboard_first_sales INDEXED BY dashboard_first_sales_at
       WHERE first_at >= ? AND first_at < ?`,
    )
    .pluck();
  return Array.from({ length: MONTHS - from }, (_, k) => {
    const month = bounds[from + k]!;
    const all = buyers.get(Number(month.label.replace('-', ''))) as number;
    const fresh = firsts.get(month.start, bounds[from + k + 1]!.start) as number;
    return { returning: all - fresh, new: fresh };
  });
}

/**
 * The six months, the ones kept in the vault taken from there (months that have ended, still as
 * their sales are: see month-cache.ts) and the rest counted now, from the first one not kept: in
 * the usual case the current month alone. The ended months counted here are handed back for main
 * to keep, with the generation they were counted at. Without `kept`, all six are counted.
 */
function months(
  db: Db,
  now: number,
  kept: boolean,
): { months: DashboardMonth[]; counted: CountedMonths | null } {
  const bounds = monthBounds(now);
  const starts = bounds.slice(0, MONTHS).map((b) => b.start);
  const generation = kept ? salesGeneration(db) : 0;
  const stored = kept ? keptMonths(db, starts) : new Map<number, CountedMonth>();
  let from = 0;
  while (from < MONTHS && stored.get(starts[from]!)?.end === bounds[from + 1]!.start) from++;
  const count = kept ? countFromFirstSales : countFromSales;
  const live = from < MONTHS ? count(db, bounds, from) : [];
  const figures = starts.map((start, i) => (i < from ? stored.get(start)! : live[i - from]!));
  const ended = live
    .map((m, k) => ({ start: bounds[from + k]!.start, end: bounds[from + k + 1]!.start, ...m }))
    .filter((m) => m.end <= now);
  return {
    months: figures.map((m, i) => ({ month: bounds[i]!.label, returning: m.returning, new: m.new })),
    counted: kept ? { generation, months: ended } : null,
  };
}

function coverage(db: Db): DashboardCoverage[] {
  return (
    db
      .prepare(
        `SELECT p.id, p.name, p.channel,
           (SELECT count(*) FROM consent_state s WHERE s.purpose_id = p.id AND s.granted = 1) AS granted
         FROM purposes p WHERE p.active = 1 AND p.legal_basis = 'consent' ORDER BY p.id`,
      )
      .all() as { id: number; name: string; channel: DashboardCoverage['channel']; granted: number }[]
  ).map((r) => ({ purposeId: r.id, name: r.name, channel: r.channel, granted: r.granted }));
}

/**
 * Points owed (the ledger's sum: its entries carry their sign) and rewards redeemed on sales that
 * stand, in the month of the sale (a sale entered later for an earlier day counts on that day).
 * Null while the shop has never had the programme.
 */
function loyalty(
  db: Db,
  now: number,
  active: boolean,
): Pick<DashboardSummary, 'pointsOutstanding' | 'unit' | 'rewardsRedeemed'> {
  if (!active) return { pointsOutstanding: null, unit: null, rewardsRedeemed: null };
  const owed = db.prepare('SELECT coalesce(sum(points), 0) FROM loyalty_ledger').pluck().get() as number;
  const redeemed = db
    .prepare(
      `SELECT count(*) FROM loyalty_ledger l LEFT JOIN purchases p ON p.id = l.purchase_id
       WHERE l.kind = 'redeemed' AND p.voided_at IS NULL
         AND coalesce(p.at, l.at) >= ? AND coalesce(p.at, l.at) < ?`,
    )
    .pluck();
  const [last, current, next] = [monthStart(now, 1), monthStart(now, 0), monthStart(now, -1)];
  return {
    pointsOutstanding: owed,
    unit: storedProgramme(db).mode,
    rewardsRedeemed: {
      thisMonth: redeemed.get(current.start, next.start) as number,
      lastMonth: redeemed.get(last.start, current.start) as number,
    },
  };
}

/** The shop's week holding `now`, Monday to Sunday, as its seven days. */
function week(now: number): { days: { y: number; m: number; d: number }[] } {
  const w = shopWall(now);
  const today = Date.UTC(w.year, w.month - 1, w.day);
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return {
    days: Array.from({ length: 7 }, (_, i) => {
      const d = new Date(monday + i * DAY_MS);
      return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
    }),
  };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Birthdays this week: the month and day of a birthday (yyyy-mm-dd) fall on one of its days. In a
 * year without 29 February, those born on it are greeted on the 28th.
 */
function birthdayNarrowing(now: number): AudienceNarrowing & { from: string; to: string } {
  const { days } = week(now);
  const params: Record<string, string> = {};
  const order: string[] = [];
  days.forEach((day, i) => {
    params[`bd${i}`] = `${pad(day.m)}-${pad(day.d)}`;
    order.push(`WHEN @bd${i} THEN ${i}`);
    if (day.m === 2 && day.d === 28 && !isLeap(day.y)) {
      params[`bd${i}leap`] = '02-29';
      order.push(`WHEN @bd${i}leap THEN ${i}`);
    }
  });
  const keys = Object.keys(params).map((k) => `@${k}`);
  const md = 'substr(c.birthday, 6, 5)';
  const first = days[0]!;
  const last = days[6]!;
  return {
    where: `c.birthday IS NOT NULL AND ${md} IN (${keys.join(', ')})`,
    params,
    order: `CASE ${md} ${order.join(' ')} END, c.name_norm, c.id`,
    from: `${first.y}-${pad(first.m)}-${pad(first.d)}`,
    to: `${last.y}-${pad(last.m)}-${pad(last.d)}`,
  };
}

/** Not seen since the start of the shop's day `weeks` weeks ago: the longest unseen last. */
function lapsedNarrowing(now: number, weeks: number): AudienceNarrowing & { since: number } {
  const since = startOfDayWib(now) - weeks * 7 * DAY_MS;
  return {
    where: 'c.last_activity_at < @since',
    params: { since },
    order: 'c.last_activity_at DESC, c.id',
    since,
  };
}

const collectsBirthdays = (db: Db) => enabledFields(db).has('birthday');

export interface DashboardInput {
  now: number;
  lapsedWeeks: number;
  memberPurposeId: number | null;
}

function summarise(db: Db, input: DashboardInput, kept: boolean): DashboardFigures {
  const { now } = input;
  const customers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  const members =
    input.memberPurposeId === null
      ? null
      : (db
          .prepare('SELECT count(*) FROM consent_state WHERE purpose_id = ? AND granted = 1')
          .pluck()
          .get(input.memberPurposeId) as number);
  const bd = collectsBirthdays(db) ? birthdayNarrowing(now) : null;
  const lapsed = lapsedNarrowing(now, input.lapsedWeeks);
  const size = (narrow: AudienceNarrowing) => audienceSize(db, 'whatsapp', narrow);
  const sixMonths = months(db, now, kept);
  return {
    summary: {
      at: now,
      customers,
      months: sixMonths.months,
      coverage: coverage(db),
      members,
      ...loyalty(db, now, input.memberPurposeId !== null),
      birthdays: bd ? { from: bd.from, to: bd.to, total: size(bd) } : null,
      lapsed: { weeks: input.lapsedWeeks, since: lapsed.since, total: size(lapsed) },
    },
    counted: sixMonths.counted,
  };
}

/** The figures, and the ended months counted for them that main may keep (see month-cache.ts). */
export interface DashboardFigures {
  summary: DashboardSummary;
  counted: CountedMonths | null;
}

/**
 * The owner's figures as the screen gets them: the ended months kept in the vault are read from
 * there. One read transaction, so the kept months, the generation and the live counts are of
 * the same moment of the vault.
 */
export function dashboardFigures(db: Db, input: DashboardInput): DashboardFigures {
  return db.transaction(() => summarise(db, input, true))();
}

/** The same figures counted from the sales alone, nothing kept read: the check of the kept path. */
export function dashboardSummary(db: Db, input: DashboardInput): DashboardSummary {
  return summarise(db, input, false).summary;
}

/**
 * One page of a dashboard list: the WhatsApp audience (consent granted now, not restricted, a
 * number that reaches WhatsApp) narrowed to this week's birthdays or to those not seen lately.
 */
/** What a page of a dashboard list is asked with (`now`: the instant the week and N weeks count from). */
export interface DashboardListQuery {
  list: DashboardList;
  now: number;
  lapsedWeeks: number;
  message: string;
  unsentOnly: boolean;
  offset: number;
  limit: number;
}

export function dashboardList(db: Db, input: DashboardListQuery): DashboardPage {
  const empty = { items: [], total: 0, offset: input.offset, audience: 0, unsent: 0 };
  let narrow: AudienceNarrowing;
  if (input.list === 'birthdays') {
    if (!collectsBirthdays(db)) return empty;
    narrow = birthdayNarrowing(input.now);
  } else narrow = lapsedNarrowing(input.now, input.lapsedWeeks);
  const page = listAudience(
    db,
    'whatsapp',
    input.message,
    input.offset,
    input.limit,
    input.unsentOnly,
    narrow,
  );
  const more = db.prepare('SELECT birthday, last_activity_at FROM customers WHERE id = ?');
  return {
    ...page,
    items: page.items.map((m) => {
      const row = more.get(m.id) as { birthday: string | null; last_activity_at: number };
      const b = input.list === 'birthdays' ? /^\d{4}-(\d{2})-(\d{2})$/.exec(row.birthday ?? '') : null;
      return { ...m, birthday: b ? `${b[2]}/${b[1]}` : null, lastSeen: row.last_activity_at };
    }),
  };
}
