/**
 * Amounts as a cashier types them: "Rp 150.000", "150.000", "150000", "150rb", "150 ribu",
 * "1,5jt", "1.5 juta", "2k". Without a suffix every dot, comma and space groups thousands (rupiah
 * have no cents); with one, a dot or comma is the decimal mark. Returns whole rupiah, or null
 * when the text is not an amount.
 */
export function parseRupiah(text: string): number | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^rp\.?\s*/, '');
  const m = /^(\d[\d.,\s]*?)\s*(rb|ribu|k|jt|juta)?$/.exec(t);
  if (!m) return null;
  const [, digits, suffix] = m as unknown as [string, string, string | undefined];
  let value: number;
  if (suffix) {
    const decimal = digits.replace(/\s/g, '');
    if (!/^\d+([.,]\d+)?$/.test(decimal)) return null;
    const scale = suffix === 'jt' || suffix === 'juta' ? 1_000_000 : 1000;
    value = Math.round(Number(decimal.replace(',', '.')) * scale);
  } else {
    // Groups of three after the first, as written: 1.500.000 or 1,500,000 or 1 500 000.
    if (/[.,\s]/.test(digits) && !/^\d{1,3}([.,\s]\d{3})+$/.test(digits)) return null;
    value = Number(digits.replace(/[.,\s]/g, ''));
  }
  return Number.isSafeInteger(value) ? value : null;
}
