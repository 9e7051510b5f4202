import { parentPort } from 'node:worker_threads';
import { errorReply, type WorkerReply } from '../../lib/worker-job';
import { runPurgeRequest, type PurgeRequest } from '../retention/purge';
import { verifyBackup, writeBackup, type BackupKey, type WriteBackupInput } from './backup-file';
import { prepareRestoredVault, type PrepareRestoreInput } from './restore';
import { backupSince, previewBackup, type DecisionCarry } from './carried-decisions';
import { movable, runReadRequest, type ReadRequest } from '../reports';
import { runKeptReadRequest, type KeptReadRequest } from '../dashboard/kept-read';

/**
 * The long-job worker thread: writes, verifies or prepares the restore of a backup, or runs the
 * deletion purge, or reads the owner's big files (audit export, access report, portability; see
 * services/reports.ts), on its own SQLite connection, so main keeps answering while a big vault is
 * copied, sealed, hashed, re-keyed or purged. Keys arrive by message only.
 */
export type BackupRequest =
  | { kind: 'write'; input: Omit<WriteBackupInput, 'step'> }
  | {
      kind: 'verify';
      path: string;
      secret: { code: string } | BackupKey;
      kept?: BackupKey | null;
      nativeBinding?: string;
    }
  | { kind: 'prepareRestore'; input: Omit<PrepareRestoreInput, 'step'> }
  | {
      kind: 'preview';
      path: string;
      secret: { code: string } | BackupKey;
      carry: DecisionCarry;
      nativeBinding?: string;
    }
  | { kind: 'since'; path: string; secret: { code: string }; nativeBinding?: string }
  | PurgeRequest
  | ReadRequest
  | KeptReadRequest;

export type BackupReply = WorkerReply;

const toKey = (k: BackupKey): BackupKey => ({ key: Buffer.from(k.key), salt: Buffer.from(k.salt) });

parentPort?.on('message', (req: BackupRequest) => {
  const post = (m: BackupReply) => parentPort?.postMessage(m);
  try {
    if (req.kind === 'write') {
      const input = { ...req.input, dek: Buffer.from(req.input.dek), backupKey: toKey(req.input.backupKey) };
      const value = writeBackup({ ...input, step: (phase) => post({ kind: 'progress', phase }) });
      input.dek.fill(0);
      post({ kind: 'done', value });
    } else if (req.kind === 'read') {
      const value = runReadRequest(req);
      parentPort?.postMessage({ kind: 'done', value } satisfies BackupReply, movable(value));
    } else if (req.kind === 'readKept') {
      post({ kind: 'done', value: runKeptReadRequest(req) });
    } else if (req.kind === 'purge') {
      post({ kind: 'done', value: runPurgeRequest(req, (p) => post({ kind: 'progress', ...p })) });
    } else if (req.kind === 'prepareRestore') {
      const newDek = Buffer.from(req.input.newDek);
      const value = prepareRestoredVault({
        ...req.input,
        newDek,
        step: (phase) => post({ kind: 'progress', phase }),
      });
      newDek.fill(0);
      post({ kind: 'done', value });
    } else if (req.kind === 'since') {
      post({ kind: 'done', value: backupSince(req.path, req.secret, req.nativeBinding) });
    } else if (req.kind === 'preview') {
      const secret = 'code' in req.secret ? req.secret : toKey(req.secret);
      post({ kind: 'done', value: previewBackup(req.path, secret, req.carry, req.nativeBinding) });
    } else {
      const secret = 'code' in req.secret ? req.secret : toKey(req.secret);
      const kept = req.kept ? toKey(req.kept) : null;
      post({ kind: 'done', value: verifyBackup(req.path, secret, req.nativeBinding, kept) });
    }
  } catch (err) {
    post(errorReply(err));
  }
});
