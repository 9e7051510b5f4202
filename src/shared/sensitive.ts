/**
 * Free-text notes are where data that must not be there leaks in: national ID numbers, card
 * numbers, and "specific" personal data under UU PDP (health, religion, criminal records...).
 * Shared so the form can warn while typing; main checks again before saving.
 */
export type SensitiveKind = 'nik' | 'card' | 'health' | 'religion' | 'criminal' | 'finance';

const WORDS: Record<Exclude<SensitiveKind, 'nik' | 'card'>, string[]> = {
  health: [
    'sakit',
    'penyakit',
    'diabetes',
    'kencing manis',
    'darah tinggi',
    'hipertensi',
    'jantung',
    'kanker',
    'stroke',
    'hiv',
    'aids',
    'hamil',
    'kehamilan',
    'asma',
    'tbc',
    'hepatitis',
    'diagnosa',
    'diagnosis',
    'obat',
    'rawat inap',
    'operasi',
    'disabilitas',
    'depresi',
    'gangguan jiwa',
    'alergi',
    'pregnant',
    'disease',
    'illness',
    'cancer',
    'diabetic',
    'medication',
  ],
  religion: [
    'agama',
    'islam',
    'muslim',
    'kristen',
    'katolik',
    'protestan',
    'hindu',
    'buddha',
    'budha',
    'konghucu',
    'religion',
  ],
  criminal: [
    'narapidana',
    'napi',
    'penjara',
    'dipenjara',
    'kriminal',
    'catatan polisi',
    'residivis',
    'criminal record',
  ],
  finance: ['gaji', 'utang', 'hutang', 'pinjol', 'nomor rekening', 'no rek', 'saldo', 'salary', 'debt'],
};

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function findSensitive(text: string | null | undefined): SensitiveKind[] {
  if (!text) return [];
  const found = new Set<SensitiveKind>();
  // NIK: exactly 16 digits, possibly grouped with spaces, dots or dashes.
  for (const m of text.matchAll(/(?<!\d)(?:\d[\s.-]?){15}\d(?!\d)/g)) {
    if (m[0].replace(/\D/g, '').length === 16) found.add('nik');
  }
  // Card numbers: 13-19 digits that pass the Luhn check (a 16-digit NIK may pass too: both flagged).
  for (const m of text.matchAll(/(?<!\d)(?:\d[\s-]?){12,18}\d(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.add('card');
  }
  const folded = ` ${text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const [kind, words] of Object.entries(WORDS) as [SensitiveKind, string[]][]) {
    if (words.some((w) => folded.includes(` ${w} `))) found.add(kind);
  }
  return [...found];
}
