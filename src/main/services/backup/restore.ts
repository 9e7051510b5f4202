import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, fsyncFile, renameOnly, unlinkDurable, unlinkOnly } from '../../lib/durable-fs';
import { AppError } from '../../lib/app-error';
import { writeFileAtomic } from '../../vault/atomic-file';
import { openVault, ownerOnlyFiles, type Db } from '../../vault/database';
import { latestVersion } from '../../vault/migrate';
import { reapplyErasures } from '../retention/restore-rule';
import { forgetAnchorRecord } from '../audit-anchor';
import { forgetPairingOnRestore } from '../lan/lan-store';
import { keepCustomerIdsPastLedger } from '../customers.repo';
import { openRestoreCarry, reapplyDecisions, type DecisionCarry } from './carried-decisions';
import { verifyBackup, type BackupProblem, type Manifest } from './backup-file';
import { leftoverPath } from './leftovers';
import { markerProblem, restoreMarker, type MarkerProblem } from './restore-marker';

/**
 * What the current vault hands to the restore rules: plain data (it crosses to the worker thread),
 * read from the vault being replaced before the restore starts.
 */
export type RestoreCarry = Readonly<Record<string, unknown>>;

/**
 * Rules that later features re-apply to a restored vault after it is verified and before it is
 * used: erasures recorded in the current vault's deletion ledger are applied again, so that a
 * customer erased yesterday does not come back from last week's backup. Listed here (not
 * registered at run time) so the worker thread, which imports this module, runs the same rules.
 */
export const RESTORE_RULES: ((db: Db, carry: RestoreCarry) => void)[] = [
  // Erasures and every other decision made since the backup, with the audit entries since it (the
  // sealed carry, opened by prepareRestoredVault); a bare deletion ledger still works alone.
  (db, carry) =>
    carry.decisions
      ? reapplyDecisions(db, carry.decisions as DecisionCarry)
      : reapplyErasures(db, carry.erasure),
  // After the carried ledger: no id of someone erased since the backup is handed out again.
  (db) => keepCustomerIdsPastLedger(db),
  // The anchor file is set aside with the old vault; the restored chain anchors anew.
  (db) => forgetAnchorRecord(db),
  // No laptop paired with the backup's identity gets back in (see forgetPairingOnRestore).
  (db, carry) =>
    forgetPairingOnRestore(
      db,
      (carry.decisions as DecisionCarry | undefined)?.at ??
        (db.prepare('SELECT max(at) FROM audit_log').pluck().get() as number | null) ??
        0,
    ),
];

export interface PreparedRestore {
  manifest: Manifest;
  owner: { id: string; name: string };
  cashiers: { id: string; name: string }[];
}

export interface PrepareRestoreInput {
  dataDir: string;
  backupPath: string;
  code: string;
  newDek: Buffer;
  nativeBinding?: string;
  carry: RestoreCarry;
  /** Progress: verifying the backup, copying it, re-keying, applying rules and checking. */
  step?: (phase: 'verifying' | 'copying' | 'sealing' | 'syncing') => void;
  /** Crash tests only: called by name between the steps below (in-process runs only). */
  fault?: (name: string) => void;
}

/** Files of a restore in progress, beside the vault. */
export function restorePaths(dataDir: string) {
  return {
    vault: join(dataDir, 'vault.db'),
    slots: join(dataDir, 'keyslots.json'),
    /** The old chain's anchor: it does not describe the restored chain (which anchors anew). */
    anchor: join(dataDir, 'audit-anchor.json'),
    nextVault: join(dataDir, 'vault.restore.db'),
    nextSlots: join(dataDir, 'keyslots.restore.json'),
    /** Written (atomically) once both new files are complete: from then on the restore rolls forward. */
    marker: join(dataDir, 'restore.json'),
  };
}

