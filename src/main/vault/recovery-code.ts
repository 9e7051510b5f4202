import { base32crockford } from '@scure/base';
import { randomBytes } from 'node:crypto';

/** 120 random bits = 24 Crockford base32 characters, printed in six groups of four. */
export const RECOVERY_BYTES = 15;
export const RECOVERY_GROUPS = 6;

export function generateRecoveryCode(): string {
  // A plain Uint8Array of this realm: @scure/base checks instanceof, which a Buffer can fail
  // where globals are swapped (the jsdom component tests run the real core).
  return base32crockford.encode(Uint8Array.from(randomBytes(RECOVERY_BYTES)));
}

export function formatRecoveryCode(code: string): string {
  return (normalizeRecoveryCode(code).match(/.{1,4}/g) ?? []).join('-');
}

/**
 * What the owner types is matched to what was printed: case, spaces and dashes do not matter,
 * and the letters Crockford's alphabet leaves out are read as the digits they look like.
 */
export function normalizeRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
}

export function isWellFormedRecoveryCode(normalized: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{24}$/.test(normalized);
}

export function recoveryGroup(code: string, group: number): string {
  const n = normalizeRecoveryCode(code);
  return n.slice((group - 1) * 4, group * 4);
}
