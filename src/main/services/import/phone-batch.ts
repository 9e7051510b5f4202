import type { Worker } from 'node:worker_threads';

/** Starts a phone-normalizing worker (src/main/services/import/phone-worker.ts, built or not). */
export type PhoneWorkerFactory = () => Worker;

/**
 * Validating a phone number with libphonenumber-js costs 6-10 us, the largest share of checking an
 * import row. Main checks every row's other columns and the phones of the first rows; one worker
 * thread validates the phones of the rest at the same time (a shop laptop has two cores or more).
 * The split is set so that both finish together on this project's two-core test machine.
 */
export const WORKER_SHARE = 0.6;
/** Below this many rows starting a thread costs more than it saves. */
export const WORKER_MIN_ROWS = 5_000;

const exited = new WeakSet<Worker>();

/**
 * Starts a helper thread ahead of need (it takes tens of milliseconds to load). Never throws: a
 * helper that cannot start, or fails later, only means main validates every phone itself.
 */
export function spawnPhoneWorker(factory: PhoneWorkerFactory | undefined): Worker | null {
  if (!factory) return null;
  try {
    const worker = factory();
    worker.unref();
    worker.on('error', () => undefined);
    worker.once('exit', () => exited.add(worker));
    return worker;
  } catch {
    return null;
  }
}

export interface PhoneBatch {
  /** First row index whose phone comes from the worker. */
  from: number;
  /** Normalized E.164 per row from `from` on ('' = invalid or empty), or null if the worker failed. */
  result: Promise<string[] | null>;
  stop(): void;
}

/**
 * Hands the phones of the last rows to the worker (which is used once, then ended). Any failure
 * resolves to null and main validates those rows itself, so a worker can make an import faster but
 * never different.
 */
export function startPhoneBatch(phones: string[], worker: Worker | null): PhoneBatch {
  const stop = () => void worker?.terminate();
  if (!worker || exited.has(worker) || phones.length < WORKER_MIN_ROWS)
    return { from: phones.length, result: Promise.resolve(null), stop };
  const from = Math.floor(phones.length * (1 - WORKER_SHARE));
  const part = phones.slice(from);
  const result = new Promise<string[] | null>((resolve) => {
    worker.once('message', (out: unknown) =>
      resolve(Array.isArray(out) && out.length === part.length ? (out as string[]) : null),
    );
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  worker.postMessage(part);
  void result.then(stop);
  return { from, result, stop };
}
