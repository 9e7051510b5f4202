import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../shared/contract';
import type { LockReason, RetentionProgress, SessionUser } from '../../shared/domain';
import type { ErrorCode, ErrorDetails, Result } from '../../shared/errors';
import { registerHandlers } from '../ipc/handlers/index';
import { Router } from '../ipc/router';
import { Sessions } from '../ipc/sessions';
import { AppError } from '../lib/app-error';
import { osProblem } from '../lib/os-errors';
import { mkdirDurable, removeStaleDurableTemps } from '../lib/durable-fs';
import { JobRunner } from '../lib/long-job';
import {
  systemClock,
  type Clock,
  type Dialogs,
  type Handoff,
  type KeyStore,
  type LanHost,
  type Printer,
} from '../ports/ports';
import { LAN_HANDOFF_EVENT, type LanBackend, type LanFileLimits } from '../lan/protocol';
import type { WindowFiles, WindowHandoff } from '../ipc/handlers/deps';
import { LanPrimary } from '../services/lan/primary';
import { Auditor } from '../services/auditor';
import { AuthService, type KdfPolicy } from '../services/auth.service';
import { purgeIndexRemnantsIfDirty } from '../services/customers.repo';
import { refreshNotice } from '../services/rights/documents';
import { expiryDue, runExpiry } from '../services/loyalty/programme';
import type { Db } from '../vault/database';
import { CsvImport } from '../services/import/csv-import';
import type { PhoneWorkerFactory } from '../services/import/phone-batch';
import { SalesImport, type XlsxWorkerFactory } from '../services/sales/sales-import';
import { SessionLifecycle, type EventSink } from '../services/session-lifecycle';
import { UsageGuard, type UsageLimits } from '../services/usage-guard';
import { HourlyLimit } from '../services/hourly-limit';
import { briefingDue } from '../services/briefing';
import { UsersService } from '../services/users.service';
import { BackupService, type BackupWorkerFactory } from '../services/backup/backup.service';
import { settleInterruptedRestore, type SettleOutcome } from '../services/backup/restore';
import { RestoreLeftovers } from '../services/backup/leftovers';
import { RetentionService } from '../services/retention/retention.service';
import { ConfirmedTime } from '../services/confirmed-time';
import { DAY_MS } from '../../shared/shop-time';
import { Reports } from '../services/reports';
import type { WorkerFactory } from '../lib/worker-job';
import { DeviceSecret } from '../vault/device-secret';
import { auditAnchorKey, auditQueueKey, restoreMarkerKey } from '../vault/kdf';
import { AuditAnchor } from '../services/audit-anchor';
import { KeySlotStore } from '../vault/keyslots';
import { VaultGuard } from '../vault/generation';
import { VaultState } from '../vault/vault-state';

export interface CoreOptions {
  dataDir: string;
  keyStore: KeyStore;
  printer: Printer;
  dialogs: Dialogs;
  /** Opens WhatsApp or copies, at the user's click (Electron shell and clipboard in the app). */
  handoff: Handoff;
  clock?: Clock;
  kdf?: KdfPolicy;
  nativeBinding?: string;
  log?: (line: string) => void;
  /** Starts the import's phone-validation thread (optional: imports work without it, slower). */
  phoneWorker?: PhoneWorkerFactory;
  /**
   * Starts the thread that reads a POS export saved as .xlsx (with the memory limits it is given);
   * without it an .xlsx is refused, never parsed on main.
   */
  xlsxWorker?: XlsxWorkerFactory;
  /**
   * The long-job worker (the app's bundled backup-worker.js): backups, restores and the purge run
   * there, off main's thread; without it they run in-process.
   */
  backupWorker?: BackupWorkerFactory;
  /**
   * The owner's dashboard thread (the app's bundled dashboard-worker.js): it loads only the
   * dashboard's code, so its cold start is short; without it the long-job worker reads for it.
   */
  dashboardWorker?: WorkerFactory;
  /** Written into every backup's manifest. */
  appVersion?: string;
  /**
   * Crash tests only: called by name between the steps of a backup, a restore, an import and a
   * key rotation, so a test can kill the process exactly there.
   */
  faultPoint?: (name: string) => void;
  /** How much a cashier may search and open before being slowed down (tests lower it). */
  usageLimits?: UsageLimits;
  /** Requests a cashier may record in an hour (10 unless a test says otherwise). */
  requestsPerHour?: number;
  /**
   * The second counter's server (the LAN link in the app; a recording one in tests): started
   * only while the owner has the feature on. Without it the feature cannot be turned on.
   */
  lanHost?: LanHost;
  /** Bounds of a file handed to a paired laptop's window (tests lower them). */
  lanFiles?: LanFileLimits;
}

