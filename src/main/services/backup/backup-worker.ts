import { parentPort } from 'node:worker_threads';
import { AppError } from '../../lib/app-error';
import { verifyBackup, writeBackup, type BackupKey, type WriteBackupInput } from './backup-file';
import { prepareRestoredVault, type PrepareRestoreInput } from './restore';

/**
 * Worker thread entry: writes, verifies or prepares the restore of a backup on its own SQLite
 * connection, so main keeps answering while a big vault is copied, sealed, hashed or re-keyed.
 * Keys arrive by message only.
 */
export type BackupRequest =
  | { kind: 'write'; input: Omit<WriteBackupInput, 'step'> }
  | { kind: 'verify'; path: string; secret: { code: string } | BackupKey; nativeBinding?: string }
  | { kind: 'prepareRestore'; input: Omit<PrepareRestoreInput, 'step'> };

export type BackupReply =
  | { kind: 'progress'; phase: string }
  | { kind: 'done'; value: unknown }
  | { kind: 'error'; code: string; reason?: string };

const toKey = (k: BackupKey): BackupKey => ({ key: Buffer.from(k.key), salt: Buffer.from(k.salt) });

parentPort?.on('message', (req: BackupRequest) => {
  const post = (m: BackupReply) => parentPort?.postMessage(m);
  try {
    if (req.kind === 'write') {
      const input = { ...req.input, dek: Buffer.from(req.input.dek), backupKey: toKey(req.input.backupKey) };
      const value = writeBackup({ ...input, step: (phase) => post({ kind: 'progress', phase }) });
      input.dek.fill(0);
      post({ kind: 'done', value });
    } else if (req.kind === 'prepareRestore') {
      const newDek = Buffer.from(req.input.newDek);
      const value = prepareRestoredVault({
        ...req.input,
        newDek,
        step: (phase) => post({ kind: 'progress', phase }),
      });
      newDek.fill(0);
      post({ kind: 'done', value });
    } else {
      const secret = 'code' in req.secret ? req.secret : toKey(req.secret);
      post({ kind: 'done', value: verifyBackup(req.path, secret, req.nativeBinding) });
    }
  } catch (err) {
    const code = err instanceof AppError ? err.code : ((err as { code?: string }).code ?? 'INTERNAL');
    post({ kind: 'error', code, reason: err instanceof AppError ? err.details?.reason : undefined });
  }
});
