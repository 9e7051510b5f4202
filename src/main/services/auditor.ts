import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../ports/ports';
import type { KeySlotStore, PendingEvent } from '../vault/keyslots';
import type { VaultState } from '../vault/vault-state';
import { appendAudit, type AuditEvent } from './audit.service';
import type { Db } from '../vault/database';
import { runAfterCommit } from '../vault/after-commit';
import { withDevice } from './lan/remote-call';

/** An entry as an action's wrapper gives it (the auditor stamps the time). */
export type AuditEntry = Omit<AuditEvent, 'at'>;

/** The entry of an audited action, for its result or for its error (null: nothing to record). */
export interface AuditOutcomes<T> {
  ok(value: T): AuditEntry | null;
  failed(err: unknown): AuditEntry | null;
  /** An entry that could not be written on the failure path (logged without data by the caller). */
  onAuditError?(err: unknown): void;
}

/**
 * An entry written into a transaction the caller already holds (a job's own import or restore
 * transaction, where the auditor's own entries wait in memory): it commits or rolls back with
 * that transaction's change.
 */
export function auditInTransaction(db: Db, e: AuditEvent): void {
  appendAudit(db, e);
}

/** A promise or anything awaited like one. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/** Past this many queued entries, repeats of the same kind are summed into one with a count. */
export const COLLAPSE_FROM = 100;

/**
 * Writes audit entries into the vault's hash chain. While the vault is locked (failed PINs,
 * denied calls at the lock screen) they wait in keyslots.json, each authenticated with a key only
 * main can derive (from the OS-sealed device secret), and join the chain at the next unlock;
 * while a long job holds the write transaction they wait in memory, so a cancelled job cannot
 * roll them back. Past COLLAPSE_FROM queued entries, a flood of one kind becomes the first entry
 * with a count and the last time: the repeats' own details and targets are not kept.
 * An entry queued while the keystore cannot give the key has no MAC and proves nothing about who
 * (anyone who can write keyslots.json could have added it): a refusal or failure (what the lock
 * screen records) is kept at flush, marked unverified and without an actor, so attempts made
 * while the keystore was away are still seen; one claiming something was done (outcome ok) is
 * refused, as no trusted record may be made up in the file.
 * What is dropped: an entry before the shop is set up (no keyslots.json yet), when there is no
 * vault and no queue to hold it; a queued entry that fails its check at flush (a MAC that does
 * not match: edited or forged in the file; or no MAC on an ok entry), counted in one
 * audit.queueRejected entry; and an entry that cannot itself be written (a failure's entry on a
 * full or closed vault), which is only reported through onAuditError, without its data.
 * Every audited action reaches the chain through `run`/`runAsync` (see there), so a write and
 * its entry commit in one transaction wherever they can.
 */
export class Auditor {
  private deferred = false;
  /** Entries held in memory while a job holds the write transaction. */
  private held: AuditEvent[] = [];

  constructor(
    private readonly vault: VaultState,
    private readonly slots: KeySlotStore,
    private readonly clock: Clock,
    /** The queue's MAC key, or null when the OS keystore cannot give the device secret now. */
    private readonly queueKey: () => Buffer | null = () => null,
    /** Crash tests only: called between an action's change and its entry. */
    private readonly faultPoint?: (name: string) => void,
  ) {}

  /**
   * The one path of an audited action (a channel, a timed job, the edge): runs `work`, then
   * records the entry `outcomes` gives for its result or its error. Synchronous work with the
   * vault open and no job holding writes runs in one SQLite transaction with its entry: a crash
   * between the change and the entry leaves neither, and an entry that cannot be written takes
   * the change back with it. What the work kept before it failed (a counted wrong PIN) commits
   * with the failure's entry. Work that awaits (a job, a dialog, opening the vault) cannot hold
   * an outer transaction across turns (a job opens its own): its entry follows it.
   */
  run<T>(
    work: () => T,
    outcomes: AuditOutcomes<Awaited<T>>,
    options: { sync?: boolean; joinTransaction?: boolean } = {},
  ): T {
    if (options.joinTransaction) return this.joined(work, outcomes);
    const db =
      options.sync !== false && this.vault.isOpen() && !this.deferred ? this.vault.requireDb() : null;
    if (!db || db.inTransaction) return this.after(work, outcomes);
    db.exec('BEGIN');
    let value: T;
    try {
      value = work();
    } catch (err) {
      this.failedIn(db, err, outcomes);
      throw err;
    }
    if (isThenable(value)) {
      // Work that turned out to await: what it wrote so far commits now, its entry follows it.
      this.end(db, 'COMMIT');
      return runThenRecord(
        (e) => this.record(e),
        () => value,
        outcomes,
      );
    }
    try {
      const entry = outcomes.ok(value as Awaited<T>);
      this.faultPoint?.('audit:beforeEntry');
      if (entry) appendAudit(db, withDevice({ ...entry, at: this.clock.now() }));
      this.end(db, 'COMMIT');
    } catch (err) {
      // No change without its entry: the change goes back, and the failure is recorded alone.
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
      this.recordSafely(outcomes.failed(err), outcomes);
      throw err;
    }
    return value;
  }