export type { EventSink };

/** A timed job or the edge acts for no one: its entries name no actor. */
const TIMED = { actor: null } as const;

/**
 * The data folder's files written with `writeDurable` (sibling `<name>.<pid>.tmp`, then rename):
 * the device secret, the key slots, the audit anchor, and a restore's marker and staged slots.
 */
const DURABLE_FILES = [
  'device.json',
  'keyslots.json',
  'audit-anchor.json',
  'restore.json',
  'keyslots.restore.json',
] as const;

/**
 * Assembles the whole backend, without Electron: the app, the test bridge, tests and benchmarks
 * all build one of these and call `dispatch` exactly as IPC does. It holds no logic of its own:
 * the few methods below are the edge's entry points, passed through to the session lifecycle.
 */
export class Core {
  readonly clock: Clock;
  readonly slots: KeySlotStore;
  readonly device: DeviceSecret;
  readonly vault: VaultState;
  readonly auditor: Auditor;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly sessions: Sessions;
  readonly lifecycle: SessionLifecycle;
  readonly jobs: JobRunner;
  readonly csvImport: CsvImport;
  readonly salesImport: SalesImport;
  readonly router: Router;
  readonly usage: UsageGuard;
  /** Requests a cashier may record per hour: a real shop gets a few a month. */
  readonly requestLimit: HourlyLimit;
  readonly joinLimit: HourlyLimit;
  readonly anchor: AuditAnchor;
  readonly backups: BackupService;
  readonly retention: RetentionService;
  readonly time: ConfirmedTime;
  readonly reports: Reports;
  /** What start-up found of an interrupted restore (shown once by the lock screen's status). */
  readonly restoreOutcome: SettleOutcome;
  /** What a restore set aside (see leftovers.ts). */
  readonly leftovers: RestoreLeftovers;
  /** The second counter, on this laptop as the primary: devices, pairing, remote sessions. */
  readonly lan: LanPrimary;
  /** Where events for this laptop's own windows go (the edge's sink). */
  private localSink: EventSink = () => undefined;

