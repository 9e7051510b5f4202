import type { Worker, WorkerOptions } from 'node:worker_threads';
import type { ImportProgress } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import { runOnWorker } from '../../lib/worker-job';
import { decodeCsv, detectDelimiter } from '../import/decode';
import { parseAll } from '../import/read';
import { MAX_SALES_ROWS } from './xlsx';

/** The long job a sales import step runs in (src/main/lib/long-job.ts). */
export type SalesJob = Job<ImportProgress['phase']>;

/** Starts the .xlsx reading thread (src/main/services/sales/xlsx-worker.ts, built or not). */
export type XlsxWorkerFactory = (options: WorkerOptions) => Worker;

/**
 * What the thread reading an .xlsx may use: a zip bomb or a sheet of millions of cells ends the
 * thread ("needs more memory than allowed"), never main.
 */
export const XLSX_RESOURCE_LIMITS = {
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 48,
  codeRangeSizeMb: 32,
  stackSizeMb: 4,
};
export const XLSX_TIME_LIMIT_MS = 60_000;

/**
 * An .xlsx read on its own thread, under memory and time limits; the rows kept with their sheet
 * row numbers (blank rows dropped but counted).
 */
export async function readXlsx(
  bytes: Buffer,
  job: SalesJob,
  factory: XlsxWorkerFactory | undefined,
  timeLimitMs = XLSX_TIME_LIMIT_MS,
): Promise<{ rows: string[][]; rowNumbers: number[] }> {
  // Without its thread an .xlsx is not opened at all: a crafted file is never parsed on main.
  if (!factory) throw new AppError('BAD_FILE', { reason: 'xlsx_unavailable' });
  // The thread's own running time (monotonic), not the shop's clock.
  const started = performance.now();
  let timedOut = false;
  const watch = {
    get cancelled() {
      if (!timedOut && performance.now() - started > timeLimitMs) timedOut = true;
      return job.cancelled || timedOut;
    },
  };
  let rows: string[][];
  try {
    rows = (await runOnWorker(
      () => factory({ resourceLimits: XLSX_RESOURCE_LIMITS }),
      watch,
      new Uint8Array(bytes),
    )) as string[][];
  } catch (err) {
    if (timedOut) throw new AppError('BAD_FILE', { reason: 'xlsx_too_big' });
    // The thread ran out of its memory (or died): the file asks for more than an export does.
    if (err instanceof AppError && err.code === 'INTERNAL')
      throw new AppError('BAD_FILE', { reason: 'xlsx_too_big' });
    throw err;
  }
  if (!Array.isArray(rows)) throw new AppError('BAD_FILE', { reason: 'xlsx_not_xlsx' });
  const kept: string[][] = [];
  const rowNumbers: number[] = [];
  rows.forEach((r, i) => {
    if (!r.some((c) => c.trim() !== '')) return;
    kept.push(r);
    rowNumbers.push(i + 1);
  });
  return { rows: kept, rowNumbers };
}

/** A CSV export through the customer import's own reading (encodings, separators, limits). */
export async function readCsv(
  bytes: Buffer,
  job: SalesJob,
): Promise<{ rows: string[][]; rowNumbers: number[] }> {
  const { text } = await decodeCsv(bytes);
  const { records, rowNumbers } = await parseAll(text, detectDelimiter(text), (_r, _f, _b, _l, after) => {
    job.throwIfCancelled();
    job.progress('reading', Math.round(after * 100), 100);
    // A sales export past the limit is refused while it is read, not after.
    if (_r.length > MAX_SALES_ROWS + 20) throw new AppError('BAD_FILE', { reason: 'too_many_sales' });
  });
  return { rows: records, rowNumbers };
}
