import type { Worker } from 'node:worker_threads';
import { AppError } from './app-error';
import { fromWorkerReply, osCode, toAppError } from './os-errors';

export type WorkerFactory = () => Worker;

/** What the long-job worker posts back (see services/backup/backup-worker.ts). */
export type WorkerReply =
  | { kind: 'progress'; phase: string; done?: number; total?: number }
  | { kind: 'done'; value: unknown }
  | {
      kind: 'error';
      /** An app ErrorCode (a raw fs or SQLite code is read through lib/os-errors). */
      code: string;
      reason?: string;
      /** The OS or SQLite code under it (ENOSPC, SQLITE_BUSY), never a message. */
      cause?: string;
    };

/** How a worker thread reports an error: its app code and reason, and the OS code under it. */
export function errorReply(err: unknown): Extract<WorkerReply, { kind: 'error' }> {
  const known = toAppError(err);
  const under = osCode(err);
  return {
    kind: 'error',
    code: known.code,
    ...(known.details?.reason ? { reason: known.details.reason } : {}),
    ...(under ? { cause: under } : {}),
  };
}

/**
 * Runs one request on a fresh worker thread: progress goes to `onProgress`, the answer resolves,
 * an error rejects as an AppError (its code carried over, a raw OS or SQLite code mapped through
 * lib/os-errors). Cancelling the job terminates the thread: whatever transaction it had open is
 * rolled back by SQLite.
 */
export function runOnWorker(
  factory: WorkerFactory,
  job: { cancelled: boolean },
  request: unknown,
  onProgress?: (m: Extract<WorkerReply, { kind: 'progress' }>) => void,
): Promise<unknown> {
  const worker = factory();
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (job.cancelled) {
        clearInterval(timer);
        void worker.terminate();
        reject(new AppError('CANCELLED'));
      }
    }, 50);
    const finish = () => {
      clearInterval(timer);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerReply) => {
      if (m.kind === 'progress') return onProgress?.(m);
      finish();
      if (m.kind === 'done') resolve(m.value);
      else reject(fromWorkerReply(m.code, m.reason, m.cause));
    });
    worker.on('error', (err) => {
      finish();
      reject(new AppError('INTERNAL', undefined, { cause: err }));
    });
    worker.postMessage(request);
  });
}
