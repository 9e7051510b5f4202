import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../ports/ports';
import type { KeySlotStore, PendingEvent } from '../vault/keyslots';
import type { VaultState } from '../vault/vault-state';
import { appendAudit, type AuditEvent } from './audit.service';

/** Past this many queued entries, repeats of the same kind are summed into one with a count. */
export const COLLAPSE_FROM = 100;

/**
 * Writes audit entries into the vault's hash chain. While the vault is locked (failed PINs,
 * denied calls at the lock screen) they wait in keyslots.json, each authenticated with a key only
 * main can derive (from the OS-sealed device secret), and join the chain at the next unlock;
 * while a long job holds the write transaction they wait in memory, so a cancelled job cannot
 * roll them back. Nothing is dropped: a flood of one kind becomes one entry with a count, and a
 * queued entry that was edited or forged in the file is refused at flush and counted.
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
  ) {}

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

  record(e: Omit<AuditEvent, 'at'>): void {
    const event: AuditEvent = { ...e, at: this.clock.now() };
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
        // Written while the keystore could not authenticate it: kept, but no actor is trusted.
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

function canonical(p: PendingEvent): string {
  return JSON.stringify([p.at, p.actor, p.action, p.outcome, p.detail, p.count ?? 1, p.lastAt ?? null]);
}

function mac(key: Buffer | null, p: PendingEvent): string | null {
  return key ? createHmac('sha256', key).update(canonical(p)).digest('base64') : null;
}

function check(key: Buffer | null, p: PendingEvent): 'ok' | 'unverified' | 'forged' {
  // An entry without a MAC proves nothing: anyone who can write keyslots.json can add one.
  if (p.mac === undefined || p.mac === null) return 'forged';
  if (!key) return 'unverified';
  const want = Buffer.from(mac(key, p)!, 'base64');
  const got = Buffer.from(p.mac, 'base64');
  return got.length === want.length && timingSafeEqual(got, want) ? 'ok' : 'forged';
}
