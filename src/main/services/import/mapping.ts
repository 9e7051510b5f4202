import type { ImportMapping, ImportTarget } from '../../../shared/domain';
import { foldText } from '../text';
import { parseBirthday as parseShopBirthday } from '../../../shared/shop-date';

/** Header names as Indonesian and English spreadsheets write them, folded (no case, accents, spaces). */
const SYNONYMS: Record<ImportTarget, string[]> = {
  name: [
    'nama',
    'namapelanggan',
    'namalengkap',
    'namakonsumen',
    'name',
    'fullname',
    'customername',
    'customer',
  ],
  phone: [
    'telepon',
    'telp',
    'notelp',
    'notelepon',
    'nomortelepon',
    'hp',
    'nohp',
    'nomorhp',
    'wa',
    'nowa',
    'nomorwa',
    'whatsapp',
    'phone',
    'phonenumber',
    'mobile',
    'handphone',
  ],
  email: ['email', 'surel', 'alamatemail', 'emailaddress'],
  address: ['alamat', 'alamatrumah', 'alamatpengiriman', 'address', 'shippingaddress'],
  birthday: ['tanggallahir', 'tgllahir', 'lahir', 'ultah', 'birthday', 'birthdate', 'dateofbirth', 'dob'],
  gender: ['jeniskelamin', 'jk', 'kelamin', 'gender', 'sex'],
  notes: ['catatan', 'keterangan', 'ket', 'notes', 'note', 'remarks'],
  tags: ['tag', 'tags', 'preferensi', 'kategori', 'produkfavorit', 'preferences'],
  consent_whatsapp: [
    'persetujuanwhatsapp',
    'persetujuanwa',
    'persetujuanpromosiwa',
    'persetujuanpromosiwhatsapp',
    'setujupromosiwa',
    'setujupromosiwhatsapp',
    'setujupromowa',
    'izinpromowa',
    'izinpromosiwa',
    'consentwa',
    'waoptin',
    'setujuwa',
    'setujuwhatsapp',
    'izinwa',
    'izinwhatsapp',
    'promowa',
    'consentwhatsapp',
    'whatsappconsent',
    'whatsappoptin',
  ],
  consent_sms_email: [
    'persetujuanpromosismsemail',
    'setujupromosisms',
    'setujupromosiemail',
    'persetujuansms',
    'persetujuanemail',
    'persetujuansmsemail',
    'setujusms',
    'setujuemail',
    'izinsms',
    'izinemail',
    'consentsms',
    'consentemail',
    'emailoptin',
    'smsoptin',
  ],
};

const key = (h: string) => foldText(h).replace(/[^a-z0-9]/g, '');

/**
 * Suggests a column per target from the headers. `purposeHeaders` are the headers the app's own
 * export writes for consent (`persetujuan:<purpose name>`, by the purpose's channel), so a
 * re-imported export needs no hand mapping; `skip` are targets the shop does not collect.
 */
export function suggestMapping(
  headers: string[],
  opts: { purposeHeaders?: Partial<Record<ImportTarget, string[]>>; skip?: ReadonlySet<ImportTarget> } = {},
): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  for (const [target, known] of Object.entries(SYNONYMS) as [ImportTarget, string[]][]) {
    if (opts.skip?.has(target)) continue;
    const names = [...known, ...(opts.purposeHeaders?.[target] ?? []).map(key)];
    const index = headers.findIndex((h, i) => !used.has(i) && names.includes(key(h)));
    if (index >= 0) {
      mapping[target] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** The words that count as yes (shown to the owner when a cell is unclear). */
export const YES_WORDS = ['ya', 'iya', 'y', 'yes', 'setuju', 'bersedia', 'ok', '1', 'v', 'x', 'true'];
const YES = new Set(YES_WORDS);
// 'ditarik' is what the app's own export writes for withdrawn consent: not a yes.
const NO = new Set(['', 'tidak', 'tdk', 't', 'no', 'n', '0', 'false', 'tidaksetuju', 'ditarik', 'belum']);

/** Consent comes only from an explicit column: yes (YES_WORDS) means granted; blank or no records nothing. */
export function parseConsent(value: string): boolean | 'invalid' {
  const k = key(value);
  if (YES.has(k)) return true;
  if (NO.has(k) || value.trim() === '-') return false;
  return 'invalid';
}

export function parseGender(value: string): 'female' | 'male' | null | 'invalid' {
  const k = key(value);
  if (!k) return null;
  if (['p', 'perempuan', 'wanita', 'f', 'female', 'w'].includes(k)) return 'female';
  if (['l', 'lakilaki', 'laki', 'pria', 'm', 'male'].includes(k)) return 'male';
  return 'invalid';
}

/** The import reads birthdays as the counter's form does (day first; see shop-date.ts). */
export function parseBirthday(value: string, now = Date.now()): string | null | 'invalid' {
  return parseShopBirthday(value, now);
}
