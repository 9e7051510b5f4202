import { parentPort } from 'node:worker_threads';
import { AppError } from '../../lib/app-error';
import type { WorkerReply } from '../../lib/worker-job';
import { readXlsxRows } from './xlsx';

/**
 * Worker thread entry: reads a POS export saved as .xlsx. A crafted file is opened here, never on
 * main's thread: the thread is started with memory limits (a sheet that would need more ends the
 * thread, not the app) and main stops it after a time limit. Bytes arrive and rows leave by
 * message only.
 */
parentPort?.on('message', (bytes: Uint8Array) => {
  readXlsxRows(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(
    (rows) => parentPort?.postMessage({ kind: 'done', value: rows } satisfies WorkerReply),
    (err: unknown) =>
      parentPort?.postMessage({
        kind: 'error',
        code: err instanceof AppError ? err.code : 'BAD_FILE',
        reason: err instanceof AppError ? String(err.details?.reason ?? 'xlsx_not_xlsx') : 'xlsx_not_xlsx',
      } satisfies WorkerReply),
  );
});
