import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Helpers of crash.test.ts: run crash-child.ts until it dies at a named fault point (or at a
 * random moment), and look at every file a crash could have left behind.
 */
const CHILD = join(__dirname, 'crash-child.ts');

export interface ChildRun {
  out: string;
  /** The signal the child died of (SIGKILL: by itself at the point, or by the test). */
  signal: NodeJS.Signals | null;
  /** The last fault point it reached, as "name n". */
  lastPoint: string | null;
}

export interface KillPlan {
  /** "name#n": the child dies by itself the n-th time it reaches that fault point. */
  killAt?: string;
  /** The test kills the child `ms` after it prints the line `mark` ("ready", "at name n"). */
  killAfter?: { mark: string; ms: number };
}

/**
 * Runs the child with `args` until it dies as `plan` says. `tmp` is the child's OS temp folder
 * (TMPDIR and SQLITE_TMPDIR), so what it leaves there can be listed.
 */
export function runChild(args: string[], plan: KillPlan, tmp: string): Promise<ChildRun> {
  return new Promise((resolve) => {
    // tsx as a loader in this very process (its CLI would fork a grandchild that SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {
        ...process.env,
        TMPDIR: tmp,
        SQLITE_TMPDIR: tmp,
        BRANKAS_KILL_AT: plan.killAt ?? '',
      },
    });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    // A child that never reaches its point must not hang the suite: it is stopped and the
    // missing point fails the test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const after = plan.killAfter;
      if (after && !timer && out.includes(`${after.mark}\n`))
        timer = setTimeout(() => child.kill('SIGKILL'), after.ms);
      if (/^(restored|purged|imported|child error|restore failed|import failed)/m.test(out))
        child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      const points = [...out.matchAll(/^at (\S+ \d+)$/gm)].map((m) => m[1]!);
      resolve({ out, signal, lastPoint: points.at(-1) ?? null });
    });
  });
}

/** Every file under `dir` (relative paths, sorted); folders named in `skip` are not entered. */
export function listFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (!skip.has(name)) walk(full);
      } else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What a file must never hold: SQLite's plaintext header (an unencrypted database, journal page
 * or copy) anywhere in it, or a canary string of the shop's data in UTF-8 or UTF-16LE.
 */
export function secretsIn(path: string, canaries: readonly string[]): string[] {
  const bytes = readFileSync(path);
  const found: string[] = [];
  if (bytes.includes(SQLITE_HEADER)) found.push('sqlite-header');
  for (const c of canaries) {
    if (bytes.includes(Buffer.from(c, 'utf8'))) found.push(`utf8:${c}`);
    if (bytes.includes(Buffer.from(c, 'utf16le'))) found.push(`utf16le:${c}`);
  }
  return found;
}

/**
 * Files that may be in the data folder after a restart, each with why. Anything else is a
 * leftover of a crash that the next start should have finished or removed.
 */
export const DATA_ALLOWED: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^vault\.db(-wal|-shm)?$/, reason: 'the vault (encrypted) and its WAL' },
  { pattern: /^keyslots\.json$/, reason: 'key slots (wrapped keys, no customer data)' },
  { pattern: /^device\.json$/, reason: 'the sealed device secret' },
  { pattern: /^audit-anchor\.json$/, reason: 'the audit chain anchor' },
];

/**
 * What a restore replaced, set aside under the old key and PIN: allowed only between the restore's
 * commit and the next unlock that checks the restored vault (which deletes them); after it, a
 * leftover would undo erasures and key rotations.
 */
export const RESTORE_LEFTOVERS =
  /^(vault\.db|keyslots\.json|audit-anchor\.json)\.before-restore-\d+(-wal|-shm)?$/;

/**
 * Files in the data folder no rule allows. `checkedUnlock`: whether a vault has been unlocked (and
 * checked) since the restart; until then a restore's leftovers are allowed.
 */
export function unexpectedInData(
  dataDir: string,
  opts: { checkedUnlock: boolean } = { checkedUnlock: true },
): string[] {
  return listFiles(dataDir).filter(
    (f) => !DATA_ALLOWED.some((a) => a.pattern.test(f)) && (opts.checkedUnlock || !RESTORE_LEFTOVERS.test(f)),
  );
}

/** Half-made backups: never under a final name, removed by the next backup into that folder. */
export const PARTIAL_BACKUP = /^brankas-.*\.brankas\.partial(-journal)?$/;

/** The child's temp folder holds tsx's compile cache (the test's loader, not the app). */
export const TMP_SKIP: ReadonlySet<string> = new Set([`tsx-${process.getuid?.() ?? 0}`]);

/** Counts outcomes by name, for the assertions and the report line. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(outcome: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }
  toString(): string {
    return [...this.counts].map(([k, v]) => `${k} ${v}`).join(', ');
  }
}

/**
 * The OS keystore's records for a shop folder (its vault generation): beside it, never in it, and
 * shared by the child and the next start as the keystore of one OS account would be.
 */
export function recordDirOf(dataDir: string): string {
  return `${dataDir}-keystore`;
}
