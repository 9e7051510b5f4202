import type { ImportMapping, ImportTarget } from '../../../shared/domain';
import { foldText } from '../text';

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

/**
 * 1990-05-17, 17/05/1990, 17-05-1990, 17.05.1990, or with a two-digit year as LibreOffice in an
 * Indonesian locale saves dates (17/05/90). Day first, as written in Indonesia. A two-digit year
 * is the latest year ending in those digits that is not after `now`'s year (a birthday is in the
 * past): 90 is 1990, 05 is 2005, and in 2026 a 26 is 2026, a 27 is 1927.
 */
export function parseBirthday(value: string, now = Date.now()): string | null | 'invalid' {
  const v = value.trim();
  if (!v) return null;
  let parts: [number, number, number];
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) {
    parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(v))) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(match[3]);
    if (year > thisYear) year -= 100;
    parts = [year, Number(match[2]), Number(match[1])];
  } else return 'invalid';
  const [y, m, d] = parts;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) return 'invalid';
  return iso;
}
