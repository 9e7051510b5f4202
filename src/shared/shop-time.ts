import type { Language } from './language';

/**
 * Dates in the documents main writes (notices, reports, answers, receipts): on the shop's
 * calendar (Asia/Jakarta, WIB) whatever the laptop's zone, in the document's language.
 */
const locale = (lang: Language) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** A formatter is costly to make (tens of microseconds): one per language and style, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale(lang), options)));
  return f;
}

/** 29 November 2026 */
export function shopDay(ms: number, lang: Language): string {
  return format(lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(ms);
}

/** 29 November 2026 10.15 (with `short`: 29 Nov 2026 10.15) */
export function shopDateTime(ms: number, lang: Language, month: 'long' | 'short' = 'long'): string {
  return format(lang, {
    day: 'numeric',
    month,
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(ms);
}
