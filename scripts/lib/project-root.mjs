// The project root from a script's own module URL. `new URL(url).pathname` is wrong on Windows
// ("/C:/..." becomes "C:\C:\...") and keeps "%20" for spaces; fileURLToPath handles both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} moduleUrl import.meta.url of a file one folder below the root (scripts/x.mjs)
 * @param {{ windows?: boolean, levels?: number }} [options] windows: resolve as on Windows
 *   (used by tests on Linux); levels: how many folders up the root is (default 1)
 */
export function projectRoot(moduleUrl, options = {}) {
  const windows = options.windows ?? process.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const file = fileURLToPath(moduleUrl, { windows });
  return p.resolve(p.dirname(file), ...Array(options.levels ?? 1).fill('..'));
}
