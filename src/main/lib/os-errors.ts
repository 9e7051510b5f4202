import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { AppError } from './app-error';

/**
 * What went wrong underneath, whichever layer said it: node:fs (EACCES), SQLite (SQLITE_BUSY,
 * also its extended codes such as SQLITE_READONLY_DIRECTORY), or a worker thread passing on
 * either. The one table of the OS's and SQLite's codes: the vault's opening, the router's
 * catch-all, the workers' answers and the backup folder's checks all read it.
 */
export type OsProblem =
  'no_permission' | 'read_only' | 'missing' | 'disk_full' | 'in_use' | 'damaged' | 'not_a_vault' | 'io';

const PROBLEMS: Record<string, OsProblem> = {
  EACCES: 'no_permission',
  EPERM: 'no_permission',
  SQLITE_PERM: 'no_permission',
  // SQLite cannot open (or create its -wal/-shm beside) a file it may not write.
  SQLITE_CANTOPEN: 'no_permission',
  EROFS: 'read_only',
  SQLITE_READONLY: 'read_only',
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  SQLITE_FULL: 'disk_full',
  // Another process holds the file: a second copy of the app, or (Windows) an antivirus or sync tool.
  SQLITE_BUSY: 'in_use',
  SQLITE_LOCKED: 'in_use',
  EBUSY: 'in_use',
  // A page failed its HMAC after page 1 decrypted: the key is right, the file is damaged.
  SQLITE_CORRUPT: 'damaged',
  // Page 1 itself does not decrypt: the wrong key, or a damaged first page (the two look alike).
  SQLITE_NOTADB: 'not_a_vault',
  EIO: 'io',
  SQLITE_IOERR: 'io',
};

function ownCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The problem an OS or SQLite code names (SQLITE_IOERR_WRITE counts as SQLITE_IOERR), if any. */
export function problemOfCode(code: string | undefined): OsProblem | undefined {
  if (!code) return undefined;
  return PROBLEMS[code] ?? PROBLEMS[/^SQLITE_[A-Z]+/.exec(code)?.[0] ?? ''];
}

/** The first OS or SQLite code behind an error, looking through the causes it was wrapped in. */
export function osCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = ownCode(e);
    if (problemOfCode(code)) return code;
  }
  return undefined;
}

/** The OS or SQLite problem behind an error, looking through the causes it was wrapped in. */
export function osProblem(err: unknown): OsProblem | undefined {
  return problemOfCode(osCode(err));
}

/** How each problem reads to the owner when it hits the app's own data folder and vault. */
const APP_ERRORS: Record<Exclude<OsProblem, 'missing'>, { code: ErrorCode; reason?: string }> = {
  no_permission: { code: 'NO_ACCESS', reason: 'no_permission' },
  read_only: { code: 'NO_ACCESS', reason: 'read_only' },
  disk_full: { code: 'DISK_FULL' },
  in_use: { code: 'VAULT_IN_USE' },
  damaged: { code: 'CORRUPT', reason: 'vault_damaged' },
  not_a_vault: { code: 'CORRUPT' },
  io: { code: 'IO_ERROR' },
};

/**
 * An error as the app says it, the original kept as its cause (for main's log: its class and code
 * only, never its message, which can quote SQL values). An AppError stays as it is; an error with no
 * known code, or a missing file (which the caller alone can name), becomes `fallback`.
 */
export function toAppError(err: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (err instanceof AppError) return err;
  const problem = osProblem(err);
  if (!problem || problem === 'missing') return new AppError(fallback, undefined, { cause: err });
  const { code, reason } = APP_ERRORS[problem];
  return new AppError(code, reason ? { reason } : undefined, { cause: err });
}

/** An error that crossed from a worker thread: its class and code survive, its message does not. */
export function workerCause(code: string): Error {
  return Object.assign(new Error('worker'), { name: 'WorkerError', code });
}

/**
 * A worker thread's error answer, in main: the app code it sent (or, for a raw fs or SQLite code,
 * the code this table gives it), with the OS code under it kept as the cause, so a caller can
 * still tell a full disk (ENOSPC) from a read-only folder.
 */
export function fromWorkerReply(code: string, reason?: string, cause?: string): AppError {
  const under = cause ?? (problemOfCode(code) ? code : undefined);
  if ((ERROR_CODES as readonly string[]).includes(code))
    return new AppError(
      code as ErrorCode,
      reason ? { reason } : undefined,
      under ? { cause: workerCause(under) } : undefined,
    );
  return toAppError(workerCause(under ?? code));
}

/** For main's log: the class and code of an error and of its causes, never a message. */
export function describeCause(err: unknown): string {
  const parts: string[] = [];
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const name = e instanceof Error ? e.name : typeof e;
    const code = ownCode(e);
    parts.push(code ? `${name} (${code})` : name);
  }
  return parts.length ? parts.join(' <- ') : typeof err;
}
