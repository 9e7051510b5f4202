import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula: Excel and LibreOffice treat text starting with
 * = + - @ (and tab or CR, and the full-width ＝ ＋ － ＠ that Excel also accepts) as one, so a
 * name typed as `=HYPERLINK(...)` would run on the owner's computer.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes an apostrophe, which spreadsheets read as "this is text" and do not show. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Every CSV the app writes: a BOM so Excel on Windows reads UTF-8, ';' as Indonesian Excel
 * expects, and typed text neutralized. `trusted` names columns the app itself writes (phone
 * numbers as +62..., wa.me links): those stay as they are.
 */
export function shopCsv(rows: unknown[][], trusted: ReadonlySet<number> = new Set()): string {
  return `\uFEFF${stringify(rows, {
    delimiter: ';',
    cast: {
      string: (value, context) =>
        context.index !== undefined && trusted.has(context.index) ? value : neutralizeFormula(value),
    },
  })}`;
}

const NEEDS_QUOTES = /[;"\r\n]/;

/**
 * One row exactly as shopCsv writes it (less the BOM) (';', quotes where needed, typed text neutralized),
 * for cells that are text, numbers or empty: many times faster, for files of a million rows.
 */
export function shopCsvLine(
  cells: readonly (string | number | null)[],
  trusted: ReadonlySet<number>,
): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] ?? null;
    if (i > 0) line += ';';
    if (v === null || v === '') continue;
    if (typeof v === 'number') {
      line += String(v);
      continue;
    }
    const s = trusted.has(i) ? v : neutralizeFormula(v);
    line += NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }
  return `${line}\n`;
}
