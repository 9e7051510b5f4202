/** Printable ASCII only: nothing to decompose, so folding is just lower case (most names). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Folds case and accents so "José" is found by "jose" and "JOSE". */
export function foldText(s: string): string {
  // Same result as the full path for printable ASCII (NFKD leaves it unchanged, it has no marks),
  // at a fraction of the cost: an import folds 100,000 names.
  if (PLAIN_ASCII.test(s)) return s.toLowerCase().replace(/ +/g, ' ').trim();
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Quotes a user string as one FTS5 phrase so operators in it are plain text. */
export function ftsPhrase(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