  constructor(readonly options: CoreOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    // The data folder is this OS user's alone (POSIX; on Windows the profile folder's ACL does it).
    mkdirDurable(options.dataDir);
    if (process.platform !== 'win32') ownerOnlyFolder(options.dataDir);
    // Before anything reads the folder: an atomic write killed before its rename left an older
    // copy of the file beside it (key slots a retired code still opens), which nothing else reads.
    removeStaleDurableTemps(options.dataDir, DURABLE_FILES);
    this.device = new DeviceSecret(join(options.dataDir, 'device.json'), options.keyStore);
    // A restore cut short by a crash is finished or undone before anything opens the vault; its
    // marker counts only if this device wrote it (keyed from the device secret).
    const settled = settleInterruptedRestore(options.dataDir, this.markerKey(), options.faultPoint);
    this.restoreOutcome = settled.outcome;
    this.slots = new KeySlotStore(join(options.dataDir, 'keyslots.json'));
    this.vault = new VaultState(join(options.dataDir, 'vault.db'), { nativeBinding: options.nativeBinding });
    // Keys from the OS-sealed device secret: a hand-edited keyslots.json or anchor file cannot
    // carry a valid MAC. While the keystore is unavailable there is no key (entries are flagged).
    const deviceKey = (derive: (secret: Buffer) => Buffer) => () => {
      if (!this.device.exists()) return null;
      try {
        return derive(this.device.load());
      } catch {
        return null;
      }
    };
    const auditor = (this.auditor = new Auditor(
      this.vault,
      this.slots,
      clock,
      deviceKey(auditQueueKey),
      options.faultPoint,
    ));
    // Joins the chain at the next unlock (the queue in keyslots.json).
    if (settled.outcome === 'marker_rejected')
      auditor.record({
        actor: null,
        action: 'restore.markerRejected',
        outcome: 'denied',
        detail: { reason: settled.problem ?? 'unreadable' },
      });
    this.leftovers = new RestoreLeftovers(options.dataDir, (files, when) =>
      auditor.record({
        actor: null,
        action: 'restore.leftoversDeleted',
        outcome: 'ok',
        detail: { files, when },
      }),
    );
    this.anchor = new AuditAnchor(join(options.dataDir, 'audit-anchor.json'), deviceKey(auditAnchorKey));
    this.auth = new AuthService({
      slots: this.slots,
      device: this.device,
      vault: this.vault,
      auditor,
      clock,
      kdf: options.kdf ?? { mode: 'calibrate', targetMs: 500 },
      guard: new VaultGuard({ keyStore: options.keyStore, clock, audit: (e) => auditor.record(e) }),
      faultPoint: options.faultPoint,
      leftovers: this.leftovers,
    });
    this.users = new UsersService({ vault: this.vault, auth: this.auth, clock });
    this.sessions = new Sessions(clock);
    this.lifecycle = new SessionLifecycle({
      sessions: this.sessions,
      vault: this.vault,
      slots: this.slots,
      device: this.device,
      auditor,
      clock,
      restoreOutcome: this.restoreOutcome,
      leftovers: this.leftovers,
      remoteDevice: (windowId) => this.lan.deviceOfWindow(windowId),
    });
    // A remote window's events go through the link; this laptop's own to the edge's sink.
    this.lifecycle.setEventSink((windowId, event, payload) => {
      if (!this.lan.routeEvent(windowId, event, payload)) this.localSink(windowId, event, payload);
    });
    // While a job holds the write transaction, audit entries wait in the queue: cancelling the
    // job must not roll back other people's entries with it.
    this.jobs = new JobRunner({
      onHoldWrites: () => auditor.defer(true),
      onReleaseWrites: () => {
        auditor.defer(false);
        if (this.vault.isOpen()) auditor.flushPending();
      },
    });
    this.csvImport = new CsvImport({
      db: () => this.vault.requireDb(),
      dialogs: options.dialogs,
      now: () => clock.now(),
      phoneWorker: options.phoneWorker,
      faultPoint: options.faultPoint,
    });
    this.salesImport = new SalesImport({
      db: () => this.vault.requireDb(),
      dialogs: options.dialogs,
      now: () => clock.now(),
      xlsxWorker: options.xlsxWorker,
      faultPoint: options.faultPoint,
    });
    // Its windows are kept in the vault (quitting and starting the app gives no fresh hour).
    this.usage = new UsageGuard(
      {
        clock,
        auditor,
        vault: () => (this.vault.isOpen() ? this.vault.requireDb() : null),
        canWrite: () => !this.jobs.holdsWrites(),
      },
      options.usageLimits,
    );
    // One confirmed time for the run: the purge and the backups act on time the app saw pass.
    this.time = new ConfirmedTime(
      clock,
      () => (this.vault.isOpen() ? this.vault.requireDb() : null),
      // A clock set ahead before a start shows as a closure the owner knows did not happen.
      (gap, left) =>
        auditor.record({
          actor: null,
          action: 'clock.gapBelieved',
          outcome: 'ok',
          detail: { days: Math.floor(gap / DAY_MS), reserveDays: Math.floor(left / DAY_MS) },
        }),
    );
    this.requestLimit = new HourlyLimit(
      { clock, auditor, store: this.usage },
      'request',
      options.requestsPerHour ?? 10,
    );
    // A busy counter signs up a few customers an hour; 30 codes of 5 tries each is 150 guesses
    // an hour against 2^30 codes.
    this.joinLimit = new HourlyLimit({ clock, auditor, store: this.usage }, 'joinCode', 30);
    this.backups = new BackupService({
      vault: this.vault,
      clock,
      time: this.time,
      dialogs: options.dialogs,
      appVersion: options.appVersion ?? '0.0.0',
      shopName: () => this.auth.shopName(),
      nativeBinding: options.nativeBinding,
      worker: options.backupWorker,
      faultPoint: options.faultPoint,
    });
    this.retention = new RetentionService({
      vault: this.vault,
      clock,
      time: this.time,
      nativeBinding: options.nativeBinding,
      worker: options.backupWorker,
      // What a restore set aside still holds the erased: it goes with them.
      afterErase: () => this.leftovers.discard('erasure'),
    });
    this.reports = new Reports({
      vault: this.vault,
      nativeBinding: options.nativeBinding,
      worker: options.backupWorker,
      dashboardWorker: options.dashboardWorker,
    });
    this.lifecycle.onVaultClose(() => {
      // Locking must never fail: a failed anchor write only leaves the previous anchor in place.
      try {
        this.anchor.update(this.vault.requireDb());
      } catch {
        /* the next lock or verify tries again */
      }
      this.jobs.cancel();
      this.reports.cancelAll();
      this.csvImport.clear();
      this.salesImport.clear();
      // The usage guard keeps its windows across a lock: locking and unlocking again must not
      // give a cashier a fresh hour of views (its times are monotonic, its keys ids only). The
      // running time until now is written with them: the next start goes on from there.
      try {
        this.usage.save();
      } catch {
        /* the windows were written at their last change; only the time since then is lost */
      }
      this.backups.takeVerified();
      this.lan.vaultClosed();
    });
    this.router = new Router({
      sessions: this.sessions,
      language: () => this.lifecycle.language(),
      recoveryPending: () => this.lifecycle.recoveryPending(),
      briefingDue: (user) => this.vault.isOpen() && briefingDue(this.vault.requireDb(), user.id, clock.now()),
      busy: () => this.jobs.holdsWrites(),
      audit: (e) => auditor.record(e),
      audited: (work, outcomes, opts) => auditor.run(work, outcomes, opts),
      log: options.log,
      // The privacy notice follows the settings it is generated from: a change makes a version.
      afterWrite: (channel) => {
        if (contract[channel].changesNotice && this.vault.isOpen())
          refreshNotice(this.vault.requireDb(), clock.now());
      },
    });
    this.lan = new LanPrimary({
      vault: this.vault,
      clock,
      auditor,
      router: this.router,
      sessions: this.sessions,
      lifecycle: this.lifecycle,
      host: options.lanHost ?? null,
      shopName: () => this.auth.shopName(),
      faultPoint: options.faultPoint,
      files: options.lanFiles,
    });
    const printer: Printer = {
      // A printer that chose the place itself (the dev bridge's folder) says where: the owner's
      // window shows it, as the app's save dialog would have.
      printToPdf: async (html, name) => {
        const r = await options.printer.printToPdf(html, name);
        if (r.saved && r.path) this.lifecycle.emitToOwners('print:saved', { path: r.path });
        return { saved: r.saved };
      },
    };
    registerHandlers({
      router: this.router,
      lan: this.lan,
      vault: this.vault,
      clock,
      auth: this.auth,
      users: this.users,
      sessions: this.sessions,
      lifecycle: this.lifecycle,
      printer,
      dialogs: options.dialogs,
      handoff: this.windowHandoff(options.handoff),
      files: this.windowFiles(options.dialogs, printer),
      keyStore: options.keyStore,
      jobs: this.jobs,
      csvImport: this.csvImport,
      salesImport: this.salesImport,
      usage: this.usage,
      time: this.time,
      requestLimit: this.requestLimit,
      joinLimit: this.joinLimit,
      anchor: this.anchor,
      backups: this.backups,
      retention: this.retention,
      reports: this.reports,
      dataDir: options.dataDir,
      nativeBinding: options.nativeBinding,
    });
  }

