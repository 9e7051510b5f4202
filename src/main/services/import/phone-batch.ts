import type { Worker } from 'node:worker_threads';

/** Starts a phone-normalizing worker (src/main/services/import/phone-worker.ts, built or not). */
export type PhoneWorkerFactory = () => Worker;

/**
 * Validating a phone number with libphonenumber-js costs 6-10 us, the largest share of checking an
 * import row. One worker thread validates the phones of the first rows (from the moment the file
 * is being read, for the column the mapping suggests) while main checks every row's other columns
 * and the remaining phones. The share is set so that both finish together on this project's
 * two-core test machine when the check follows the file's opening at once.
 */
export const WORKER_SHARE = 0.6;
/** Below this many rows starting a thread costs more than it saves. */
export const WORKER_MIN_ROWS = 5_000;

/**
 * Starts a helper thread. Never throws: a helper that cannot start, or fails later, only means
 * main validates every phone itself.
 */
export function spawnPhoneWorker(factory: PhoneWorkerFactory | undefined): Worker | null {
  if (!factory) return null;
  try {
    const worker = factory();
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}

/**
 * The phones of the first rows, sent to the worker a slice at a time and answered in order.
 * Any failure (no worker, crash, exit, an answer of the wrong shape) makes `results` null, and
 * main validates those rows itself: a worker can make an import faster but never different.
 */
export class PhoneBatch {
  private sent = 0;
  private failed = false;
  private readonly waiting: ((out: string[] | null) => void)[] = [];
  private readonly parts: Promise<string[] | null>[] = [];

  constructor(private readonly worker: Worker | null) {
    if (!worker) {
      this.failed = true;
      return;
    }
    worker.on('message', (out: unknown) =>
      this.waiting.shift()?.(Array.isArray(out) ? (out as string[]) : null),
    );
    const fail = () => {
      this.failed = true;
      for (const resolve of this.waiting.splice(0)) resolve(null);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /** How many rows, from the first, the worker has been given. */
  get size(): number {
    return this.sent;
  }

  get usable(): boolean {
    return !this.failed;
  }

  /** Hands the phones ('' = none) of the next rows to the worker. */
  send(phones: string[]): void {
    if (this.failed || !this.worker || phones.length === 0) return;
    const expected = phones.length;
    this.parts.push(
      new Promise((resolve) =>
        this.waiting.push((out) => resolve(out && out.length === expected ? out : null)),
      ),
    );
    this.worker.postMessage(phones);
    this.sent += expected;
  }

  /** E.164 per row sent ('' = invalid or empty), or null if the worker failed on any of them. */
  async results(): Promise<string[] | null> {
    if (this.failed && this.parts.length === 0) return null;
    const parts = await Promise.all(this.parts);
    return parts.some((p) => p === null) ? null : (parts as string[][]).flat();
  }

  stop(): void {
    this.failed = true;
    for (const resolve of this.waiting.splice(0)) resolve(null);
    void this.worker?.terminate();
  }
}