  /**
   * The last step of a long job, run inside the write transaction the job itself holds (an
   * import's BEGIN IMMEDIATE, open across event-loop turns while other entries wait in memory):
   * the step's entry is written into that transaction, so it commits with the job's writes or
   * rolls back with them. A step or entry that fails throws into the job, which rolls back; the
   * call's failure entry is then written by the caller's own path, after the job let go.
   */
  private joined<T>(work: () => T, outcomes: AuditOutcomes<Awaited<T>>): T {
    const db = this.vault.isOpen() ? this.vault.requireDb() : null;
    if (!db?.inTransaction) throw new Error('joinTransaction outside the transaction of a job');
    const value = work();
    if (isThenable(value)) throw new Error('a joined step must not await');
    const entry = outcomes.ok(value as Awaited<T>);
    this.faultPoint?.('audit:beforeEntry');
    if (entry) appendAudit(db, withDevice({ ...entry, at: this.clock.now() }));
    return value;
  }

  /** `run` for work that awaits: its entry is written after it, success or failure. */
  async runAsync<T>(work: () => Promise<T>, outcomes: AuditOutcomes<T>): Promise<T> {
    return this.run(work, outcomes as AuditOutcomes<Awaited<Promise<T>>>, { sync: false });
  }

  private after<T>(work: () => T, outcomes: AuditOutcomes<Awaited<T>>): T {
    return runThenRecord((e) => this.record(e), work, outcomes);
  }

  /** The failure's entry in the open transaction, which then commits what the work kept. */
  private failedIn<T>(db: Db, err: unknown, outcomes: AuditOutcomes<T>): void {
    try {
      const entry = outcomes.failed(err);
      if (entry) appendAudit(db, withDevice({ ...entry, at: this.clock.now() }));
    } catch (auditErr) {
      outcomes.onAuditError?.(auditErr);
    }
    try {
      this.end(db, 'COMMIT');
    } catch (commitErr) {
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
      outcomes.onAuditError?.(commitErr);
    }
  }

  private recordSafely<T>(entry: AuditEntry | null, outcomes: AuditOutcomes<T>): void {
    recordSafely((e) => this.record(e), entry, outcomes);
  }

  private end(db: Db, how: 'COMMIT'): void {
    // The work may have closed the vault (that rolled its transaction back already).
    if (!db.open || !db.inTransaction) return;
    db.exec(how);
    runAfterCommit(db);
  }

  /** On while a job holds the write transaction; off moves what was held into the chain (or queue). */
  defer(on: boolean): void {
    this.deferred = on;
    if (on) return;
    const held = this.held;
    this.held = [];
    if (held.length === 0) return;
    if (this.vault.isOpen()) {
      const db = this.vault.requireDb();
      db.transaction(() => {
        for (const e of held) appendAudit(db, e);
      })();
    } else {
      for (const e of held) this.enqueue(e);
    }
  }

  /**
   * An entry for what a flow found or decided on its way, with the vault it holds open: an
   * interrupted key rotation settled at unlock, a device secret made or re-sealed, a refusal made
   * while the keystore cannot sign the queue (the vault closes again before the router's entry).
   * Never the outcome of a call: the router records that (see AppError.audit, ctx.auditDetail).
   */
  found(e: AuditEntry): void {
    this.record(e);
  }

  record(e: Omit<AuditEvent, 'at'>): void {
    // A remote call's entries name the device, whichever service records them.
    const event: AuditEvent = withDevice({ ...e, at: this.clock.now() });
    if (this.vault.isOpen() && !this.deferred) appendAudit(this.vault.requireDb(), event);
    else if (this.deferred) this.held.push(event);
    else this.enqueue(event);
  }

