import type { Language } from '../../shared/language';
import { shopDay } from '../../shared/shop-time';

const locale = (lang: Language) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** 29 Nov 2026 */
export function formatDate(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric' }).format(
    ms,
  );
}

/** A day of the shop's calendar (deletion dates are counted in Asia/Jakarta, whatever the laptop's zone). */
export const formatShopDay = shopDay;

/** 29 Nov 2026 10.15 */
export function formatDateTime(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

/** Rp 150.000 (integer rupiah, Indonesian grouping in both languages). */
export function formatRupiah(amount: number): string {
  return `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount)}`;
}
