import { randomInt } from 'node:crypto';
import type { AppStatus, EventMap, EventName, LockReason, SessionUser } from '../../shared/domain';
import type { Language } from '../../shared/language';
import type { Sessions } from '../ipc/sessions';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { DeviceSecret } from '../vault/device-secret';
import type { KeySlotStore } from '../vault/keyslots';
import { RECOVERY_GROUPS } from '../vault/recovery-code';
import type { VaultState } from '../vault/vault-state';
import { requestsSummary } from './rights/requests';
import { openIncident } from './breach/incidents';
import { briefingDue, briefingGate } from './briefing';
import { countRecent } from './audit.service';
import type { Auditor } from './auditor';
import { asRemote } from './lan/remote-call';
import { getMeta, readSettings, recoveryIncident, recoveryPending } from './settings.service';

export type EventSink = <E extends EventName>(windowId: string, event: E, payload: EventMap[E]) => void;

/** The recovery code lives in memory only until the owner proves they kept it. */
export interface PendingRecovery {
  code: string;
  groups: number[];
  /** Wrong answers so far, and when the last one came (monotonic ms). */
  failures: number;
  lastFailureAt: number;
}

/**
 * Sessions from login to lock: who is in at which window, when the vault opens and closes (it
 * closes, zeroing the key, when the last session ends), idle and OS locks, the recovery code
 * waiting to be confirmed, the UI language, and the status the lock screen shows. Events to a
 * window go out through the edge's sink.
 */
export class SessionLifecycle {
  private pendingRecovery: PendingRecovery | null = null;
  private autoLockMinutes = 5;
  private preSetupLanguage: Language = 'id';
  private eventSink: EventSink = () => undefined;
  private readonly closeListeners: (() => void)[] = [];
  /** Counts locks per window (and of all windows): an unlock that started before one must not win. */
  private readonly lockCounts = new Map<string, number>();
  private lockAllCount = 0;

  constructor(
    private readonly d: {
      sessions: Sessions;
      vault: VaultState;
      slots: KeySlotStore;
      device: DeviceSecret;
      auditor: Auditor;
      clock: Clock;
      restoreOutcome?: AppStatus['restoreOutcome'];
      /** What a restore set aside, while it is there (the owner's banner). */
      leftovers?: { status(): AppStatus['restoreLeftovers'] };
      /** The paired laptop a window is on (null: this laptop's own): named by its lock's entry. */
      remoteDevice?: (windowId: string) => string | null;
    },
  ) {
    d.sessions.onLock((windowId, reason) => this.emit(windowId, 'session:locked', { reason }));
  }

  setEventSink(sink: EventSink): void {
    this.eventSink = sink;
  }

  emit<E extends EventName>(windowId: string, event: E, payload: EventMap[E]): void {
    this.eventSink(windowId, event, payload);
  }

