import { AppError } from '../../lib/app-error';
import { argon2id, pinWrappingKey, unwrapKey } from '../../vault/kdf';
import type { PinSlot } from '../../vault/keyslots';
import type { Db } from '../../vault/database';
import type { AuthCtx } from './context';
import { disableSlot, slotAad } from './slot-crypto';

/** Consecutive failures before delays start, and before a slot is shut. */
export const FREE_ATTEMPTS = 5;
export const MAX_ATTEMPTS = 10;
export const FIRST_DELAY_MS = 30_000;

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS);
}

export function usableSlot(c: AuthCtx, userId: string): PinSlot {
  const slot = c.d.slots.pinSlotFor(userId);
  if (!slot) throw new AppError('NOT_FOUND');
  if (slot.needsRecovery) throw new AppError('RECOVERY_REQUIRED');
  if (slot.disabled || !slot.wrapped) throw new AppError('SLOT_DISABLED');
  // Waits run on the monotonic clock, so setting the computer's clock back or forward changes
  // nothing. The persisted wall-clock deadline only carries a wait across a restart: then it is
  // capped at the nominal delay (a clock set back cannot stretch it) and moved onto the
  // monotonic clock.
  const mono = c.d.clock.monotonic();
  let deadline = c.monoDeadlines.get(slot.id);
  if (deadline === undefined) {
    const carried = Math.min(slot.lockedUntil - c.d.clock.now(), delayAfter(slot.failedAttempts));
    deadline = mono + Math.max(0, carried);
    c.monoDeadlines.set(slot.id, deadline);
  }
  const wait = deadline - mono;
  if (wait > 0) throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(wait) });
  return slot;
}

/** Refuses a vault older than the keystore's record of it (an old copy put back): it is closed. */
export function admit(c: AuthCtx, db: Db): void {
  try {
    c.d.guard.admit(db);
  } catch (err) {
    c.d.vault.close();
    throw err;
  }
}

export async function tryPin(c: AuthCtx, slot: PinSlot, pin: string, deviceSecret: Buffer): Promise<Buffer> {
  const { dek, next } = await tryPinKeys(c, slot, pin, deviceSecret);
  next?.fill(0);
  return dek;
}

/** The PIN's key(s): the data key, and during a rotation the new one too. */
export async function tryPinKeys(
  c: AuthCtx,
  slot: PinSlot,
  pin: string,
  deviceSecret: Buffer,
): Promise<{ dek: Buffer; next: Buffer | null }> {
  const failures = slot.failedAttempts + 1;
  const now = c.d.clock.now();
  c.monoDeadlines.set(slot.id, c.d.clock.monotonic() + delayAfter(failures));
  // Persist the attempt as failed first; success below resets it.
  c.d.slots.update((f) => {
    const s = f.slots.find((x): x is PinSlot => x.kind === 'pin' && x.id === slot.id);
    if (!s) return;
    s.failedAttempts = failures;
    s.lockedUntil = now + delayAfter(failures);
    if (failures >= MAX_ATTEMPTS) {
      if (s.roleHint === 'owner') s.needsRecovery = true;
      else s.disabled = true;
    }
  });
  const stretched = await argon2id(pin, Buffer.from(slot.salt, 'base64'), slot.kdf);
  const kek = pinWrappingKey(stretched, deviceSecret, slot.id);
  stretched.fill(0);
  const dek = slot.wrapped ? unwrapKey(kek, slot.wrapped, slotAad(slot, slot.userId)) : null;
  const next = dek && slot.next ? unwrapKey(kek, slot.next, slotAad(slot, slot.userId)) : null;
  kek.fill(0);
  if (dek) {
    c.d.slots.update((f) => {
      const s = f.slots.find((x): x is PinSlot => x.kind === 'pin' && x.id === slot.id);
      if (!s) return;
      s.failedAttempts = 0;
      s.lockedUntil = 0;
      s.disabled = false;
      s.needsRecovery = false;
    });
    c.monoDeadlines.delete(slot.id);
    return { dek, next };
  }
  // The call's entry, which the router writes: a wrong PIN, counted, by the slot's user.
  const audit = { actor: slot.userId, outcome: 'failed' as const, detail: { reason: 'wrong_pin', failures } };
  if (failures >= MAX_ATTEMPTS) {
    if (slot.roleHint === 'owner') throw new AppError('RECOVERY_REQUIRED', undefined, { audit });
    disableSlot(c, slot.userId);
    throw new AppError('SLOT_DISABLED', undefined, { audit });
  }
  if (failures >= FREE_ATTEMPTS)
    throw new AppError('THROTTLED', { retryAfterMs: delayAfter(failures) }, { audit });
  throw new AppError('WRONG_PIN', { attemptsLeft: FREE_ATTEMPTS - failures }, { audit });
}
