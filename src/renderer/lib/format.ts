import type { Language } from '../../shared/language';
import { shopDateTime, shopDay } from '../../shared/shop-time';

/** 29 Nov 2026, the shop's day (Asia/Jakarta) whatever the laptop's zone. */
export function formatDate(ms: number, lang: Language): string {
  return shopDay(ms, lang, 'short');
}

/** A day of the shop's calendar (deletion dates are counted in Asia/Jakarta, whatever the laptop's zone). */
export const formatShopDay = shopDay;

/** 29 Nov 2026 10.15, on the shop's clock (WIB). */
export function formatDateTime(ms: number, lang: Language): string {
  return shopDateTime(ms, lang, 'short');
}

/** 150.000: integer rupiah grouped as the shop writes them (a field's value; parseRupiah reads it back). */
export function groupRupiah(amount: number): string {
  return new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount);
}

/** Rp 150.000 (integer rupiah, Indonesian grouping in both languages). */
export function formatRupiah(amount: number): string {
  return `Rp ${groupRupiah(amount)}`;
}