  /** To every window where the owner is logged in (progress of work nobody in particular started). */
  emitToOwners<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const [windowId, s] of this.d.sessions.entries()) {
      if (s.user.role === 'owner') this.eventSink(windowId, event, payload);
    }
  }

  /** Runs when the vault closes (last session ended): long jobs stop, files in memory are dropped. */
  onVaultClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  private isSetup(): boolean {
    return this.d.slots.exists();
  }

  language(): Language {
    if (!this.isSetup()) return this.preSetupLanguage;
    try {
      return this.d.slots.language();
    } catch {
      return this.preSetupLanguage;
    }
  }

  setLanguage(language: Language): void {
    if (this.isSetup()) this.d.slots.update((f) => void (f.language = language));
    else this.preSetupLanguage = language;
  }

  status(windowId: string): AppStatus {
    const setupDone = this.isSetup();
    const session = this.d.sessions.get(windowId);
    const info = this.d.device.info();
    return {
      setupDone,
      shopName: setupDone ? this.d.slots.read().shopName : null,
      language: this.language(),
      user: session?.user ?? null,
      recoveryPending: session?.user.role === 'owner' && this.recoveryPending(),
      recoveryIncident:
        session?.user.role === 'owner' && this.d.vault.isOpen()
          ? recoveryIncident(this.d.vault.requireDb())
          : null,
      keystoreBackend: info.backend,
      keystoreProtected: info.protected,
      restoreOutcome: this.d.restoreOutcome ?? null,
      // On the lock screen too: the owner may not get past it with the restored vault.
      restoreLeftovers:
        !session || session.user.role === 'owner' ? (this.d.leftovers?.status() ?? null) : null,
      backupDue: session?.user.role === 'owner' && this.d.vault.isOpen() && this.backupDue(),
      backupError:
        session?.user.role === 'owner' && this.d.vault.isOpen()
          ? getMeta(this.d.vault.requireDb(), 'backup_last_error') || null
          : null,
      usageAlerts:
        session?.user.role === 'owner' && this.d.vault.isOpen()
          ? countRecent(this.d.vault.requireDb(), 'usage.limited', this.d.clock.now() - 7 * 86_400_000)
          : 0,
      requestsDue: session?.user.role === 'owner' && this.d.vault.isOpen() ? this.requestsDue() : null,
      briefingDue:
        session !== undefined && session !== null && this.d.vault.isOpen()
          ? briefingDue(this.d.vault.requireDb(), session.user.id, this.d.clock.now())
          : false,
      briefingGate:
        session !== undefined && session !== null && this.d.vault.isOpen()
          ? briefingGate(this.d.vault.requireDb(), session.user, this.d.clock.now())
          : false,
      openIncident:
        session?.user.role === 'owner' && this.d.vault.isOpen()
          ? openIncident(this.d.vault.requireDb())
          : null,
    };
  }

  private requestsDue(): AppStatus['requestsDue'] {
    const s = requestsSummary(this.d.vault.requireDb(), this.d.clock.now());
    return s.overdue + s.dueSoon > 0 ? { overdue: s.overdue, dueSoon: s.dueSoon } : null;
  }

  /**
   * No verified backup within the last 7 days (or none at all). One dated after now is stale, not
   * recent: the clock was wrong when it was made, or is now.
   */
  private backupDue(): boolean {
    const last = Number(getMeta(this.d.vault.requireDb(), 'last_backup_verified_at') ?? 0);
    const now = this.d.clock.now();
    return now - last > 7 * 86_400_000 || last > now;
  }

  recoveryPending(): boolean {
    return this.d.vault.isOpen() && recoveryPending(this.d.vault.requireDb());
  }

  /** Starts a session for a window once the vault has been unlocked for a user. */
  begin(windowId: string, user: SessionUser): void {
    if (this.d.sessions.get(windowId)) this.d.sessions.end(windowId, 'switch-user');
    this.d.sessions.start(windowId, user);
    this.autoLockMinutes = readSettings(this.d.vault.requireDb()).autoLockMinutes;
  }

  setAutoLockMinutes(minutes: number): void {
    this.autoLockMinutes = minutes;
  }

  setPendingRecovery(code: string): PendingRecovery {
    const groups = new Set<number>();
    while (groups.size < 2) groups.add(randomInt(1, RECOVERY_GROUPS + 1));
    this.pendingRecovery = { code, groups: [...groups].sort((a, b) => a - b), failures: 0, lastFailureAt: 0 };
    return this.pendingRecovery;
  }

  getPendingRecovery(): PendingRecovery | null {
    return this.pendingRecovery;
  }

  clearPendingRecovery(): void {
    this.pendingRecovery = null;
  }

  /** Changes whenever this window is locked; compare before and after a slow unlock. */
  lockEpoch(windowId: string): number {
    return (this.lockCounts.get(windowId) ?? 0) + this.lockAllCount;
  }

  /**
   * Begins the session unless the window was locked while the PIN was being checked: the lock
   * wins (the vault closes again once no session is left).
   */
  beginUnlessLocked(windowId: string, user: SessionUser, epochAtStart: number): void {
    if (this.lockEpoch(windowId) !== epochAtStart) throw new AppError('LOCKED');
    this.begin(windowId, user);
  }

  /** Ends one window's session; the vault closes (DEK zeroed) when no session is left. */
  lock(windowId: string, reason: LockReason): void {
    this.lockCounts.set(windowId, (this.lockCounts.get(windowId) ?? 0) + 1);
    const session = this.d.sessions.get(windowId);
    try {
      if (session && this.d.vault.isOpen()) {
        const record = () =>
          this.d.auditor.record({
            actor: session.user.id,
            action: 'auth.lock',
            outcome: 'ok',
            detail: { reason },
          });
        // An idle lock of a paired laptop's window is that device's too, whoever calls it.
        const device = this.d.remoteDevice?.(windowId) ?? null;
        if (device) asRemote(device, record);
        else record();
      }
    } finally {
      // The lock holds even when its entry cannot be written (a full disk); the error still says why.
      this.d.sessions.end(windowId, reason);
      this.closeVaultIfIdle();
    }
  }

  /** Every session of one user (a cashier the owner just disabled). */
  lockUser(userId: string, reason: LockReason): void {
    for (const [windowId, s] of this.d.sessions.entries()) {
      if (s.user.id === userId) this.lock(windowId, reason);
    }
  }

  /** OS lock screen, sleep, or quit: every session ends. */
  lockAll(reason: LockReason): void {
    this.lockAllCount++;
    const failures: unknown[] = [];
    for (const [windowId] of this.d.sessions.entries()) {
      try {
        this.lock(windowId, reason);
      } catch (err) {
        failures.push(err);
      }
    }
    this.closeVaultIfIdle();
    // Every window is locked first; then the first failure (an entry not written) is told.
    if (failures.length) throw failures[0];
  }

  closeVaultIfIdle(): void {
    if (this.d.sessions.count() === 0 && this.d.vault.isOpen()) {
      this.pendingRecovery = null;
      for (const l of this.closeListeners) l();
      this.d.vault.close();
    }
  }

  /** Called on a timer by the edge (and directly by tests with a manual clock). */
  tick(): void {
    const limit = this.autoLockMinutes * 60_000;
    for (const [windowId, s] of this.d.sessions.entries()) {
      if (this.d.clock.monotonic() - s.lastActivity >= limit) this.lock(windowId, 'idle');
    }
  }
}