  /**
   * The restore marker's key; a keystore locked right now is told apart from a secret that is
   * gone or never was (a marker then cannot be this device's).
   */
  private markerKey(): Buffer | 'keystore_unavailable' | 'no_device_secret' {
    try {
      return restoreMarkerKey(this.device.load());
    } catch (err) {
      return err instanceof AppError && err.code === 'KEYSTORE_UNAVAILABLE'
        ? 'keystore_unavailable'
        : 'no_device_secret';
    }
  }

  async dispatch(windowId: string, channel: unknown, input: unknown) {
    try {
      return await this.router.dispatch(windowId, channel, input);
    } finally {
      // An unlock may have opened the vault: the second counter's devices and server follow it.
      this.lan.sync();
    }
  }

  /**
   * WhatsApp and the clipboard where the calling window is: this laptop's own, or a paired
   * laptop's, whose main receives the text through the link (`lan:handoff`) and opens it there.
   */
  private windowHandoff(local: Handoff): WindowHandoff {
    const remote = (windowId: string, mode: 'open' | 'copy', text: string) =>
      this.lan.routeEvent(windowId, LAN_HANDOFF_EVENT, { mode, text });
    return {
      openWhatsApp: async (windowId, url) => {
        if (!remote(windowId, 'open', url)) await local.openWhatsApp(url);
      },
      copyText: (windowId, text) => {
        if (!remote(windowId, 'copy', text)) local.copyText(text);
      },
    };
  }

