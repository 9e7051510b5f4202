import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every file under `dir` changed since `since` (bounded: the OS temp folder may be large). */
export function filesSince(dir: string, since: number, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      const s = statSync(p);
      if (s.isDirectory()) filesSince(p, since, out, depth + 1);
      else if (s.isFile() && s.mtimeMs >= since && s.size < 200 * 1024 * 1024) out.push(p);
    } catch {
      // Gone meanwhile (another test's temp file).
    }
  }
  return out;
}

/**
 * The time the file system stamps on a file written now: file times come from the kernel's clock,
 * which is not the test's clock (and not the process's, when the suite runs at another date).
 */
export function fileSystemNow(): number {
  const marker = join(tmpdir(), `brankas-canary-mark-${process.pid}`);
  writeFileSync(marker, '');
  const at = statSync(marker).mtimeMs;
  rmSync(marker);
  return at;
}

export function hits(files: string[], needles: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    let data: Buffer;
    try {
      data = readFileSync(f);
    } catch {
      continue;
    }
    for (const n of needles) {
      if (data.includes(Buffer.from(n, 'utf8')) || data.includes(Buffer.from(n, 'utf16le')))
        found.push(`${f}: ${n}`);
    }
  }
  return found;
}
