import { LOCALES } from './i18n/locale';
import type { Language } from './language';

/**
 * The shop's clock: the one place that knows which day and hour it is for the shop. A shop under
 * UU PDP keeps its records on Indonesian time, so every day that is named (a document's date, a
 * backup's file name, a purchase's day) or compared (a retention period, a cashier's "same day",
 * an age) is a day of Asia/Jakarta (WIB, UTC+7, no daylight saving since 1964), whatever zone the
 * laptop is set to. Nothing outside this module reads the laptop's zone (a lint rule refuses
 * getDate(), getHours(), toLocaleDateString() and the like elsewhere).
 */
export const SHOP_TIME_ZONE = 'Asia/Jakarta';
const WIB_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** A moment as the shop's wall clock shows it (month 1-12). */
export interface ShopWall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The shop's wall clock at `at`. */
export function shopWall(at: number): ShopWall {
  const d = new Date(at + WIB_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The shop's day holding `at`, as yyyy-mm-dd (what a date input shows, and file names carry). */
export function shopIsoDay(at: number): string {
  const w = shopWall(at);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The shop's minute holding `at`, as yyyy-mm-ddThh:mm (what a datetime-local input shows). */
export function shopIsoMinute(at: number): string {
  const w = shopWall(at);
  return `${shopIsoDay(at)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today on the shop's calendar, by this machine's clock (for a form's default and its limit). */
export function shopToday(): string {
  return shopIsoDay(Date.now());
}

/** Now to the minute on the shop's clock, by this machine's clock (a datetime-local default). */
export function shopNowMinute(): string {
  return shopIsoMinute(Date.now());
}

/** yyyymmdd-hhmm on the shop's clock, for file names. */
export function shopFileStamp(at: number): string {
  const w = shopWall(at);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}`;
}

/**
 * The instant the shop's wall clock shows the given time, or null when no such time exists
 * (31/02, 24:00). Month 1-12.
 */
export function fromShopWall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return utc - WIB_MS;
}

/**
 * The instant a wall time of the shop's clock names, when that wall time is given as if it were
 * UTC (a spreadsheet's date number, a backup name's stamp): the inverse of `wallAsUtc`.
 */
export function fromWallAsUtc(stamp: number): number {
  return stamp - WIB_MS;
}

/** The shop's wall time at `at`, written as if it were UTC (days and weeks count on it as written). */
export function wallAsUtc(at: number): number {
  return at + WIB_MS;
}

/**
 * A day or minute as a date input gives it (yyyy-mm-dd, yyyy-mm-ddThh:mm, optionally :ss), read
 * on the shop's clock; null when it is not one.
 */
export function fromShopIso(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return fromShopWall(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** The instant `months` calendar months after (or before, if negative) `at`, in WIB. */
export function addMonthsWib(at: number, months: number): number {
  const local = new Date(at + WIB_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    y,
    m,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - WIB_MS;
}

/** Midnight WIB at the start of the day holding `at`. */
export function startOfDayWib(at: number): number {
  return Math.floor((at + WIB_MS) / DAY_MS) * DAY_MS - WIB_MS;
}

/**
 * Retention periods are counted in the shop's calendar. A period ends at the start of the same
 * calendar day N months later (the 31st becomes the last day of a shorter month): this returns the
 * day (its first instant) a period of `months` that began at `at` ends.
 */
export function periodEnd(at: number, months: number): number {
  return startOfDayWib(addMonthsWib(at, months));
}

/** Whole years from a yyyy-mm-dd birthday to the shop's day holding `at`. */
export function ageOn(birthday: string, at: number): number {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthday);
  if (!b) return Number.NaN;
  const n = shopWall(at);
  let age = n.year - Number(b[1]);
  const m = n.month - Number(b[2]);
  if (m < 0 || (m === 0 && n.day < Number(b[3]))) age--;
  return age;
}

/** Dates shown to people (documents, screens): in the reader's language, on the shop's clock. */
const locale = (lang: Language) => LOCALES[lang];

/** A formatter is costly to make (tens of microseconds): one per language and style, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f)
    formats.set(key, (f = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone: SHOP_TIME_ZONE })));
  return f;
}

/** 29 November 2026 (with `short`: 29 Nov 2026) */
export function shopDay(ms: number, lang: Language, month: 'long' | 'short' = 'long'): string {
  return format(lang, { day: 'numeric', month, year: 'numeric' }).format(ms);
}

/** 29 November 2026 10.15 (with `short`: 29 Nov 2026 10.15) */
export function shopDateTime(ms: number, lang: Language, month: 'long' | 'short' = 'long'): string {
  return format(lang, { day: 'numeric', month, year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    ms,
  );
}

/**
 * A month of the shop's calendar given as yyyy-mm: Nov 2026 (with `long`: November 2026; with
 * `withYear` false, Nov alone, as a chart's axis writes it under the year it names elsewhere).
 */
export function shopMonth(
  yearMonth: string,
  lang: Language,
  month: 'long' | 'short' = 'short',
  withYear = true,
): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  const at = m ? fromShopWall(+m[1]!, +m[2]!, 15) : null;
  if (at === null) return yearMonth;
  return format(lang, withYear ? { month, year: 'numeric' } : { month }).format(at);
}
