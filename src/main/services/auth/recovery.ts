import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import { secretUnreadable } from '../../vault/device-secret';
import {
  generateRecoveryCode,
  isWellFormedRecoveryCode,
  normalizeRecoveryCode,
} from '../../vault/recovery-code';
import { firstActiveOwner, toSessionUser } from '../users.repo';
import { requireStrongPin, type AuthCtx } from './context';
import { admit } from './lockout';
import { makeRecoverySlot, newSlotParams, replacePinSlot, tryRecovery } from './slot-crypto';

/**
 * Owner forgot the PIN (or is locked out, or the OS keystore changed): the recovery code opens
 * the vault and a new owner PIN is set. If the device secret cannot be read any more, a new one
 * is made and cashier slots, which depended on the old one, are shut until the owner resets them.
 */
export async function recoverOwner(
  c: AuthCtx,
  code: string,
  newPin: string,
  confirm: string,
  options: { allowUnprotected?: boolean } = {},
): Promise<{ user: SessionUser; deviceChanged: boolean }> {
  return c.mutex.run(async () => {
    requireStrongPin(newPin, confirm, 'owner');
    const normalized = normalizeRecoveryCode(code);
    const dek = isWellFormedRecoveryCode(normalized) ? await tryRecovery(c, normalized) : null;
    if (!dek) {
      throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] }, { audit: { actor: null, detail: {} } });
    }
    // Queued entries join the chain before the device secret may be replaced: they were
    // authenticated with a key derived from the old one.
    const db = c.d.vault.open(dek);
    admit(c, db);
    c.d.auditor.flushPending();
    let deviceChanged = false;
    let deviceSecret: Buffer;
    try {
      deviceSecret = c.d.device.load();
    } catch (err) {
      // A secret that is there but cannot be read is not replaced: its rights or the disk are the fault.
      if (secretUnreadable(err)) throw err;
      // Never quietly trade the OS keystore's protection for none: a locked keyring is unlocked
      // and retried; keeping the secret unprotected is the owner's explicit, audited choice.
      const lowers = c.d.device.replacingLowersProtection();
      if (lowers && !options.allowUnprotected) {
        // Written now, with the vault open: the queue it would wait in after the call cannot be
        // signed while the keystore is away.
        c.d.auditor.found({
          actor: null,
          action: 'auth.recover',
          outcome: 'denied',
          detail: { reason: 'keystore_unavailable' },
        });
        throw err instanceof AppError && err.code === 'KEYSTORE_UNAVAILABLE'
          ? err
          : new AppError('KEYSTORE_UNAVAILABLE', { reason: 'keystore_unavailable' });
      }
      const from = c.d.device.info();
      deviceSecret = c.d.device.replace();
      deviceChanged = true;
      if (lowers) {
        c.d.auditor.found({
          actor: null,
          action: 'device.resealUnprotected',
          outcome: 'ok',
          detail: { backend: from.backend, ownerConsent: true },
        });
      }
    }
    const owner = firstActiveOwner(db);
    if (!owner) throw new AppError('CORRUPT');
    await replacePinSlot(c, owner, newPin, deviceSecret);
    if (deviceChanged) {
      c.d.slots.update((f) => {
        for (const s of f.slots) {
          if (s.kind === 'pin' && s.userId !== owner.id) {
            s.wrapped = null;
            s.disabled = true;
          }
        }
      });
    }
    c.d.auditor.flushPending();
    c.d.leftovers?.afterUnlock(db);
    return { user: toSessionUser(owner), deviceChanged };
  });
}

/** The normalized recovery code, if it opens the recovery slot (backups are keyed from it). */
export async function checkRecoveryCode(c: AuthCtx, code: string): Promise<string> {
  return c.mutex.run(async () => {
    const normalized = normalizeRecoveryCode(code);
    const dek = isWellFormedRecoveryCode(normalized) ? await tryRecovery(c, normalized) : null;
    if (!dek) throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] });
    dek.fill(0);
    return normalized;
  });
}

/** A fresh recovery code replaces the old slot (used when the first one was never confirmed). */
export async function reissueRecoveryCode(c: AuthCtx): Promise<string> {
  return c.mutex.run(async () => {
    const code = generateRecoveryCode();
    const slot = await makeRecoverySlot(code, newSlotParams(c), c.d.vault.requireDek());
    const replaced = c.d.slots.recoverySlot();
    c.d.slots.update((f) => {
      f.slots = f.slots.filter((s) => s.kind !== 'recovery');
      f.slots.push(slot);
    });
    // After the swap: a crash before this leaves the replaced code unretired, never the live
    // one retired.
    c.d.guard.retire(replaced);
    return code;
  });
}
