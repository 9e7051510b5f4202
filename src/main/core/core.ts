import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { AppStatus, EventMap, EventName, LockReason, SessionUser } from '../../shared/domain';
import type { Language } from '../../shared/language';
import { Router } from '../ipc/router';
import { Sessions } from '../ipc/sessions';
import { registerHandlers } from '../ipc/handlers/index';
import { AuthService, type KdfPolicy } from '../services/auth.service';
import { getMeta } from '../services/users.repo';
import { DeviceSecret } from '../vault/device-secret';
import { KeySlotStore } from '../vault/keyslots';
import { RECOVERY_GROUPS } from '../vault/recovery-code';
import { VaultState } from '../vault/vault-state';
import { Auditor } from './auditor';
import { CsvImport } from '../services/import/csv-import';
import type { PhoneWorkerFactory } from '../services/import/phone-batch';
import { systemClock, type Clock, type Dialogs, type KeyStore, type Printer } from './ports';

export interface CoreOptions {
  dataDir: string;
  keyStore: KeyStore;
  printer: Printer;
  dialogs: Dialogs;
  clock?: Clock;
  kdf?: KdfPolicy;
  nativeBinding?: string;
  log?: (line: string) => void;
  /** Starts the import's phone-validation thread (optional: imports work without it, slower). */
  phoneWorker?: PhoneWorkerFactory;
}

export type EventSink = <E extends EventName>(windowId: string, event: E, payload: EventMap[E]) => void;

/** The recovery code lives in memory only until the owner proves they kept it. */
interface PendingRecovery {
  code: string;
  groups: number[];
}

/**
 * The whole backend, without Electron: the app, the test bridge, tests and benchmarks all build
 * one of these and call `router.dispatch` exactly as IPC does.
 */
export class Core {
  readonly clock: Clock;
  readonly slots: KeySlotStore;
  readonly device: DeviceSecret;
  readonly vault: VaultState;
  readonly auditor: Auditor;
  readonly auth: AuthService;
  readonly sessions: Sessions;
  readonly router: Router;
  readonly printer: Printer;
  readonly dialogs: Dialogs;
  readonly csvImport: CsvImport;
  private pendingRecovery: PendingRecovery | null = null;
  private autoLockMinutes = 5;
  private eventSink: EventSink = () => undefined;

  constructor(readonly options: CoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.printer = options.printer;
    this.dialogs = options.dialogs;
    this.slots = new KeySlotStore(join(options.dataDir, 'keyslots.json'));
    this.device = new DeviceSecret(join(options.dataDir, 'device.json'), options.keyStore);
    this.vault = new VaultState(join(options.dataDir, 'vault.db'), { nativeBinding: options.nativeBinding });
    this.auditor = new Auditor(this.vault, this.slots, this.clock);
    this.auth = new AuthService({
      slots: this.slots,
      device: this.device,
      vault: this.vault,
      auditor: this.auditor,
      clock: this.clock,
      kdf: options.kdf ?? { mode: 'calibrate', targetMs: 500 },
    });
    this.csvImport = new CsvImport({
      db: () => this.vault.requireDb(),
      dialogs: this.dialogs,
      now: () => this.clock.now(),
      phoneWorker: options.phoneWorker,
    });
    this.sessions = new Sessions(this.clock);
    this.sessions.onLock((windowId, reason) => this.eventSink(windowId, 'session:locked', { reason }));
    this.router = new Router({
      sessions: this.sessions,
      language: () => this.language(),
      recoveryPending: () => this.recoveryPending(),
      busy: () => this.csvImport.isRunning(),
      audit: (e) => this.auditor.record(e),
      log: options.log,
    });
    registerHandlers(this);
  }

  setEventSink(sink: EventSink): void {
    this.eventSink = sink;
  }

  dispatch(windowId: string, channel: unknown, input: unknown) {
    return this.router.dispatch(windowId, channel, input);
  }

  private preSetupLanguage: Language = 'id';

  language(): Language {
    if (!this.auth.isSetup()) return this.preSetupLanguage;
    try {
      return this.slots.language();
    } catch {
      return this.preSetupLanguage;
    }
  }

  setLanguage(language: Language): void {
    if (this.auth.isSetup()) this.slots.update((f) => void (f.language = language));
    else this.preSetupLanguage = language;
  }

  status(windowId: string): AppStatus {
    const setupDone = this.auth.isSetup();
    const session = this.sessions.get(windowId);
    const info = this.device.info();
    return {
      setupDone,
      shopName: setupDone ? this.slots.read().shopName : null,
      language: this.language(),
      user: session?.user ?? null,
      recoveryPending: session?.user.role === 'owner' && this.recoveryPending(),
      keystoreBackend: info.backend,
      keystoreProtected: info.protected,
    };
  }

  recoveryPending(): boolean {
    if (!this.vault.isOpen()) return false;
    return getMeta(this.vault.requireDb(), 'recovery_confirmed') === '0';
  }

  /** Starts a session for a window once the vault has been unlocked for a user. */
  beginSession(windowId: string, user: SessionUser): void {
    const previous = this.sessions.get(windowId);
    if (previous) this.sessions.end(windowId, 'switch-user');
    this.sessions.start(windowId, user);
    this.autoLockMinutes = Number(getMeta(this.vault.requireDb(), 'auto_lock_minutes') ?? 5);
  }

  setPendingRecovery(code: string): PendingRecovery {
    const groups = new Set<number>();
    while (groups.size < 2) groups.add(randomInt(1, RECOVERY_GROUPS + 1));
    this.pendingRecovery = { code, groups: [...groups].sort((a, b) => a - b) };
    return this.pendingRecovery;
  }

  getPendingRecovery(): PendingRecovery | null {
    return this.pendingRecovery;
  }

  clearPendingRecovery(): void {
    this.pendingRecovery = null;
  }

  setAutoLockMinutes(minutes: number): void {
    this.autoLockMinutes = minutes;
  }

  /** Ends one window's session; the vault closes (DEK zeroed) when no session is left. */
  lock(windowId: string, reason: LockReason): void {
    const session = this.sessions.get(windowId);
    if (session && this.vault.isOpen()) {
      this.auditor.record({ actor: session.user.id, action: 'auth.lock', outcome: 'ok', detail: { reason } });
    }
    this.sessions.end(windowId, reason);
    this.closeVaultIfIdle();
  }

  /** OS lock screen, sleep, or quit: every session ends. */
  lockAll(reason: LockReason): void {
    for (const [windowId] of this.sessions.entries()) this.lock(windowId, reason);
    this.closeVaultIfIdle();
  }

  emit<E extends EventName>(windowId: string, event: E, payload: EventMap[E]): void {
    this.eventSink(windowId, event, payload);
  }

  closeVaultIfIdle(): void {
    if (this.sessions.count() === 0 && this.vault.isOpen()) {
      this.pendingRecovery = null;
      this.csvImport.clear();
      this.vault.close();
    }
  }

  /** Called on a timer by the edge (and directly by tests with a manual clock). */
  tick(): void {
    const limit = this.autoLockMinutes * 60_000;
    for (const [windowId, s] of this.sessions.entries()) {
      if (this.clock.now() - s.lastActivity >= limit) this.lock(windowId, 'idle');
    }
  }

  dispose(): void {
    this.lockAll('manual');
  }
}
