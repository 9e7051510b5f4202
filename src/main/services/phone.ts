import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMobile } from 'libphonenumber-js/mobile';
import { AppError } from '../lib/app-error';

/**
 * Indonesian numbers arrive as 0812-3456-7890, +62 812 3456 7890, 62812..., with dots or spaces.
 * libphonenumber-js knows the numbering plan, so we keep one canonical E.164 form.
 */
export function normalizePhone(input: string): string {
  // Most customers give a mobile number: the library's mobile-only metadata validates those in
  // half the time; anything it does not accept (landlines, invalid) goes to the full metadata.
  const mobile = parseMobile(input.trim(), 'ID');
  if (mobile?.isValid()) return mobile.number;
  const parsed = parsePhoneNumberFromString(input.trim(), 'ID');
  if (!parsed || !parsed.isValid()) throw new AppError('INVALID_PHONE', { fields: ['phone'] });
  return parsed.number;
}

/** E.164 for a raw phone, or null when libphonenumber-js does not accept it (bulk checks). */
export function phoneOrNull(raw: string): string | null {
  try {
    return normalizePhone(raw);
  } catch {
    return null;
  }
}

/** National display form for Indonesian numbers (0812-3456-7890), international otherwise. */
export function formatPhone(e164: string): string {
  // Our stored numbers are E.164 that libphonenumber-js produced: for +62 the national number is
  // simply the rest. Skipping a parse per row matters: a list page formats 40 of them.
  if (/^\+62\d+$/.test(e164)) return groupNational(e164.slice(3));
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.country === 'ID' || parsed.countryCallingCode === '62')
    return groupNational(parsed.nationalNumber);
  return parsed.formatInternational();
}

/** Groups as 4-4-rest, the way numbers are written on Indonesian receipts and cards. */
function groupNational(national: string): string {
  const digits = `0${national}`;
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].filter(Boolean).join('-');
}

/** Keeps the first four and last four digits: enough to confirm, not enough to call. */
export function maskPhone(display: string): string {
  let seen = 0;
  const total = display.replace(/\D/g, '').length;
  return display.replace(/\d/g, (d) => {
    seen++;
    return seen <= 4 || seen > total - 4 ? d : '*';
  });
}

/** Every form of the number a cashier might type a piece of: 0812..., 62812..., +62812... */
export function phoneSearchDigits(e164: string): string {
  const intl = e164.replace(/\D/g, '');
  // Indonesian numbers (nearly all of them): the national form alone. A query typed as 62... or
  // +62... is turned into 0... before searching (searchDigitsQuery), so the index stays half the size.
  if (intl.startsWith('62')) return `0${intl.slice(2)}`;
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? `0${parsed.nationalNumber}` : '';
  return [national, intl].filter(Boolean).join(' ');
}

/** The digits a cashier typed, in the form the index holds: 62812... and +62812... become 0812... */
export function searchDigitsQuery(digits: string): string {
  return digits.startsWith('62') && digits.length > 4 ? `0${digits.slice(2)}` : digits;
}
