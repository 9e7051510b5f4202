import { normalizeRecoveryCode } from '../../vault/recovery-code';
import { existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { BackupStatus, BackupProgress, RestorePreview } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import { osProblem } from '../../lib/os-errors';
import type { Job } from '../../lib/long-job';
import type { Clock, Dialogs } from '../../ports/ports';
import type { VaultState } from '../../vault/vault-state';
import { getMeta, recoveryPending, setMeta } from '../settings.service';
import { ConfirmedTime } from '../confirmed-time';
import {
  deriveBackupKey,
  fileSalt,
  verifyBackup,
  writeBackup,
  type BackupKey,
  type Manifest,
  type VerifyResult,
  type WriteBackupInput,
} from './backup-file';
import type { BackupRequest } from './backup-worker';
import { runOnWorker, type WorkerFactory } from '../../lib/worker-job';
import {
  discardRestore,
  prepareRestoredVault,
  type PrepareRestoreInput,
  type PreparedRestore,
} from './restore';
import { shopFileStamp } from '../../../shared/shop-time';
import { backupsToDelete, localStamp } from './rotation';
import {
  backupSince,
  decisionCarry,
  previewBackup,
  sealCarry,
  sinceOf,
  type CarrySince,
  type SealedCarry,
} from './carried-decisions';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Backups this vault wrote and when, confirmed (name -> epoch ms), for rotation; the newest kept. */
const MADE_META = 'backup_made';
const MADE_KEPT = 200;

export type BackupWorkerFactory = WorkerFactory;
export type BackupJob = Job<BackupProgress['phase']>;

/** A folder that cannot be written (read-only, USB pulled, disk full) as a clear error. */
function toFolderError(err: unknown): unknown {
  const reason = FOLDER_REASONS[osProblem(err) ?? ''];
  return reason ? new AppError('BAD_FILE', { reason }, { cause: err }) : err;
}

const FOLDER_REASONS: Partial<Record<string, string>> = {
  no_permission: 'folder_readonly',
  read_only: 'folder_readonly',
  missing: 'folder_missing',
  disk_full: 'disk_full',
};

/** The shop's part of a backup's file name. */
export function shopSlug(shopName: string): string {
  return (
    shopName
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'toko'
  );
}

/** A file name a shop recognizes, without characters a file system refuses. */
export function backupFileName(shopName: string, at: number): string {
  // The shop's clock (WIB), whatever zone the laptop is set to: the same backup gets the same name.
  return `brankas-${shopSlug(shopName)}-${shopFileStamp(at)}.brankas`;
}

/**
 * Encrypted backups (see backup-file.ts for the file). The work runs on a worker thread when the
 * app provides one (main stays responsive); tests may run it in-process. Owner only, audited by
 * the router; one at a time as a long job.
 */
export class BackupService {
  private lastVerified: string | null = null;
  /** Where the last verified backup ends (what a restore of it must carry). */
  private lastVerifiedSince: CarrySince | null = null;
  private readonly time: ConfirmedTime;
  /** The monotonic time of this run's last backup. */
  private madeMono: number | null = null;

  constructor(
    private readonly d: {
      vault: VaultState;
      clock: Clock;
      /** The app run's confirmed time, shared with the purge (one is made when not given). */
      time?: ConfirmedTime;
      dialogs: Dialogs;
      appVersion: string;
      shopName: () => string;
      nativeBinding?: string;
      worker?: BackupWorkerFactory;
      /** Crash tests only (see CoreOptions); reached only when the work runs in-process. */
      faultPoint?: (name: string) => void;
    },
  ) {
    this.time = d.time ?? new ConfirmedTime(d.clock, () => (d.vault.isOpen() ? d.vault.requireDb() : null));
  }

  private get db() {
    return this.d.vault.requireDb();
  }

  /** The wall clock, the confirmed time (see confirmed-time.ts) and the last backup's confirmed time. */
  private confirmedNow(): { wall: number; confirmed: number; lastConfirmed: number | null } {
    const v = Number(getMeta(this.db, 'backup_last_confirmed_at') || NaN);
    const lastConfirmed = Number.isFinite(v) ? v : null;
    return { ...this.time.read(lastConfirmed), lastConfirmed };
  }

  private made(): Map<string, number> {
    try {
      const parsed = JSON.parse(getMeta(this.db, MADE_META) || '{}') as Record<string, unknown>;
      return new Map(Object.entries(parsed).filter((e): e is [string, number] => Number.isFinite(e[1])));
    } catch {
      // A damaged record: rotation falls back to the names (never counting future-dated ones).
      return new Map();
    }
  }

  status(): BackupStatus {
    const n = (k: string) => {
      const v = getMeta(this.db, k);
      return v ? Number(v) : null;
    };
    return {
      enabled: Boolean(getMeta(this.db, 'backup_key')),
      folder: getMeta(this.db, 'backup_folder') ?? null,
      lastBackupAt: n('last_backup_at'),
      lastVerifiedAt: n('last_backup_verified_at'),
      auto: getMeta(this.db, 'backup_auto') === '1',
      keepDaily: Number(getMeta(this.db, 'backup_keep_daily') ?? 7),
      keepWeekly: Number(getMeta(this.db, 'backup_keep_weekly') ?? 4),
      lastError: getMeta(this.db, 'backup_last_error') || null,
    };
  }

  /** Keeps the key the recovery code derives (the caller has checked the code). */
  enable(normalizedCode: string): void {
    const { key, salt } = deriveBackupKey(normalizedCode);
    setMeta(this.db, 'backup_key', key.toString('hex'));
    setMeta(this.db, 'backup_salt', salt.toString('hex'));
  }

  private key(): BackupKey {
    const key = getMeta(this.db, 'backup_key');
    const salt = getMeta(this.db, 'backup_salt');
    if (!key || !salt) throw new AppError('CONFLICT', { reason: 'backup_not_enabled' });
    return { key: Buffer.from(key, 'hex'), salt: Buffer.from(salt, 'hex') };
  }

  /** Asks for a folder (or uses the configured one), then writes and verifies one backup. */
  async create(
    job: BackupJob,
    chooseFolder: boolean,
  ): Promise<{ path: string; manifest: Manifest; bytes: number }> {
    const backupKey = this.key();
    let folder = chooseFolder ? null : (getMeta(this.db, 'backup_folder') ?? null);
    if (!folder) folder = await this.d.dialogs.chooseFolder();
    if (!folder) throw new AppError('CANCELLED');
    if (!existsSync(folder)) throw new AppError('BAD_FILE', { reason: 'folder_missing' });
    // Not beside the vault: a backup there is lost with it, and after a key rotation it would be
    // a file in the data folder that opens with the retired code.
    if (this.insideDataFolder(folder)) throw new AppError('BAD_FILE', { reason: 'folder_is_data' });
    // What a crash or a pulled stick left half-written is never a backup: clear it away, with the
    // rollback journal SQLite keeps beside it while the copy is sealed.
    for (const f of readdirSync(folder)) {
      if (/^brankas-.*\.brankas\.partial(-journal)?$/.test(f)) rmSync(join(folder, f), { force: true });
    }
    this.d.faultPoint?.('backup:cleared');
    const now = this.d.clock.now();
    const input: Omit<WriteBackupInput, 'step'> = {
      vaultPath: this.d.vault.path,
      dek: Buffer.from(this.d.vault.requireDek()),
      finalPath: join(folder, backupFileName(this.d.shopName(), now)),
      backupKey,
      appVersion: this.d.appVersion,
      shopName: this.d.shopName(),
      now,
      nativeBinding: this.d.nativeBinding,
    };
    job.progress('copying', 0, 3);
    let written: { path: string; manifest: Manifest; bytes: number };
    try {
      const step = (p: string) => job.progress(p as BackupProgress['phase'], p === 'sealing' ? 1 : 2, 3);
      written = (await this.run(
        job,
        { kind: 'write', input },
        () => writeBackup({ ...input, step, fault: this.d.faultPoint }),
        step,
      )) as { path: string; manifest: Manifest; bytes: number };
    } catch (err) {
      // A cancelled or killed worker leaves its temporary file: never anything under the final name.
      rmSync(`${input.finalPath}.partial`, { force: true });
      rmSync(`${input.finalPath}.partial-journal`, { force: true });
      throw toFolderError(err);
    } finally {
      input.dek.fill(0);
    }
    job.progress('verifying', 3, 3);
    const check = (await this.run(job, { kind: 'verify', path: written.path, secret: backupKey }, () =>
      verifyBackup(written.path, backupKey, this.d.nativeBinding),
    )) as VerifyResult;
    if (!check.ok) throw new AppError('CORRUPT', { reason: 'backup_verify_failed' });
    this.d.faultPoint?.('backup:verified');
    const { confirmed } = this.confirmedNow();
    const made = this.made().set(basename(written.path), confirmed);
    setMeta(this.db, 'backup_folder', folder);
    setMeta(this.db, 'last_backup_at', String(now));
    setMeta(this.db, 'last_backup_verified_at', String(this.d.clock.now()));
    setMeta(this.db, 'backup_last_confirmed_at', String(confirmed));
    setMeta(this.db, 'backup_last_error', '');
    this.madeMono = this.d.clock.monotonic();
    this.rotate(folder, confirmed, made);
    this.d.faultPoint?.('backup:rotated');
    return written;
  }

  private insideDataFolder(folder: string): boolean {
    const rel = relative(realpathSync(dirname(this.d.vault.path)), realpathSync(folder));
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  }

  /**
   * Keeps the last days' and weeks' backups in the folder (settings), deletes this shop's older
   * ones: by when each was really made (see rotation.ts), not by the date in its name. A backup
   * made under a retired key (another salt) stays until the owner has confirmed the new recovery
   * code: until then it is the only one that opens with the code the owner holds.
   */
  private rotate(folder: string, confirmed: number, made: Map<string, number>): void {
    const keepDaily = Number(getMeta(this.db, 'backup_keep_daily') ?? 7);
    const keepWeekly = Number(getMeta(this.db, 'backup_keep_weekly') ?? 4);
    const stamps = new Map([...made].map(([name, at]) => [name, localStamp(at)]));
    const salt = getMeta(this.db, 'backup_salt');
    const pending = recoveryPending(this.db);
    for (const name of backupsToDelete(
      readdirSync(folder),
      shopSlug(this.d.shopName()),
      keepDaily,
      keepWeekly,
      {
        now: localStamp(confirmed),
        made: stamps,
      },
    )) {
      if (pending && fileSalt(join(folder, name))?.toString('hex') !== salt) continue;
      rmSync(join(folder, name), { force: true });
      made.delete(name);
    }
    const newest = [...made].sort((a, b) => b[1] - a[1]).slice(0, MADE_KEPT);
    setMeta(this.db, MADE_META, JSON.stringify(Object.fromEntries(newest)));
  }

  /**
   * Backups just enabled come with the daily automatic backup on, unless the owner has chosen a
   * schedule before (a re-keyed or re-enabled vault keeps the owner's choice).
   */
  autoOnUnlessChosen(): void {
    if (getMeta(this.db, 'backup_auto') === undefined) setMeta(this.db, 'backup_auto', '1');
  }

  /** Schedule: automatic daily backups (and on closing), and how many to keep. */
  setSchedule(input: { auto: boolean; keepDaily: number; keepWeekly: number }): void {
    setMeta(this.db, 'backup_auto', input.auto ? '1' : '0');
    setMeta(this.db, 'backup_keep_daily', String(input.keepDaily));
    setMeta(this.db, 'backup_keep_weekly', String(input.keepWeekly));
  }

  /**
   * Whether an automatic backup is due now: on, enabled, a folder chosen, and a confirmed day
   * since the last one, or the last one is dated after now (stale: the clock was wrong then or is
   * now; at most one an hour of those, so a clock nudged back at every tick cannot churn backups).
   */
  autoDue(): boolean {
    if (
      getMeta(this.db, 'backup_auto') !== '1' ||
      !getMeta(this.db, 'backup_key') ||
      !getMeta(this.db, 'backup_folder')
    ) {
      return false;
    }
    const { wall, confirmed, lastConfirmed } = this.confirmedNow();
    const last = Number(getMeta(this.db, 'last_backup_at') ?? 0);
    const lastTry = Number(getMeta(this.db, 'backup_last_try_at') ?? 0);
    // After a failure, try again in an hour rather than every tick (a try dated after now is stale).
    if (lastTry <= wall && wall - lastTry < HOUR_MS) return false;
    const stale = last > wall || (lastConfirmed !== null && lastConfirmed > confirmed);
    if (stale) return this.madeMono === null || this.d.clock.monotonic() - this.madeMono >= HOUR_MS;
    return (lastConfirmed === null ? wall - last : confirmed - lastConfirmed) >= DAY_MS;
  }

  /** Records why an automatic backup failed, for the owner's banner (never silently skipped). */
  noteFailure(reason: string): void {
    setMeta(this.db, 'backup_last_error', reason);
    setMeta(this.db, 'backup_last_try_at', String(this.d.clock.now()));
  }

  /** Verifies a backup the owner picks: with the kept key when it fits the file, else the typed code. */
  async verify(
    job: BackupJob,
    code: string | null,
  ): Promise<VerifyResult & { file: string; preview: RestorePreview | null }> {
    const picked = await this.d.dialogs.openBackup();
    if (!picked) throw new AppError('CANCELLED');
    // Gone since it was picked (a USB stick pulled): said as such, not as a damaged file.
    if (!existsSync(picked.path)) return { ok: false, problem: 'missing', file: picked.name, preview: null };
    const salt = fileSalt(picked.path);
    if (!salt) throw new AppError('BAD_FILE', { reason: 'unreadable' });
    const keptKey = getMeta(this.db, 'backup_key') ? this.key() : null;
    const kept = keptKey?.salt.equals(salt) ? keptKey : null;
    if (!kept && !code)
      throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'], reason: 'code_needed' });
    // The code as the owner types it (groups, dashes, lower case) is the code the key came from.
    const secret = kept ?? { code: normalizeRecoveryCode(code!) };
    job.progress('verifying', 0, 1);
    const result = (await this.run(job, { kind: 'verify', path: picked.path, secret, kept: keptKey }, () =>
      verifyBackup(picked.path, secret, this.d.nativeBinding, keptKey),
    )) as VerifyResult;
    // The file the owner just saw verified (date, shop, counts) is the one a restore then uses.
    this.lastVerified = result.ok ? picked.path : null;
    this.lastVerifiedSince = result.ok ? sinceOf(result.manifest) : null;
    // What restoring it would undo and apply again, before the owner confirms (counts only).
    let preview: RestorePreview | null = null;
    if (result.ok && this.d.vault.isOpen()) {
      const carry = decisionCarry(this.db, this.d.clock.now(), this.lastVerifiedSince);
      preview = (await this.run(
        job,
        { kind: 'preview', path: picked.path, secret, carry, nativeBinding: this.d.nativeBinding },
        () => previewBackup(picked.path, secret, carry, this.d.nativeBinding),
      )) as RestorePreview | null;
    }
    return { ...result, file: picked.name, preview };
  }

  /**
   * The decisions of the vault being replaced (none on a new laptop), sealed for this restore's
   * new data key; only what is newer than the backup: where the verified file ends, or else where
   * the picked file says it ends (read on the worker), so a long audit log never travels whole.
   */
  async restoreCarry(
    job: BackupJob,
    newDek: Buffer,
    file: { verified: boolean; path: string; code: string },
  ): Promise<{ decisions?: SealedCarry }> {
    if (!this.d.vault.isOpen()) return {};
    const secret = { code: file.code };
    const nativeBinding = this.d.nativeBinding;
    const since = file.verified
      ? this.lastVerifiedSince
      : ((await this.run(job, { kind: 'since', path: file.path, secret, nativeBinding }, () =>
          backupSince(file.path, secret, nativeBinding),
        )) as CarrySince | null);
    // The vault may have closed while the file was read (a lock): then there is nothing to carry.
    if (!this.d.vault.isOpen()) return {};
    return { decisions: sealCarry(decisionCarry(this.db, this.d.clock.now(), since), newDek) };
  }

  /** The file last verified here, once (a restore picks it instead of asking again). */
  takeVerified(): string | null {
    const path = this.lastVerified;
    this.lastVerified = null;
    return path;
  }

  /**
   * Builds the restored vault beside the current one (see restore.ts), on the worker when there
   * is one: verifying and re-keying a big backup takes seconds that must not freeze the app.
   */
  async prepareRestore(job: BackupJob, input: Omit<PrepareRestoreInput, 'step'>): Promise<PreparedRestore> {
    const order = ['verifying', 'copying', 'sealing', 'syncing'] as const;
    const step = (p: string) =>
      job.progress(p as BackupProgress['phase'], order.indexOf(p as never), order.length);
    step('verifying');
    try {
      return (await this.run(
        job,
        { kind: 'prepareRestore', input },
        () => prepareRestoredVault({ ...input, step, fault: this.d.faultPoint }),
        step,
      )) as PreparedRestore;
    } catch (err) {
      // A cancelled or killed worker leaves the half-made copy: it is never used, remove it now
      // (which also gives back the space a full disk ran out of).
      discardRestore(input.dataDir);
      if (osProblem(err) === 'disk_full')
        throw new AppError('BAD_FILE', { reason: 'vault_disk_full' }, { cause: err });
      throw err;
    }
  }

  /** On the worker when there is one (terminated on cancel), else here. */
  private run(
    job: BackupJob,
    request: BackupRequest,
    inline: () => unknown,
    onPhase?: (phase: string) => void,
  ): Promise<unknown> {
    if (!this.d.worker) return Promise.resolve().then(inline);
    return runOnWorker(this.d.worker, job, request, (m) => onPhase?.(m.phase));
  }
}
