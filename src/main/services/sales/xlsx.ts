import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../../lib/app-error';

/**
 * Limits for a POS export saved as .xlsx, checked on the bytes before the library reads them (in
 * the worker thread that also caps memory). A month of a busy shop is a few thousand receipts: a
 * file past these is not an export but a crafted or wrong file.
 */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
/** All parts of the file together, unpacked (what the sheet XML costs to hold). */
export const MAX_XLSX_UNPACKED = 80 * 1024 * 1024;
/** More parts than any spreadsheet writes. */
const MAX_ZIP_ENTRIES = 2000;
export const MAX_SALES_ROWS = 200_000;
export const MAX_SALES_COLUMNS = 200;

const bad = (reason: string) => new AppError('BAD_FILE', { reason });

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The zip's table of contents (central directory); anything odd is refused, not guessed at. */
function zipEntries(bytes: Buffer): ZipEntry[] {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw bad('xlsx_not_zip');
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad('xlsx_not_zip');
  const count = bytes.readUInt16LE(end + 10);
  const dirSize = bytes.readUInt32LE(end + 12);
  const dirOffset = bytes.readUInt32LE(end + 16);
  // Zip64 markers: no spreadsheet export needs them.
  if (count === 0xffff || dirOffset === 0xffffffff) throw bad('xlsx_too_big');
  if (count > MAX_ZIP_ENTRIES) throw bad('xlsx_too_big');
  if (dirOffset + dirSize > end) throw bad('xlsx_not_zip');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== 0x02014b50) throw bad('xlsx_not_zip');
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    entries.push({
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** One part, unpacked with a hard cap on its real size (a zip's stated sizes can lie). */
function unpack(bytes: Buffer, e: ZipEntry, budget: number): Buffer {
  const o = e.offset;
  if (o + 30 > bytes.length || bytes.readUInt32LE(o) !== 0x04034b50) throw bad('xlsx_not_zip');
  const start = o + 30 + bytes.readUInt16LE(o + 26) + bytes.readUInt16LE(o + 28);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (data.length > budget) throw bad('xlsx_too_big');
    return data;
  }
  if (e.method !== 8) throw bad('xlsx_not_zip');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw bad('xlsx_too_big');
    throw bad('xlsx_not_zip');
  }
}

/**
 * Looks inside before the library reads anything: a zip (not a renamed file), each part's real
 * unpacked size within the budget (a zip bomb stops at the cap), no formulas (a POS export holds
 * values; a formula's stored result is whatever the file's maker typed), not too many rows.
 */
export function inspectXlsx(bytes: Buffer): void {
  if (bytes.length > MAX_XLSX_BYTES) throw bad('xlsx_too_big');
  const entries = zipEntries(bytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw bad('xlsx_not_xlsx');
  let left = MAX_XLSX_UNPACKED;
  for (const e of entries) {
    if (e.size > left) throw bad('xlsx_too_big');
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    if (!isSheet && !e.name.endsWith('.xml') && !e.name.endsWith('.rels')) continue;
    const xml = unpack(bytes, e, left);
    left -= xml.length;
    if (!isSheet) continue;
    const text = xml.toString('latin1');
    if (/<(?:\w+:)?f[\s>/]/.test(text)) throw bad('xlsx_formula');
    let rows = 0;
    for (let i = text.indexOf('<row'); i >= 0; i = text.indexOf('<row', i + 4))
      if (++rows > MAX_SALES_ROWS + 20) throw bad('too_many_sales');
  }
}

/**
 * A date cell's wall-clock time as written in the sheet (the library gives it as UTC), the way the
 * shop writes dates: 27/11/2026 09:15 (seconds only when there are any).
 */
function wallClock(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${day} ${time}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** Every cell as text, as a CSV would hold it: dates as dd/mm/yyyy hh:mm, numbers as digits. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  inspectXlsx(bytes);
  let data: unknown[][];
  try {
    data = (await readSheet(bytes, { trim: true })) as unknown[][];
  } catch {
    throw bad('xlsx_not_xlsx');
  }
  if (data.length > MAX_SALES_ROWS + 20) throw bad('too_many_sales');
  return data.map((row) => {
    if (row.length > MAX_SALES_COLUMNS) throw bad('too_many_columns');
    return row.map((c) => {
      if (c === null || c === undefined) return '';
      if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : wallClock(c);
      if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
      if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
      return String(c).slice(0, 20_000);
    });
  });
}
