import type { ImportMapping, ImportRowError } from '../../../shared/domain';
import { findSensitive } from '../../../shared/sensitive';
import { ageOn, shopIsoDay } from '../../../shared/shop-time';
import type { CustomerRow } from '../customers.repo';
import { phoneSearchDigits } from '../phone';
import { foldText } from '../text';
import { parseBirthday, parseConsent, parseGender } from './mapping';

/** Rows between two yields to the event loop: small enough that main stays responsive. */
export const CHUNK = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A valid row, ready to write: nothing left to parse inside the import's transaction. */
/** A row ready to write: the stored columns plus what the import needs beside them. */
export interface PreparedRow extends CustomerRow {
  /** Search digits for the phone. */
  digits: string;
  /** Always empty: a file cannot show that a guardian consented. */
  guardian_name: null;
  /** Consent columns granted on this row: 0 = WhatsApp, 1 = SMS/email. */
  consents: number[];
}

/**
 * A row whose phone is a customer already: its spreadsheet row, that phone (E.164), the row's own
 * name, and its fields when the row has no other problem (else null: it never fills anything).
 */
export interface InVaultRow {
  row: number;
  phone: string;
  name: string;
  fields: PreparedRow | null;
}

/** Everything about one row but its phone, which may be validated on another thread. */
export interface RowVerdict {
  nameError: ImportRowError['code'] | null;
  /** The row's name as written (shown beside the customer's when its phone is one already). */
  name: string;
  /** Problems in the other columns, in column order. */
  others: { field: ImportRowError['field']; code: ImportRowError['code'] }[];
  rawPhone: string;
  /** The row, phone still empty, when it has no problem of its own. */
  fields: PreparedRow | null;
}

/** A cell's trimmed text ('' for a column not mapped or missing on this row). */
export function cellAt(r: string[], col: number | undefined): string {
  return col === undefined ? '' : (r[col] ?? '').trim();
}

const CONSENT_COLUMNS = ['consent_whatsapp', 'consent_sms_email'] as const;

/**
 * Checks one spreadsheet row, all columns but the phone's. Runs 100,000 times in a big import, so
 * it allocates nothing per row beyond its result (no closures, empty cells skip their parsers).
 */
export function checkRow(r: string[], mapping: ImportMapping, now: number): RowVerdict {
  const others: RowVerdict['others'] = [];
  const name = cellAt(r, mapping.name);
  const nameError = !name ? 'missing_name' : name.length > 120 ? 'too_long' : null;
  const email = cellAt(r, mapping.email);
  if (email && (!EMAIL.test(email) || email.length > 254))
    others.push({ field: 'email', code: 'invalid_email' });
  const address = cellAt(r, mapping.address);
  if (address.length > 500) others.push({ field: 'address', code: 'too_long' });
  const notes = cellAt(r, mapping.notes);
  if (notes.length > 2000) others.push({ field: 'notes', code: 'too_long' });
  else if (notes && findSensitive(notes).length) others.push({ field: 'notes', code: 'sensitive_notes' });
  const birthdayCell = cellAt(r, mapping.birthday);
  const birthday = birthdayCell ? parseBirthday(birthdayCell, now) : null;
  if (birthday === 'invalid' || (birthday && birthday > shopIsoDay(now)))
    others.push({ field: 'birthday', code: 'invalid_birthday' });
  const genderCell = cellAt(r, mapping.gender);
  const gender = genderCell ? parseGender(genderCell) : null;
  if (gender === 'invalid') others.push({ field: 'gender', code: 'invalid_gender' });
  const consents: number[] = [];
  for (let slot = 0; slot < CONSENT_COLUMNS.length; slot++) {
    const column = CONSENT_COLUMNS[slot]!;
    if (mapping[column] === undefined) continue;
    const v = parseConsent(cellAt(r, mapping[column]));
    if (v === 'invalid') others.push({ field: column, code: 'invalid_consent' });
    else if (v) consents.push(slot);
  }
  const minor = typeof birthday === 'string' && birthday !== 'invalid' && ageOn(birthday, now) < 18;
  // A minor's consent needs a guardian's name, which a spreadsheet row does not carry.
  if (minor && consents.length) others.push({ field: 'row', code: 'guardian_required' });
  const rawPhone = cellAt(r, mapping.phone);
  if (nameError || others.length) return { nameError, name, others, rawPhone, fields: null };
  const tagsCell = cellAt(r, mapping.tags);
  const tags = tagsCell
    ? [
        ...new Set(
          tagsCell
            .split(/[,;|]/)
            .map((t) => t.trim())
            .filter(Boolean)
            .slice(0, 20),
        ),
      ]
    : [];
  return {
    nameError,
    name,
    others,
    rawPhone,
    fields: {
      name,
      name_norm: foldText(name),
      digits: '',
      phone_e164: null,
      email: email || null,
      address: address || null,
      notes: notes || null,
      birthday: typeof birthday === 'string' ? birthday : null,
      gender: gender === 'invalid' ? null : gender,
      tags: tags.length ? JSON.stringify(tags) : null,
      is_minor: minor ? 1 : 0,
      guardian_name: null,
      consents,
    },
  };
}

/**
 * Second pass, in file order: the phone's problems (invalid, seen earlier in the file, already in
 * the vault) and the final list. The first valid row with a number keeps it.
 */
export async function settleRows(
  verdicts: RowVerdict[],
  phones: (string | null)[],
  isCustomerPhone: (phone: string) => boolean,
  /** Called every CHUNK rows, to yield to the event loop. */
  pause: (done: number) => Promise<void>,
  /** The spreadsheet row of each data row (default: the header is row 1, no blank rows). */
  rowNumbers?: readonly number[],
): Promise<{
  errors: ImportRowError[];
  valid: PreparedRow[];
  inVault: InVaultRow[];
}> {
  const errors: ImportRowError[] = [];
  const valid: PreparedRow[] = [];
  const inVault: InVaultRow[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < verdicts.length; i++) {
    if (i % CHUNK === 0 && i > 0) await pause(i);
    const v = verdicts[i]!;
    const row = rowNumbers?.[i] ?? i + 2;
    const phone = phones[i] ?? null;
    const phoneError: ImportRowError['code'] | null = !v.rawPhone
      ? null
      : !phone
        ? // 6.28E+12: Excel turned the column into numbers (and lost the last digits).
          /^\d+([.,]\d+)?e\+?\d+$/i.test(v.rawPhone)
          ? 'phone_as_number'
          : 'invalid_phone'
        : seen.has(phone)
          ? 'duplicate_in_file'
          : isCustomerPhone(phone)
            ? 'duplicate_in_vault'
            : null;
    if (v.nameError) errors.push({ row, field: 'name', code: v.nameError });
    if (phoneError) errors.push({ row, field: 'phone', code: phoneError });
    for (const o of v.others) errors.push({ row, ...o });
    if (phone && phoneError === 'duplicate_in_vault') {
      if (v.fields) v.fields.phone_e164 = phone;
      inVault.push({ row, phone, name: v.name, fields: v.fields });
    }
    if (!v.fields || phoneError) continue;
    if (phone) {
      seen.add(phone);
      // Filled in place: a copy per row (object spread) made this pass several times slower.
      v.fields.phone_e164 = phone;
      v.fields.digits = phoneSearchDigits(phone);
    }
    valid.push(v.fields);
  }
  return { errors, valid, inVault };
}
