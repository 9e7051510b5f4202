/** Printable ASCII only: nothing to decompose, so folding is just lower case (most names). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Apostrophes in every form Excel's autocorrect and phones produce (' ’ ‘ ʼ ´ `): dropped, so
 * Nur’aini is found by "nur'aini" and by "nuraini".
 */
const APOSTROPHES = /['\u2019\u2018\u02bc\u00b4`]/g;

/** Folds case, accents and apostrophes so "José" is found by "jose" and "Nur’aini" by "nuraini". */
export function foldText(s: string): string {
  // Same result as the full path for printable ASCII (NFKD leaves it unchanged, it has no marks),
  // at a fraction of the cost: an import folds 100,000 names.
  if (PLAIN_ASCII.test(s)) return s.toLowerCase().replace(APOSTROPHES, '').replace(/ +/g, ' ').trim();
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Quotes a user string as one FTS5 phrase so operators in it are plain text. */
export function ftsPhrase(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
