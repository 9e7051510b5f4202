import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, normalizePhone } from '../../src/main/services/phone';

/** The library's own national format, without formatPhone's shortcut. */
function reference(e164: string): string {
  return parsePhoneNumberFromString(e164)!.formatNational();
}

/** Area codes of both lengths Indonesia uses: 2 digits (big cities) and 3 digits (the rest). */
const AREA_CODES = [
  '21',
  '22',
  '24',
  '31',
  '61',
  '251',
  '254',
  '261',
  '271',
  '274',
  '281',
  '291',
  '341',
  '351',
  '361',
  '370',
  '380',
  '401',
  '411',
  '431',
  '451',
  '471',
  '511',
  '541',
  '561',
  '601',
  '621',
  '651',
  '711',
  '721',
  '751',
  '761',
  '771',
  '901',
  '911',
  '951',
  '967',
  '986',
];

/** Runs fc over valid stored numbers (what normalizePhone accepts) and counts them. */
function eachValid(national: fc.Arbitrary<string>, check: (e164: string) => boolean): number {
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
      return check(e164);
    }),
    { numRuns: 3000 },
  );
  return checked;
}

describe('formatPhone', () => {
  it('mobiles of every length: the shortcut equals the library', () => {
    const checked = eachValid(fc.stringMatching(/^8[1-9]\d{6,10}$/), (e) => formatPhone(e) === reference(e));
    expect(checked).toBeGreaterThan(1000);
  });

  it('landlines of every area code length: the library format, area code kept whole', () => {
    const landline = fc
      .tuple(fc.constantFrom(...AREA_CODES), fc.stringMatching(/^[2-9]\d{4,7}$/))
      .map(([area, rest]) => `${area}${rest}`);
    const checked = eachValid(landline, (e) => {
      const shown = formatPhone(e);
      return shown === reference(e) && /^\(0\d{2,3}\) \d+$/.test(shown);
    });
    expect(checked).toBeGreaterThan(500);
  });

  it('the examples from the shop: a Jakarta landline and short mobiles', () => {
    expect(formatPhone(normalizePhone('021-5551234'))).toBe('(021) 5551234');
    expect(maskPhone('(021) 5551234')).toBe('(021) ***1234');
    expect(formatPhone(normalizePhone('0361-234567'))).toBe('(0361) 234567');
    expect(maskPhone('(0361) 234567')).toBe('(0361) **4567');
    expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
    expect(maskPhone('0812-3456-7890')).toBe('0812-****-7890');
    expect(formatPhone('+62812345678')).toBe('0812-345-678');
    expect(maskPhone('0812-345-678')).toBe('0812-**5-678');
  });

  it('masking always hides at least two digits and never the last four', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^8[1-9]\d{7,10}$/), (n) => {
        let shown: string;
        try {
          shown = formatPhone(normalizePhone(`0${n}`));
        } catch {
          return true;
        }
        const masked = maskPhone(shown);
        return (
          (masked.match(/\*/g) ?? []).length >= 2 &&
          masked.replace(/\D/g, '').slice(-4) === shown.replace(/\D/g, '').slice(-4)
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('other countries keep the international form', () => {
    expect(formatPhone('+12025550100')).toBe('+1 202 555 0100');
  });
});
