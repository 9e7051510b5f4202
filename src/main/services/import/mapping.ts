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

export function suggestMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  for (const [target, names] of Object.entries(SYNONYMS) as [ImportTarget, string[]][]) {
    const index = headers.findIndex((h, i) => !used.has(i) && names.includes(key(h)));
    if (index >= 0) {
      mapping[target] = index;
      used.add(index);
    }
  }
  return mapping;
}

const YES = new Set(['ya', 'y', 'yes', '1', 'true', 'setuju', 'bersedia', 'ok', 'v', 'x']);
const NO = new Set(['', 'tidak', 'tdk', 't', 'no', 'n', '0', 'false', 'tidaksetuju']);

/** Consent comes only from an explicit column: yes means granted; blank or no records nothing. */
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

/** 1990-05-17, 17/05/1990, 17-05-1990 or 17.05.1990 (day first, as written in Indonesia). */
export function parseBirthday(value: string): string | null | 'invalid' {
  const v = value.trim();
  if (!v) return null;
  let parts: [number, number, number];
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) {
    parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  } else return 'invalid';
  const [y, m, d] = parts;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) return 'invalid';
  return iso;
}
