import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface KdfParams {
  alg: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** Floor for calibrated parameters: at least 64 MiB so GPU guessing stays memory-bound. */
export const MIN_MEMORY_KIB = 64 * 1024;
export const MIN_ITERATIONS = 2;
/** Ceilings for parameters read back from keyslots.json (calibration itself stays far below). */
export const MAX_MEMORY_KIB = 1024 * 1024;
export const MAX_ITERATIONS = 64;

/** Algorithm.Argon2id; the package declares a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

export async function argon2id(secret: string, salt: Buffer, p: KdfParams): Promise<Buffer> {
  return hashRaw(Buffer.from(secret.normalize('NFKC'), 'utf8'), {
    algorithm: ARGON2ID,
    memoryCost: p.memoryKiB,
    timeCost: p.iterations,
    parallelism: p.parallelism,
    outputLen: 32,
    salt,
  });
}

/**
 * Picks Argon2id parameters that take about targetMs on this machine, so a shop laptop and a fast
 * desktop both pay roughly the same half second per unlock.
 */
export async function calibrate(
  targetMs = 500,
  memoryKiB = MIN_MEMORY_KIB,
): Promise<{ params: KdfParams; measuredMs: number }> {
  const probe: KdfParams = { alg: 'argon2id', memoryKiB, iterations: MIN_ITERATIONS, parallelism: 1 };
  const salt = randomBytes(16);
  await argon2id('warm-up', salt, probe);
  const perIteration = (await time(() => argon2id('calibration', salt, probe))) / MIN_ITERATIONS;
  const clamp = (n: number) => Math.min(64, Math.max(MIN_ITERATIONS, Math.round(n)));
  let params: KdfParams = { ...probe, iterations: clamp(targetMs / perIteration) };
  let measured = await time(() => argon2id('calibration', salt, params));
  // The first estimate carries fixed costs (allocating the memory); one correction is enough.
  if (measured < targetMs * 0.85 || measured > targetMs * 1.25) {
    params = { ...params, iterations: clamp((params.iterations * targetMs) / measured) };
    measured = await time(() => argon2id('calibration', salt, params));
  }
  return { params, measuredMs: Math.round(measured) };
}

async function time(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** The key that authenticates audit entries queued in keyslots.json while the vault is locked. */
export function auditQueueKey(deviceSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', deviceSecret, Buffer.alloc(0), 'brankas/audit-queue/v1', 32));
}

/** The key that authenticates the audit chain's head anchored outside the vault. */
export function auditAnchorKey(deviceSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', deviceSecret, Buffer.alloc(0), 'brankas/audit-anchor/v1', 32));
}

/**
 * The key that authenticates a restore's commit marker (restore.json): a marker this device did
 * not write cannot swap another vault in at the next start.
 */
export function restoreMarkerKey(deviceSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', deviceSecret, Buffer.alloc(0), 'brankas/restore-marker/v1', 32));
}

/** The key that wraps the DEK in a PIN slot: both the PIN and this device's secret are needed. */
export function pinWrappingKey(stretched: Buffer, deviceSecret: Buffer, slotId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', stretched, deviceSecret, `brankas/pin-slot/v1/${slotId}`, 32));
}

export interface Wrapped {
  nonce: string;
  ciphertext: string;
}

/** AES-256-GCM with the slot's identity as associated data, so slots cannot be swapped. */
export function wrapKey(kek: Buffer, dek: Buffer, aad: string): Wrapped {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(dek), cipher.final(), cipher.getAuthTag()]);
  return { nonce: nonce.toString('base64'), ciphertext: body.toString('base64') };
}

/** Returns null when the key is wrong (authentication fails), never a wrong DEK. */
export function unwrapKey(kek: Buffer, wrapped: Wrapped, aad: string): Buffer | null {
  try {
    const body = Buffer.from(wrapped.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
