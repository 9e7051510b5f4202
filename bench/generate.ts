/**
 * Realistic synthetic shop data, deterministic for a given seed: Indonesian names, mobile
 * numbers, addresses, about ten purchases and a few consent events per customer.
 */
const FIRST = [
  'Siti',
  'Budi',
  'Dewi',
  'Agus',
  'Sri',
  'Andi',
  'Rina',
  'Joko',
  'Wati',
  'Eko',
  'Nur',
  'Ahmad',
  'Ayu',
  'Bambang',
  'Fitri',
  'Hendra',
  'Indah',
  'Yusuf',
  'Lestari',
  'Rudi',
  'Putri',
  'Dimas',
  'Ratna',
  'Fajar',
  'Maya',
  'Rizky',
  'Wulan',
  'Bayu',
  'Dian',
  'Teguh',
  'Yuni',
  'Arif',
  'Sari',
  'Gilang',
  'Nanda',
  'Wahyu',
  'Kartika',
  'Hadi',
  'Mega',
  'Iwan',
  'Lina',
  'Taufik',
  'Novi',
  'Yoga',
  'Citra',
  'Ilham',
  'Rahmat',
  'Tri',
  'Desi',
  'Galih',
  'José',
  'Ñoman',
];
const LAST = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Lestari',
  'Pratama',
  'Hidayat',
  'Kusuma',
  'Nugroho',
  'Rahayu',
  'Setiawan',
  'Susanto',
  'Handayani',
  'Purnomo',
  'Siregar',
  'Nasution',
  'Simanjuntak',
  'Harahap',
  'Gunawan',
  'Permana',
  'Hasibuan',
  'Wibowo',
  'Rahman',
  'Syahputra',
  'Utami',
  'Suryadi',
  'Sembiring',
  'Pangaribuan',
  'Tanjung',
  'Halim',
  'Putra',
  'Maulana',
  'Firmansyah',
  'Anggraini',
  'Ramadhan',
  'Kurniawan',
  'Marpaung',
  'Sinaga',
  'Aminah',
];
const STREETS = [
  'Melati',
  'Mawar',
  'Kenanga',
  'Anggrek',
  'Sudirman',
  'Diponegoro',
  'Gatot Subroto',
  'Ahmad Yani',
  'Merdeka',
  'Pahlawan',
  'Cempaka',
  'Flamboyan',
];
const CITIES = [
  'Bandung',
  'Surabaya',
  'Medan',
  'Semarang',
  'Makassar',
  'Yogyakarta',
  'Malang',
  'Bekasi',
  'Depok',
  'Palembang',
  'Denpasar',
  'Bogor',
];
const PREFIXES = [
  '0811',
  '0812',
  '0813',
  '0821',
  '0822',
  '0852',
  '0853',
  '0856',
  '0857',
  '0858',
  '0877',
  '0878',
  '0895',
  '0896',
  '0881',
];
const ITEMS = [
  'Beras 5 kg',
  'Minyak goreng 2 L',
  'Gula 1 kg',
  'Telur 1 kg',
  'Kopi sachet',
  'Teh celup',
  'Mi instan',
  'Sabun mandi',
  'Deterjen',
  'Susu kental',
  'Tepung terigu',
  'Kecap manis',
];

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenCustomer {
  name: string;
  /** As a cashier writes it: 0812-3456-7890 */
  phone: string;
  /** E.164, unique. */
  e164: string;
  address: string;
  purchases: { at: number; amount: number; items: string[] }[];
  /** Purpose ids granted (2 = WhatsApp, 3 = SMS/email, 4 = personalisation); some later withdrawn. */
  consents: { purposeId: number; granted: boolean }[];
}

export function* customers(count: number, seed = 42, purchasesPer = 10): Generator<GenCustomer> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const prefix = PREFIXES[i % PREFIXES.length]!;
    // Unique: the customer number spread over 8 digits with a fixed odd multiplier.
    const rest = String((i * 7_919 + 1_234_567) % 100_000_000).padStart(8, '0');
    const digits = `${prefix}${rest}`;
    const n = purchasesPer === 0 ? 0 : Math.max(1, Math.round(purchasesPer * (0.5 + r())));
    yield {
      name: `${pick(FIRST)} ${pick(LAST)}${r() < 0.2 ? ` ${pick(LAST)}` : ''}`,
      phone: `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`,
      e164: `+62${digits.slice(1)}`,
      address: `Jl. ${pick(STREETS)} No. ${1 + Math.floor(r() * 200)}, ${pick(CITIES)}`,
      purchases: Array.from({ length: n }, () => ({
        at: start + Math.floor(r() * 700 * 86_400_000),
        amount: 1000 * (5 + Math.floor(r() * 500)),
        items: Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(ITEMS)),
      })),
      consents: [2, 3, 4].filter(() => r() < 0.4).map((purposeId) => ({ purposeId, granted: r() < 0.85 })),
    };
  }
}

/** The same data as a spreadsheet export: ';' separated, UTF-8 with BOM, Indonesian headers. */
export function csvOf(rows: Iterable<GenCustomer>): string {
  const lines = ['Nama;No HP;Alamat;Persetujuan WA'];
  for (const c of rows) {
    const wa = c.consents.some((x) => x.purposeId === 2 && x.granted) ? 'ya' : '';
    lines.push(`${c.name};${c.phone};"${c.address}";${wa}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
