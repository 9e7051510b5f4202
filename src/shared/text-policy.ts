/**
 * Characters no text typed at a shop needs, refused in every text input: C0 and C1 control
 * characters (tab and line breaks allowed where the field has several lines), DEL, the bidi
 * embedding, override and isolate controls (they make "Budi" display as something else), and
 * unpaired surrogates (not text at all; SQLite and CSV writers mangle them).
 */
// Control characters are exactly what these patterns look for.
/* eslint-disable no-control-regex */
const SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The validation message (a reason code) zod carries for such text. */
export const HIDDEN_CHARS = 'hidden_chars';

export function hasHiddenChars(text: string, multiline = false): boolean {
  return (multiline ? MULTI_LINE : SINGLE_LINE).test(text) || LONE_SURROGATE.test(text);
}
