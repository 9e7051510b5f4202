import { asciiDigits } from './sensitive';

/**
 * PIN rules after NIST SP 800-63B: length over complexity, and a blocklist of the PINs people
 * pick first. Shared so the renderer can warn early; main enforces it.
 */
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 64;

const COMMON_PINS = new Set([
  '123456',
  '654321',
  '121212',
  '123123',
  '112233',
  '111222',
  '123321',
  '012345',
  '102030',
  '147258',
  '159753',
  '147852',
  '789456',
  '456789',
  '987654',
  '696969',
  '131313',
  '101010',
  '202020',
  '520520',
  '123654',
  '000001',
  '100000',
  '112358',
  '246810',
  '135790',
  '998877',
  '1234567',
  '12345678',
  '87654321',
  '11223344',
  '12341234',
  '123456789',
  '1234567890',
  '0123456789',
  '9876543210',
  '147258369',
  '159357',
  '753951',
  '852456',
  '741852',
]);

/** Passphrases people pick first (compared lower-cased, without spaces). */
const COMMON_PASSPHRASES = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'katasandi',
  'katasandi123',
  'rahasia123',
  'qwertyuiop',
  'qwerty123',
  'qwerty12345',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'asdfghjkl',
  'abcdefgh',
  'abc12345',
  'abcd1234',
  'iloveyou',
  'iloveyou1',
  'sayangku',
  'sayang123',
  'bismillah',
  'bismillah123',
  'alhamdulillah',
  'indonesia',
  'indonesia123',
  'jakarta123',
  'admin123',
  'administrator',
  'welcome1',
  'brankas123',
  'tokoku123',
]);

export type PinWeakness =
  'empty' | 'too_short' | 'too_long' | 'not_digits' | 'common' | 'repeated' | 'sequence' | 'same_as_current';

function isSequence(pin: string): boolean {
  if (!/^\d+$/.test(pin)) return false;
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) {
    steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  }
  // Every step the same (+1 or -1, wrapping 9->0) is a straight run like 345678 or 987654.
  // (A step of 0, 111111, is a repeat: isShortRepeat names it.)
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

function isShortRepeat(pin: string): boolean {
  // 121212, 123123, 12341234: a block of up to half the length repeated.
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size !== 0) continue;
    const block = pin.slice(0, size);
    if (block.repeat(pin.length / size) === pin) return true;
  }
  return false;
}

/** Letters in alphabet order either way ("abcdef", "zyxw"). */
function isLetterRun(s: string): boolean {
  if (s.length < 3 || !/^[a-z]+$/.test(s)) return false;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** Keys in a row of the keyboard either way ("qwerty", "lkjhgf"). */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function isKeyWalk(s: string): boolean {
  if (s.length < 4) return false;
  const back = [...s].reverse().join('');
  return KEY_ROWS.some((row) => row.includes(s) || row.includes(back));
}

/**
 * What the owner's passphrase rules judge: NFKC, every script's digits as 0-9 ("٠١٢٣٤٥٦٧" is
 * 01234567), lower case, without spaces (so "12345678 " is 12345678).
 */
export function foldPassphrase(raw: string): string {
  return asciiDigits(raw.normalize('NFKC')).toLowerCase().replace(/\s+/gu, '');
}

function weakDigits(d: string): PinWeakness | null {
  if (COMMON_PINS.has(d)) return 'common';
  if (isShortRepeat(d)) return 'repeated';
  if (isSequence(d)) return 'sequence';
  return null;
}

/**
 * A passphrase is guessable when both what is left of its digits and what is left of the rest
 * are: a weak number with a letter or two ("1234567a", "!12345678"), a common word, run or key
 * walk with a short number ("password1", "indonesia2024", "abcd1234", "qwer1234").
 */
function weakPassphrase(folded: string): PinWeakness | null {
  if (/^\d+$/.test(folded)) return weakDigits(folded);
  if (COMMON_PASSPHRASES.has(folded) || isShortRepeat(folded)) return 'common';
  const digits = folded.replace(/\D/g, '');
  const rest = folded.replace(/\d/g, '');
  const trivialDigits = digits.length <= 4 || weakDigits(digits) !== null;
  const trivialRest =
    rest.length <= 2 ||
    COMMON_PASSPHRASES.has(rest) ||
    isShortRepeat(rest) ||
    isLetterRun(rest) ||
    isKeyWalk(rest);
  return trivialDigits && trivialRest ? 'common' : null;
}

/**
 * Checks a PIN or passphrase. Digits-only PINs must be at least 6 long and not common; an owner
 * may use a longer passphrase instead (allowPassphrase), which needs at least 8 characters and is
 * judged in its folded form (foldPassphrase). A new PIN must differ from the `current` one when
 * it is known.
 */
export function checkPin(raw: string, allowPassphrase = false, current?: string): PinWeakness | null {
  // The key is derived from the NFKC form (full-width １２３４５６ is 123456), so judge that form.
  const pin = raw.normalize('NFKC');
  if (pin.length === 0) return 'empty';
  // Whoever knew the old PIN (the owner who set a cashier's first one) must not know the new one.
  if (current !== undefined && pin === current.normalize('NFKC')) return 'same_as_current';
  if (pin.length > PIN_MAX_LENGTH) return 'too_long';
  const digitsOnly = /^\d+$/.test(pin);
  if (!digitsOnly) {
    if (!allowPassphrase) return 'not_digits';
    if (pin.trim().length < 8) return 'too_short';
    return weakPassphrase(foldPassphrase(pin));
  }
  if (pin.length < PIN_MIN_LENGTH) return 'too_short';
  return weakDigits(pin);
}
