import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { argon2id, type KdfParams } from '../vault/kdf';

/**
 * Pairing a second laptop: the owner reads a one-time code off the primary's screen and types it
 * on the new laptop. Each side then proves it knows the code *and* names the two certificates it
 * actually sees in the TLS handshake; a machine in the middle, which shows each side its own
 * certificate, cannot make either proof match. The code is stretched with Argon2id and salted with
 * both fingerprints, so a proof overheard by a machine in the middle cannot be guessed back to the
 * code within the code's ten minutes.
 */

/** Crockford's base32 without I, L, O, U: nothing to misread on a shop's screen. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 characters: 50 bits, typed once per laptop. */
export const PAIRING_CODE_LENGTH = 10;
/** How long a code shown by the primary stays valid. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** Cheaper than an unlock (it runs on both laptops while the owner waits) but memory-bound. */
export const PAIRING_KDF: KdfParams = {
  alg: 'argon2id',
  memoryKiB: 32 * 1024,
  iterations: 2,
  parallelism: 1,
};

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** As shown: "ABCDE-FGHJK". */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What the owner typed, as a code: case, spaces and dashes ignored, the letters people confuse
 * with digits read as those digits (Crockford). Null when it cannot be a code.
 */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** A certificate's fingerprint: SHA-256 of its DER bytes, lowercase hex (as pinned). */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export type PairingRole = 'client' | 'server';

/** The key both proofs are made with: the code stretched, salted with both fingerprints. */
export async function pairingKey(code: string, serverFp: string, clientFp: string): Promise<Buffer> {
  const salt = createHash('sha256').update(`brankas-pair-v1\n${serverFp}\n${clientFp}`).digest();
  return argon2id(code, salt, PAIRING_KDF);
}

/** One side's proof; the roles differ so a proof cannot be sent back as the other's. */
export function pairingProof(key: Buffer, role: PairingRole, serverFp: string, clientFp: string): string {
  return createHmac('sha256', key).update(`brankas-pair-v1\n${role}\n${serverFp}\n${clientFp}`).digest('hex');
}

export function proofMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
