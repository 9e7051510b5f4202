import { randomBytes, randomUUID } from 'node:crypto';
import type { SessionUser } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { AppError } from '../../lib/app-error';
import { secretUnreadable } from '../../vault/device-secret';
import { calibrate, restoreMarkerKey } from '../../vault/kdf';
import type { PinSlot } from '../../vault/keyslots';
import { KEYSLOT_FORMAT } from '../../vault/keyslots-migrations';
import {
  generateRecoveryCode,
  isWellFormedRecoveryCode,
  normalizeRecoveryCode,
} from '../../vault/recovery-code';
import { stampGeneration, vaultGeneration } from '../../vault/generation';
import { isSetup, requireStrongPin, type AuthCtx } from '../auth/context';
import { makePinSlot, makeRecoverySlot, newSlotParams } from '../auth/slot-crypto';
import { awaitNewRecoveryCode, getMeta } from '../settings.service';
import { getUser, toSessionUser } from '../users.repo';
import {
  commitRestore,
  discardRestore,
  restorePaths,
  stageRestoredSlots,
  type PreparedRestore,
} from './restore';

/**
 * Replaces the vault with one restored from a backup opened with the recovery code: a new data
 * key, a new owner PIN, the code as the recovery slot; cashiers' PINs must be reset by the
 * owner. The current vault (if any) is set aside until the restored one is opened and checked,
 * then deleted (leftovers.ts). The caller has ended every session.
 */
export async function restoreFromBackup(
  c: AuthCtx,
  input: {
    dataDir: string;
    code: string;
    newPin: string;
    confirm: string;
    language: Language;
    /** Builds the restored vault beside the current one (backup verified, re-keyed to newDek, checked). */
    prepare: (code: string, newDek: Buffer) => Promise<PreparedRestore>;
    /** Ends every session: called after everything that can be refused, before the swap. */
    beforeSwap: () => void;
    /**
     * The owner chose to restore although a key rotation retired the code: the restored vault
     * then gets a fresh recovery code instead, so the retired one never opens anything new.
     */
    acceptRetiredCode?: boolean;
  },
): Promise<{
  user: SessionUser;
  customers: number;
  /** Set when the typed code was retired: the code that now opens the vault (shown once). */
  freshRecoveryCode: string | null;
  /** Backups were on in the restored vault (they follow the fresh code, if there is one). */
  backupsOn: boolean;
  /** Key rotations made after the backup was taken (audited into the restored vault). */
  rotationsSince: number;
}> {
  return c.mutex.run(async () => {
    requireStrongPin(input.newPin, input.confirm, 'owner');
    const code = normalizeRecoveryCode(input.code);
    if (!isWellFormedRecoveryCode(code)) throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] });
    const retired = await refuseRetiredCode(c, code, input.acceptRetiredCode === true);
    const liveCode = retired ? generateRecoveryCode() : code;
    // Decided before anything is written, and the secret written only at the commit: a refused
    // or failed restore leaves the device secret (and the current vault's PIN slots) as they were.
    const device = restoreDeviceSecret(c);
    const deviceSecret = device.secret;
    const dek = randomBytes(32);
    const prepared = await input.prepare(code, Buffer.from(dek));
    // Newer than every vault this keystore has seen (before the commit: a crash after it must
    // not leave a restored vault that the generation check refuses).
    const generation = c.d.guard.next(c.d.vault.isOpen() ? c.d.vault.requireDb() : null);
    let backupGeneration = 0;
    try {
      c.d.vault.withFile(restorePaths(input.dataDir).nextVault, dek, (staged) => {
        backupGeneration = vaultGeneration(staged);
        stampGeneration(staged, generation);
      });
    } catch (err) {
      discardRestore(input.dataDir);
      throw err;
    }
    const params = isSetup(c)
      ? newSlotParams(c)
      : c.d.kdf.mode === 'calibrate'
        ? (await calibrate(c.d.kdf.targetMs)).params
        : c.d.kdf.params;
    const ownerSlot = await makePinSlot(
      { userId: prepared.owner.id, name: prepared.owner.name, role: 'owner' },
      input.newPin,
      params,
      deviceSecret,
      dek,
    );
    const recoverySlot = await makeRecoverySlot(liveCode, params, dek);
    const cashierSlots: PinSlot[] = prepared.cashiers.map((x) => ({
      kind: 'pin',
      id: randomUUID(),
      userId: x.id,
      name: x.name,
      roleHint: 'cashier',
      kdf: params,
      salt: '',
      wrapped: null,
      failedAttempts: 0,
      lockedUntil: 0,
      disabled: true,
      needsRecovery: false,
    }));
    stageRestoredSlots(
      input.dataDir,
      JSON.stringify({
        format: KEYSLOT_FORMAT,
        vaultId: randomUUID(),
        shopName: prepared.manifest.shopName,
        language: input.language,
        kdf: params,
        slots: [ownerSlot, recoverySlot, ...cashierSlots],
        pending: [],
      }),
    );
    input.beforeSwap();
    c.d.vault.close();
    try {
      commitRestore(
        input.dataDir,
        c.d.clock.now(),
        restoreMarkerKey(deviceSecret),
        c.d.faultPoint,
        device.write,
      );
    } finally {
      // Whatever the commit got to, the cached slots may be the replaced ones: the next audit
      // entry queued in the file (the failure's own) must not write them back over the new.
      c.d.slots.reload();
    }
    const db = c.d.vault.open(dek);
    const rotationsSince = c.d.guard.restored(db, backupGeneration).length;
    const backupsOn = Boolean(getMeta(db, 'backup_key'));
    if (retired) {
      // As after a rotation: the fresh code must be typed back, and no backup is keyed from the
      // retired one (the caller re-keys backups to the fresh code).
      awaitNewRecoveryCode(db);
    }
    const owner = getUser(db, prepared.owner.id);
    if (!owner) throw new AppError('CORRUPT');
    if (device.write) {
      c.d.auditor.found({
        actor: owner.id,
        action: 'device.create',
        outcome: 'ok',
        detail: { reason: device.reason, backend: c.d.device.info().backend },
      });
    }
    c.d.leftovers?.afterUnlock(db);
    return {
      user: toSessionUser(owner),
      customers: prepared.manifest.counts.customers ?? 0,
      freshRecoveryCode: retired ? liveCode : null,
      backupsOn,
      rotationsSince,
    };
  });
}

