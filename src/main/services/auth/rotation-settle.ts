import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { AppError } from '../../lib/app-error';
import { argon2id, pinWrappingKey, wrapKey } from '../../vault/kdf';
import type { PinSlot } from '../../vault/keyslots';
import { generateRecoveryCode } from '../../vault/recovery-code';
import { stampGeneration } from '../../vault/generation';
import * as rotation from '../../vault/key-rotation';
import type { Db } from '../../vault/database';
import { awaitNewRecoveryCode, setMeta } from '../settings.service';
import type { AuthCtx } from './context';
import { tryPin, usableSlot } from './lockout';
import { makeRecoverySlot, newSlotParams, slotAad } from './slot-crypto';

/**
 * Breach response: a new data key for the vault (UU PDP Art. 46; DESIGN key hierarchy). The
 * owner types the PIN again (counted like a login). The owner's slot is rewrapped under the same
 * PIN; a new recovery code replaces the old one (returned once, to be confirmed); cashiers' slots
 * cannot be rewrapped without their PINs and are shut until the owner sets new ones. Crash-safe
 * in three steps (vault/key-rotation.ts).
 */
export async function rotateKey(
  c: AuthCtx,
  ownerId: string,
  pin: string,
): Promise<{ recoveryCode: string; shut: number }> {
  return c.mutex.run(async () => {
    c.d.vault.requireDb();
    const slot = usableSlot(c, ownerId);
    if (slot.roleHint !== 'owner') throw new AppError('FORBIDDEN');
    const deviceSecret = c.d.device.load();
    const current = await tryPin(c, slot, pin, deviceSecret);
    current.fill(0);
    // What a restore set aside opens with a key this rotation retires: gone before it starts, so
    // no crash in between leaves it (an abandoned rotation loses nothing by it).
    c.d.leftovers?.discard('rotation');
    const fresh = c.d.slots.pinSlotFor(ownerId)!;
    const newDek = randomBytes(32);
    const recoveryCode = generateRecoveryCode();
    const recovery = await makeRecoverySlot(recoveryCode, newSlotParams(c), newDek);
    const stretched = await argon2id(pin, Buffer.from(fresh.salt, 'base64'), fresh.kdf);
    const kek = pinWrappingKey(stretched, deviceSecret, fresh.id);
    stretched.fill(0);
    const wrapped = wrapKey(kek, newDek, slotAad(fresh, ownerId));
    kek.fill(0);
    // The new number goes into the vault before the re-key copies it: whichever key opens the
    // vault after a crash, the vault is never behind the keystore's record.
    const db = c.d.vault.requireDb();
    stampGeneration(db, c.d.guard.next(db));
    rotation.prepare(c.d.slots, fresh.id, { wrapped, recovery }, c.d.clock.now());
    c.d.faultPoint?.('rotate:prepared');
    const reopened = c.d.vault.rekey(newDek, () => c.d.faultPoint?.('rotate:copied'));
    c.d.faultPoint?.('rotate:rekeyed');
    // Only now is the old code retired: before the re-key it still opened the vault.
    c.d.guard.rotated(reopened, c.d.slots.recoverySlot());
    c.d.faultPoint?.('rotate:retired');
    // The new code must be typed back, as at setup. Recorded before the slots take the new code:
    // a crash between the two must still leave the owner asked to confirm a code that works
    // (the next start issues one), never an unknown code and a vault that thinks all is well.
    setMeta(reopened, 'recovery_confirmed', '0');
    c.d.faultPoint?.('rotate:confirm-pending');
    const shut = rotation.finish(c.d.slots);
    c.d.faultPoint?.('rotate:finished');
    return { recoveryCode, shut };
  });
}

/**
 * Opens the vault after a PIN, finishing or forgetting a key rotation a crash interrupted: the
 * key that opens the vault says whether the rekey happened.
 */
export function openSettlingRotation(
  c: AuthCtx,
  keys: { dek: Buffer; next: Buffer | null },
  slot: PinSlot,
): Db {
  if (!rotation.pending(c.d.slots)) {
    keys.next?.fill(0);
    return c.d.vault.open(keys.dek);
  }
  try {
    const db = c.d.vault.open(keys.dek);
    keys.next?.fill(0);
    rotation.abandon(c.d.slots);
    // A copy made under the new key that never replaced the vault goes too, with the rollback
    // journal SQLite kept beside it if the crash came while it was being re-keyed.
    for (const leftover of ['.rekey', '.rekey-journal'])
      rmSync(`${c.d.vault.path}${leftover}`, { force: true });
    c.d.auditor.found({
      actor: slot.userId,
      action: 'key.rotate',
      outcome: 'failed',
      detail: { reason: 'interrupted' },
    });
    return db;
  } catch (err) {
    keys.dek.fill(0);
    // Only a first page the old key does not decrypt (no reason) may mean the swap happened.
    if (!keys.next || !(err instanceof AppError) || err.code !== 'CORRUPT' || err.details?.reason) {
      keys.next?.fill(0);
      // Only the owner's slot holds the new key: a cashier waits for the owner.
      throw slot.roleHint === 'owner' ? err : new AppError('SLOT_DISABLED');
    }
    const db = c.d.vault.open(keys.next);
    // While the slots still hold the old recovery slot: its code is retired.
    c.d.guard.rotated(db, c.d.slots.recoverySlot());
    rotation.finish(c.d.slots);
    c.d.leftovers?.discard('rotation');
    // The new recovery code was never shown: the owner gets another one to confirm, and
    // backups (keyed from the code) wait for it.
    awaitNewRecoveryCode(db);
    c.d.auditor.found({
      actor: slot.userId,
      action: 'key.rotate',
      outcome: 'ok',
      detail: { completedAfterCrash: true },
    });
    return db;
  }
}