  private enqueue(event: AuditEvent): void {
    if (!this.slots.exists()) return;
    const key = this.queueKey();
    this.slots.update((f) => {
      const detail = { ...(event.detail ?? {}), ...(event.target ? { target: event.target } : {}) };
      const kind = (p: PendingEvent) =>
        p.actor === event.actor && p.action === event.action && p.outcome === event.outcome;
      const same = f.pending.length >= COLLAPSE_FROM ? f.pending.find(kind) : undefined;
      if (same) {
        same.count = (same.count ?? 1) + 1;
        same.lastAt = event.at;
        same.mac = mac(key, same);
      } else {
        const entry: PendingEvent = {
          at: event.at,
          actor: event.actor,
          action: event.action,
          outcome: event.outcome,
          detail,
        };
        entry.mac = mac(key, entry);
        f.pending.push(entry);
      }
    });
  }

  /** Moves queued entries into the chain; the queue is cleared only after they are written. */
  flushPending(): void {
    const pending = this.slots.read().pending;
    if (pending.length === 0) return;
    const key = this.queueKey();
    const db = this.vault.requireDb();
    let refused = 0;
    db.transaction(() => {
      for (const p of pending) {
        const verdict = check(key, p);
        if (verdict === 'forged') {
          refused++;
          continue;
        }
        // The queue keeps a target inside detail; the chain entry gets it back in its own column.
        const { target, ...detail } = p.detail;
        if (p.count && p.count > 1) Object.assign(detail, { count: p.count, lastAt: p.lastAt });
        // Queued or read while the keystore could not authenticate it: kept, no actor trusted.
        if (verdict === 'unverified') Object.assign(detail, { unverified: true });
        appendAudit(db, {
          at: p.at,
          actor: verdict === 'ok' ? p.actor : null,
          action: p.action,
          outcome: p.outcome,
          target: typeof target === 'string' ? target : null,
          detail,
        });
      }
      if (refused > 0) {
        appendAudit(db, {
          at: this.clock.now(),
          actor: null,
          action: 'audit.queueRejected',
          outcome: 'failed',
          target: null,
          detail: { count: refused },
        });
      }
    })();
    this.slots.takePending();
  }
}

/**
 * Runs `work` and then records its entry through `record`, success or failure (also when `work`
 * returns a promise): the path of an action that cannot share a transaction with its entry.
 */
export function runThenRecord<T>(
  record: (e: AuditEntry) => void,
  work: () => T,
  outcomes: AuditOutcomes<Awaited<T>>,
): T {
  let value: T;
  try {
    value = work();
  } catch (err) {
    recordSafely(record, outcomes.failed(err), outcomes);
    throw err;
  }
  const recordOk = (v: Awaited<T>) => {
    try {
      const entry = outcomes.ok(v);
      if (entry) record(entry);
    } catch (err) {
      recordSafely(record, outcomes.failed(err), outcomes);
      throw err;
    }
    return v;
  };
  if (!isThenable(value)) return recordOk(value as Awaited<T>) as T;
  return Promise.resolve(value).then(recordOk, (err: unknown) => {
    recordSafely(record, outcomes.failed(err), outcomes);
    throw err;
  }) as T;
}

/** A failure's entry must not turn the failure into another one: an error is only reported. */
function recordSafely<T>(
  record: (e: AuditEntry) => void,
  entry: AuditEntry | null,
  outcomes: AuditOutcomes<T>,
): void {
  if (!entry) return;
  try {
    record(entry);
  } catch (err) {
    outcomes.onAuditError?.(err);
  }
}

function canonical(p: PendingEvent): string {
  return JSON.stringify([p.at, p.actor, p.action, p.outcome, p.detail, p.count ?? 1, p.lastAt ?? null]);
}

function mac(key: Buffer | null, p: PendingEvent): string | null {
  return key ? createHmac('sha256', key).update(canonical(p)).digest('base64') : null;
}

function check(key: Buffer | null, p: PendingEvent): 'ok' | 'unverified' | 'forged' {
  // An entry without a MAC (queued while the keystore was away) proves nothing: anyone who can
  // write keyslots.json can add one. A refusal is kept unverified; a claim that something was done
  // is not.
  if (p.mac === undefined || p.mac === null) return p.outcome === 'ok' ? 'forged' : 'unverified';
  // A MAC that cannot be checked now (the keystore is away at this flush): kept, unverified.
  if (!key) return 'unverified';
  const want = Buffer.from(mac(key, p)!, 'base64');
  const got = Buffer.from(p.mac, 'base64');
  return got.length === want.length && timingSafeEqual(got, want) ? 'ok' : 'forged';
}
