import { shopWall } from './shop-time';

/**
 * Dates as a shop in Indonesia writes them, day first: 17/08/1990. The counter's birthday field
 * and the customer import read them with the same rules, and main checks the result again. Text
 * only: which day it is for the shop (the year a two-digit year is read against) is shop-time's.
 */

/**
 * 1990-05-17, 17/05/1990, 17-05-1990, 17.05.1990, 17051990, or with a two-digit year as LibreOffice
 * in an Indonesian locale saves dates (17/05/90). Day first, as written in Indonesia. A two-digit
 * year is the latest year ending in those digits that is not after `now`'s year (a birthday is in
 * the past): 90 is 1990, 05 is 2005, and in 2026 a 26 is 2026, a 27 is 1927. A date that does not
 * exist (31/02/1990) is 'invalid'; an empty value is null.
 */
export function parseBirthday(value: string, now: number): string | null | 'invalid' {
  const v = value.trim();
  if (!v) return null;
  let parts: [number, number, number];
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(v))) {
    parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(v))) {
    const thisYear = shopWall(now).year;
    let year = thisYear - (thisYear % 100) + Number(match[3]);
    if (year > thisYear) year -= 100;
    parts = [year, Number(match[2]), Number(match[1])];
  } else return 'invalid';
  const [y, m, d] = parts;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) return 'invalid';
  return iso;
}

/** yyyy-mm-dd as the shop writes it: 17/08/1990. */
export function shopDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * The date field as it is typed: the slashes come by themselves after the day and the month
 * (a numeric keypad has none), a slash typed as well is not doubled, and deleting is left alone.
 */
export function typingDate(before: string, typed: string): string {
  if (typed.length <= before.length) return typed;
  let v = typed
    .replace(/[^\d/.-]/g, '')
    .replace(/[.-]/g, '/')
    .replace(/\/+/g, '/');
  if (/^\d{8}$/.test(v)) v = `${v.slice(0, 2)}/${v.slice(2, 4)}/${v.slice(4)}`;
  else if (/^\d{2}$/.test(v) || /^\d{1,2}\/\d{2}$/.test(v)) v += '/';
  return v.slice(0, 10);
}
