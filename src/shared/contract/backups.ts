import { z } from 'zod';
import type { SessionUser } from '../domain/app';
import type { BackupManifestView, BackupStatus, RestorePreview } from '../domain/backups';
import { channel, clean, none, pin, type ChannelPart } from './channel';

/**
 * A restore: the code opens the backup, the owner sets a new PIN. acceptRetiredCode is the owner's
 * choice to go on with a code a key rotation retired: the restored vault then gets a fresh code.
 */
const restoreInput = z
  .object({
    code: clean(z.string().min(1).max(64)),
    newPin: pin,
    newPinConfirm: pin,
    acceptRetiredCode: z.boolean().optional(),
  })
  .strict();
interface RestoreResult {
  user: SessionUser;
  customers: number;
  /** A fresh recovery code replaced the retired one typed (shown next, to be typed back). */
  newRecoveryCode: boolean;
  /** Key rotations made after the backup was taken: the restored vault did not know of them. */
  rotationsSince: number;
}

/** Backups, and restoring one (on this laptop, or on a new one before any setup). */
export const backupsChannels = {
  'backups:status': channel<BackupStatus>()({
    primaryOnly: true,
    input: none,
    permission: 'backups.manage',
    writes: false,
  }),
  'backups:enable': channel<BackupStatus>()({
    primaryOnly: true,
    input: z.object({ code: clean(z.string().min(1).max(64)) }).strict(),
    permission: 'backups.manage',
    writes: true,
  }),
  'backups:create': channel<{ file: string; bytes: number; customers: number }>()({
    primaryOnly: true,
    input: z.object({ chooseFolder: z.boolean().default(false) }).strict(),
    permission: 'backups.manage',
    // Writes a file; reads the vault on its own connection.
    writes: true,
  }),
  'backups:restore': channel<RestoreResult>()({
    primaryOnly: true,
    input: restoreInput,
    permission: 'backups.manage',
    writes: true,
    changesNotice: true,
  }),
  // A new laptop: restore instead of a fresh start (before any setup).
  'setup:restore': channel<RestoreResult>()({
    primaryOnly: true,
    input: restoreInput,
    permission: 'public',
    writes: true,
    changesNotice: true,
  }),
  'backups:schedule': channel<BackupStatus>()({
    primaryOnly: true,
    input: z
      .object({
        auto: z.boolean(),
        keepDaily: z.number().int().min(1).max(60),
        keepWeekly: z.number().int().min(0).max(52),
      })
      .strict(),
    permission: 'backups.manage',
    writes: true,
  }),
  'backups:verify': channel<{
    ok: boolean;
    file: string;
    problem: string | null;
    manifest: BackupManifestView | null;
    /** What restoring this file would undo and apply again (null: not verified, or it cannot be compared). */
    restorePreview: RestorePreview | null;
  }>()({
    primaryOnly: true,
    input: z.object({ code: clean(z.string().max(64)).optional() }).strict(),
    permission: 'backups.manage',
    writes: false,
  }),
} as const satisfies ChannelPart;
