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

/** Latin letters that Cyrillic and Greek ones imitate, and digits and signs used as letters. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  к: 'k',
  м: 'm',
  н: 'h',
  т: 't',
  в: 'b',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Any script's decimal digit as 0-9 (Arabic-Indic ٣, Extended ۳, Devanagari ३...; NFKC did full-width). */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    let zero = cp;
    while (cp - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String(cp - zero);
  });
}

/**
 * What the check reads: NFKC (full-width forms), without zero-width and other invisible format
 * characters, with every digit script as 0-9.
 */
function plain(text: string): string {
  return asciiDigits(text.normalize('NFKC').replace(/\p{Cf}/gu, ''));
}

/** The words of a text, folded so "D1ABЕTES", "d i a b e t e s" and "diabetes" read alike. */
function words(text: string): string {
  let s = text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  s = [...s].map((ch) => LOOK_ALIKES[ch] ?? ch).join('');
  // Spaced-out letters ("d i a b e t e s", "d.i.a.b.e.t.e.s") close up into one word.
  s = s.replace(/(?<![\p{L}])(?:\p{L}[\s._*-]){2,}\p{L}(?![\p{L}])/gu, (m) => m.replace(/[\s._*-]/g, ''));
  return ` ${s.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

/**
 * Indonesian words carry affixes, so a listed term is matched with them: up to two prefixes
 * (ber-, pe-, ke-, di-, me-, ter-, se-, per-: "berpenyakit", "keagamaan", "diperiksakan"), a
 * derivational ending (-an, -kan, -i: "jantungan", "pengobatan", "dipenjarakan", and English -s,
 * -es), then a clitic (-nya, -ku, -mu, -lah, -kah, -pun). After me-/pe- a first s, p, t or k
 * turns nasal ("sakit" -> "menyakitkan", "penjara" -> "memenjarakan"); the nasal forms are built
 * from each term, so a new term needs no list of its derived words.
 */
const PREFIX = '(?:ber|be|per|pe|peng|pem|pen|me|meng|mem|men|di|ke|ter|se){0,2}';
const SUFFIX = '(?:an|kan|i|s|es)?(?:nya|ku|mu|lah|kah|pun)?';
const NASAL: Record<string, string> = { s: 'ny', p: 'm', t: 'n', k: 'ng' };

function affixed(term: string): string {
  const forms = [`${PREFIX}${term}`];
  const nasal = NASAL[term[0]!];
  if (nasal) forms.push(`(?:ber|di|ke|ter|per)?(?:me|pe)${nasal}${term.slice(1)}`);
  return forms.join('|');
}

const patterns = Object.fromEntries(
  (Object.entries(WORDS) as [SensitiveKind, string[]][]).map(([kind, list]) => [
    kind,
    new RegExp(` (?:${list.map(affixed).join('|')})${SUFFIX} `),
  ]),
) as Record<Exclude<SensitiveKind, 'nik' | 'card'>, RegExp>;

export function findSensitive(raw: string | null | undefined): SensitiveKind[] {
  if (!raw) return [];
  const text = plain(raw);
  const found = new Set<SensitiveKind>();
  // NIK: exactly 16 digits, possibly grouped with spaces, dots, dashes or slashes.
  for (const m of text.matchAll(/(?<!\d)(?:\d[\s./-]?){15}\d(?!\d)/g)) {
    if (m[0].replace(/\D/g, '').length === 16) found.add('nik');
  }
  // Card numbers: 13-19 digits that pass the Luhn check (a 16-digit NIK may pass too: both flagged).
  for (const m of text.matchAll(/(?<!\d)(?:\d[\s-]?){12,18}\d(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.add('card');
  }
  const folded = words(text);
  for (const [kind, pattern] of Object.entries(patterns) as [SensitiveKind, RegExp][]) {
    if (pattern.test(folded)) found.add(kind);
  }
  return [...found];
}
