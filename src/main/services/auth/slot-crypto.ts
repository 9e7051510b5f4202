import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/roles';
import {
  argon2id,
  MAX_ITERATIONS,
  MAX_MEMORY_KIB,
  MIN_ITERATIONS,
  MIN_MEMORY_KIB,
  pinWrappingKey,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from '../../vault/kdf';
import type { PinSlot, RecoverySlot } from '../../vault/keyslots';
import { normalizeRecoveryCode } from '../../vault/recovery-code';
import { fingerprintCode } from '../../vault/retired-codes';
import type { AuthCtx } from './context';

export function slotAad(slot: { id: string; kind: string }, userId = ''): string {
  return `brankas/${slot.kind}/${slot.id}/${userId}`;
}

/**
 * Parameters for a new slot: those calibrated at setup (kept in keyslots.json), but never below
 * the floor, so someone who lowers them in that file cannot make every later slot weak; and
 * never absurdly high, so a raised value cannot exhaust memory.
 */
export function newSlotParams(c: AuthCtx): KdfParams {
  const stored = c.d.slots.read().kdf;
  const floor: KdfParams =
    c.d.kdf.mode === 'fixed'
      ? c.d.kdf.params
      : { alg: 'argon2id', memoryKiB: MIN_MEMORY_KIB, iterations: MIN_ITERATIONS, parallelism: 1 };
  const within = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
  return {
    alg: 'argon2id',
    memoryKiB: within(stored.memoryKiB, floor.memoryKiB, MAX_MEMORY_KIB),
    iterations: within(stored.iterations, floor.iterations, MAX_ITERATIONS),
    parallelism: within(stored.parallelism, floor.parallelism, 4),
  };
}

/** Removes the wrapped key itself: a disabled user's PIN opens nothing, even with the file. */
export function disableSlot(c: AuthCtx, userId: string): void {
  c.d.slots.update((f) => {
    for (const s of f.slots) {
      if (s.kind === 'pin' && s.userId === userId) {
        s.wrapped = null;
        s.disabled = true;
      }
    }
  });
}

export async function tryRecovery(c: AuthCtx, normalized: string): Promise<Buffer | null> {
  const slot = c.d.slots.recoverySlot();
  const kek = await argon2id(normalized, Buffer.from(slot.salt, 'base64'), slot.kdf);
  const dek = unwrapKey(kek, slot.wrapped, slotAad(slot));
  kek.fill(0);
  return dek;
}

export async function replacePinSlot(
  c: AuthCtx,
  user: { id: string; name: string; role: Role },
  pin: string,
  deviceSecret: Buffer,
): Promise<void> {
  const slot = await makePinSlot(
    { userId: user.id, name: user.name, role: user.role },
    pin,
    newSlotParams(c),
    deviceSecret,
    c.d.vault.requireDek(),
  );
  c.d.slots.update((f) => {
    f.slots = f.slots.filter((s) => !(s.kind === 'pin' && s.userId === user.id));
    f.slots.push(slot);
  });
}

export async function makePinSlot(
  who: { userId: string; name: string; role: Role },
  pin: string,
  kdf: KdfParams,
  deviceSecret: Buffer,
  dek: Buffer,
): Promise<PinSlot> {
  const id = randomUUID();
  const salt = randomBytes(16);
  const stretched = await argon2id(pin, salt, kdf);
  const kek = pinWrappingKey(stretched, deviceSecret, id);
  stretched.fill(0);
  const base = { kind: 'pin' as const, id };
  const wrapped = wrapKey(kek, dek, slotAad(base, who.userId));
  kek.fill(0);
  return {
    ...base,
    userId: who.userId,
    name: who.name,
    roleHint: who.role,
    kdf,
    salt: salt.toString('base64'),
    wrapped,
    failedAttempts: 0,
    lockedUntil: 0,
    disabled: false,
    needsRecovery: false,
  };
}

export async function makeRecoverySlot(code: string, kdf: KdfParams, dek: Buffer): Promise<RecoverySlot> {
  const id = randomUUID();
  const salt = randomBytes(16);
  const kek = await argon2id(normalizeRecoveryCode(code), salt, kdf);
  const base = { kind: 'recovery' as const, id };
  const wrapped = wrapKey(kek, dek, slotAad(base));
  kek.fill(0);
  const fingerprint = fingerprintCode(normalizeRecoveryCode(code));
  return { ...base, kdf, salt: salt.toString('base64'), wrapped, fingerprint };
}
