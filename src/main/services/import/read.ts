import { readFile, stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { setImmediate as nextTick } from 'node:timers/promises';
import { AppError } from '../../lib/app-error';
import {
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_LINE_CHARS,
  MAX_ROWS,
  PREVIEW_CHARS,
} from './decode';

/** A file as the import holds it in main's memory (read, never copied). */
export interface LoadedFile {
  name: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  headers: string[];
  rows: string[][];
  /** Each data row's row number as the spreadsheet shows it (blank rows count, the header is 1). */
  rowNumbers: number[];
  /** When the file was last changed (ms). */
  modifiedAt: number;
}

/** A header or a cell as the preview shows it: a long one cut short. */
export const preview = (cell: string) =>
  cell.length > PREVIEW_CHARS ? `${cell.slice(0, PREVIEW_CHARS)}…` : cell;

/** The picked file's bytes and when it was last changed; its size is checked before a byte is read. */
export async function readPicked(path: string): Promise<{ bytes: Buffer; modifiedAt: number }> {
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_BYTES) throw new AppError('BAD_FILE', { reason: 'too_large' });
    const modifiedAt = Math.floor(info.mtimeMs);
    return { bytes: await readFile(path), modifiedAt };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_FILE', { reason: 'unreadable' }, { cause: err });
  }
}

/** A slice also ends after this many lines: a file of tiny rows parses in short steps too. */
const SLICE_LINES = 10_000;

/**
 * Cuts the text into slices of about `size` characters that end on a line break outside quotes,
 * so each can be parsed on its own (a quoted field may hold line breaks).
 */
export function* csvSlices(text: string, size = 256 * 1024, delimiter = ','): Generator<string> {
  const sep = delimiter.charCodeAt(0);
  let start = 0;
  let inQuotes = false;
  // Limits, counted as the slicer walks the text, before any parsing allocates cells.
  let lineStart = 0;
  let cellStart = 0;
  let columns = 1;
  // A slice also ends after this many lines: a file of tiny rows parses in short steps too.
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (!inQuotes && ch === sep) {
      if (++columns > MAX_COLUMNS) throw new AppError('BAD_FILE', { reason: 'too_many_columns' });
      cellStart = i + 1;
    } else if (!inQuotes && ch === 10) {
      columns = 1;
      lineStart = cellStart = i + 1;
      if (i - start >= size || ++lines >= SLICE_LINES) {
        yield text.slice(start, i + 1);
        start = i + 1;
        lines = 0;
      }
      continue;
    }
    if (i - cellStart > MAX_CELL_CHARS) throw new AppError('BAD_FILE', { reason: 'cell_too_long' });
    if (i - lineStart > MAX_LINE_CHARS) throw new AppError('BAD_FILE', { reason: 'line_too_long' });
  }
  if (start < text.length) yield text.slice(start);
}

/**
 * Parses slice by slice, yielding to the event loop between slices so a 50 MB file never blocks.
 * PapaParse: about four times faster than csv-parse on a 100k-row file (see README). Rows may have
 * any number of cells; a quote left open is a broken file, not a cell that runs to the end.
 * `onSlice` sees the records so far, where this slice's begin, the share of the text parsed before
 * it, whether it is the last, and the share parsed with it; it may throw to stop.
 */
export async function parseAll(
  text: string,
  delimiter: string,
  onSlice: (records: string[][], from: number, doneBefore: number, last: boolean, doneAfter: number) => void,
): Promise<{ records: string[][]; rowNumbers: number[] }> {
  const records: string[][] = [];
  // The spreadsheet's row of each kept record: blank rows are dropped but still counted, as Excel
  // numbers them (a quoted cell's line breaks stay inside its one row).
  const rowNumbers: number[] = [];
  let row = 0;
  let offset = 0;
  for (const slice of csvSlices(text, undefined, delimiter)) {
    const parsed = Papa.parse<string[]>(slice, { delimiter, skipEmptyLines: false });
    if (parsed.errors.some((e) => e.type === 'Quotes')) throw new AppError('BAD_FILE', { reason: 'parse' });
    const from = records.length;
    // A slice ends after a line break: the empty "row" after it is not a row of the sheet.
    const data = /\r?\n$/.test(slice) ? parsed.data.slice(0, -1) : parsed.data;
    for (const record of data) {
      row++;
      if (!record.some((c) => c.trim() !== '')) continue;
      records.push(record);
      rowNumbers.push(row);
    }
    // One header row plus at most MAX_ROWS: checked per slice, so memory stays bounded.
    if (records.length > MAX_ROWS + 1) throw new AppError('BAD_FILE', { reason: 'too_many_rows' });
    const after = offset + slice.length;
    if (records.length > from)
      onSlice(records, from, offset / text.length, after >= text.length, after / text.length);
    offset += slice.length;
    await nextTick();
  }
  return { records, rowNumbers };
}
