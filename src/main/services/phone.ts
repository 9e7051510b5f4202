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

/**
 * National display form, exactly as libphonenumber-js writes it: 0812-3456-7890 for mobiles,
 * (021) 5551234 for landlines (the area code kept whole); international for other countries.
 */
export function formatPhone(e164: string): string {
  // Fast path for the common case, Indonesian mobiles of 10-12 national digits: the library groups
  // those 4-4-rest (0812-3456-7890). A property test holds this equal to the library for every
  // such number; anything else (landlines, short mobiles grouped 4-3-3) goes to the library.
  if (/^\+628\d{9,11}$/.test(e164)) {
    const digits = `0${e164.slice(3)}`;
    return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.country === 'ID' || parsed.countryCallingCode === '62') return parsed.formatNational();
  return parsed.formatInternational();
}

/**
 * Keeps the first group (the mobile prefix or the landline's area code) and the last four digits:
 * enough to confirm, not enough to call. 0812-****-7890, (021) ***1234.
 */
export function maskPhone(display: string): string {
  const total = display.replace(/\D/g, '').length;
  const firstGroup = /^\D*(\d+)/.exec(display)?.[1]?.length ?? 0;
  // A first group so long that little would stay hidden (an unformatted number) keeps four.
  const keepHead = firstGroup > 0 && firstGroup <= 5 && total - firstGroup - 4 >= 2 ? firstGroup : 4;
  let seen = 0;
  return display.replace(/\d/g, (d) => {
    seen++;
    return seen <= keepHead || seen > total - 4 ? d : '*';
  });
}

/**
 * Whether WhatsApp can reach the number: mobiles only, a landline has no WhatsApp account (a
 * wa.me link to one opens a chat that never arrives). Indonesian 08… numbers are all mobiles;
 * anything else asks the full numbering plan.
 */
export function reachesWhatsApp(e164: string): boolean {
  if (/^\+628\d{7,11}$/.test(e164)) return true;
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
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