/**
 * A restore with a code a key rotation retired is refused (audited) unless the owner chose to
 * go on; returns whether the code is retired. Also asked before a restore takes its file.
 */
export async function refuseRetiredCode(c: AuthCtx, code: string, accepted: boolean): Promise<boolean> {
  const retired = await c.d.guard.isRetired(normalizeRecoveryCode(code));
  if (retired && !accepted) {
    throw new AppError(
      'WRONG_RECOVERY_CODE',
      { fields: ['code'], reason: 'retired_code' },
      { audit: { actor: null, outcome: 'denied', detail: { reason: 'retired_code' } } },
    );
  }
  return retired;
}

/**
 * The device secret a restore seals the new PIN slots with: the current one if it can be read;
 * a new one (written at the commit, not before: commitRestore) on a new laptop or when the
 * keystore that sealed it is gone. Never one with less protection than the old: a keystore
 * that protected the secret and offers none now (locked, not started) refuses the restore, as
 * recoverOwner does, so the owner unlocks it and retries; the data folder is left unchanged.
 */
function restoreDeviceSecret(c: AuthCtx): { secret: Buffer; write?: () => void; reason?: string } {
  if (!c.d.device.exists()) {
    const secret = randomBytes(32);
    return { secret, write: () => c.d.device.store(secret), reason: 'new' };
  }
  try {
    return { secret: c.d.device.load() };
  } catch (err) {
    if (secretUnreadable(err)) throw err;
    // The router audits the refusal (backups.restore, failed).
    if (c.d.device.replacingLowersProtection()) {
      throw err instanceof AppError && err.code === 'KEYSTORE_UNAVAILABLE'
        ? err
        : new AppError('KEYSTORE_UNAVAILABLE', { reason: 'keystore_unavailable' });
    }
    const secret = randomBytes(32);
    return { secret, write: () => c.d.device.store(secret), reason: 'replaced' };
  }
}
