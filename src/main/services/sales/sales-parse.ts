import type { SalesMapping, SalesTarget } from '../../../shared/domain';
import { parseRupiah } from '../../../shared/rupiah';
import { DAY_MS, fromShopWall, fromWallAsUtc } from '../../../shared/shop-time';
import { foldText } from '../text';

/**
 * Headers as Indonesian POS exports write them (Moka, majoo, Pawoon, iReap, Kasir Pintar), folded
 * (no case, accents, spaces or dots), most specific first: "No. HP Pelanggan" before "Pelanggan".
 */
const SYNONYMS: Record<SalesTarget, string[]> = {
  date: [
    'tanggaldanwaktu',
    'tanggalwaktu',
    'tanggaljam',
    'waktutransaksi',
    'tanggaltransaksi',
    'tgltransaksi',
    'tanggal',
    'tgl',
    'waktu',
    'datetime',
    'transactiondate',
    'transactiontime',
    'date',
    'time',
    'createdat',
  ],
  receipt: [
    'nostruk',
    'nomorstruk',
    'struk',
    'receiptnumber',
    'receiptno',
    'receipt',
    'notransaksi',
    'nomortransaksi',
    'idtransaksi',
    'kodetransaksi',
    'transactionid',
    'transactionno',
    'noinvoice',
    'nomorinvoice',
    'invoice',
    'nonota',
    'nomornota',
    'nota',
    'billno',
    'billnumber',
    'orderid',
    'noorder',
  ],
  customerPhone: [
    'nohppelanggan',
    'teleponpelanggan',
    'nomorhppelanggan',
    'notelppelanggan',
    'customerphone',
    'customerphonenumber',
    'nohp',
    'nomorhp',
    'hp',
    'notelepon',
    'nomortelepon',
    'telepon',
    'notelp',
    'telp',
    'nowa',
    'whatsapp',
    'phone',
    'phonenumber',
    'mobile',
    'handphone',
    'pelanggan',
    'customer',
  ],
  total: [
    'grandtotal',
    'totalbayar',
    'totalpenjualan',
    'totaltransaksi',
    'totalharga',
    'total',
    'jumlahbayar',
    'jumlah',
    'nominal',
    'totalamount',
    'amount',
    'netsales',
    'penjualanbersih',
    'penjualankotor',
    'grosssales',
    'subtotal',
  ],
  items: [
    'item',
    'items',
    'namaitem',
    'produk',
    'namaproduk',
    'product',
    'products',
    'barang',
    'namabarang',
    'menu',
    'pesanan',
    'detailitem',
    'itemdetail',
    'detail',
  ],
};

const key = (h: string) => foldText(h).replace(/[^a-z0-9]/g, '');

/** A column per target, the most specific header name winning; each column used once. */
export function suggestSalesMapping(headers: readonly string[]): SalesMapping {
  const keys = headers.map(key);
  const mapping: SalesMapping = {};
  const used = new Set<number>();
  for (const [target, names] of Object.entries(SYNONYMS) as [SalesTarget, string[]][]) {
    for (const name of names) {
      const i = keys.findIndex((k, n) => !used.has(n) && k === name);
      if (i >= 0) {
        mapping[target] = i;
        used.add(i);
        break;
      }
    }
  }
  return mapping;
}

/**
 * The header row: POS reports often open with a title, the shop's name and the period before the
 * table. The first of the first 20 rows naming at least two of date, receipt and total.
 */
export function findHeaderRow(rows: readonly string[][]): number {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const m = suggestSalesMapping(rows[i]!.map((c) => c.trim()));
    if ([m.date, m.receipt, m.total].filter((c) => c !== undefined).length >= 2) return i;
  }
  return rows.findIndex((r) => r.some((c) => c.trim() !== ''));
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  peb: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  nop: 11,
  nopember: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

/** A time written in the sheet, on the shop's clock. */
const wib = fromShopWall;

/**
 * When a sale happened, as POS exports write it, read on the shop's clock (WIB): 05/12/2026,
 * 05/12/2026 14:30(:15), 05-12-2026, 2026-12-05 14:30, 5 Des 2026 14.30, or an Excel date number
 * (46361.6 is 5 December 2026 14:24). Day first, as written in Indonesia. Null when not a date.
 */
export function parseSaleTime(text: string): number | null {
  const v = text.trim().replace(/\s+/g, ' ');
  if (!v) return null;
  const time = String.raw`(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?(?: ?WIB)?)?`;
  let m = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${time}Z?$`).exec(v);
  if (m) return wib(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${time}$`).exec(v);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return wib(y, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = new RegExp(String.raw`^(\d{1,2})[ -]([a-zA-Z]+)\.?[ -](\d{4})${time}$`).exec(v);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? wib(+m[3]!, month, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : null;
  }
  // An Excel date number (days since 30 December 1899, the fraction the time of day), for a cell
  // the sheet did not format as a date. Only years 2000-2119: a bare number outside that (a total,
  // a receipt number in the wrong column) is not one.
  if (/^\d{5}(\.\d+)?$/.test(v)) {
    const serial = Number(v);
    if (serial < 36_526 || serial > 80_000) return null;
    // The serial counts the sheet's wall time, the shop's clock (WIB).
    return fromWallAsUtc(Math.round(((serial - 25_569) * DAY_MS) / 1000) * 1000);
  }
  return null;
}

/**
 * A receipt's total in whole rupiah: "Rp 25.000", "25000", "25,000", "Rp25.000,00", "25000.00"
 * (a POS's zero cents). Null for anything else, a negative total (a refund) included.
 */
export function parseSaleTotal(text: string): number | null {
  let t = text.trim();
  if (!t || t.startsWith('-') || t.startsWith('(')) return null;
  // Zero cents after thousands or plain digits: 25.000,00 or 25000.00.
  t = t.replace(/^(.*\d)[.,]00?$/, (all, head: string) =>
    /^(?:rp\.?\s*)?(\d{1,3}([.,\s]\d{3})*|\d+)$/i.test(head) ? head : all,
  );
  if (/^\d+\.\d+$/.test(t)) return null; // 25000.5: rupiah have no cents
  const value = parseRupiah(t);
  return value === null || value < 0 ? null : value;
}

// eslint-disable-next-line no-control-regex -- control and direction characters are what we drop
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The items of a sale as the POS lists them in one cell: "Kopi Susu x2, Roti Bakar; Es Teh". */
export function parseSaleItems(text: string): string[] {
  return text
    .split(/[,;\n]|\r/)
    .map((i) => i.replace(HIDDEN, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((i) => (i.length > 200 ? `${i.slice(0, 199)}…` : i));
}