  /**
   * The save dialog and the PDF printer of the laptop the calling window is on: this laptop's
   * own, or a paired laptop's, whose main takes the file through the link and answers whether
   * its user saved it.
   */
  private windowFiles(dialogs: Dialogs, printer: Printer): WindowFiles {
    const remote = (windowId: string) => this.lan.deviceOfWindow(windowId) !== null;
    return {
      saveFile: (windowId, name, data) =>
        remote(windowId)
          ? this.lan.sendFile(windowId, { kind: 'save', name, data })
          : dialogs.saveFile(name, data),
      printToPdf: (windowId, html, name) =>
        remote(windowId)
          ? this.lan.sendFile(windowId, { kind: 'print', name, html })
          : printer.printToPdf(html, name),
    };
  }

  /** The primary's Core as the LAN link's server calls it. */
  get lanBackend(): LanBackend {
    return this.lan;
  }

  /** A refusal made before the router (the IPC edge's), answered like the router's own. */
  refuse(code: ErrorCode, details?: ErrorDetails): Result<never> {
    return this.router.fail(code, details);
  }

  setEventSink(sink: EventSink): void {
    this.localSink = sink;
  }

  lock(windowId: string, reason: LockReason): void {
    this.lifecycle.lock(windowId, reason);
  }

  lockAll(reason: LockReason): void {
    this.lifecycle.lockAll(reason);
  }

  /** The edge calls this when the laptop wakes: the time it slept is checked like a restart's. */
  clockResumed(): void {
    this.time.resumed();
  }

  /**
   * Called on a timer by the edge (and directly by tests with a manual clock): idle locks, and
   * the background purge of search-index remnants when no job is running.
   */
  private readonly noticeChecked = new WeakSet<object>();

  tick(): void {
    this.lifecycle.tick();
    if (this.vault.isOpen() && !this.jobs.isRunning()) {
      const db = this.vault.requireDb();
      purgeIndexRemnantsIfDirty(db);
      // Once per opened vault: an app update may word the notice differently (a new version).
      if (!this.noticeChecked.has(db)) {
        this.noticeChecked.add(db);
        refreshNotice(db, this.clock.now());
      }
      this.expirePoints(db);
      this.anchor.update(db);
      this.lan.sync();
      this.lan.tick(db);
      if (this.retention.autoDue() || this.backups.autoDue()) void this.dailyWork();
    }
  }

