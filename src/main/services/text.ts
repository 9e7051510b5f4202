/** Folds case and accents so "José" is found by "jose" and "JOSE". */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Quotes a user string as one FTS5 phrase so operators in it are plain text. */
export function ftsPhrase(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
