import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The fingerprint of a recovery code: HMAC-SHA256 of the normalized code under a random salt.
 * The code itself is never kept. A code has 120 random bits, so a fast keyed hash cannot be
 * searched; the salt keeps two fingerprints of one code from looking alike.
 */
export const fingerprintSchema = z.object({ salt: z.string(), hash: z.string() });
export type CodeFingerprint = z.infer<typeof fingerprintSchema>;

const LABEL = 'brankas/recovery-code/1/';

function digest(salt: Buffer, normalized: string): Buffer {
  return createHmac('sha256', salt)
    .update(LABEL + normalized)
    .digest();
}

/** `normalized`: as normalizeRecoveryCode returns it. */
export function fingerprintCode(normalized: string): CodeFingerprint {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: digest(salt, normalized).toString('base64') };
}

export function matchesFingerprint(normalized: string, fp: CodeFingerprint): boolean {
  const expected = Buffer.from(fp.hash, 'base64');
  const actual = digest(Buffer.from(fp.salt, 'base64'), normalized);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function isRetiredCode(normalized: string, retired: readonly CodeFingerprint[]): boolean {
  return retired.some((fp) => matchesFingerprint(normalized, fp));
}