const PROBLEMS: Record<BackupProblem, () => AppError> = {
  missing: () => new AppError('BAD_FILE', { reason: 'backup_missing' }),
  wrong_code: () => new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] }),
  damaged_salt: () => new AppError('CORRUPT', { reason: 'backup_salt_damaged' }),
  damaged_header: () => new AppError('CORRUPT', { reason: 'backup_header_damaged' }),
  damaged: () => new AppError('CORRUPT', { reason: 'backup_damaged' }),
  not_brankas: () => new AppError('CORRUPT', { reason: 'not_brankas' }),
};

/**
 * Makes the restored vault beside the current one: the backup, verified with the code, copied,
 * re-keyed to a new data key, migrated if older, its restore rules applied and checked. The
 * current vault is not touched. Returns what the key slots need.
 */
export function prepareRestoredVault(input: PrepareRestoreInput): PreparedRestore {
  const p = restorePaths(input.dataDir);
  // A carry that is not the one sealed for this restore is refused before anything is touched.
  const carry = openRestoreCarry(input.carry, input.newDek);
  input.step?.('verifying');
  const checked = verifyBackup(input.backupPath, { code: input.code }, input.nativeBinding);
  if (!checked.ok) throw PROBLEMS[checked.problem]();
  if (checked.manifest.schemaVersion > latestVersion()) throw new AppError('VAULT_TOO_NEW');
  discardRestore(input.dataDir);
  input.fault?.('restore:verified');
  input.step?.('copying');
  copyFileSync(input.backupPath, p.nextVault);
  ownerOnlyFiles(p.nextVault);
  input.fault?.('restore:copied');
  const opts = input.nativeBinding ? { nativeBinding: input.nativeBinding } : {};
  try {
    const copy = new Database(p.nextVault, opts);
    try {
      copy.pragma("cipher = 'sqlcipher'");
      copy.pragma('legacy = 4');
      copy.pragma(`key = '${input.code.replace(/'/g, "''")}'`);
      copy.exec('DROP TABLE IF EXISTS brankas_backup_manifest');
      input.step?.('sealing');
      copy.pragma(`rekey = "x'${input.newDek.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    input.fault?.('restore:rekeyed');
    const db = openVault(p.nextVault, Buffer.from(input.newDek), { nativeBinding: input.nativeBinding });
    try {
      input.step?.('syncing');
      for (const rule of RESTORE_RULES) rule(db, carry);
      if ((db.pragma('integrity_check', { simple: true }) as string) !== 'ok') throw PROBLEMS.damaged();
      const users = db
        .prepare('SELECT id, name, role FROM users WHERE active = 1 ORDER BY created_at')
        .all() as {
        id: string;
        name: string;
        role: string;
      }[];
      const owner = users.find((u) => u.role === 'owner');
      if (!owner) throw PROBLEMS.damaged();
      db.pragma('wal_checkpoint(TRUNCATE)');
      input.fault?.('restore:checked');
      return {
        manifest: checked.manifest,
        owner,
        cashiers: users.filter((u) => u.role === 'cashier'),
      };
    } finally {
      db.close();
    }
  } catch (err) {
    discardRestore(input.dataDir);
    throw err;
  }
}

/** Removes a restore's staged files (never the marker: past it the restore rolls forward). */
export function discardRestore(dataDir: string): boolean {
  const p = restorePaths(dataDir);
  const staged = [
    p.nextVault,
    `${p.nextVault}-wal`,
    `${p.nextVault}-shm`,
    `${p.nextVault}-journal`,
    p.nextSlots,
  ].filter((f) => existsSync(f));
  for (const f of staged) unlinkOnly(f);
  if (staged.length > 0) fsyncDir(dataDir);
  return staged.length > 0;
}

/** Writes the new key slots beside the current ones (not yet in use). */
export function stageRestoredSlots(dataDir: string, slotsJson: string): void {
  writeFileAtomic(restorePaths(dataDir).nextSlots, slotsJson);
}

/**
 * Puts the restored vault and its key slots in place. The current vault must be closed. The
 * marker is the commit point: before it, a crash leaves the old vault in use (the staged files
 * are removed at the next start); after it, the next start finishes the swap. The marker is
 * authenticated with `markerKey` (from this device's secret) and names the staged files' hashes,
 * so a marker planted or copied from elsewhere swaps nothing in. The old vault and slots stay
 * aside until the restored vault has been opened and checked (leftovers.ts).
 */
export function commitRestore(
  dataDir: string,
  stamp: number,
  markerKey: Buffer,
  fault?: (name: string) => void,
  /**
   * Writes a new device secret (the marker's key comes from it), between the marker and the swap:
   * a crash before it leaves a marker the old secret does not authenticate, so the next start
   * rolls back to the old vault, whose PIN slots the old secret still opens.
   */
  storeDeviceSecret?: () => void,
): void {
  const p = restorePaths(dataDir);
  fsyncFile(p.nextVault);
  fsyncFile(p.nextSlots);
  fault?.('restore:synced');
  // Their names too: a marker that reached the disk before them would finish a swap with nothing.
  fsyncDir(dataDir);
  writeFileAtomic(p.marker, restoreMarker(p, stamp, markerKey));
  fault?.('restore:marked');
  if (storeDeviceSecret) {
    storeDeviceSecret();
    fault?.('restore:device');
  }
  finishRestore(dataDir, stamp, fault);
}

/** Idempotent second half of commitRestore: safe to run again after a crash at any point in it. */
function finishRestore(dataDir: string, stamp: number, fault?: (name: string) => void): void {
  const p = restorePaths(dataDir);
  if (existsSync(p.nextVault)) {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(p.vault + suffix)) renameOnly(p.vault + suffix, leftoverPath(p.vault, stamp) + suffix);
    }
    fault?.('restore:vault-aside');
    renameOnly(p.nextVault, p.vault);
    fault?.('restore:vault-in');
  }
  if (existsSync(p.nextSlots)) {
    if (existsSync(p.slots)) renameOnly(p.slots, leftoverPath(p.slots, stamp));
    if (existsSync(p.anchor)) renameOnly(p.anchor, leftoverPath(p.anchor, stamp));
    fault?.('restore:slots-aside');
    renameOnly(p.nextSlots, p.slots);
    fault?.('restore:slots-in');
  }
  // The swap must be on disk before the marker goes: a marker lost first would leave it half done.
  fsyncDir(dataDir);
  unlinkDurable(p.marker);
  fault?.('restore:unmarked');
}

/**
 * What start-up found: a restore interrupted after its commit point is finished ('restored'); one
 * interrupted before it is undone ('rolled_back'); a marker this device did not write (not JSON,
 * a wrong MAC, other files than it names, no device secret to have written it) is deleted with
 * the staged files and the current vault stays ('marker_rejected'); a marker that cannot be
 * checked because the keystore is locked right now is left as it is, nothing swapped or removed
 * ('marker_unverified'); otherwise null.
 */
export function settleInterruptedRestore(
  dataDir: string,
  markerKey: Buffer | 'keystore_unavailable' | 'no_device_secret',
  fault?: (name: string) => void,
): { outcome: SettleOutcome; problem?: MarkerProblem } {
  const p = restorePaths(dataDir);
  if (existsSync(p.marker)) {
    if (markerKey === 'keystore_unavailable') return { outcome: 'marker_unverified' };
    const checked =
      markerKey === 'no_device_secret'
        ? ({ ok: false, problem: 'unauthenticated' } as const)
        : markerProblem(p, markerKey);
    if (checked.ok) {
      finishRestore(dataDir, checked.stamp, fault);
      return { outcome: 'restored' };
    }
    discardRestore(dataDir);
    unlinkDurable(p.marker);
    return { outcome: 'marker_rejected', problem: checked.problem };
  }
  return { outcome: discardRestore(dataDir) ? 'rolled_back' : null };
}

export type SettleOutcome = 'restored' | 'rolled_back' | 'marker_rejected' | 'marker_unverified' | null;
