import iconv from 'iconv-lite';
import { AppError } from '../../lib/app-error';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Limits a shop's spreadsheet never reaches, checked while the file is read so that a crafted
 * one is refused early instead of filling memory or holding main: rows, columns, one cell, one
 * line.
 */
export const MAX_ROWS = 1_000_000;
export const MAX_COLUMNS = 200;
export const MAX_CELL_CHARS = 20_000;
export const MAX_LINE_CHARS = 1_000_000;
/** What the preview shows of a header or a cell. */
export const PREVIEW_CHARS = 200;

/**
 * Excel in Indonesia saves CSV as UTF-8 (often with a BOM) or Windows-1252. We accept exactly
 * those; anything else (UTF-16, binary) is refused by name rather than imported as mojibake.
 */
export async function decodeCsv(
  bytes: Buffer,
): Promise<{ text: string; encoding: 'utf-8' | 'windows-1252' }> {
  if (bytes.length === 0) throw new AppError('BAD_FILE', { reason: 'empty' });
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('BAD_FILE', { reason: 'too_large' });
  const head = bytes.subarray(0, 4);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new AppError('BAD_FILE', { reason: 'encoding' });
  }
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw new AppError('BAD_FILE', { reason: 'binary' });
  const body = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: await decodeInSteps(new TextDecoder('utf-8', { fatal: true }), body), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: read as Windows-1252 with iconv-lite's table, which maps 0x80-0x9F to the
    // typographic characters Excel writes (’ “ ” – … €). Node's own TextDecoder treated that
    // range as Latin-1 C1 controls in some versions (nodejs/node#56542): Nur’aini became
    // Nur\u0092aini. Refused: the bytes the code page leaves undefined (decoded as U+FFFD) and
    // control characters no spreadsheet writes.
    const text = await decodeInSteps(iconv.getDecoder('windows-1252'), body);
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
    if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u0080-\u009f\ufffd]/.test(text)) {
      throw new AppError('BAD_FILE', { reason: 'encoding' });
    }
    return { text, encoding: 'windows-1252' };
  }
}

/** A streaming decoder: node's TextDecoder (UTF-8) or iconv-lite's (Windows-1252). */
type StepDecoder = InstanceType<typeof TextDecoder> | { write(b: Buffer): string; end(): string | undefined };

/** Decodes 1 MB at a time, yielding between steps: a 50 MB file never holds main for long. */
async function decodeInSteps(decoder: StepDecoder, bytes: Buffer): Promise<string> {
  const STEP = 1024 * 1024;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += STEP) {
    const chunk = bytes.subarray(i, i + STEP);
    parts.push(
      'decode' in decoder ? decoder.decode(chunk, { stream: i + STEP < bytes.length }) : decoder.write(chunk),
    );
    await new Promise((r) => setImmediate(r));
  }
  parts.push('decode' in decoder ? (bytes.length === 0 ? decoder.decode() : '') : (decoder.end() ?? ''));
  return parts.join('');
}

/** The separator Excel used: whichever of ; , or tab splits the header line most. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  // The first line's first 64 KiB are plenty, and a crafted single-line file cannot make this slow.
  const head = text.slice(0, 64 * 1024);
  const end = head.search(/\r?\n/);
  const firstLine = end < 0 ? head : head.slice(0, end);
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((d) => [d, outside.split(d).length - 1] as const);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}
