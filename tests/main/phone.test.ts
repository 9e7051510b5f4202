import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from '../../src/main/services/phone';

/** The display form straight from the library's parse, without formatPhone's shortcut for +62. */
function reference(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)!;
  const digits = `0${parsed.nationalNumber}`;
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].filter(Boolean).join('-');
}

describe('formatPhone', () => {
  it('the +62 shortcut equals the library on every number normalizePhone accepts', () => {
    const national = fc.oneof(
      fc.stringMatching(/^8[1-9]\d{7,10}$/), // mobiles
      fc.stringMatching(/^(21|22|31|61|361)\d{6,8}$/), // landlines of big cities
    );
    let checked = 0;
    fc.assert(
      fc.property(national, (n) => {
        let e164: string;
        try {
          e164 = normalizePhone(`0${n}`);
        } catch {
          return true; // not a valid number: nothing is ever stored for it
        }
        checked++;
        return formatPhone(e164) === reference(e164);
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('other countries keep the international form', () => {
    expect(formatPhone('+12025550100')).toBe('+1 202 555 0100');
    expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
  });
});
