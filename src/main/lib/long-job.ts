import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from './app-error';

/** What a job reports while it works (the UI shows it as a bar with a phase name). */
export interface JobProgress<P extends string = string> {
  phase: P;
  done: number;
  total: number;
}

export interface JobHooks {
  /** Entering a stretch that holds the vault's write transaction across event-loop turns. */
  onHoldWrites(): void;
  /** Leaving it (committed, rolled back, or the vault closed under it). */
  onReleaseWrites(): void;
}

/** The running job's handle: progress, cancel checks, and its write-holding stretch. */
export class Job<P extends string = string> {
  private cancelRequested = false;

  constructor(
    readonly kind: string,
    private readonly report: (p: JobProgress<P>) => void,
    private readonly runner: JobRunner,
  ) {}

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  /** Called by the runner's cancel(); the job stops at its next checkpoint. */
  requestCancel(): void {
    this.cancelRequested = true;
  }

  progress(phase: P, done: number, total: number): void {
    this.report({ phase, done, total });
  }

  /** Throws CANCELLED if cancel was asked for; cheap, for tight loops. */
  throwIfCancelled(): void {
    if (this.cancelRequested) throw new AppError('CANCELLED');
  }

  /**
   * Yields to the event loop (so main keeps answering other windows), then honours cancel.
   * Long work calls this every chunk.
   */
  async checkpoint(): Promise<void> {
    await nextTurn();
    this.throwIfCancelled();
  }

  /**
   * Runs `work` while other writes get BUSY (reads go on): for a transaction that stays open
   * across event-loop turns, so nothing else can slip into it and be rolled back with it.
   */
  async holdWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.runner.holdWrites(work);
  }
}

/**
 * The one shape of long work (import today; purge, backup, restore and key rotation next): one job
 * at a time across every window, progress events, cancel at every checkpoint, and while a job
 * holds the write transaction other writes are turned away with BUSY. The router audits the
 * channel that started the job like any other call, so a cancelled or failed job is audited too.
 */
export class JobRunner {
  private current: Job<string> | null = null;
  private holding = false;

  constructor(private readonly hooks: JobHooks) {}

  /** True while any job runs. */
  isRunning(): boolean {
    return this.current !== null;
  }

  /** True while a job holds the write transaction: the router answers writes with BUSY. */
  holdsWrites(): boolean {
    return this.holding;
  }

  /** Runs a job alone; a second one (another click, another window) gets BUSY. */
  async run<T, P extends string>(
    kind: string,
    report: (p: JobProgress<P>) => void,
    body: (job: Job<P>) => Promise<T>,
  ): Promise<T> {
    if (this.current) throw new AppError('BUSY');
    const job = new Job<P>(kind, report, this);
    this.current = job as unknown as Job<string>;
    try {
      return await body(job);
    } finally {
      this.current = null;
    }
  }

  /** Asks the running job (if any) to stop at its next checkpoint. */
  cancel(): void {
    this.current?.requestCancel();
  }

  async holdWrites<T>(work: () => Promise<T>): Promise<T> {
    if (this.holding) throw new AppError('BUSY');
    this.holding = true;
    this.hooks.onHoldWrites();
    try {
      return await work();
    } finally {
      this.holding = false;
      this.hooks.onReleaseWrites();
    }
  }
}