  /**
   * Members' points past their validity expire once a shop day, on the time the app has seen pass
   * (as the purge: a clock set ahead expires nothing early), audited as a timed job.
   */
  private expirePoints(db: Db): void {
    const confirmed = this.time.confirmedNow(db);
    if (!expiryDue(db, confirmed)) return;
    try {
      this.auditor.run(() => runExpiry(db, confirmed), {
        ok: (r) => ({ ...TIMED, action: 'loyalty.expire', outcome: 'ok', detail: r }),
        failed: (err) => ({
          ...TIMED,
          action: 'loyalty.expire',
          outcome: 'failed',
          detail: { code: (err as { code?: string }).code ?? 'INTERNAL' },
        }),
      });
    } catch {
      /* recorded as failed; tried again at the next tick */
    }
  }

  /** The daily purge, then the daily backup (so the backup holds no one the purge erased). */
  private async dailyWork(): Promise<void> {
    if (this.retention.autoDue()) await this.autoPurge();
    if (this.vault.isOpen() && this.backups.autoDue()) await this.autoBackup('daily');
  }

  /**
   * The daily purge (deletion schedules), first after unlock and then once a day while the app
   * runs: a long job like any other, audited with its counts; no network, no window needed.
   */
  async autoPurge(): Promise<void> {
    if (!this.vault.isOpen() || this.jobs.isRunning()) return;
    await this.auditor
      .runAsync(
        () =>
          this.jobs.run(
            'retention.purge',
            (p: RetentionProgress) => this.lifecycle.emitToOwners('retention:progress', p),
            (job) => this.retention.purge(job),
          ),
        {
          ok: (result) => ({
            ...TIMED,
            action: 'retention.purge',
            outcome: 'ok',
            detail: { ...result, when: 'auto' },
          }),
          failed: (err) => ({
            ...TIMED,
            action: 'retention.purge',
            outcome: 'failed',
            detail: { when: 'auto', code: (err as { code?: string }).code ?? 'INTERNAL' },
          }),
        },
      )
      .catch(() => undefined);
  }

  /** Test and bridge helper: a session for a window whose vault is already open. */
  beginSession(windowId: string, user: SessionUser): void {
    this.lifecycle.begin(windowId, user);
  }

  /**
   * An automatic backup (daily, or when the app closes): a long job like any other, audited with
   * its outcome; a failure is kept for the owner's banner, never skipped silently.
   */
  async autoBackup(when: 'daily' | 'closing'): Promise<void> {
    if (!this.vault.isOpen() || this.jobs.isRunning()) return;
    const reasonOf = (err: unknown) =>
      (err as { details?: { reason?: string }; code?: string }).details?.reason ??
      (err as { code?: string }).code ??
      'INTERNAL';
    try {
      await this.auditor.runAsync(
        () =>
          this.jobs.run(
            'backup.auto',
            () => undefined,
            (job) => this.backups.create(job, false),
          ),
        {
          ok: (written) => ({
            ...TIMED,
            action: 'backups.auto',
            outcome: 'ok',
            detail: { when, bytes: written.bytes, customers: written.manifest.counts.customers ?? 0 },
          }),
          failed: (err) => {
            // Kept for the owner's banner, never skipped silently.
            if (this.vault.isOpen()) this.backups.noteFailure(reasonOf(err));
            return {
              ...TIMED,
              action: 'backups.auto',
              outcome: 'failed',
              detail: { when, reason: reasonOf(err) },
            };
          },
        },
      );
      this.lifecycle.emitToOwners('backup:finished', { ok: true });
    } catch {
      this.lifecycle.emitToOwners('backup:finished', { ok: false });
    }
  }

  /** The edge calls this when the app is closing: one last backup if they are on. */
  async beforeQuit(): Promise<void> {
    if (this.vault.isOpen() && this.backups.status().auto) await this.autoBackup('closing');
  }

  dispose(): void {
    this.lifecycle.lockAll('manual');
    void this.lan.stop().catch(() => undefined);
  }
}

/**
 * The data folder is made this OS user's alone. On a read-only file system its mode cannot change,
 * and nothing else can either: the app starts, and the first write says the folder is read-only
 * (NO_ACCESS) rather than the app failing to start with no word to the owner.
 */
function ownerOnlyFolder(dir: string): void {
  try {
    chmodSync(dir, 0o700);
  } catch (err) {
    if (osProblem(err) !== 'read_only') throw err;
  }
}
