import { appendAudit, type AuditEvent } from './audit.service';
import type { KeySlotStore } from '../vault/keyslots';
import type { VaultState } from '../vault/vault-state';
import type { Clock } from '../ports/ports';

/**
 * Writes audit entries into the vault's hash chain, or, while the vault is locked (failed PINs,
 * denied calls at the lock screen), queues them in keyslots.json without personal data until the
 * next unlock brings them into the chain.
 */
export class Auditor {
  constructor(
    private readonly vault: VaultState,
    private readonly slots: KeySlotStore,
    private readonly clock: Clock,
  ) {}

  private deferred = false;

  /**
   * While a long import holds one open transaction, entries go to the queue instead, so that
   * cancelling the import cannot roll back other people's audit entries. flushPending ends it.
   */
  defer(on: boolean): void {
    this.deferred = on;
  }

  record(e: Omit<AuditEvent, 'at'>): void {
    const event = { ...e, at: this.clock.now() };
    if (this.vault.isOpen() && !this.deferred) {
      appendAudit(this.vault.requireDb(), event);
    } else if (this.slots.exists()) {
      this.slots.addPending({
        at: event.at,
        actor: event.actor,
        action: event.action,
        outcome: event.outcome,
        detail: { ...(event.detail ?? {}), ...(event.target ? { target: event.target } : {}) },
      });
    }
  }

  /** Moves queued events into the chain; the queue is cleared only after they are written. */
  flushPending(): void {
    const pending = this.slots.read().pending;
    if (pending.length === 0) return;
    const db = this.vault.requireDb();
    db.transaction(() => {
      for (const p of pending) {
        // The queue keeps a target inside detail; the chain entry gets it back in its own column.
        const { target, ...detail } = p.detail;
        appendAudit(db, { ...p, target: typeof target === 'string' ? target : null, detail });
      }
    })();
    this.slots.takePending();
  }
}
