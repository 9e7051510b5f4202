import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/lib/app-error';
import { osProblem, toAppError } from '../../src/main/lib/os-errors';
import { errorReply, runOnWorker } from '../../src/main/lib/worker-job';
import { Router } from '../../src/main/ipc/router';
import { Sessions } from '../../src/main/ipc/sessions';
import { ERROR_CODES } from '../../src/shared/errors';
import { errorMessage } from '../../src/shared/messages';
import { TestClock } from '../support/clock';

/** A worker thread that answers one request with `reply` (as backup-worker and xlsx-worker do). */
const replying = (reply: object) => () =>
  new Worker(
    `require('node:worker_threads').parentPort.on('message', () =>
       require('node:worker_threads').parentPort.postMessage(${JSON.stringify(reply)}))`,
    { eval: true },
  );

async function rejection(reply: object): Promise<AppError> {
  const err = await runOnWorker(replying(reply), { cancelled: false }, {}).then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const causeCode = (err: AppError) => (err.cause as { code?: string } | undefined)?.code;

describe('one table for OS and SQLite codes', () => {
  it("a worker's raw fs or SQLite code never crosses as an error code: it is mapped, and kept as the cause", async () => {
    const full = await rejection({ kind: 'error', code: 'ENOSPC' });
    expect([full.code, causeCode(full)]).toEqual(['DISK_FULL', 'ENOSPC']);
    // Callers (a restore on a full laptop) still tell a full disk apart through the cause.
    expect(osProblem(full)).toBe('disk_full');
    const busy = await rejection({ kind: 'error', code: 'SQLITE_BUSY_RECOVERY' });
    expect([busy.code, causeCode(busy)]).toEqual(['VAULT_IN_USE', 'SQLITE_BUSY_RECOVERY']);
    const weird = await rejection({ kind: 'error', code: 'E_WEIRD' });
    expect(weird.code).toBe('INTERNAL');
    // An app code with its reason and the OS code under it arrives whole.
    const folder = await rejection({ kind: 'error', code: 'BAD_FILE', reason: 'disk_full', cause: 'ENOSPC' });
    expect([folder.code, folder.details, causeCode(folder)]).toEqual([
      'BAD_FILE',
      { reason: 'disk_full' },
      'ENOSPC',
    ]);
    for (const err of [full, busy, weird, folder]) expect(ERROR_CODES).toContain(err.code);
  });

  it("a worker reports an error by the same table: the app's code, its reason, the OS code under it", () => {
    const raw = Object.assign(new Error('/home/budi/x'), { code: 'EROFS' });
    expect(errorReply(raw)).toEqual({
      kind: 'error',
      code: 'NO_ACCESS',
      reason: 'read_only',
      cause: 'EROFS',
    });
    const wrapped = new AppError(
      'CORRUPT',
      { reason: 'vault_damaged' },
      { cause: { code: 'SQLITE_CORRUPT' } },
    );
    expect(errorReply(wrapped)).toEqual({
      kind: 'error',
      code: 'CORRUPT',
      reason: 'vault_damaged',
      cause: 'SQLITE_CORRUPT',
    });
    expect(errorReply(new TypeError('x'))).toEqual({ kind: 'error', code: 'INTERNAL' });
  });

  it("the router's catch-all reads the same table: a full disk or a device error is said, the cause stays in main", async () => {
    const logs: string[] = [];
    const sessions = new Sessions(new TestClock());
    const r = new Router({
      sessions,
      language: () => 'en',
      recoveryPending: () => false,
      busy: () => false,
      audit: () => undefined,
      log: (l) => void logs.push(l),
    });
    sessions.start('w1', { id: 'o', name: 'Bu Sari', role: 'owner', mustChangePin: false });
    const thrown = [
      Object.assign(new Error('Budi 0812'), { name: 'SqliteError', code: 'SQLITE_FULL' }),
      Object.assign(new Error('Budi 0812'), { name: 'SqliteError', code: 'SQLITE_IOERR_WRITE' }),
    ];
    r.handle('settings:get', () => {
      throw thrown.shift();
    });
    const fullAnswer = await r.dispatch('w1', 'settings:get', {});
    expect(fullAnswer).toEqual({
      ok: false,
      error: { code: 'DISK_FULL', message: errorMessage('DISK_FULL', 'en') },
    });
    const ioAnswer = await r.dispatch('w1', 'settings:get', {});
    expect(ioAnswer).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: errorMessage('IO_ERROR', 'en') },
    });
    expect(logs).toEqual([
      '[brankas] DISK_FULL in settings:get: SqliteError (SQLITE_FULL)',
      '[brankas] IO_ERROR in settings:get: SqliteError (SQLITE_IOERR_WRITE)',
    ]);
    expect(JSON.stringify([fullAnswer, ioAnswer, logs])).not.toContain('Budi');
  });

  it('an AppError keeps what it wraps; an unknown error becomes the fallback, its cause kept', () => {
    const raw = Object.assign(new Error('x'), { code: 'E_WEIRD' });
    const err = toAppError(raw, 'CORRUPT');
    expect([err.code, err.cause]).toEqual(['CORRUPT', raw]);
    const own = new AppError('BUSY');
    expect(toAppError(own)).toBe(own);
    // A missing file is for its caller to name (a backup folder, a backup file): not guessed here.
    expect(toAppError(Object.assign(new Error('x'), { code: 'ENOENT' })).code).toBe('INTERNAL');
  });
});

describe('each code says what happened, in both languages', () => {
  it('the storage codes and their reasons have their own words, not "damaged" or the receipt\'s', () => {
    const said = (code: (typeof ERROR_CODES)[number], reason?: string) =>
      (['id', 'en'] as const).map((l) => errorMessage(code, l, reason ? { reason } : undefined));
    const seen = new Set<string>();
    for (const [code, reason] of [
      ['NO_ACCESS', undefined],
      ['NO_ACCESS', 'read_only'],
      ['NO_ACCESS', 'device_secret'],
      ['IO_ERROR', undefined],
      ['IO_ERROR', 'device_secret'],
      ['DISK_FULL', undefined],
      ['VAULT_IN_USE', undefined],
      ['CORRUPT', 'vault_damaged'],
      ['CORRUPT', undefined],
      ['CONFLICT', 'receipt_no_phone'],
      ['CONFLICT', 'answer_no_phone'],
      ['CONFLICT', 'incident_no_phone'],
      ['FORBIDDEN', 'untrusted_frame'],
      ['FORBIDDEN', undefined],
    ] as const) {
      const [id, en] = said(code, reason);
      expect(id, `${code}:${reason}`).not.toBe(en);
      expect(seen.has(id!), `${code}:${reason} has words of its own`).toBe(false);
      seen.add(id!);
    }
    for (const code of ['NO_ACCESS', 'DISK_FULL', 'VAULT_IN_USE'] as const)
      expect(said(code)).toEqual([
        expect.stringMatching(/tidak rusak/),
        expect.stringMatching(/not damaged/),
      ]);
  });
});
