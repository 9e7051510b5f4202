import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, fsyncFile, renameOnly, unlinkDurable, unlinkOnly } from '../../lib/durable-fs';
import { AppError } from '../../lib/app-error';
import { readJson, writeFileAtomic } from '../../vault/atomic-file';
import { openVault, ownerOnlyFiles, type Db } from '../../vault/database';
import { latestVersion } from '../../vault/migrate';
import { reapplyErasures } from '../retention/restore-rule';
import { forgetAnchorRecord } from '../audit-anchor';
import { keepCustomerIdsPastLedger } from '../customers.repo';
import { verifyBackup, type BackupProblem, type Manifest } from './backup-file';

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
  (db, carry) => reapplyErasures(db, carry.erasure),
  // After the carried ledger: no id of someone erased since the backup is handed out again.
  (db) => keepCustomerIdsPastLedger(db),
  // The anchor file is set aside with the old vault; the restored chain anchors anew.
  (db) => forgetAnchorRecord(db),
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
      for (const rule of RESTORE_RULES) rule(db, input.carry);
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
 * are removed at the next start); after it, the next start finishes the swap. The old vault and
 * slots stay as a safety copy.
 */
export function commitRestore(dataDir: string, stamp: number, fault?: (name: string) => void): void {
  const p = restorePaths(dataDir);
  fsyncFile(p.nextVault);
  fsyncFile(p.nextSlots);
  fault?.('restore:synced');
  // Their names too: a marker that reached the disk before them would finish a swap with nothing.
  fsyncDir(dataDir);
  writeFileAtomic(p.marker, JSON.stringify({ format: 1, stamp }));
  fault?.('restore:marked');
  finishRestore(dataDir, fault);
}

/** Idempotent second half of commitRestore: safe to run again after a crash at any point in it. */
function finishRestore(dataDir: string, fault?: (name: string) => void): void {
  const p = restorePaths(dataDir);
  const { stamp } = readJson(p.marker) as { stamp: number };
  if (existsSync(p.nextVault)) {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(p.vault + suffix))
        renameOnly(p.vault + suffix, `${p.vault}.before-restore-${stamp}${suffix}`);
    }
    fault?.('restore:vault-aside');
    renameOnly(p.nextVault, p.vault);
    fault?.('restore:vault-in');
  }
  if (existsSync(p.nextSlots)) {
    if (existsSync(p.slots)) renameOnly(p.slots, `${p.slots}.before-restore-${stamp}`);
    if (existsSync(p.anchor)) renameOnly(p.anchor, `${p.anchor}.before-restore-${stamp}`);
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
 * At start-up: a restore interrupted after its commit point is finished ('restored'); one
 * interrupted before it is undone ('rolled_back'); otherwise null.
 */
export function settleInterruptedRestore(
  dataDir: string,
  fault?: (name: string) => void,
): 'restored' | 'rolled_back' | null {
  const p = restorePaths(dataDir);
  if (existsSync(p.marker)) {
    finishRestore(dataDir, fault);
    return 'restored';
  }
  return discardRestore(dataDir) ? 'rolled_back' : null;
}
