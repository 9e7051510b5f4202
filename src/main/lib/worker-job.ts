import type { Worker } from 'node:worker_threads';
import { AppError } from './app-error';

export type WorkerFactory = () => Worker;

/** What the long-job worker posts back (see services/backup/backup-worker.ts). */
export type WorkerReply =
  | { kind: 'progress'; phase: string; done?: number; total?: number }
  | { kind: 'done'; value: unknown }
  | { kind: 'error'; code: string; reason?: string };

/**
 * Runs one request on a fresh worker thread: progress goes to `onProgress`, the answer resolves,
 * an error rejects as an AppError (its code carried over). Cancelling the job terminates the
 * thread: whatever transaction it had open is rolled back by SQLite.
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
      else reject(new AppError(m.code as never, m.reason ? { reason: m.reason } : undefined));
    });
    worker.on('error', () => {
      finish();
      reject(new AppError('INTERNAL'));
    });
    worker.postMessage(request);
  });
}
